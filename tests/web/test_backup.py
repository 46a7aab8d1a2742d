"""`terrimatch backup create` then `restore` into an empty home finds every project, decision and edit."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from web.cli import main
from web_support import WOOD, add_accounts, add_project, login, make_app, postgres_base_url
from workbench_support import EDITED_FACT, home_matcher

STATE_FILES = {
    "models/ACTIVE": "v2",
    "models/v2/metadata.json": '{"version": "v2"}',
    "sites/inventory.json": '{"4407": []}',
    "uploads/evidence/1/note.pdf": "%PDF-1.4 preuve",
}
REBUILT_FILES = ("index/passages/vectors.bin", "cache/naf_labels/x.pkl")


def _populate(app, home) -> dict:
    """Projects, decisions and a CV edit through the app; model, inventory and upload files in the home."""
    accounts = add_accounts(app)
    projects = [add_project(app, accounts["company_a"]), add_project(app, accounts["company_b"], WOOD + " Bis.")]
    agency = login(app.test_client(), accounts["agency"])
    for project in projects:
        code = agency.get(
            f"/api/v1/projects/{project}", headers={"Authorization": f"Bearer {accounts['agency'].token}"}
        ).json["matches"][0]
        answer = agency.post(
            f"/agency/projects/{project}/decisions",
            data={"ze2020_code": code["ze2020_code"], "kind": "accept", "comment": "retenu"},
        )
        assert answer.status_code == 302
    edit = agency.post(
        "/basins/4407/sections/industrial_fabric/edit",
        data={"facts": EDITED_FACT, "sources": "Note | https://example.fr/n", "note": "essai"},
    )
    assert edit.status_code == 302
    for name, text in STATE_FILES.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text(text)
    for name in REBUILT_FILES:
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text("rebuilt on demand")
    return _contents(app.config["SQLALCHEMY_DATABASE_URI"])


def _contents(url: str) -> dict:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        found = {
            table: connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY id")).all()
            for table in ("projects", "decisions", "cv_edits", "users", "match_runs")
        }
    engine.dispose()
    return found


def _round_trip(tmp_path, monkeypatch, source_url: str, target_url: str, matcher):
    home, restored_home = tmp_path / "home", tmp_path / "restored"
    monkeypatch.setenv("TERRIMATCH_HOME", str(home))
    monkeypatch.setenv("DATABASE_URL", source_url)
    app = make_app(source_url, home_matcher(matcher))
    before = _populate(app, home)
    overrides = (home / "territories" / "overrides.json").read_text()
    assert EDITED_FACT in overrides and all(len(rows) for rows in before.values())
    runner, archive = CliRunner(), tmp_path / "terrimatch-backup.tar.gz"
    created = runner.invoke(main, ["backup", "create", str(archive)])
    assert created.exit_code == 0, created.output
    monkeypatch.setenv("TERRIMATCH_HOME", str(restored_home))
    monkeypatch.setenv("DATABASE_URL", target_url)
    restored = runner.invoke(main, ["backup", "restore", str(archive)])
    assert restored.exit_code == 0, restored.output
    assert _contents(target_url) == before
    assert (restored_home / "territories" / "overrides.json").read_text() == overrides
    assert {name: (restored_home / name).read_text() for name in STATE_FILES} == STATE_FILES
    assert not any((restored_home / name).exists() for name in REBUILT_FILES)
    again = runner.invoke(main, ["backup", "restore", str(archive)])
    assert again.exit_code == 2 and "vide" in again.output


def test_backup_round_trip_on_sqlite(tmp_path, monkeypatch, fast_matcher):
    source = f"sqlite:///{tmp_path / 'home' / 'terrimatch.db'}"
    target = f"sqlite:///{tmp_path / 'restored' / 'terrimatch.db'}"
    _round_trip(tmp_path, monkeypatch, source, target, fast_matcher)


@pytest.mark.postgres
def test_backup_round_trip_on_postgresql(tmp_path, monkeypatch, fast_matcher):
    base = sa.engine.make_url(postgres_base_url())
    names = [f"tm_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in names:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        urls = [base.set(database=name).render_as_string(hide_password=False) for name in names]
        _round_trip(tmp_path, monkeypatch, *urls, fast_matcher)
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
