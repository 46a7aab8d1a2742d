"""The index's metadata record, its file names and its errors (shared by index and index_files)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

INDEX_FILE = "index.faiss"
PAYLOAD_FILE = "payload.jsonl"
META_FILE = "meta.json"
FORMAT_VERSION = 1
REBUILD_HINT = "rebuild it with `terrimatch index build`"


class VectorIndexError(Exception):
    """Base class for every index error; the message says what is wrong and how to fix it."""


class IndexNotFoundError(VectorIndexError):
    """No index has been built at the given directory."""


class IndexCorruptError(VectorIndexError):
    """The files on disk are missing, truncated or inconsistent with each other."""


class IndexMismatchError(VectorIndexError):
    """The index was built by another embedder than the live one."""


@dataclass(frozen=True)
class IndexMeta:
    """What built the index, and the hashes that prove its files are the ones written."""

    embedder_name: str
    dim: int
    kind: str
    n_vectors: int
    data_hash: str
    created_at: str
    faiss_version: str
    index_sha256: str = ""
    payload_sha256: str = ""
    params: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexMeta:
        """Rebuild from `to_dict` output; unknown keys are refused rather than dropped."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown metadata keys: {', '.join(unknown)}")
        return cls(**data)
