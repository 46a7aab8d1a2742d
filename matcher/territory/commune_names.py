"""Communes by name: 'Saint-Dié' and 'saint die' meet; a name shared by several communes is said so."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache


def folded(text: str) -> str:
    """Lower case without accents, hyphens or apostrophes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(plain.replace("-", " ").replace("'", " ").replace("’", " ").split())


@lru_cache(maxsize=1)
def _codes_by_name() -> Mapping[str, tuple[str, ...]]:
    from matcher.territory.loading import load_communes  # pandas and the commune table load on first use

    by_name: dict[str, list[str]] = defaultdict(list)
    for commune in sorted(load_communes().values(), key=lambda c: -(c.population_2021 or 0)):
        by_name[folded(commune.name)].append(commune.code)
    return {name: tuple(codes) for name, codes in by_name.items()}


def codes_named(name: str) -> tuple[str, ...]:
    """INSEE codes of the communes called `name` (accents and hyphens aside), most populous first."""
    return _codes_by_name().get(folded(name), ())
