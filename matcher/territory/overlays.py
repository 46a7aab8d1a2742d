"""Imported and edited territory data, kept below TERRIMATCH_HOME and laid over the shipped files."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from embeddings.fileio import write_file_atomic
from matcher.home import home_path
from matcher.territory.records import CuratedSection, Source

# Per basin code: "sections" (name -> "facts" and "sources", each with a title and a url)
# and "figures" (column -> value).
Overrides = Mapping[str, dict]


def overrides_path() -> Path:
    return home_path("territories", "overrides.json")


def read_overrides() -> dict[str, dict]:
    path = overrides_path()
    if not path.exists():
        return {}
    overrides: dict[str, dict] = json.loads(path.read_text(encoding="utf-8"))
    return overrides


def write_overrides(overrides: Overrides) -> None:
    """Replace the overrides file atomically: readers see the old or the new file, never half."""
    write_json_atomic(overrides_path(), overrides)


def write_json_atomic(path: Path, data: object) -> None:
    """Write `data` as JSON to `path` through a temporary file and a rename."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    write_file_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def apply_overrides(basins: dict, overrides: Overrides) -> dict:
    """Basins with each overridden section replaced and each overridden figure set."""
    result = dict(basins)
    for code, change in overrides.items():
        basin = result.get(code)
        if basin is None:
            continue  # imports validate codes; a stale entry must not break loading
        curated = dict(basin.curated)
        for name, section in change.get("sections", {}).items():
            curated[name] = CuratedSection(
                facts=tuple(section["facts"]), sources=tuple(Source(**s) for s in section.get("sources", []))
            )
        figures = dict(basin.figures) | change.get("figures", {})
        result[code] = replace(basin, curated=MappingProxyType(curated), figures=MappingProxyType(figures))
    return result


def overrides_signature() -> tuple[int, int]:
    """(mtime in ns, size) of the overrides file, (0, 0) when absent: a cheap change detector."""
    try:
        stat = overrides_path().stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)
