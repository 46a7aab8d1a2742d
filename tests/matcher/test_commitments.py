"""Computed commitment statuses, the grace period, shortfalls and the claw-back amount."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.project.commitments import (
    GRACE_DAYS,
    CommitmentState,
    Reading,
    clawback,
    committed_change,
    due_soon,
    realised_change,
    report_overdue,
    shortfall,
    status,
)

DUE = date(2027, 12, 31)
END_OF_GRACE = date(2028, 3, 30)  # DUE + 90 days


def test_the_grace_period_is_ninety_days_and_ends_on_the_documented_day():
    assert GRACE_DAYS == 90 and (END_OF_GRACE - DUE).days == GRACE_DAYS


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 1, 1), "on_track"),
        (DUE, "on_track"),
        (date(2028, 1, 1), "late"),
        (END_OF_GRACE, "late"),
        (date(2028, 3, 31), "missed"),
    ],
)
def test_an_unmet_commitment_goes_on_track_late_then_missed(today, expected):
    assert status(20, 100, DUE, [Reading(date(2027, 6, 1), 60)], today) == expected


def test_a_value_reaching_the_target_is_met_even_after_the_due_date_within_the_grace():
    readings = [Reading(date(2027, 6, 1), 60), Reading(date(2028, 2, 1), 100)]
    assert status(20, 100, DUE, readings, date(2028, 2, 2)) == "met"
    assert status(20, 100, DUE, readings, date(2028, 1, 31)) == "late"  # the reading is not known yet


def test_a_report_dated_after_the_grace_does_not_save_a_missed_commitment():
    assert status(20, 100, DUE, [Reading(date(2028, 5, 1), 120)], date(2028, 6, 1)) == "missed"


def test_a_later_lower_value_undoes_a_met_status():
    readings = [Reading(date(2027, 1, 1), 100), Reading(date(2027, 6, 1), 80)]
    assert status(20, 100, DUE, readings, date(2027, 7, 1)) == "on_track"


def test_a_target_below_the_baseline_is_a_reduction():
    assert status(1000, 600, DUE, [Reading(date(2027, 1, 1), 590)], date(2027, 2, 1)) == "met"
    assert status(1000, 600, DUE, [Reading(date(2027, 1, 1), 700)], date(2028, 6, 1)) == "missed"
    assert shortfall(1000, 600, 700) == pytest.approx(0.25)


@pytest.mark.parametrize("value, expected", [(None, 1.0), (20, 1.0), (50, 0.5), (80, 0.0), (95, 0.0), (0, 1.0)])
def test_shortfall_is_the_undelivered_share_of_the_promised_change(value, expected):
    assert shortfall(20, 80, value) == pytest.approx(expected)


def test_clawback_counts_only_missed_commitments_each_weighing_the_same():
    missed_half = CommitmentState(20, 80, "missed", 50)
    met = CommitmentState(0, 5e6, "met", 5e6)
    late = CommitmentState(0, 10, "late", 0)
    assert clawback(1_000_000, 50, [missed_half, met]) == 125_000
    assert clawback(1_000_000, 50, [missed_half, met, late]) == pytest.approx(83_333.33)
    assert clawback(1_000_000, 50, [met]) == 0 and clawback(1_000_000, 50, []) == 0


def test_due_soon_and_overdue_reports():
    assert due_soon(DUE, "on_track", date(2027, 12, 1)) and not due_soon(DUE, "on_track", date(2027, 11, 30))
    assert not due_soon(DUE, "met", date(2027, 12, 1))
    assert report_overdue(DUE, "late", [Reading(date(2027, 6, 1), 50)], date(2028, 1, 2))
    assert not report_overdue(DUE, "late", [Reading(DUE, 50)], date(2028, 1, 2))


def test_jobs_kept_count_their_level_and_jobs_created_their_change():
    assert committed_change("jobs_created", 20, 80) == 60 and committed_change("jobs_kept", 50, 50) == 50
    assert realised_change("jobs_created", 20, 50) == 30 and realised_change("jobs_kept", 50, 45) == 45
    assert realised_change("investment", 0, None) == 0
