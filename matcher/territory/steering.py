"""Regional steering figures per basin and per kind of territory, from plain records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from matcher.territory.records import Basin

# Population classes (inhabitants, 2021): the region's basins split 7 / 11 / 9 at these limits.
SMALL_BASIN = 100_000
LARGE_BASIN = 200_000
# Urban when denser than 100 inhabitants per km² (2021): about the mean density of metropolitan
# France (~105); the region's 27 basins split 12 urban / 15 rural.
URBAN_DENSITY = 100.0
UNEMPLOYMENT = "unemployment_rate_pct_2023t3"
KIND_LABELS = {"population": "Taille (population)", "unemployment": "Chômage", "density": "Densité"}


@dataclass
class Activity:
    """Project ids per basin: ranked by a match, ranked in the last 12 months, shortlisted, final site."""

    submitted: set[int] = field(default_factory=set)
    recent: set[int] = field(default_factory=set)
    shortlisted: set[int] = field(default_factory=set)
    final: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class ConventionFigures:
    basin_code: str
    support_eur: float
    jobs_committed: float
    jobs_realised: float
    investment_committed: float
    investment_realised: float


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    basins: int
    population: float
    projects_submitted: int
    projects_shortlisted: int
    projects_final: int
    jobs_committed: float
    jobs_realised: float
    investment_committed: float
    investment_realised: float
    support_eur: float
    support_per_job: float | None
    jobs_per_1000: float
    no_recent_project: bool


def regional_unemployment(basins: Iterable[Basin]) -> float:
    """Mean unemployment rate of the basins weighted by their active population: the region's rate."""
    pairs = [(b.figure(UNEMPLOYMENT), b.figure("active_pop_15_64_2021")) for b in basins]
    known = [(rate, weight) for rate, weight in pairs if rate is not None and weight]
    total = sum(weight for _, weight in known)
    return sum(rate * weight for rate, weight in known) / total if total else 0.0


def classes(basin: Basin, mean_unemployment: float) -> dict[str, str]:
    """The basin's class for each kind of territory, as French labels."""
    population = basin.figure("population_2021") or 0.0
    if population < SMALL_BASIN:
        size = "moins de 100 000 habitants"
    elif population < LARGE_BASIN:
        size = "100 000 à 199 999 habitants"
    else:
        size = "200 000 habitants ou plus"
    rate = basin.figure(UNEMPLOYMENT)
    unemployment = (
        "chômage inconnu"
        if rate is None
        else "chômage au-dessus de la moyenne régionale"
        if rate > mean_unemployment
        else "chômage égal ou inférieur à la moyenne régionale"
    )
    urban = (basin.figure("density_per_km2_2021") or 0.0) >= URBAN_DENSITY
    return {"population": size, "unemployment": unemployment, "density": "urbain" if urban else "rural"}


def _row(
    key: str, label: str, basins: list[Basin], activity: Mapping[str, Activity], conventions: list[ConventionFigures]
) -> Row:
    codes = {b.code for b in basins}
    parts = [activity.get(code, Activity()) for code in codes]
    mine = [c for c in conventions if c.basin_code in codes]
    population = sum(b.figure("population_2021") or 0.0 for b in basins)
    jobs = sum(c.jobs_committed for c in mine)
    support = sum(c.support_eur for c in mine)
    return Row(
        key=key,
        label=label,
        basins=len(basins),
        population=population,
        projects_submitted=len(set().union(*(a.submitted for a in parts))),
        projects_shortlisted=len(set().union(*(a.shortlisted for a in parts))),
        projects_final=len(set().union(*(a.final for a in parts))),
        jobs_committed=jobs,
        jobs_realised=sum(c.jobs_realised for c in mine),
        investment_committed=sum(c.investment_committed for c in mine),
        investment_realised=sum(c.investment_realised for c in mine),
        support_eur=support,
        support_per_job=support / jobs if jobs > 0 else None,
        jobs_per_1000=jobs / population * 1000 if population else 0.0,
        no_recent_project=not any(a.recent for a in parts),
    )


def by_basin(basins: list[Basin], activity: Mapping[str, Activity], conventions: list[ConventionFigures]) -> list[Row]:
    """One row per basin, in code order."""
    return [_row(b.code, b.name, [b], activity, conventions) for b in sorted(basins, key=lambda b: b.code)]


def by_kind(
    basins: list[Basin], activity: Mapping[str, Activity], conventions: list[ConventionFigures]
) -> dict[str, list[Row]]:
    """For each kind of territory, one row per class; a project counts once per class."""
    mean = regional_unemployment(basins)
    labelled = [(b, classes(b, mean)) for b in basins]
    result: dict[str, list[Row]] = {}
    for kind in KIND_LABELS:
        names = sorted({c[kind] for _, c in labelled})
        result[kind] = [
            _row(name, name, [b for b, c in labelled if c[kind] == name], activity, conventions) for name in names
        ]
    return result
