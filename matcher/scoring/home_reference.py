"""Extension on site: the home basin as the reference, its checks, and what the alternatives offer beyond it.

For a company extending a plant it already runs, the question is not "which basin" but "can our
basin take it, and what would the others offer". The home basin is therefore placed first as the
reference whatever its fit (a presentation rule, not a score: its fit and policy adjustment stay
as computed), checked need by need, and every other basin is compared with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from matcher.project.need_vocabulary import NEEDS, evidence_for
from matcher.scoring.checklist import Check, land_item, largest_site, need_item, power_item, workforce_item
from matcher.scoring.explanations import fit_band
from matcher.scoring.features import PairContext, project_needs
from matcher.territory.figure_labels import format_number
from matcher.territory.records import Commune

WORKFORCE_LEAD = 1.2  # an alternative's labour pool must be 20 % larger to count as an advantage


def home_basin(kind: str | None, sites: Sequence[Commune], codes: Sequence[str]) -> str | None:
    """The reference of an extension on site: the candidate basin holding most of the company's sites
    (the first listed one's on a tie); None for other kinds or when no site lies in the candidates."""
    if kind != "extension_same_site":
        return None
    in_scope = set(codes)
    counts = Counter(s.basin_code for s in sites if s.basin_code in in_scope)
    if not counts:
        return None
    most = max(counts.values())
    return next(s.basin_code for s in sites if counts.get(s.basin_code) == most)


def basin_checks(context: PairContext) -> list[Check]:
    """Land, workforce, power, then each need of the project met or not, with the facts behind them."""
    return [
        land_item(context),
        workforce_item(context),
        power_item(context),
        *(need_item(context, need) for need in sorted(project_needs(context.project) - {"power"})),
    ]


def advantages(context: PairContext, fit: float, home: PairContext, home_fit: float) -> list[str]:
    """What this basin would offer beyond the reference (the home basin), in French; empty when nothing."""
    out = []
    if fit > home_fit:
        out.append(
            f"meilleure adéquation au projet : {fit_band(fit)[1]} contre {fit_band(home_fit)[1]} pour la référence"
            if fit_band(fit) != fit_band(home_fit)
            else "meilleure adéquation au projet, dans la même appréciation"
        )
    for need in sorted(project_needs(context.project)):
        if evidence_for(need, context.basin.facts) and not evidence_for(need, home.basin.facts):
            out.append(f"{NEEDS[need].label} : documenté ici, pas dans le bassin de référence")
    largest, home_largest = (s.area_ha if s else None for s in (largest_site(context), largest_site(home)))
    if largest is not None and (home_largest is None or largest > home_largest):
        out.append(
            f"plus grand site disponible : {format_number(round(largest, 1), 'ha')} contre "
            f"{format_number(round(home_largest, 1), 'ha') if home_largest else 'aucun'}"
        )
    pool, home_pool = (c.basin.figure("unemployed_15_64_census_2021") for c in (context, home))
    if pool and home_pool and pool > WORKFORCE_LEAD * home_pool:
        out.append(
            f"réserve de main-d'œuvre plus grande : {format_number(pool)} chômeurs contre "
            f"{format_number(home_pool)} (recensement 2021)"
        )
    return out
