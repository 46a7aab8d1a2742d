"""Extension on site: the home basin first as the reference whatever its fit; several sites use the nearest."""

import numpy as np
import pytest

from matcher.matching.pipeline import reference_first
from matcher.project.record import project_from_mapping
from matcher.scoring.features import PairContext, distance_to_existing_site
from matcher.scoring.home_reference import home_basin
from matcher.scoring.policy import PolicyConfig, adjustments, proximity
from matcher.search.retrieval import BasinEvidence
from matcher.territory.distances import haversine_km

PHARMA = (
    "Laboratoire pharmaceutique, nous voulons étendre notre usine de médicaments injectables avec une "
    "nouvelle ligne de remplissage stérile en salle blanche, 80 emplois, forte puissance électrique."
)
SEDAN, VIVIER, HAYBES = "08409", "08488", "08222"  # Sedan basin (4421) twice, Charleville-Mézières (4403)


def test_home_basin_holds_most_sites_then_the_first_listed(territories):
    c = territories.communes
    codes = [b.code for b in territories.scope("ge")]
    assert home_basin("extension_same_site", [c[HAYBES], c[SEDAN], c[VIVIER]], codes) == "4421"
    assert home_basin("extension_same_site", [c[HAYBES], c[SEDAN]], codes) == "4403"
    assert home_basin("new_site_existing_company", [c[SEDAN]], codes) is None
    assert home_basin("extension_same_site", [c["75056"]], codes) is None  # Paris: not a Grand Est candidate


def test_reference_first_moves_only_the_home_basin():
    order = np.array([3, 0, 2, 1])
    assert reference_first(order, 2).tolist() == [2, 3, 0, 1]
    assert reference_first(order, None).tolist() == [3, 0, 2, 1]


def _contexts(territories, codes, project):
    sites = tuple(territories.communes[s] for s in project.sites)
    return [
        PairContext(
            project,
            territories.basin(code),
            BasinEvidence(code, {}, {}, {}, ()),
            None,
            sites[0] if sites else None,
            existing_sites=sites,
        )
        for code in codes
    ]


def test_several_existing_sites_use_the_nearest(territories):
    project = project_from_mapping(
        {"description": PHARMA, "project_kind": "new_site_existing_company", "existing_site_communes": [SEDAN, "67482"]}
    )  # Sedan and Strasbourg
    far = territories.basin("4407")  # Épinal: nearer Strasbourg than Sedan
    [context] = _contexts(territories, ["4407"], project)
    strasbourg, sedan = territories.communes["67482"], territories.communes[SEDAN]
    expected = min(haversine_km(s.lat, s.lon, far.centroid_lat, far.centroid_lon) for s in (strasbourg, sedan))
    assert distance_to_existing_site(context) == pytest.approx(expected)
    [items] = adjustments([context], PolicyConfig(), None)
    bonus = {a.rule: a.value for a in items}["endogenous"]
    assert bonus == pytest.approx(proximity("new_site_existing_company", expected, PolicyConfig()))


def test_proximity_only_for_a_new_site_of_a_company_already_here():
    config = PolicyConfig(endogenous=2.0, endogenous_halving_km=10.0)
    assert proximity("new_site_existing_company", 0.0, config) == 2.0
    assert proximity("new_site_existing_company", 20.0, config) == pytest.approx(0.5)
    assert proximity("extension_same_site", 0.0, config) == 0.0
    assert proximity("newcomer", 0.0, config) == 0.0
    assert proximity("new_site_existing_company", None, config) == 0.0


def test_home_basin_of_an_extension_is_first_whatever_its_fit(fast_matcher):
    plain = fast_matcher.match(project_from_mapping({"description": PHARMA}), top=27)
    fits = {r.ze2020_code: r.fit for r in plain.results}
    home = min(fits, key=fits.get)  # the basin this project fits worst
    site = next(c for c in fast_matcher.territories.communes.values() if c.basin_code == home)
    project = project_from_mapping(
        {"description": PHARMA, "project_kind": "extension sur site", "existing_site_communes": [site.code]}
    )
    result = fast_matcher.match(project, top=27)
    first, others = result.results[0], result.results[1:]
    assert (first.ze2020_code, first.reference, result.reference) == (home, True, home)
    assert first.fit == pytest.approx(fits[home])  # a presentation rule: the fit is not changed
    assert {c.topic for c in first.checks} >= {"Foncier", "Main-d'œuvre", "Énergie électrique"}
    assert [o.score for o in others] == sorted((o.score for o in others), reverse=True)
    assert not any(o.reference or o.checks for o in others)
    assert any(line.startswith("meilleure adéquation") for line in others[0].versus_reference)
    data = result.to_dict()
    assert data["reference_basin"] == home and data["results"][0]["explanation"]["reference"] is True
    assert data["results"][0]["explanation"]["checks"][0]["status_label"]
