"""Validate a CSV or JSON file of curated facts and figures, then apply it all or nothing."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from matcher.territory import overlays
from matcher.territory.loading import Territories
from matcher.territory.records import CURATED_SECTIONS

CSV_REQUIRED = ("ze2020_code", "field", "value")
MODES = ("add", "replace")
MAX_FACT_CHARS = 2000


@dataclass(frozen=True)
class Problem:
    where: str  # "line 4" or a JSON path
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}, field {self.field!r}: {self.message}"


class TerritoryImportError(ValueError):
    """The file is invalid; nothing was written."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{path}: {len(problems)} problem(s), nothing imported:\n  {shown}{more}")


@dataclass
class _Change:
    """One entry of the file, already validated."""

    code: str
    section: str | None = None
    facts: list[str] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    mode: str = "add"
    figure: str | None = None
    value: float | None = None


@dataclass(frozen=True)
class ImportSummary:
    basins: int
    facts: int
    figures: int


def import_file(path: Path, territories: Territories) -> ImportSummary:
    """Check every entry of `path`; write the merged overrides only when all are valid."""
    if path.suffix.lower() not in (".csv", ".json"):
        raise TerritoryImportError(path, [Problem("file", "name", "expected a .csv or .json file")])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TerritoryImportError(path, [Problem("file", "content", str(error))]) from None
    parse = _parse_csv if path.suffix.lower() == ".csv" else _parse_json
    changes, problems = parse(text, territories)
    if not problems and not changes:
        problems.append(Problem("file", "content", "no entries to import"))
    if problems:
        raise TerritoryImportError(path, problems)
    overrides = _merge(overlays.read_overrides(), changes, territories)
    overlays.write_overrides(overrides)
    return ImportSummary(
        basins=len({c.code for c in changes}),
        facts=sum(len(c.facts) for c in changes),
        figures=sum(1 for c in changes if c.figure),
    )


def _check_entry(change: _Change, where: str, territories: Territories, problems: list[Problem]) -> None:
    if change.code not in territories.basins:
        problems.append(Problem(where, "ze2020_code", f"unknown basin code {change.code!r}"))
    if change.mode not in MODES:
        problems.append(Problem(where, "mode", f"{change.mode!r} is not one of {', '.join(MODES)}"))
    for fact in change.facts:
        if not fact.strip():
            problems.append(Problem(where, change.section or "value", "empty fact"))
        elif len(fact) > MAX_FACT_CHARS:
            problems.append(Problem(where, change.section or "value", f"fact longer than {MAX_FACT_CHARS} characters"))
    for source in change.sources:
        if not str(source.get("title", "")).strip() or not str(source.get("url", "")).startswith(
            ("http://", "https://")
        ):
            problems.append(Problem(where, "source", "a source needs a title and an http(s) URL"))


def _figure_value(raw: object) -> float | None:
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _parse_csv(text: str, territories: Territories) -> tuple[list[_Change], list[Problem]]:
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in CSV_REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        return [], [Problem("line 1", ", ".join(missing), "missing column(s) in the header")]
    figure_names = _figure_names(territories)
    changes, problems = [], []
    for line, row in enumerate(reader, start=2):
        where, name = f"line {line}", (row.get("field") or "").strip()
        change = _Change(code=(row.get("ze2020_code") or "").strip(), mode=(row.get("mode") or "add").strip())
        if name in CURATED_SECTIONS:
            change.section, change.facts = name, [row.get("value") or ""]
            if row.get("source_title") or row.get("source_url"):
                change.sources = [{"title": row.get("source_title") or "", "url": row.get("source_url") or ""}]
        elif name in figure_names:
            change.figure, change.value = name, _figure_value(row.get("value"))
            if change.value is None:
                problems.append(Problem(where, "value", f"{row.get('value')!r} is not a finite number"))
        else:
            problems.append(
                Problem(
                    where,
                    "field",
                    f"{name!r} is neither a CV section ({', '.join(CURATED_SECTIONS)}) nor a known figure",
                )
            )
        _check_entry(change, where, territories, problems)
        changes.append(change)
    return changes, problems


def _parse_json(text: str, territories: Territories) -> tuple[list[_Change], list[Problem]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [Problem(f"line {error.lineno}", "json", error.msg)]
    if not isinstance(document, dict):
        return [], [Problem("line 1", "json", "expected an object keyed by ZE2020 code")]
    figure_names = _figure_names(territories)
    changes, problems = [], []
    for code, entry in document.items():
        if not isinstance(entry, dict):
            problems.append(Problem(code, "entry", "expected an object with sections, sources, figures"))
            continue
        mode, sources = entry.get("mode", "add"), entry.get("sources", {})
        for name, facts in entry.get("sections", {}).items():
            where = f"{code}.sections.{name}"
            if name not in CURATED_SECTIONS:
                problems.append(
                    Problem(where, "section", f"unknown section; expected one of {', '.join(CURATED_SECTIONS)}")
                )
            if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
                problems.append(Problem(where, name, "expected a list of strings"))
                continue
            change = _Change(code=code, section=name, facts=facts, sources=sources.get(name, []), mode=mode)
            _check_entry(change, where, territories, problems)
            changes.append(change)
        for name, raw in entry.get("figures", {}).items():
            where = f"{code}.figures.{name}"
            change = _Change(code=code, figure=name, value=_figure_value(raw))
            if name not in figure_names:
                problems.append(Problem(where, name, "unknown figure"))
            if change.value is None:
                problems.append(Problem(where, name, f"{raw!r} is not a finite number"))
            _check_entry(change, where, territories, problems)
            changes.append(change)
    return changes, problems


def _figure_names(territories: Territories) -> set[str]:
    return {name for basin in territories.basins.values() for name in basin.figures}


def _merge(overrides: dict, changes: list[_Change], territories: Territories) -> dict:
    merged: dict = json.loads(json.dumps(overrides))
    replaced: set[tuple[str, str]] = set()
    for change in changes:
        entry = merged.setdefault(change.code, {})
        if change.figure:
            entry.setdefault("figures", {})[change.figure] = change.value
            continue
        if change.section is None:
            raise ValueError(f"an entry for {change.code} names neither a figure nor a section")
        sections = entry.setdefault("sections", {})
        key = (change.code, change.section)
        if change.mode == "replace" and key not in replaced:
            current: dict[str, list] = {"facts": [], "sources": []}
            replaced.add(key)
        else:
            shipped = territories.basin(change.code).curated.get(change.section)
            current = sections.get(change.section) or {
                "facts": list(shipped.facts) if shipped else [],
                "sources": [vars(s) for s in shipped.sources] if shipped else [],
            }
        current["facts"] = current["facts"] + change.facts
        current["sources"] = current["sources"] + [s for s in change.sources if s not in current["sources"]]
        sections[change.section] = current
    return merged
