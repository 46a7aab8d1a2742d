"""`terrimatch train`: parse the options, call training.train.train, print what it wrote (in French).

The candidate is never activated here: `terrimatch models promote VERSION` runs the gate first.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
import numpy as np
from tqdm import tqdm

from matcher.project.french_numbers import french_decimal

if TYPE_CHECKING:  # the heavy modules load when the command runs, not when `terrimatch` starts
    import pandas as pd

    from training.dataset import Dataset


class InputError(click.ClickException):
    """Bad input or a database not ready: one line on stderr, exit code 2 (click's UsageError prints the usage too)."""

    exit_code = 2


def _decisions_frame() -> pd.DataFrame:
    from training.decisions import NoDecisionsProvider, decisions_frame

    try:
        return decisions_frame()
    except NoDecisionsProvider as error:
        raise InputError(f"--from-db : {error} (sans base, entraînez sur des fichiers de cas avec --cases)") from None


def _metric_lines(candidate: dict[str, float], active: dict[str, float] | None, active_name: str) -> list[str]:
    lines = [f"{'métrique':<9} {'candidat':>9}   {active_name}"]
    for name, value in candidate.items():
        other = french_decimal(active[name], 3) if active and name in active else "-"
        lines.append(f"{name:<9} {french_decimal(value, 3):>9}   {other:>9}")
    return lines


def _serving_metrics(dataset: Dataset) -> tuple[dict[str, float] | None, str]:
    """Recorded cross-validated metrics of the model serving now, or the prior's measured on this dataset."""
    from training.fit import score_groups
    from training.gate import serving_baseline
    from training.metrics import evaluate_scores

    baseline = serving_baseline()
    if baseline.metrics is None and not baseline.is_model:
        return evaluate_scores(dataset, score_groups(baseline.ranker, dataset, np.unique(dataset.groups))), "a priori"
    return baseline.metrics, f"en service {baseline.name}"


def _advance(progress: tqdm) -> None:
    progress.update()


@click.command()
@click.option(
    "--cases",
    "case_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Un fichier de cas étiquetés (JSONL, le schéma de `terrimatch evaluate`) ; répétable.",
)
@click.option(
    "--from-db", is_flag=True, help="Apprend aussi des décisions des agences enregistrées par l'application web."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Même graine et mêmes données : même modèle.")
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=5,
    show_default=True,
    help="Plis de la validation croisée groupée (un projet n'est jamais partagé entre deux plis).",
)
def train(case_files: tuple[Path, ...], from_db: bool, seed: int, folds: int) -> None:
    """Ajuste un modèle de classement candidat, le valide par validation croisée et l'écrit en nouvelle version."""
    from matcher.matching.service import build_matcher
    from training.decisions import DecisionsError
    from training.decisions_report import project_lines, summary_line
    from training.fit import CV_REPEATS
    from training.train import STAGES
    from training.train import train as train_model

    if not case_files and not from_db:
        raise click.UsageError("rien à apprendre : donnez --cases FICHIER (répétable) et/ou --from-db")
    decisions = _decisions_frame() if from_db else None
    progress = tqdm(total=len(STAGES), desc="entraînement", unit="étape", disable=not sys.stderr.isatty())
    with progress:
        try:
            result = train_model(
                build_matcher(progress=False),
                case_files,
                decisions,
                seed,
                folds,
                on_stage=lambda _stage: _advance(progress),
            )
        except DecisionsError as error:
            raise InputError("décisions des agences refusées : " + " ; ".join(error.problems)) from None
        except ValueError as error:  # CasesError too: its lines say what is wrong
            raise click.UsageError(str(error)) from None
    meta, data = result.meta, result.data
    if data.decided is not None:
        click.echo("\n".join(["Décisions des agences :", *project_lines(data.graded), summary_line(data.decided)]))
    active, active_name = _serving_metrics(data.dataset)
    click.echo(
        f"Candidat {meta.version} : {data.dataset.n_cases} projets, validation croisée groupée en {folds} plis "
        f"(moyenne de {CV_REPEATS} découpages)."
    )
    click.echo("\n".join(_metric_lines(meta.metrics, active, active_name)))
    click.echo(f"Pour l'activer (après la porte de promotion) : terrimatch models promote {meta.version}")
