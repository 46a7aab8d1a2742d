"""What a project's French description states about jobs, land, power and infrastructure needs.

Used to propose values for the project's fields before matching: the company confirms them, so a
reading may be wrong without harm, but it must never overwrite what the company typed itself.
Accuracy on the development cases: docs/description_reading.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from matcher.project.french_numbers import number_value
from matcher.project.need_vocabulary import NEEDS, needs_in_text
from matcher.project.record import MAX_JOBS, MAX_LAND_HA, MAX_POWER_MW, Project

# "1 200", "1 700,5", "8,5", "40": a French number, thousands grouped by any kind of space.
_NUMBER = r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?)(?![\d])"
# Up to two words between the number and its noun: "1 200 postes directs", "400 nouveaux emplois".
_BETWEEN = r"\s+(?:[^\W\d][\w’'-]*\s+){0,2}?"
# Nouns of jobs created come first; nouns of people (who may be a site's current staff) only when no job noun is there.
_JOB_NOUNS = r"(?:emplois?|postes?|recrutements?|embauches?|CDI|ETP|équivalents? temps plein)\b"
_PEOPLE_NOUNS = r"(?:salariés?|salariées|collaborateurs?|collaboratrices|personnes)\b"
_LAND_NOUNS = r"(?:ha|hectares?)\b"
# "une centaine d'emplois", "une quinzaine d'hectares": the round number those words mean.
_ROUND_WORDS = {
    "dizaine": 10,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "millier": 1000,
}
# "cinq hectares", "quatre embauches" (not "un poste", which may be an electrical substation).
_SMALL_WORDS = {
    w: n
    for n, w in enumerate(
        "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
        "quinze seize dix-sept dix-huit dix-neuf vingt".split(),
        start=2,
    )
}
_SMALL_WORDS.update({"trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100})
_WORDS = {**_ROUND_WORDS, **_SMALL_WORDS, "un": 1}
_SPELLED = (
    r"\b(?:une?\s+("
    + "|".join(_ROUND_WORDS)
    + r")\s+d(?:e\s+|['’]\s*)|("
    + "|".join(sorted(_SMALL_WORDS, key=len, reverse=True))
    + r")\s+)"
)


def _patterns(nouns: str, between: str = _BETWEEN) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(digits, words) patterns of a number followed by one of `nouns`."""
    return (re.compile(_NUMBER + between + nouns, re.IGNORECASE), re.compile(_SPELLED + nouns, re.IGNORECASE))


_JOBS, _PEOPLE = _patterns(_JOB_NOUNS), _patterns(_PEOPLE_NOUNS)
_LAND = _patterns(_LAND_NOUNS, r"\s*")
_ONE_HECTARE = re.compile(r"\bun\s+hectare\b", re.IGNORECASE)
# Land given in square metres of ground ("terrain de 7 000 m²", "15 000 m² de terrain"), not of buildings.
_LAND_M2 = re.compile(
    r"terrain\s+(?:[^\W\d][\w’'-]*\s+){0,3}?de\s+"
    + _NUMBER
    + r"\s*m²|"
    + _NUMBER.replace("(\\d", "(?P<n2>\\d", 1)
    + r"\s*m²\s+de\s+terrain",
    re.IGNORECASE,
)
_POWER = re.compile(_NUMBER + r"\s*(?:MW|mégawatts?)\b")  # not MWh (energy) nor MWc (a solar farm's output)
# Water named as an item of a list of needs ("accès autoroutier, eau"), which NEEDS' phrases leave out
# because "eau" alone also names rivers and waterways.
_WATER_ITEM = re.compile(
    r"(?:(?:^|[,;:]\s*|\bet\s+|\bde l['’]\s*)eau(?:\s+industrielle)?\s*(?:[,;.]|\bet\b|$)"
    r"|\bbesoins?\s+d['’]\s*eau\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A value read from the text, with the words it was read from."""

    value: float | int
    quote: str


@dataclass(frozen=True)
class Reading:
    jobs: Found | None = None
    land_ha: Found | None = None
    power_mw: Found | None = None
    needs: frozenset[str] = field(default_factory=frozenset)


def _found(patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> list[Found]:
    digits, words = patterns
    found = [Found(number_value(m.group(1)), m.group(0)) for m in digits.finditer(text)]
    return found + [Found(_WORDS[(m.group(1) or m.group(2)).lower()], m.group(0)) for m in words.finditer(text)]


def _largest(found: list[Found]) -> Found | None:
    """The largest value: a project's total ("jusqu'à 1 700 emplois") beats its first phase."""
    return max(found, key=lambda f: f.value, default=None)


def _land(text: str) -> Found | None:
    found = _found(_LAND, text) + [Found(1, m.group(0)) for m in _ONE_HECTARE.finditer(text)]
    square_metres = [
        Found(float(number_value(m.group(1) or m.group("n2"))) / 10_000, m.group(0)) for m in _LAND_M2.finditer(text)
    ]
    return _largest(found or square_metres)


def read_description(text: str) -> Reading:
    """Jobs, land (ha), power (MW) and needs that a French project description states."""
    needs = set(needs_in_text(text))
    if _WATER_ITEM.search(text):
        needs.add("high_water")
    power = [Found(number_value(m.group(1)), m.group(0)) for m in _POWER.finditer(text)]
    return Reading(
        jobs=_largest(_found(_JOBS, text) or _found(_PEOPLE, text)),
        land_ha=_land(text),
        power_mw=_largest(power),
        needs=frozenset(needs),
    )


@dataclass(frozen=True)
class Proposals:
    """The values to propose for fields the company left empty; needs it did not tick."""

    jobs: Found | None = None
    land_ha: Found | None = None
    power_mw: Found | None = None
    needs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any((self.jobs, self.land_ha, self.power_mw, self.needs))

    @property
    def need_labels(self) -> list[str]:
        return [NEEDS[key].label for key in self.needs]


def _within(found: Found | None, upper: float, given: object, integer: bool = False) -> Found | None:
    """`found` when the field is empty and the value is one the field accepts."""
    if given is not None or found is None or not 0 < found.value <= upper:
        return None
    return found if not integer or float(found.value).is_integer() else None


def propose(project: Project) -> Proposals:
    """What the description states and the fields do not: never a value the company gave itself."""
    reading = read_description(project.description)
    return Proposals(
        jobs=_within(reading.jobs, MAX_JOBS, project.jobs, integer=True),
        land_ha=_within(reading.land_ha, MAX_LAND_HA, project.land_ha),
        power_mw=_within(reading.power_mw, MAX_POWER_MW, project.power_mw),
        needs=tuple(key for key in NEEDS if key in reading.needs - project.needs),
    )
