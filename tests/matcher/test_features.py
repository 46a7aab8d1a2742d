"""Feature functions on hand-checked values, and the per-project feature matrix."""
import dataclasses
import math

import numpy as np
import pytest

from matcher.cv import Passage
from matcher.features import (
    FEATURE_NAMES, PairContext, feature_matrix, haversine_km, labour_pool_ratio, land_fit, largest_site_ha,
    lexical_activity, lexical_fact_best, matrix_columns, needs_met_share, population,
)
from matcher.lexical import FactScorer, split_facts
from matcher.projects import Project
from matcher.retrieval import BasinEvidence
from matcher.territories import CuratedSection


def _context(basin, facts=None, **project):
    evidence = BasinEvidence(basin.code, {}, {}, {}, (), facts=facts or {})
    return PairContext(Project(description="Projet industriel de test, assez long.", **project),
                       basin, evidence, None, None)


def test_lexical_activity_is_the_best_fact_of_the_activity_sections_only(territories):
    basin = territories.basin("4421")
    facts = {"industrial_fabric": 0.2, "skills_and_training": 0.35, "infrastructure": 0.9}
    assert lexical_activity(_context(basin, facts)) == 0.35
    assert lexical_fact_best(_context(basin, facts)) == 0.9
    assert lexical_activity(_context(basin, {"infrastructure": 0.9})) is None
    assert lexical_fact_best(_context(basin, {})) is None


def test_labour_pool_ratio_and_population_by_hand(territories):
    basin = territories.basin("4421")
    unemployed = basin.figure("unemployed_15_64_census_2021")
    assert labour_pool_ratio(_context(basin, jobs=50)) == pytest.approx(math.log1p(unemployed / 50))
    assert labour_pool_ratio(_context(basin)) is None  # no job count: missing, not neutral
    assert population(_context(basin)) == pytest.approx(math.log1p(basin.figure("population_2021")))


def test_land_fit_reads_hectares_in_the_sites_facts(territories):
    basin = territories.basin("4421")
    section = CuratedSection(("Une zone de 12,5 ha est viabilisée.", "Un parc de 1 200 hectares."))
    fake = dataclasses.replace(basin, curated={"sites_and_land": section})
    assert largest_site_ha(fake) == 1200.0
    assert land_fit(_context(fake, land_ha=2400)) == 0.5
    assert land_fit(_context(fake, land_ha=10)) == 1.0
    assert land_fit(_context(fake)) is None


def test_needs_met_share_counts_needs_shown_by_the_cv(territories):
    basin = territories.basin("4421")
    section = CuratedSection(("La zone est embranchée fer sur la voie ferrée Charleville–Sedan.",))
    fake = dataclasses.replace(basin, curated={"infrastructure": section})
    assert needs_met_share(_context(fake, needs=frozenset({"rail", "airport"}))) == 0.5
    assert needs_met_share(_context(fake)) is None


def test_haversine_paris_lyon():
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=2)


def test_feature_matrix_standardises_per_project_and_flags_missing():
    rows = [{n: 0.0 for n in FEATURE_NAMES} for _ in range(4)]
    for row, value in zip(rows, (1.0, 2.0, 3.0, None)):
        row["lexical_activity"] = value
    matrix = feature_matrix(rows)
    j = matrix_columns().index("lexical_activity")
    flag = matrix_columns().index("missing:lexical_activity")
    z = 1 / math.sqrt(2 / 3)  # std of (1, 2, 3) is sqrt(2/3)
    assert matrix[:, j] == pytest.approx([-z, 0.0, z, 0.0])
    assert matrix[:, flag].tolist() == [0.0, 0.0, 0.0, 1.0]
    assert np.all(matrix[:, matrix_columns().index("population")] == 0.0)  # constant: no spread, no signal
    assert np.all(np.isfinite(matrix))


def test_split_facts_recovers_curated_facts_and_skips_figures():
    passage = Passage("4421", "industrial_fabric",
                      "Tissu industriel — Sedan : La fonderie N. Dupont coule de la fonte. Une autre usine existe.")
    assert [f.text for f in split_facts(passage)] == ["La fonderie N. Dupont coule de la fonte.",
                                                      "Une autre usine existe."]
    assert split_facts(Passage("4421", "identity", "Identité — Sedan : 1 000 habitants. Beaucoup.")) == []


def test_fact_scorer_ranks_the_fact_that_shares_the_words():
    facts = [f for p in (
        Passage("A", "industrial_fabric", "Tissu — A : Une fonderie de fonte produit des pièces. Une laiterie fait du fromage."),
        Passage("B", "industrial_fabric", "Tissu — B : Une usine de papier tourne. Des scieries travaillent le bois."),
    ) for f in split_facts(p)]
    scorer = FactScorer(facts)
    scores = scorer.scores(["Nous fabriquons du fromage dans notre laiterie."])[0]
    assert facts[int(np.argmax(scores))].text == "Une laiterie fait du fromage."
    assert scorer.scores([facts[0].text])[0][0] == pytest.approx(1.0, abs=1e-5)
    assert sorted(scorer.basin_rows) == ["A", "B"]
