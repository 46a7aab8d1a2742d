"""The project record a company submits, and its validation."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from matcher.project.french_numbers import number_value
from matcher.project.naf_labels import normalise_naf_code, subclasses_of
from matcher.project.need_vocabulary import NEEDS
from matcher.project.text_checks import FORBIDDEN_MESSAGE, has_forbidden_character
from matcher.territory.commune_names import codes_named

MIN_DESCRIPTION_CHARS = 20
MAX_DESCRIPTION_CHARS = 10_000
MAX_TITLE_CHARS = 200
MAX_JOBS = 100_000
MAX_LAND_HA = 10_000
MAX_POWER_MW = 10_000
MAX_TIMELINE_MONTHS = 240
MAX_EXISTING_SITES = 20

# What a project is for the company carrying it (French labels shown to companies and agencies).
# The single-valued fields a company states, stored on the project record as they are (the web form, the
# API, the decisions frame and the record all list these, plus their multi-valued fields).
STATED_FIELDS = (
    "title",
    "description",
    "naf_code",
    "jobs",
    "land_ha",
    "power_mw",
    "endogenous",
    "existing_site_commune",
    "timeline_months",
)
PROJECT_KINDS = {
    "extension_same_site": "extension sur site",
    "new_site_existing_company": "nouveau site d'une entreprise déjà implantée",
    "takeover": "reprise",
    "newcomer": "nouvel arrivant",
}
ANCHORED_KINDS = frozenset({"extension_same_site", "new_site_existing_company"})  # company already in the region
# "Nancy (54395)", as the form's commune search fills it in, or a bare code.
_COMMUNE_ENTRY = re.compile(r"^(?:.*\()?\s*([0-9][0-9AB][0-9]{3})\s*\)?$")


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
    existing_site_commune: str | None = None  # legacy single site: the first of existing_site_communes
    timeline_months: int | None = None
    project_kind: str | None = None  # a key of PROJECT_KINDS
    existing_site_communes: tuple[str, ...] = ()  # INSEE codes of the company's sites in the region

    @property
    def sites(self) -> tuple[str, ...]:
        """The company's existing sites, whichever field (new list or legacy single commune) gave them."""
        if self.existing_site_communes:
            return self.existing_site_communes
        return (self.existing_site_commune,) if self.existing_site_commune else ()

    @property
    def kind(self) -> str | None:
        """The project kind; from the legacy endogenous flag when no kind was given."""
        if self.project_kind:
            return self.project_kind
        return {True: "new_site_existing_company", False: "newcomer"}.get(self.endogenous)  # type: ignore[arg-type]

    occupations: tuple[tuple[str, int], ...] = ()  # (FAP 2021 code from the BMO list, head count sought)

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
    if isinstance(raw, bool):
        problems[name] = f"doit être compris entre 0 et {upper:g}"
        return None
    try:
        value = number_value(raw)  # "8,5" and "1 200" as French users type them
    except (TypeError, ValueError, ArithmeticError):
        problems[name] = "doit être un nombre" if not integer else "doit être un nombre entier"
        return None
    if not math.isfinite(value) or value < 0 or value > upper:
        problems[name] = f"doit être compris entre 0 et {upper:g}"
        return None
    if integer and not float(value).is_integer():  # 1700.0 from a spreadsheet is 1700; 1700.5 is not a count
        problems[name] = "doit être un nombre entier"
        return None
    return int(value) if integer else float(value)


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
    from matcher.territory.loading import load_communes

    code = _commune_code(str(raw or "").strip()) or None
    if code and len(codes_named(code)) > 1:
        problems["existing_site_commune"] = _homonyms(code)
    elif code and code not in load_communes():
        problems["existing_site_commune"] = f"code commune INSEE inconnu : {code}"
    return code


def _commune_code(entry: str) -> str:
    """The INSEE code of "Nancy (54395)", "54395" or a commune's name when one commune bears it; else the entry."""
    if match := _COMMUNE_ENTRY.match(entry):
        return match.group(1)
    named = codes_named(entry)
    return named[0] if len(named) == 1 else entry


def _homonyms(name: str) -> str:
    from matcher.territory.loading import load_communes

    communes = load_communes()
    codes = codes_named(name)
    choices = ", ".join(f"{communes[c].name} ({c})" for c in codes[:5]) + ("…" if len(codes) > 5 else "")
    return f"plusieurs communes s'appellent « {name} » : précisez le code INSEE ({choices})"


