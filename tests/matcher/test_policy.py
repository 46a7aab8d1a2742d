"""Policy adjustments by hand: applied after the fit, reported apart, switched off as a whole."""

import dataclasses
import json

import numpy as np
import pytest

from matcher.project.record import Project
from matcher.scoring.features import PairContext
from matcher.scoring.policy import PolicyConfig, adjustments, strategic_sector
from matcher.search.retrieval import BasinEvidence


def _contexts(territories, codes, existing=None, endogenous=None, sector_scores=None):
    project = Project(description="Projet industriel de test, assez long.", endogenous=endogenous)
    out = []
    for i, code in enumerate(codes):
        sector = {"industrial_fabric": sector_scores[i]} if sector_scores else {}
        evidence = BasinEvidence(code, {}, {}, sector, ())
        out.append(PairContext(project, territories.basin(code), evidence, None, existing))
    return out


def _by_rule(items):
    return {a.rule: a.value for a in items}


def test_cohesion_is_weight_times_unemployment_z_score(territories):
    codes = ["4401", "4421", "4423"]
    rates = np.array([territories.basin(c).figure("unemployment_rate_pct_2023t3") for c in codes])
    z = (rates - rates.mean()) / rates.std()
    result = adjustments(_contexts(territories, codes), PolicyConfig(), None)
    for i in range(3):
        assert _by_rule(result[i]).get("cohesion", 0.0) == pytest.approx(0.25 * max(z[i], 0.0))


def test_cohesion_stops_growing_two_standard_deviations_above_the_mean(territories):
    # La Réunion's "L'Est" among ten Grand Est basins: its unemployment is about 3 sd above their mean.
    codes = [f"44{n:02d}" for n in range(1, 11)] + ["0401"]
    rates = np.array([territories.basin(c).figure("unemployment_rate_pct_2023t3") for c in codes])
    assert (rates[-1] - rates.mean()) / rates.std() > 2.5
    result = adjustments(_contexts(territories, codes), PolicyConfig(), None)
    assert _by_rule(result[-1])["cohesion"] == pytest.approx(0.25 * 2.0)


def test_endogenous_bonus_halves_every_halving_distance(territories):
    site = territories.communes["08409"]  # Sedan
    codes = [site.basin_code, "4423"]
    config = PolicyConfig(endogenous=0.5, endogenous_halving_km=30.0)
    result = adjustments(_contexts(territories, codes, existing=site, endogenous=True), config, None)
    assert _by_rule(result[0])["endogenous"] == pytest.approx(0.5)
    far = territories.basin("4423")
    from matcher.territory.distances import haversine_km

    km = haversine_km(site.lat, site.lon, far.centroid_lat, far.centroid_lon)
    assert _by_rule(result[1])["endogenous"] == pytest.approx(0.5 * 0.5 ** (km / 30))


def _with_employment(contexts, territories):
    return [dataclasses.replace(c, employment=territories.employment) for c in contexts]


def test_strategic_sector_and_value_chain_fire_where_the_sector_employs(territories):
    assert strategic_sector("10.51C") == "alimentation" and strategic_sector("16.21Z") is None
    codes = ["4418", "4423", "4403"]  # Saint-Louis and Strasbourg make medicines; Charleville-Mézières does not
    contexts = _with_employment(_contexts(territories, codes, sector_scores=[0.1, 0.1, 0.9]), territories)
    result = adjustments(contexts, PolicyConfig(), "21.10Z")
    data = territories.employment
    assert data.jobs("4418", "CF") >= 100 and data.specialisation("4418", "CF") >= 1
    assert _by_rule(result[0])["strategic_sector"] == 0.08 and _by_rule(result[0])["value_chain"] > 0
    assert "1\u202f644 emplois salariés privés" in next(a.label for a in result[0] if a.rule == "strategic_sector")
    # The example: the pharmacy project got "secteur stratégique (santé)" in Charleville-Mézières
    # from the similarity of its sector's label to the CV text; no pharmacy job there, no adjustment.
    assert "strategic_sector" not in _by_rule(result[2]) and "value_chain" not in _by_rule(result[2])


def test_a_sector_below_the_thresholds_is_not_present(territories):
    contexts = _with_embedding_free(territories, ["4418", "4403"])
    strict = PolicyConfig(sector_min_jobs=10_000)
    assert all("strategic_sector" not in _by_rule(items) for items in adjustments(contexts, strict, "21.10Z"))
    assert adjustments(_contexts(territories, ["4418"]), PolicyConfig(), "21.10Z") == [[]]  # no employment data given


def _with_embedding_free(territories, codes):
    return _with_employment(_contexts(territories, codes), territories)


def test_strategic_sectors_are_data_an_admin_can_change(tmp_path, fresh_home):
    assert strategic_sector("21.10Z") == "santé"
    (fresh_home / "policy").mkdir(parents=True)
    (fresh_home / "policy" / "strategic_sectors.json").write_text(json.dumps({"bois": ["16"]}), encoding="utf-8")
    assert strategic_sector("21.10Z") is None and strategic_sector("16.21Z") == "bois"
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"strategic_sectors": {"chimie": ["20"]}}), encoding="utf-8")
    config = PolicyConfig.from_file(path)
    assert strategic_sector("20.14Z", config) == "chimie" and strategic_sector("16.21Z", config) is None
    path.write_text(json.dumps({"strategic_sectors": {"chimie": "20"}}), encoding="utf-8")
    with pytest.raises(ValueError, match="NAF prefixes"):
        PolicyConfig.from_file(path)


def test_off_switches_every_rule_off(territories):
    site = territories.communes["08409"]
    contexts = _contexts(
        territories, ["4401", "4421", "4423"], existing=site, endogenous=True, sector_scores=[0.1, 0.2, 0.3]
    )
    assert adjustments(contexts, PolicyConfig.off(), "10.51C") == [[], [], []]


def test_policy_file_rejects_unknown_keys(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"cohesion": 0.2, "cohesoin": 0.1}))
    with pytest.raises(ValueError, match="cohesoin"):
        PolicyConfig.from_file(path)
    path.write_text(json.dumps({"cohesion": 0.2}))
    assert PolicyConfig.from_file(path).cohesion == 0.2
