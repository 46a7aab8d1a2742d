"""A company's results in Chromium: a band per basin, its needs checked one by one, the CV one click away."""

from __future__ import annotations

import pytest

from test_workbench_browser import _login, _page
from web_support import add_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FOUNDRY = (
    "Fonderie d'aluminium sous pression et usinage de carters pour l'automobile : fours électriques à "
    "induction, 120 emplois, 8 ha, embranchement ferroviaire souhaité"
)
BANDS = {"Très adapté", "Adapté", "Possible", "Peu adapté"}


def test_a_company_reads_bands_and_its_needs_checklist(browser, server, shots):
    base_url, app, accounts = server
    project = add_project(
        app,
        accounts["company_a"],
        FOUNDRY,
        title="Fonderie sous pression",
        jobs=120,
        land_ha=8.5,
        power_mw=40,
        needs=["rail", "motorway", "high_water"],
    )
    page = _page(browser, base_url)
    _login(page, accounts["company_a"].email)
    page.goto(f"/projects/{project}")
    basins = page.locator("ol.basins > li")
    assert basins.count() == app.config["MATCH_TOP"]
    bands = [basins.nth(i).locator(".verdict .band").inner_text().strip() for i in range(basins.count())]
    assert set(bands) <= BANDS and len(set(bands)) >= 2
    first = basins.first
    checklist = first.locator("ul.checklist > li")
    topics = " ".join(checklist.all_inner_texts())
    for topic in ("Main-d'œuvre", "Foncier", "Énergie électrique", "Accès ferroviaire (fret)", "Accès autoroutier"):
        assert topic in topics
    assert first.locator("ul.checklist .check-met .mark").first.inner_text() == "✓"
    assert first.locator("ul.reasons li").count() >= 1
    text = page.inner_text("main")
    assert "Score" not in text and "8,5 ha" in text and "Détails techniques" not in text
    shots(page, "30-company-results-bands-checklist")

    from axe_playwright_python.sync_playwright import Axe  # axe-core shipped in the wheel, never fetched

    violations = Axe().run(page).response["violations"]
    assert violations == [], [v["id"] for v in violations]

    code = first.get_attribute("id").removeprefix("basin-")
    first.locator(".verdict a").click()
    page.wait_for_selector("h2#chiffres")
    assert page.url.endswith(f"/basins/{code}")
    assert not page.errors, page.errors


def test_the_basin_search_works_without_javascript(browser, server, shots):
    base_url, _, accounts = server
    context = browser.new_context(base_url=base_url, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    _login(page, accounts["admin"].email)
    page.goto("/basins")
    page.fill("#basin-q", "epinal")
    page.click("form.basin-search button")
    page.wait_for_load_state()
    assert page.locator("table tbody tr").count() == 1 and "Épinal" in page.inner_text("table")
    shots(page, "31-basin-search")
    context.close()
