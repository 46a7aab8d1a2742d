"""Plain-French reasons built from the numbers that made the score: contributions, passages, needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matcher.project.need_vocabulary import NEEDS, evidence_for
from matcher.scoring.features import TEXT_SIMILARITIES, PairContext, land_check, project_needs

FEATURE_LABELS = {
    "semantic_best": "proximité de sens avec le meilleur passage du CV",
    "semantic_mean": "proximité de sens avec l'ensemble du CV",
    "semantic_fabric": "proximité de sens avec le tissu industriel",
    "semantic_skills": "proximité de sens avec les compétences et formations",
    "lexical_best": "termes du projet présents dans un passage du CV",
    "lexical_fabric": "termes du projet présents dans le tissu industriel",
    "lexical_curated_sum": "termes du projet répartis dans tout le CV",
    "lexical_activity": (
        "termes du projet présents dans un fait du tissu industriel, des savoir-faire ou de l'écosystème"
    ),
    "lexical_fact_best": "termes du projet présents dans un fait du CV",
    "lexical_whole_cv": "termes du projet présents dans l'ensemble du CV (faits et titres de ses sources)",
    "lexical_activity_words": "mots du projet présents dans le tissu industriel, les savoir-faire et l'écosystème "
    "(faits et titres de leurs sources)",
    "sector_fabric": "secteur d'activité (NAF) proche du tissu industriel",
    "industry_specialisation_index": "spécialisation industrielle du bassin",
    "industrial_establishments": "nombre d'établissements industriels",
    "workforce": "taille de la population active",
    "labour_pool_ratio": "demandeurs d'emploi disponibles par emploi créé",
    "unemployment_rate": "taux de chômage",
    "land_fit": (
        "plus grand site disponible (friche sans projet, site clés en main ou de l'agence) à la mesure du besoin"
    ),
    "needs_met_share": "besoins d'infrastructure couverts par le CV",
    "distance_to_existing_site": "distance au site actuel de l'entreprise",
    "population": "taille du bassin (population)",
    "sector_jobs": "emplois salariés du secteur du projet dans le bassin (2019)",
    "sector_specialisation": "spécialisation du bassin dans le secteur du projet (2019)",
}


@dataclass(frozen=True)
class Contribution:
    feature: str
    label: str
    value: float | None  # the raw feature value, None when missing
    contribution: float  # signed share of the fit score, relative to the candidates' mean


def _label(column: str, value: float | None) -> str:
    if column.startswith("missing:"):
        return f"donnée manquante : {FEATURE_LABELS.get(column[8:], column[8:])}"
    if value is None and column in TEXT_SIMILARITIES:
        return f"{FEATURE_LABELS.get(column, column)} (pas de CV rédigé : non comparé)"
    return FEATURE_LABELS.get(column, column)


def contributions(
    columns: Sequence[str], row: np.ndarray, values: Mapping[str, float | None], limit: int = 6
) -> list[Contribution]:
    """The columns that moved this basin's fit most, largest first, zero ones left out."""
    order = np.argsort(-np.abs(row))[:limit]
    return [
        Contribution(
            columns[j], _label(columns[j], values.get(columns[j])), values.get(columns[j]), round(float(row[j]), 4)
        )
        for j in order
        if abs(row[j]) > 1e-6
    ]


def unmet_needs(context: PairContext) -> list[str]:
    """The project's needs that the basin's CV gives no evidence for, in French."""
    unmet = [
        NEEDS[n].label for n in sorted(project_needs(context.project)) if evidence_for(n, context.basin.facts) is None
    ]
    check = land_check(context)
    if check is not None and not check.met:
        unmet.append(check.reason())
    return unmet


def met_land(context: PairContext) -> str | None:
    """The site that meets the declared land need, cited; None without a need or when unmet."""
    check = land_check(context)
    return check.reason() if check is not None and check.met else None


def missing_inputs(values: Mapping[str, float | None]) -> list[str]:
    return [FEATURE_LABELS.get(name, name) for name, value in values.items() if value is None]


