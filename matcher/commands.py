"""The `territories`, `index` and `match` commands of the terrimatch CLI."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from matcher.cv import cv_json, cv_markdown
from matcher.french_numbers import format_french_number, french_decimal
from matcher.territories import SCOPES, UnknownBasinError, load_territories

LIST_COLUMNS = (
    "population_2021", "jobs_at_workplace_2018", "establishments_industry_2018",
    "industry_share_of_establishments_pct_2018", "unemployment_rate_pct_2023t3",
)
scope_option = click.option("--scope", type=click.Choice(SCOPES), default="ge", show_default=True,
                            help="ge : les 27 bassins du Grand Est ; france : les 306.")


def _emit(rows: list[dict], fmt: str) -> None:
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
        row = {"ze2020_code": basin.code, "name": basin.name, "departments": "|".join(basin.department_codes)}
        if fmt == "json":
            row["figures"] = dict(basin.figures)
        else:
            row |= {c: basin.figure(c) for c in LIST_COLUMNS}
        rows.append(row)
    _emit(rows, fmt)


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
    from matcher.occupations import search_occupations

    found = search_occupations(" ".join(query), limit=300)
    _emit([{"code": o.code, "label": o.label, "family": o.family_label} for o in found], fmt)


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
    from matcher.site_import import import_sites, is_sites_csv
    from matcher.territory_import import TerritoryImportError, import_file

    try:
        text = file.read_text(encoding="utf-8") if file.suffix.lower() == ".csv" else ""
    except (OSError, UnicodeDecodeError) as error:
        raise click.UsageError(f"{file} : fichier illisible ({error}), rien n'a été importé") from None
    try:
        if text and is_sites_csv(text):
            sites = import_sites(file, text, load_territories())
            click.echo(f"Sites importés : {sites.added} ajouté(s) et {sites.withdrawn} retiré(s), "
                       f"pour {sites.basins} bassin(s).")
            return
        summary = import_file(file, load_territories())
    except TerritoryImportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"Importé : {summary.facts} fait(s) et {summary.figures} chiffre(s) pour {summary.basins} bassin(s). "
               "L'index des passages sera reconstruit au prochain classement.")


@click.group()
def index() -> None:
    """L'index FAISS des passages des CV."""


@index.command("build")
@click.option("--embedder", "embedder_spec", default=None, help="use (par défaut), sbert:DOSSIER ou tfidf.")
@click.option("--kind", type=click.Choice(["flat", "hnsw", "ivf"]), default="flat", show_default=True,
              help="flat est exact ; hnsw et ivf sont approchés, pour de très grands ensembles de passages.")
def build_index_command(embedder_spec: str | None, kind: str) -> None:
    """Encode chaque passage des CV et écrit l'index sous TERRIMATCH_HOME (d'un seul coup, jamais à moitié)."""
    from matcher.passage_index import build_index

    territories = load_territories()
    built = build_index(territories, _embedder(embedder_spec, territories), kind=kind)
    meta = built.vectors.meta
    click.echo(f"Index construit : {format_french_number(meta.n_vectors)} passages, encodeur {meta.embedder_name} "
               f"(dimension {meta.dim}), type {meta.kind}, données {meta.data_hash}.")


def _embedder(spec: str | None, territories):
    from matcher.embedder_choice import resolve_embedder

    try:
        return resolve_embedder(spec, territories)
    except (ValueError, OSError) as error:
        raise click.UsageError(str(error)) from None


def _project_input(text: str | None, file: Path | None, **fields) -> dict:
    if bool(text) == bool(file):
        raise click.UsageError("donnez le projet en TEXT ou avec --file : l'un des deux, pas les deux")
    description = file.read_text(encoding="utf-8") if file else text
    return {"description": description, **{k: v for k, v in fields.items() if v is not None}}


@click.command()
@click.argument("text", required=False)
@click.option("--file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Lit le texte du projet dans un fichier.")
@click.option("--naf", "naf_code",
              help="Code NAF rév. 2 de l'activité, par exemple 16.21Z (déduit du texte s'il manque).")
