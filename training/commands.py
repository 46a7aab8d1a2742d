"""`terrimatch evaluate`: ranking quality on labelled cases, against simple baselines."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import numpy as np

from matcher.model_store.live_model import current_ranker
from matcher.scoring.rankers import LearnedRanker, PriorRanker, Ranker
from training.by_kind import metrics_by_kind, site_adjusted
from training.cases import CasesError, cases_hash, load_cases
from training.dataset import Dataset
from training.evaluate import evaluate_baselines, evaluate_scores, exposure, mean_metrics
from training.fit import CV_REPEATS, repeated_cross_validation, score_groups, splits_described
from training.sector_check import LEVELS, sector_inference_accuracy
from training.selection_bias import SHOWN_TOP, simulate
from training.selection_bias import table_lines as bias_lines


@dataclass(frozen=True)
class ModelScores:
    runs: list[dict]  # per-project scores, one mapping per cross-validation split (one when scored as is)
    protocol: str
    version: str


def model_scores(ranker: Ranker, dataset: Dataset, data_hash: str, folds: int, seed: int,
                 force_cv: bool, repeats: int = CV_REPEATS, companions: Dataset | None = None) -> ModelScores:
    """Cross-validate when the model was trained on these cases (or when asked), else score as is.

    The cross-validation is repeated over `repeats` fold splits (seeds seed, seed + 1...); the other
    case files the model learnt from (`companions`) stay in every fold's training set.
    """
    trained_here = isinstance(ranker, LearnedRanker) and data_hash in ranker.training_files
    if trained_here or force_cv:
        why = "the model was trained on these cases" if trained_here else "asked with --cross-validate"
        also = " and the other development cases" if companions is not None else ""
        return ModelScores(repeated_cross_validation(dataset, seed, folds, repeats, companions),
                           f"grouped {folds}-fold cross-validation, refitted per fold on the other folds{also}, "
                           f"{splits_described(seed, repeats)} ({why})",
                           ranker.version)
    label = "prior (no trained model could be loaded)" if isinstance(ranker, PriorRanker) \
        else f"held-out: model {ranker.version} scored as it is"
    return ModelScores([score_groups(ranker, dataset, np.unique(dataset.groups))], label, ranker.version)


def report(dataset: Dataset, model: ModelScores, k: int, with_exposure: bool,
           sector: dict[str, Any] | None = None, kinds: list[str | None] | None = None,
           sites: str | None = None) -> dict[str, Any]:
    per_run = [evaluate_scores(dataset, scores, k) for scores in model.runs]
    out: dict[str, Any] = {
        "n": dataset.n_cases,
        "protocol": model.protocol,
        "model_version": model.version,
        "model": mean_metrics(per_run),
        "baselines": evaluate_baselines(dataset, k),
    }
    if kinds is not None:
        out["sites"] = sites
        out["by_kind"] = metrics_by_kind(dataset, model.runs, kinds, k)
    if len(per_run) > 1:
        out["model_mrr_by_split"] = [m["mrr"] for m in per_run]
    if with_exposure:
        shares = [exposure(dataset, scores, k).shares for scores in model.runs]
        out["exposure"] = {"top_k": k, "model": mean_metrics(shares)}
    if sector is not None:
        out["sector_inference"] = sector
    return out


def _table(result: dict[str, Any]) -> str:
    rows = {"model": result["model"], **{f"baseline: {n}": m for n, m in result["baselines"].items()}}
    names = list(result["model"])
    lines = [f"{result['n']} cases — {result['protocol']} — model {result['model_version']}",
             "ranker".ljust(22) + "".join(n.upper().rjust(9) for n in names)]
    lines += [label.ljust(22) + "".join(f"{m[n]:9.3f}" for n in names) for label, m in rows.items()]
    if "by_kind" in result:
        lines.append(f"model by project kind (existing sites {result['sites']}):")
        lines += [f"  {kind} ({m['n']})".ljust(40) + "".join(f"{m['model'][n]:9.3f}" for n in names)
                  for kind, m in result["by_kind"].items()]
    if "model_mrr_by_split" in result:
        lines.append("model MRR by fold split: " + ", ".join(f"{v:.3f}" for v in result["model_mrr_by_split"]))
    if "exposure" in result:
        lines.append(f"top-{result['exposure']['top_k']} slots by population quartile (model): "
                     + ", ".join(f"{c} {s:.0%}" for c, s in result["exposure"]["model"].items()))
    if "selection_bias" in result:
        lines += bias_lines(result["selection_bias"])
    if "sector_inference" in result:
        sector = result["sector_inference"]
        lines.append(f"sector inferred from the text ({sector['n']} cases with a NAF code, code hidden), right at: "
                     + ", ".join(f"{level} {sector[level]:.0%}" for level in LEVELS))
    return "\n".join(lines)


@click.command()
@click.option("--cases", "cases_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="JSONL file: description_fr (or description_de / description_en), optional naf_code/jobs/land_ha/"
                   "endogenous/project_kind/existing_site_communes, commune_insee_code or ze2020_code.")
@click.option("--k", type=click.IntRange(1, 20), default=5, show_default=True, help="Cut-off of NDCG@k and Hit@k.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--exposure", "with_exposure", is_flag=True, help="Share of top-k slots per basin size quartile.")
@click.option("--cross-validate", "force_cv", is_flag=True, help="Cross-validate the model even on unseen cases.")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the first fold split.")
@click.option("--repeats", type=click.IntRange(1, 20), default=CV_REPEATS, show_default=True,
              help="Cross-validation runs over different fold splits; the model's metrics are their mean.")
@click.option("--scope", type=click.Choice(["ge", "france"]), default="ge", show_default=True,
              help="Basins ranked for each case: ge, the 27 of Grand Est; france, all 306.")
@click.option("--selection-bias", "selection_bias", is_flag=True,
              help=f"Also train as if outcomes were recordable only inside the top {SHOWN_TOP} shown, versus anywhere, "
                   "and report both on held-out cases.")
@click.option("--without-sites", is_flag=True,
              help="Leave out the cases' existing_site_communes (their project_kind is still read).")
def evaluate(cases_path: Path, k: int, fmt: str, with_exposure: bool, force_cv: bool, folds: int, seed: int,
             repeats: int, scope: str, without_sites: bool, selection_bias: bool) -> None:
    """Measure the ranking on labelled cases: MRR, NDCG@k, Hit@1/3/k for the model and the baselines.

    The model's figures include what the cases' sites change, as the matcher applies it: the home
    basin of an extension on site first, the proximity bonus of a new site of a company already here.
    """
    from matcher.matching.service import build_matcher
    from training.case_sets import companions
    from training.dataset import build_dataset

    matcher = build_matcher(progress=fmt == "table")
    try:
        cases = load_cases(cases_path, matcher.territories, with_sites=not without_sites)
    except CasesError as error:
        raise click.UsageError(f"{error}\nFix these lines (one JSON object per line) and run again.") from None
    if force_cv and len(cases) < folds:
        raise click.UsageError(f"--cross-validate with {folds} folds needs at least {folds} cases, got {len(cases)}")
    try:
        dataset = build_dataset(cases, matcher, scope)
    except ValueError as error:
        hint = "; rank all French basins with --scope france" if scope == "ge" else ""
        raise click.UsageError(f"{error}{hint}") from None
    ranker = current_ranker(matcher.ranker)
    data_hash = cases_hash(cases)
    trained_files = ranker.training_files if isinstance(ranker, LearnedRanker) else ()
    others = companions(trained_files, data_hash, matcher) if data_hash in trained_files else None
    fitted = model_scores(ranker, dataset, data_hash, folds, seed, force_cv, repeats, others)
    communes = matcher.territories.communes
    model = ModelScores([site_adjusted(dataset, run, cases, communes, matcher.policy) for run in fitted.runs],
                        fitted.protocol, fitted.version)
    result = report(dataset, model, k, with_exposure, sector_inference_accuracy(cases, matcher.embedder),
                    [c.project.kind for c in cases], "not given" if without_sites else "given")
    if selection_bias:
        result["selection_bias"] = simulate(dataset, seed, folds, repeats)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if fmt == "json" else _table(result))
