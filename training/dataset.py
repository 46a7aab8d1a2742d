"""Cases -> a learning-to-rank dataset: feature matrix X, graded relevance y, project groups."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from matcher.matching.pipeline import Matcher
from matcher.scoring.features import matrix_columns
from training.cases import Case

# Graded relevance: the gold basin is fully relevant; basins are otherwise irrelevant.
RELEVANT = 1.0


@dataclass(frozen=True)
class Dataset:
    X: np.ndarray  # (n_rows, n_columns) per-project z-scores and missing flags
    y: np.ndarray  # (n_rows,) graded relevance
    groups: np.ndarray  # (n_rows,) index of the case each row belongs to
    basin_codes: np.ndarray  # (n_rows,) ZE2020 code of each row
    raw: dict[str, np.ndarray]  # feature name -> (n_rows,) raw value (nan when missing): for baselines
    columns: tuple[str, ...]

    @property
    def n_cases(self) -> int:
        return len(np.unique(self.groups))

    def rows_of(self, group: int) -> np.ndarray:
        return np.flatnonzero(self.groups == group)


def build_dataset(cases: list[Case], matcher: Matcher, scope: str = "ge") -> Dataset:
    """Score every basin of `scope` for every case with the matcher's own retrieval and features."""
    candidates = matcher.candidates_many([c.project for c in cases], scope)
    in_scope = {b.code for b in candidates[0].basins}
    outside = [f"line {c.line} ({c.gold_basin})" for c in cases if c.gold_basin not in in_scope]
    if outside:
        raise ValueError(f"gold basin outside the '{scope}' scope: {', '.join(outside)}")
    names = list(candidates[0].values[0])
    raw = {
        n: np.array([np.nan if v[n] is None else v[n] for c in candidates for v in c.values], dtype=float)
        for n in names
    }
    return Dataset(
        X=np.vstack([c.matrix for c in candidates]),
        y=np.concatenate(
            [
                [RELEVANT if b.code == case.gold_basin else 0.0 for b in c.basins]
                for case, c in zip(cases, candidates, strict=True)
            ]
        ),
        groups=np.concatenate([np.full(len(c.basins), i) for i, c in enumerate(candidates)]),
        basin_codes=np.concatenate([[b.code for b in c.basins] for c in candidates]),
        raw=raw,
        columns=tuple(matrix_columns()),
    )


def concat_datasets(parts: list[Dataset]) -> Dataset:
    """One dataset from several, project groups renumbered so they stay apart."""
    first, offset, groups = parts[0], 0, []
    for part in parts:
        groups.append(part.groups + offset)
        offset += int(part.groups.max()) + 1
    return replace(
        first,
        X=np.vstack([p.X for p in parts]),
        y=np.concatenate([p.y for p in parts]),
        groups=np.concatenate(groups),
        basin_codes=np.concatenate([p.basin_codes for p in parts]),
        raw={k: np.concatenate([p.raw[k] for p in parts]) for k in first.raw},
    )
