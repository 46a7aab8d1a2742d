"""The one atomic-write helper every package uses: all or nothing, no temporary file left behind."""

from __future__ import annotations

import pytest

from embeddings.fileio import sha256_file, write_file_atomic


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "ACTIVE.json"
    target.write_text("old", encoding="utf-8")

    def half_written(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_file_atomic(target, half_written)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["ACTIVE.json"]


def test_a_successful_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "model.bin"
    write_file_atomic(target, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert sha256_file(target) == "11507a0e2f5e69d5dfa40a62a1bd7b6ee57e6bcd85c67c9b8431b36fff21c437"
    assert [p.name for p in tmp_path.iterdir()] == ["model.bin"]
