"""`terrimatch train --from-db`: outcomes stored by the pages reach training.

Each project is rebuilt over its whole scope.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from click.testing import CliRunner

from matcher.model_store import model_dirs
from training.case_files import DEV_CASES
from web.cli import main
from web_support import WOOD, add_accounts, add_project, login, make_app, sqlite_url


@pytest.fixture
def models_dir(session_home):
    """The session's index is reused; the versions a test writes are removed after it."""
    models = session_home / "models"
    shutil.rmtree(models, ignore_errors=True)
    yield models
    shutil.rmtree(models, ignore_errors=True)


def _train(*args: str):
    result = CliRunner().invoke(main, ["train", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [version] = [
        v
        for v in json.loads(CliRunner().invoke(main, ["models", "list", "--format", "json"]).output)
        if v["version"] not in _train.seen
    ]
    _train.seen.add(version["version"])
    return result, model_dirs.read_metadata(version["version"])


_train.seen = set()


def test_train_from_db_before_db_upgrade_says_so_in_one_line_and_creates_nothing(tmp_path, monkeypatch):
    missing = tmp_path / "absent.db"
    monkeypatch.setenv("TERRIMATCH_DATABASE_URL", f"sqlite:///{missing}")
    result = CliRunner().invoke(main, ["train", "--from-db"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    assert "terrimatch db upgrade" in result.output and not missing.exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    monkeypatch.setenv("TERRIMATCH_DATABASE_URL", f"sqlite:///{empty}")
    result = CliRunner().invoke(main, ["train", "--from-db"])
    assert result.exit_code == 2 and "n'est pas à jour" in result.output and empty.stat().st_size == 0


def _unshown_ge_basin(app, matcher, project: int) -> str:
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        shown = {b.ze2020_code for b in db.session.get(ProjectRecord, project).latest_run.basins}
    return next(b.code for b in matcher.territories.scope("ge") if b.code not in shown)


@pytest.mark.slow
def test_an_outcome_outside_the_shown_list_is_trained_on_and_every_project_is_accounted_for(
    tmp_path, matcher, models_dir, monkeypatch
):
    url = sqlite_url(tmp_path)
    app = make_app(url, matcher)
    accounts = add_accounts(app)
    chosen, rejected, abroad = (add_project(app, accounts["company_a"], description=f"{WOOD} ({n})") for n in range(3))
    agency = login(app.test_client(), accounts["agency"])
    unshown = _unshown_ge_basin(app, matcher, chosen)
    assert agency.post(f"/agency/projects/{chosen}/outcome", data={"basin": unshown}).status_code == 302
    page = agency.get(f"/agency/projects/{rejected}").get_data(as_text=True)
    shown = page.split('<section class="basin" id="basin-')[1][:4]
    agency.post(f"/agency/projects/{rejected}/decisions", data={"ze2020_code": shown, "kind": "reject"})
    agency.post(f"/agency/projects/{abroad}/outcome", data={"kind": "no_site", "comment": "parti en Espagne"})
    monkeypatch.setenv("TERRIMATCH_DATABASE_URL", url)
    result, meta = _train("--from-db", "--cases", str(DEV_CASES))
    decided = meta.training["decisions"]
    assert (decided["used"], decided["negatives_only"], decided["skipped"]) == (1, 1, 1)
    assert decided["outcomes_outside_shown"] == 1 and decided["outside_shown_share"] == 1.0
    assert f"projet {abroad} : écarté" in result.output
    assert "hors de la liste montrée : 1 sur 1 (100 %)" in result.output
    assert meta.training["projects"] == 39 + 2 and len(meta.training["project_keys"]) == 41
    reference = model_dirs.load_reference(meta.version)
    last = reference.groups == reference.groups[-1]
    assert len(reference.y[last]) == len(matcher.territories.scope("ge"))  # the whole scope, not the top 10
    assert set(reference.y) == {-1.0, 0.0, 1.0, 3.0}
    assert "hors de la liste montrée : 1 sur 1" in CliRunner().invoke(main, ["models", "show", meta.version]).output


def _gold_basins(matcher) -> list[tuple[dict, str]]:
    from training.cases import load_cases

    cases = load_cases(DEV_CASES, matcher.territories)
    records = [json.loads(line) for line in DEV_CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(zip(records, [c.gold_basin for c in cases], strict=True))


def _form(record: dict) -> dict:
    description = next(record[f] for f in ("description_fr", "description_de", "description_en") if record.get(f))
    endogenous = {True: "oui", False: "non", None: ""}[record.get("endogenous")]
    return {
        "description": description,
        "naf_code": record.get("naf_code") or "",
        "endogenous": endogenous,
        "proposals_seen": "1",  # the fields as the case file gives them: values read from the text declined
        **{k: "" if record.get(k) is None else str(record[k]) for k in ("jobs", "land_ha")},
    }


@pytest.mark.slow
def test_replaying_the_dev_cases_through_the_pages_trains_as_the_case_file_does(
    tmp_path, matcher, models_dir, monkeypatch
):
    url = sqlite_url(tmp_path)
    app = make_app(url, matcher)
    accounts = add_accounts(app)
    company, agency = login(app.test_client(), accounts["company_a"]), login(app.test_client(), accounts["agency"])
    for record, gold in _gold_basins(matcher):
        created = company.post("/projects/new", data=_form(record))
        assert created.status_code == 302, created.get_data(as_text=True)[:300]
        project = int(created.location.rstrip("/").rsplit("/", 1)[-1])
        assert agency.post(f"/agency/projects/{project}/outcome", data={"basin": gold}).status_code == 302
    monkeypatch.setenv("TERRIMATCH_DATABASE_URL", url)
    _from_db, db_meta = _train("--from-db", "--seed", "3")
    _, file_meta = _train("--cases", str(DEV_CASES), "--seed", "3")
    decided = db_meta.training["decisions"]
    assert decided["outcomes_in_a_basin"] == 39 and decided["used"] == 39 and db_meta.training["projects"] == 39
    assert db_meta.metrics == file_meta.metrics
    assert db_meta.training["project_keys"] == file_meta.training["project_keys"]
    shown = [p["shown_rank"] for p in decided["projects"]]
    assert decided["outcomes_outside_shown"] == sum(rank is None for rank in shown)
    assert np.isclose(decided["outside_shown_share"], round(shown.count(None) / 39, 4))
