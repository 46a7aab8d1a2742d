"""Several labelled case files learned from together, each ranked over its own scope.

The Grand Est cases are ranked over the 27 Grand Est basins, the France cases over all 306: a
model learns from both, and each file is measured by a cross-validation in which the other files
stay in every fold's training set, as they are in the model's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matcher.matching.pipeline import Matcher
from training.case_files import CASE_SCOPES
from training.cases import Case, cases_hash, cases_scope, load_cases
from training.dataset import Dataset, build_dataset, concat_datasets
from training.fit import CV_REPEATS, cross_validated_metrics


@dataclass(frozen=True)
class CaseSet:
    path: Path
    scope: str
    cases: list[Case]
    dataset: Dataset

    @property
    def hash(self) -> str:
        return cases_hash(self.cases)

    def describe(self) -> dict:
        return {"file": self.path.name, "scope": self.scope, "cases": len(self.cases), "hash": self.hash}


def load_case_set(path: Path, matcher: Matcher, scope: str | None = None) -> CaseSet:
    """A file's cases and their dataset, over `scope` (by default the scope of its gold basins)."""
    cases = load_cases(path, matcher.territories)
    scope = scope or cases_scope(cases, matcher.territories)
    return CaseSet(path, scope, cases, build_dataset(cases, matcher, scope))


def companions(hashes: Sequence[str], exclude: str, matcher: Matcher) -> Dataset | None:
    """The shipped case files a model was trained on (by hash) besides `exclude`, as one dataset."""
    sets = [load_case_set(path, matcher, scope) for path, scope in CASE_SCOPES.items()]
    kept = [s.dataset for s in sets if s.hash in hashes and s.hash != exclude]
    return concat_datasets(kept) if kept else None


def metrics_by_file(
    sets: Sequence[CaseSet], seed: int, folds: int, repeats: int = CV_REPEATS
) -> dict[str, dict[str, float]]:
    """Each file's cross-validated metrics, the other files in every fold's training set."""
    out = {}
    for i, case_set in enumerate(sets):
        others = [s.dataset for j, s in enumerate(sets) if j != i]
        out[case_set.path.name] = cross_validated_metrics(
            case_set.dataset, seed, folds, repeats, concat_datasets(others) if others else None
        )
    return out
