"""`terrimatch index build`: the FAISS index of every basin's CV passages."""

from __future__ import annotations

import click

from matcher.project.french_numbers import format_french_number
from matcher.territory.loading import load_territories
from web.cli.options import embedder_or_usage_error


@click.group()
def index() -> None:
    """L'index FAISS des passages des CV."""


@index.command("build")
@click.option("--embedder", "embedder_spec", default=None, help="use (par défaut), sbert:DOSSIER ou tfidf.")
@click.option(
    "--kind",
    type=click.Choice(["flat", "hnsw", "ivf"]),
    default="flat",
    show_default=True,
    help="flat est exact ; hnsw et ivf sont approchés, pour de très grands ensembles de passages.",
)
def build_index_command(embedder_spec: str | None, kind: str) -> None:
    """Encode chaque passage des CV et écrit l'index sous TERRIMATCH_HOME (d'un seul coup, jamais à moitié)."""
    from matcher.search.passage_index import build_index

    territories = load_territories()
    built = build_index(territories, embedder_or_usage_error(embedder_spec, territories), kind=kind)
    meta = built.vectors.meta
    click.echo(
        f"Index construit : {format_french_number(meta.n_vectors)} passages, encodeur {meta.embedder_name} "
        f"(dimension {meta.dim}), type {meta.kind}, données {meta.data_hash}."
    )
