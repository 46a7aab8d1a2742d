"""Features of a (project, basin) pair: pure functions; FEATURES fixes their order.

Each function returns a float, or None when an input is missing (the project gave no land
need, the basin has no curated section...). None is never replaced silently: `feature_matrix`
standardises each feature over one project's candidate basins, scores a missing value as their
mean *and* sets the feature's `missing:` flag, which the ranker and the explanations see (a text
similarity missing for some candidates counts for none of them: see TEXT_SIMILARITIES).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matcher.cv.document import industry_specialisation
from matcher.project.need_vocabulary import evidence_for, needs_in_text
from matcher.project.record import Project
from matcher.scoring.land_need import LandCheck, check_land
from matcher.search.lexical_scorers import ACTIVITY_SECTIONS
from matcher.search.retrieval import BasinEvidence
from matcher.territory.distances import nearest_site_km
from matcher.territory.employment import AS_OF_YEAR, SectorEmployment, a38_of_naf
from matcher.territory.land import LandOffer
from matcher.territory.loading import Territories
from matcher.territory.records import CURATED_SECTIONS, Basin, Commune


@dataclass(frozen=True)
class PairContext:
    """What a feature may look at besides the project and the basin."""

    project: Project
    basin: Basin
    evidence: BasinEvidence
    specialisation: float | None  # industry share against the national average
    existing_site: Commune | None  # the company's first listed site (legacy single site)
    land: LandOffer | None = None  # every basin's site rows (Territories.land)
    employment: SectorEmployment | None = None  # jobs by basin and A38 sector (Territories.employment)
    sector_code: str | None = None  # the project's NAF sub-class, given or inferred from its text
    existing_sites: tuple[Commune, ...] = ()  # every site the company gave in the region

    @property
    def sites(self) -> tuple[Commune, ...]:
        """The company's known sites: the list, else the single legacy site."""
        return self.existing_sites or ((self.existing_site,) if self.existing_site else ())


def _log(value: float | None) -> float | None:
    return None if value is None else math.log1p(max(value, 0.0))


def semantic_best(c: PairContext) -> float | None:
    """Highest cosine between the project text and any CV passage of the basin."""
    return max(c.evidence.semantic.values(), default=None)


def semantic_mean(c: PairContext) -> float | None:
    """Mean cosine over the basin's CV passages: how well the whole CV fits."""
    values = list(c.evidence.semantic.values())
    return sum(values) / len(values) if values else None


def semantic_fabric(c: PairContext) -> float | None:
    """Cosine between the project text and the basin's industrial-fabric section."""
    return c.evidence.semantic.get("industrial_fabric")


def semantic_skills(c: PairContext) -> float | None:
    """Cosine between the project text and the skills-and-training section."""
    return c.evidence.semantic.get("skills_and_training")


def lexical_best(c: PairContext) -> float | None:
    """Highest TF-IDF cosine (character n-grams) between the project text and a CV passage."""
    return max(c.evidence.lexical.values(), default=None)


def lexical_fabric(c: PairContext) -> float | None:
    """TF-IDF cosine between the project text and the industrial-fabric section."""
    return c.evidence.lexical.get("industrial_fabric")


def lexical_curated_sum(c: PairContext) -> float | None:
    """Sum of TF-IDF cosines over the curated sections: words shared across the whole CV."""
    values = [c.evidence.lexical[k] for k in CURATED_SECTIONS if k in c.evidence.lexical]
    return sum(values) if values else None


def lexical_activity(c: PairContext) -> float | None:
    """Highest TF-IDF cosine between the project text and one fact of the activity sections.

    Measured on the dev cases, the best fact of what a basin makes and knows ranks the real site
    higher than the best fact of the whole CV, whose sites and infrastructure facts answer every
    project's generic needs.
    """
    return max((c.evidence.facts[k] for k in ACTIVITY_SECTIONS if k in c.evidence.facts), default=None)


def lexical_fact_best(c: PairContext) -> float | None:
    """Highest TF-IDF cosine between the project text and any one curated fact of the CV."""
    return max(c.evidence.facts.values(), default=None)


def lexical_whole_cv(c: PairContext) -> float | None:
    """TF-IDF cosine (character 5-7-grams) between the project text and the whole curated CV
    (its facts and its sources' headlines)."""
    return c.evidence.whole_cv


def lexical_activity_words(c: PairContext) -> float | None:
    """TF-IDF cosine (words and word pairs) between the project text and the activity sections
    (their facts and their sources' headlines)."""
    return c.evidence.activity_words


def sector_fabric(c: PairContext) -> float | None:
    """Cosine between the project's NAF labels and the basin's industrial fabric."""
    return c.evidence.sector_semantic.get("industrial_fabric")


def industry_specialisation_index(c: PairContext) -> float | None:
    """Industry share of establishments over the national share (1 = average)."""
    return c.specialisation


def industrial_establishments(c: PairContext) -> float | None:
    """log(1 + industrial establishments): the size of the existing industrial fabric."""
    return _log(c.basin.figure("establishments_industry_2018"))


def workforce(c: PairContext) -> float | None:
    """log(1 + active population aged 15-64)."""
    return _log(c.basin.figure("active_pop_15_64_2021"))


def labour_pool_ratio(c: PairContext) -> float | None:
    """log(1 + unemployed people per job the project creates); None without a job count."""
    unemployed = c.basin.figure("unemployed_15_64_census_2021")
    if not c.project.jobs or unemployed is None:
        return None
    return math.log1p(unemployed / c.project.jobs)


def unemployment_rate(c: PairContext) -> float | None:
    """Localised unemployment rate, 3rd quarter 2023 (%)."""
    return c.basin.figure("unemployment_rate_pct_2023t3")


