"""Forms of conventions, reports and reviews (CSRF by Flask-WTF), and their parsing with French messages."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf.file import FileField
from wtforms import FieldList, Form, FormField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # types-WTForms 3.2 predates it
from wtforms.validators import Length

from matcher.project.commitments import KINDS, SUPPORT_TYPES
from web.forms.french import FrenchForm
from web.records.convention_tables import OUTCOMES

MAX_TEXT = 4000
BLANK_ROWS = 2
DATE = {"type": "date"}


class InputProblem(ValueError):
    """Field -> French message, for a 400 that names every faulty field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k} : {v}" for k, v in problems.items()))
        self.problems = problems


def number(text: str | None, label: str, problems: dict[str, str], minimum: float | None = None) -> float:
    """A French-formatted number ("1 200,5"); records a problem and returns 0 when it is not one."""
    cleaned = (text or "").replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        problems[label] = "un nombre est attendu"
        return 0.0
    if value != value or value in (float("inf"), float("-inf")) or (minimum is not None and value < minimum):
        problems[label] = (
            f"un nombre supérieur ou égal à {minimum:g} est attendu"
            if minimum is not None
            else "un nombre fini est attendu"
        )
    return value


def day(text: str | None, label: str, problems: dict[str, str]) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        problems[label] = "une date (AAAA-MM-JJ) est attendue"
        return date.min


class CommitmentRow(Form):
    kind = SelectField(
        "Engagement", default="", choices=[SelectChoice("", "—")] + [SelectChoice(k, v.label) for k, v in KINDS.items()]
    )
    label = StringField("Intitulé (engagement libre)", validators=[Length(max=200)])
    unit = StringField("Unité", validators=[Length(max=40)])
    baseline = StringField("Valeur de départ")
    target = StringField("Cible")
    due_on = StringField("Échéance", render_kw=DATE)


class ConventionForm(FrenchForm):
    support_type = SelectField("Type de soutien", choices=[SelectChoice(k, v) for k, v in SUPPORT_TYPES.items()])
    amount_eur = StringField("Montant (€)")
    funders = StringField("Financeurs", validators=[Length(max=500)])
    signed_on = StringField("Date de signature", render_kw=DATE)
    clawback_pct = StringField("Reversement en cas d'engagement manqué (% de l'aide)")
    commitments = FieldList(FormField(CommitmentRow), min_entries=2 + BLANK_ROWS)
    reason = TextAreaField("Motif de l'avenant", validators=[Length(max=MAX_TEXT)])

    def terms(self) -> dict[str, Any]:
        """The validated terms; InputProblem names each faulty field."""
        problems: dict[str, str] = {}
        terms = {
            "support_type": self.support_type.data,
            "funders": (self.funders.data or "").strip(),
            "amount_eur": number(self.amount_eur.data, "Montant", problems, minimum=0),
            "signed_on": day(self.signed_on.data, "Date de signature", problems),
            "clawback_pct": number(self.clawback_pct.data, "Reversement", problems, minimum=0),
        }
        if terms["clawback_pct"] > 100:
            problems["Reversement"] = "un pourcentage entre 0 et 100 est attendu"
        terms["commitments"] = [
            _commitment(row.form, i + 1, problems) for i, row in enumerate(self.commitments) if row.form.kind.data
        ]
        if not terms["commitments"]:
            problems["Engagements"] = "au moins un engagement chiffré est attendu"
        if problems:
            raise InputProblem(problems)
        return terms


def _commitment(row: CommitmentRow, n: int, problems: dict[str, str]) -> dict[str, Any]:
    kind = row.kind.data
    label = (row.label.data or "").strip()
    if kind == "free" and not label:
        problems[f"Engagement {n}"] = "un engagement libre a besoin d'un intitulé"
    return {
        "kind": kind,
        "label": label,
        "unit": (row.unit.data or "").strip() or KINDS[kind].unit,
        "baseline": number(row.baseline.data, f"Engagement {n}, valeur de départ", problems),
        "target": number(row.target.data, f"Engagement {n}, cible", problems),
        "due_on": day(row.due_on.data, f"Engagement {n}, échéance", problems),
    }


class ReportForm(FrenchForm):
    value = StringField("Valeur réalisée")
    reported_on = StringField("À la date du", render_kw=DATE)
    comment = TextAreaField("Commentaire", validators=[Length(max=MAX_TEXT)], render_kw={"rows": 2})
    evidence = FileField("Justificatif (PDF)", render_kw={"accept": "application/pdf"})

    def reading(self) -> tuple[float, date]:
        problems: dict[str, str] = {}
        value = number(self.value.data, "Valeur réalisée", problems)
        on = day(self.reported_on.data, "Date", problems)
        if problems:
            raise InputProblem(problems)
        return value, on


class ReviewForm(FrenchForm):
    held_on = StringField("Date de la réunion", render_kw=DATE)
    participants = StringField("Participants", validators=[Length(max=1000)])
    minutes = TextAreaField("Compte rendu", validators=[Length(max=MAX_TEXT)], render_kw={"rows": 4})
    outcome = SelectField("Décision", choices=[SelectChoice(k, v) for k, v in OUTCOMES.items()])
    reason = TextAreaField("Motif (avenant ou reversement)", validators=[Length(max=MAX_TEXT)], render_kw={"rows": 2})

    def meeting(self) -> dict[str, Any]:
        problems: dict[str, str] = {}
        held_on = day(self.held_on.data, "Date de la réunion", problems)
        if not (self.participants.data or "").strip():
            problems["Participants"] = "indiquez qui a participé"
        if self.outcome.data in ("amend", "clawback") and not (self.reason.data or "").strip():
            problems["Motif"] = "un avenant ou un reversement doit être motivé"
        if problems:
            raise InputProblem(problems)
        return {
            "held_on": held_on,
            "participants": (self.participants.data or "").strip(),
            "minutes": (self.minutes.data or "").strip(),
            "outcome": self.outcome.data,
            "reason": (self.reason.data or "").strip(),
        }
