"""The `territories`, `index` and `match` commands of the terrimatch CLI."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from matcher.cv import cv_json, cv_markdown
from matcher.territories import SCOPES, UnknownBasinError, load_territories

LIST_COLUMNS = (
    "population_2021", "jobs_at_workplace_2018", "establishments_industry_2018",
    "industry_share_of_establishments_pct_2018", "unemployment_rate_pct_2023t3",
)
scope_option = click.option("--scope", type=click.Choice(SCOPES), default="ge", show_default=True,
                            help="ge: the 27 Grand Est basins; france: all 306.")


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
    """Employment basins and their CV de territoire."""


@territories.command("list")
@scope_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def list_basins(scope: str, fmt: str) -> None:
    """List the basins of a scope with their main figures."""
    data = load_territories()
    rows = []
    for basin in data.scope(scope):
        row: dict[str, object] = {"ze2020_code": basin.code, "name": basin.name,
                                  "departments": "|".join(basin.department_codes)}
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
    """Print the CV de territoire of basin CODE (e.g. 4407)."""
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
    """Search the occupations a project can seek (FAP 2021 codes of the BMO list) by words of QUERY."""
    from matcher.occupations import search_occupations

    found = search_occupations(" ".join(query), limit=300)
    _emit([{"code": o.code, "label": o.label, "family": o.family_label} for o in found], fmt)


@territories.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_data(file: Path) -> None:
    """Add or replace curated facts and figures, or sites, from a CSV or JSON FILE (all or nothing).

    Facts CSV columns: ze2020_code, field (a CV section or a figure name), value,
    and optionally source_title, source_url, mode (add|replace).
    Sites CSV (told by its site_name column): site_name, commune_code, source, date, and optionally
    site_id, action (add|withdraw), area_ha, serviced, rail_distance_m, waterway_distance_m,
    motorway_distance_m, zoning, former_activity, price_eur_m2, status.
    """
    from matcher.site_import import import_sites, is_sites_csv
    from matcher.territory_import import TerritoryImportError, import_file

    try:
        text = file.read_text(encoding="utf-8") if file.suffix.lower() == ".csv" else ""
    except (OSError, UnicodeDecodeError) as error:
        raise click.UsageError(f"{file}: unreadable file ({error}), nothing imported") from None
    try:
        if text and is_sites_csv(text):
            sites = import_sites(file, text, load_territories())
            click.echo(f"Imported {sites.added} site(s) and withdrew {sites.withdrawn} for {sites.basins} basin(s).")
            return
        summary = import_file(file, load_territories())
    except TerritoryImportError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"Imported {summary.facts} fact(s) and {summary.figures} figure(s) for {summary.basins} basin(s). "
               "The passage index is rebuilt on the next match.")


@click.group()
def index() -> None:
    """The FAISS index of CV passages."""


@index.command("build")
@click.option("--embedder", "embedder_spec", default=None, help="use (default), sbert:FOLDER or tfidf.")
@click.option("--kind", type=click.Choice(["flat", "hnsw", "ivf"]), default="flat", show_default=True,
              help="flat is exact; hnsw and ivf are approximate, for very large passage sets.")
def build_index_command(embedder_spec: str | None, kind: str) -> None:
    """Embed every CV passage and write the index atomically below TERRIMATCH_HOME."""
    from matcher.passage_index import build_index

    territories = load_territories()
    built = build_index(territories, _embedder(embedder_spec, territories), kind=kind)
    meta = built.vectors.meta
    click.echo(f"Index built: {meta.n_vectors} passages, embedder {meta.embedder_name} (dim {meta.dim}), "
               f"kind {meta.kind}, data {meta.data_hash}.")


def _embedder(spec: str | None, territories):
    from matcher.embedder_choice import resolve_embedder

    try:
        return resolve_embedder(spec, territories)
    except (ValueError, OSError) as error:
        raise click.UsageError(str(error)) from None


def _project_input(text: str | None, file: Path | None, **fields) -> dict:
    if bool(text) == bool(file):
        raise click.UsageError("give the project either as TEXT or with --file, not both and not neither")
    description = file.read_text(encoding="utf-8") if file else text
    return {"description": description, **{k: v for k, v in fields.items() if v is not None}}


@click.command()
@click.argument("text", required=False)
@click.option("--file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the project text from a file.")
@click.option("--naf", "naf_code",
              help="NAF rév. 2 code of the activity, e.g. 16.21Z (inferred from the text if absent).")
@click.option("--jobs", type=int, help="Jobs created.")
@click.option("--land-ha", type=float, help="Land needed, in hectares.")
@click.option("--power-mw", type=float, help="Electric power needed, in MW.")
@click.option("--occupation", "occupations", multiple=True, metavar="CODE:N",
              help="An occupation sought (FAP 2021 code, see `territories occupations`) and its head count, "
                   "e.g. D1X33:10.")
@click.option("--need", "needs", multiple=True,
              help="A need: rail, waterway, motorway, airport, high_water, gas_hydrogen, industrial_heat, power.")
@click.option("--endogenous/--exogenous", default=None, help="Is the company already established in the region?")
@click.option("--kind", "project_kind",
              type=click.Choice(["extension_same_site", "new_site_existing_company", "takeover", "newcomer"]),
              help="Kind of project: extension of a site the company runs, new site of a company already in the "
                   "region, takeover of a plant, or newcomer.")
@click.option("--existing-site", "existing_site_communes", multiple=True,
              help="INSEE code of the commune of one of the company's sites in the region (repeat for several).")
@click.option("--top", type=click.IntRange(1, 400), default=10, show_default=True)
@scope_option
@click.option("--embedder", "embedder_spec", default=None, help="use (default), sbert:FOLDER or tfidf.")
@click.option("--no-policy", is_flag=True, help="Rank by fit alone, without regional priorities.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def match(text, file, top, scope, embedder_spec, no_policy, fmt, needs, existing_site_communes, occupations,
          **fields) -> None:
    """Rank employment basins for a project described in free TEXT (French, German or English)."""
    from embeddings.index_meta import VectorIndexError
    from matcher.projects import ProjectValidationError, project_from_mapping
    from matcher.service import build_matcher

    try:
        project = project_from_mapping(_project_input(text, file, needs=list(needs), occupations=list(occupations),
                                                      existing_site_communes=list(existing_site_communes), **fields))
    except ProjectValidationError as error:
        raise click.UsageError(f"invalid project: {error}") from None
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
    ranking = "a priori (aucun modèle entraîné)" if result.ranker == "prior" else f"modèle {result.ranker}"
    click.echo(f"Classement : {ranking}\n")
    for item in result.results:
        click.echo(f"{item.rank:>2}. {item.name} ({item.ze2020_code})  score {item.score:+.3f} "
                   f"= adéquation {item.fit:+.3f} + politique {item.policy_adjustment:+.3f}"
                   + ("  [bassin de référence : votre site actuel]" if item.reference else ""))
        for check in item.checks:
            click.echo(f"      {check.topic} : {check.status_label} — {check.detail}")
        if item.versus_reference:
            click.echo(f"      de plus que le bassin de référence : {'; '.join(item.versus_reference)}")
        for passage in item.passages:
            snippet = passage.text if len(passage.text) < 220 else passage.text[:217] + "..."
            click.echo(f"      [{passage.section}, sim {passage.similarity:.2f}] {snippet}")
        if item.unmet_needs:
            click.echo(f"      besoins non couverts : {'; '.join(item.unmet_needs)}")
        if item.met_needs:
            click.echo(f"      besoins déclarés couverts : {'; '.join(item.met_needs)}")
        checks = item.needs_checks
        for verified in (checks.hiring, checks.power) if checks else ():
            if verified is not None:
                click.echo(f"      vérification : {verified.summary}")