def _communes(raw: Any, problems: dict[str, str]) -> tuple[str, ...]:
    """INSEE codes from a list or a text separated by commas, semicolons or new lines; each one known."""
    from matcher.territory.loading import load_communes

    if raw is not None and not isinstance(raw, (str, list, tuple)):
        problems["existing_site_communes"] = "doit être une liste de codes commune INSEE"
        return ()
    items = re.split(r"[,;\n]", raw) if isinstance(raw, str) else [str(item) for item in raw or ()]
    entries = [item.strip() for item in items if item.strip()]
    codes = [_commune_code(e) for e in entries]
    unknown = [c for c in codes if c not in load_communes()]
    ambiguous = [c for c in unknown if len(codes_named(c)) > 1]
    if ambiguous:
        problems["existing_site_communes"] = _homonyms(ambiguous[0])
    elif unknown:
        problems["existing_site_communes"] = f"communes inconnues (nom ou code INSEE attendu) : {', '.join(unknown)}"
    elif len(set(codes)) > MAX_EXISTING_SITES:
        problems["existing_site_communes"] = f"au plus {MAX_EXISTING_SITES} sites"
    return tuple(dict.fromkeys(c for c in codes if c not in unknown))


def _kind(raw: Any, problems: dict[str, str]) -> str | None:
    """A key of PROJECT_KINDS; its French label is accepted too."""
    text = str(raw or "").strip()
    if not text:
        return None
    by_label = {label: key for key, label in PROJECT_KINDS.items()}
    if text in PROJECT_KINDS or text in by_label:
        return by_label.get(text, text)
    problems["project_kind"] = f"nature de projet inconnue : {text} (valides : {', '.join(PROJECT_KINDS)})"
    return None


def _anchoring(data: Mapping[str, Any], problems: dict[str, str]) -> dict[str, Any]:
    """Kind and sites, with the legacy single site added to the sites (the legacy flag maps onto the
    kind through Project.kind); the endogenous flag is kept as given."""
    kind = _kind(data.get("project_kind"), problems)
    endogenous = _bool(data.get("endogenous"), "endogenous", problems)
    legacy = _commune(data.get("existing_site_commune"), problems)
    sites = tuple(dict.fromkeys((*_communes(data.get("existing_site_communes"), problems), *filter(None, [legacy]))))
    return {
        "project_kind": kind,
        "endogenous": endogenous,
        "existing_site_communes": sites,
        "existing_site_commune": sites[0] if sites else None,
    }


def _occupations(raw: Any, problems: dict[str, str]) -> tuple[tuple[str, int], ...]:
    if raw is None or raw == "" or raw == []:
        return ()
    from matcher.project.occupations import parse_occupations  # loads the BMO list on first use

    return parse_occupations(raw, problems)


def project_from_mapping(data: Mapping[str, Any]) -> Project:
    """Build a Project from loosely typed input (form, JSON, CLI); raise with every problem."""
    problems: dict[str, str] = {}
    description = _text(
        data.get("description"), "description", problems, low=MIN_DESCRIPTION_CHARS, high=MAX_DESCRIPTION_CHARS
    )
    title = _text(data.get("title"), "title", problems, low=0, high=MAX_TITLE_CHARS)
    naf_code = None
    if data.get("naf_code"):
        naf_code = normalise_naf_code(str(data["naf_code"]))
        if naf_code is None:
            choices = subclasses_of(str(data["naf_code"]))
            problems["naf_code"] = (
                f"classe NAF {data['naf_code']} : précisez la sous-classe ({', '.join(choices)})"
                if choices
                else f"code NAF rév. 2 inconnu : {data['naf_code']} (forme attendue : 16.21Z)"
            )
    project = Project(
        description=description,
        title=title,
        naf_code=naf_code,
        jobs=_number(data.get("jobs"), "jobs", problems, upper=MAX_JOBS, integer=True),
        land_ha=_number(data.get("land_ha"), "land_ha", problems, upper=MAX_LAND_HA),
        power_mw=_number(data.get("power_mw"), "power_mw", problems, upper=MAX_POWER_MW),
        needs=_needs(data.get("needs"), problems),
        timeline_months=_number(
            data.get("timeline_months"), "timeline_months", problems, upper=MAX_TIMELINE_MONTHS, integer=True
        ),
        **_anchoring(data, problems),
        occupations=_occupations(data.get("occupations"), problems),
    )
    if problems:
        raise ProjectValidationError(problems)
    return project
