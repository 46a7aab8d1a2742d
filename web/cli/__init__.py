"""The `terrimatch` command: wires each package's click commands into one group."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

import click

from embeddings.settings import HF_HUB_OFFLINE
from training.decisions import register_decisions_provider
from web.cli.backup import backup
from web.cli.database import database
from web.cli.evaluate import evaluate
from web.cli.index import index
from web.cli.match import match
from web.cli.models import models
from web.cli.territories import territories
from web.cli.train import train
from web.cli.users import users

if TYPE_CHECKING:
    import pandas as pd

# No command may reach a model hub: this service runs without internet.
os.environ.setdefault(HF_HUB_OFFLINE.name, HF_HUB_OFFLINE.default)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Journalise la progression sur la sortie d'erreur.")
def main(verbose: bool) -> None:
    """terrimatch : rapproche les projets industriels des bassins d'emploi français."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


main.add_command(territories)
main.add_command(index)
main.add_command(match)
main.add_command(users)
main.add_command(database)
main.add_command(train)
main.add_command(models)
main.add_command(evaluate)
main.add_command(backup)


def _agency_decisions() -> pd.DataFrame:
    """The web app's stored decisions; SQLAlchemy and pandas load only when `train --from-db` asks."""
    from web.decisions_export import decisions_frame

    return decisions_frame()


register_decisions_provider(_agency_decisions)
