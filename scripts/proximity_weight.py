"""Choose the proximity weight of a new site of a company already here, on the development cases of that kind.

For each (weight, halving distance) of a grid, the MRR of the `new_site_existing_company` cases with
their sites given (fit from the model, cross-validated on the cases it was trained on, plus the
proximity bonus), beside the MRR without the sites; then a leave-one-case-out estimate of the
chosen setting: for each case, the setting best on the other cases, scored on it.

Usage (from the repository root):
    HF_HUB_OFFLINE=1 TERRIMATCH_HOME=/tmp/terrimatch-grid .venv/bin/python scripts/proximity_weight.py \
        --cases ../shared/data/cases/dev_cases.jsonl:ge --cases ../shared/data/cases/dev_cases_france.jsonl:france
"""

from __future__ import annotations

import json
import os
from itertools import product
from pathlib import Path

import click
import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
KIND = "new_site_existing_company"
WEIGHTS = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0, 15.0, 25.0, 50.0)
HALVINGS_KM = (5.0, 10.0, 20.0, 30.0, 50.0, 80.0, 120.0)


def fitted_runs(matcher, path: str, scope: str, with_sites: bool):
    """Cases, dataset and the model's fit scores per fold split (as `terrimatch evaluate` computes them)."""
    from pathlib import Path

    from matcher.model_store.live_model import current_ranker
    from training.cases import cases_hash, load_cases
    from training.dataset import build_dataset
    from training.evaluation_report import model_scores

    cases = load_cases(Path(path), matcher.territories, with_sites=with_sites)
    dataset = build_dataset(cases, matcher, scope)
    model = model_scores(current_ranker(matcher.ranker), dataset, cases_hash(cases), 5, 0, False)
    return cases, dataset, model


def reciprocal_ranks(matcher, loaded, config) -> dict[str, float]:
    """Mean over fold splits of each case-of-KIND's reciprocal rank, keyed "file:line"."""
    from training.by_kind import site_adjusted
    from training.metrics import case_metrics

    out: dict[str, float] = {}
    for name, (cases, dataset, model) in loaded.items():
        groups = [g for g, c in enumerate(cases) if c.project.kind == KIND]
        runs = [
            site_adjusted(dataset, {g: run[g] for g in groups}, cases, matcher.territories.communes, config)
            for run in model.runs
        ]
        for g in groups:
            rows = dataset.rows_of(g)
            out[f"{name}:{cases[g].line}"] = float(np.mean([case_metrics(r[g], dataset.y[rows])["mrr"] for r in runs]))
    return out


def by_file(per_case: dict[str, float]) -> dict[str, float]:
    """Mean reciprocal rank per cases file."""
    files = sorted({key.rsplit(":", 1)[0] for key in per_case})
    return {f: round(float(np.mean([v for k, v in per_case.items() if k.rsplit(":", 1)[0] == f])), 4) for f in files}


def leave_one_out(grid: dict[tuple[float, float], dict[str, float]]) -> tuple[float, list]:
    """MRR when each case is scored with the setting best on the others (ties: smallest weight)."""
    keys = list(next(iter(grid.values())))
    scores, chosen = [], []
    for held in keys:
        best = max(grid, key=lambda s: (np.mean([grid[s][k] for k in keys if k != held]), -s[0], -s[1]))
        scores.append(grid[best][held])
        chosen.append(best)
    return float(np.mean(scores)), chosen


@click.command()
@click.option("--cases", "files", multiple=True, required=True, help="FILE.jsonl:SCOPE (ge or france), repeatable.")
@click.option("--dump", type=click.Path(dir_okay=False), help="Also write every case's reciprocal rank per setting.")
def main(files: tuple[str, ...], dump: str | None) -> None:
    from matcher.matching.service import build_matcher
    from matcher.scoring.policy import PolicyConfig

    matcher = build_matcher(progress=False)
    specs = [f.rsplit(":", 1) for f in files]
    with_sites = {p: fitted_runs(matcher, p, s, True) for p, s in specs}
    without = reciprocal_ranks(matcher, {p: fitted_runs(matcher, p, s, False) for p, s in specs}, PolicyConfig())
    grid = {
        (w, h): reciprocal_ranks(matcher, with_sites, PolicyConfig(endogenous=w, endogenous_halving_km=h))
        for w, h in product(WEIGHTS, HALVINGS_KM)
    }
    if dump:
        with Path(dump).open("w", encoding="utf-8") as out:
            json.dump({"without": without, **{f"{w:g}@{h:g}": v for (w, h), v in grid.items()}}, out, indent=1)
    loo, chosen = leave_one_out(grid)
    best = max(grid, key=lambda s: (np.mean(list(grid[s].values())), -s[0], -s[1]))
    click.echo(
        json.dumps(
            {
                "n_cases": len(without),
                "mrr_without_sites": round(float(np.mean(list(without.values()))), 4),
                "grid_mrr_with_sites": {
                    f"{w:g} @ {h:g} km": round(float(np.mean(list(v.values()))), 4) for (w, h), v in grid.items()
                },
                "best_on_all": {
                    "weight": best[0],
                    "halving_km": best[1],
                    "mrr": round(float(np.mean(list(grid[best].values()))), 4),
                },
                "leave_one_case_out_mrr": round(loo, 4),
                "by_file_without": by_file(without),
                "by_file_best": by_file(grid[best]),
                "settings_chosen_per_held_out_case": [f"{w:g} @ {h:g} km" for w, h in chosen],
                "per_case_without": without,
                "per_case_best": grid[best],
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
