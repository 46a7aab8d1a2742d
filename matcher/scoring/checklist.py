"""The company's own needs checked one by one against a basin: land, workforce, power, each stated need.

Every item cites the figure or the CV fact behind it. Items come from the same checks the ranking
uses (land_check for the site rows, evidence_for for the CV facts) or from the needs checks shown
beside the fit (matcher.scoring.needs_checks for the RTE grid and BMO hiring), never from a separate story.
"""

from __future__ import annotations

from dataclasses import dataclass

from matcher.project.need_vocabulary import NEEDS, evidence_for
from matcher.scoring.features import PairContext, land_check, project_needs
from matcher.scoring.land_need import describe
from matcher.scoring.needs_checks import NeedsChecks
from matcher.territory.figure_labels import format_number
from matcher.territory.land import LandSite

STATUS_LABELS = {"met": "satisfait", "check": "à vérifier", "unmet": "non couvert par le CV"}
# Power checks (matcher.scoring.needs_checks) as checklist statuses: below the transmission threshold the
# distribution network usually serves the need; outside RTE's data nothing can be said.
POWER_STATUS = {"met": "met", "below_threshold": "met", "unmet": "unmet", "not_covered": "check"}
# BMO hiring tension: hiring no harder than in France counts as met; harder, or too few projects to tell, is to check.
HIRING_STATUS = {"lower": "met", "similar": "met", "higher": "check", "too_few": "check"}


@dataclass(frozen=True)
class Check:
    topic: str  # French: foncier, main-d'œuvre, énergie, or a need's label
    status: str  # a key of STATUS_LABELS
    status_label: str
    detail: str  # French sentence with the figures
    fact: str | None  # the CV fact behind it, when there is one


def check(topic: str, status: str, detail: str, fact: str | None = None) -> Check:
    return Check(topic, status, STATUS_LABELS[status], detail, fact)


def largest_site(context: PairContext) -> LandSite | None:
    """The basin's largest confirmed available site (a site row, never a figure read in text)."""
    return context.land.largest(context.basin.code) if context.land is not None else None


def land_item(context: PairContext) -> Check:
    found = land_check(context)
    if found is not None:
        return check("Foncier", "met" if found.met else "unmet", found.reason())
    largest = largest_site(context)
    documented = f"plus grand site disponible : {describe(largest)}" if largest else "aucun site disponible recensé"
    return check("Foncier", "check", f"besoin non précisé ; {documented}")


def workforce_item(context: PairContext) -> Check:
    basin, jobs = context.basin, context.project.jobs
    active, unemployed = basin.figure("active_pop_15_64_2021"), basin.figure("unemployed_15_64_census_2021")
    skills = context.basin.curated.get("skills_and_training")
    fact = skills.facts[0] if skills and skills.facts else None
    detail = f"{format_number(active)} actifs de 15 à 64 ans, {format_number(unemployed)} chômeurs (recensement 2021)"
    if not jobs or unemployed is None:
        return check("Main-d'œuvre", "check", detail + " ; nombre d'emplois du projet non précisé", fact)
    per_job = unemployed / jobs
    status = "met" if per_job >= 1 else "check"
    return check(
        "Main-d'œuvre",
        status,
        f"{detail} pour {format_number(jobs)} emplois créés ({format_number(round(per_job, 1))} chômeur(s) par emploi)",
        fact,
    )


def power_item(context: PairContext) -> Check:
    """Power documented in the CV's facts (the text check, for a need without a figure)."""
    fact = evidence_for("power", context.basin.facts)
    mw = context.project.power_mw
    asked = f"besoin : {format_number(mw, 'MW')}" if mw else "besoin non chiffré"
    if fact is None:
        return check("Énergie électrique", "unmet", f"{asked} ; le CV ne documente pas l'alimentation électrique")
    return check("Énergie électrique", "met", f"{asked} ; alimentation documentée dans le CV", fact)


def need_item(context: PairContext, need: str) -> Check:
    fact = evidence_for(need, context.basin.facts)
    return check(
        NEEDS[need].label,
        "met" if fact else "unmet",
        "documenté dans le CV" if fact else "le CV n'en montre aucun signe",
        fact,
    )


def needs_checklist(context: PairContext, checks: NeedsChecks | None) -> list[Check]:
    """Only what the company asked for: workforce when it gives jobs, land when it gives hectares,
    power when it gives megawatts or asks for it, then every other need it states or writes."""
    items = []
    if context.project.jobs:
        items.append(workforce_item(context))
    if checks is not None and checks.hiring is not None:
        items.append(check("Recrutement", HIRING_STATUS[checks.hiring.level], checks.hiring.summary))
    if land_check(context) is not None:
        items.append(land_item(context))
    needs = project_needs(context.project)
    if checks is not None and checks.power is not None:
        items.append(
            check(
                "Énergie électrique",
                POWER_STATUS[checks.power.status],
                checks.power.summary,
                evidence_for("power", context.basin.facts),
            )
        )
    elif "power" in needs:
        items.append(power_item(context))
    items.extend(need_item(context, need) for need in sorted(needs - {"power"}))
    return items
