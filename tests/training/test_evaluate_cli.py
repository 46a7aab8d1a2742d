"""`terrimatch evaluate` through click's runner: figures on the real matcher, plumbing on the fast one."""

import json

import pytest
from click.testing import CliRunner

from training.case_files import DEV_CASES, FRANCE_CASES
from web.cli import main

METRICS = {"mrr", "ndcg@5", "hit@1", "hit@3", "hit@5"}


def _evaluate(*args):
    return CliRunner().invoke(main, ["evaluate", *args], catch_exceptions=False)


@pytest.fixture
def run(matcher):  # the session matcher built the index under TERRIMATCH_HOME: the CLI reuses it
    return _evaluate


@pytest.mark.slow  # the command builds a matcher, then every case's features and five baselines
@pytest.mark.usefixtures("fast_cli_home")  # the CLI loads the fast matcher's embedder and index
def test_new_cases_are_scored_by_the_shipped_model_as_is(tmp_path):
    lines = DEV_CASES.read_text(encoding="utf-8").splitlines()[:4]
    path = tmp_path / "few.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _evaluate("--cases", str(path), "--format", "json", "--exposure")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n"] == 4 and set(data["model"]) == METRICS
    assert set(data["baselines"]) == {"random", "largest", "lexical", "embedding", "sector_employment"}
    assert all(set(m) == METRICS for m in data["baselines"].values())
    assert data["protocol"].startswith("cas inédits") and data["model_version"].startswith("default-")
    assert sum(data["exposure"]["model"].values()) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.slow
def test_the_training_cases_are_cross_validated_and_the_model_leads(run):
    result = run("--cases", str(DEV_CASES), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n"] == 39 and "validation croisée groupée en 5 plis" in data["protocol"]
    assert "moyenne de 5 découpages en plis, graines 0 à 4" in data["protocol"]
    assert len(data["model_mrr_by_split"]) == 5
    assert data["model"]["mrr"] == pytest.approx(sum(data["model_mrr_by_split"]) / 5, abs=1e-4)
    assert data["model"]["mrr"] >= 0.45  # the target of issue 3
    for baseline in data["baselines"].values():
        assert data["model"]["mrr"] > baseline["mrr"] and data["model"]["hit@5"] > baseline["hit@5"]
    table = run("--cases", str(DEV_CASES), "--k", "3", "--repeats", "1", "--seed", "2")
    assert "NDCG@3" in table.output and "référence : lexical" in table.output
    assert "graine 2 (le modèle" in table.output and "par découpage" not in table.output


@pytest.mark.slow
def test_over_all_french_basins_the_model_still_leads(run):
    # Only Grand Est basins have curated CVs: the others must not rank as if their CV matched on average.
    data = json.loads(run("--cases", str(DEV_CASES), "--format", "json", "--scope", "france").output)
    for baseline in data["baselines"].values():
        assert data["model"]["mrr"] > baseline["mrr"] and data["model"]["hit@5"] > baseline["hit@5"]


@pytest.mark.usefixtures("fast_cli_home")  # the command builds its matcher before it reads the cases
def test_a_gold_basin_outside_the_scope_exits_2_and_names_the_line(tmp_path):
    path = tmp_path / "outside.jsonl"
    path.write_text(
        '{"description_fr": "Une usine de fonte pour poids lourds, 40 emplois.", "ze2020_code": "0051"}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["evaluate", "--cases", str(path)])
    assert result.exit_code == 2 and "line 1 (0051)" in result.output and "--scope france" in result.output


@pytest.mark.usefixtures("fast_cli_home")
def test_bad_lines_exit_2_and_are_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"description_fr": "Une usine de fonte pour poids lourds, 40 emplois.", "ze2020_code": "4421"}\n'
        '{"description_fr": ""}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["evaluate", "--cases", str(path)])
    assert result.exit_code == 2 and "line 2: description_fr est obligatoire" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("language", ["de", "en"])
def test_projects_written_in_german_or_english_are_ranked_above_the_baselines(run, language):
    cases = DEV_CASES.with_name(f"dev_cases_{language}.jsonl")
    result = run("--cases", str(cases), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n"] == 39
    for baseline in data["baselines"].values():
        assert data["model"]["mrr"] > baseline["mrr"]


@pytest.mark.slow  # the inferred sectors are the USE encoder's reading of the texts
def test_the_sector_inference_is_measured_on_the_cases_with_a_code(run, tmp_path):
    cheese = "Nous fabriquons des fromages et des yaourts et cherchons un site pour une nouvelle laiterie."
    cases = [
        {"description_fr": cheese, "naf_code": "10.51C", "ze2020_code": "4426"},  # the code the text says
        {"description_fr": cheese, "naf_code": "10.52Z", "ze2020_code": "4426"},  # ice cream: same group
        {"description_fr": cheese, "naf_code": "24.51Z", "ze2020_code": "4426"},  # foundry: nothing shared
        {"description_fr": cheese, "ze2020_code": "4426"},
    ]  # no code: not counted
    path = tmp_path / "sectors.jsonl"
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n", encoding="utf-8")
    sector = json.loads(run("--cases", str(path), "--format", "json").output)["sector_inference"]
    assert sector == {"n": 3, "subclass": 0.3333, "class": 0.3333, "group": 0.6667, "division": 0.6667}
    assert "secteur déduit du texte (3 cas" in run("--cases", str(path)).output


@pytest.mark.slow
def test_the_france_cases_rank_over_every_basin_well_above_chance(run):
    data = json.loads(
        run("--cases", str(FRANCE_CASES), "--scope", "france", "--format", "json", "--repeats", "1").output
    )
    assert data["n"] == 29 and "autres cas de développement" in data["protocol"]
    random = data["baselines"]["random"]["mrr"]
    for baseline in data["baselines"].values():  # with the company's sites, as it gives them
        assert data["model"]["mrr"] > baseline["mrr"] and data["model"]["hit@5"] > baseline["hit@5"]
    alone = json.loads(
        run(
            "--cases", str(FRANCE_CASES), "--scope", "france", "--format", "json", "--repeats", "1", "--without-sites"
        ).output
    )
    assert alone["model"]["mrr"] >= 5 * random  # without them: sector employment only, 6x chance
