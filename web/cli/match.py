"""`terrimatch match`: ranked basins for a project described in free text, with facts, checks and reasons."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from matcher.project.french_numbers import french_decimal
from web.cli.options import scope_option


def _project_input(text: str | None, file: Path | None, **fields) -> dict:
    if bool(text) == bool(file):
        raise click.UsageError("donnez le projet en TEXT ou avec --file : l'un des deux, pas les deux")
    description = file.read_text(encoding="utf-8") if file else text
    return {"description": description, **{k: v for k, v in fields.items() if v is not None}}


@click.command()
@click.argument("text", required=False)
@click.option(
    "--file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Lit le texte du projet dans un fichier.",
)
@click.option(
    "--naf", "naf_code", help="Code NAF rév. 2 de l'activité, par exemple 16.21Z (déduit du texte s'il manque)."
)
@click.option("--jobs", type=int, help="Emplois créés.")
@click.option("--land-ha", type=float, help="Foncier nécessaire, en hectares.")
@click.option("--power-mw", type=float, help="Puissance électrique nécessaire, en MW.")
@click.option(
    "--occupation",
    "occupations",
    multiple=True,
    metavar="CODE:N",
    help="Un métier recherché (code FAP 2021, voir `territories occupations`) et son effectif, par exemple D1X33:10.",
)
@click.option(
    "--need",
    "needs",
    multiple=True,
    help="Un besoin : rail, waterway, motorway, airport, high_water, gas_hydrogen, industrial_heat, power.",
)
@click.option("--endogenous/--exogenous", default=None, help="L'entreprise est-elle déjà implantée dans la région ?")
@click.option(
    "--kind",
    "project_kind",
    type=click.Choice(["extension_same_site", "new_site_existing_company", "takeover", "newcomer"]),
    help="Nature du projet : extension d'un site de l'entreprise, nouveau site d'une entreprise déjà "
    "présente dans la région, reprise d'une usine, ou nouvel arrivant.",
)
@click.option(
    "--existing-site",
    "existing_site_communes",
    multiple=True,
    help="Code INSEE de la commune d'un des sites de l'entreprise dans la région (à répéter pour plusieurs).",
)
@click.option("--top", type=click.IntRange(1, 400), default=10, show_default=True)
@scope_option
@click.option("--embedder", "embedder_spec", default=None, help="use (par défaut), sbert:DOSSIER ou tfidf.")
@click.option("--no-policy", is_flag=True, help="Classe selon l'adéquation seule, sans les priorités régionales.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def match(
    text, file, top, scope, embedder_spec, no_policy, fmt, needs, existing_site_communes, occupations, **fields
) -> None:
    """Classe les bassins d'emploi pour un projet décrit en texte libre TEXT (français, allemand ou anglais)."""
    from embeddings.index_meta import VectorIndexError
    from matcher.matching.service import build_matcher
    from matcher.project.record import ProjectValidationError, project_from_mapping

    try:
        project = project_from_mapping(
            _project_input(
                text,
                file,
                needs=list(needs),
                occupations=list(occupations),
                existing_site_communes=list(existing_site_communes),
                **fields,
            )
        )
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
    ranking = "a priori (aucun modèle entraîné)" if result.ranker == "prior" else f"modèle {result.ranker}"
    click.echo(f"Classement : {ranking}\n")
    for item in result.results:
        click.echo(
            f"{item.rank:>2}. {item.name} ({item.ze2020_code})  score {french_decimal(item.score, 3, True)} "
            f"= adéquation {french_decimal(item.fit, 3, True)} "
            f"+ politique {french_decimal(item.policy_adjustment, 3, True)}"
            + ("  [bassin de référence : votre site actuel]" if item.reference else "")
        )
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
        for verified in (checks.hiring, checks.power) if checks else ():
            if verified is not None:
                click.echo(f"      vérification : {verified.summary}")