def _sector_employment(c: PairContext) -> tuple[SectorEmployment, str] | None:
    a38 = a38_of_naf(c.sector_code or c.project.naf_code)
    return (c.employment, a38) if a38 and c.employment is not None else None


def sector_jobs(c: PairContext) -> float | None:
    """log(1 + private salaried jobs of the project's A38 sector in the basin), as of AS_OF_YEAR (2019)."""
    found = _sector_employment(c)
    return None if found is None else _log(found[0].jobs(c.basin.code, found[1], AS_OF_YEAR))


def sector_specialisation(c: PairContext) -> float | None:
    """log(1 + the sector's share of the basin's jobs over its share in France), as of AS_OF_YEAR (2019)."""
    found = _sector_employment(c)
    return None if found is None else _log(found[0].specialisation(c.basin.code, found[1], AS_OF_YEAR))


def land_check(c: PairContext) -> LandCheck | None:
    """The basin's site rows against the declared land need (rail-served when rail is declared)."""
    if not c.project.land_ha or c.land is None:
        return None
    return check_land(c.land, c.basin.code, c.project.land_ha, "rail" in c.project.needs)


def land_fit(c: PairContext) -> float | None:
    """Largest available site (a site row, not a figure in text) over the land needed, capped at 1;
    only sites within matcher.territory.land.RAIL_WITHIN_M of the rail network when rail is a declared need.
    None without a land need."""
    check = land_check(c)
    return None if check is None else check.ratio


def project_needs(project: Project) -> frozenset[str]:
    """Needs given as fields plus those the text asks for."""
    return project.needs | needs_in_text(project.text)


def needs_met_share(c: PairContext) -> float | None:
    """Share of the project's needs that the basin's CV shows it can meet; None without needs."""
    needs = project_needs(c.project)
    if not needs:
        return None
    return sum(evidence_for(n, c.basin.facts) is not None for n in needs) / len(needs)


def distance_to_existing_site(c: PairContext) -> float | None:
    """km from the company's nearest existing site to the basin's centroid (0 inside it); None if unknown."""
    return nearest_site_km(c.sites, c.basin)


def population(c: PairContext) -> float | None:
    """log(1 + population 2021): basin size."""
    return _log(c.basin.figure("population_2021"))


FEATURES: dict[str, Callable[[PairContext], float | None]] = {
    f.__name__: f
    for f in (
        semantic_best,
        semantic_mean,
        semantic_fabric,
        semantic_skills,
        lexical_best,
        lexical_fabric,
        lexical_curated_sum,
        lexical_activity,
        lexical_fact_best,
        lexical_whole_cv,
        lexical_activity_words,
        sector_fabric,
        industry_specialisation_index,
        industrial_establishments,
        workforce,
        labour_pool_ratio,
        unemployment_rate,
        land_fit,
        needs_met_share,
        distance_to_existing_site,
        population,
        sector_jobs,
        sector_specialisation,
    )
}
FEATURE_NAMES = tuple(FEATURES)


def pair_contexts(
    project: Project,
    basins: Sequence[Basin],
    evidence: Mapping[str, BasinEvidence],
    territories: Territories,
    sector_code: str | None = None,
) -> list[PairContext]:
    sites = tuple(territories.communes[code] for code in project.sites if code in territories.communes)
    return [
        PairContext(
            project,
            b,
            evidence[b.code],
            industry_specialisation(b, territories),
            sites[0] if sites else None,
            territories.land,
            territories.employment,
            sector_code,
            sites,
        )
        for b in basins
    ]


def feature_values(contexts: Sequence[PairContext]) -> list[dict[str, float | None]]:
    """Raw values, None where missing: what explanations show."""
    return [{name: fn(c) for name, fn in FEATURES.items()} for c in contexts]


# Similarities to a basin's CV text. Only basins of Grand Est have a written CV: among candidates
# that mix basins with and without one (all of France), a similarity would rank every basin with
# text above every basin without, whatever the project. So a similarity counts only when every
# candidate has it; otherwise the basins are compared on what they all have (sector employment,
# figures), and the similarity is flagged missing. Measured on the development cases (docs/).
TEXT_SIMILARITIES = frozenset(n for n in FEATURE_NAMES if n.startswith(("semantic_", "lexical_"))) | {"sector_fabric"}


def feature_matrix(values: Sequence[Mapping[str, float | None]]) -> np.ndarray:
    """(n, 2 * n_features) for the candidate basins of ONE project: z-scores, then missing flags.

    Each value is standardised over the candidates where it is present, so a similarity reads
    "how much better than the other basins for this project" whatever the project's length.
    A missing value is flagged 1 in its `missing:` column and scores as the candidates' mean
    (0); a text similarity missing for any candidate scores 0 for all (TEXT_SIMILARITIES).
    """
    k = len(FEATURE_NAMES)
    raw = np.array([[_finite(row[name]) for name in FEATURE_NAMES] for row in values], dtype=float).reshape(-1, k)
    missing = np.isnan(raw)
    present = np.where(missing, 0.0, raw)
    counts = np.maximum((~missing).sum(axis=0), 1)
    mean = present.sum(axis=0) / counts
    spread = np.sqrt(np.where(missing, 0.0, (raw - mean) ** 2).sum(axis=0) / counts)
    partial_text = np.array([name in TEXT_SIMILARITIES for name in FEATURE_NAMES]) & missing.any(axis=0)
    scaled = np.where(missing | (spread == 0) | partial_text, 0.0, (raw - mean) / np.where(spread == 0, 1.0, spread))
    return np.hstack([scaled, missing.astype(float)])


def _finite(value: float | None) -> float:
    return float(value) if value is not None and math.isfinite(value) else math.nan


def matrix_columns() -> list[str]:
    return list(FEATURE_NAMES) + [f"missing:{n}" for n in FEATURE_NAMES]
