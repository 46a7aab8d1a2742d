"""Decisions that show: each basin's form shows its decision, nothing is chosen by default, the confirmation sits
next to the basin, and the last decision can be undone by its organisation only, and only while it is the last."""

from __future__ import annotations

import re
from html import unescape

from web_support import PASSWORD, add_project


def _first_basin(app, project: int) -> str:
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        return db.session.get(ProjectRecord, project).latest_run.basins[0].ze2020_code


def _labels(app, project: int, code: str) -> list[str]:
    """The label training reads for the basin: web.decisions_export keeps the latest decision per basin."""
    from web.decisions_export import decisions_frame
    from web.extensions import db

    with app.app_context():
        frame = decisions_frame(db.engine)
    return list(frame[(frame.project_id == project) & (frame.ze2020_code == code)]["decision"])


def _section(html: str, code: str) -> str:
    start = html.index(f'id="basin-{code}"')
    return unescape(html[start : html.index("</section>", start)])


def test_a_saved_decision_shows_in_place_and_nothing_is_chosen_by_default(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    code = _first_basin(app, project)
    agency = login_as("agency")
    before = _section(agency.get(f"/agency/projects/{project}").get_data(as_text=True), code)
    assert "checked" not in before and "Aucune décision enregistrée pour ce bassin" in before
    refused = agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": code, "comment": "clic"})
    assert refused.status_code == 400 and "choisissez une décision" in refused.get_data(as_text=True)
    saved = agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": code, "kind": "accept"})
    assert saved.status_code == 302 and saved.location.endswith(f"?enregistre={code}#basin-{code}")
    section = _section(agency.get(saved.location).get_data(as_text=True), code)
    assert re.search(rf'id="kind-{code}-accept" value="accept" checked', section)
    assert section.count("checked") == 1
    assert re.search(r"Décision enregistrée : retenu, le \d{1,2} \w+ 20\d\d, par agency@example.fr", section)
    assert "Décision « retenu » enregistrée pour ce bassin." in section
    assert _labels(app, project, code) == ["accept"]


def test_undo_removes_the_label_and_the_decision_before_stands(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    code = _first_basin(app, project)
    agency = login_as("agency")
    for kind in ("shortlist", "reject"):
        agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": code, "kind": kind})
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    last = re.search(r'name="decision_id" type="hidden" value="(\d+)"', _section(page, code)).group(1)
    undone = agency.post(f"/agency/projects/{project}/decisions/undo", data={"ze2020_code": code, "decision_id": last})
    assert undone.status_code == 302 and undone.location.endswith(f"?annule={code}#basin-{code}")
    assert _labels(app, project, code) == ["shortlist"]  # no contradicting label added: the reject is gone
    section = _section(agency.get(undone.location).get_data(as_text=True), code)
    assert "Décision enregistrée : présélection" in section and "Dernière décision annulée" in section
    stale = agency.post(f"/agency/projects/{project}/decisions/undo", data={"ze2020_code": code, "decision_id": last})
    assert stale.status_code == 409 and "rechargez la page" in stale.get_data(as_text=True)
    assert _labels(app, project, code) == ["shortlist"]


def test_another_organisation_cannot_undo_and_companies_may_not_try(app, accounts, login_as):
    from web.extensions import db
    from web.records.core import Decision, Organisation, User

    project = add_project(app, accounts["company_a"])
    code = _first_basin(app, project)
    login_as("agency").post(f"/agency/projects/{project}/decisions", data={"ze2020_code": code, "kind": "accept"})
    with app.app_context():
        other = User(email="autre@example.fr", role="agency", organisation=Organisation(name="Autre agence"))
        other.set_password(PASSWORD)
        db.session.add(other)
        db.session.commit()
        last = db.session.execute(db.select(Decision.id).filter_by(project_id=project)).scalar_one()
    rival = app.test_client()
    assert rival.post("/login", data={"email": "autre@example.fr", "password": PASSWORD}).status_code == 302
    page = _section(rival.get(f"/agency/projects/{project}").get_data(as_text=True), code)
    assert "Annuler la dernière décision" not in page
    data = {"ze2020_code": code, "decision_id": str(last)}
    refused = rival.post(f"/agency/projects/{project}/decisions/undo", data=data)
    assert refused.status_code == 403 and "Seule l'organisation" in unescape(refused.get_data(as_text=True))
    assert login_as("company_a").post(f"/agency/projects/{project}/decisions/undo", data=data).status_code == 403
    assert _labels(app, project, code) == ["accept"]
