"""What `train --from-db` did with each decided project, and how many outcomes lay outside the list shown."""

from __future__ import annotations

from collections import Counter
from typing import Any

from matcher.territory.figure_labels import format_number
from training.decision_kinds import NO_SITE
from training.decisions import NEGATIVES_ONLY, SKIPPED, USED, GradedProject

STATUS_WORDS = {USED: "utilisé", NEGATIVES_ONLY: "utilisé comme négatifs seulement", SKIPPED: "écarté"}


def _project_entry(project: GradedProject) -> dict[str, Any]:
    outcome = project.outcome
    return {
        "project_id": project.project_id,
        "status": project.status,
        "reason": project.reason,
        "outcome": None if outcome is None else (outcome.basin or NO_SITE),
        "shown_rank": None if outcome is None else outcome.shown_rank,
    }


def summary(graded: list[GradedProject]) -> dict[str, Any]:
    """Counts by status and of outcomes, with one entry per project: what the version's metadata keeps."""
    counts = Counter(g.status for g in graded)
    in_basins = [g.outcome for g in graded if g.outcome is not None and g.outcome.basin is not None]
    outside = sum(1 for o in in_basins if o.shown_rank is None)
    return {
        "decided_projects": len(graded),
        "used": counts[USED],
        "negatives_only": counts[NEGATIVES_ONLY],
        "skipped": counts[SKIPPED],
        "outcomes_in_a_basin": len(in_basins),
        "outcomes_elsewhere": sum(1 for g in graded if g.outcome is not None and g.outcome.basin is None),
        "outcomes_outside_shown": outside,
        "outside_shown_share": round(outside / len(in_basins), 4) if in_basins else None,
        "projects": [_project_entry(g) for g in graded],
    }


def summary_line(data: dict[str, Any]) -> str:
    """One French line: projects by status, and the share of outcomes outside the list shown (drift's first alarm)."""
    share = data.get("outside_shown_share")
    outside = (
        f"{data['outcomes_outside_shown']} sur {data['outcomes_in_a_basin']} ({format_number(round(100 * share), '%')})"
        if share is not None
        else "aucune issue dans un bassin"
    )
    return (
        f"{data['decided_projects']} projets décidés : {data['used']} utilisés, "
        f"{data['negatives_only']} comme négatifs seulement, {data['skipped']} écartés ; "
        f"issues hors de la liste montrée : {outside} ; hors de France / abandonnés : {data['outcomes_elsewhere']}"
    )


def project_lines(graded: list[GradedProject]) -> list[str]:
    """One French line per decided project: what training did with it, and why when it was not used."""
    lines = []
    for project in graded:
        outcome = project.outcome
        where = (
            ""
            if outcome is None
            else (
                " — issue : hors de France / abandonné"
                if outcome.basin is None
                else f" — site final {outcome.basin}, "
                + (f"rang {outcome.shown_rank} montré" if outcome.shown_rank else "hors de la liste montrée")
            )
        )
        why = f" ({project.reason})" if project.reason else ""
        lines.append(f"  projet {project.project_id} : {STATUS_WORDS[project.status]}{why}{where}")
    return lines
