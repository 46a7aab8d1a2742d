"""The description-reading measure on a tiny case file: counts that a wrong reading would change."""

from __future__ import annotations

import json

from training.description_reading_eval import misses, read_cases, score_cases

CASES = [
    {"id": "right", "description_fr": "Usine de 120 emplois sur 8 ha.", "jobs": 120, "land_ha": 8.0},
    {"id": "wrong-land", "description_fr": "300 postes, un terrain de 20 hectares.", "jobs": 300, "land_ha": 14.0},
    {"id": "missed", "description_fr": "Une équipe pour démarrer, sur un petit terrain.", "jobs": 12, "land_ha": None},
    {"id": "unstated", "description_fr": "Atelier de 2 ha, effectif à définir.", "jobs": None, "land_ha": None},
]


def test_found_right_and_unstated_are_counted_apart(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in CASES) + "\n", encoding="utf-8")
    jobs, land = score_cases(read_cases([path]))
    assert (jobs.cases, jobs.stated, jobs.found, jobs.right, jobs.found_unstated) == (4, 3, 2, 2, 0)
    assert (land.stated, land.found, land.right, land.found_unstated) == (2, 2, 1, 1)
    assert "found 2/3 (67 %)" in jobs.line()
    assert misses(CASES) == ["wrong-land: land_ha 14.0 read as '20 hectares'", "missed: jobs 12 read as 'nothing'"]
