"""The agencies' site inventory: records kept in the territory overrides, checked field by field.

Each basin's entry of the overrides file (see `overlays`) may hold `"sites": {site_id:
record}`; a record is a site of `land.LandSite` in plain JSON, or `{"withdrawn": true, ...}` to
take a shipped or earlier site off the offer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date

from matcher.territory.land import LandSite

FIELDS = (
    "site_name",
    "commune_code",
    "area_ha",
    "serviced",
    "rail_distance_m",
    "waterway_distance_m",
    "motorway_distance_m",
    "zoning",
    "former_activity",
    "price_eur_m2",
    "status",
    "source",
    "date",
)
REQUIRED = ("site_name", "commune_code", "source", "date")
NUMBERS = ("area_ha", "rail_distance_m", "waterway_distance_m", "motorway_distance_m", "price_eur_m2")
YES, NO = ("oui", "yes", "true", "1", "o"), ("non", "no", "false", "0", "n")
MAX_TEXT = 300
SITE_ID = re.compile(r"^[\w.-]{1,60}$")


def agency_sites(overrides: Mapping[str, dict]) -> dict[str, dict]:
    """Every agency record, keyed by site id, whatever basin entry holds it."""
    return {site_id: record for entry in overrides.values() for site_id, record in entry.get("sites", {}).items()}


def record_of(site: LandSite) -> dict[str, object]:
    """The editable fields of a site, as a record (what an edit starts from)."""
    return {
        "site_name": site.name,
        "commune_code": site.commune_code,
        "basin_code": site.basin_code,
        "area_ha": site.area_ha,
        "serviced": site.serviced,
        "rail_distance_m": site.rail_distance_m,
        "waterway_distance_m": site.waterway_distance_m,
        "motorway_distance_m": site.motorway_distance_m,
        "zoning": site.zoning,
        "former_activity": site.former_activity,
        "price_eur_m2": site.price_eur_m2,
        "status": site.status,
        "source": site.source,
        "date": site.date,
    }


def _number(name: str, raw: str, problems: list[tuple[str, str]]) -> float | None:
    if not raw:
        return None
    try:
        value = float(raw.replace("\u202f", "").replace(" ", "").replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        problems.append((name, f"« {raw[:40]} » n'est pas un nombre positif"))
        return None
    return value


def _serviced(raw: str, problems: list[tuple[str, str]]) -> bool | None:
    if not raw:
        return None
    if raw.lower() in YES + NO:
        return raw.lower() in YES
    problems.append(("serviced", f"« {raw[:40]} » : attendu oui, non ou vide"))
    return None


def parse_record(
    raw: Mapping[str, str | None], basin_of_commune: Mapping[str, str]
) -> tuple[dict, list[tuple[str, str]]]:
    """A stored record from text fields, and the (field, French reason) of each problem."""
    values = {name: (raw.get(name) or "").strip() for name in FIELDS}
    problems = [(name, "champ obligatoire vide") for name in REQUIRED if not values[name]]
    problems += [(name, f"plus de {MAX_TEXT} caractères") for name, v in values.items() if len(v) > MAX_TEXT]
    basin = basin_of_commune.get(values["commune_code"])
    if values["commune_code"] and basin is None:
        problems.append(("commune_code", f"code commune INSEE inconnu : « {values['commune_code'][:10]} »"))
    if values["date"]:
        try:
            date.fromisoformat(values["date"])
        except ValueError:
            problems.append(("date", f"« {values['date'][:20]} » : date attendue au format AAAA-MM-JJ"))
    record: dict[str, object] = {name: values[name] or None for name in FIELDS}
    record.update({name: _number(name, values[name], problems) for name in NUMBERS})
    record["serviced"] = _serviced(values["serviced"], problems)
    record["basin_code"] = basin
    return record, problems


def new_site_id(basin_code: str, taken: set[str]) -> str:
    """The next free agency id of a basin: agence-4407-1, agence-4407-2..."""
    n = 1
    while f"agence-{basin_code}-{n}" in taken:
        n += 1
    return f"agence-{basin_code}-{n}"
