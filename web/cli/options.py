"""What several commands share: the scope option, the embedder option's resolution, rows as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

import click

from matcher.territory.records import SCOPES

scope_option = click.option(
    "--scope",
    type=click.Choice(SCOPES),
    default="ge",
    show_default=True,
    help="ge : les 27 bassins du Grand Est ; france : les 306.",
)


def emit_rows(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
    else:
        widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in rows[0]} if rows else {}
        click.echo("  ".join(k.ljust(w) for k, w in widths.items()))
        for row in rows:
            click.echo("  ".join(str(row[k] if row[k] is not None else "").ljust(w) for k, w in widths.items()))


def embedder_or_usage_error(spec: str | None, territories):
    from matcher.search.embedder_choice import resolve_embedder

    try:
        return resolve_embedder(spec, territories)
    except (ValueError, OSError) as error:
        raise click.UsageError(str(error)) from None
