"""`terrimatch territories list | show | occupations | import`: the basins, their CVs, and imports of curated data."""

from __future__ import annotations

import json
from pathlib import Path

import click

from matcher.cv.document import cv_json, cv_markdown
from matcher.territory.loading import load_territories
from matcher.territory.records import UnknownBasinError
from web.cli.options import emit_rows, scope_option

LIST_COLUMNS = (
    "population_2021",
    "jobs_at_workplace_2018",
    "establishments_industry_2018",
    "industry_share_of_establishments_pct_2018",
    "unemployment_rate_pct_2023t3",
)


@click.group()
def territories() -> None:
    """Les bassins d'emploi et leur CV de territoire."""


@territories.command("list")
@scope_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def list_basins(scope: str, fmt: str) -> None:
    """Liste les bassins d'un périmètre avec leurs principaux chiffres."""
    data = load_territories()
    rows = []
    for basin in data.scope(scope):
        row: dict[str, object] = {
            "ze2020_code": basin.code,
            "name": basin.name,
            "departments": "|".join(basin.department_codes),
        }
        if fmt == "json":
            row["figures"] = dict(basin.figures)
        else:
            row |= {c: basin.figure(c) for c in LIST_COLUMNS}
        rows.append(row)
    emit_rows(rows, fmt)


@territories.command("show")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
def show_basin(code: str, fmt: str) -> None:
    """Affiche le CV de territoire du bassin CODE (par exemple 4407)."""
    data = load_territories()
    try:
        basin = data.basin(code)
    except UnknownBasinError as error:
        raise click.BadParameter(str(error), param_hint="CODE") from None
    if fmt == "json":
        click.echo(json.dumps(cv_json(basin, data), ensure_ascii=False, indent=1))
    else:
        click.echo(cv_markdown(basin, data))


@territories.command("occupations")
@click.argument("query", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def occupations(query: tuple[str, ...], fmt: str) -> None:
    """Cherche par les mots de QUERY les métiers qu'un projet peut rechercher (codes FAP 2021 de la liste BMO)."""
    from matcher.project.occupations import search_occupations

    found = search_occupations(" ".join(query), limit=300)
    emit_rows([{"code": o.code, "label": o.label, "family": o.family_label} for o in found], fmt)


@territories.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_data(file: Path) -> None:
    """Ajoute ou remplace des faits et chiffres vérifiés, ou des sites, depuis un CSV ou JSON FILE (tout ou rien).

    Colonnes du CSV de faits : ze2020_code, field (une section du CV ou le nom d'un chiffre), value,
    et en option source_title, source_url, mode (add|replace).
    CSV de sites (reconnu à sa colonne site_name) : site_name, commune_code, source, date, et en option
    site_id, action (add|withdraw), area_ha, serviced, rail_distance_m, waterway_distance_m,
    motorway_distance_m, zoning, former_activity, price_eur_m2, status.
    """
    from matcher.territory.facts_import import TerritoryImportError, import_file
    from matcher.territory.site_import import import_sites, is_sites_csv

    try:
        text = file.read_text(encoding="utf-8") if file.suffix.lower() == ".csv" else ""
    except (OSError, UnicodeDecodeError) as error:
        raise click.UsageError(f"{file} : fichier illisible ({error}), rien n'a été importé") from None
    try:
        if text and is_sites_csv(text):
            sites = import_sites(file, text, load_territories())
            click.echo(
                f"Sites importés : {sites.added} ajouté(s) et {sites.withdrawn} retiré(s), "
                f"pour {sites.basins} bassin(s)."
            )
            return
        summary = import_file(file, load_territories())
    except TerritoryImportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(
        f"Importé : {summary.facts} fait(s) et {summary.figures} chiffre(s) pour {summary.basins} bassin(s). "
        "L'index des passages sera reconstruit au prochain classement."
    )
