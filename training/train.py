"""Training as plain functions: cases and decisions in, a new model version (or the shipped model's fit) out.

`terrimatch train`, scripts/train_default_model.py (through training/default_model_training.py) and the tests
call these; the click command only parses options and prints. A candidate is never activated here:
`terrimatch models promote VERSION` runs the gate first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.model_store import active_pointer, model_dirs
from matcher.model_store.model_dirs import ModelMetadata, Reference
from training.case_sets import CaseSet, load_case_set
from training.dataset import Dataset, concat_datasets
from training.decisions import GradedProject, grade_decisions
from training.decisions_report import summary
from training.fit import fit_ranker
from training.positive_project_metrics import ranked_metrics

if TYPE_CHECKING:
    import pandas as pd

    from matcher.matching.pipeline import Matcher

# What `train` reports through `on_stage` as each is done (the CLI's progress bar counts them).
STAGES = ("cas", "décisions", "caractéristiques", "validation croisée", "ajustement", "écriture")


@dataclass(frozen=True)
class TrainingData:
    """What a model learns from: each case file (over its gold basins' scope), the graded decisions, one dataset."""

    case_sets: list[CaseSet]
    graded: list[GradedProject]
    dataset: Dataset
    keys: list[str]  # each project's key, in dataset order
    sources: dict[str, str]  # a line per case file (and for the decisions), kept in the version's metadata
    decided: dict[str, Any] | None  # summary of the decisions, None when none were given


@dataclass(frozen=True)
class TrainingResult:
    meta: ModelMetadata
    data: TrainingData


def dataset_hash(dataset: Dataset) -> str:
    """sha256 of what the fit sees (features, grades, grouping): same data, same hash."""
    digest = hashlib.sha256()
    for array in (dataset.X, dataset.y, dataset.groups):
        digest.update(np.ascontiguousarray(array, dtype=float).tobytes())
    return digest.hexdigest()[:16]


def _decisions_part(graded: list[GradedProject], matcher: Matcher) -> tuple[list[Dataset], list[str]]:
    """The decided projects' dataset (each over its own scope) and keys; nothing when none ranks a basin."""
    from matcher.project.record import project_from_mapping
    from training.cases import project_key
    from training.decisions_dataset import decisions_dataset, usable

    decided = usable(graded)
    if not decided:
        return [], []
    return [decisions_dataset(graded, matcher)], [project_key(project_from_mapping(g.fields)) for g in decided]


def training_data(
    matcher: Matcher,
    case_files: Sequence[Path] = (),
    decisions: pd.DataFrame | None = None,
    on_stage: Callable[[str], None] = lambda stage: None,
) -> TrainingData:
    """Load and grade everything; CasesError, DecisionsError, or ValueError when nothing can be learnt."""
    from training.cases import cases_hash, project_key

    sets = [load_case_set(path, matcher) for path in case_files]
    sources = {str(s.path): f"{len(s.cases)} cases, {cases_hash(s.cases)}, scope {s.scope}" for s in sets}
    on_stage(STAGES[0])
    known = [b.code for b in matcher.territories.scope("france")]
    graded = [] if decisions is None else grade_decisions(decisions, known)
    decided = None if decisions is None else summary(graded)
    if decided is not None:
        sources["decisions"] = (
            f"{decided['decided_projects']} decided projects: {decided['used']} used, "
            f"{decided['negatives_only']} negatives only, {decided['skipped']} skipped"
        )
    on_stage(STAGES[1])
    parts, decided_keys = _decisions_part(graded, matcher)
    if not sets and not parts:
        raise ValueError("aucun projet décidé ne classe un bassin : rien à apprendre")
    keys = [project_key(c.project) for s in sets for c in s.cases] + decided_keys
    dataset = concat_datasets([s.dataset for s in sets] + parts)
    on_stage(STAGES[2])
    return TrainingData(sets, graded, dataset, keys, sources, decided)


def write_candidate(
    dataset: Dataset,
    seed: int = 0,
    folds: int = 5,
    training: dict[str, Any] | None = None,
    on_stage: Callable[[str], None] = lambda stage: None,
) -> ModelMetadata:
    """Cross-validate, fit on everything, write a new version and prune old ones; its metadata."""
    metrics = ranked_metrics(dataset, seed, folds)
    on_stage(STAGES[3])
    pipeline = fit_ranker(dataset, seed)
    on_stage(STAGES[4])
    meta = model_dirs.write_version(
        pipeline,
        Reference(dataset.X, dataset.y, dataset.groups),
        metrics=metrics,
        data_hash=dataset_hash(dataset),
        seed=seed,
        training=training,
    )
    active_pointer.prune()
    on_stage(STAGES[5])
    return meta


def train(
    matcher: Matcher,
    case_files: Sequence[Path] = (),
    decisions: pd.DataFrame | None = None,
    seed: int = 0,
    folds: int = 5,
    on_stage: Callable[[str], None] = lambda stage: None,
) -> TrainingResult:
    """Learn from labelled case files and/or agency decisions; write the candidate as a new version."""
    data = training_data(matcher, case_files, decisions, on_stage)
    training = {
        "projects": data.dataset.n_cases,
        "rows": len(data.dataset.y),
        "folds": folds,
        "scope": "per file (cases), their own (decisions)",
        "sources": data.sources,
        "project_keys": data.keys,
    }
    if data.decided is not None:
        training["decisions"] = data.decided
    return TrainingResult(write_candidate(data.dataset, seed, folds, training, on_stage), data)
