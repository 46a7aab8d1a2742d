"""The `terrimatch` command: wires each package's click commands into one group."""
from __future__ import annotations

import logging
import os

import click

from embeddings.settings import HF_HUB_OFFLINE

from matcher.commands import index, match, territories
from training.commands import evaluate
from training.decisions import register_decisions_provider
from training.models_command import models
from training.train_command import train
from web.backup_commands import backup
from web.commands import database, users

# No command may reach a model hub: this service runs without internet.
os.environ.setdefault(HF_HUB_OFFLINE.name, HF_HUB_OFFLINE.default)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def main(verbose: bool) -> None:
    """terrimatch: match industrial projects with French employment basins."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


main.add_command(territories)
main.add_command(index)
main.add_command(match)
main.add_command(users)
main.add_command(database)
main.add_command(train)
main.add_command(models)
main.add_command(evaluate)
main.add_command(backup)
# `train --from-db` reads the agency decisions through the web layer, imported only when asked for.
register_decisions_provider("web.decisions_export:decisions_frame")
