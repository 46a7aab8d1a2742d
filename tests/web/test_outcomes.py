"""Outcomes: any of the 306 basins or none, stored with the rank shown, idempotent, one at a time under a lock."""

from __future__ import annotations

import threading

import pytest

from web_support import add_accounts, add_project, login, make_app


def _shown(app, project: int) -> list[str]:
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        return [b.ze2020_code for b in db.session.get(ProjectRecord, project).latest_run.basins]


def _outcomes(app, project: int) -> list[tuple[str, str, int | None, int | None]]:
    from web.extensions import db
    from web.records.core import Decision

    with app.app_context():
        rows = db.session.execute(db.select(Decision).filter_by(project_id=project).order_by(Decision.id)).scalars()
        return [(d.kind, d.ze2020_code, d.shown_rank, d.shown_count) for d in rows]


def _unshown(app, matcher, project: int) -> str:
    shown = set(_shown(app, project))
    return next(b.code for b in matcher.territories.scope("france") if b.code not in shown and not b.in_grand_est)


def test_a_final_site_outside_the_shown_list_is_stored_with_its_place(app, accounts, login_as, fast_matcher):
    project = add_project(app, accounts["company_a"])
    agency = login_as("agency")
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    assert (
        page.count("<option value=") >= 306 and 'list="all-basins"' in page and "<script" not in page.split("<main>")[1]
    )
    basin = fast_matcher.territories.basins[_unshown(app, fast_matcher, project)]
    response = agency.post(
        f"/agency/projects/{project}/outcome", data={"kind": "final_site", "basin": f"{basin.name} ({basin.code})"}
    )
    assert response.status_code == 302
    assert _outcomes(app, project) == [("final_site", basin.code, None, app.config["MATCH_TOP"])]
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    assert "hors de la liste montrée" in page and basin.name in page


def test_a_basin_is_found_by_its_code_or_its_name_and_a_shown_one_keeps_its_rank(app, accounts, login_as, fast_matcher):
    first, second = add_project(app, accounts["company_a"]), add_project(app, accounts["company_b"])
    agency = login_as("agency")
    third = _shown(app, first)[2]
    assert (
        agency.post(f"/agency/projects/{first}/outcome", data={"kind": "final_site", "basin": third}).status_code == 302
    )
    name = fast_matcher.territories.basins[_shown(app, second)[0]].name
    assert (
        agency.post(
            f"/agency/projects/{second}/outcome", data={"kind": "final_site", "basin": f"  {name.upper()} "}
        ).status_code
        == 302
    )
    assert _outcomes(app, first) == [("final_site", third, 3, app.config["MATCH_TOP"])]
    assert _outcomes(app, second)[0][2] == 1
    refused = agency.post(f"/agency/projects/{first}/outcome", data={"kind": "final_site", "basin": "Atlantide"})
    assert refused.status_code == 400 and "introuvable" in refused.get_data(as_text=True)


def test_recording_the_same_outcome_twice_adds_no_history_row(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    agency = login_as("agency")
    code = _shown(app, project)[0]
    for _ in range(2):
        assert (
            agency.post(
                f"/agency/projects/{project}/decisions", data={"ze2020_code": code, "kind": "final_site"}
            ).status_code
            == 302
        )
        assert (
            agency.post(f"/agency/projects/{project}/outcome", data={"kind": "final_site", "basin": code}).status_code
            == 302
        )
    assert len(_outcomes(app, project)) == 1


def test_a_second_final_site_is_refused_until_the_first_is_withdrawn(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    agency = login_as("agency")
    first, second = _shown(app, project)[:2]
    agency.post(f"/agency/projects/{project}/outcome", data={"kind": "final_site", "basin": first})
    page = agency.post(f"/agency/projects/{project}/outcome", data={"kind": "final_site", "basin": second})
    assert page.status_code == 409 and "Retirez-la d&#39;abord" in page.get_data(as_text=True)
    api = agency.post(
        f"/agency/projects/{project}/decisions",
        data={"ze2020_code": second, "kind": "final_site"},
        headers={"Accept": "application/json"},
    )
    assert api.status_code == 409 and api.get_json()["status"] == 409 and first in api.get_json()["message"]
    assert agency.post(f"/agency/projects/{project}/outcome/withdraw").status_code == 302
    assert (
        agency.post(f"/agency/projects/{project}/outcome", data={"kind": "final_site", "basin": second}).status_code
        == 302
    )
    assert [k for k, *_ in _outcomes(app, project)] == ["final_site", "withdrawn", "final_site"]


def test_a_project_that_went_abroad_or_was_abandoned_needs_a_reason(app, accounts, login_as):
    project = add_project(app, accounts["company_a"], title="Scierie")
    agency = login_as("agency")
    assert agency.post(f"/agency/projects/{project}/outcome", data={"kind": "no_site"}).status_code == 400
    assert (
        agency.post(
            f"/agency/projects/{project}/outcome", data={"kind": "no_site", "comment": "implanté en Pologne"}
        ).status_code
        == 302
    )
    assert _outcomes(app, project) == [("no_site", "", None, None)]
    assert "Site final choisi (1)" in agency.get("/agency").get_data(as_text=True)
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    assert "hors de France / abandonné" in page and "implanté en Pologne" in page


@pytest.mark.parametrize("rounds", [3])
def test_concurrent_final_sites_leave_exactly_one(database_url, fast_matcher, rounds):
    app = make_app(database_url, fast_matcher)
    accounts = add_accounts(app)
    for _ in range(rounds):
        project = add_project(app, accounts["company_a"])
        codes = _shown(app, project)[:6]
        clients = [login(app.test_client(), accounts["agency"]) for _ in codes]
        statuses: list[int] = []
        barrier = threading.Barrier(len(codes))

        def post(client, code, project=project, barrier=barrier, statuses=statuses):
            barrier.wait()
            response = client.post(f"/agency/projects/{project}/outcome", data={"kind": "final_site", "basin": code})
            statuses.append(response.status_code)

        threads = [threading.Thread(target=post, args=pair) for pair in zip(clients, codes, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == [302] + [409] * (len(codes) - 1)
        assert [kind for kind, *_ in _outcomes(app, project)] == ["final_site"]
