"""Behavioural tests of the learned ranker on the real matcher and the dev cases (Made-With-ML style)."""

import dataclasses
import logging

import numpy as np
import pytest

from matcher.model_store import active_pointer
from matcher.model_store.live_model import RankerHandle
from matcher.model_store.model_dirs import Reference, load_version
from matcher.project.need_vocabulary import NEEDS, evidence_for
from matcher.scoring.features import project_needs
from matcher.scoring.policy import PolicyConfig
from matcher.scoring.rankers import LearnedRanker, PriorRanker, fit_scores
from training.case_files import DEV_CASES
from training.cases import load_cases
from training.fit import fit_ranker
from training.gate import evaluate_promotion
from training.like_with_like import from_reference
from training.reference_set import ReferenceSet
from training.train import write_candidate

NEUTRAL = (
    "Ce dossier a été préparé par notre direction générale.",
    "Nous vous remercions de l'attention portée à notre demande.",
    "Le présent document décrit notre projet.",
)


@pytest.fixture(scope="module")
def dev_matcher(matcher, dev_dataset):
    """The real matcher ranking with the model `terrimatch train` fits on the dev cases, default policy."""
    pipeline = fit_ranker(dev_dataset, seed=0)
    return dataclasses.replace(matcher, ranker=LearnedRanker(pipeline, "dev"), policy=PolicyConfig())


@pytest.fixture(scope="module")
def dev_projects(territories):
    return [case.project for case in load_cases(DEV_CASES, territories)]


CLEAR_LEAD = 0.5  # top-1 score minus top-2 score, in standard deviations of the project's scores
MOVED_AT_MOST = 4 / 39  # share of projects whose top basin may change with one neutral sentence


@pytest.mark.slow
@pytest.mark.parametrize("sentence", NEUTRAL)
def test_a_neutral_sentence_leaves_a_clear_top_basin_unchanged(dev_matcher, dev_projects, sentence):
    """Invariance where the ranking has an opinion; near-ties may flip under any perturbation.

    Measured with the dev model (four lexical views, the whole-CV ones with the sources'
    headlines): 10 top basins of 117 (project, sentence) pairs changed, at most 4 of 39 per
    sentence, all near-ties (leads 0.03-0.36 sd). Without the headlines: 5 of 117, at most 3 of
    39, leads 0.06-0.27 sd and one of 0.48 sd, where "générale" met a fact on the automotive
    cluster's "assemblée générale" that the project already matched through "constructeurs";
    with two views: 16, up to 7 of 39.
    """
    before = dev_matcher.match_many(dev_projects, top=27)
    after = dev_matcher.match_many(
        [dataclasses.replace(p, description=f"{p.description} {sentence}") for p in dev_projects], top=1
    )
    kept, clear = [], []
    for old, new in zip(before, after, strict=True):
        same = old.results[0].ze2020_code == new.results[0].ze2020_code
        kept.append(same)
        scores = np.array([r.score for r in old.results])
        if scores[0] - scores[1] >= CLEAR_LEAD * scores.std():
            clear.append(same)
    assert kept.count(False) <= MOVED_AT_MOST * len(dev_projects), f"{kept.count(False)} top basins changed"
    assert len(clear) >= len(dev_projects) // 3  # the property covers many projects, not a handful
    assert all(clear), f"{clear.count(False)} of {len(clear)} clear top basins changed"


def _offers(territories, code: str, need: str) -> bool:
    return evidence_for(need, territories.basin(code).facts) is not None


