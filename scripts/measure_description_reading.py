"""Print how often jobs and land are found in the development cases' descriptions, and how often right.

Usage: python scripts/measure_description_reading.py [--misses] [CASES.jsonl ...]
(default: the two French development files shipped in training/data/cases). Figures: docs/description_reading.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from training.case_files import DEV_CASES, FRANCE_CASES
from training.description_reading_eval import misses, read_cases, score_cases


def main(argv: list[str]) -> None:
    show_misses = "--misses" in argv
    paths = [Path(a) for a in argv if a != "--misses"] or [DEV_CASES, FRANCE_CASES]
    for group in ([p] for p in paths) if len(paths) > 1 else [paths]:
        print(f"== {', '.join(p.name for p in group)}")
        records = read_cases(group)
        for score in score_cases(records):
            print(score.line())
    if len(paths) > 1:
        print("== all")
        for score in score_cases(read_cases(paths)):
            print(score.line())
    if show_misses:
        print("\n".join(misses(read_cases(paths))))


if __name__ == "__main__":
    main(sys.argv[1:])
