"""Helpers for the convention tests: projects with a final site without the matcher, forms, PDFs."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from web_support import Account

AMOUNT = "1 000 000"


def tiny_pdf(padding: int = 0) -> bytes:
    """A real one-page PDF (pypdf), optionally padded with a comment to reach a size."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    return data if not padding else data + b"%" + b"x" * padding + b"\n%%EOF\n"


def add_ranked_project(
    app,
    company: Account,
    agency: Account,
    ranked: tuple[str, ...],
    final: str | None = None,
    shortlisted: tuple[str, ...] = (),
    at: datetime | None = None,
    title: str = "Usine",
) -> int:
    """A project whose stored match ranked `ranked`, with agency decisions; no matcher needed."""
    from web.extensions import db
    from web.records.core import Decision, MatchedBasin, MatchRun, ProjectRecord, User

    at = at or datetime.now(UTC)
    with app.app_context():
        user = db.session.get(User, company.user_id)
        project = ProjectRecord(
            organisation_id=user.organisation_id,
            created_by_id=user.id,
            title=title,
            description="Une usine de panneaux de bois, 80 emplois.",
            created_at=at,
        )
        run = MatchRun(
            project=project, model_version="test", ranked_by="prior", index_version="test", scope="ge", created_at=at
        )
        run.basins = [
            MatchedBasin(
                rank=i + 1,
                ze2020_code=code,
                name=code,
                score=1.0 - i / 10,
                fit=0.5,
                policy_adjustment=0.0,
                explanation={},
            )
            for i, code in enumerate(ranked)
        ]
        db.session.add_all([project, run])
        db.session.flush()
        for code, kind in [(c, "shortlist") for c in shortlisted] + ([(final, "final_site")] if final else []):
            db.session.add(
                Decision(
                    project=project, run_id=run.id, ze2020_code=code, kind=kind, user_id=agency.user_id, created_at=at
                )
            )
        db.session.commit()
        return project.id


def convention_form(commitments: list[dict], **terms) -> dict[str, str]:
    """The posted fields of the convention form: terms, then rows commitments-N-field."""
    data = {
        "support_type": "subvention",
        "amount_eur": AMOUNT,
        "funders": "Région Grand Est",
        "signed_on": "2026-01-10",
        "clawback_pct": "50",
        **terms,
    }
    for n, row in enumerate(commitments):
        data.update({f"commitments-{n}-{name}": str(value) for name, value in row.items()})
    return data


JOBS = {"kind": "jobs_created", "baseline": "20", "target": "100", "due_on": "2027-12-31"}
INVESTMENT = {"kind": "investment", "baseline": "0", "target": "5 000 000", "due_on": "2027-06-30"}
