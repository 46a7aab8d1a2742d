"""`terrimatch models list | show V | promote V [--force] | rollback`: the admin's model versions."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from matcher.model_store import active_pointer, model_dirs
from matcher.model_store.model_dirs import ModelArtifactError, ModelMetadata
from matcher.project.french_numbers import french_decimal
from training.decisions_report import summary_line

METRICS = ("mrr", "ndcg@5", "hit@1", "hit@3", "hit@5")


def _metrics_text(metrics: dict[str, float]) -> str:
    return "  ".join(f"{k} {french_decimal(metrics[k], 3)}" for k in METRICS if k in metrics) or "-"


def _metadata(version: str) -> ModelMetadata:
    try:
        return model_dirs.read_metadata(version)
    except ModelArtifactError as error:
        raise click.UsageError(f"{error}. `terrimatch models list` montre les versions.") from None


@click.group()
def models() -> None:
    """Les modèles de classement entraînés : versions, promotion par la porte, retour arrière."""


@models.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_models(fmt: str) -> None:
    """Liste les versions du modèle, la plus ancienne d'abord, avec leurs métriques et la version active."""
    active = active_pointer.read_pointer().version
    rows: list[dict[str, Any]] = [
        {"version": m.version, "active": m.version == active, "created_at": m.created_at, "metrics": m.metrics}
        for m in model_dirs.list_versions()
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1))
        return
    if not rows:
        click.echo("Aucune version de modèle : `terrimatch train --cases FICHIER` en crée une.")
    for row in rows:
        click.echo(
            f"{'*' if row['active'] else ' '} {row['version']}  {row['created_at'][:19]}  "
            f"{_metrics_text(row['metrics'])}"
        )
    if rows and active is None:
        click.echo("Aucune version active : le modèle livré avec terrimatch classe (l'a priori s'il est illisible).")


@models.command("show")
@click.argument("version")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def show_model(version: str, fmt: str) -> None:
    """Affiche les métadonnées de la version VERSION du modèle."""
    meta = _metadata(version)
    data = asdict(meta) | {"active": active_pointer.read_pointer().version == version}
    if fmt == "json":
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    labels = {
        "version": "version",
        "active": "active",
        "created_at": "créée le",
        "data_hash": "données",
        "seed": "graine",
        "git_commit": "commit git",
        "model_sha256": "sha256",
    }
    for key, label in labels.items():
        value = ("oui" if data[key] else "non") if key == "active" else data[key]
        click.echo(f"{label:<13} {value}")
    click.echo(f"{'métriques':<13} {_metrics_text(meta.metrics)}")
    training = {k: v for k, v in meta.training.items() if k not in ("project_keys", "decisions")}
    click.echo(f"{'entraînement':<13} {json.dumps(training, ensure_ascii=False)}")
    if "decisions" in meta.training:
        click.echo(f"{'décisions':<13} {summary_line(meta.training['decisions'])}")
    click.echo(f"{'bibliothèques':<13} {', '.join(f'{k} {v}' for k, v in meta.libraries.items())}")
    click.echo(f"{'variables':<13} {len(meta.features)} colonnes")


@models.command("promote")
@click.argument("version")
@click.option(
    "--force",
    is_flag=True,
    help="Promeut même si le premier bassin change pour plus de 30 % des projets "
    "de référence (consigné). Les autres contrôles ne se forcent pas.",
)
def promote(version: str, force: bool) -> None:
    """Fait de VERSION le modèle actif, s'il passe la porte de promotion."""
    from matcher.matching.service import build_matcher
    from training.gate import evaluate_promotion
    from training.reference_set import reference_set

    _metadata(version)
    report = evaluate_promotion(version, reference_set(build_matcher(progress=False)), force=force)
    click.echo(f"Porte de promotion : {version} contre {report.baseline}")
    for check in report.checks:
        status = "forcé" if check.forced else ("ok" if check.passed else "ÉCHEC")
        click.echo(f"  {check.name:<10} {status:<6} {check.detail}")
    if not report.passed:
        raise click.ClickException(
            f"{version} n'est pas promu : "
            + ", ".join(c.name for c in report.failures())
            + ". Le modèle actif reste en place."
        )
    note = "forcé : " + "; ".join(c.detail for c in report.checks if c.forced) if force else ""
    try:
        active_pointer.activate(version, note=note)
    except ModelArtifactError as error:
        raise click.ClickException(f"{error}. Le modèle actif reste en place.") from None
    click.echo(f"{version} est le modèle actif ; les processus en cours le prennent à leur prochain classement.")


@models.command("rollback")
def rollback() -> None:
    """Revient à la version du modèle active avant l'actuelle."""
    before = active_pointer.read_pointer().version
    try:
        pointer = active_pointer.rollback()
    except ModelArtifactError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Modèle actif : {pointer.version or 'aucune version, le modèle livré avec terrimatch classe'} "
        f"(était {before})."
    )
