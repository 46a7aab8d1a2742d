"""`terrimatch train`: fit a candidate ranker on labelled cases and agency decisions, write it as a new version.

The candidate is never activated here: `terrimatch models promote VERSION` runs the gate first.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
import numpy as np
from tqdm import tqdm

if TYPE_CHECKING:  # the heavy modules load when the command runs, not when `terrimatch` starts
    from matcher.territory.loading import Territories
    from training.cases import Case
    from training.dataset import Dataset
    from training.decisions import GradedProject

STAGES = ("cas", "décisions", "caractéristiques", "validation croisée", "ajustement", "écriture")


def _dataset_hash(dataset: Dataset) -> str:
    """sha256 of what the fit sees (features, grades, grouping): same data, same hash."""
    digest = hashlib.sha256()
    for array in (dataset.X, dataset.y, dataset.groups):
        digest.update(np.ascontiguousarray(array, dtype=float).tobytes())
    return digest.hexdigest()[:16]


def _load_cases(files: tuple[Path, ...], territories: Territories) -> tuple[list[list[Case]], dict[str, str]]:
    """Each file's cases (ranked over the scope of its gold basins, see `cases_scope`), and their sources."""
    from training.cases import CasesError, cases_hash, cases_scope, load_cases

    per_file: list[list[Case]] = []
    sources: dict[str, str] = {}
    for path in files:
        try:
            loaded = load_cases(path, territories)
        except CasesError as error:
            raise click.UsageError(str(error)) from None
        per_file.append(loaded)
        sources[str(path)] = f"{len(loaded)} cases, {cases_hash(loaded)}, scope {cases_scope(loaded, territories)}"
    return per_file, sources


class InputError(click.ClickException):
    """Bad input or a database not ready: one line on stderr, exit code 2 (click's UsageError prints the usage too)."""

    exit_code = 2


def _load_decisions(territories: Territories) -> list[GradedProject]:
    from training.decisions import DecisionsError, NoDecisionsProvider, decisions_frame, grade_decisions

    try:
        frame = decisions_frame()
    except NoDecisionsProvider as error:
        raise InputError(f"--from-db : {error} (sans base, entraînez sur des fichiers de cas avec --cases)") from None
    try:
        return grade_decisions(frame, [b.code for b in territories.scope("france")])
    except DecisionsError as error:
        raise InputError("décisions des agences refusées : " + " ; ".join(error.problems)) from None


def _datasets(per_file: list[list[Case]], graded: list[GradedProject], matcher) -> tuple[Dataset, list[str]]:
    """Each case file's dataset (over its gold basins' scope), then the decided projects' (rebuilt over
    their whole scope), and each project's key."""
    from matcher.project.record import project_from_mapping
    from training.cases import cases_scope, project_key
    from training.dataset import build_dataset, concat_datasets
    from training.decisions_dataset import decisions_dataset, usable

    decided = usable(graded)
    parts = [build_dataset(cases, matcher, cases_scope(cases, matcher.territories)) for cases in per_file] + (
        [decisions_dataset(graded, matcher)] if decided else [])
    if not parts:
        raise ValueError("aucun projet décidé ne classe un bassin : rien à apprendre")
    keys = [project_key(c.project) for cases in per_file for c in cases] + [
        project_key(project_from_mapping(g.fields)) for g in decided]
    return concat_datasets(parts), keys


def _metric_lines(candidate: dict[str, float], active: dict[str, float] | None, active_name: str) -> list[str]:
    lines = [f"{'métrique':<9} {'candidat':>9}   {active_name}"]
    for name, value in candidate.items():
        other = f"{active[name]:.3f}" if active and name in active else "-"
        lines.append(f"{name:<9} {value:>9.3f}   {other:>9}")
    return lines


def _serving_metrics(dataset: Dataset) -> tuple[dict[str, float] | None, str]:
    """Recorded cross-validated metrics of the model serving now, or the prior's measured on this dataset."""
    from training.evaluate import evaluate_scores
    from training.fit import score_groups
    from training.gate import serving_baseline

    baseline = serving_baseline()
    if baseline.metrics is None and not baseline.is_model:
        return evaluate_scores(dataset, score_groups(baseline.ranker, dataset, np.unique(dataset.groups))), "a priori"
    return baseline.metrics, f"en service {baseline.name}"


@click.command()
@click.option("--cases", "case_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A labelled cases file (JSONL, the `terrimatch evaluate` schema); repeatable.")
@click.option("--from-db", is_flag=True, help="Also learn from the agency decisions stored by the web application.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed and data, same model.")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True,
              help="Folds of the grouped cross-validation (a project never spans two folds).")
def train(case_files: tuple[Path, ...], from_db: bool, seed: int, folds: int) -> None:
    """Fit a candidate ranking model, cross-validate it and write it as a new immutable version."""
    from matcher.matching.service import build_matcher
    from matcher.model_store import active_pointer, model_dirs
    from matcher.model_store.model_dirs import Reference
    from matcher.territory.loading import load_territories
    from training.decisions_report import project_lines, summary, summary_line
    from training.fit import CV_REPEATS, fit_ranker
    from training.ranked_metrics import ranked_metrics

    if not case_files and not from_db:
        raise click.UsageError("nothing to learn from: give --cases FILE (repeatable) and/or --from-db")
    progress = tqdm(total=len(STAGES), desc="entraînement", unit="étape", disable=not sys.stderr.isatty())
    with progress:
        territories = load_territories()
        per_file, sources = _load_cases(case_files, territories)
        progress.update()
        graded = _load_decisions(territories) if from_db else []
        decided = summary(graded) if from_db else None
        if decided is not None:
            sources["decisions"] = (f"{decided['decided_projects']} decided projects: {decided['used']} used, "
                                    f"{decided['negatives_only']} negatives only, {decided['skipped']} skipped")
        progress.update()
        matcher = build_matcher(progress=False)
        try:
            dataset, keys = _datasets(per_file, graded, matcher)
            progress.update()
            metrics = ranked_metrics(dataset, seed, folds)
            progress.update()
            pipeline = fit_ranker(dataset, seed)
            progress.update()
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        meta = model_dirs.write_version(
            pipeline, Reference(dataset.X, dataset.y, dataset.groups), metrics=metrics, data_hash=_dataset_hash(dataset),
            seed=seed, training={"projects": dataset.n_cases, "rows": len(dataset.y), "folds": folds,
                                 "scope": "per file (cases), their own (decisions)", "sources": sources,
                                 "project_keys": keys}
            | ({"decisions": decided} if decided is not None else {}))
        active_pointer.prune()
        progress.update()
    if decided is not None:
        click.echo("\n".join(["Décisions des agences :", *project_lines(graded), summary_line(decided)]))
    active, active_name = _serving_metrics(dataset)
    click.echo(f"Candidat {meta.version} : {dataset.n_cases} projets, validation croisée groupée en {folds} plis "
               f"(moyenne de {CV_REPEATS} découpages).")
    click.echo("\n".join(_metric_lines(metrics, active, active_name)))
    click.echo(f"Pour l'activer (après la porte de promotion) : terrimatch models promote {meta.version}")
