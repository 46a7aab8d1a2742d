"""Import an agency's site inventory (CSV) into the territory overrides, all or nothing.

Columns: site_name, commune_code, source, date (YYYY-MM-DD) are required; area_ha, serviced
(oui/non), rail_distance_m, waterway_distance_m, motorway_distance_m (0 = direct access), zoning,
former_activity, price_eur_m2, status are optional; site_id (empty: a new agency site, else the
site it replaces) and action (add, the default, or withdraw: only site_id is then read).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from matcher.territory import overlays
from matcher.territory.facts_import import Problem, TerritoryImportError
from matcher.territory.land import commune_basins
from matcher.territory.loading import Territories
from matcher.territory.site_inventory import FIELDS, SITE_ID, new_site_id, parse_record, record_of

ACTIONS = ("add", "withdraw")
COLUMNS = ("site_id", "action", *FIELDS)


@dataclass(frozen=True)
class SiteImportSummary:
    added: int
    withdrawn: int
    basins: int


def is_sites_csv(text: str) -> bool:
    """A sites inventory is told from a facts file by its header."""
    header = next(csv.reader(io.StringIO(text)), [])
    return "site_name" in header or ("site_id" in header and "action" in header)


def _site_basins(territories: Territories) -> dict[str, str]:
    """Basin of every site on offer now, by site id."""
    return {s.site_id: code for code, sites in territories.land.by_basin.items() for s in sites}


def _row_change(
    row: dict[str, str], where: str, known: dict[str, str], territories: Territories, problems: list[Problem]
) -> tuple[str, str, dict] | None:
    site_id, action = (row.get("site_id") or "").strip(), (row.get("action") or "add").strip() or "add"
    if action not in ACTIONS:
        problems.append(Problem(where, "action", f"« {action[:20]} » : attendu add ou withdraw"))
        return None
    if site_id and not SITE_ID.match(site_id):
        problems.append(Problem(where, "site_id", "identifiant invalide (lettres, chiffres, . _ - ; 60 au plus)"))
        return None
    if action == "withdraw":
        if site_id not in known:
            problems.append(Problem(where, "site_id", f"site inconnu : « {site_id[:60]} »"))
            return None
        current = next(s for s in territories.land.sites(known[site_id]) if s.site_id == site_id)
        return site_id, known[site_id], {**record_of(current), "withdrawn": True}
    record, found = parse_record(row, commune_basins())
    problems += [Problem(where, name, message) for name, message in found]
    return (site_id, str(record["basin_code"]), record) if not found else None


def parse_sites(text: str, territories: Territories) -> tuple[list[tuple[str, str, dict]], list[Problem]]:
    """(site id, basin, record) of every row, and every problem with its line and field."""
    reader = csv.DictReader(io.StringIO(text))
    unknown = [c for c in reader.fieldnames or [] if c not in COLUMNS]
    if unknown:
        return [], [Problem("line 1", ", ".join(unknown), f"colonne(s) inconnue(s) ; attendues : {', '.join(COLUMNS)}")]
    known = _site_basins(territories)
    changes: list[tuple[str, str, dict]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        where = f"line {line}"
        change = _row_change(row, where, known, territories, problems)
        if change is None:
            continue
        site_id = change[0] or new_site_id(change[1], set(known) | seen)
        if site_id in seen:
            problems.append(Problem(where, "site_id", f"« {site_id} » apparaît deux fois dans le fichier"))
        seen.add(site_id)
        changes.append((site_id, change[1], change[2]))
    return changes, problems


def import_sites(path, text: str, territories: Territories) -> SiteImportSummary:
    """Validate every row; write the overrides only when all rows are valid."""
    changes, problems = parse_sites(text, territories)
    if not problems and not changes:
        problems.append(Problem("file", "content", "aucun site à importer"))
    if problems:
        raise TerritoryImportError(path, problems)
    overrides = overlays.read_overrides()
    for site_id, basin, record in changes:
        for entry in overrides.values():  # a site moved to another commune leaves its old basin
            entry.get("sites", {}).pop(site_id, None)
        overrides.setdefault(basin, {}).setdefault("sites", {})[site_id] = record
    overlays.write_overrides(overrides)
    withdrawn = sum(1 for _, _, r in changes if r.get("withdrawn"))
    return SiteImportSummary(len(changes) - withdrawn, withdrawn, len({b for _, b, _ in changes}))
