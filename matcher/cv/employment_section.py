"""The CV section "Emploi salarié privé par secteur", built from the URSSAF table for any basin."""

from __future__ import annotations

from matcher.cv.document import CvSection
from matcher.territory.employment import AS_OF_YEAR, SOURCE, YEARS, SectorEmployment
from matcher.territory.figure_labels import format_number
from matcher.territory.loading import Territories
from matcher.territory.records import Basin, Source

TITLE = "Emploi salarié privé par secteur"
TOP_SECTORS = 6
# A specialisation read on a few dozen jobs says little: sectors below this count are not listed.
MIN_JOBS_FOR_SPECIALISATION = 100
SECTION_SOURCE = Source(
    f"{SOURCE}, {', '.join(map(str, YEARS))} "
    "(agrégation par zone d'emploi : vincentroue/ptod-observatoire-territorial)",
    "https://github.com/vincentroue/ptod-observatoire-territorial",
)


def change_pct(start: float | None, end: float | None) -> str:
    """'+4,2 %' between two counts; 'non disponible' when either is missing."""
    if not start or end is None:
        return "non disponible"
    value = round(100 * (end / start - 1), 1)
    return ("+" if value >= 0 else "−") + format_number(abs(value), "%")


def by_year(values: list[float | None]) -> str:
    """'27 393 en 2019, 28 010 en 2022, ...' for every year of the table."""
    return ", ".join(f"{format_number(v)} en {y}" for y, v in zip(YEARS, values, strict=True))


def _pct(value: float | None) -> str:
    return format_number(None if value is None else round(100 * value, 1), "%")


def _sector_line(data: SectorEmployment, code: str, a38: str) -> str:
    jobs = [data.jobs(code, a38, y) for y in YEARS]
    specialisation = data.specialisation(code, a38)
    return (
        f"{data.labels[a38]} : {by_year(jobs)} ({change_pct(jobs[0], jobs[-1])} depuis {YEARS[0]}) ; "
        f"{_pct(data.share(code, a38))} des emplois du bassin en {AS_OF_YEAR} (France : "
        f"{_pct(data.france_share(a38))}), indice de spécialisation "
        f"{format_number(None if specialisation is None else round(specialisation, 2))}."
    )


def _industry_lines(data: SectorEmployment, code: str) -> list[str]:
    industrial = [data.industrial_jobs(code, y) for y in YEARS]
    shares = [
        None if j is None or not data.total(code, y) else j / data.total(code, y)  # type: ignore[operator]
        for y, j in zip(YEARS, industrial, strict=True)
    ]
    return [
        (
            f"Emplois industriels (extraction, industrie manufacturière, énergie, eau et déchets) : "
            f"{by_year(industrial)} "
            f"({change_pct(industrial[0], industrial[-1])} depuis {YEARS[0]})."
        ),
        "Part de l'industrie dans les emplois salariés privés : "
        + ", ".join(f"{_pct(s)} en {y}" for y, s in zip(YEARS, shares, strict=True))
        + ".",
    ]


def specialised_sectors(data: SectorEmployment, code: str, limit: int = TOP_SECTORS) -> list[str]:
    """A38 sectors of the basin most over-represented against France in AS_OF_YEAR, with enough jobs."""
    rows = [
        (a38, data.specialisation(code, a38)) for a38, jobs in data.sectors(code) if jobs >= MIN_JOBS_FOR_SPECIALISATION
    ]
    ranked = sorted(((a, s) for a, s in rows if s is not None and s > 1.0), key=lambda r: -r[1])
    return [a38 for a38, _ in ranked[:limit]]


def employment_section(basin: Basin, territories: Territories) -> CvSection:
    """Totals, industry, main sectors by jobs and by specialisation, every year with its figure."""
    data, code = territories.employment, basin.code
    if not data.has_basin(code):
        return CvSection(
            "employment",
            TITLE,
            (("Aucune donnée URSSAF pour ce bassin (Mayotte n'est pas couverte par le régime général)."),),
            (SECTION_SOURCE,),
        )
    totals = [data.total(code, y) for y in YEARS]
    main = [a38 for a38, _ in data.sectors(code)[:TOP_SECTORS]]
    lines = [
        f"Emplois salariés privés : {by_year(totals)} ({change_pct(totals[0], totals[-1])} depuis {YEARS[0]}).",
        *_industry_lines(data, code),
        f"Principaux secteurs par nombre d'emplois ({AS_OF_YEAR}) :",
        *(_sector_line(data, code, a38) for a38 in main),
    ]
    special = specialised_sectors(data, code)
    if special:
        lines.append(
            f"Secteurs les plus spécialisés par rapport à la France ({AS_OF_YEAR}, au moins "
            f"{MIN_JOBS_FOR_SPECIALISATION} emplois ; indice = part dans le bassin / part en France) : "
            + " ; ".join(
                f"{data.labels[a]} (indice {format_number(round(data.specialisation(code, a) or 0, 2))}, "
                f"{format_number(data.jobs(code, a))} emplois)"
                for a in special
            )
            + "."
        )
    return CvSection("employment", TITLE, tuple(lines), (SECTION_SOURCE,))
