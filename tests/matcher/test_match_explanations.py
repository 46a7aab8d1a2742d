"""Every ranked basin explains itself with the numbers that ranked it (shipped model; top basin: real matcher)."""

import pytest

from matcher.project.record import project_from_mapping
from matcher.scoring.explanations import FEATURE_LABELS
from matcher.scoring.features import FEATURE_NAMES
from matcher.scoring.rankers import MODEL_FEATURES

TEXT = (
    "Fonderie familiale, nous produisons des pièces en fonte pour poids lourds et voulons une "
    "nouvelle ligne de moulage ; besoin d'un embranchement ferroviaire et d'un accès autoroutier."
)


def _foundry(matcher) -> dict:
    return matcher.match(
        project_from_mapping({"description": TEXT, "land_ha": 9000, "needs": ["airport"]}), top=27
    ).to_dict()


@pytest.fixture(scope="module")
def result(fast_matcher):
    return _foundry(fast_matcher)


def test_the_shipped_model_ranks_and_says_so(result):
    assert result["ranked_by"] == "model" and result["model_version"].startswith("default-")


def test_fit_and_policy_are_separate_and_add_up(result):
    for r in result["results"]:
        assert r["score"] == pytest.approx(r["fit"] + r["policy_adjustment"], abs=2e-4)
        assert r["policy_adjustment"] == pytest.approx(sum(a["value"] for a in r["explanation"]["policy"]), abs=2e-4)


def test_contributions_are_signed_and_sum_to_the_fit(result):
    for r in result["results"]:
        parts = r["explanation"]["contributions"]
        learned = {p["feature"] for p in parts if not p["feature"].startswith("declared_need:")}
        assert parts and learned <= set(MODEL_FEATURES)
        assert sum(p["contribution"] for p in parts) == pytest.approx(r["fit"], abs=1e-3)
    signs = {p["contribution"] > 0 for r in result["results"] for p in r["explanation"]["contributions"]}
    assert signs == {True, False}  # some features raise a basin, others lower it


@pytest.mark.slow  # which basin comes first is the USE encoder's reading of the text
def test_the_top_basin_shows_the_fact_that_matched(matcher):
    top = _foundry(matcher)["results"][0]
    assert top["ze2020_code"] == "4421"  # Sedan: its CV documents foundries of cast iron for trucks
    assert any("fonte" in p["text"] for p in top["explanation"]["passages"])


def test_unmet_needs_are_listed_in_french(result, territories):
    for r in result["results"]:
        largest = territories.land.largest(r["ze2020_code"])
        short = largest is None or largest.area_ha < 9000
        assert short == any("foncier de 9\u202f000 ha : aucun site" in n for n in r["explanation"]["unmet_needs"])
    assert any("aéroport" in n for r in result["results"] for n in r["explanation"]["unmet_needs"])


def test_every_feature_has_a_french_label():
    assert set(FEATURE_NAMES) <= set(FEATURE_LABELS)


def test_over_all_france_basins_are_compared_on_what_they_all_have(fast_matcher):
    france = fast_matcher.match(
        project_from_mapping({"description": TEXT, "naf_code": "16.21Z"}), scope="france", top=306
    ).to_dict()
    outside = [r for r in france["results"] if not r["ze2020_code"].startswith("44")]
    assert len(outside) == 279
    assert FEATURE_LABELS["lexical_whole_cv"] in outside[0]["explanation"]["missing_inputs"]
    # Only Grand Est basins have a written CV: the text similarities move no basin, sector jobs do.
    moved = {c["feature"] for r in france["results"] for c in r["explanation"]["contributions"]}
    assert not any(f.startswith("lexical_") for f in moved) and "sector_jobs" in moved
    ranks = {r["ze2020_code"]: r["rank"] for r in france["results"]}
    assert min(r["rank"] for r in outside) < max(ranks[c] for c in ranks if c.startswith("44"))