@click.option("--jobs", type=int, help="Emplois créés.")
@click.option("--land-ha", type=float, help="Foncier nécessaire, en hectares.")
@click.option("--power-mw", type=float, help="Puissance électrique nécessaire, en MW.")
@click.option("--occupation", "occupations", multiple=True, metavar="CODE:N",
              help="Un métier recherché (code FAP 2021, voir `territories occupations`) et son effectif, par exemple "
                   "D1X33:10.")
@click.option("--need", "needs", multiple=True,
              help="Un besoin : rail, waterway, motorway, airport, high_water, gas_hydrogen, industrial_heat, power.")
@click.option("--endogenous/--exogenous", default=None, help="L'entreprise est-elle déjà implantée dans la région ?")
@click.option("--kind", "project_kind", type=click.Choice(["extension_same_site", "new_site_existing_company", "takeover",
                                                            "newcomer"]),
              help="Nature du projet : extension d'un site de l'entreprise, nouveau site d'une entreprise déjà "
                   "présente dans la région, reprise d'une usine, ou nouvel arrivant.")
@click.option("--existing-site", "existing_site_communes", multiple=True,
              help="Code INSEE de la commune d'un des sites de l'entreprise dans la région (à répéter pour plusieurs).")
@click.option("--top", type=click.IntRange(1, 400), default=10, show_default=True)
@scope_option
@click.option("--embedder", "embedder_spec", default=None, help="use (par défaut), sbert:DOSSIER ou tfidf.")
@click.option("--no-policy", is_flag=True, help="Classe selon l'adéquation seule, sans les priorités régionales.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def match(text, file, top, scope, embedder_spec, no_policy, fmt, needs, existing_site_communes, occupations,
          **fields) -> None:
    """Classe les bassins d'emploi pour un projet décrit en texte libre TEXT (français, allemand ou anglais)."""
    from embeddings.index_meta import VectorIndexError
    from matcher.projects import ProjectValidationError, project_from_mapping
    from matcher.service import build_matcher

    try:
        project = project_from_mapping(_project_input(text, file, needs=list(needs), occupations=list(occupations),
                                                      existing_site_communes=list(existing_site_communes), **fields))
    except ProjectValidationError as error:
        raise click.UsageError(f"projet invalide : {error}") from None
    try:
        matcher = build_matcher(embedder_spec, policy=not no_policy, progress=sys.stderr.isatty())
    except (VectorIndexError, ValueError) as error:
        raise click.UsageError(str(error)) from None
    result = matcher.match(project, scope=scope, top=top)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    sector = result.sector
    click.echo(f"Secteur : {sector.code} {sector.label}{' (déduit du texte)' if sector.inferred else ''}")
    if result.warning:
        click.echo(f"Attention : {result.warning}")
    click.echo(f"Classement : {'a priori (aucun modèle entraîné)' if result.ranker == 'prior' else 'modèle ' + result.ranker}\n")
    for item in result.results:
        click.echo(f"{item.rank:>2}. {item.name} ({item.ze2020_code})  score {french_decimal(item.score, 3, True)} "
                   f"= adéquation {french_decimal(item.fit, 3, True)} "
                   f"+ politique {french_decimal(item.policy_adjustment, 3, True)}"
                   + ("  [bassin de référence : votre site actuel]" if item.reference else ""))
        for check in item.checks:
            click.echo(f"      {check.topic} : {check.status_label} — {check.detail}")
        if item.versus_reference:
            click.echo(f"      de plus que le bassin de référence : {'; '.join(item.versus_reference)}")
        for passage in item.passages:
            snippet = passage.text if len(passage.text) < 220 else passage.text[:217] + "..."
            click.echo(f"      [{passage.section}, similarité {french_decimal(passage.similarity)}] {snippet}")
        if item.unmet_needs:
            click.echo(f"      besoins non couverts : {'; '.join(item.unmet_needs)}")
        if item.met_needs:
            click.echo(f"      besoins déclarés couverts : {'; '.join(item.met_needs)}")
        checks = item.needs_checks
        for check in (checks.hiring, checks.power) if checks else ():
            if check is not None:
                click.echo(f"      vérification : {check.summary}")
