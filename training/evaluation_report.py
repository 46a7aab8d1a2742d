"""Ranking quality on labelled cases against simple baselines: the report `terrimatch evaluate` prints (in French)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from matcher.model_store.live_model import current_ranker
from matcher.project.french_numbers import french_decimal, french_percent
from matcher.scoring.rankers import LearnedRanker, PriorRanker, Ranker
from training.by_kind import metrics_by_kind, site_adjusted
from training.cases import CasesError, cases_hash, load_cases
from training.dataset import Dataset
from training.fit import CV_REPEATS, repeated_cross_validation, score_groups, splits_described
from training.metrics import evaluate_baselines, evaluate_scores, exposure, mean_metrics
from training.sector_check import LEVELS, sector_inference_accuracy
from training.selection_bias import simulate
from training.selection_bias import table_lines as bias_lines


@dataclass(frozen=True)
class ModelScores:
    runs: list[dict]  # per-project scores, one mapping per cross-validation split (one when scored as is)
    protocol: str
    version: str


def model_scores(
    ranker: Ranker,
    dataset: Dataset,
    data_hash: str,
    folds: int,
    seed: int,
    force_cv: bool,
    repeats: int = CV_REPEATS,
    companions: Dataset | None = None,
) -> ModelScores:
    """Cross-validate when the model was trained on these cases (or when asked), else score as is.

    The cross-validation is repeated over `repeats` fold splits (seeds seed, seed + 1...); the other
    case files the model learnt from (`companions`) stay in every fold's training set.
    """
    trained_here = isinstance(ranker, LearnedRanker) and data_hash in ranker.training_files
    if trained_here or force_cv:
        why = "le modèle a été entraîné sur ces cas" if trained_here else "demandé par --cross-validate"
        also = " et les autres cas de développement" if companions is not None else ""
        return ModelScores(
            repeated_cross_validation(dataset, seed, folds, repeats, companions),
            f"validation croisée groupée en {folds} plis, réajustée à chaque pli sur les autres "
            f"plis{also}, {splits_described(seed, repeats)} ({why})",
            ranker.version,
        )
    label = (
        "a priori (aucun modèle entraîné n'a pu être chargé)"
        if isinstance(ranker, PriorRanker)
        else f"cas inédits : modèle {ranker.version} évalué tel quel"
    )
    return ModelScores([score_groups(ranker, dataset, np.unique(dataset.groups))], label, ranker.version)


def report(
    dataset: Dataset,
    model: ModelScores,
    k: int,
    with_exposure: bool,
    sector: dict[str, Any] | None = None,
    kinds: list[str | None] | None = None,
    sites: str | None = None,
) -> dict[str, Any]:
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


def _cells(metrics: dict[str, float], names: list[str]) -> str:
    return "".join(french_decimal(metrics[n], 3).rjust(9) for n in names)


def table_text(result: dict[str, Any]) -> str:
    rows = {"modèle": result["model"], **{f"référence : {n}": m for n, m in result["baselines"].items()}}
    names = list(result["model"])
    lines = [
        f"{result['n']} cas — {result['protocol']} — modèle {result['model_version']}",
        "classement".ljust(22) + "".join(n.upper().rjust(9) for n in names),
    ]
    lines += [label.ljust(22) + _cells(m, names) for label, m in rows.items()]
    if "by_kind" in result:
        lines.append(f"modèle par nature de projet (sites existants {result['sites']}) :")
        lines += [f"  {kind} ({m['n']})".ljust(40) + _cells(m["model"], names) for kind, m in result["by_kind"].items()]
    if "model_mrr_by_split" in result:
        lines.append(
            "MRR du modèle par découpage : " + " ; ".join(french_decimal(v, 3) for v in result["model_mrr_by_split"])
        )
    if "exposure" in result:
        lines.append(
            f"places dans les {result['exposure']['top_k']} premiers par quartile de population (modèle) : "
            + " ; ".join(f"{c} {french_percent(s)}" for c, s in result["exposure"]["model"].items())
        )
    if "selection_bias" in result:
        lines += bias_lines(result["selection_bias"])
    if "sector_inference" in result:
        sector = result["sector_inference"]
        lines.append(
            f"secteur déduit du texte ({sector['n']} cas avec un code NAF, code caché), juste au niveau : "
            + " ; ".join(f"{level} {french_percent(sector[level])}" for level in LEVELS)
        )
    return "\n".join(lines)


class EvaluationInputError(ValueError):
    """The cases or options cannot be evaluated; the message says what to change, in French."""


def run_evaluation(
    cases_path: Path,
    *,
    k: int = 5,
    with_exposure: bool = False,
    force_cv: bool = False,
    folds: int = 5,
    seed: int = 0,
    repeats: int = CV_REPEATS,
    scope: str = "ge",
    without_sites: bool = False,
    selection_bias: bool = False,
    progress: bool = False,
) -> dict[str, Any]:
    """Ranking quality of the serving model and the baselines on a case file, as `terrimatch evaluate` reports it.

    The model's figures include what the cases' sites change, as ranking does: the home basin of an
    extension first, the proximity bonus of a new site of a company already here.
    """
    from matcher.matching.service import build_matcher
    from training.case_sets import companions
    from training.dataset import build_dataset

    matcher = build_matcher(progress=progress)
    try:
        cases = load_cases(cases_path, matcher.territories, with_sites=not without_sites)
    except CasesError as error:
        raise EvaluationInputError(f"{error}\nCorrigez ces lignes (un objet JSON par ligne) et relancez.") from None
    if force_cv and len(cases) < folds:
        raise EvaluationInputError(
            f"--cross-validate en {folds} plis demande au moins {folds} cas, le fichier en a {len(cases)}"
        )
    try:
        dataset = build_dataset(cases, matcher, scope)
    except ValueError as error:
        hint = " ; classez sur tous les bassins français avec --scope france" if scope == "ge" else ""
        raise EvaluationInputError(f"{error}{hint}") from None
    ranker = current_ranker(matcher.ranker)
    data_hash = cases_hash(cases)
    trained_files = ranker.training_files if isinstance(ranker, LearnedRanker) else ()
    others = companions(trained_files, data_hash, matcher) if data_hash in trained_files else None
    fitted = model_scores(ranker, dataset, data_hash, folds, seed, force_cv, repeats, others)
    communes = matcher.territories.communes
    model = ModelScores(
        [site_adjusted(dataset, run, cases, communes, matcher.policy) for run in fitted.runs],
        fitted.protocol,
        fitted.version,
    )
    result = report(
        dataset,
        model,
        k,
        with_exposure,
        sector_inference_accuracy(cases, matcher.embedder),
        [c.project.kind for c in cases],
        "ignorés" if without_sites else "donnés",
    )
    if selection_bias:
        result["selection_bias"] = simulate(dataset, seed, folds, repeats)
    return result
