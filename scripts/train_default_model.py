"""Rebuild the default ranking model shipped in matcher/data/model from the development cases.

Usage (from the repository root):
    HF_HUB_OFFLINE=1 TERRIMATCH_HOME=/tmp/terrimatch-train .venv/bin/python scripts/train_default_model.py

It learns from training/data/cases/dev_cases.jsonl (Grand Est) and dev_cases_france.jsonl (France).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@click.command()
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory to write to (default: the package's matcher/data/model).",
)
def main(seed: int, out: Path | None) -> None:
    from matcher.matching.service import build_matcher
    from training.default_model_training import train_default_model

    meta = train_default_model(build_matcher(), seed, out)
    shown = {k: meta.training[k] for k in ("metrics_by_file", "coefficients", "files")}
    click.echo(
        json.dumps(shown | {"version": meta.version, "model_sha256": meta.model_sha256}, indent=1, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
