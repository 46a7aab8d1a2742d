"""The steering page, its CSV and GET /api/v1/steering against figures computed by hand on a small fixture."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from convention_support import add_ranked_project, convention_form, tiny_pdf
from web_support import add_accounts, login, make_app

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
EPINAL, NANCY, STRASBOURG, BAR = "4407", "4412", "4423", "4401"
FAR = "2030-12-31"


@pytest.fixture
def steering(database_url):
    """P1 (recent): ranked Épinal and Nancy, shortlisted in both, final Épinal, convention of 1 000 000 €:
    60 jobs created (20 -> 80), 10 kept, 5 M€ invested; reported 50, 10 and 2 M€.
    P2 (400 days old): ranked Nancy and Strasbourg, final Nancy, a 300 000 € loan for 30 jobs, nothing reported."""
    with time_machine.travel(NOW, tick=False):
        app = make_app(database_url)
        accounts = add_accounts(app)
        a, b, agency = accounts["company_a"], accounts["company_b"], accounts["agency"]
        p1 = add_ranked_project(
            app,
            a,
            agency,
            ranked=(EPINAL, NANCY),
            shortlisted=(EPINAL, NANCY),
            final=EPINAL,
            at=NOW - timedelta(days=30),
        )
        p2 = add_ranked_project(app, b, agency, ranked=(NANCY, STRASBOURG), final=NANCY, at=NOW - timedelta(days=400))
        client = login(app.test_client(), agency)
        rows = [
            {"kind": "jobs_created", "baseline": "20", "target": "80", "due_on": FAR},
            {"kind": "jobs_kept", "baseline": "10", "target": "10", "due_on": FAR},
            {"kind": "investment", "baseline": "0", "target": "5 000 000", "due_on": FAR},
        ]
        assert client.post(f"/conventions/new/{p1}", data=convention_form(rows)).status_code == 302
        loan = convention_form(
            [{"kind": "jobs_created", "baseline": "0", "target": "30", "due_on": FAR}],
            support_type="pret",
            amount_eur="300000",
        )
        assert client.post(f"/conventions/new/{p2}", data=loan).status_code == 302
        company = login(app.test_client(), a)
        for commitment, value in ((1, "50"), (2, "10"), (3, "2 000 000")):
            data = {"value": value, "reported_on": "2026-11-01", "evidence": (io.BytesIO(tiny_pdf()), "bilan.pdf")}
            response = company.post(
                f"/conventions/1/commitments/{commitment}/reports", data=data, content_type="multipart/form-data"
            )
            assert response.status_code == 302
        yield app, accounts
    from web.extensions import db

    with app.app_context():
        db.engine.dispose()


def api(app, accounts, role="agency"):
    with time_machine.travel(NOW, tick=False):
        return app.test_client().get("/api/v1/steering", headers={"Authorization": f"Bearer {accounts[role].token}"})


def test_basin_figures_match_the_hand_computed_ones(steering):
    body = api(*steering).json
    basins = {row["key"]: row for row in body["basins"]}
    assert body["on"] == "2026-12-01" and len(basins) == 27
    epinal, nancy = basins[EPINAL], basins[NANCY]
    assert (epinal["projects_submitted"], epinal["projects_shortlisted"], epinal["projects_final"]) == (1, 1, 1)
    assert (epinal["jobs_committed"], epinal["jobs_realised"]) == (70, 40)  # 60 + 10 ; 30 + 10
    assert (epinal["investment_committed"], epinal["investment_realised"]) == (5_000_000, 2_000_000)
    assert epinal["support_eur"] == 1_000_000 and epinal["support_per_job"] == pytest.approx(14_285.714, abs=1e-3)
    assert epinal["jobs_per_1000"] == pytest.approx(0.379260, abs=1e-6)  # 70 / 184 570 x 1 000
    # P1 shortlisted Nancy, P2 chose it: a final site counts as shortlisted too
    assert (nancy["projects_submitted"], nancy["projects_shortlisted"], nancy["projects_final"]) == (2, 2, 1)
    assert (nancy["jobs_committed"], nancy["jobs_realised"], nancy["support_per_job"]) == (30, 0, 10_000)
    assert nancy["jobs_per_1000"] == pytest.approx(0.053883, abs=1e-6)  # 30 / 556 765 x 1 000
    # Strasbourg was only ranked 400 days ago; Bar-le-Duc never: both flagged; Nancy was ranked last month.
    assert basins[STRASBOURG]["no_recent_project"] and basins[BAR]["no_recent_project"]
    assert not nancy["no_recent_project"] and not epinal["no_recent_project"]


def test_kinds_of_territory_count_each_project_once_per_class(steering):
    kinds = api(*steering).json["kinds"]
    density = {row["key"]: row for row in kinds["density"]}
    # Épinal is rural (57 hab./km²); Nancy and Strasbourg urban.
    assert (density["rural"]["projects_submitted"], density["rural"]["jobs_committed"]) == (1, 70)
    assert (density["urbain"]["projects_submitted"], density["urbain"]["projects_final"]) == (2, 1)
    assert (density["urbain"]["jobs_committed"], density["urbain"]["support_eur"]) == (30, 300_000)
    assert (density["rural"]["basins"], density["urbain"]["basins"]) == (15, 12)
    unemployment = {row["key"]: row for row in kinds["unemployment"]}
    above = unemployment["chômage au-dessus de la moyenne régionale"]  # Épinal 7,7 % > 7,42 %
    below = unemployment["chômage égal ou inférieur à la moyenne régionale"]  # Nancy 7,1 %, Strasbourg 7,4 %
    assert (above["jobs_committed"], below["jobs_committed"], below["projects_submitted"]) == (70, 30, 2)
    population = {row["key"]: row for row in kinds["population"]}
    assert population["200 000 habitants ou plus"]["jobs_committed"] == 30
    assert population["100 000 à 199 999 habitants"]["jobs_committed"] == 70
    assert population["moins de 100 000 habitants"]["projects_submitted"] == 0


def test_the_api_answers_the_documented_shape(steering):
    app, accounts = steering
    schemas = app.test_client().get("/api/v1/openapi.json").json["components"]["schemas"]
    body = api(app, accounts).json
    assert set(schemas["Steering"]["required"]) == set(body)
    row_keys = set(schemas["SteeringRow"]["properties"])
    assert set(schemas["SteeringRow"]["required"]) == row_keys
    for row in body["basins"] + [r for rows in body["kinds"].values() for r in rows]:
        assert set(row) == row_keys
    assert set(body["kinds"]) == set(schemas["Steering"]["properties"]["kinds"]["required"])
    assert api(app, accounts, "company_a").status_code == 403


def test_the_csv_carries_the_same_figures(steering):
    app, accounts = steering
    with time_machine.travel(NOW, tick=False):
        response = login(app.test_client(), accounts["admin"]).get("/steering/export.csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    basin = {r["key"]: r for r in rows if r["level"] == "basin"}
    assert float(basin[EPINAL]["jobs_committed"]) == 70 and float(basin[EPINAL]["jobs_realised"]) == 40
    assert float(basin[NANCY]["support_eur"]) == 300_000
    assert len(basin) == 27 and {r["kind"] for r in rows if r["level"] == "territory_kind"} == {
        "population",
        "unemployment",
        "density",
    }


def test_the_page_shows_the_figures_and_the_map_data(steering):
    app, accounts = steering
    with time_machine.travel(NOW, tick=False):
        page = login(app.test_client(), accounts["agency"]).get("/steering").get_data(as_text=True)
    row = re.search(rf'<tr data-key="{EPINAL}".*?</tr>', page, re.S).group(0)
    assert '<td class="jobs-committed">70</td>' in row and '<td class="per-1000">0,38</td>' in row
    assert "1\u202f000\u202f000 €" in row
    assert re.search(rf'<li data-code="{EPINAL}" data-score="0\.379', page)
    flagged = re.search(rf'<tr data-key="{STRASBOURG}"[^>]*>', page).group(0)
    assert 'class="no-recent"' in flagged
