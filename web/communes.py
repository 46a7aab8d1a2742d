"""Commune search by name for the project form (the company's existing sites), from the shipped communes."""

from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, jsonify, request

from matcher.territory.commune_names import folded as _folded
from matcher.territory.loading import load_communes
from web.access import role_required

bp = Blueprint("communes", __name__, url_prefix="/communes")
MAX_RESULTS = 15
MIN_QUERY = 2


@lru_cache(maxsize=1)
def _index() -> list[tuple[str, str]]:
    """(folded name, code), largest communes first, so a prefix lists the likelier sites first."""
    communes = sorted(load_communes().values(), key=lambda c: -(c.population_2021 or 0))
    return [(_folded(c.name), c.code) for c in communes]


def search(query: str) -> list[dict[str, str]]:
    """Communes whose name starts with the query (then contains it), or whose INSEE code does."""
    folded, communes = _folded(query), load_communes()
    if len(folded) < MIN_QUERY:
        return []
    starts = [code for name, code in _index() if name.startswith(folded) or code.startswith(query.strip())]
    inside = [code for name, code in _index() if folded in name and code not in starts]
    return [
        {
            "code": code,
            "name": communes[code].name,
            "basin": communes[code].basin_code,
            "label": f"{communes[code].name} ({code})",
        }
        for code in (starts + inside)[:MAX_RESULTS]
    ]


@bp.get("/search")
@role_required("company", "agency")
def search_communes():
    return jsonify({"communes": search(request.args.get("q", "")[:80])})
