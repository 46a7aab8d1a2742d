import dataclasses

import numpy as np

from matcher.project.record import Project
from matcher.scoring.declared_requirements import declared_need_penalties
from matcher.scoring.features import PairContext
from matcher.search.retrieval import BasinEvidence

TEXT = "Nous voulons construire une usine de panneaux de particules en bois."


def _context(territories, code, needs):
    project = Project(description=TEXT, needs=frozenset(needs))
    evidence = BasinEvidence(code, {}, {}, {}, ())
    return PairContext(project, territories.basin(code), evidence, None, None)


def test_declared_need_missing_from_cv_costs_one_fit_sd(territories):
    # Sarreguemines' CV mentions the A4 motorway; Mayotte (0601) has no curated facts at all.
    contexts = [_context(territories, "4420", {"motorway"}), _context(territories, "0601", {"motorway"})]
    fit = np.array([1.0, -1.0])
    penalties = declared_need_penalties(contexts, fit)
    assert penalties[0] == []
    assert [p.feature for p in penalties[1]] == ["declared_need:motorway"]
    assert penalties[1][0].contribution == -1.0  # std of [1, -1]
    assert "accès autoroutier" in penalties[1][0].label


def test_needs_read_in_text_only_are_not_penalised(territories):
    context = _context(territories, "0601", set())
    context = dataclasses.replace(context, project=Project(description=TEXT + " Accès ferroviaire indispensable."))
    assert declared_need_penalties([context], np.array([0.0])) == [[]]


def test_a_declared_land_need_is_checked_against_site_rows(territories):
    # Charleville-Mézières: its largest confirmed site is a 56 ha marshalling-yard brownfield.
    project = Project(description=TEXT, land_ha=150)
    context = dataclasses.replace(_context(territories, "4403", set()), project=project, land=territories.land)
    largest = territories.land.largest("4403")
    assert largest.area_ha < 150
    [penalty] = declared_need_penalties([context], np.array([0.0]))[0]
    assert penalty.feature == "declared_need:land" and penalty.contribution == -1.0
    assert "aucun site disponible d'au moins 150 ha ; le plus grand : 56,2 ha" in penalty.label
    assert largest.name in penalty.label and "Cerema Cartofriches" in penalty.label
    met = dataclasses.replace(context, project=Project(description=TEXT, land_ha=50))
    assert declared_need_penalties([met], np.array([0.0])) == [[]]
