"""`terrimatch train --from-db`: decisions stored by the web app reach training through decisions_export."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_support import WOOD, add_accounts, add_project, make_app, sqlite_url

from matcher import artifacts
from web.cli import main

from training.case_files import DEV_CASES


@pytest.mark.slow
def test_train_from_db_reads_the_agency_decisions(tmp_path, matcher, session_home, monkeypatch):
    url = sqlite_url(tmp_path)
    app = make_app(url, matcher)
    accounts = add_accounts(app)
    first = add_project(app, accounts["company_a"], naf_code="16.21Z", jobs=80)
    second = add_project(app, accounts["company_b"], description=f"{WOOD} (bis)")
    from web.extensions import db
    from web.models import Decision

    with app.app_context():
        agency = accounts["agency"].user_id
        for project, code, kind in [(first, "4407", "final_site"), (first, "4404", "reject"),
                                    (second, "4412", "accept"), (second, "4407", "shortlist")]:
            db.session.add(Decision(project_id=project, ze2020_code=code, kind=kind, user_id=agency))
        db.session.commit()
    monkeypatch.setenv("TERRIMATCH_DATABASE_URL", url)
    models = session_home / "models"  # the session's index is reused; the version written is removed after
    shutil.rmtree(models, ignore_errors=True)
    try:
        result = CliRunner().invoke(main, ["train", "--from-db", "--cases", str(DEV_CASES)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        _check_version()
    finally:
        shutil.rmtree(models, ignore_errors=True)


def _check_version() -> None:
    [version] = json.loads(CliRunner().invoke(main, ["models", "list", "--format", "json"]).output)
    meta = artifacts.read_metadata(version["version"])
    assert meta.training["sources"]["decisions"] == "2 decided projects" and meta.training["projects"] == 41
    reference = artifacts.load_reference(meta.version)
    assert sorted(set(reference.y)) == [0.0, 1.0, 2.0, 3.0]
