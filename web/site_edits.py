"""Agency edits of a basin's site inventory: validate, store a version, write the territory overrides."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from matcher.territory import overlays
from matcher.territory.land import LandSite, commune_basins
from matcher.territory.loading import Territories
from matcher.territory.records import Basin
from matcher.territory.site_inventory import FIELDS, new_site_id, parse_record, record_of
from web.cv_edits import EditError, overrides_lock
from web.extensions import db
from web.records.core import User
from web.records.site_versions import SiteEdit

log = logging.getLogger(__name__)
FIELD_LABELS = {
    "site_name": "Nom du site",
    "commune_code": "Code INSEE de la commune",
    "area_ha": "Surface disponible (ha)",
    "serviced": "Viabilisé (oui, non ou vide)",
    "rail_distance_m": "Distance à la voie ferrée (m, 0 = embranché)",
    "waterway_distance_m": "Distance à une voie d'eau (m)",
    "motorway_distance_m": "Distance à un échangeur autoroutier (m)",
    "zoning": "Zonage du document d'urbanisme (U, AU, A, N...)",
    "former_activity": "Ancienne activité",
    "price_eur_m2": "Prix (€/m²)",
    "status": "Statut (disponible, réservé...)",
    "source": "Source",
    "date": "Date (AAAA-MM-JJ)",
}


def find_site(territories: Territories, code: str, site_id: str) -> LandSite | None:
    return next((s for s in territories.land.sites(code) if s.site_id == site_id), None)


def form_values(site: LandSite) -> dict[str, str]:
    """The text fields of the form, filled from a site."""
    record = record_of(site)
    serviced = "oui" if record["serviced"] is True else "non" if record["serviced"] is False else ""
    return {
        name: serviced if name == "serviced" else ("" if record[name] is None else str(record[name])) for name in FIELDS
    }


def _checked(basin: Basin, raw: Mapping[str, str | None]) -> dict[str, Any]:
    record, problems = parse_record(raw, commune_basins())
    if problems:
        raise EditError(" ; ".join(f"{FIELD_LABELS[name]} : {message}" for name, message in problems))
    if record["basin_code"] != basin.code:
        raise EditError(f"{FIELD_LABELS['commune_code']} : la commune n'appartient pas au bassin {basin.name}.")
    return record


def _write(code: str, site_id: str, record: dict[str, Any]) -> None:
    with overrides_lock():
        overrides = overlays.read_overrides()
        overrides.setdefault(code, {}).setdefault("sites", {})[site_id] = record
        overlays.write_overrides(overrides)


def _store(
    code: str, site_id: str, action: str, record: dict, previous: dict | None, author: User, note: str
) -> SiteEdit:
    edit = SiteEdit(
        ze2020_code=code,
        site_id=site_id,
        action=action,
        record=record,
        previous=previous,
        note=note.strip()[:500],
        author_id=author.id,
    )
    db.session.add(edit)
    db.session.flush()
    _write(code, site_id, record)
    log.info("site edit %s: basin %s site %s %s by user %s", edit.id, code, site_id, action, author.id)
    return edit


def save_site(
    territories: Territories,
    basin: Basin,
    site_id: str | None,
    raw: Mapping[str, str | None],
    author: User,
    note: str = "",
) -> SiteEdit:
    """Add a site (no id) or store a new version of one; the caller commits and refreshes."""
    record = _checked(basin, raw)
    current = find_site(territories, basin.code, site_id) if site_id else None
    if site_id and current is None:
        raise EditError("Site inconnu dans ce bassin.")
    previous = record_of(current) if current else None
    if previous is not None and {k: previous.get(k) for k in record} == record:
        raise EditError("Aucune modification : le site est identique à la version en vigueur.")
    if not site_id:
        site_id = new_site_id(
            basin.code, {s.site_id for s in territories.land.sites(basin.code)} | set(territories.agency_sites)
        )
    return _store(basin.code, site_id, "edit" if current else "add", record, previous, author, note)


def withdraw_site(territories: Territories, basin: Basin, site_id: str, author: User, note: str = "") -> SiteEdit:
    """Take a site off the basin's offer (a shipped brownfield as well as an agency site)."""
    current = find_site(territories, basin.code, site_id)
    if current is None:
        raise EditError("Site inconnu dans ce bassin.")
    previous = record_of(current)
    return _store(basin.code, site_id, "withdraw", {**previous, "withdrawn": True}, previous, author, note)


def site_history(code: str) -> list[SiteEdit]:
    """Site edits of a basin, newest first."""
    query = db.select(SiteEdit).filter_by(ze2020_code=code).order_by(SiteEdit.id.desc())
    return list(db.session.execute(query).scalars())


def changed_fields(edit: SiteEdit) -> list[tuple[str, str, str]]:
    """(field label, before, after) of every field the edit changed."""
    before = edit.previous or {}
    return [
        (FIELD_LABELS[name], _shown(before.get(name)), _shown(edit.record.get(name)))
        for name in FIELDS
        if before.get(name) != edit.record.get(name)
    ]


def _shown(value: object) -> str:
    if value is None:
        return "—"
    return {True: "oui", False: "non"}.get(value, str(value)) if isinstance(value, bool) else str(value)
