"""Saving and loading index folders: atomic swaps, corrupt and mismatched files refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from embeddings.fileio import sha256_file
from embeddings.index import IndexCorruptError, IndexMismatchError, IndexNotFoundError, VectorIndex, VectorIndexError

NAME = "use-multilingual-v3@0123456789ab"


@pytest.fixture
def saved(tmp_path: Path, clustered: tuple[np.ndarray, np.ndarray]) -> Path:
    vectors, _ = clustered
    payload = [{"row": i, "texte": f"passage n°{i} — forêt"} for i in range(len(vectors))]
    return VectorIndex.build(vectors, payload, NAME, "data-1").save(tmp_path / "index")


def test_save_writes_three_files_and_leaves_no_temporary_folder(saved: Path) -> None:
    assert sorted(p.name for p in saved.iterdir()) == ["index.faiss", "meta.json", "payload.jsonl"]
    assert [p.name for p in saved.parent.iterdir()] == ["index"]
    meta = json.loads((saved / "meta.json").read_text())
    assert meta["index_sha256"] == sha256_file(saved / "index.faiss")
    assert meta["payload_sha256"] == sha256_file(saved / "payload.jsonl")


def test_saving_again_replaces_the_index_in_place(saved: Path) -> None:
    vectors = np.eye(3, 32, dtype=np.float32)
    VectorIndex.build(vectors, [{"row": i} for i in range(3)], NAME, "data-2").save(saved)
    assert len(VectorIndex.load(saved)) == 3
    assert [p.name for p in saved.parent.iterdir()] == ["index"]


def test_a_failed_save_keeps_the_old_index(saved: Path) -> None:
    before = sha256_file(saved / "index.faiss")
    broken = VectorIndex.build(np.eye(2, 32, dtype=np.float32), [{"ok": 1}, {"bad": {1, 2}}], NAME, "data-2")
    with pytest.raises(ValueError, match="payload row 1 is not JSON-serialisable"):
        broken.save(saved)
    assert sha256_file(saved / "index.faiss") == before
    assert [p.name for p in saved.parent.iterdir()] == ["index"]
    assert len(VectorIndex.load(saved)) == 600


def test_loading_with_another_embedder_is_refused(saved: Path) -> None:
    with pytest.raises(IndexMismatchError) as caught:
        VectorIndex.load(saved, embedder_name="sbert:mini@abc", dim=384)
    assert str(caught.value) == (
        f"index at {saved} was built with embedder '{NAME}' (dim 32) but the live embedder is "
        "'sbert:mini@abc' (dim 384); rebuild it with `terrimatch index build`"
    )
    with pytest.raises(IndexMismatchError, match=r"\(dim 32\) but the live embedder is '.*' \(dim 16\)"):
        VectorIndex.load(saved, dim=16)


def test_a_truncated_index_file_is_named(saved: Path) -> None:
    path = saved / "index.faiss"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(IndexCorruptError) as caught:
        VectorIndex.load(saved, embedder_name=NAME, dim=32)
    assert str(caught.value) == (
        f"index file {path} is corrupt or truncated (sha256 mismatch); rebuild it with `terrimatch index build`"
    )


def test_an_unreadable_index_file_with_a_matching_hash_is_wrapped(saved: Path) -> None:
    path = saved / "index.faiss"
    path.write_bytes(path.read_bytes()[:100])
    rewrite_meta(saved, index_sha256=sha256_file(path))
    with pytest.raises(IndexCorruptError, match=f"index file {path} is corrupt or truncated \\(faiss could not"):
        VectorIndex.load(saved)


def rewrite_meta(folder: Path, **changes: object) -> None:
    meta = json.loads((folder / "meta.json").read_text())
    meta.update(changes)
    (folder / "meta.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("name", ["meta.json", "index.faiss", "payload.jsonl"])
def test_a_missing_file_is_named(saved: Path, name: str) -> None:
    (saved / name).unlink()
    with pytest.raises(IndexCorruptError, match=f"index at {saved} is incomplete: {name} is missing"):
        VectorIndex.load(saved)


def test_a_missing_folder_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError, match=r"no index at .*nowhere; build it"):
        VectorIndex.load(tmp_path / "nowhere")


def test_payload_row_count_must_match_the_vectors(saved: Path) -> None:
    path = saved / "payload.jsonl"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    expected = f"index file {path} is corrupt or truncated \\(599 payload rows for 600 vectors\\)"
    with pytest.raises(IndexCorruptError, match=expected):
        VectorIndex.load(saved)


def test_an_edited_payload_is_caught_by_its_hash(saved: Path) -> None:
    path = saved / "payload.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace("forêt", "foret"), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match=r"payload\.jsonl is corrupt or truncated \(sha256 mismatch\)"):
        VectorIndex.load(saved)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"embedder_name": "x"}), json.dumps({"surprise": 1})])
def test_unreadable_metadata_is_corrupt(saved: Path, content: str) -> None:
    (saved / "meta.json").write_text(content)
    with pytest.raises(IndexCorruptError, match=r"meta\.json is corrupt or truncated \(unreadable metadata"):
        VectorIndex.load(saved)


def test_every_index_error_shares_one_base(saved: Path) -> None:
    (saved / "meta.json").unlink()
    with pytest.raises(VectorIndexError):
        VectorIndex.load(saved)
