"""A convention's whole life on both backends, with a frozen clock: signing, amendment, reports, statuses, review."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
import time_machine

from convention_support import INVESTMENT, JOBS, add_ranked_project, convention_form, tiny_pdf
from web_support import add_accounts, login, make_app


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(hour=10, tzinfo=UTC)


@pytest.fixture
def world(database_url):
    """The app (no matcher: the stored match is written directly) and company A's project with a final site."""
    app = make_app(database_url)
    accounts = add_accounts(app)
    project = add_ranked_project(app, accounts["company_a"], accounts["agency"], ranked=("4407", "4412"), final="4407")
    yield app, accounts, project
    from web.extensions import db

    with app.app_context():
        db.engine.dispose()


def signed_in(world, role: str):
    """A new signed-in client: sessions expire when the frozen clock jumps months ahead."""
    app, accounts, _ = world
    return login(app.test_client(), accounts[role])


def statuses(world, role: str = "agency") -> list[str]:
    """The computed statuses, as the JSON API states them today."""
    app, accounts, _ = world
    headers = {"Authorization": f"Bearer {accounts[role].token}"}
    body = app.test_client().get("/api/v1/conventions/1", headers=headers).json
    return [c["status"] for c in body["commitments"]]


def report(client, commitment_id: int, value: str, on: str, pdf: bytes | None = None, name: str = "bilan.pdf"):
    data = {"value": value, "reported_on": on, "comment": "Relevé annuel"}
    if pdf is not None:
        data["evidence"] = (io.BytesIO(pdf), name)
    return client.post(
        f"/conventions/1/commitments/{commitment_id}/reports", data=data, content_type="multipart/form-data"
    )


def test_convention_lifecycle_through_time(world):
    app, _accounts, project = world
    with time_machine.travel(moment("2026-01-15"), tick=False):
        agency = signed_in(world, "agency")
        response = agency.post(f"/conventions/new/{project}", data=convention_form([JOBS, INVESTMENT]))
        assert response.status_code == 302 and response.location.endswith("/conventions/1")
        assert statuses(world) == ["on_track", "on_track"]

    with time_machine.travel(moment("2026-06-01"), tick=False):
        agency = signed_in(world, "agency")
        amended = convention_form([{**JOBS, "target": "80"}, INVESTMENT], reason="Marché du panneau en repli")
        assert agency.post("/conventions/1/amend", data=amended).status_code == 302
        page = agency.get("/conventions/1").get_data(as_text=True)
        assert "Version 2" in page and "Marché du panneau en repli" in page
        assert "100 emplois" not in page and "80 emplois" in page
        assert "100 emplois" in agency.get("/conventions/1/versions/1").get_data(as_text=True)

    with time_machine.travel(moment("2027-05-02"), tick=False):
        company = signed_in(world, "company_a")
        assert report(company, 1, "50", "2027-01-15", tiny_pdf()).status_code == 302
        assert report(company, 2, "5 000 000", "2027-05-01").status_code == 302
        assert statuses(world, "company_a") == ["on_track", "met"]

    with time_machine.travel(moment("2027-12-15"), tick=False):
        queue = signed_in(world, "agency").get("/conventions").get_data(as_text=True)
        due_soon = queue.split("Relevés attendus dans les 30 jours")[1].split("Relevés en retard")[0]
        assert "Emplois créés (CDI)" in due_soon

    with time_machine.travel(moment("2028-01-15"), tick=False):  # due date passed, within the 90-day grace
        assert statuses(world) == ["late", "met"]
        queue = signed_in(world, "agency").get("/conventions").get_data(as_text=True)
        assert "Relevés en retard (1)" in queue and "Engagements en retard (1)" in queue

    with time_machine.travel(moment("2028-04-15"), tick=False):  # grace over on 2028-03-30
        assert statuses(world) == ["missed", "met"]
        agency = signed_in(world, "agency")
        review = {
            "held_on": "2028-04-15",
            "participants": "Agence, Région, entreprise",
            "minutes": "Bilan",
            "outcome": "clawback",
            "reason": "Emplois non créés",
        }
        assert agency.post("/conventions/1/reviews", data=review).status_code == 302
        page = agency.get("/conventions/1").get_data(as_text=True)
    # 1 000 000 € x 50 % x (shortfall 0.5 of the jobs: 30 of 60 delivered) / 2 commitments
    assert "125\u202f000 €" in page and "reversement demandé" in page
    from web.extensions import db
    from web.records.convention_tables import Review

    with app.app_context():
        assert db.session.execute(db.select(Review)).scalar_one().clawback_eur == 125_000


def test_a_late_report_meeting_the_target_within_the_grace_period_counts_as_met(world):
    _, _, project = world
    with time_machine.travel(moment("2026-01-15"), tick=False):
        signed_in(world, "agency").post(f"/conventions/new/{project}", data=convention_form([JOBS]))
    with time_machine.travel(moment("2028-02-01"), tick=False):
        assert statuses(world) == ["late"]
        assert report(signed_in(world, "company_a"), 1, "100", "2027-12-31").status_code == 302
        assert statuses(world) == ["met"]


def test_a_convention_needs_a_final_site_and_valid_terms(world):
    app, accounts, _ = world
    other = add_ranked_project(app, accounts["company_a"], accounts["agency"], ranked=("4412",))
    agency = signed_in(world, "agency")
    assert agency.post(f"/conventions/new/{other}", data=convention_form([JOBS])).status_code == 400
    refused = agency.post(
        f"/conventions/new/{world[2]}", data=convention_form([{**JOBS, "target": "beaucoup"}], clawback_pct="150")
    )
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Engagement 1, cible : un nombre est attendu" in text and "Reversement" in text
    assert agency.post(f"/conventions/new/{world[2]}", data=convention_form([])).status_code == 400


def test_a_review_without_missed_commitments_refuses_a_clawback_and_an_amendment_needs_a_reason(world):
    _, _, project = world
    agency = signed_in(world, "agency")
    agency.post(f"/conventions/new/{project}", data=convention_form([JOBS]))
    review = {"held_on": "2026-02-01", "participants": "Agence", "outcome": "clawback", "reason": "test"}
    assert agency.post("/conventions/1/reviews", data=review).status_code == 400
    assert agency.post("/conventions/1/reviews", data={**review, "reason": ""}).status_code == 400
    kept = agency.post("/conventions/1/reviews", data={**review, "outcome": "maintain"})
    assert kept.status_code == 302
    assert agency.post("/conventions/1/amend", data=convention_form([JOBS])).status_code == 400


def test_another_company_gets_404_on_every_convention_route(world):
    _, accounts, project = world
    signed_in(world, "agency").post(f"/conventions/new/{project}", data=convention_form([JOBS]))
    report(signed_in(world, "company_a"), 1, "30", "2026-03-01", tiny_pdf())
    other = signed_in(world, "company_b")
    for path in ("/conventions/1", "/conventions/1/versions/1", "/conventions/1/reports/1/evidence"):
        assert other.get(path).status_code == 404
    assert report(other, 1, "99", "2026-03-02").status_code == 404
    headers = {"Authorization": f"Bearer {accounts['company_b'].token}"}
    response = other.get("/api/v1/conventions/1", headers=headers)
    assert response.status_code == 404 and set(response.json) == {"error", "message", "status"}
    assert other.get("/api/v1/conventions", headers=headers).json == {"conventions": []}
    assert re.search(r"Aucune convention", other.get("/conventions").get_data(as_text=True))