@pytest.mark.slow
def test_a_need_the_top_basin_lacks_moves_it_down(dev_matcher, dev_projects):
    """It falls behind every basin that offers the need: its fit margin over each of them shrinks."""
    territories = dev_matcher.territories
    ge = [b.code for b in territories.scope("ge")]
    offers = {n: {code for code in ge if _offers(territories, code, n)} for n in NEEDS}
    trials = []  # (project, scores before, top basin before, a need it lacks that other basins offer)
    for project, result in zip(dev_projects, dev_matcher.match_many(dev_projects, top=27), strict=True):
        top = result.results[0].ze2020_code
        fits = {r.ze2020_code: r.score for r in result.results}
        trials += [
            (project, fits, top, n)
            for n in sorted(NEEDS)
            if n not in project_needs(project) and offers[n] and top not in offers[n]
        ]
    asked = [dataclasses.replace(p, needs=p.needs | {n}) for p, _, _, n in trials]
    for (project, before, top, need), result in zip(trials, dev_matcher.match_many(asked, top=27), strict=True):
        after = {r.ze2020_code: r.score for r in result.results}
        assert after[top] < before[top]  # the declared need its CV does not show costs it fit
        for code in offers[need]:
            assert after[code] - after[top] > before[code] - before[top], (project.description[:40], need, code)
    assert len(trials) >= 30  # the property was exercised on many (project, need) pairs


def _reference(dataset) -> ReferenceSet:
    """The dev cases as the gate's reference set (projects known by their feature rows)."""
    return ReferenceSet(from_reference(Reference(dataset.X, dataset.y, dataset.groups), None), "dev")


@pytest.mark.slow
def test_a_misled_candidate_is_refused_by_the_gate(fresh_home, dev_dataset):
    """Taught that each project went to the basin the good model ranks last, a candidate learns the
    ranking backwards: the gate refuses it on the shipped reference cases, whatever --force says.

    (With the gold basin moved to a random basin instead, the candidate scores 0.32 against 0.37 on the
    reference cases: within the gate's noise band on 39 projects, so that test could not hold.)"""
    good = write_candidate(dev_dataset)
    active_pointer.activate(good.version)
    misled_y = np.zeros_like(dev_dataset.y)
    for group in np.unique(dev_dataset.groups):
        rows = dev_dataset.rows_of(group)
        misled_y[rows[np.argmin(fit_scores(load_version(good.version), dev_dataset.X[rows]))]] = 1.0
    misled = write_candidate(dataclasses.replace(dev_dataset, y=misled_y))
    report = evaluate_promotion(misled.version, _reference(dev_dataset), force=True)
    assert not report.passed and "référence" in [c.name for c in report.failures()]
    assert active_pointer.read_pointer().version == good.version


@pytest.mark.slow
def test_a_running_matcher_follows_promotions_and_survives_a_flipped_byte(
    fresh_home, matcher, dev_dataset, dev_projects, flip_byte, caplog
):
    running = dataclasses.replace(matcher, ranker=RankerHandle(fallback=PriorRanker()))
    assert running.match(dev_projects[0]).to_dict()["model_version"] == "prior"
    first = write_candidate(dev_dataset, seed=0)
    active_pointer.activate(first.version)
    result = running.match(dev_projects[0]).to_dict()
    assert result["model_version"] == first.version and result["ranked_by"] == "model"
    # A candidate corrupted on disk is refused by the gate and the running matcher keeps its model.
    broken = write_candidate(dev_dataset, seed=1)
    flip_byte(fresh_home / "models" / broken.version / "model.joblib")
    assert [c.name for c in evaluate_promotion(broken.version, _reference(dev_dataset)).failures()] == ["loads"]
    assert running.match(dev_projects[0]).to_dict()["model_version"] == first.version
    # Corrupted after promotion, before this process reloads: logged, and the old model keeps serving.
    second = write_candidate(dev_dataset, seed=2)
    active_pointer.activate(second.version)
    flip_byte(fresh_home / "models" / second.version / "model.joblib")
    with caplog.at_level(logging.ERROR):
        kept = running.match(dev_projects[0]).to_dict()
    assert kept["model_version"] == first.version and "corrupt" in caplog.text
    assert all(np.isfinite(r["score"]) for r in kept["results"])
    active_pointer.rollback()
    assert running.match(dev_projects[0]).to_dict()["model_version"] == first.version