# What a plant manager reads: the columns grouped by what they measure, each group with the words
# for a strength and for a weakness. A group weighs the sum of its columns' signed contributions, so
# the reasons shown are the very numbers that made the fit, only summed into fewer, plainer lines.
THEMES: dict[str, tuple[str, str]] = {
    "activity": (
        "Des entreprises et des savoir-faire proches de votre activité sont présents dans le bassin",
        "Le CV du bassin cite peu d'activités proches de la vôtre",
    ),
    "sector": (
        "Votre secteur d'activité emploie déjà de nombreux salariés dans le bassin",
        "Votre secteur d'activité est peu présent dans le bassin",
    ),
    "industry": ("Un bassin très industriel", "Un bassin peu industriel"),
    "workforce": (
        "De la main-d'œuvre disponible pour vos recrutements",
        "Moins de main-d'œuvre disponible qu'ailleurs",
    ),
    "land": (
        "Un site disponible à la mesure de votre besoin en foncier",
        "Aucun site disponible à la mesure de votre besoin en foncier",
    ),
    "needs": ("Les infrastructures que vous demandez sont présentes", "Des infrastructures que vous demandez manquent"),
    "proximity": ("Proche de votre site actuel", "Loin de votre site actuel"),
}
COLUMN_THEMES = {
    **{name: "activity" for name in FEATURE_LABELS if name.startswith(("semantic_", "lexical_"))},
    "sector_fabric": "activity",
    "sector_jobs": "sector",
    "sector_specialisation": "sector",
    "industry_specialisation_index": "industry",
    "industrial_establishments": "industry",
    "workforce": "workforce",
    "labour_pool_ratio": "workforce",
    "unemployment_rate": "workforce",
    "population": "workforce",
    "land_fit": "land",
    "declared_need:land": "land",
    "needs_met_share": "needs",
    "distance_to_existing_site": "proximity",
}
# A group moving the fit by less than a tenth of the candidates' typical spread is no reason.
MIN_REASON = 0.1


@dataclass(frozen=True)
class Reason:
    theme: str  # a key of THEMES
    text: str  # French, in a plant manager's words
    weight: float  # summed signed contribution, in units of fit
    features: tuple[str, ...]  # the columns summed


def column_theme(column: str) -> str | None:
    """The group of a contribution's column ('missing:x' joins x's group; declared needs join theirs)."""
    name = column.removeprefix("missing:")
    if name.startswith("declared_need:") and name != "declared_need:land":
        return "needs"
    return COLUMN_THEMES.get(name)


def reasons(items: Iterable[tuple[str, float]], limit: int = 3) -> tuple[list[Reason], list[Reason]]:
    """From (column, contribution) pairs: up to `limit` strengths, strongest first, and the weaknesses."""
    totals: dict[str, float] = {}
    columns: dict[str, list[str]] = {}
    for column, value in items:
        theme = column_theme(column)
        if theme is not None:
            totals[theme] = totals.get(theme, 0.0) + value
            columns.setdefault(theme, []).append(column)
    found = [
        Reason(t, THEMES[t][0 if w > 0 else 1], round(w, 4), tuple(columns[t]))
        for t, w in totals.items()
        if abs(w) >= MIN_REASON
    ]
    strengths = sorted((r for r in found if r.weight > 0), key=lambda r: -r.weight)[:limit]
    weaknesses = sorted((r for r in found if r.weight < 0), key=lambda r: r.weight)
    return strengths, weaknesses


# Bands of the fit, in its unit: the fit is relative to the mean of the project's candidate basins
# and scaled so that a training project's fits spread by one standard deviation (ranking.PairwiseLogistic;
# the prior's weights sum to one over standardised columns, close to the same unit). With a roughly
# normal spread, one deviation above the mean is the best sixth of the candidates (4 or 5 of the 27
# Grand Est basins), half a deviation the best third, and 0 the average candidate. A declared need
# the CV does not show costs one deviation (requirements.PENALTY_IN_FIT_SD), so it drops a band or two.
BANDS: tuple[tuple[float, str, str], ...] = (
    (1.0, "tres-adapte", "très adapté"),
    (0.5, "adapte", "adapté"),
    (0.0, "possible", "possible"),
    (float("-inf"), "peu-adapte", "peu adapté"),
)


def fit_band(fit: float) -> tuple[str, str]:
    """(key, French label) of the band a fit falls in."""
    return next((key, label) for floor, key, label in BANDS if fit >= floor)
