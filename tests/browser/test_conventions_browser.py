"""Real browser: an agency signs a convention with two commitments, the company reports with a PDF,
the agency holds a review and the steering view shows the basin's jobs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from convention_support import add_ranked_project, tiny_pdf
from test_workbench_browser import _login, _page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
EPINAL = "4407"


def _sign(agency, shots) -> None:
    agency.click("header nav >> text=Conventions")
    agency.click("ul.unsigned >> text=Enregistrer la convention")
    agency.select_option("select[name=support_type]", "subvention")
    agency.fill("input[name=amount_eur]", "1 000 000")
    agency.fill("input[name=funders]", "Région Grand Est, Banque des territoires")
    agency.fill("input[name=signed_on]", date.today().isoformat())
    agency.fill("input[name=clawback_pct]", "50")
    for n, (kind, baseline, target, due) in enumerate(
        (("jobs_created", "20", "80", "2030-12-31"), ("investment", "0", "5000000", "2030-06-30"))
    ):
        agency.select_option(f"select[name=commitments-{n}-kind]", kind)
        agency.fill(f"input[name=commitments-{n}-baseline]", baseline)
        agency.fill(f"input[name=commitments-{n}-target]", target)
        agency.fill(f"input[name=commitments-{n}-due_on]", due)
    shots(agency, "20-convention-form")
    agency.click("main form.convention button[type=submit]")
    agency.wait_for_selector("table.commitments")
    assert agency.locator("table.commitments tbody tr").count() == 2
    assert agency.locator("td.status.on_track").count() == 2
    shots(agency, "21-convention-signed")


def _report(company, shots) -> None:
    company.click("header nav >> text=Conventions")
    company.click("table.conventions a")
    form = company.locator("form.report").first
    form.locator("input[name=value]").fill("50")
    form.locator("input[name=reported_on]").fill((date.today() - timedelta(days=1)).isoformat())
    form.locator("textarea[name=comment]").fill("Registre du personnel au 30 juin")
    form.locator("input[name=evidence]").set_input_files(
        {"name": "registre.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}
    )
    form.locator("button").click()
    company.wait_for_selector(".flash")
    assert "enregistrée" in company.locator(".flash").inner_text()
    assert company.locator("table.reports a", has_text="registre.pdf").count() == 1
    shots(company, "22-company-reported")


def _review(agency, shots) -> None:
    agency.reload()
    form = agency.locator("form.review")
    form.locator("input[name=participants]").fill("Agence, Région, direction du site")
    form.locator("textarea[name=minutes]").fill("Recrutements en cours : 30 CDI signés sur 60.")
    form.locator("select[name=outcome]").select_option("maintain")
    form.locator("button").click()
    agency.wait_for_selector("table.reviews")
    assert "maintien" in agency.inner_text("table.reviews")
    shots(agency, "23-review-held")


def test_agency_signs_company_reports_agency_reviews_and_steering_shows_the_jobs(browser, server, shots):
    base_url, app, accounts = server
    add_ranked_project(
        app,
        accounts["company_a"],
        accounts["agency"],
        ranked=(EPINAL, "4412"),
        final=EPINAL,
        title="Usine de panneaux de bois",
    )
    agency = _page(browser, base_url)
    _login(agency, accounts["agency"].email)
    _sign(agency, shots)

    company = _page(browser, base_url)
    _login(company, accounts["company_a"].email)
    _report(company, shots)
    _review(agency, shots)

    agency.click("header nav >> text=Conventions")
    agency.click("text=Pilotage régional par bassin et type de territoire")
    agency.wait_for_selector("#basin-map[data-ready=true]")
    row = agency.locator(f"table.steering tr[data-key='{EPINAL}']")
    assert row.locator("td.jobs-committed").inner_text() == "60"  # 20 -> 80
    assert row.locator("td.jobs-realised").inner_text() == "30"  # 50 reported
    assert row.locator("td.per-1000").inner_text() == "0,33"  # 60 / 184 570 inhabitants x 1 000
    shapes = agency.locator("#basin-map path.leaflet-interactive")
    assert shapes.count() == 27
    fills = [shapes.nth(i).get_attribute("fill") for i in range(shapes.count())]
    assert len(set(fills)) == 2  # Épinal coloured, every other basin at the pale end of the scale
    shots(agency, "24-steering")
    assert not company.errors and not agency.errors, company.errors + agency.errors
