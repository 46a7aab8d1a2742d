"""Agency edits of curated CV sections: validate, store a version, write the territory overrides."""

from __future__ import annotations

import difflib
import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from matcher.home import home_path
from matcher.territory import overlays
from matcher.territory.records import CURATED_SECTIONS, Basin
from web.extensions import db
from web.records.core import User
from web.records.cv_versions import CvEdit

log = logging.getLogger(__name__)
MAX_FACTS = 40
MAX_FACT_CHARS = 1000
MAX_SOURCES = 20


class EditError(ValueError):
    """An edit that cannot be saved; the message says why, in French."""


@dataclass(frozen=True)
class SectionContent:
    facts: tuple[str, ...]
    sources: tuple[dict[str, str], ...]

    def as_lines(self) -> list[str]:
        """What the diff compares: each fact, then each source."""
        return [*self.facts, *(f"Source : {s['title']} {s['url']}".rstrip() for s in self.sources)]


def current_content(basin: Basin, section: str) -> SectionContent:
    curated = basin.curated.get(section)
    if curated is None:
        return SectionContent((), ())
    return SectionContent(curated.facts, tuple({"title": s.title, "url": s.url} for s in curated.sources))


def parse_content(facts_text: str, sources_text: str) -> SectionContent:
    """One fact per line; one source per line as "Titre | https://adresse"."""
    facts = tuple(line.strip() for line in facts_text.splitlines() if line.strip())
    if not facts:
        raise EditError("La section doit contenir au moins un fait (un par ligne).")
    if len(facts) > MAX_FACTS or any(len(f) > MAX_FACT_CHARS for f in facts):
        raise EditError(f"Au plus {MAX_FACTS} faits de {MAX_FACT_CHARS} caractères chacun.")
    sources = []
    for line in (line.strip() for line in sources_text.splitlines()):
        if not line:
            continue
        title, _, url = (part.strip() for part in line.partition("|"))
        if not title or (url and not url.startswith(("https://", "http://"))):
            raise EditError(f"Source illisible : « {line[:80]} » (attendu : Titre | https://adresse).")
        sources.append({"title": title, "url": url})
    if len(sources) > MAX_SOURCES:
        raise EditError(f"Au plus {MAX_SOURCES} sources par section.")
    return SectionContent(facts, tuple(sources))


@contextmanager
def _overrides_lock() -> Iterator[None]:
    """Workers read-modify-write one overrides file: one at a time."""
    with home_path("territories", ".overrides.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


overrides_lock = _overrides_lock  # the site inventory (web/site_edits.py) writes the same file


def _write_section(code: str, section: str, content: SectionContent) -> None:
    with _overrides_lock():
        overrides = overlays.read_overrides()
        sections = overrides.setdefault(code, {}).setdefault("sections", {})
        sections[section] = {"facts": list(content.facts), "sources": [dict(s) for s in content.sources]}
        overlays.write_overrides(overrides)


def save_edit(
    basin: Basin, section: str, content: SectionContent, author: User, note: str = "", reverts: CvEdit | None = None
) -> CvEdit:
    """Store the version, then write the live section; the caller commits and re-indexes."""
    if section not in CURATED_SECTIONS:
        raise EditError(f"Section inconnue : {section[:40]}.")
    previous = current_content(basin, section)
    if previous == content:
        raise EditError("Aucune modification : la section est identique à la version en vigueur.")
    edit = CvEdit(
        ze2020_code=basin.code,
        section=section,
        facts=list(content.facts),
        sources=[dict(s) for s in content.sources],
        previous_facts=list(previous.facts),
        previous_sources=[dict(s) for s in previous.sources],
        note=note.strip()[:500],
        reverts_id=reverts.id if reverts else None,
        author_id=author.id,
    )
    db.session.add(edit)
    db.session.flush()
    _write_section(basin.code, section, content)
    log.info("cv edit %s: basin %s section %s by user %s", edit.id, basin.code, section, author.id)
    return edit


def history(code: str, section: str | None = None) -> list[CvEdit]:
    """Edits of a basin (optionally one section), newest first."""
    query = db.select(CvEdit).filter_by(ze2020_code=code)
    if section:
        query = query.filter_by(section=section)
    return list(db.session.execute(query.order_by(CvEdit.id.desc())).scalars())


def get_edit(code: str, edit_id: int) -> CvEdit | None:
    edit = db.session.get(CvEdit, edit_id)
    return edit if edit is not None and edit.ze2020_code == code else None


def content_of(edit: CvEdit, previous: bool = False) -> SectionContent:
    facts, sources = (edit.previous_facts, edit.previous_sources) if previous else (edit.facts, edit.sources)
    return SectionContent(tuple(facts), tuple(sources))


def diff_lines(edit: CvEdit) -> list[dict[str, Any]]:
    """Unified diff of the section before and after the edit: [{"kind": "+"|"-"|" ", "text"}]."""
    before, after = content_of(edit, previous=True).as_lines(), content_of(edit).as_lines()
    lines = []
    for line in difflib.unified_diff(before, after, lineterm="", n=2):
        if line.startswith(("---", "+++", "@@")):
            continue
        lines.append({"kind": line[:1] or " ", "text": line[1:]})
    return lines
