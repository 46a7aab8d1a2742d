"""Commitments of a support convention: kinds, computed statuses and the claw-back amount."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# A missed due date is not yet a missed commitment: companies close their accounts and payroll
# statements in the quarter after a due date, so the evidence of a commitment met on time often
# arrives up to three months late. After these days without a report meeting the target, it is missed.
GRACE_DAYS = 90
GRACE = timedelta(days=GRACE_DAYS)
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Kind:
    label: str
    unit: str
    counts_jobs: bool = False
    counts_investment: bool = False


KINDS: dict[str, Kind] = {
    "jobs_created": Kind("Emplois créés (CDI)", "emplois", counts_jobs=True),
    "jobs_kept": Kind("Emplois maintenus (CDI)", "emplois", counts_jobs=True),
    "investment": Kind("Investissement réalisé", "€", counts_investment=True),
    "apprentices": Kind("Apprentis accueillis", "apprentis"),
    "training_hours": Kind("Heures de formation", "heures"),
    "local_purchases": Kind("Part des achats locaux", "%"),
    "energy": Kind("Énergie ou émissions", "tCO2e"),
    "brownfield": Kind("Réemploi de friche", "ha"),
    "free": Kind("Engagement libre", ""),
}
SUPPORT_TYPES = {
    "subvention": "Subvention",
    "avance_remboursable": "Avance remboursable",
    "pret": "Prêt",
    "garantie": "Garantie",
    "accompagnement": "Accompagnement",
    "foncier": "Foncier",
}
STATUSES = {"on_track": "en cours", "late": "en retard", "missed": "manqué", "met": "atteint"}


@dataclass(frozen=True)
class Reading:
    """A realised value reported at a date."""

    on: date
    value: float


def reached(baseline: float, target: float, value: float) -> bool:
    """A target below the baseline is a reduction (emissions, energy): reached when at or under it."""
    return value >= target if target >= baseline else value <= target


def status(baseline: float, target: float, due_on: date, readings: Iterable[Reading], today: date) -> str:
    """on_track, late, missed or met, from the readings known on `today` (later-dated ones are ignored)."""
    counted = sorted((r for r in readings if r.on <= min(today, due_on + GRACE)), key=lambda r: r.on)
    if counted and reached(baseline, target, counted[-1].value):
        return "met"
    if today <= due_on:
        return "on_track"
    return "late" if today <= due_on + GRACE else "missed"


def latest_value(readings: Iterable[Reading], today: date) -> float | None:
    """The last value reported on or before `today`."""
    known = sorted((r for r in readings if r.on <= today), key=lambda r: r.on)
    return known[-1].value if known else None


def shortfall(baseline: float, target: float, value: float | None) -> float:
    """The share of the promised change not delivered, between 0 (reached) and 1 (nothing delivered)."""
    if target == baseline:
        return 0.0 if value is not None and reached(baseline, target, value) else 1.0
    delivered = ((value if value is not None else baseline) - baseline) / (target - baseline)
    return min(1.0, max(0.0, 1.0 - delivered))


@dataclass(frozen=True)
class CommitmentState:
    baseline: float
    target: float
    status: str
    latest: float | None


def clawback(amount_eur: float, clawback_pct: float, commitments: list[CommitmentState]) -> float:
    """Support to recover: amount x claw-back share x mean shortfall, where only missed commitments count.

    Each commitment weighs the same; a missed one counts its undelivered share, so a convention with
    two commitments, one met and one missed with nothing delivered, recovers half the claw-back share.
    """
    if not commitments:
        return 0.0
    missed = sum(shortfall(c.baseline, c.target, c.latest) for c in commitments if c.status == "missed")
    return round(amount_eur * clawback_pct / 100 * missed / len(commitments), 2)


def due_soon(due_on: date, state: str, today: date) -> bool:
    """A report is expected within DUE_SOON_DAYS for a commitment not yet met."""
    return state != "met" and today <= due_on <= today + timedelta(days=DUE_SOON_DAYS)


def report_overdue(due_on: date, state: str, readings: Iterable[Reading], today: date) -> bool:
    """The due date passed and no value was reported on or after it."""
    return state != "met" and due_on < today and not any(due_on <= r.on <= today for r in readings)


def committed_change(kind: str, baseline: float, target: float) -> float:
    """Jobs or euros promised: the change for created jobs and investment, the level for jobs kept."""
    return target if kind == "jobs_kept" else target - baseline


def realised_change(kind: str, baseline: float, latest: float | None) -> float:
    """The same measure on the last reported value (nothing reported counts as nothing delivered)."""
    if latest is None:
        return 0.0
    return latest if kind == "jobs_kept" else latest - baseline
