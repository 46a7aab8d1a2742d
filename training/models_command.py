"""`terrimatch models list | show V | promote V [--force] | rollback`: the admin's model versions."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from matcher import artifacts, model_pointer
from matcher.artifacts import ModelArtifactError, ModelMetadata
from training.decisions_report import summary_line

METRICS = ("mrr", "ndcg@5", "hit@1", "hit@3", "hit@5")


def _metrics_text(metrics: dict[str, float]) -> str:
    return "  ".join(f"{k} {metrics[k]:.3f}" for k in METRICS if k in metrics) or "-"


def _metadata(version: str) -> ModelMetadata:
    try:
        return artifacts.read_metadata(version)
    except ModelArtifactError as error:
        raise click.UsageError(f"{error}. `terrimatch models list` shows the versions.") from None


@click.group()
def models() -> None:
    """Trained ranking models: versions, promotion through the gate, rollback."""


@models.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_models(fmt: str) -> None:
    """List model versions, oldest first, with their cross-validated metrics and the active one."""
    active = model_pointer.read_pointer().version
    rows: list[dict[str, Any]] = [
        {"version": m.version, "active": m.version == active, "created_at": m.created_at, "metrics": m.metrics}
        for m in artifacts.list_versions()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1))
        return
    if not rows:
        click.echo("Aucune version de modèle : `terrimatch train --cases FICHIER` en crée une.")
    for row in rows:
        click.echo(f"{'*' if row['active'] else ' '} {row['version']}  {row['created_at'][:19]}  "
                   f"{_metrics_text(row['metrics'])}")
    if rows and active is None:
        click.echo("Aucune version active : le modèle livré avec terrimatch classe (l'a priori s'il est illisible).")


@models.command("show")
@click.argument("version")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def show_model(version: str, fmt: str) -> None:
    """Show the metadata of model VERSION."""
    meta = _metadata(version)
    data = asdict(meta) | {"active": model_pointer.read_pointer().version == version}
    if fmt == "json":
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    for key in ("version", "active", "created_at", "data_hash", "seed", "git_commit", "model_sha256"):
        click.echo(f"{key:<13} {data[key]}")
    click.echo(f"{'metrics':<13} {_metrics_text(meta.metrics)}")
    training = {k: v for k, v in meta.training.items() if k not in ("project_keys", "decisions")}
    click.echo(f"{'training':<13} {json.dumps(training, ensure_ascii=False)}")
    if "decisions" in meta.training:
        click.echo(f"{'décisions':<13} {summary_line(meta.training['decisions'])}")
    click.echo(f"{'libraries':<13} {', '.join(f'{k} {v}' for k, v in meta.libraries.items())}")
    click.echo(f"{'features':<13} {len(meta.features)} columns")


@models.command("promote")
@click.argument("version")
@click.option("--force", is_flag=True, help="Promote even if the top-1 basin changes for more than 30 % of the "
                                            "reference projects (logged). The other checks cannot be forced.")
def promote(version: str, force: bool) -> None:
    """Make VERSION the active model, if it passes the promotion gate."""
    from matcher.service import build_matcher
    from training.gate import evaluate_promotion
    from training.reference_set import reference_set

    _metadata(version)
    report = evaluate_promotion(version, reference_set(build_matcher(progress=False)), force=force)
    click.echo(f"Porte de promotion : {version} contre {report.baseline}")
    for check in report.checks:
        status = "forcé" if check.forced else ("ok" if check.passed else "ÉCHEC")
        click.echo(f"  {check.name:<10} {status:<6} {check.detail}")
    if not report.passed:
        raise click.ClickException(f"{version} n'est pas promu : "
                                   + ", ".join(c.name for c in report.failures()) + ". Le modèle actif reste en place.")
    note = "forced: " + "; ".join(c.detail for c in report.checks if c.forced) if force else ""
    try:
        model_pointer.activate(version, note=note)
    except ModelArtifactError as error:
        raise click.ClickException(f"{error}. Le modèle actif reste en place.") from None
    click.echo(f"{version} est le modèle actif ; les processus en cours le prennent à leur prochain classement.")


@models.command("rollback")
def rollback() -> None:
    """Return to the model version that was active before the current one."""
    before = model_pointer.read_pointer().version
    try:
        pointer = model_pointer.rollback()
    except ModelArtifactError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Modèle actif : {pointer.version or 'aucune version, le modèle livré avec terrimatch classe'} "
               f"(était {before}).")
