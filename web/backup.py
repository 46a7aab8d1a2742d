"""Backups that restore: the database plus every state file under TERRIMATCH_HOME, in one tar.gz.

State is everything under the home except what is rebuilt on demand (`index/`, `cache/`), lock
files and the SQLite database file itself, which is copied consistently through sqlite3's online
backup API instead. PostgreSQL is dumped with `pg_dump --format=custom` and restored with
`pg_restore`, both from the PATH. New state files other features keep under the home are
included without a change here.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

MANIFEST = "manifest.json"
FORMAT = 1
REBUILT = ("index", "cache")  # top-level folders of the home rebuilt on demand: never backed up
SKIPPED_SUFFIXES = (".lock", "-wal", "-shm", "-journal")


class BackupError(RuntimeError):
    """A backup cannot be made or restored; the message says why and what to do."""


def database_kind(url: str) -> str:
    backend = sa.engine.make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(
            f"impossible de sauvegarder une base {backend} : seules SQLite et PostgreSQL sont prises en charge"
        )
    return backend


def sqlite_path(url: str) -> Path:
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("la base SQLite est en mémoire : il n'y a rien à sauvegarder")
    return Path(database).resolve()


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore read it (no +driver)."""
    return sa.engine.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def home_files(home: Path, database: Path | None) -> list[Path]:
    """State files under the home, relative to it, sorted."""
    files = []
    for path in sorted(home.rglob("*")):
        relative = path.relative_to(home)
        if not path.is_file() or relative.parts[0] in REBUILT or path.name.endswith(SKIPPED_SUFFIXES):
            continue
        if database is not None and path.resolve() == database:
            continue
        files.append(relative)
    return files


def pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(
            f"{name} est introuvable dans le PATH : installez les outils clients de PostgreSQL "
            "(par exemple postgresql-client)"
        )
    return tool


def run_tool(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"{Path(command[0]).name} a échoué : {done.stderr.strip()[-500:]}")


def _dump_database(url: str, kind: str, target: Path) -> None:
    if kind == "sqlite":
        source = sqlite3.connect(f"file:{sqlite_path(url)}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)  # a consistent copy even while the app writes
        finally:
            source.close()
            copy.close()
    else:
        run_tool(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", f"--dbname={libpq_url(url)}"]
        )


def create_backup(target: Path, home: Path, url: str) -> dict:
    """Write the tar.gz at `target`; returns its manifest."""
    kind = database_kind(url)
    database = sqlite_path(url) if kind == "sqlite" else None
    if database is not None and not database.exists():
        raise BackupError(f"aucune base SQLite à {database} : rien à sauvegarder (lancer `terrimatch db upgrade` ?)")
    files = home_files(home, database)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "database": kind,
        "home_files": [str(f) for f in files],
    }
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "database"
        _dump_database(url, kind, dump)
        (Path(scratch) / MANIFEST).write_text(json.dumps(manifest, indent=1))
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(scratch) / MANIFEST, MANIFEST)
            archive.add(dump, f"database.{kind}")
            for relative in files:
                archive.add(home / relative, f"home/{relative}")
        partial.replace(target)  # never a half-written backup under the final name
    return manifest
