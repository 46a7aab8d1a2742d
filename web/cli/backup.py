"""`terrimatch backup create|restore FILE`: the database and TERRIMATCH_HOME's state in one file."""

from __future__ import annotations

from pathlib import Path

import click


def _database_url() -> str:
    from web.config import environment_database_url

    return environment_database_url()


@click.group()
def backup() -> None:
    """Sauvegarde et restaure la base de données et les fichiers d'état sous TERRIMATCH_HOME."""


@backup.command("create")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def create(file: Path) -> None:
    """Écrit FILE (.tar.gz) : la base de données et chaque fichier d'état du dossier (ni l'index ni les caches)."""
    from matcher.home import terrimatch_home
    from web.backup import BackupError, create_backup

    try:
        manifest = create_backup(file, terrimatch_home(), _database_url())
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"sauvegarde écrite dans {file} : base de données {manifest['database']} et "
        f"{len(manifest['home_files'])} fichier(s) de {terrimatch_home()}"
    )


@backup.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Écrase un dossier et une base de données qui contiennent déjà des données."
)
def restore(file: Path, force: bool) -> None:
    """Restaure FILE dans un TERRIMATCH_HOME et une base vides ; lancez ensuite `terrimatch db upgrade`."""
    from matcher.home import terrimatch_home
    from web.backup import BackupError
    from web.backup_restore import restore_backup

    try:
        manifest = restore_backup(file, terrimatch_home(), _database_url(), force=force)
    except BackupError as error:
        raise click.UsageError(str(error)) from error
    click.echo(
        f"base de données {manifest['database']} et {len(manifest['home_files'])} fichier(s) restaurés, "
        f"sauvegardés le {manifest['created_at']} ; lancez `terrimatch db upgrade` si cette version est plus "
        "récente que celle de la sauvegarde"
    )
