"""Steering aggregates by basin and kind of territory on the shipped Grand Est figures, against hand counts."""

from __future__ import annotations

import pytest

from matcher.territory.steering import Activity, ConventionFigures, by_basin, by_kind, classes, regional_unemployment

EPINAL, NANCY, BAR = "4407", "4412", "4401"


@pytest.fixture(scope="module")
def region(territories):
    return territories.scope("ge")


def test_classes_follow_the_documented_limits(territories, region):
    mean = regional_unemployment(region)
    assert mean == pytest.approx(7.422, abs=1e-3)  # active-population-weighted rate, 2023 T3
    assert classes(territories.basin(EPINAL), mean) == {
        "population": "100 000 à 199 999 habitants",
        "unemployment": "chômage au-dessus de la moyenne régionale",
        "density": "rural",
    }
    assert classes(territories.basin(NANCY), mean) == {
        "population": "200 000 habitants ou plus",
        "unemployment": "chômage égal ou inférieur à la moyenne régionale",
        "density": "urbain",
    }
    assert classes(territories.basin(BAR), mean)["population"] == "moins de 100 000 habitants"
    counts = {}
    for basin in region:
        for kind, name in classes(basin, mean).items():
            counts[(kind, name)] = counts.get((kind, name), 0) + 1
    assert counts[("density", "urbain")] == 12 and counts[("density", "rural")] == 15
    assert counts[("population", "moins de 100 000 habitants")] == 7


def test_a_project_ranked_in_two_basins_of_a_class_counts_once(region):
    activity = {
        EPINAL: Activity(submitted={1, 2}, recent={1}),
        NANCY: Activity(submitted={1}, recent={1}),
        "4425": Activity(submitted={2}),
    }  # Troyes: rural, above the mean, 200 000 or more
    rural = {r.key: r for r in by_kind(region, activity, [])["density"]}["rural"]
    assert rural.projects_submitted == 2  # projects 1 and 2, both in Épinal, 2 also in Troyes


def test_basin_figures_against_hand_computed_ones(region):
    activity = {EPINAL: Activity(submitted={1, 2}, recent={2}, shortlisted={1, 2}, final={1})}
    conventions = [
        ConventionFigures(EPINAL, 1_000_000, 70, 30, 5e6, 2e6),
        ConventionFigures(EPINAL, 400_000, 10, 10, 0, 0),
    ]
    rows = {r.key: r for r in by_basin(region, activity, conventions)}
    epinal = rows[EPINAL]
    assert (epinal.projects_submitted, epinal.projects_shortlisted, epinal.projects_final) == (2, 2, 1)
    assert (epinal.jobs_committed, epinal.jobs_realised) == (80, 40)
    assert epinal.support_eur == 1_400_000 and epinal.support_per_job == 17_500  # 1 400 000 / 80
    assert epinal.jobs_per_1000 == pytest.approx(0.43344, abs=1e-5)  # 80 / 184 570 inhabitants x 1 000
    assert not epinal.no_recent_project and rows[NANCY].no_recent_project
    assert rows[NANCY].support_per_job is None and rows[NANCY].jobs_per_1000 == 0
    assert len(rows) == 27
