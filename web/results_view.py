"""What a ranked basin says to its reader: a band, the company's needs checked, plain reasons, the policy in a sentence.

Built from a stored MatchedBasin (its explanation JSON), so runs stored before a field existed still
render: a run without a checklist falls back to the met and unmet needs it kept. Numbers shown in
pages go through the French filters registered here (babel), never through '%.3f'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal
from flask import Flask

from matcher.cv.document import SECTION_TITLES
from matcher.cv.skills_power_sections import POWER_TITLE, RECRUITMENT_TITLE
from matcher.project.need_vocabulary import NEEDS
from matcher.scoring.explanations import Reason, fit_band, reasons
from matcher.scoring.policy import policy_sentence
from web.map_legend import french_decimal

LOCALE = "fr_FR"
MARKS = {"met": "✓", "unmet": "✗", "check": "?"}
SCOPE_LABELS = {"ge": "Grand Est", "france": "toute la France"}
PASSAGE_SECTIONS = {**SECTION_TITLES, "recruitment": RECRUITMENT_TITLE, "power_grid": POWER_TITLE}


@dataclass(frozen=True)
class ChecklistItem:
    topic: str
    status: str  # "met", "unmet" or "check"
    status_label: str
    detail: str
    fact: str | None

    @property
    def mark(self) -> str:
        return MARKS[self.status]


@dataclass(frozen=True)
class ReasonView:
    text: str
    detail: str | None  # the fact or figure behind it, when one is at hand


@dataclass(frozen=True)
class BasinView:
    band_key: str
    band: str
    checklist: list[ChecklistItem]
    strengths: list[ReasonView]
    weaknesses: list[ReasonView]
    policy: str | None


def fr_number(value: float | int | None, digits: int = 1) -> str:
    """8,5 ; 1 200 ; 8 (not 8,0): French grouping and decimal comma, at most `digits` decimals."""
    if value is None:
        return "—"
    return format_decimal(value, format=("#,##0." + "#" * digits) if digits else "#,##0", locale=LOCALE)


def fr_signed(value: float | None, digits: int = 3) -> str:
    """+0,192 / −1,181: a signed figure with fixed decimals, for the agencies' technical details."""
    return "—" if value is None else french_decimal(value, digits, signed=True)


def _checklist(explanation: dict[str, Any]) -> list[ChecklistItem]:
    if "checklist" in explanation:
        return [
            ChecklistItem(c["topic"], c["status"], c["status_label"], c["detail"], c.get("fact"))
            for c in explanation["checklist"]
        ]
    met = [ChecklistItem(label, "met", "satisfait", "", None) for label in explanation.get("met_needs", [])]
    return met + [
        ChecklistItem(label, "unmet", "non couvert par le CV", "", None) for label in explanation.get("unmet_needs", [])
    ]


def _detail(reason: Reason, explanation: dict[str, Any], checklist: list[ChecklistItem]) -> str | None:
    """The fact behind a reason: the CV passage that matched, the sector's jobs, the checked needs."""
    values = {c["feature"]: c.get("value") for c in explanation.get("contributions", [])}
    passages = explanation.get("passages") or []
    if reason.theme == "activity" and reason.weight > 0 and passages:
        return f"« {passages[0]['text']} »"
    if reason.theme == "sector" and values.get("sector_jobs") is not None:
        jobs = math.expm1(values["sector_jobs"])  # features.sector_jobs is log(1 + jobs)
        return f"{fr_number(round(jobs, -1), 0)} emplois salariés privés du secteur en 2019"
    wanted = {"land": ("Foncier",), "workforce": ("Main-d'œuvre", "Recrutement")}.get(reason.theme)
    if wanted:
        return next((c.detail for c in checklist if c.topic in wanted), None)
    if reason.theme == "needs":
        status = "met" if reason.weight > 0 else "unmet"
        labels = [c.topic for c in checklist if c.status == status and c.topic not in ("Foncier", "Main-d'œuvre")]
        return ", ".join(labels) or None
    return None


def basin_view(basin: Any) -> BasinView:
    """The plain reading of one ranked basin (a MatchedBasin or anything with fit, policy_adjustment, explanation)."""
    explanation = basin.explanation or {}
    checklist = _checklist(explanation)
    strengths, weaknesses = reasons((c["feature"], c["contribution"]) for c in explanation.get("contributions", []))
    key, label = fit_band(basin.fit)
    policy = policy_sentence([p["rule"] for p in explanation.get("policy", [])], basin.policy_adjustment)
    return BasinView(
        key,
        label,
        checklist,
        [ReasonView(r.text, _detail(r, explanation, checklist)) for r in strengths],
        [ReasonView(r.text, _detail(r, explanation, checklist)) for r in weaknesses[:1]],
        policy,
    )


def need_labels(keys: Any) -> list[str]:
    """The French labels of stored need keys ('high_water' -> 'ressource en eau importante')."""
    return [NEEDS[k].label if k in NEEDS else k for k in keys or ()]


def init_app(app: Flask) -> None:
    app.add_template_filter(fr_number, "fr_number")
    app.add_template_filter(fr_signed, "fr_signed")
    app.add_template_global(basin_view, "basin_view")
    app.add_template_global(need_labels, "need_labels")
    app.jinja_env.globals.update(scope_labels=SCOPE_LABELS, section_titles=PASSAGE_SECTIONS)
