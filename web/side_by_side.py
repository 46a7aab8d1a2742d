"""Side-by-side indicators of 2-3 basins for one project, from the same numbers the matcher ranks with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matcher.matching.pipeline import BasinMatch, Matcher
from matcher.project.record import Project
from matcher.scoring.features import (
    distance_to_existing_site,
    land_check,
    needs_met_share,
    pair_contexts,
    project_needs,
    sector_fabric,
)
from matcher.scoring.land_need import describe
from matcher.search.retrieval import gather_evidence
from matcher.territory.figure_labels import format_number
from matcher.territory.records import Basin
from web.results_view import fr_number

MAX_BASINS = 3
ROWS = (
    ("population", "Population (2021)"),
    ("jobs", "Emplois au lieu de travail (2018)"),
    ("industry_share", "Part de l'industrie dans les établissements (2018)"),
    ("unemployment", "Taux de chômage localisé (3e trimestre 2023)"),
    ("sector_fit", "Adéquation du secteur au tissu industriel (cosinus)"),
    ("land", "Foncier disponible (friches Cerema 2023, sites clés en main, inventaire de l'agence)"),
    ("needs", "Besoins d'infrastructure couverts par le CV"),
    ("distance", "Distance au site actuel de l'entreprise"),
)


@dataclass(frozen=True)
class ComparedBasin:
    basin: Basin
    match: BasinMatch  # rank, fit, policy adjustment, passages, explanation in the full ranking
    cells: dict[str, str]


@dataclass(frozen=True)
class Comparison:
    scope: str
    candidates: int
    basins: list[ComparedBasin]
    rows: tuple[tuple[str, str], ...] = ROWS


def _land(context) -> str:
    """The basin's land offer from its site rows, and the declared need met or not, with the site."""
    summary = context.land.summary(context.basin.code)
    parts = [
        f"{summary.count} site(s) disponible(s), {format_number(round(summary.total_ha, 1), 'ha')} au total",
        f"{summary.at_least[20.0]} de 20 ha ou plus",
    ]
    largest = context.land.largest(context.basin.code)
    parts.append(f"plus grand : {describe(largest)}" if largest else "aucune surface connue")
    parts.append(f"{len(context.basin.sites)} site(s) clés en main")
    check = land_check(context)
    if check is not None:
        parts.append(("besoin couvert : " if check.met else "besoin non couvert : ") + check.reason())
    return " · ".join(parts)


def _needs(context, match: BasinMatch) -> str:
    share = needs_met_share(context)
    if share is None:
        return "aucun besoin exprimé"
    total = len(project_needs(context.project))
    text = f"{round(share * total)} sur {total}"
    return text + (f" (non couverts : {', '.join(match.unmet_needs)})" if match.unmet_needs else "")


def _cells(context, match: BasinMatch) -> dict[str, str]:
    basin, sector = context.basin, sector_fabric(context)
    distance = distance_to_existing_site(context)
    share = basin.figure("industry_share_of_establishments_pct_2018")
    specialisation = context.specialisation
    return {
        "population": format_number(basin.figure("population_2021")),
        "jobs": format_number(basin.figure("jobs_at_workplace_2018")),
        "industry_share": format_number(share, "%")
        + (f" (indice de spécialisation {format_number(round(specialisation, 2))})" if specialisation else ""),
        "unemployment": format_number(basin.figure("unemployment_rate_pct_2023t3"), "%"),
        "sector_fit": "non disponible" if sector is None else fr_number(sector, 2),
        "land": _land(context),
        "needs": _needs(context, match),
        "distance": "site actuel non renseigné" if distance is None else format_number(round(distance), "km"),
    }


def compare(matcher: Matcher, project: Project, codes: Sequence[str], scope: str = "ge") -> Comparison:
    """Rank every basin of the scope (France when a code is outside it), then read the chosen ones."""
    territories = matcher.territories
    basins = [territories.basin(code) for code in dict.fromkeys(codes)][:MAX_BASINS]
    in_scope = {b.code for b in territories.scope(scope)}
    if any(b.code not in in_scope for b in basins):
        scope = "france"
    candidates = len(territories.scope(scope))
    result = matcher.match(project, scope=scope, top=candidates)
    by_code = {r.ze2020_code: r for r in result.results}
    evidence = gather_evidence([project], [b.code for b in basins], matcher.index, matcher.embedder, [result.sector])[0]
    contexts = pair_contexts(project, basins, evidence, territories)
    compared = [ComparedBasin(c.basin, by_code[c.basin.code], _cells(c, by_code[c.basin.code])) for c in contexts]
    return Comparison(scope, candidates, compared)
