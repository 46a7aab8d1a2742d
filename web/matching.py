"""The matcher, built lazily once per worker, and match runs stored with their versions."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

from web.extensions import db
from web.records.core import MatchedBasin, MatchRun, ProjectRecord

if TYPE_CHECKING:  # the pipeline pulls scikit-learn and faiss: imported when the matcher is first built
    from matcher.matching.pipeline import Matcher

log = logging.getLogger(__name__)
EXTENSION = "terrimatch.matcher"


class MatcherUnavailable(RuntimeError):
    """The model or index could not be loaded; the app answers 503."""


def _default_factory() -> Matcher:
    from matcher.matching.service import build_matcher

    matcher = build_matcher(progress=False)
    matcher.embedder.encode(["prêt"])  # the embedder loads on first use: load it now, so "ready" means ready
    return matcher


class LazyMatcher:
    """Builds the matcher on first use, in the worker process (never at import, never before fork)."""

    def __init__(self, factory: Callable[[], Matcher], ready: Matcher | None = None):
        self._factory = factory
        self._matcher = ready
        self._lock = threading.Lock()
        self._error: str | None = None

    def get(self) -> Matcher:
        if self._matcher is not None:
            return self._matcher
        with self._lock:  # threads of one worker wait for a single build
            if self._matcher is None:
                try:
                    self._matcher = self._factory()
                except Exception as error:  # any failure to load means "not ready": report it, retry later
                    self._error = f"{type(error).__name__}: {error}"
                    log.exception("the matcher could not be built")
                    raise MatcherUnavailable(self._error) from error
        return self._matcher

    def peek(self) -> Matcher | None:
        """The matcher if already built, without building it."""
        return self._matcher

    def replace(self, matcher: Matcher) -> None:
        """Swap in a refreshed matcher (after a CV edit); requests already running keep the old one."""
        with self._lock:
            self._matcher = matcher


def init_app(app: Flask) -> None:
    factory = app.config.get("MATCHER_FACTORY") or _default_factory
    app.extensions[EXTENSION] = LazyMatcher(factory, app.config.get("MATCHER"))


def get_matcher() -> Matcher:
    lazy: LazyMatcher = current_app.extensions[EXTENSION]
    return lazy.get()


def versions() -> dict[str, str]:
    matcher = get_matcher()
    return {"model_version": matcher.ranker.version, "index_version": matcher.index.version}


def run_match(record: ProjectRecord) -> MatchRun:
    """Match the project, store the run with its top basins and every basin's place; the caller commits."""
    from web.basin_fits import places_of, ranking_key, store_ranking

    config = current_app.config
    matcher = get_matcher()
    candidates = len(matcher.territories.scope(config["MATCH_SCOPE"]))
    result = matcher.match(record.to_project(), scope=config["MATCH_SCOPE"], top=candidates)
    store_ranking(record.id, result.scope, places_of(result.results), ranking_key(matcher))
    data = replace(result, results=result.results[: config["MATCH_TOP"]]).to_dict()
    sector = {key: data["sector"][key] for key in ("code", "label", "inferred")}
    run = MatchRun(
        project=record,
        model_version=data["model_version"],
        ranked_by=data["ranked_by"],
        index_version=data["index_version"],
        scope=data["scope"],
        sector=sector,
        language=data["language"],
    )
    run.basins = [
        MatchedBasin(
            rank=r["rank"],
            ze2020_code=r["ze2020_code"],
            name=r["name"],
            score=r["score"],
            fit=r["fit"],
            policy_adjustment=r["policy_adjustment"],
            explanation=r["explanation"],
            needs_checks=r["needs_checks"],
        )
        for r in data["results"]
    ]
    db.session.add(run)
    log.info("project %s matched: %d basins, model %s", record.id, len(run.basins), run.model_version)
    return run


def run_summary(run: MatchRun | None) -> dict[str, Any]:
    """The JSON view of a run: versions and ranked matches."""
    if run is None:
        return {
            "model_version": None,
            "ranked_by": None,
            "index_version": None,
            "sector": None,
            "language": None,
            "warning": None,
            "matches": [],
        }
    return {
        "run_id": run.id,
        "model_version": run.model_version,
        "ranked_by": run.ranked_by,
        "index_version": run.index_version,
        "scope": run.scope,
        "sector": run.sector,
        "language": run.language,
        "warning": run.warning,
        "matched_at": run.created_at.isoformat(),
        "matches": [b.to_dict() for b in run.basins],
    }
