"""Real browser: a project typed with "8,5" and with values proposed from its text.

A decision saved and shown in place.
"""

from __future__ import annotations

import pytest

from test_workbench_browser import _login, _page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEXT = (
    "Nous voulons construire une usine de menuiseries en bois : 120 emplois, accès autoroutier, eau. "
    "Ligne de production automatisée et stockage couvert."
)


def test_french_numbers_and_proposals_then_a_decision_saved_in_place(browser, server, shots):
    base_url, _, accounts = server
    company = _page(browser, base_url)
    _login(company, accounts["company_a"].email)
    company.goto("/projects/new")
    company.fill("input[name=title]", "Menuiseries bois")
    company.fill("textarea[name=description]", TEXT)
    company.fill("input[name=land_ha]", "8,5")
    company.click("main button[type=submit]")
    company.wait_for_selector("#proposals")
    assert company.evaluate("document.activeElement.id") == "proposals"  # focus moved to the notice
    assert company.input_value("input[name=jobs]") == "120" and company.input_value("input[name=land_ha]") == "8,5"
    assert company.is_checked("input[name=needs][value=motorway]")
    assert company.is_checked("input[name=needs][value=high_water]")
    shots(company, "intake-01-proposals")
    company.click("main button[type=submit]")
    company.wait_for_selector("ol.basins li")
    project_id = company.url.rstrip("/").rsplit("/", 1)[-1]

    agency = _page(browser, base_url)
    _login(agency, accounts["agency"].email)
    agency.goto(f"/agency/projects/{project_id}")
    section = agency.locator("section.basin").first
    assert section.locator("input[type=radio]:checked").count() == 0
    section.locator("input[type=radio][value=accept]").check()
    section.locator("textarea").fill("Foncier disponible, à visiter")
    section.locator("form.decision button").click()
    agency.wait_for_selector(".decision-saved")
    section = agency.locator("section.basin").first
    assert "#basin-" in agency.url
    assert section.locator("input[type=radio][value=accept]").is_checked()
    assert "Décision enregistrée : retenu" in section.inner_text()
    section.scroll_into_view_if_needed()
    shots(agency, "intake-02-decision-in-place")
    assert not company.errors and not agency.errors, company.errors + agency.errors
