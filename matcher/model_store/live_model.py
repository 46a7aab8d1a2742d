"""The active model of a long-running process, following promotions and rollbacks without a restart."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np

from matcher.model_store.active_pointer import POINTER_FILE, read_pointer
from matcher.model_store.model_dirs import ModelArtifactError, load_version, models_dir
from matcher.scoring.rankers import Ranker

log = logging.getLogger(__name__)


class RankerHandle:
    """The active model for a long-running process: follows the pointer, keeps the last good model.

    Every call looks at the pointer file (a stat, re-read only when it changed), so a promotion or
    a rollback reaches running workers without a restart; a version that fails to load is logged
    and the model already in memory keeps serving.
    """

    def __init__(self, fallback: Ranker):
        self._pointer = models_dir() / POINTER_FILE
        self._fallback = fallback
        self._ranker: Ranker = fallback
        self._seen: tuple[int, int, int] | bool | None = False  # False: the pointer was never looked at
        self._lock = threading.Lock()

    def current(self) -> Ranker:
        seen = _stamp(self._pointer)
        if seen != self._seen:
            with self._lock:
                if seen != self._seen:
                    self._seen = seen
                    self._follow()
        return self._ranker

    @property
    def version(self) -> str:
        return self.current().version

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        return self.current().contributions(matrix)

    def _follow(self) -> None:
        try:
            wanted = read_pointer().version
            if wanted is None:
                self._ranker = self._fallback
            elif wanted != self._ranker.version:
                self._ranker = load_version(wanted)
                log.info("now ranking with model version %s", wanted)
        except ModelArtifactError as error:
            log.error("active model not loaded (%s); still ranking with %s", error, self._ranker.version)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def current_ranker(ranker: Ranker) -> Ranker:
    """The model a handle serves right now, so one ranking uses a single model; other rankers as is."""
    return ranker.current() if isinstance(ranker, RankerHandle) else ranker
