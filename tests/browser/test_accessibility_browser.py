"""axe-core on the main pages, phones at 390 px (no sideways scroll, logout reachable), map and dossier shots."""

from __future__ import annotations

import pytest

from axe_support import violations
from web_support import PASSWORD, WOOD, add_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}
FIELDS = {"land_ha": 15, "needs": ["rail"], "title": "Panneaux bois"}


@pytest.fixture(scope="module")
def project(server):
    _, app, accounts = server
    return add_project(app, accounts["company_a"], WOOD, **FIELDS)


def _signed_in(browser, base_url: str, email: str | None, viewport=None):
    context = browser.new_context(
        base_url=base_url, viewport=viewport or {"width": 1280, "height": 900}, locale="fr-FR"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    if email:
        page.goto("/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
    return page


def _compare_path(project: int) -> str:
    return f"/agency/projects/{project}/compare"


def test_axe_core_finds_no_violation_on_the_main_pages(browser, server, project, shots):
    base_url, _, accounts = server
    pages = {
        None: ["/login"],
        accounts["company_a"].email: ["/projects", "/projects/new", f"/projects/{project}"],
        accounts["agency"].email: [
            "/agency",
            f"/agency/projects/{project}",
            _compare_path(project),
            f"/agency/projects/{project}/map",
            "/basins",
            "/basins/4407",
            "/conventions",
            f"/agency/projects/{project}/dossier",
        ],
    }
    found = {}
    for email, paths in pages.items():
        page = _signed_in(browser, base_url, email)
        for path in paths:
            response = page.goto(path)
            assert response.ok, (path, response.status)
            problems = violations(page)
            if problems:
                found[path] = problems
        page.context.close()
    assert sum(len(p) for p in pages.values()) >= 10
    assert not found, found


@pytest.mark.parametrize(
    "who, path",
    [
        ("company_a", "/projects/{project}"),
        ("company_a", "/basins/4407"),
        ("agency", "/agency/projects/{project}"),
        ("agency", "/agency/projects/{project}/compare"),
    ],
)
def test_a_390_px_phone_never_scrolls_sideways_and_reaches_logout(browser, server, project, shots, who, path):
    base_url, _, accounts = server
    page = _signed_in(browser, base_url, accounts[who].email, PHONE)
    page.goto(path.format(project=project))
    page.wait_for_load_state()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    logout = page.locator("header button", has_text="Se déconnecter")
    assert not logout.is_visible()  # folded behind the menu button
    page.click("header .menu-toggle")
    assert logout.is_visible() and page.get_attribute("header .menu-toggle", "aria-expanded") == "true"
    if who == "agency":
        assert page.locator("header nav a", has_text="Bassins d'emploi").is_visible()
    name = path.strip("/").replace("/", "-").replace("{project}", "p")
    shots(page, f"30-phone-{who}-{name}")
    logout.click()
    page.wait_for_url("**/login**")
    page.context.close()


def test_the_map_legend_and_the_dossier_pdf_first_page_are_captured(browser, server, project, shots):
    import pypdfium2

    base_url, _, accounts = server
    page = _signed_in(browser, base_url, accounts["agency"].email)
    page.goto(f"/agency/projects/{project}/map")
    assert page.locator(".svg-map .legend li").count() >= 6
    assert page.locator(".svg-map .towns text", has_text="Strasbourg").count() == 1
    shots(page, "31-map-with-legend")
    page.goto(f"/agency/projects/{project}/dossier")
    codes = [page.locator("form.compare-choice input[type=checkbox]").nth(i).get_attribute("value") for i in (3, 5)]
    page.goto(f"/agency/projects/{project}/dossier?codes={codes[0]}&codes={codes[1]}")
    assert page.locator("ul.chosen-basins li").count() == 2
    folder = shots(page, "32-dossier-html").parent
    pdf = page.request.get(f"/agency/projects/{project}/dossier.pdf?codes={codes[0]}&codes={codes[1]}")
    assert pdf.ok
    document = pypdfium2.PdfDocument(pdf.body())
    text = document[0].get_textpage().get_text_range()
    assert f"page 1 sur {len(document)}" in " ".join(text.split())
    document[0].render(scale=1.5).to_pil().save(folder / "33-dossier-pdf-page-1.png")
    page.context.close()
