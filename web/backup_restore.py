"""Restore a backup made by `terrimatch backup create` into an empty home and database."""

from __future__ import annotations

import json
import sqlite3
import tarfile
import tempfile
from pathlib import Path

import sqlalchemy as sa

from web.backup import (
    FORMAT,
    MANIFEST,
    BackupError,
    database_kind,
    home_files,
    libpq_url,
    pg_tool,
    run_tool,
    sqlite_path,
)


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest: dict = json.load(archive.extractfile(MANIFEST))  # type: ignore[arg-type]
    except (KeyError, ValueError, TypeError) as error:
        raise BackupError(f"ce n'est pas une sauvegarde terrimatch ({MANIFEST} illisible) : {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"le format de sauvegarde {manifest.get('format')} n'est pas pris en charge (attendu : {FORMAT})"
        )
    return manifest


def _database_is_empty(url: str, kind: str) -> bool:
    if kind == "sqlite" and not sqlite_path(url).exists():
        return True
    engine = sa.create_engine(url)
    try:
        return not sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _check_empty(home: Path, url: str, kind: str) -> None:
    database = sqlite_path(url) if kind == "sqlite" else None
    if home_files(home, database):
        raise BackupError(
            f"{home} contient déjà des fichiers d'état : restaurez dans un TERRIMATCH_HOME vide, ou ajoutez --force"
        )
    if not _database_is_empty(url, kind):
        raise BackupError("la base de données a déjà des tables : restaurez dans une base vide, ou ajoutez --force")


def _restore_database(archive: tarfile.TarFile, url: str, kind: str, force: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        archive.extract(f"database.{kind}", scratch, filter="data")
        dump = Path(scratch) / f"database.{kind}"
        if kind == "sqlite":
            target = sqlite_path(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            source, copy = sqlite3.connect(dump), sqlite3.connect(target)
            try:
                with copy:
                    source.backup(copy)
            finally:
                source.close()
                copy.close()
            return
        command = [
            pg_tool("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={libpq_url(url)}",
        ]
        run_tool([*command, *(["--clean", "--if-exists"] if force else []), str(dump)])


def restore_backup(source: Path, home: Path, url: str, force: bool = False) -> dict:
    """Restore the database and the home's state files; returns the backup's manifest."""
    kind = database_kind(url)
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed by the `with` below, after its errors are named
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"impossible de lire {source} : {error}") from error
    with archive:
        manifest = _read_manifest(archive)
        if manifest["database"] != kind:
            raise BackupError(
                f"cette sauvegarde contient une base {manifest['database']}, mais DATABASE_URL désigne une base {kind}"
            )
        if not force:
            _check_empty(home, url, kind)
        _restore_database(archive, url, kind, force)
        members = [m for m in archive.getmembers() if m.name.startswith("home/") and m.isfile()]
        for member in members:
            member.name = member.name.removeprefix("home/")
            archive.extract(member, home, filter="data")  # the data filter refuses paths leaving the home
    return manifest
