"""`terrimatch evaluate`: ranking quality on labelled cases, against simple baselines."""

from __future__ import annotations

import json
from pathlib import Path

import click

from training.evaluation_report import EvaluationInputError, run_evaluation, table_text
from training.fit import CV_REPEATS
from training.selection_bias import SHOWN_TOP


@click.command()
@click.option(
    "--cases",
    "cases_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Fichier JSONL : description_fr (ou description_de / description_en), en option naf_code/jobs/"
    "land_ha/endogenous/project_kind/existing_site_communes, commune_insee_code ou ze2020_code.",
)
@click.option("--k", type=click.IntRange(1, 20), default=5, show_default=True, help="Rang limite de NDCG@k et Hit@k.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--exposure", "with_exposure", is_flag=True, help="Part des k premières places par quartile de taille des bassins."
)
@click.option(
    "--cross-validate",
    "force_cv",
    is_flag=True,
    help="Valide le modèle par validation croisée même sur des cas inédits.",
)
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Graine du premier découpage en plis.")
@click.option(
    "--repeats",
    type=click.IntRange(1, 20),
    default=CV_REPEATS,
    show_default=True,
    help="Validations croisées sur des découpages différents ; les métriques du modèle en sont la moyenne.",
)
@click.option(
    "--scope",
    type=click.Choice(["ge", "france"]),
    default="ge",
    show_default=True,
    help="Bassins classés pour chaque cas : ge, les 27 du Grand Est ; france, les 306.",
)
@click.option(
    "--selection-bias",
    "selection_bias",
    is_flag=True,
    help=f"Entraîne aussi comme si les issues n'étaient enregistrables que dans les {SHOWN_TOP} premiers "
    "montrés, ou partout, et compare les deux sur des cas mis de côté.",
)
@click.option(
    "--without-sites", is_flag=True, help="Ignore les existing_site_communes des cas (leur project_kind reste lu)."
)
def evaluate(
    cases_path: Path,
    k: int,
    fmt: str,
    with_exposure: bool,
    force_cv: bool,
    folds: int,
    seed: int,
    repeats: int,
    scope: str,
    without_sites: bool,
    selection_bias: bool,
) -> None:
    """Mesure le classement sur des cas étiquetés : MRR, NDCG@k, Hit@1/3/k du modèle et des références.

    Les chiffres du modèle comprennent ce que changent les sites des cas, comme le fait le classement :
    le bassin d'origine d'une extension sur site en premier, le bonus de proximité d'un nouveau site
    d'une entreprise déjà présente.
    """
    try:
        result = run_evaluation(
            cases_path,
            k=k,
            with_exposure=with_exposure,
            force_cv=force_cv,
            folds=folds,
            seed=seed,
            repeats=repeats,
            scope=scope,
            without_sites=without_sites,
            selection_bias=selection_bias,
            progress=fmt == "table",
        )
    except EvaluationInputError as error:
        raise click.UsageError(str(error)) from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if fmt == "json" else table_text(result))
