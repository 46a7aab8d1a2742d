"""The occupations a project can seek (FAP 2021, as listed by BMO 2025): search and parsing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from matcher.project.french_numbers import number_value
from matcher.territory.recruitment import Occupation, load_recruitment

MAX_OCCUPATIONS = 10
MAX_HEADCOUNT = 100_000
_CODE = re.compile(r"^[A-Z]\d[A-Z]\d{2}\b")


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.casefold()


def catalogue() -> Mapping[str, Occupation]:
    return load_recruitment().occupations


def search_occupations(query: str, limit: int = 20) -> list[Occupation]:
    """Occupations whose code or label holds every word of `query` (accents and case ignored)."""
    words = _folded(query).split()
    found = [o for o in catalogue().values() if all(w in _folded(f"{o.code} {o.label}") for w in words)]
    return found[:limit]


def resolve_occupation(text: str) -> str | None:
    """The FAP code a user meant: a code (alone or before its label, as the picker writes it) or an exact label."""
    text = text.strip()
    match = _CODE.match(text.upper())
    if match and match.group(0) in catalogue():
        return match.group(0)
    exact = [o.code for o in catalogue().values() if _folded(o.label) == _folded(text)]
    return exact[0] if len(exact) == 1 else None


def _entries(raw: Any) -> list[tuple[str, Any]]:
    """(occupation text, head count) pairs from a list of {code, count}, of "CODE:N", or a "CODE:N, ..." string."""
    items = raw.split(",") if isinstance(raw, str) else list(raw or [])
    pairs = []
    for item in items:
        if isinstance(item, Mapping):
            pairs.append((str(item.get("code") or "").strip(), item.get("count")))
        else:
            code, colon, count = str(item).rpartition(":")
            pairs.append((code.strip(), count) if colon else (str(item).strip(), None))
    return [(code, count) for code, count in pairs if code or count not in (None, "")]


def _headcount(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    try:
        value = float(number_value(raw.strip() if isinstance(raw, str) else raw))  # "1 200" as typed in French
    except (TypeError, ValueError, ArithmeticError):
        return None
    return int(value) if value.is_integer() and 1 <= value <= MAX_HEADCOUNT else None


def parse_occupations(raw: Any, problems: dict[str, str]) -> tuple[tuple[str, int], ...]:
    """Validated (FAP code, head count) pairs; problems["occupations"] names what is wrong."""
    if raw is not None and not isinstance(raw, (str, list, tuple)):
        problems["occupations"] = "doit être une liste de métiers avec leurs effectifs (ex. D1X33:10)"
        return ()
    wanted: dict[str, int] = {}
    for text, count in _entries(raw):
        code = resolve_occupation(text) if text else None
        headcount = _headcount(count)
        if code is None:
            problems["occupations"] = (
                f"métier inconnu : {text or '(vide)'} (code FAP 2021 de la liste BMO, ex. D1X33 pour les soudeurs)"
            )
        elif headcount is None:
            problems["occupations"] = f"effectif du métier {code} : un nombre entier de 1 à {MAX_HEADCOUNT:g}"
        else:
            wanted[code] = wanted.get(code, 0) + headcount
    if len(wanted) > MAX_OCCUPATIONS:
        problems["occupations"] = f"au plus {MAX_OCCUPATIONS} métiers"
    return tuple(wanted.items())
