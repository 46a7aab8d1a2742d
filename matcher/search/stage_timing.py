"""Optional timing of the match pipeline's stages, for benchmarks: off, and nearly free, by default.

`with stage("embed"): ...` adds the block's wall time to the totals of the active `recording()`;
with no recording active it only checks one module global. Recording is meant for one thread
(a benchmark loop): concurrent matches would add their times into the same totals.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter

_totals: dict[str, float] | None = None


class stage:  # noqa: N801 - used like a function: `with stage("rank"):`
    """Time one stage of a match when a recording is active."""

    __slots__ = ("name", "start")

    def __init__(self, name: str) -> None:
        self.name = name
        self.start = 0.0

    def __enter__(self) -> None:
        if _totals is not None:
            self.start = perf_counter()

    def __exit__(self, *exc: object) -> None:
        if _totals is not None:
            _totals[self.name] = _totals.get(self.name, 0.0) + perf_counter() - self.start


@contextmanager
def recording() -> Iterator[dict[str, float]]:
    """Seconds spent per stage name while the block runs."""
    global _totals  # noqa: PLW0603 - the stages of the running match add to the active recording
    totals: dict[str, float] = {}
    previous, _totals = _totals, totals
    try:
        yield totals
    finally:
        _totals = previous
