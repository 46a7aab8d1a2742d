"""Loading labelled cases: inputs only, gold basin through the commune table, every bad line named."""

import json

import pytest

from training.cases import CasesError, cases_hash, load_cases

GOOD = {
    "description_fr": "Nous fabriquons des pièces de fonte pour poids lourds et voulons agrandir l'usine.",
    "naf_code": "24.51Z",
    "jobs": 40,
    "land_ha": 3,
    "endogenous": True,
    "commune_insee_code": "08409",
}


def _write(tmp_path, lines):
    path = tmp_path / "cases.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_a_case_maps_its_commune_to_the_basin_and_keeps_only_the_inputs(tmp_path, territories):
    leaky = GOOD | {
        "commune": "Sedan",
        "company": "Fonderie X",
        "notes": "Sedan",
        "sources": [{"url": "x"}],
        "id": "fonderie-sedan",
        "ze2020_code": "9999",
    }
    [case] = load_cases(_write(tmp_path, [leaky]), territories)
    assert case.gold_basin == "4421" and case.line == 1  # the commune wins over a stale ze2020_code
    assert case.project.naf_code == "24.51Z" and case.project.jobs == 40 and case.project.land_ha == 3.0
    assert case.project.endogenous is True
    assert "Sedan" not in case.project.text and "Fonderie X" not in case.project.text


def test_a_basin_code_works_without_a_commune(tmp_path, territories):
    case = GOOD.copy()
    del case["commune_insee_code"]
    [loaded] = load_cases(_write(tmp_path, [case | {"ze2020_code": "4423"}]), territories)
    assert loaded.gold_basin == "4423"


def test_a_commune_missing_from_the_2023_table_falls_back_on_the_basin_code(tmp_path, territories):
    [case] = load_cases(_write(tmp_path, [GOOD | {"commune_insee_code": "99999", "ze2020_code": "4423"}]), territories)
    assert case.gold_basin == "4423"
    with pytest.raises(CasesError) as caught:
        load_cases(_write(tmp_path, [GOOD | {"commune_insee_code": "99999", "ze2020_code": "9999"}]), territories)
    assert caught.value.problems == ["line 1: commune_insee_code inconnu : 99999; ze2020_code inconnu : 9999"]


def test_a_german_or_english_description_stands_in_for_the_french_one(tmp_path, territories):
    german = {k: v for k, v in GOOD.items() if k != "description_fr"}
    german["description_de"] = "Wir gießen Gussteile für Lkw und wollen das Werk erweitern."
    both = GOOD | {"description_en": "We cast parts for lorries."}
    [de, fr] = load_cases(_write(tmp_path, [german, both]), territories)
    assert de.project.text.startswith("Wir gießen") and fr.project.text == GOOD["description_fr"]


def test_every_bad_line_is_reported_with_its_number(tmp_path, territories):
    lines = [
        GOOD,
        GOOD | {"description_fr": ""},
        "{not json",
        GOOD | {"commune_insee_code": "00000"},
        "",
        GOOD | {"naf_code": "99.99Q"},
        {k: v for k, v in GOOD.items() if k != "commune_insee_code"},
        GOOD | {"jobs": -3},
        "[1, 2]",
    ]
    with pytest.raises(CasesError) as caught:
        load_cases(_write(tmp_path, lines), territories)
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == [f"line {n}" for n in (2, 3, 4, 6, 7, 8, 9)]
    assert "description_fr" in problems[0] and "JSON" in problems[1] and "00000" in problems[2]
    assert "naf_code" in problems[3] and "lieu réel" in problems[4] and "jobs" in problems[5]


def test_an_empty_file_is_an_error(tmp_path, territories):
    with pytest.raises(CasesError, match="no case"):
        load_cases(_write(tmp_path, [""]), territories)


def test_the_hash_follows_inputs_and_gold_not_notes(tmp_path, territories):
    base = load_cases(_write(tmp_path, [GOOD]), territories)
    noted = load_cases(_write(tmp_path, [GOOD | {"notes": "autre chose", "sources": []}]), territories)
    moved = load_cases(_write(tmp_path, [GOOD | {"commune_insee_code": "67482"}]), territories)
    assert cases_hash(base) == cases_hash(noted) != cases_hash(moved)
