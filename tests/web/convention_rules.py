"""Role x route rules of conventions, follow-up and steering, merged into the matrix of test_role_matrix."""

from __future__ import annotations

import io

from convention_support import JOBS, convention_form, tiny_pdf
from web_support import ROLES, login


def statuses(*codes: int) -> dict[str, int]:
    return dict(zip(ROLES, codes, strict=True))


ANY_SIGNED_IN = statuses(302, 200, 200, 200, 200)
CONVENTION_READ = statuses(302, 200, 404, 200, 200)  # company B asks for company A's convention
AGENCY = statuses(302, 403, 403, 200, 403)
# Posts carry an empty form: refused by validation (400), so the matrix never writes.
AGENCY_POST = statuses(302, 403, 403, 400, 403)
STEERING = statuses(302, 403, 403, 200, 200)

CONVENTION_RULES: dict[str, tuple[str, dict[str, int]]] = {
    "conventions.index": ("GET", ANY_SIGNED_IN),
    "conventions.new": ("GET", AGENCY),
    "conventions.show": ("GET", CONVENTION_READ),
    "conventions.amend_terms": ("GET", AGENCY),
    "conventions.show_version": ("GET", CONVENTION_READ),
    "follow_up.record_report": ("POST", statuses(302, 400, 404, 400, 403)),
    "follow_up.evidence": ("GET", CONVENTION_READ),
    "follow_up.record_review": ("POST", AGENCY_POST),
    "steering.view": ("GET", STEERING),
    "steering.export_csv": ("GET", STEERING),
    "api_conventions.list_conventions": ("GET", statuses(401, 200, 200, 200, 200)),
    "api_conventions.get_convention": ("GET", statuses(401, 200, 404, 200, 200)),
    "api_conventions.steering": ("GET", statuses(401, 403, 403, 200, 200)),
}
CONVENTION_SECOND_METHODS: dict[str, tuple[str, dict[str, int]]] = {
    "conventions.new": ("POST", AGENCY_POST),
    "conventions.amend_terms": ("POST", AGENCY_POST),
}
# Path arguments: the first convention, commitment, report and version of a fresh database.
CONVENTION_VALUES = {"convention_id": 1, "commitment_id": 1, "report_id": 1, "version": 1}


def add_convention(app, accounts, project_id: int) -> None:
    """The agency chooses company A's second-ranked basin and signs; company A reports with a PDF.

    The second basin, because the matrix itself shortlists the first one, which would undo a final site there.
    """
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        second = db.session.get(ProjectRecord, project_id).latest_run.basins[1].ze2020_code
    agency = login(app.test_client(), accounts["agency"])
    agency.post(f"/agency/projects/{project_id}/decisions", data={"ze2020_code": second, "kind": "final_site"})
    assert (
        agency.post(f"/conventions/new/{project_id}", data=convention_form([JOBS]))
        .headers["Location"]
        .endswith(f"/conventions/{CONVENTION_VALUES['convention_id']}")
    )
    company = login(app.test_client(), accounts["company_a"])
    report = {"value": "30", "reported_on": "2026-02-01", "evidence": (io.BytesIO(tiny_pdf()), "bilan.pdf")}
    assert (
        company.post(
            "/conventions/1/commitments/1/reports", data=report, content_type="multipart/form-data"
        ).status_code
        == 302
    )
