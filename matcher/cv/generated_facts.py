"""Short French facts generated from a basin's structured data, for basins without curated text.

Every fact reads the as-of year of the employment table (2019) and the brownfield rows, never
later figures, so ranking may use them like the curated facts, which describe the fabric before 2019.
"""

from __future__ import annotations

from matcher.cv.document import CvSection
from matcher.cv.employment_section import MIN_JOBS_FOR_SPECIALISATION
from matcher.territory.employment import AS_OF_YEAR, MANUFACTURING_A38, a38_label
from matcher.territory.figure_labels import format_number
from matcher.territory.land import site_place
from matcher.territory.loading import Territories
from matcher.territory.records import Basin, Source

KEY = "generated"
TITLE = "Faits générés à partir des données"
GENERATED_SOURCE = Source(f"Généré à partir des données URSSAF {AS_OF_YEAR} et Cerema Cartofriches 2023", "")
MAX_SECTORS = 5
MAX_SITES = 3
MIN_SITE_HA = 1.0


def _sector_facts(basin: Basin, territories: Territories) -> list[str]:
    data = territories.employment
    rows = [(a38, data.jobs(basin.code, a38)) for a38 in MANUFACTURING_A38]
    present = sorted(((a, j) for a, j in rows if j and j >= MIN_JOBS_FOR_SPECIALISATION), key=lambda r: -r[1])
    facts = []
    for a38, jobs in present[:MAX_SECTORS]:
        specialisation = data.specialisation(basin.code, a38)
        facts.append(
            f"{basin.name} : {a38_label(a38).lower()}, {format_number(jobs)} emplois salariés privés en {AS_OF_YEAR}"
            f" (indice de spécialisation {format_number(round(specialisation or 0.0, 2))} par rapport à la France)."
        )
    return facts


def _site_facts(basin: Basin, territories: Territories) -> list[str]:
    sites = [s for s in territories.land.sites(basin.code) if s.confirmed and (s.area_ha or 0) >= MIN_SITE_HA]
    facts = []
    for site in sites[:MAX_SITES]:
        activity = f", ancienne activité : {site.former_activity}" if site.former_activity else ""
        area = format_number(round(site.area_ha or 0, 1), "ha")
        facts.append(f"{basin.name} : site disponible {site_place(site)} de {area} ({site.status}{activity}).")
    return facts


def generated_facts(basin: Basin, territories: Territories) -> tuple[str, ...]:
    """The basin's main manufacturing sectors (jobs and specialisation, 2019) and largest confirmed sites."""
    return tuple(_sector_facts(basin, territories) + _site_facts(basin, territories))


def generated_section(basin: Basin, territories: Territories) -> CvSection | None:
    """The generated facts as a CV section, only for a basin without curated text."""
    if basin.curated:
        return None
    facts = generated_facts(basin, territories)
    return CvSection(KEY, TITLE, facts, (GENERATED_SOURCE,)) if facts else None
