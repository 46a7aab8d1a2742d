"""`terrimatch backup create|restore FILE`: the database and TERRIMATCH_HOME's state in one file."""
from __future__ import annotations

from pathlib import Path

import click


def _database_url() -> str:
    from web.config import environment_database_url

    return environment_database_url()


@click.group()
def backup() -> None:
    """Back up and restore the database and the state files under TERRIMATCH_HOME."""


@backup.command("create")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def create(file: Path) -> None:
    """Write FILE (.tar.gz): the database and every state file of the home (not the index nor caches)."""
    from matcher.home import terrimatch_home
    from web.backup import BackupError, create_backup

    try:
        manifest = create_backup(file, terrimatch_home(), _database_url())
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backup written to {file}: {manifest['database']} database and "
               f"{len(manifest['home_files'])} file(s) of {terrimatch_home()}")


@backup.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite a home and a database that already hold data.")
def restore(file: Path, force: bool) -> None:
    """Restore FILE into an empty TERRIMATCH_HOME and database; then run `terrimatch db upgrade`."""
    from matcher.home import terrimatch_home
    from web.backup import BackupError
    from web.backup_restore import restore_backup

    try:
        manifest = restore_backup(file, terrimatch_home(), _database_url(), force=force)
    except BackupError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"restored the {manifest['database']} database and {len(manifest['home_files'])} file(s) made "
               f"{manifest['created_at']}; run `terrimatch db upgrade` if this version is newer than the backup's")
