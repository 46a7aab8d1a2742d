"""Which basins a dossier presents: those the agency asked for, else the ones it shortlisted, else the top 3."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort

from training.decision_kinds import RETAINED
from web.records.core import ProjectRecord
from web.side_by_side import MAX_BASINS

POSITIVE = RETAINED  # a basin whose latest decision is one of these is "retenu"
REASONS = {
    "asked": "les bassins choisis par l'agence",
    "shortlisted": "les bassins présélectionnés ou retenus par l'agence",
    "top": "les {n} premiers bassins du classement (aucun bassin présélectionné)",
}


@dataclass(frozen=True)
class DossierChoice:
    codes: list[str]  # in rank order
    reason: str  # French, says where the choice comes from
    dropped: int  # shortlisted basins beyond MAX_BASINS, left out of the comparison


def shortlisted(project: ProjectRecord) -> list[str]:
    """Basins whose latest decision is positive, in decision order (decisions are kept in id order)."""
    latest: dict[str, str] = {}
    for decision in project.decisions:
        latest[decision.ze2020_code] = decision.kind
    return [code for code, kind in latest.items() if kind in POSITIVE and code]


def choose(project: ProjectRecord, requested: list[str]) -> DossierChoice:
    run = project.latest_run
    ranks = {b.ze2020_code: b.rank for b in run.basins} if run else {}
    asked = [c for c in dict.fromkeys(c.strip() for c in requested) if c]
    if asked:
        if len(asked) > MAX_BASINS or any(c not in ranks for c in asked):
            abort(400, description=f"Choisissez de 1 à {MAX_BASINS} bassins parmi ceux du classement du projet.")
        return DossierChoice(sorted(asked, key=ranks.__getitem__), REASONS["asked"], 0)
    kept = sorted((c for c in shortlisted(project) if c in ranks), key=ranks.__getitem__)
    if kept:
        return DossierChoice(kept[:MAX_BASINS], REASONS["shortlisted"], max(0, len(kept) - MAX_BASINS))
    top = [b.ze2020_code for b in run.basins[:MAX_BASINS]] if run else []
    return DossierChoice(top, REASONS["top"].format(n=len(top)), 0)
