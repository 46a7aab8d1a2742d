"""The CV section "Foncier disponible", built from site rows (brownfields, clés en main, agency inventory)."""

from __future__ import annotations

from matcher.cv.document import CvSection
from matcher.territory.figure_labels import format_number
from matcher.territory.land import FRICHE_SOURCE, SUMMARY_THRESHOLDS_HA, LandSite, format_date, site_place
from matcher.territory.loading import Territories
from matcher.territory.records import Basin, Source

TITLE = "Foncier disponible"
LARGEST_SHOWN = 8
MAX_ACTIVITY_CHARS = 120
FRICHE_REFERENCE = Source(FRICHE_SOURCE, "https://cartofriches.cerema.fr/")
AGENCY_REFERENCE = Source("Inventaire des sites tenu par l'agence de développement", "")


def _activity(text: str | None) -> str:
    if not text:
        return "non renseignée"
    return text if len(text) <= MAX_ACTIVITY_CHARS else text[: MAX_ACTIVITY_CHARS - 1].rstrip() + "…"


def _distance(metres: float | None) -> str:
    return "non renseignée" if metres is None else format_number(round(metres), "m")


def site_line(site: LandSite) -> str:
    """Everything the row says about one site, in French."""
    parts = [
        f"{site_place(site)} : {format_number(None if site.area_ha is None else round(site.area_ha, 1), 'ha')}",
        "accès ferroviaire direct" if site.rail_distance_m == 0 else f"voie ferrée à {_distance(site.rail_distance_m)}",
    ]
    if site.waterway_distance_m is not None:
        parts.append(f"voie d'eau à {_distance(site.waterway_distance_m)}")
    if site.motorway_distance_m is not None:
        parts.append(f"autoroute à {_distance(site.motorway_distance_m)}")
    if site.serviced is not None:
        parts.append("viabilisé" if site.serviced else "non viabilisé")
    parts += [f"zonage {site.zoning or 'non renseigné'}", f"ancienne activité : {_activity(site.former_activity)}"]
    if site.price_eur_m2 is not None:
        parts.append(f"prix {format_number(site.price_eur_m2, '€/m²')}")
    parts += [
        site.status if site.origin == "friche" else f"{site.origin}, {site.status}",
        f"source : {site.source}, {format_date(site.date)}",
    ]
    return " ; ".join(parts) + "."


def _summary_line(sites: tuple[LandSite, ...]) -> str:
    areas = [s.area_ha for s in sites if s.area_ha is not None]
    counts = ", ".join(
        f"{sum(a >= t for a in areas)} de {format_number(t, 'ha')} ou plus" for t in SUMMARY_THRESHOLDS_HA
    )
    confirmed = [s for s in sites if s.confirmed]
    confirmed_ha = format_number(round(sum(s.area_ha or 0 for s in confirmed), 1), "ha")
    return (
        f"{len(sites)} sites disponibles, {format_number(round(sum(areas), 1), 'ha')} au total ; {counts}. "
        f"Dont {len(confirmed)} friches sans projet, sites clés en main ou sites de l'agence "
        f"({confirmed_ha}) et {len(sites) - len(confirmed)} "
        "friches potentielles (anciennes activités des inventaires BASIAS/BASOL, non vérifiées sur le terrain, "
        "qui ne comptent pas pour un besoin de foncier déclaré)."
    )


def land_section(basin: Basin, territories: Territories) -> CvSection:
    """Counts and hectares, the largest sites with their details, and the sites clés en main."""
    sites = territories.land.sites(basin.code)
    if not sites:
        return CvSection(
            "land",
            TITLE,
            (
                (
                    "Aucun site disponible recensé (Cerema Cartofriches, état du 2 octobre "
                    "2023 ; aucun site clés en main ni site de l'agence)."
                ),
            ),
            (FRICHE_REFERENCE,),
        )
    largest = [s for s in sites if s.area_ha is not None][:LARGEST_SHOWN]
    turnkey = [s for s in sites if s.origin == "clés en main"]
    lines = [_summary_line(sites), "Plus grands sites :", *(site_line(s) for s in largest)]
    lines += [
        f"Site industriel « clés en main » : {site_place(s)}, {s.status}, {format_date(s.date)} "
        "(surface non communiquée)."
        for s in turnkey
    ]
    sources = [FRICHE_REFERENCE]
    sources += [site.source for site in basin.sites]
    if any(s.origin == "inventaire agence" for s in sites):
        sources.append(AGENCY_REFERENCE)
    return CvSection("land", TITLE, tuple(lines), tuple(dict.fromkeys(sources)))
