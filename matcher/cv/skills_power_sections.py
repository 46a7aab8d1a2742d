"""The CV sections "Recrutement et compétences" (BMO 2025) and "Énergie : réseau électrique" (RTE).

They describe a basin; they are not indexed or ranked (BMO 2025 postdates the development cases).
"""

from __future__ import annotations

from collections import Counter

from matcher.cv.document import CvSection
from matcher.territory.figure_labels import format_number
from matcher.territory.loading import Territories
from matcher.territory.power_grid import GRID_SOURCE, Nearest, PowerGrid, Substation, load_grid
from matcher.territory.records import Basin, Source
from matcher.territory.recruitment import (
    BMO_SOURCE,
    BMO_YEAR,
    MAPPING_SOURCE,
    NATIONAL,
    Hiring,
    Recruitment,
    load_recruitment,
)

RECRUITMENT_TITLE = "Recrutement et compétences"
POWER_TITLE = "Énergie : réseau électrique haute tension"
NEEDS_SECTIONS = ("recruitment", "power_grid")
TOP_OCCUPATIONS = 5
VOLTAGE_GROUPS = (
    ("400 kV", {"400"}),
    ("225 kV", {"225"}),
    ("63-150 kV", {"63", "90", "150"}),
    ("moins de 63 kV", {"45", "<45"}),
)
CARRY_OVER_NOTE = (
    "Les bassins BMO de France Travail ne coïncident pas avec les zones d'emploi : chaque bassin BMO est réparti "
    "entre zones d'emploi au prorata de la population 2021 de ses communes (table communes – bassins BMO 2019) ; "
    "les chiffres du bassin sont donc des estimations arrondies. Les effectifs non diffusés (secret statistique) "
    "comptent pour zéro."
)


def share_text(hiring: Hiring) -> str:
    share = hiring.share_difficult
    return "non disponible" if share is None else format_number(round(share), "%")


def _with_references(data: Recruitment, basin: Basin, codes: list[str] | None) -> str:
    own = data.hiring(basin.code, codes)
    region = data.hiring(data.basin_regions.get(basin.code, ""), codes)
    national = data.hiring(NATIONAL, codes)
    return (
        f"{format_number(round(own.projects))} projets, dont {share_text(own)} jugés difficiles "
        f"({data.region_name(basin.code)} : {share_text(region)} ; France : {share_text(national)})"
    )


def _top(data: Recruitment, basin: Basin, codes: list[str] | None) -> str:
    frame = data.areas.get(basin.code)
    if frame is None or frame.empty:
        return "aucun"
    if codes is not None:
        frame = frame.loc[frame.index.intersection(codes)]
    top = frame.sort_values("hiring_projects", ascending=False).head(TOP_OCCUPATIONS)
    rows = top[["hiring_projects", "hiring_projects_difficult"]].itertuples(name=None)
    return (
        " ; ".join(
            f"{data.occupations[code].label} ({format_number(round(projects))}, "
            f"{share_text(Hiring(projects, difficult, 0.0))} difficiles)"
            for code, projects, difficult in rows
            if round(projects) > 0
        )
        or "aucun"
    )


def _bmo_basins(data: Recruitment, basin: Basin) -> str:
    shares = data.shares[data.shares["ze2020_code"] == basin.code].sort_values("weight", ascending=False)
    rows = shares.head(4)[["bmo_basin_name", "weight"]].itertuples(index=False, name=None)
    return ", ".join(f"{name} ({format_number(round(100 * weight), '%')})" for name, weight in rows)


def recruitment_section(basin: Basin, data: Recruitment) -> CvSection:
    """Hiring projects announced for 2025: all, industrial occupations, most sought, share difficult."""
    total = data.hiring(basin.code)
    industrial = data.industrial_codes()
    lines = (
        (
            f"Projets de recrutement annoncés par les employeurs pour {BMO_YEAR} : "
            f"{_with_references(data, basin, None)}"
            f" ; {format_number(round(total.seasonal))} saisonniers."
        ),
        (
            "Métiers industriels (ouvriers de l'industrie, techniciens, agents de maîtrise et ingénieurs de "
            f"l'industrie et de la maintenance), {BMO_YEAR} : {_with_references(data, basin, industrial)}."
        ),
        f"Métiers les plus recherchés ({BMO_YEAR}) : {_top(data, basin, None)}.",
        f"Métiers industriels les plus recherchés ({BMO_YEAR}) : {_top(data, basin, industrial)}.",
        f"Bassins BMO pris en compte (part de leur population dans la zone d'emploi) : {_bmo_basins(data, basin)}.",
        CARRY_OVER_NOTE,
    )
    return CvSection("recruitment", RECRUITMENT_TITLE, lines, (Source(BMO_SOURCE, ""), Source(MAPPING_SOURCE, "")))


def _counts(substations: list[Substation]) -> str:
    counts = Counter(label for s in substations for label, volts in VOLTAGE_GROUPS if s.voltage in volts)
    return " ; ".join(f"{label} : {counts[label]}" for label, _ in VOLTAGE_GROUPS if counts[label]) or "aucun"


def nearest_text(found: Nearest | None) -> str:
    if found is None:
        return "aucun"
    return (
        f"{found.substation.name} ({found.substation.voltage} kV) à {format_number(round(found.km, 1))} km"
        f" {of_place(found.hub.name)}"
    )


def of_place(name: str) -> str:
    """'de Nancy', 'd'Épinal': French elision before a vowel or a mute h."""
    return f"d'{name}" if name[:1].casefold() in "aâàeéèêiîoôuûyh" else f"de {name}"


def power_section(basin: Basin, grid: PowerGrid) -> CvSection:
    """RTE substations in the basin by voltage, and the nearest 400 and 225 kV from its industrial communes."""
    source = (Source(GRID_SOURCE, ""),)
    if not grid.covered(basin.code):
        return CvSection(
            "power_grid",
            POWER_TITLE,
            ("Réseau de RTE non couvert par la source pour ce bassin (Corse et outre-mer).",),
            source,
        )
    own = grid.in_basin(basin.code)
    planned = [s for s in own if not s.in_operation]
    hubs = ", ".join(
        f"{h.name} ({h.industrial_establishments} établissements industriels en 2018)" for h in grid.hubs[basin.code]
    )
    lines = [
        f"Postes de transformation RTE en service dans le bassin : {_counts([s for s in own if s.in_operation])}.",
        (
            "Poste 400 kV le plus proche des principales communes industrielles : "
            f"{nearest_text(grid.nearest(basin.code, frozenset({'400'})))}."
        ),
        f"Poste 225 kV le plus proche : {nearest_text(grid.nearest(basin.code, frozenset({'225'})))}.",
        f"Principales communes industrielles, d'où les distances sont mesurées à vol d'oiseau : {hubs}.",
    ]
    if planned:
        lines.append(
            "Postes autorisés, pas encore en service : "
            + ", ".join(f"{s.name} ({s.voltage} kV)" for s in planned)
            + "."
        )
    lines.append(
        "Un poste est rattaché au bassin de la commune la plus proche ; les points de piquage sur les lignes "
        "ne sont pas comptés."
    )
    return CvSection("power_grid", POWER_TITLE, tuple(lines), source)


def skills_power_sections(basin: Basin, territories: Territories) -> list[CvSection]:
    """Both sections for a basin, from the shipped BMO 2025 and RTE files."""
    return [recruitment_section(basin, load_recruitment()), power_section(basin, load_grid())]
