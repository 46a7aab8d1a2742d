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
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from matcher.search.batch_cache import BatchCache

if TYPE_CHECKING:
    from matcher.matching.pipeline import Matcher
    from matcher.project.record import Project

LIMIT = 1024  # rankings kept per worker: 306 small tuples at most each (France scope)


class Place(NamedTuple):
    rank: int
    score: float
    fit: float
    policy_adjustment: float


_RANKINGS: BatchCache[tuple, dict[str, Place]] = BatchCache(LIMIT)


def rankings(matcher: Matcher, projects: Sequence[Project], scope: str) -> list[dict[str, Place]]:
    """For each project, basin code -> its place among all the candidates of `scope`."""
    inputs = (
        scope,
        matcher.ranker.version,
        matcher.index.version,
        json.dumps(matcher.policy.to_dict(), sort_keys=True),
    )

    def rank(keys: list[tuple]) -> list[dict[str, Place]]:
        candidates = len(matcher.territories.scope(scope))
        results = matcher.match_many([key[0] for key in keys], scope=scope, top=candidates)
        return [
            {r.ze2020_code: Place(r.rank, r.score, r.fit, r.policy_adjustment) for r in result.results}
            for result in results
        ]

    return _RANKINGS.get_many([(project, *inputs) for project in projects], rank)
