"""Real-browser walks through the workbench: submit, review, compare, map, decide, dossier, edit a CV."""

from __future__ import annotations

import pytest

from web_support import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NEW_FACT = "Un atelier mutualisé de découpe laser du bois ouvre en 2026 à Golbey (agence, test navigateur)."


def _page(browser, base_url: str):
    """A fresh browser context (own cookies) whose console errors and CSP violations are collected."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.errors = []
    page.on("console", lambda m: _console(page, m))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def _console(page, message) -> None:
    where = message.location.get("url", "")
    if message.type == "error" and not where.endswith("/favicon.ico"):  # the app has no icon: a harmless 404
        page.errors.append(f"{message.text} ({where})")


def _login(page, email: str) -> None:
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _submit_project(page, shots) -> str:
    page.goto("/projects/new")
    page.fill("input[name=title]", "Usine de panneaux de bois")
    page.fill(
        "textarea[name=description]",
        "Nous voulons construire une usine de panneaux de particules en bois, "
        "80 emplois, besoin d'un accès ferroviaire et d'une ressource forestière proche.",
    )
    page.fill("input[name=jobs]", "80")
    page.fill("input[name=land_ha]", "15")
    page.fill("#commune-search", "Épinal")  # the commune search offers names; choosing one adds it to the sites
    page.wait_for_selector("#commune-options option[value='Épinal (88160)']", state="attached")
    page.fill("#commune-search", "Épinal (88160)")
    assert page.input_value("textarea[name=existing_site_communes]") == "Épinal (88160)"
    page.check("input[name=needs][value=rail]")
    page.click("main button[type=submit]")
    page.wait_for_selector("ol.basins li")
    assert page.locator("ol.basins li").count() >= 5
    shots(page, "01-company-project-ranked")
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def test_company_submits_and_agency_compares_maps_decides_and_opens_the_dossier(browser, server, shots):
    base_url, _, accounts = server
    company = _page(browser, base_url)
    _login(company, accounts["company_a"].email)
    project_id = _submit_project(company, shots)

    agency = _page(browser, base_url)
    _login(agency, accounts["agency"].email)
    agency.click(f"a[href='/agency/projects/{project_id}']")
    agency.wait_for_selector("table.side-by-side")
    shots(agency, "02-agency-project")

    agency.click("text=Comparer des bassins")
    agency.wait_for_selector("table.comparison")
    columns = agency.locator("table.comparison thead th")
    assert columns.count() == 3  # the indicator column and two basins
    for row in (
        "Population (2021)",
        "Emplois au lieu de travail",
        "Taux de chômage localisé",
        "Distance au site actuel",
        "Meilleurs passages du CV",
    ):
        assert agency.locator("table.comparison tbody th", has_text=row).count() == 1
    shots(agency, "03-comparison")

    agency.go_back()
    agency.click("text=Carte des bassins")
    agency.wait_for_selector(".svg-map a.basin-shape")
    shapes = agency.locator(".svg-map a.basin-shape path")
    assert shapes.count() == agency.locator("#ranked-basins tbody tr").count() == 27
    fills = {shapes.nth(i).get_attribute("fill") for i in range(shapes.count())}
    assert len(fills) == 5  # one colour per score class of the legend
    assert agency.locator(".svg-map .legend li").count() >= 6  # 5 classes with their values, and "pas de score"
    shots(agency, "04-map")
    code = agency.locator("#ranked-basins tbody tr").first.get_attribute("data-code")
    shape = agency.locator(f".svg-map a.basin-shape[data-code='{code}']")
    shape.focus()  # keyboard: the focused basin is described, Enter opens its CV
    assert "rang 1 sur 27" in agency.inner_text("#map-details")
    shots(agency, "04b-map-basin-focused")
    agency.keyboard.press("Enter")
    agency.wait_for_selector("h2#chiffres")
    assert agency.url.endswith(f"/basins/{code}")

    agency.goto(f"/agency/projects/{project_id}")
    decision = agency.locator("form.decision").first
    decision.locator("input[type=radio][value=shortlist]").check()
    decision.locator("textarea").fill("Site à visiter en priorité")
    decision.locator("button").click()
    agency.wait_for_selector(".flash")
    assert "enregistrée" in agency.locator(".flash").inner_text()
    shots(agency, "05-decision-recorded")

    agency.click("text=Dossier du projet")
    agency.wait_for_selector("article.dossier")
    assert "Site à visiter en priorité" in agency.inner_text("article.dossier")
    assert agency.locator("article.dossier table.comparison").count() == 1
    shots(agency, "06-dossier")
    pdf = agency.request.get(f"/agency/projects/{project_id}/dossier.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF") and len(pdf.body()) > 10_000
    assert not company.errors and not agency.errors, company.errors + agency.errors


def test_agency_edits_a_cv_section_and_sees_the_version_with_its_diff(browser, server, shots):
    base_url, _, accounts = server
    agency = _page(browser, base_url)
    _login(agency, accounts["agency"].email)
    agency.goto("/basins")
    agency.click("text=Épinal")
    agency.wait_for_selector("h2#chiffres")
    assert agency.locator("table.figures tbody tr").count() > 20
    shots(agency, "07-cv-page")

    agency.click("#section-industrial_fabric a.button")
    facts = agency.locator("textarea[name=facts]")
    facts.fill(facts.input_value() + "\n" + NEW_FACT)
    agency.fill("input[name=note]", "Nouvel atelier signalé par la commune")
    agency.click("main button[type=submit]")
    agency.wait_for_selector("section.version")
    assert NEW_FACT in agency.locator("pre.diff .add").first.inner_text()
    assert "agency@example.fr" in agency.inner_text("section.version")
    shots(agency, "08-cv-history-diff")

    agency.goto("/basins/4407")
    assert NEW_FACT in agency.inner_text("#section-industrial_fabric")
    assert not agency.errors, agency.errors
