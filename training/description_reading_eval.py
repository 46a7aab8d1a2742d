"""How often the description reading finds the jobs and land the development cases state, and how often it is right.

A case states a value when its structured field (jobs, land_ha) is given; the reading is right when it
equals that value (land within 1 %). Values found where the case gives none are counted apart: the
company sees them as proposals, so they are not wrong, merely unchecked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from matcher.project.description_reading import read_description

FIELDS = ("jobs", "land_ha")


@dataclass(frozen=True)
class FieldScore:
    name: str
    cases: int  # cases read
    stated: int  # cases whose structured field is given
    found: int  # of those, cases where the reading found a value
    right: int  # of those found, the value equals the stated one
    found_unstated: int  # cases with no structured value where the reading found one

    def line(self) -> str:
        return (
            f"{self.name}: stated in {self.stated}/{self.cases} cases; found {_share(self.found, self.stated)}; "
            f"right {_share(self.right, self.found)} of those found, {_share(self.right, self.stated)} of those "
            f"stated; found where none is stated: {self.found_unstated}"
        )


def _share(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.0f} %)" if d else f"{n}/0"


def _right(found: float, truth: float) -> bool:
    return math.isclose(float(found), float(truth), rel_tol=0.01)


def score_cases(records: Iterable[dict]) -> list[FieldScore]:
    """One FieldScore per field of FIELDS over the case records (decoded JSON lines)."""
    records = list(records)
    readings = [read_description(str(r.get("description_fr") or "")) for r in records]
    scores = []
    for name in FIELDS:
        pairs = [(r.get(name), getattr(reading, name)) for r, reading in zip(records, readings, strict=True)]
        stated = [(truth, found) for truth, found in pairs if truth is not None]
        scores.append(
            FieldScore(
                name,
                len(records),
                len(stated),
                sum(found is not None for _, found in stated),
                sum(found is not None and _right(found.value, truth) for truth, found in stated),
                sum(truth is None and found is not None for truth, found in pairs),
            )
        )
    return scores


def read_cases(paths: Iterable[Path]) -> list[dict]:
    return [
        json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def misses(records: Iterable[dict]) -> list[str]:
    """One line per case where a stated value is missed or wrong: what to look at when improving the reading."""
    out = []
    for record in records:
        reading = read_description(str(record.get("description_fr") or ""))
        for name in FIELDS:
            truth, found = record.get(name), getattr(reading, name)
            if truth is not None and (found is None or not _right(found.value, truth)):
                out.append(f"{record.get('id')}: {name} {truth} read as {found.quote if found else 'nothing'!r}")
    return out
