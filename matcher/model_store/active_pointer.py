"""Which model version serves: `models/ACTIVE.json`, activation, rollback and pruning of old versions.

The pointer names the active version and the ones active before it; it is only ever replaced
whole (write, then `os.replace`), so a reader sees the old pointer or the new one, never half of
either. Every change is appended to `models/activations.jsonl`.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from embeddings.fileio import write_file_atomic
from matcher.model_store.model_dirs import ModelArtifactError, list_versions, load_version, models_dir

log = logging.getLogger(__name__)

POINTER_FILE = "ACTIVE.json"
ACTIVATIONS_FILE = "activations.jsonl"
LOCK_FILE = ".lock"
KEEP = 5
# Rollback steps the pointer remembers; activations.jsonl keeps the whole record. Versions older
# than the last KEEP are pruned anyway, so a longer history would only name deleted versions.
HISTORY_LIMIT = 50


@dataclass(frozen=True)
class Pointer:
    """The active version (None: rank with the prior) and the versions active before it, oldest first."""

    version: str | None = None
    history: tuple[str | None, ...] = ()

    @property
    def previous(self) -> str | None:
        return self.history[-1] if self.history else None


def read_pointer() -> Pointer:
    path = models_dir() / POINTER_FILE
    if not path.exists():
        return Pointer()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Pointer(data["version"], tuple(data["history"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelArtifactError(f"unreadable active-model pointer {path}: {error}") from error


def _write_pointer(pointer: Pointer) -> None:
    text = json.dumps({"version": pointer.version, "history": list(pointer.history)})
    write_file_atomic(models_dir() / POINTER_FILE, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _record(event: str, pointer: Pointer, note: str) -> None:
    """Append to models/activations.jsonl: who served when, and why a gate was overridden."""
    entry = {
        "at": datetime.now(UTC).isoformat(),
        "event": event,
        "version": pointer.version,
        "previous": pointer.previous,
        "note": note,
    }
    with (models_dir() / ACTIVATIONS_FILE).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")


@contextmanager
def _pointer_lock() -> Iterator[None]:
    """One process at a time reads-then-writes the pointer or prunes: no lost history, no deleted active."""
    import fcntl

    with (models_dir() / LOCK_FILE).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def activate(version: str, note: str = "") -> Pointer:
    """Make `version` active, after checking it loads; the version it replaces becomes the previous one."""
    load_version(version)
    with _pointer_lock():
        current = read_pointer()
        if current.version == version:
            return current
        pointer = Pointer(version, (*current.history, current.version)[-HISTORY_LIMIT:])
        _write_pointer(pointer)
        _record("activate", pointer, note)
        log.info("model version %s activated (previous: %s)", version, current.version or "prior")
        _prune(KEEP)
    return pointer


def rollback() -> Pointer:
    """Return to the version active before the current one (None: back to the prior)."""
    with _pointer_lock():
        current = read_pointer()
        if not current.history:
            raise ModelArtifactError("no previous model version to roll back to")
        target = current.previous
        if target is not None:
            load_version(target)
        pointer = Pointer(target, current.history[:-1])
        _write_pointer(pointer)
        _record("rollback", pointer, f"from {current.version}")
    log.info("rolled back from model version %s to %s", current.version, target or "prior")
    return pointer


def prune(keep: int = KEEP) -> list[str]:
    """Delete the oldest versions beyond the newest `keep`, never the active or the previous one."""
    with _pointer_lock():
        return _prune(keep)


def _prune(keep: int) -> list[str]:
    pointer = read_pointer()
    protected = {pointer.version, pointer.previous}
    versions = [m.version for m in list_versions()]
    doomed = [v for v in versions[:-keep] if v not in protected] if len(versions) > keep else []
    for version in doomed:
        shutil.rmtree(models_dir() / version)
        log.info("model version %s deleted (keeping the last %d)", version, keep)
    return doomed
