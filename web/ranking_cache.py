"""Every candidate basin's place for a project, ranked once per worker for the same inputs.

A basin page shows agencies the projects that fit the basin best (reverse matching), so each
view ranks up to 200 projects over every candidate basin: measured by benchmarks/load_test.py,
those views took seconds each and starved the other requests of CPU. A ranking only depends on
the project's fields, the scope, the model, the index and the policy: with all five in the key,
a cached ranking is the one a new match would give, and a promotion or a CV edit (new model
or index version) is never served stale.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, NamedTuple, Sequence

if TYPE_CHECKING:
    from matcher.pipeline import Matcher
    from matcher.projects import Project

LIMIT = 1024  # rankings kept per worker: 306 small tuples at most each (France scope)


class Place(NamedTuple):
    rank: int
    score: float
    fit: float
    policy_adjustment: float


_rankings: OrderedDict[tuple, dict[str, Place]] = OrderedDict()
_lock = threading.Lock()


def rankings(matcher: Matcher, projects: Sequence[Project], scope: str) -> list[dict[str, Place]]:
    """For each project, basin code -> its place among all the candidates of `scope`."""
    inputs = (scope, matcher.ranker.version, matcher.index.version,
              json.dumps(matcher.policy.to_dict(), sort_keys=True))
    keys = [(project, *inputs) for project in projects]
    with _lock:
        found = {key: _rankings[key] for key in keys if key in _rankings}
        for key in found:
            _rankings.move_to_end(key)
    missing = list(dict.fromkeys(key for key in keys if key not in found))
    if missing:
        candidates = len(matcher.territories.scope(scope))
        results = matcher.match_many([key[0] for key in missing], scope=scope, top=candidates)
        fresh = {key: {r.ze2020_code: Place(r.rank, r.score, r.fit, r.policy_adjustment) for r in result.results}
                 for key, result in zip(missing, results)}
        found.update(fresh)
        with _lock:
            _rankings.update(fresh)
            while len(_rankings) > LIMIT:
                _rankings.popitem(last=False)
    return [found[key] for key in keys]
