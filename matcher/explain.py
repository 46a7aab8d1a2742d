"""Plain-French reasons built from the numbers that made the score: contributions, passages, needs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from matcher.features import TEXT_SIMILARITIES, PairContext, land_check, project_needs
from matcher.needs import NEEDS, evidence_for

FEATURE_LABELS = {
    "semantic_best": "proximité de sens avec le meilleur passage du CV",
    "semantic_mean": "proximité de sens avec l'ensemble du CV",
    "semantic_fabric": "proximité de sens avec le tissu industriel",
    "semantic_skills": "proximité de sens avec les compétences et formations",
    "lexical_best": "termes du projet présents dans un passage du CV",
    "lexical_fabric": "termes du projet présents dans le tissu industriel",
    "lexical_curated_sum": "termes du projet répartis dans tout le CV",
    "lexical_activity": "termes du projet présents dans un fait du tissu industriel, des savoir-faire ou de l'écosystème",
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
    "land_fit": "plus grand site disponible (friche sans projet, site clés en main ou de l'agence) à la mesure du besoin",
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


def contributions(columns: Sequence[str], row: np.ndarray, values: Mapping[str, float | None],
                  limit: int = 6) -> list[Contribution]:
    """The columns that moved this basin's fit most, largest first, zero ones left out."""
    order = np.argsort(-np.abs(row))[:limit]
    return [
        Contribution(columns[j], _label(columns[j], values.get(columns[j])), values.get(columns[j]),
                     round(float(row[j]), 4))
        for j in order if abs(row[j]) > 1e-6
    ]


def unmet_needs(context: PairContext) -> list[str]:
    """The project's needs that the basin's CV gives no evidence for, in French."""
    unmet = [NEEDS[n].label for n in sorted(project_needs(context.project))
             if evidence_for(n, context.basin.facts) is None]
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
