"""Agency exports read back: the CSV as French Excel opens it, the XLSX through openpyxl."""

from __future__ import annotations

import io
import re
from datetime import datetime

from openpyxl import load_workbook

from export_support import read_csv_export
from web.export import COLUMNS
from web_support import add_project


def _decide(agency, project: int, code: str, kind: str, comment: str = "") -> None:
    response = agency.post(
        f"/agency/projects/{project}/decisions", data={"ze2020_code": code, "kind": kind, "comment": comment}
    )
    assert response.status_code == 302


def _codes(agency, project: int) -> list[str]:
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    return re.findall(r'<section class="basin" id="basin-(\d{4})">', page)


def test_the_csv_has_a_bom_semicolons_french_headers_and_decimal_commas(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    agency = login_as("agency")
    codes = _codes(agency, project)
    _decide(agency, project, codes[0], "accept", "foncier; à voir")
    response = agency.get(f"/agency/projects/{project}/export.csv")
    assert response.mimetype == "text/csv" and response.mimetype_params.get("charset") == "utf-8"
    rows = read_csv_export(response)
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["Décision"] == "retenu" and rows[0]["Commentaire"] == "foncier; à voir"  # quoted, not split
    assert re.fullmatch(r"-?\d+,\d{4}", rows[0]["Score"])
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", rows[0]["Date de la décision (UTC)"])
    assert f"/agency/projects/{project}/export.csv" in agency.get(f"/agency/projects/{project}").get_data(as_text=True)


def test_the_xlsx_is_a_real_workbook_with_numbers_dates_and_defused_formulas(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    agency = login_as("agency")
    codes = _codes(agency, project)
    _decide(agency, project, codes[1], "shortlist", '=HYPERLINK("http://x")')
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    assert f"/agency/projects/{project}/export.xlsx" in page
    response = agency.get(f"/agency/projects/{project}/export.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    by_code = {row[COLUMNS.index("Code du bassin (ZE2020)")]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert len(by_code) == app.config["MATCH_TOP"]
    decided = by_code[codes[1]]
    assert decided["Décision"] == "présélection"
    assert decided["Commentaire"] == "'=HYPERLINK(\"http://x\")"  # shown as text, never run
    assert isinstance(decided["Score"], float) and isinstance(decided["Rang"], int)
    assert isinstance(decided["Date de la décision (UTC)"], datetime)
    assert by_code[codes[0]]["Décision"] is None
