"""Needs checks of a ranked basin: hiring tension for the occupations sought, and a substation for the power.

Shown beside the fit and never learned: BMO 2025 postdates the development cases (and may hold their
hiring), and the checks answer a company's stated needs rather than predict a choice.

Thresholds (orders of magnitude we chose; a connection is always studied by RTE):
- POWER_THRESHOLD_MW: from about 40 MW a site is beyond what the 20 kV distribution network usually
  serves and is connected to RTE's transmission network; 225 and 400 kV are the voltages built for
  loads of tens to hundreds of MW, where 63/90 kV lines often have little room left.
- POWER_DISTANCE_KM: within 20 km of the basin's main industrial communes, a new 225 kV line stays a
  short link; beyond, its cost and years of permits weigh on the site choice.
- TENSION_GAP_POINTS: the share of difficult hiring projects varies by tens of points between basins;
  a gap of 5 points from the national share is the least we call "plus forte" or "plus faible".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from matcher.cv.skills_power_sections import nearest_text, of_place, share_text
from matcher.project.record import Project
from matcher.territory.figure_labels import format_number
from matcher.territory.power_grid import PowerGrid, load_grid
from matcher.territory.recruitment import BMO_YEAR, NATIONAL, Recruitment, load_recruitment

POWER_THRESHOLD_MW = 40.0
POWER_DISTANCE_KM = 20.0
HIGH_VOLTAGES = frozenset({"225", "400"})
TRANSMISSION_VOLTAGES = frozenset({"63", "90", "150", "225", "400"})
TENSION_GAP_POINTS = 5.0
MIN_PROJECTS = 10


@dataclass(frozen=True)
class OccupationTension:
    code: str
    label: str
    sought: int
    projects: int  # hiring projects announced in the basin (carried over, rounded)
    share_difficult: float | None  # % of them judged difficult
    region_share: float | None
    national_share: float | None


@dataclass(frozen=True)
class HiringCheck:
    level: str  # "higher", "similar", "lower" (than France) or "too_few" projects to tell
    summary: str  # French, with the figures
    sought: int
    projects: int
    share_difficult: float | None
    region: str
    region_share: float | None
    national_share: float | None
    occupations: list[OccupationTension] = field(default_factory=list)


@dataclass(frozen=True)
class PowerCheck:
    status: str  # "met", "unmet", "below_threshold" or "not_covered"
    summary: str
    need_mw: float
    threshold_mw: float
    distance_km: float
    substation: str | None = None
    voltage_kv: str | None = None
    km: float | None = None


class _PowerLimits(TypedDict):
    need_mw: float
    threshold_mw: float
    distance_km: float


class _Nearest(TypedDict, total=False):
    substation: str
    voltage_kv: str
    km: float


@dataclass(frozen=True)
class NeedsChecks:
    hiring: HiringCheck | None = None
    power: PowerCheck | None = None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _level(share: float | None, national: float | None, projects: int) -> str:
    if projects < MIN_PROJECTS or share is None or national is None:
        return "too_few"
    gap = share - national
    return "higher" if gap >= TENSION_GAP_POINTS else "lower" if gap <= -TENSION_GAP_POINTS else "similar"


QUALIFIERS = {
    "higher": "plus forte qu'en France",
    "similar": "proche de la moyenne française",
    "lower": "plus faible qu'en France",
}


def check_hiring(occupations: tuple[tuple[str, int], ...], basin_code: str, data: Recruitment) -> HiringCheck:
    """How hard employers of the basin find it to hire in the occupations sought, against région and France."""
    codes = [code for code, _ in occupations]
    region = data.basin_regions.get(basin_code, "")
    own, regional, national = (data.hiring(area, codes) for area in (basin_code, region, NATIONAL))
    sought, projects = sum(n for _, n in occupations), round(own.projects)
    level = _level(own.share_difficult, national.share_difficult, projects)
    region_name = data.region_name(basin_code)
    references = f"{region_name} : {share_text(regional)} ; France : {share_text(national)}"
    if level == "too_few":
        summary = (
            f"Trop peu de projets de recrutement annoncés pour {BMO_YEAR} dans le bassin pour ces métiers "
            f"({format_number(projects)}) pour mesurer la tension ({references} jugés difficiles)."
        )
    else:
        summary = (
            f"Tension de recrutement {QUALIFIERS[level]} pour ces métiers : {share_text(own)} des "
            f"{format_number(projects)} projets de recrutement annoncés pour {BMO_YEAR} dans le bassin sont "
            f"jugés difficiles ({references})."
        )
    summary += f" Vous recherchez {format_number(sought)} personnes."
    details = [
        OccupationTension(
            code,
            data.occupations[code].label,
            n,
            round(data.hiring(basin_code, [code]).projects),
            *(_round(data.hiring(a, [code]).share_difficult) for a in (basin_code, region, NATIONAL)),
        )
        for code, n in occupations
    ]
    return HiringCheck(
        level,
        summary,
        sought,
        projects,
        _round(own.share_difficult),
        region_name,
        _round(regional.share_difficult),
        _round(national.share_difficult),
        details,
    )


def check_power(need_mw: float, basin_code: str, grid: PowerGrid) -> PowerCheck:
    """Whether a 225/400 kV substation lies within POWER_DISTANCE_KM for a need above POWER_THRESHOLD_MW."""
    base: _PowerLimits = {"need_mw": need_mw, "threshold_mw": POWER_THRESHOLD_MW, "distance_km": POWER_DISTANCE_KM}
    need = f"Besoin de {format_number(need_mw)} MW"
    if not grid.covered(basin_code):
        return PowerCheck(
            "not_covered",
            f"{need} : réseau de RTE non couvert par la source pour ce bassin "
            "(Corse et outre-mer), puissance non vérifiée.",
            **base,
        )
    below = need_mw < POWER_THRESHOLD_MW
    found = grid.nearest(basin_code, TRANSMISSION_VOLTAGES if below else HIGH_VOLTAGES)
    where: _Nearest = (
        {}
        if found is None
        else {"substation": found.substation.name, "voltage_kv": found.substation.voltage, "km": round(found.km, 1)}
    )
    if below:
        return PowerCheck(
            "below_threshold",
            f"{need}, sous le seuil de {format_number(POWER_THRESHOLD_MW)} MW "
            "au-delà duquel un poste 225 ou 400 kV est recherché ; poste RTE le plus proche : "
            f"{nearest_text(found)}.",
            **base,
            **where,
        )
    if found is not None and found.km <= POWER_DISTANCE_KM:
        return PowerCheck(
            "met",
            f"{need} : poste {found.substation.name} ({found.substation.voltage} kV) à "
            f"{format_number(round(found.km, 1))} km {of_place(found.hub.name)}, à moins de "
            f"{format_number(POWER_DISTANCE_KM)} km : condition remplie.",
            **base,
            **where,
        )
    return PowerCheck(
        "unmet",
        f"{need} : aucun poste 225 ou 400 kV en service à moins de "
        f"{format_number(POWER_DISTANCE_KM)} km des principales communes industrielles du bassin "
        f"(le plus proche : {nearest_text(found)}).",
        **base,
        **where,
    )


def needs_checks(project: Project, basin_code: str) -> NeedsChecks | None:
    """The checks of the needs the project states (occupations, power); None when it states neither."""
    if not project.occupations and project.power_mw is None:
        return None
    hiring = check_hiring(project.occupations, basin_code, load_recruitment()) if project.occupations else None
    power = check_power(project.power_mw, basin_code, load_grid()) if project.power_mw is not None else None
    return NeedsChecks(hiring, power)
