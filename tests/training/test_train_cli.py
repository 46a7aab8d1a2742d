"""`terrimatch train` and `terrimatch models ...` through click's runner, on the real matcher and dev cases."""

import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from matcher.model_store import active_pointer, model_dirs
from model_support import fit_synthetic
from training import decisions
from training.case_files import DEV_CASES, FRANCE_CASES
from web.cli import main

WOOD = "Usine de panneaux de particules en bois, 80 emplois, 15 ha, accès ferroviaire et forêt proche"


@pytest.fixture
def cli(session_home):
    """The CLI with an empty models directory, emptied again after (tests that train also take `matcher`,
    so the session's index is built once and reused)."""
    models = session_home / "models"
    shutil.rmtree(models, ignore_errors=True)

    def invoke(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    yield invoke
    shutil.rmtree(models, ignore_errors=True)


def _versions(cli) -> list[dict]:
    result = cli("models", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.slow
def test_train_promote_match_rollback(cli, matcher):
    # The shipped model's recipe (both case files): a model learnt from one file alone ranks differently
    # enough (top-1 basin changed for about half the reference cases) for the stability check to refuse it.
    trained = cli("train", "--cases", str(DEV_CASES), "--cases", str(FRANCE_CASES), "--seed", "0")
    assert trained.exit_code == 0, trained.output
    assert "en service default-" in trained.output and "mrr" in trained.output  # beside what serves now
    [row] = _versions(cli)
    assert set(row) == {"version", "active", "created_at", "metrics"} and row["active"] is False
    assert {"mrr", "ndcg@5", "hit@1", "hit@3", "hit@5"} <= row["metrics"].keys()
    first = row["version"]

    assert cli("models", "promote", first).exit_code == 0
    matched = json.loads(cli("match", "--format", "json", WOOD).output)
    assert matched["model_version"] == first and matched["ranked_by"] == "model"

    again = cli("train", "--cases", str(DEV_CASES), "--cases", str(FRANCE_CASES), "--seed", "0")
    assert again.exit_code == 0 and "en service " + first in again.output
    second = _versions(cli)[-1]
    assert second["metrics"] == row["metrics"]  # same seed, same data: same model
    assert model_dirs.read_metadata(second["version"]).model_sha256 == model_dirs.read_metadata(first).model_sha256
    assert cli("models", "promote", second["version"]).exit_code == 0
    assert [v["active"] for v in _versions(cli)] == [False, True]

    assert cli("models", "rollback").exit_code == 0
    assert json.loads(cli("match", "--format", "json", WOOD).output)["model_version"] == first
    shown = json.loads(cli("models", "show", first, "--format", "json").output)
    assert shown["active"] is True and shown["training"]["projects"] == 68 and shown["libraries"]["scikit-learn"]


@pytest.mark.slow
def test_train_keeps_only_the_newest_versions(cli):
    for seed in range(active_pointer.KEEP + 1):  # written without pruning: more than are kept
        pipeline, reference = fit_synthetic(seed, 0)
        model_dirs.write_version(pipeline, reference, metrics={"mrr": 0.5}, data_hash="d" * 16, seed=seed)
    oldest = model_dirs.list_versions()[0].version
    assert cli("train", "--cases", str(DEV_CASES), "--seed", "0").exit_code == 0
    kept = [m.version for m in model_dirs.list_versions()]
    assert len(kept) == active_pointer.KEEP and oldest not in kept


@pytest.mark.slow  # `models promote` builds a matcher and matches the gate's reference cases (fast matcher here)
@pytest.mark.usefixtures("fast_cli_home")
def test_a_refused_promotion_exits_1_and_keeps_the_active_model(cli, write_model):
    active = write_model(seed=1, mrr=0.6).version  # synthetic: the shipped model would refuse it, so set it active
    active_pointer.activate(active)
    worse = write_model(seed=2, mrr=0.3).version
    result = cli("models", "promote", worse, "--force")
    assert result.exit_code == 1 and "ÉCHEC" in result.output and "MRR" in result.output
    assert active_pointer.read_pointer().version == active


@pytest.mark.slow
@pytest.mark.usefixtures("fast_cli_home")
def test_forced_promotion_is_recorded(cli, write_model):
    active_pointer.activate(write_model(seed=1, column=0).version)
    other = write_model(seed=2, column=5).version
    assert cli("models", "promote", other).exit_code == 1
    assert cli("models", "promote", other, "--force").exit_code == 0
    log = [json.loads(line) for line in (model_dirs.models_dir() / "activations.jsonl").read_text().splitlines()]
    assert log[-1]["version"] == other and log[-1]["note"].startswith("forcé : le premier bassin change")


def test_bad_input_exits_2_with_a_sentence(cli, tmp_path):
    assert cli("train").exit_code == 2
    assert "no model version v20990101-000000-00000000" in cli("models", "show", "v20990101-000000-00000000").output
    assert cli("models", "promote", "../../etc").exit_code == 2
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"description_fr": "", "ze2020_code": "4407"}\n', encoding="utf-8")
    result = cli("train", "--cases", str(broken))
    assert result.exit_code == 2 and "line 1" in result.output
    assert cli("models", "rollback").exit_code == 1  # nothing to roll back to: a ClickException


def test_from_db_without_a_decisions_source_exits_2(cli, monkeypatch):
    monkeypatch.setattr(decisions, "_registered", {})
    result = cli("train", "--from-db")
    assert result.exit_code == 2 and "source de décisions" in result.output and "--cases" in result.output


def dev_decisions() -> pd.DataFrame:
    """Decisions an agency could have made on the dev cases: final site, one shortlisted, one rejected."""
    rows = []
    for number, line in enumerate(DEV_CASES.read_text(encoding="utf-8").splitlines()):
        case = json.loads(line)
        fields = {
            "project_id": number,
            "description": case["description_fr"],
            "naf_code": case["naf_code"],
            "jobs": case["jobs"],
            "land_ha": case["land_ha"],
            "endogenous": case["endogenous"],
        }
        others = [code for code in ("4407", "4411", "4420") if code != case["ze2020_code"]]
        rows += [
            fields | {"ze2020_code": case["ze2020_code"], "decision": "final_site"},
            fields | {"ze2020_code": others[0], "decision": "shortlist"},
            fields | {"ze2020_code": others[1], "decision": "reject"},
        ]
    return pd.DataFrame(rows)


@pytest.mark.slow
def test_train_from_db_learns_graded_decisions(cli, matcher, monkeypatch):
    monkeypatch.setattr(decisions, "_registered", {"provider": dev_decisions})
    result = cli("train", "--from-db", "--cases", str(DEV_CASES))
    assert result.exit_code == 0, result.output
    meta = model_dirs.read_metadata(_versions(cli)[-1]["version"])
    assert meta.training["projects"] == 78
    assert meta.training["sources"]["decisions"].startswith("39 decided projects: 39 used")
    reference = model_dirs.load_reference(meta.version)
    assert sorted(set(reference.y)) == [0.0, 1.0, 3.0]  # cases' gold 1; decisions' final site 3, shortlist 1
