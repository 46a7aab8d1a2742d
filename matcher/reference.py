"""Extension on site: the home basin as the reference, its checks, and what the alternatives offer beyond it.

For a company extending a plant it already runs, the question is not "which basin" but "can our
basin take it, and what would the others offer". The home basin is therefore placed first as the
reference whatever its fit (a presentation rule, not a score: its fit and policy adjustment stay
as computed), checked need by need, and every other basin is compared with it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from matcher.features import PairContext, land_check, project_needs
from matcher.land import LandSite
from matcher.land_need import describe
from matcher.figures import format_number
from matcher.needs import NEEDS, evidence_for
from matcher.territories import Commune

STATUS_LABELS = {"met": "satisfait", "check": "à vérifier", "unmet": "non couvert par le CV"}
WORKFORCE_LEAD = 1.2  # an alternative's labour pool must be 20 % larger to count as an advantage


@dataclass(frozen=True)
class Check:
    topic: str  # French: foncier, main-d'œuvre, énergie, or a need's label
    status: str  # a key of STATUS_LABELS
    status_label: str
    detail: str  # French sentence with the figures
    fact: str | None  # the CV fact behind it, when there is one


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


def _check(topic: str, status: str, detail: str, fact: str | None = None) -> Check:
    return Check(topic, status, STATUS_LABELS[status], detail, fact)


def _largest(context: PairContext) -> LandSite | None:
    """The basin's largest confirmed available site (a site row, never a figure read in text)."""
    return context.land.largest(context.basin.code) if context.land is not None else None


def _land(context: PairContext) -> Check:
    check = land_check(context)
    if check is not None:
        return _check("Foncier", "met" if check.met else "unmet", check.reason())
    largest = _largest(context)
    documented = f"plus grand site disponible : {describe(largest)}" if largest else "aucun site disponible recensé"
    return _check("Foncier", "check", f"besoin non précisé ; {documented}")


def _workforce(context: PairContext) -> Check:
    basin, jobs = context.basin, context.project.jobs
    active, unemployed = basin.figure("active_pop_15_64_2021"), basin.figure("unemployed_15_64_census_2021")
    skills = context.basin.curated.get("skills_and_training")
    fact = skills.facts[0] if skills and skills.facts else None
    detail = (f"{format_number(active)} actifs de 15 à 64 ans, {format_number(unemployed)} chômeurs "
              f"(recensement 2021)")
    if not jobs or unemployed is None:
        return _check("Main-d'œuvre", "check", detail + " ; nombre d'emplois du projet non précisé", fact)
    per_job = unemployed / jobs
    status = "met" if per_job >= 1 else "check"
    return _check("Main-d'œuvre", status, f"{detail} pour {format_number(jobs)} emplois créés "
                                          f"({format_number(round(per_job, 1))} chômeur(s) par emploi)", fact)


def _power(context: PairContext) -> Check:
    fact = evidence_for("power", context.basin.facts)
    asked = f"besoin : {format_number(context.project.power_mw, 'MW')}" if context.project.power_mw else "besoin non chiffré"
    if fact is None:
        return _check("Énergie électrique", "unmet", f"{asked} ; le CV ne documente pas l'alimentation électrique")
    return _check("Énergie électrique", "met", f"{asked} ; alimentation documentée dans le CV", fact)


def basin_checks(context: PairContext) -> list[Check]:
    """Land, workforce, power, then each need of the project met or not, with the facts behind them."""
    checks = [_land(context), _workforce(context), _power(context)]
    for need in sorted(project_needs(context.project) - {"power"}):
        fact = evidence_for(need, context.basin.facts)
        checks.append(_check(NEEDS[need].label, "met" if fact else "unmet",
                             "documenté dans le CV" if fact else "le CV n'en montre aucun signe", fact))
    return checks


def _decimal(value: float) -> str:
    return f"{value:+.2f}".replace(".", ",").replace("-", "\u2212")


def advantages(context: PairContext, fit: float, home: PairContext, home_fit: float) -> list[str]:
    """What this basin would offer beyond the reference (the home basin), in French; empty when nothing."""
    out = []
    if fit > home_fit:
        out.append(f"meilleure adéquation au projet : {_decimal(fit)} contre {_decimal(home_fit)}")
    for need in sorted(project_needs(context.project)):
        if evidence_for(need, context.basin.facts) and not evidence_for(need, home.basin.facts):
            out.append(f"{NEEDS[need].label} : documenté ici, pas dans le bassin de référence")
    largest, home_largest = (s.area_ha if s else None for s in (_largest(context), _largest(home)))
    if largest is not None and (home_largest is None or largest > home_largest):
        out.append(f"plus grand site disponible : {format_number(round(largest, 1), 'ha')} contre "
                   f"{format_number(round(home_largest, 1), 'ha') if home_largest else 'aucun'}")
    pool, home_pool = (c.basin.figure("unemployed_15_64_census_2021") for c in (context, home))
    if pool and home_pool and pool > WORKFORCE_LEAD * home_pool:
        out.append(f"réserve de main-d'œuvre plus grande : {format_number(pool)} chômeurs contre "
                   f"{format_number(home_pool)} (recensement 2021)")
    return out
