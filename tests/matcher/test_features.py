"""Feature functions on hand-checked values, and the per-project feature matrix."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.cv.document import Passage
from matcher.project.record import Project
from matcher.scoring.features import (
    FEATURE_NAMES,
    PairContext,
    feature_matrix,
    labour_pool_ratio,
    land_fit,
    lexical_activity,
    lexical_activity_words,
    lexical_fact_best,
    lexical_whole_cv,
    matrix_columns,
    needs_met_share,
    population,
)
from matcher.search.lexical_scorers import (
    CvScorer,
    FactScorer,
    LexicalViews,
    source_headlines,
    split_facts,
    whole_cv_vectorizer,
    word_vectorizer,
)
from matcher.search.retrieval import BasinEvidence
from matcher.territory.distances import haversine_km
from matcher.territory.land import LandOffer, LandSite
from matcher.territory.records import CuratedSection


def _context(basin, facts=None, whole_cv=None, activity_words=None, **project):
    evidence = BasinEvidence(
        basin.code, {}, {}, {}, (), facts=facts or {}, whole_cv=whole_cv, activity_words=activity_words
    )
    return PairContext(
        Project(description="Projet industriel de test, assez long.", **project), basin, evidence, None, None
    )


def test_lexical_activity_is_the_best_fact_of_the_activity_sections_only(territories):
    basin = territories.basin("4421")
    facts = {"industrial_fabric": 0.2, "skills_and_training": 0.35, "infrastructure": 0.9}
    assert lexical_activity(_context(basin, facts)) == 0.35
    assert lexical_fact_best(_context(basin, facts)) == 0.9
    assert lexical_activity(_context(basin, {"infrastructure": 0.9})) is None
    assert lexical_fact_best(_context(basin, {})) is None


def test_whole_cv_features_read_the_basin_scores_and_flag_a_basin_without_curated_cv(territories):
    basin = territories.basin("4421")
    assert lexical_whole_cv(_context(basin, whole_cv=0.25)) == 0.25
    assert lexical_activity_words(_context(basin, activity_words=0.0)) == 0.0  # no shared word is a value
    assert lexical_whole_cv(_context(basin)) is None
    assert lexical_activity_words(_context(basin)) is None


def test_labour_pool_ratio_and_population_by_hand(territories):
    basin = territories.basin("4421")
    unemployed = basin.figure("unemployed_15_64_census_2021")
    assert labour_pool_ratio(_context(basin, jobs=50)) == pytest.approx(math.log1p(unemployed / 50))
    assert labour_pool_ratio(_context(basin)) is None  # no job count: missing, not neutral
    assert population(_context(basin)) == pytest.approx(math.log1p(basin.figure("population_2021")))


def _site(site_id, basin, ha, rail=None, status="friche sans projet"):
    return LandSite(
        site_id,
        f"Site {site_id}",
        "08105",
        "Charleville-Mézières",
        basin,
        ha,
        "friche",
        status,
        "DDT des Ardennes (Cerema Cartofriches)",
        "2022-10-10",
        rail_distance_m=rail,
    )


def test_land_fit_reads_site_rows_not_hectares_written_in_the_facts(territories):
    basin = territories.basin("4421")
    section = CuratedSection(("Une zone de 12,5 ha est viabilisée.", "Un parc de 1 200 hectares."))
    fake = dataclasses.replace(basin, curated={"sites_and_land": section})
    land = LandOffer({"4421": (_site("a", "4421", 40.0, rail=5000.0), _site("b", "4421", 10.0, rail=200.0))})
    context = dataclasses.replace(_context(fake, land_ha=80), land=land)
    assert land_fit(context) == 0.5  # the 40 ha row, not the 1,200 ha of the text
    assert (
        land_fit(
            dataclasses.replace(
                context,
                project=Project(
                    description="Projet industriel de test, assez long.", land_ha=20, needs=frozenset({"rail"})
                ),
            )
        )
        == 0.5
    )
    assert land_fit(dataclasses.replace(context, land=LandOffer({}))) == 0.0
    assert land_fit(dataclasses.replace(context, project=Project(description="Projet industriel de test."))) is None


def test_needs_met_share_counts_needs_shown_by_the_cv(territories):
    basin = territories.basin("4421")
    section = CuratedSection(("La zone est embranchée fer sur la voie ferrée Charleville–Sedan.",))
    fake = dataclasses.replace(basin, curated={"infrastructure": section})
    assert needs_met_share(_context(fake, needs=frozenset({"rail", "airport"}))) == 0.5
    assert needs_met_share(_context(fake)) is None


def test_haversine_paris_lyon():
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=2)


def test_feature_matrix_standardises_per_project_and_flags_missing():
    rows = [dict.fromkeys(FEATURE_NAMES, 0.0) for _ in range(4)]
    for row, value in zip(rows, (1.0, 2.0, 3.0, None), strict=True):
        row["lexical_activity"] = value
    matrix = feature_matrix(rows)
    j = matrix_columns().index("lexical_activity")
    flag = matrix_columns().index("missing:lexical_activity")
    # A basin without that CV text cannot be compared on it: the similarity counts for none of them.
    assert matrix[:, j].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert matrix[:, flag].tolist() == [0.0, 0.0, 0.0, 1.0]
    rows[3]["lexical_activity"] = 2.0
    z = 1 / math.sqrt(1 / 2)  # std of (1, 2, 3, 2) is sqrt(1/2)
    assert feature_matrix(rows)[:, j] == pytest.approx([-z, 0.0, z, 0.0])
    assert np.all(matrix[:, matrix_columns().index("population")] == 0.0)  # constant: no spread, no signal
    assert np.all(np.isfinite(matrix))


def test_a_missing_figure_scores_as_the_candidates_mean():
    rows = [dict.fromkeys(FEATURE_NAMES, 0.0) for _ in range(3)]
    for row, value in zip(rows, (5.0, 15.0, None), strict=True):
        row["unemployment_rate"] = value
    matrix = feature_matrix(rows)
    assert matrix[:, matrix_columns().index("unemployment_rate")] == pytest.approx([-1.0, 1.0, 0.0])
    assert matrix[:, matrix_columns().index("missing:unemployment_rate")].tolist() == [0.0, 0.0, 1.0]


def test_split_facts_recovers_curated_facts_and_skips_figures():
    passage = Passage(
        "4421",
        "industrial_fabric",
        "Tissu industriel — Sedan : La fonderie N. Dupont coule de la fonte. Une autre usine existe.",
    )
    assert [f.text for f in split_facts(passage)] == [
        "La fonderie N. Dupont coule de la fonte.",
        "Une autre usine existe.",
    ]
    assert split_facts(Passage("4421", "identity", "Identité — Sedan : 1 000 habitants. Beaucoup.")) == []


def test_fact_scorer_ranks_the_fact_that_shares_the_words():
    facts = [
        f
        for p in (
            Passage(
                "A",
                "industrial_fabric",
                "Tissu — A : Une fonderie de fonte produit des pièces. Une laiterie fait du fromage.",
            ),
            Passage(
                "B", "industrial_fabric", "Tissu — B : Une usine de papier tourne. Des scieries travaillent le bois."
            ),
        )
        for f in split_facts(p)
    ]
    scorer = FactScorer(facts)
    scores = scorer.scores(["Nous fabriquons du fromage dans notre laiterie."])[0]
    assert facts[int(np.argmax(scores))].text == "Une laiterie fait du fromage."
    assert scorer.scores([facts[0].text])[0][0] == pytest.approx(1.0, abs=1e-5)
    assert sorted(scorer.basin_rows) == ["A", "B"]


CVS = [
    f
    for p in (
        Passage(
            "A",
            "industrial_fabric",
            "Tissu — A : Une fonderie coule des pièces en fonte. Une laiterie fait du fromage.",
        ),
        Passage("A", "infrastructure", "Infrastructures — A : Une gare de fret dessert la zone."),
        Passage(
            "B",
            "industrial_fabric",
            "Tissu — B : Une papeterie produit de la pâte à papier. Des scieries travaillent le bois.",
        ),
        Passage("B", "skills_and_training", "Compétences — B : Un lycée forme aux métiers du bois et du papier."),
        Passage("C", "industrial_fabric", "Tissu — C : Des ateliers de confection cousent des vêtements."),
    )
    for f in split_facts(p)
]


def test_cv_scorer_adds_up_words_spread_over_several_facts():
    # "bois" and "papier" each appear in two facts of B: the whole CV matches better than any one fact.
    scorer = CvScorer(CVS, whole_cv_vectorizer())
    assert scorer.basin_codes == ["A", "B", "C"]
    scores = scorer.scores(["Nous produisons du papier à partir de bois.", "Texte sans rapport aucun."])
    assert int(np.argmax(scores[0])) == 1
    assert scores[0][1] > 0.1 and np.all(scores[1] < scores[0][1])
    assert np.all((scores >= 0) & (scores <= 1 + 1e-6))


def test_cv_scorer_keeps_only_the_given_sections():
    scorer = CvScorer(CVS, word_vectorizer(), sections=("industrial_fabric",))
    # The freight station of A is an infrastructure fact, outside the document: no shared word.
    assert scorer.scores(["gare fret"])[0].tolist() == [0.0, 0.0, 0.0]
    fromage = scorer.scores(["laiterie et fromage"])[0]
    assert fromage[0] > 0 and fromage[1] == 0 and fromage[2] == 0


def test_cv_scorer_word_pairs_count_and_few_basins_keep_every_word():
    single = CvScorer(CVS[:2], word_vectorizer())  # one basin: no share-of-basins cut-off applies
    assert single.basin_codes == ["A"]
    assert single.scores(["fonderie"])[0][0] > 0
    scorer = CvScorer(CVS, word_vectorizer())
    # "pâte à papier" as a pair scores above the same words in another order.
    assert scorer.scores(["pâte à papier"])[0][1] > scorer.scores(["papier à pâte"])[0][1]
    assert CvScorer([], word_vectorizer()).scores(["bois"]).shape == (1, 0)


def test_source_headlines_drop_the_publisher_and_skip_figure_sections():
    passage = Passage(
        "4425",
        "industrial_fabric",
        "Tissu industriel — Troyes : La bonneterie domine.",
        (
            "Le dernier carré du textile dans l'Aube (L'Usine Nouvelle)",
            "Cristal Union (Wikipédia)",
            "« 12 » (La Gazette France) : première liste de sites",
        ),
    )
    assert [h.text for h in source_headlines(passage)] == [
        "Le dernier carré du textile dans l'Aube",
        "Cristal Union",
        "« 12 » (La Gazette France) : première liste de sites",
    ]
    assert {(h.basin_code, h.section) for h in source_headlines(passage)} == {("4425", "industrial_fabric")}
    assert source_headlines(Passage("4425", "identity", "Identité — Troyes : 1 000 habitants.", ("INSEE (RP)",))) == []


def test_headlines_count_in_the_whole_cv_views_but_are_not_facts():
    passages = [
        Passage("A", "industrial_fabric", "Tissu — A : Une fonderie coule des pièces.", ("La filière textile renaît",)),
        Passage("B", "industrial_fabric", "Tissu — B : Une papeterie produit de la pâte.", ()),
    ]
    views = LexicalViews.from_passages(passages)
    assert [f.text for f in views.facts.facts] == [
        "Une fonderie coule des pièces.",
        "Une papeterie produit de la pâte.",
    ]
    for scorer in (views.whole_cv, views.activity_words):
        a, b = scorer.scores(["Confection textile"])[0]
        assert a > 0 and b == 0


VALUE = st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True, width=32), st.floats(min_value=-1e6, max_value=1e6)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(VALUE, min_size=len(FEATURE_NAMES), max_size=len(FEATURE_NAMES)), min_size=1, max_size=8))
def test_the_feature_matrix_is_finite_and_flags_exactly_the_missing_values(rows):
    values = [dict(zip(FEATURE_NAMES, row, strict=True)) for row in rows]
    matrix = feature_matrix(values)
    k = len(FEATURE_NAMES)
    assert matrix.shape == (len(rows), 2 * k) and np.all(np.isfinite(matrix))
    missing = np.array([[v is None or not math.isfinite(v) for v in row] for row in rows])
    assert (matrix[:, k:] == missing).all()
