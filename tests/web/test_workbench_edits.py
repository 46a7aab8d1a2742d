"""Versioned CV edits: history with a diff, revert, live re-indexing, other workers and the CLI follow."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from web_support import add_accounts, login, make_app, sqlite_url
from workbench_support import EDITED_FACT, SCOOTER_PROJECT, home_matcher

CODE, SECTION = "4407", "industrial_fabric"
EDIT_URL = f"/basins/{CODE}/sections/{SECTION}/edit"


def _world(tmp_path, matcher):
    """An app whose territory data and index live in the test's own home (edits write there)."""
    app = make_app(sqlite_url(tmp_path), home_matcher(matcher))
    accounts = add_accounts(app)
    return app, accounts, login(app.test_client(), accounts["agency"])


@pytest.fixture
def world(tmp_path, fresh_home, fast_matcher):
    return _world(tmp_path, fast_matcher)


def _live(app):
    from web.matching import get_matcher

    with app.app_context():
        return get_matcher()


def _edit(client, facts: str, sources: str = "Note de l'agence | https://example.fr/note", note: str = "test"):
    return client.post(EDIT_URL, data={"facts": facts, "sources": sources, "note": note})


def _scooter_passages(matcher) -> list[str]:
    from matcher.project.record import project_from_mapping

    result = matcher.match(project_from_mapping({"description": SCOOTER_PROJECT}), scope="ge", top=27)
    basin = next(r for r in result.results if r.ze2020_code == CODE)
    return [p.text for p in basin.passages]


def test_edit_form_shows_the_current_facts_and_sources(world):
    app, _, agency = world
    page = html.unescape(agency.get(EDIT_URL).get_data(as_text=True))
    fabric = _live(app).territories.basin(CODE).curated[SECTION]
    assert fabric.facts[0][:60] in page
    assert fabric.sources[0].title[:40] in page


def test_an_edit_is_versioned_with_author_time_and_diff(world):
    app, _, agency = world
    old_facts = _live(app).territories.basin(CODE).curated[SECTION].facts
    response = _edit(agency, "\n".join([old_facts[0], EDITED_FACT]))
    assert response.status_code == 302 and "/history" in response.location
    page = html.unescape(agency.get(response.location).get_data(as_text=True))
    assert "agency@example.fr" in page and "Version n°" in page
    assert f'<span class="add">+ {EDITED_FACT}</span>' in page
    assert f'<span class="del">- {old_facts[1]}</span>' in page
    from matcher.territory.overlays import read_overrides

    assert read_overrides()[CODE]["sections"][SECTION]["facts"] == [old_facts[0], EDITED_FACT]


def test_the_edited_passage_is_searchable_at_once(world):
    app, _, agency = world
    before = _live(app)
    assert not any("Zorglubex" in text for text in _scooter_passages(before))
    assert _edit(agency, EDITED_FACT).status_code == 302
    after = _live(app)
    assert after is not before and after.index.version != before.index.version
    assert any("Zorglubex" in text for text in _scooter_passages(after))
    assert "Zorglubex" in agency.get(f"/basins/{CODE}").get_data(as_text=True)


@pytest.mark.slow  # matching after the revert refits the lexical scorers on every passage (a second or two)
def test_revert_restores_the_previous_version(world):
    from web.extensions import db
    from web.records.cv_versions import CvEdit

    app, _, agency = world
    original = _live(app).territories.basin(CODE).curated[SECTION].facts
    _edit(agency, EDITED_FACT)
    with app.app_context():
        edit_id = db.session.execute(db.select(CvEdit.id)).scalar_one()
    response = agency.post(f"/basins/{CODE}/history/{edit_id}/revert")
    assert response.status_code == 302
    assert _live(app).territories.basin(CODE).curated[SECTION].facts == original
    assert not any("Zorglubex" in text for text in _scooter_passages(_live(app)))
    assert f"annule la version n° {edit_id}" in agency.get(response.location).get_data(as_text=True)


@pytest.mark.parametrize(
    "facts, sources, message",
    [("", "", "au moins un fait"), ("Un fait.", "Sans adresse valable | javascript:alert(1)", "Source illisible")],
)
def test_invalid_edits_are_refused_with_a_reason(world, facts, sources, message):
    _app, _, agency = world
    response = _edit(agency, facts, sources)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    from matcher.territory.overlays import read_overrides

    assert read_overrides() == {}


def test_an_unchanged_section_is_not_a_new_version(world):
    app, _, agency = world
    current = _live(app).territories.basin(CODE).curated[SECTION]
    sources = "\n".join(f"{s.title} | {s.url}" for s in current.sources)
    response = _edit(agency, "\n".join(current.facts), sources)
    assert response.status_code == 400 and "Aucune modification" in response.get_data(as_text=True)


@pytest.mark.slow  # two workers re-index and refit their lexical scorers
def test_another_worker_follows_the_edit_on_its_next_request(world, tmp_path):
    app, accounts, agency = world
    other = make_app(f"sqlite:///{tmp_path / 'web.db'}", _live(app))  # same database and home, own matcher
    other_client = login(other.test_client(), accounts["agency"])
    assert _edit(agency, EDITED_FACT).status_code == 302
    assert not any("Zorglubex" in text for text in _scooter_passages(_live(other)))
    other_client.get("/basins")  # the cheap signature check runs before each request
    assert any("Zorglubex" in text for text in _scooter_passages(_live(other)))


@pytest.mark.slow  # a new process loads the USE encoder, and must find the index the edit saved
def test_terrimatch_match_reflects_the_edit_right_after(tmp_path, fresh_home, matcher):
    app, _, agency = _world(tmp_path, matcher)
    assert _edit(agency, EDITED_FACT).status_code == 302
    cli = Path(sys.executable).with_name("terrimatch")
    env = os.environ | {"TERRIMATCH_HOME": str(fresh_home), "HF_HUB_OFFLINE": "1"}
    output = subprocess.run(
        [str(cli), "match", SCOOTER_PROJECT, "--format", "json", "--top", "27"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    result = json.loads(output)
    assert result["index_version"] == _live(app).index.version  # the saved index, not a rebuild
    basin = next(r for r in result["results"] if r["ze2020_code"] == CODE)
    assert any("Zorglubex" in p["text"] for p in basin["explanation"]["passages"])


@pytest.mark.slow  # matching after the retried re-index refits the lexical scorers
def test_a_failed_reindex_keeps_the_edit_and_is_retried_on_the_next_request(world, monkeypatch):
    import matcher.matching.service

    app, _, agency = world
    real = matcher.matching.service.refresh_matcher

    def full_disk(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(matcher.matching.service, "refresh_matcher", full_disk)
    response = _edit(agency, EDITED_FACT)
    assert response.status_code == 302
    assert "réindexation a échoué" in _text_of(agency.get(response.location))  # saved, with a warning
    assert not any("Zorglubex" in text for text in _scooter_passages(_live(app)))
    monkeypatch.setattr(matcher.matching.service, "refresh_matcher", real)
    agency.get("/basins")
    assert any("Zorglubex" in text for text in _scooter_passages(_live(app)))


def _text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))
