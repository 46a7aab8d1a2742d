import json

import pandas as pd
import pytest
from click.testing import CliRunner

from matcher.package_data import shipped_path
from web.cli import main

WOOD = (
    "Nous voulons construire une usine de panneaux de particules en bois, 80 emplois, 15 ha, "
    "besoin d'un accès ferroviaire et d'une ressource forestière proche"
)


@pytest.fixture
def runner():
    return CliRunner()


def test_list_france_json_equals_csv(runner):
    result = runner.invoke(main, ["territories", "list", "--scope", "france", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    frame = pd.read_csv(shipped_path("territories", "basins.csv"), dtype={"ze2020_code": str}).set_index("ze2020_code")
    assert len(rows) == 306
    for row in rows:
        for column, value in row["figures"].items():
            expected = frame.loc[row["ze2020_code"], column]
            wanted = None if pd.isna(expected) else pytest.approx(float(expected))
            assert value == wanted, (row["ze2020_code"], column)


def test_list_csv_default_scope_is_grand_est(runner):
    result = runner.invoke(main, ["territories", "list", "--format", "csv"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 28


def test_show_markdown_and_json(runner):
    md = runner.invoke(main, ["territories", "show", "4407"])
    assert md.exit_code == 0 and md.output.startswith("# CV de territoire — Épinal (4407)")
    data = json.loads(runner.invoke(main, ["territories", "show", "4407", "--format", "json"]).output)
    assert data["ze2020_code"] == "4407"


def test_show_unknown_basin_exits_2(runner):
    result = runner.invoke(main, ["territories", "show", "9999"])
    assert result.exit_code == 2 and "unknown employment basin code '9999'" in result.output


def test_import_error_exits_2_and_names_line(runner, fresh_home, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ze2020_code,field,value\n4407,population_2021,many\n", encoding="utf-8")
    result = runner.invoke(main, ["territories", "import", str(bad)])
    assert result.exit_code == 2 and "line 2" in result.output and "nothing imported" in result.output


def test_match_rejects_short_text_and_bad_naf(runner):
    assert runner.invoke(main, ["match", "trop court"]).exit_code == 2
    result = runner.invoke(main, ["match", WOOD, "--naf", "99.99Q"])
    assert result.exit_code == 2 and "naf_code" in result.output


@pytest.mark.slow
def test_match_json_end_to_end(runner, matcher):
    result = runner.invoke(main, ["match", WOOD, "--format", "json", "--top", "8"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    results = data["results"]
    assert len(results) == 8
    assert all(r["ze2020_code"].startswith("44") for r in results)
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    for r in results:
        assert set(r) >= {"ze2020_code", "name", "score", "fit", "policy_adjustment", "passages", "explanation"}
        assert 1 <= len(r["passages"]) <= 3
        assert all({"section", "text", "similarity"} <= set(p) for p in r["passages"])
    # The Vosges forest basins hold the wood industry of Grand Est.
    assert {"4407", "4417", "4414"} & {r["ze2020_code"] for r in results[:5]}
    assert data["language"] == "fr" and data["warning"] is None


@pytest.mark.slow
def test_match_says_when_the_text_is_not_french(runner, matcher):
    german = "Wir wollen ein Werk für Spanplatten aus Holz bauen, 80 Arbeitsplätze, mit Bahnanschluss."
    data = json.loads(runner.invoke(main, ["match", german, "--format", "json", "--top", "3"]).output)
    assert data["language"] == "de" and "rédigé en allemand" in data["warning"]
    table = runner.invoke(main, ["match", german, "--top", "3"]).output
    assert "Attention : Projet rédigé en allemand" in table


@pytest.mark.slow  # fits a TF-IDF of 20,000 words and encodes every passage, as the command does
def test_index_build_with_lexical_backend_then_mismatch_is_refused(runner, fresh_home):
    built = runner.invoke(main, ["index", "build", "--embedder", "tfidf"])
    assert built.exit_code == 0, built.output
    assert "encodeur tfidf:" in built.output and "1\u202f080 passages" in built.output
    lexical = runner.invoke(main, ["match", WOOD, "--embedder", "tfidf", "--format", "json", "--top", "3"])
    assert lexical.exit_code == 0, lexical.output
    assert len(json.loads(lexical.output)["results"]) == 3
    refused = runner.invoke(main, ["match", WOOD, "--embedder", "use"])
    assert refused.exit_code == 2
    assert "was built with embedder 'tfidf:" in refused.output and "terrimatch index build" in refused.output


def test_show_a_basin_without_curated_cv_has_employment_and_land_with_years_and_sources(runner):
    md = runner.invoke(main, ["territories", "show", "0051", "--format", "md"])
    assert md.exit_code == 0, md.output
    text = md.output
    assert "## Emploi salarié privé par secteur" in text and "## Foncier disponible" in text
    assert (
        "Emplois salariés privés : 27\u202f393 en 2019, 28\u202f484 en 2022, 28\u202f435 en 2023, 28\u202f104 en 2024"
    ) in text
    assert "Sources : [URSSAF, effectifs salariés du secteur privé" in text
    assert "Cerema, Cartofriches (inventaire national des friches), état du 2 octobre 2023" in text
    assert "28 sites disponibles" in text
    assert "CARRIER Carrosserie (Alençon) : 5,2 ha ; voie ferrée à 1\u202f125 m" in text
    assert "## Faits générés à partir des données" in text
    assert "Généré à partir des données URSSAF 2019 et Cerema Cartofriches 2023" in text
