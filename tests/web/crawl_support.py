"""What a page shows a reader, and the English words and internal keys that must never be in it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from matcher.cv.document import SECTION_TITLES
from matcher.project.need_vocabulary import NEEDS
from matcher.scoring.explanations import FEATURE_LABELS
from matcher.scoring.policy import WEIGHTS

# Words that WTForms, Flask, Python and the old templates put on pages when nothing is translated.
ENGLISH = (
    "Score",
    "Field",
    "This field",
    "Not a valid",
    "Invalid",
    "Error",
    "error",
    "None",
    "True",
    "False",
    "required",
    "Submit",
    "Internal Server",
    "Not Found",
    "Forbidden",
    "Bad Request",
    "nan",
)
INTERNAL_KEYS = tuple(
    [k for k in NEEDS if k != "rail"]
    + [k for k in SECTION_TITLES if "_" in k or k == "ecosystem"]
    + [k for k in FEATURE_LABELS if "_" in k]
    + list(WEIGHTS)
    + ["below_threshold", "not_covered", "too_few", "extension_same_site", "new_site_existing_company", "newcomer"]
)
PATTERNS = {
    "phrase": re.compile(r"\b(?:" + "|".join(map(re.escape, ENGLISH + INTERNAL_KEYS)) + r")\b"),
    "scope key": re.compile(r"périmètre (?:ge|france)\b"),
    "hash": re.compile(r"\b[0-9a-f]{12,}\b"),
    # 8.0 ha, +0.192: a decimal point before a unit, or signed; NAF codes (16.21Z) and names (polyamide 6.6) pass
    "decimal point": re.compile(r"(?:[+\-−]\d+\.\d+|(?<![\w.])\d+\.\d+\s?(?:ha|MW|km|kV|%|€|emplois|mois|m)\b)"),
}
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        self.text.extend(values[a] for a in VISIBLE_ATTRIBUTES if values.get(a))
        if tag in ("input", "button") and values.get("type") in ("submit", "button") and values.get("value"):
            self.text.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def read_page(html: str) -> tuple[str, list[str]]:
    """(the text a reader sees, the links of the page)."""
    page = _Page()
    page.feed(html)
    return " ".join(" ".join(page.text).split()), page.links


def offences(text: str) -> list[str]:
    """Every English word, internal key or raw number of `text`, with some context."""
    found = []
    for name, pattern in PATTERNS.items():
        for match in pattern.finditer(text):
            found.append(f"{name} {match.group(0)!r} in …{text[max(0, match.start() - 60) : match.end() + 60]}…")
    return found


def same_host_path(base: str, href: str) -> str | None:
    """The path (with query) of a link on this host, or None for other hosts, anchors and mailto."""
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("http", "https") or url.netloc != "localhost":
        return None
    return url.path + (f"?{url.query}" if url.query else "")
