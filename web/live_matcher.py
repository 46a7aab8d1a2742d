"""Keep each worker's matcher in step with edited CV sections, without a restart.

The worker that saves an edit re-indexes the basin at once. Every other worker compares a
cheap stat signature of the overrides file on each request and, when it changed, loads the
index the editing worker saved for that data, or re-indexes only the basins whose overrides
differ from those it last saw when that index is not there yet.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

from matcher.territory import overlays
from web.matching import EXTENSION, LazyMatcher

log = logging.getLogger(__name__)
STATE = "terrimatch.overrides_state"


@dataclass
class OverridesState:
    """The overrides this worker's matcher reflects."""

    signature: tuple[int, int]
    overrides: dict[str, Any]
    lock: threading.Lock = field(default_factory=threading.Lock)


def _changed_codes(old: dict[str, Any], new: dict[str, Any]) -> set[str]:
    return {code for code in set(old) | set(new) if old.get(code) != new.get(code)}


def refresh(codes: set[str]) -> None:
    """Re-index `codes` in this worker's matcher and remember the overrides it now reflects."""
    from matcher.matching.service import refresh_matcher

    lazy: LazyMatcher = current_app.extensions[EXTENSION]
    state: OverridesState = current_app.extensions[STATE]
    with state.lock:
        signature, overrides = overlays.overrides_signature(), overlays.read_overrides()
        codes = codes | _changed_codes(state.overrides, overrides)
        matcher = lazy.peek()
        if matcher is not None and codes:
            lazy.replace(refresh_matcher(matcher, codes))
            log.info("matcher refreshed for basin(s) %s", ", ".join(sorted(codes)))
        state.signature, state.overrides = signature, overrides


def _follow_other_workers() -> None:
    state: OverridesState = current_app.extensions[STATE]
    if overlays.overrides_signature() == state.signature:
        return
    try:
        refresh(set())
    except Exception:  # serve with the matcher we have; the state is unchanged, so the next request retries
        log.exception("could not follow the edited territory data")


def init_app(app: Flask) -> None:
    app.extensions[STATE] = OverridesState(overlays.overrides_signature(), overlays.read_overrides())
    app.before_request(_follow_other_workers)
