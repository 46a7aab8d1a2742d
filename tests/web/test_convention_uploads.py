"""Evidence uploads: size limits, content check, hostile names, attachment-only downloads, CSRF on every form."""

from __future__ import annotations

import io
import re

import pytest

from convention_support import JOBS, add_ranked_project, convention_form, tiny_pdf
from web_support import add_accounts, login, make_app

LIMIT = 400_000  # above the app-wide 256 KiB body limit, to show the report route alone allows more


@pytest.fixture
def world(database_url, fresh_home):
    app = make_app(database_url, EVIDENCE_MAX_BYTES=LIMIT)
    accounts = add_accounts(app)
    project = add_ranked_project(app, accounts["company_a"], accounts["agency"], ranked=("4407",), final="4407")
    agency = login(app.test_client(), accounts["agency"])
    assert agency.post(f"/conventions/new/{project}", data=convention_form([JOBS])).status_code == 302
    yield app, accounts, fresh_home
    from web.extensions import db

    with app.app_context():
        db.engine.dispose()


def upload(client, content: bytes, name: str):
    data = {"value": "40", "reported_on": "2026-03-01", "evidence": (io.BytesIO(content), name)}
    return client.post("/conventions/1/commitments/1/reports", data=data, content_type="multipart/form-data")


def stored(home) -> list:
    folder = home / "evidence"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def reports(app) -> int:
    from web.extensions import db
    from web.records.convention_tables import Report

    with app.app_context():
        return len(db.session.execute(db.select(Report)).scalars().all())


def test_a_pdf_larger_than_the_json_limit_but_within_the_evidence_limit_is_stored(world):
    app, accounts, home = world
    pdf = tiny_pdf(padding=300_000)
    response = upload(login(app.test_client(), accounts["company_a"]), pdf, "bilan social.pdf")
    assert response.status_code == 302
    [path] = stored(home)
    assert path.read_bytes() == pdf and re.fullmatch(r"[0-9a-f]{32}\.pdf", path.name)


@pytest.mark.parametrize("size", [LIMIT + 10, LIMIT + 200_000])
def test_an_oversized_pdf_is_refused_with_413_and_nothing_stored(world, size):
    app, accounts, home = world
    response = upload(login(app.test_client(), accounts["company_a"]), tiny_pdf(padding=size), "gros.pdf")
    assert response.status_code == 413
    assert "taille maximale" in response.get_data(as_text=True)
    assert stored(home) == [] and reports(app) == 0


@pytest.mark.parametrize(
    "content, name",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "scan.pdf"),  # an image named .pdf
        (b"<html><script>alert(1)</script></html>", "page.pdf"),
        (b"%PDF-1.7 truncated, no end marker", "coupe.pdf"),
    ],
)
def test_a_file_that_is_not_a_pdf_by_content_is_refused(world, content, name):
    app, accounts, home = world
    response = upload(login(app.test_client(), accounts["company_a"]), content, name)
    assert response.status_code == 400 and "PDF" in response.get_data(as_text=True)
    assert stored(home) == [] and reports(app) == 0


def test_a_pdf_with_a_script_in_its_name_is_stored_under_a_safe_name_and_only_downloaded(world):
    app, accounts, home = world
    company = login(app.test_client(), accounts["company_a"])
    assert upload(company, tiny_pdf(), "<script>alert(1)</script>../../etc/passwd.pdf").status_code == 302
    page = company.get("/conventions/1").get_data(as_text=True)
    assert "<script>alert" not in page and "scriptalert1_script.._.._etc_passwd.pdf" in page
    response = company.get("/conventions/1/reports/1/evidence")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "<" not in response.headers["Content-Disposition"] and "/" not in response.headers["Content-Disposition"]
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data == stored(home)[0].read_bytes()


def test_evidence_is_served_only_to_those_who_may_see_the_project(world):
    app, accounts, _ = world
    upload(login(app.test_client(), accounts["company_a"]), tiny_pdf(), "bilan.pdf")
    seen = {
        role: login(app.test_client(), accounts[role]).get("/conventions/1/reports/1/evidence").status_code
        for role in ("company_a", "company_b", "agency", "admin")
    }
    assert seen == {"company_a": 200, "company_b": 404, "agency": 200, "admin": 200}
    assert app.test_client().get("/conventions/1/reports/1/evidence").status_code == 302


def test_every_convention_form_refuses_a_post_without_its_csrf_token(database_url):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    accounts = add_accounts(app)
    project = add_ranked_project(app, accounts["company_a"], accounts["agency"], ranked=("4407",), final="4407")
    agency = login_with_token(app, accounts["agency"])
    page = agency.get(f"/conventions/new/{project}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert agency.post(f"/conventions/new/{project}", data=convention_form([JOBS])).status_code == 400
    assert (
        agency.post(f"/conventions/new/{project}", data={**convention_form([JOBS]), "csrf_token": token}).status_code
        == 302
    )
    for path, data in (
        ("/conventions/1/amend", convention_form([JOBS], reason="motif")),
        ("/conventions/1/reviews", {"held_on": "2026-02-01", "participants": "A", "outcome": "maintain"}),
        ("/conventions/1/commitments/1/reports", {"value": "3", "reported_on": "2026-02-01"}),
    ):
        refused = agency.post(path, data=data)
        assert refused.status_code == 400 and "formulaire a expiré" in refused.get_data(as_text=True)
    with app.app_context():
        from web.extensions import db

        db.engine.dispose()


def login_with_token(app, account):
    """Sign in through the login form with its CSRF token, as a browser does."""
    from web_support import PASSWORD

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": account.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client
