"""The project record a company submits, and its validation."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from matcher.naf import normalise_naf_code, subclasses_of
from matcher.needs import NEEDS
from matcher.text_checks import FORBIDDEN_MESSAGE, has_forbidden_character

MIN_DESCRIPTION_CHARS = 20
MAX_DESCRIPTION_CHARS = 10_000
MAX_TITLE_CHARS = 200
MAX_JOBS = 100_000
MAX_LAND_HA = 10_000
MAX_POWER_MW = 10_000
MAX_TIMELINE_MONTHS = 240


@dataclass(frozen=True)
class Project:
    description: str
    title: str = ""
    naf_code: str | None = None
    jobs: int | None = None
    land_ha: float | None = None
    power_mw: float | None = None
    needs: frozenset[str] = frozenset()
    endogenous: bool | None = None
    existing_site_commune: str | None = None  # INSEE code of the company's current site
    timeline_months: int | None = None

    @property
    def text(self) -> str:
        """What gets embedded: the title and the description."""
        return f"{self.title}. {self.description}" if self.title else self.description


class ProjectValidationError(ValueError):
    """One or more fields are invalid; `problems` maps each field to a French message."""

    def __init__(self, problems: Mapping[str, str]):
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


def _number(raw: Any, name: str, problems: dict[str, str], *, upper: float, integer: bool = False):
    if raw is None or raw == "":
        return None
    try:
        value = int(raw) if integer and not isinstance(raw, float) else float(raw)
    except (TypeError, ValueError):
        problems[name] = "doit être un nombre" if not integer else "doit être un nombre entier"
        return None
    if isinstance(raw, bool) or not math.isfinite(value) or value < 0 or value > upper:
        problems[name] = f"doit être compris entre 0 et {upper:g}"
        return None
    if integer and not float(value).is_integer():  # 1700.0 from a spreadsheet is 1700; 1700.5 is not a count
        problems[name] = "doit être un nombre entier"
        return None
    return int(value) if integer else value


def _bool(raw: Any, name: str, problems: dict[str, str]) -> bool | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "1", "oui", "yes", "on"):
        return True
    if text in ("false", "0", "non", "no", "off"):
        return False
    problems[name] = "doit valoir oui ou non"
    return None


def _needs(raw: Any, problems: dict[str, str]) -> frozenset[str]:
    if raw is not None and not isinstance(raw, (str, list, tuple, set, frozenset)):
        problems["needs"] = f"doit être une liste de besoins (valides : {', '.join(NEEDS)})"
        return frozenset()
    items = raw.split(",") if isinstance(raw, str) else list(raw or [])
    needs = {str(n).strip() for n in items if str(n).strip()}
    unknown = needs - NEEDS.keys()
    if unknown:
        problems["needs"] = f"besoins inconnus : {', '.join(sorted(unknown))} (valides : {', '.join(NEEDS)})"
    return frozenset(needs & NEEDS.keys())


def _text(raw: Any, name: str, problems: dict[str, str], *, low: int, high: int) -> str:
    text = str(raw or "").strip()
    if has_forbidden_character(text):
        problems[name] = FORBIDDEN_MESSAGE
    elif len(text) < low:
        problems[name] = f"doit contenir au moins {low} caractères" if low > 1 else "est obligatoire"
    elif len(text) > high:
        problems[name] = f"ne doit pas dépasser {high} caractères"
    return text


def _commune(raw: Any, problems: dict[str, str]) -> str | None:
    from matcher.territories import load_communes

    code = str(raw or "").strip() or None
    if code and code not in load_communes():
        problems["existing_site_commune"] = f"code commune INSEE inconnu : {code}"
    return code


def project_from_mapping(data: Mapping[str, Any]) -> Project:
    """Build a Project from loosely typed input (form, JSON, CLI); raise with every problem."""
    problems: dict[str, str] = {}
    description = _text(data.get("description"), "description", problems,
                        low=MIN_DESCRIPTION_CHARS, high=MAX_DESCRIPTION_CHARS)
    title = _text(data.get("title"), "title", problems, low=0, high=MAX_TITLE_CHARS)
    naf_code = None
    if data.get("naf_code"):
        naf_code = normalise_naf_code(str(data["naf_code"]))
        if naf_code is None:
            choices = subclasses_of(str(data["naf_code"]))
            problems["naf_code"] = (f"classe NAF {data['naf_code']} : précisez la sous-classe ({', '.join(choices)})"
                                    if choices else
                                    f"code NAF rév. 2 inconnu : {data['naf_code']} (forme attendue : 16.21Z)")
    project = Project(
        description=description,
        title=title,
        naf_code=naf_code,
        jobs=_number(data.get("jobs"), "jobs", problems, upper=MAX_JOBS, integer=True),
        land_ha=_number(data.get("land_ha"), "land_ha", problems, upper=MAX_LAND_HA),
        power_mw=_number(data.get("power_mw"), "power_mw", problems, upper=MAX_POWER_MW),
        needs=_needs(data.get("needs"), problems),
        endogenous=_bool(data.get("endogenous"), "endogenous", problems),
        existing_site_commune=_commune(data.get("existing_site_commune"), problems),
        timeline_months=_number(data.get("timeline_months"), "timeline_months", problems, upper=MAX_TIMELINE_MONTHS, integer=True),
    )
    if problems:
        raise ProjectValidationError(problems)
    return project
