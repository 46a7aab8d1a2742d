"""The labelled development cases shipped with the package: one place for every reader.

Copies of `../shared/data/cases/*.jsonl` (a test fails when they differ), with our German and
English translations beside them; the shipped model is trained on the two French files.
"""

from __future__ import annotations

from pathlib import Path

CASES_DIR = Path(__file__).parent / "data" / "cases"
DEV_CASES = CASES_DIR / "dev_cases.jsonl"  # Grand Est: rank over the 27 Grand Est basins
FRANCE_CASES = CASES_DIR / "dev_cases_france.jsonl"  # elsewhere in France: rank over all 306 basins
CASE_SCOPES = {DEV_CASES: "ge", FRANCE_CASES: "france"}


def translated(path: Path, language: str) -> Path:
    """The German ("de") or English ("en") translation of a cases file."""
    return path.with_name(f"{path.stem}_{language}.jsonl")
