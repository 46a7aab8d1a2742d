"""Reverse matching off the request path: every basin's place for each project, stored when it is ranked.

A project is ranked over all the candidates of its scope when it is matched (`store_ranking`, in the
same transaction as its run), so the agency basin pages only read rows. When the model, the index (a CV
edit) or the policy changes, the stored rows carry an older `ranking_key`; the first basin page that
sees one wakes this worker's refresher thread, which ranks the stale projects again in batches and
replaces their rows, while the page shows the previous rows with a notice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError

from web.extensions import db
from web.records.core import MatchRun, ProjectRecord
from web.records.stored_fits import BasinFit
from web.worker_rankings import Place, rankings

if TYPE_CHECKING:
    from matcher.matching.pipeline import BasinMatch, Matcher

log = logging.getLogger(__name__)
EXTENSION = "terrimatch.fit_refresher"
BATCH = 32  # projects ranked and committed together by the refresher


def ranking_key(matcher: Matcher) -> str:
    """What a stored place depends on besides the project: model, index and policy."""
    policy = hashlib.sha256(json.dumps(matcher.policy.to_dict(), sort_keys=True).encode()).hexdigest()[:16]
    return f"{matcher.ranker.version}|{matcher.index.version}|{policy}"[:250]


def places_of(results: Sequence[BasinMatch]) -> dict[str, Place]:
    """Basin code -> place, from a match's results over every candidate."""
    return {r.ze2020_code: Place(r.rank, r.score, r.fit, r.policy_adjustment) for r in results}


def store_ranking(project_id: int, scope: str, places: Mapping[str, Place], key: str) -> None:
    """Replace the project's stored places (every candidate of `scope`); the caller commits."""
    db.session.execute(db.delete(BasinFit).where(BasinFit.project_id == project_id))
    db.session.add_all(
        BasinFit(
            project_id=project_id,
            ze2020_code=code,
            scope=scope,
            rank=p.rank,
            candidates=len(places),
            score=p.score,
            fit=p.fit,
            policy_adjustment=p.policy_adjustment,
            ranking_key=key,
        )
        for code, p in places.items()
    )


def stale_project_ids(key: str, limit: int | None = None) -> list[int]:
    """Matched projects with no stored places, or places ranked with another model, index or policy."""
    matched = db.select(MatchRun.project_id).distinct()
    current = db.select(BasinFit.project_id).where(BasinFit.ranking_key == key).distinct()
    query = (
        db.select(ProjectRecord.id)
        .where(ProjectRecord.id.in_(matched), ProjectRecord.id.not_in(current))
        .order_by(ProjectRecord.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())


def has_stale() -> bool:
    """Whether any project's places need ranking again (one indexed query, cheap enough per page)."""
    from web.matching import get_matcher

    return bool(stale_project_ids(ranking_key(get_matcher()), limit=1))


def refresh_stale(batch: int = BATCH) -> int:
    """Rank the stale projects again over their latest run's scope and store their places; how many."""
    from web.matching import get_matcher

    done = 0
    while True:
        matcher = get_matcher()
        key = ranking_key(matcher)
        ids = stale_project_ids(key, limit=batch)
        if not ids:
            return done
        records = db.session.execute(db.select(ProjectRecord).where(ProjectRecord.id.in_(ids))).scalars().all()
        for scope in {r.latest_run.scope for r in records}:
            chosen = [r for r in records if r.latest_run.scope == scope]
            for record, places in zip(chosen, rankings(matcher, [r.to_project() for r in chosen], scope), strict=True):
                store_ranking(record.id, scope, places, key)
        try:
            db.session.commit()
        except IntegrityError:  # a new match of one of these projects stored its places meanwhile
            db.session.rollback()
            return done  # the next basin page that still sees stale places wakes the refresher again
        done += len(records)
        log.info("basin places ranked again for %d project(s)", len(records))


class FitRefresher:
    """One background thread per worker at a time, ranking stale projects again."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def wake(self) -> None:
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="basin-fits", daemon=True)
                self.thread.start()

    def wait(self, timeout: float | None = None) -> None:
        thread = self.thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        with self.app.app_context():
            try:
                refresh_stale()
            except Exception:  # the rows stay stale: the next basin page wakes the refresher again
                log.exception("ranking stale projects again failed")
                db.session.rollback()


def wake_refresher() -> None:
    current_app.extensions[EXTENSION].wake()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = FitRefresher(app)
