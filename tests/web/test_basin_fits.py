"""Reverse matching is stored when a project is matched and ranked again when the model or policy changes."""

from __future__ import annotations

from dataclasses import replace

from matcher.scoring.policy import PolicyConfig
from web_support import WOOD, add_accounts, add_project, login, make_app

CHEMISTRY = (
    "Usine de chimie fine et de principes actifs pharmaceutiques, 60 emplois, besoin d'eau et de vapeur industrielle"
)


def _stored(app, project_id: int) -> dict[str, tuple]:
    from web.extensions import db
    from web.records.stored_fits import BasinFit

    with app.app_context():
        rows = db.session.execute(db.select(BasinFit).filter_by(project_id=project_id)).scalars().all()
        return {r.ze2020_code: (r.rank, r.candidates, r.score, r.policy_adjustment, r.ranking_key) for r in rows}


def test_matching_a_project_stores_every_basin_place_as_a_full_match_ranks_it(database_url, fast_matcher):
    from matcher.project.record import project_from_mapping
    from web.basin_fits import ranking_key

    app = make_app(database_url, fast_matcher)
    project = add_project(app, add_accounts(app)["company_a"])
    stored = _stored(app, project)
    fresh = fast_matcher.match(project_from_mapping({"description": WOOD}), "ge", top=27)
    assert {c: (rank, n, score) for c, (rank, n, score, _, _) in stored.items()} == {
        r.ze2020_code: (r.rank, 27, r.score) for r in fresh.results
    }
    assert {key for *_, key in stored.values()} == {ranking_key(fast_matcher)}


def test_the_basin_page_reads_the_stored_places_and_a_new_policy_ranks_them_again(database_url, fast_matcher):
    from web.basin_fits import EXTENSION

    app = make_app(database_url, fast_matcher)
    accounts = add_accounts(app)
    wood, chemistry = add_project(app, accounts["company_a"]), add_project(app, accounts["company_b"], CHEMISTRY)
    page = login(app.test_client(), accounts["agency"]).get("/basins/4407").get_data(as_text=True)
    section = page.split('id="projets"')[1]
    assert section.index(f"/agency/projects/{wood}") < section.index(f"/agency/projects/{chemistry}")
    assert f"{_stored(app, wood)['4407'][0]} / 27" in section and "(ancien)" not in section

    # The same database served with another policy (as after a change of TERRIMATCH_POLICY): stale places.
    changed = make_app(database_url, replace(fast_matcher, policy=PolicyConfig.off()))
    agency = login(changed.test_client(), accounts["agency"])
    stale = agency.get("/basins/4407").get_data(as_text=True).split('id="projets"')[1]
    assert "(ancien)" in stale and "en cours de recalcul" in stale
    changed.extensions[EXTENSION].wait(timeout=120)
    assert all(adjustment == 0 for _, _, _, adjustment, _ in _stored(changed, wood).values())
    fresh = agency.get("/basins/4407").get_data(as_text=True).split('id="projets"')[1]
    assert "(ancien)" not in fresh and "en cours de recalcul" not in fresh
