"""The project form forgives: French numbers, values read from the text proposed first, communes by name,
an error summary linked to each field; every message French."""

from __future__ import annotations

import re
from html import unescape

from web_support import add_project

STATED = "Nous construisons une usine de menuiseries bois : 120 emplois, 8 ha, accès autoroutier, eau."
PLAIN = "Nous construisons une usine de menuiseries en bois pour la construction de maisons."


def _stored(app, **where):
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        return db.session.execute(db.select(ProjectRecord).filter_by(**where)).scalars().all()


def _value(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html).group(1)


def test_french_numbers_are_accepted_and_shown_back_in_french(app, login_as):
    company = login_as("company_a")
    response = company.post(
        "/projects/new",
        data={
            "title": "Menuiseries",
            "description": PLAIN,
            "jobs": "1 200",
            "land_ha": "8,5",
            "power_mw": "2\u202f500",
            "timeline_months": "18",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    [project] = _stored(app, title="Menuiseries")
    assert (project.jobs, project.land_ha, project.power_mw) == (1200, 8.5, 2500.0)
    edit = company.get(f"/projects/{project.id}/edit").get_data(as_text=True)
    assert _value(edit, "land_ha") == "8,5" and _value(edit, "jobs") == "1\u202f200"


def test_values_stated_in_the_text_are_proposed_then_confirmed(app, login_as):
    company = login_as("company_a")
    first = company.post("/projects/new", data={"title": "Lu", "description": STATED})
    html = first.get_data(as_text=True)
    assert first.status_code == 200 and not _stored(app, title="Lu")  # nothing stored nor matched yet
    assert "Valeurs lues dans votre description" in html and "changent le classement" in html
    assert _value(html, "jobs") == "120" and _value(html, "land_ha") == "8"
    assert 'Lu dans votre description : « 120 emplois »' in html
    checked = set(re.findall(r'<input checked[^>]*value="(\w+)"', html))
    assert checked == {"motorway", "high_water"}
    assert _value(html, "proposals_seen") == "1"
    second = company.post(
        "/projects/new",
        data={
            "title": "Lu",
            "description": STATED,
            "jobs": "120",
            "land_ha": "8",
            "needs": ["motorway", "high_water"],
            "proposals_seen": "1",
        },
    )
    assert second.status_code == 302
    [project] = _stored(app, title="Lu")
    assert (project.jobs, project.land_ha, sorted(project.needs)) == (120, 8.0, ["high_water", "motorway"])


def test_a_value_the_company_typed_is_never_replaced(app, login_as):
    page = login_as("company_a").post("/projects/new", data={"description": STATED, "jobs": "90"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and _value(html, "jobs") == "90" and _value(html, "land_ha") == "8"
    assert "jobs-proposal" not in html and "land_ha-proposal" in html


def test_a_text_stating_nothing_new_is_matched_at_once_and_edits_never_propose(app, accounts, login_as):
    company = login_as("company_a")
    assert company.post("/projects/new", data={"description": PLAIN}).status_code == 302
    project = add_project(app, accounts["company_a"], description=PLAIN)
    assert company.post(f"/projects/{project}/edit", data={"description": STATED}).status_code == 302


def test_errors_are_summarised_at_the_top_and_tied_to_their_fields(app, login_as):
    response = login_as("company_a").post(
        "/projects/new",
        data={"description": "court", "jobs": "8,5", "needs": ["teleport"], "existing_site_communes": "Saint-Martin"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    summary = unescape(html[html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))])
    for target in ("description", "jobs", "existing_site_communes", "needs-0"):
        assert f'href="#{target}"' in summary
    assert "Emplois créés : doit être un nombre entier" in summary
    assert "plusieurs communes s'appellent « Saint-Martin »" in summary
    assert re.search(r'<input[^>]*aria-describedby="jobs-error"[^>]*id="jobs"', html)
    assert 'id="jobs-error"' in html
    assert re.search(
        r'<textarea[^>]*aria-describedby="description-hint description-error"[^>]*aria-required="true"'
        r'[^>]*required',
        html,
    )
    assert re.search(r'<fieldset class="needs invalid"\s+aria-describedby="needs-hint needs-error">\s*<legend>', html)
    assert "form_focus.js" in html and "<script>" not in html  # the CSP allows no inline script


def test_sites_are_found_by_commune_name(app, login_as):
    company = login_as("company_a")
    response = company.post(
        "/projects/new",
        data={"title": "Sites", "description": PLAIN, "existing_site_communes": "Mulhouse ; Épinal (88160)"},
    )
    assert response.status_code == 302
    [project] = _stored(app, title="Sites")
    assert project.existing_site_communes == ["68224", "88160"]


def test_occupation_subform_messages_are_french(app):
    from web.forms.projects import ProjectForm

    with app.test_request_context():
        entry = ProjectForm(formdata=None).occupations[0].form
        assert entry.meta.get_translations(None).gettext("This field is required.") == "Ce champ est requis."
