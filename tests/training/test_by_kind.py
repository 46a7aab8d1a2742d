"""Metrics per project kind against hand-computed ones; what the sites change after the fit."""

import numpy as np
import pytest

from matcher.project.record import Project
from matcher.scoring.policy import PolicyConfig
from training.by_kind import UNKNOWN_KIND, metrics_by_kind, site_adjusted
from training.cases import Case
from training.dataset import Dataset

CODES = ["4401", "4403", "4421"]  # Bar-le-Duc, Charleville-Mézières, Sedan


def _dataset(gold: list[int], distances: list[list[float]] | None = None) -> Dataset:
    """Three candidate basins per case; case g's gold basin is CODES[gold[g]]."""
    n = len(gold)
    y = np.zeros(3 * n)
    for g, i in enumerate(gold):
        y[3 * g + i] = 1.0
    distance = np.array(distances, dtype=float).ravel() if distances else np.full(3 * n, np.nan)
    raw = {"distance_to_existing_site": distance}
    return Dataset(np.zeros((3 * n, 1)), y, np.repeat(np.arange(n), 3), np.array(CODES * n), raw, ("x",))


def test_metrics_by_kind_match_hand_computed_ones():
    dataset = _dataset([0, 1, 2, 0])
    # Gold ranks: case 0 -> 1, case 1 -> 3, case 2 -> 2, case 3 -> 2 (split 1); case 0 -> 2 in split 2.
    split1 = {0: np.array([3.0, 2, 1]), 1: np.array([3.0, 1, 2]), 2: np.array([1.0, 3, 2]), 3: np.array([2.0, 3, 1])}
    split2 = {**split1, 0: np.array([2.0, 3, 1])}
    kinds = ["extension_same_site", "newcomer", "extension_same_site", None]
    result = metrics_by_kind(dataset, [split1, split2], kinds, k=5)
    assert list(result) == ["extension_same_site", "newcomer", UNKNOWN_KIND]
    extension = result["extension_same_site"]
    assert extension["n"] == 2
    # split 1: (1 + 1/2) / 2 = 0.75; split 2: (1/2 + 1/2) / 2 = 0.5; mean 0.625
    assert extension["model"]["mrr"] == pytest.approx(0.625)
    assert extension["model"]["hit@1"] == pytest.approx((0.5 + 0.0) / 2)
    assert extension["model"]["ndcg@5"] == pytest.approx(((1 + 1 / np.log2(3)) / 2 + 1 / np.log2(3)) / 2, abs=1e-4)
    assert result["newcomer"] == {
        "n": 1,
        "model": pytest.approx({"mrr": 1 / 3, "ndcg@5": 0.5, "hit@1": 0.0, "hit@3": 1.0, "hit@5": 1.0}, abs=1e-4),
    }
    assert result[UNKNOWN_KIND]["model"]["mrr"] == pytest.approx(0.5)


def test_sites_put_the_home_basin_of_an_extension_first_and_add_proximity(territories):
    sedan = "08409"
    cases = [
        Case(
            1,
            Project(
                "Extension de notre fonderie.", project_kind="extension_same_site", existing_site_communes=(sedan,)
            ),
            "4421",
        ),
        Case(
            2,
            Project(
                "Nouvelle usine d'une entreprise régionale.",
                project_kind="new_site_existing_company",
                existing_site_communes=(sedan,),
            ),
            "4421",
        ),
        Case(3, Project("Nouvelle usine d'un nouvel arrivant.", project_kind="newcomer"), "4421"),
    ]
    dataset = _dataset([2, 2, 2], [[80.0, 20.0, 0.0]] * 3)
    fits = {g: np.array([2.0, 1.0, -1.0]) for g in range(3)}
    config = PolicyConfig(endogenous=1.0, endogenous_halving_km=20.0)
    adjusted = site_adjusted(dataset, fits, cases, territories.communes, config)
    assert int(np.argmax(adjusted[0])) == 2  # the worst fit, first as the reference
    assert adjusted[1] == pytest.approx([2.0 + 1 / 16, 1.5, 0.0])
    assert adjusted[2] == pytest.approx(fits[2])
