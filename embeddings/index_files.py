"""Write and verify the three files of an index folder: index.faiss, payload.jsonl, meta.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import faiss

from embeddings.fileio import sha256_file
from embeddings.index_meta import (
    FORMAT_VERSION,
    INDEX_FILE,
    META_FILE,
    PAYLOAD_FILE,
    REBUILD_HINT,
    IndexCorruptError,
    IndexMeta,
)


def write_index_dir(folder: Path, index: faiss.Index, payload: list[dict[str, Any]], meta: IndexMeta) -> IndexMeta:
    """Write the three files into `folder` (a fresh temporary one); return meta with their hashes."""
    faiss.write_index(index, str(folder / INDEX_FILE))
    with (folder / PAYLOAD_FILE).open("w", encoding="utf-8") as handle:
        for row_id, row in enumerate(payload):
            try:
                line = json.dumps(row, ensure_ascii=False, allow_nan=False, sort_keys=True)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"payload row {row_id} is not JSON-serialisable: {exc}") from exc
            handle.write(line + "\n")
    meta = replace(
        meta, index_sha256=sha256_file(folder / INDEX_FILE), payload_sha256=sha256_file(folder / PAYLOAD_FILE)
    )
    (folder / META_FILE).write_text(json.dumps(meta.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    return meta


def read_index_dir(
    folder: Path, check_meta: Callable[[IndexMeta], None]
) -> tuple[faiss.Index, list[dict[str, Any]], IndexMeta]:
    """Read and verify an index folder; `check_meta` runs before the (large) index is read."""
    for name in (META_FILE, INDEX_FILE, PAYLOAD_FILE):
        if not (folder / name).is_file():
            raise IndexCorruptError(f"index at {folder} is incomplete: {name} is missing; {REBUILD_HINT}")
    meta = _read_meta(folder / META_FILE)
    check_meta(meta)
    index = _read_faiss(folder / INDEX_FILE, meta)
    payload = _read_payload(folder / PAYLOAD_FILE, meta)
    return index, payload, meta


def _corrupt(path: Path, why: str) -> IndexCorruptError:
    return IndexCorruptError(f"index file {path} is corrupt or truncated ({why}); {REBUILD_HINT}")


def _read_meta(path: Path) -> IndexMeta:
    try:
        meta = IndexMeta.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise _corrupt(path, f"unreadable metadata: {exc}") from exc
    if meta.format_version != FORMAT_VERSION:
        raise IndexCorruptError(
            f"index at {path.parent} has format version {meta.format_version}, "
            f"this code reads version {FORMAT_VERSION}; {REBUILD_HINT}"
        )
    return meta


def _read_faiss(path: Path, meta: IndexMeta) -> faiss.Index:
    if sha256_file(path) != meta.index_sha256:
        raise _corrupt(path, "sha256 mismatch")
    try:
        index = faiss.read_index(str(path))
    except RuntimeError as exc:
        raise _corrupt(path, f"faiss could not read it: {str(exc).splitlines()[-1]}") from exc
    if (index.ntotal, index.d) != (meta.n_vectors, meta.dim):
        found = f"holds {index.ntotal} vectors of dim {index.d}"
        raise _corrupt(path, f"{found}, meta.json says {meta.n_vectors} of dim {meta.dim}")
    return index


def _read_payload(path: Path, meta: IndexMeta) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open("rb") as handle:
        for line_no, line in enumerate(handle, start=1):
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise _corrupt(path, f"line {line_no} is not JSON") from exc
    if len(rows) != meta.n_vectors:
        raise _corrupt(path, f"{len(rows)} payload rows for {meta.n_vectors} vectors")
    if sha256_file(path) != meta.payload_sha256:
        raise _corrupt(path, "sha256 mismatch")
    return rows
