"""Durable file helpers: content hashes, fsync, and atomic replacement of files and folders."""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def short_hash(parts: Iterable[bytes], length: int = 12) -> str:
    """A short hex sha256 over byte strings, each length-prefixed so boundaries count."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:length]


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's entry to disk (folders need it for renames to persist)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp)` on a sibling temporary file, fsync it, then rename it onto `path`."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    try:
        write(tmp)
        fsync_path(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_path(path.parent)


def replace_dir_atomic(directory: Path, fill: Callable[[Path], None]) -> None:
    """Fill a temporary sibling folder, fsync it, then swap it in place of `directory`.

    A crash leaves `directory` either as it was, complete and new, or (only between
    the two renames of a replacement) absent: never half-written.
    """
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:8]
    tmp = directory.with_name(f".{directory.name}.tmp-{tag}")
    old = directory.with_name(f".{directory.name}.old-{tag}")
    tmp.mkdir()
    try:
        fill(tmp)
        for child in tmp.iterdir():
            fsync_path(child)
        fsync_path(tmp)
        if directory.exists():
            directory.rename(old)
        try:
            tmp.rename(directory)
        except OSError:
            if old.exists():
                old.rename(directory)
            raise
        fsync_path(directory.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
