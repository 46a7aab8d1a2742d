"""The available land offer of each basin, read from site rows (never from numbers in free text).

Three origins, laid over one another: the shipped Cartofriches brownfields without a project
("friche"), the shipped "sites clés en main" (area unknown) and the agencies' own inventory
("inventaire agence", stored below TERRIMATCH_HOME by `site_inventory`). An agency row with the id
of a shipped site replaces it; a withdrawn agency row removes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from matcher.package_data import shipped_path

if TYPE_CHECKING:
    from matcher.territory.records import Basin

ORIGINS = ("friche", "clés en main", "inventaire agence")
FRICHE_SOURCE = "Cerema, Cartofriches (inventaire national des friches), état du 2 octobre 2023"
FRICHE_DATE = "2023-10-02"
SUMMARY_THRESHOLDS_HA = (1.0, 5.0, 20.0)
# A site counts as rail-served when Cerema measures the rail network within this distance: about
# the length of a spur a site can reasonably build to reach a line.
RAIL_WITHIN_M = 1000.0


class LandSite(NamedTuple):
    """One available site (a named tuple: 18,320 of them are built at load time)."""

    site_id: str
    name: str
    commune_code: str | None
    commune_name: str | None
    basin_code: str | None
    area_ha: float | None  # None: not given by the source
    origin: str  # one of ORIGINS
    status: str  # "friche sans projet", "friche potentielle", "disponible", "labellisé"...
    source: str
    date: str  # ISO date (or year-month) of the record
    serviced: bool | None = None  # viabilisé; None: unknown
    rail_distance_m: float | None = None  # 0 for a site with its own rail access
    waterway_distance_m: float | None = None
    motorway_distance_m: float | None = None
    zoning: str | None = None  # local plan zone: U, AU, A, N...
    former_activity: str | None = None
    price_eur_m2: float | None = None
    site_type: str | None = None
    soil_pollution: str | None = None

    def rail_within(self, metres: float) -> bool:
        return self.rail_distance_m is not None and self.rail_distance_m <= metres

    @property
    def confirmed(self) -> bool:
        """Whether the site may meet a declared land need. A "friche potentielle" is a former polluting
        activity from BASIAS/BASOL that nobody checked on the ground and may be built over: shown, not counted."""
        return self.status != "friche potentielle"


def format_date(iso: str) -> str:
    """'2023-10-02' -> '02/10/2023'; '2020-01' -> '01/2020'; anything else unchanged."""
    parts = iso.split("-")
    return "/".join(reversed(parts)) if all(p.isdigit() for p in parts) else iso


def site_place(site: LandSite) -> str:
    """'Gare de triage (Lumes)'."""
    return f"{site.name} ({site.commune_name})" if site.commune_name else site.name


@dataclass(frozen=True)
class LandSummary:
    count: int
    total_ha: float
    at_least: Mapping[float, int]  # threshold in ha -> sites of at least that area


def _area(site: LandSite) -> float:
    return site.area_ha if site.area_ha is not None else -1.0


@dataclass(frozen=True, eq=False)
class LandOffer:
    """Every basin's available sites, largest first (sites of unknown area last)."""

    by_basin: Mapping[str, tuple[LandSite, ...]]

    def sites(self, basin_code: str) -> tuple[LandSite, ...]:
        return self.by_basin.get(basin_code, ())

    def largest(self, basin_code: str, include_potential: bool = False) -> LandSite | None:
        """The largest site of known area (confirmed ones only unless asked), None when there is none."""
        return next(
            (s for s in self.sites(basin_code) if s.area_ha is not None and (include_potential or s.confirmed)), None
        )

    def sites_at_least(
        self, basin_code: str, ha: float, rail_within_m: float | None = None, include_potential: bool = False
    ) -> list[LandSite]:
        """Sites of at least `ha` hectares (rail within `rail_within_m` metres when given), largest first;
        confirmed sites only unless `include_potential`."""
        found = []
        for site in self.sites(basin_code):
            if site.area_ha is None or site.area_ha < ha:
                break
            if (include_potential or site.confirmed) and (rail_within_m is None or site.rail_within(rail_within_m)):
                found.append(site)
        return found

    def summary(self, basin_code: str) -> LandSummary:
        areas = [s.area_ha for s in self.sites(basin_code) if s.area_ha is not None]
        return LandSummary(
            count=len(self.sites(basin_code)),
            total_ha=sum(areas),
            at_least=MappingProxyType({t: sum(a >= t for a in areas) for t in SUMMARY_THRESHOLDS_HA}),
        )


def _text(raw: str) -> str | None:
    return " ".join(raw.split()) or None if raw else None


def site_from_record(site_id: str, record: Mapping[str, Any]) -> LandSite:
    """A LandSite from a stored agency record (JSON values, checked when the record was saved)."""
    return LandSite(
        site_id=site_id,
        name=str(record["site_name"]),
        commune_code=record.get("commune_code"),
        commune_name=None,
        basin_code=record.get("basin_code"),
        area_ha=record.get("area_ha"),
        origin="inventaire agence",
        status=str(record.get("status") or "disponible"),
        source=str(record["source"]),
        date=str(record["date"]),
        serviced=record.get("serviced"),
        rail_distance_m=record.get("rail_distance_m"),
        waterway_distance_m=record.get("waterway_distance_m"),
        motorway_distance_m=record.get("motorway_distance_m"),
        zoning=record.get("zoning"),
        former_activity=record.get("former_activity"),
        price_eur_m2=record.get("price_eur_m2"),
    )


@lru_cache(maxsize=1)
def commune_names() -> Mapping[str, str]:
    """INSEE commune code -> name (geography 2023)."""
    frame = pd.read_csv(
        shipped_path("territories", "communes.csv"), usecols=["commune_code", "commune_name"], dtype=str
    )
    return MappingProxyType(dict(zip(frame["commune_code"], frame["commune_name"], strict=True)))


def _site_name(raw: str, site_id: str) -> str:
    name = _text(raw)
    return "Friche sans nom" if not name or name == site_id or SITE_ID_AS_NAME.match(name) else name


SITE_ID_AS_NAME = re.compile(r"^\d[\dAB]\d{3}_\d+$")  # Cartofriches names some sites by their id


@lru_cache(maxsize=1)
def commune_basins() -> Mapping[str, str]:
    """INSEE commune code -> ZE2020 basin code (geography 2023)."""
    frame = pd.read_csv(shipped_path("territories", "communes.csv"), usecols=["commune_code", "ze2020_code"], dtype=str)
    return MappingProxyType(dict(zip(frame["commune_code"], frame["ze2020_code"], strict=True)))


COLUMNS = (
    "site_id",
    "site_name",
    "site_type",
    "status",
    "surface_m2",
    "former_activity",
    "zoning_type",
    "rail_distance_m",
    "waterway_distance_m",
    "soil_pollution",
    "source",
    "updated",
    "commune_code",
    "ze2020_code",
)


@lru_cache(maxsize=1)
def shipped_brownfields() -> tuple[LandSite, ...]:
    """The 18,320 Cartofriches sites without a project, read once per process."""
    frame = pd.read_csv(
        shipped_path("territories", "brownfields_available.csv"),
        usecols=list(COLUMNS),
        dtype=str,
        keep_default_na=False,
    )
    names = commune_names()
    sites = []
    # Plain lists: iterating pandas string columns row by row costs ten times more.
    for site_id, name, kind, status, m2, former, zoning, rail, water, pollution, source, updated, commune, basin in zip(
        *(frame[c].tolist() for c in COLUMNS), strict=True
    ):
        sites.append(
            LandSite(
                site_id=site_id,
                name=_site_name(name, site_id),
                commune_code=commune or None,
                commune_name=names.get(commune),
                basin_code=basin or None,
                area_ha=float(m2) / 10_000,
                origin="friche",
                status=status,
                source=f"{source} (Cerema Cartofriches)",
                date=updated,
                rail_distance_m=float(rail) if rail else None,
                waterway_distance_m=float(water) if water else None,
                zoning=zoning or None,
                former_activity=_text(former),
                site_type=kind or None,
                soil_pollution=pollution or None,
            )
        )
    return tuple(sites)


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def turnkey_sites(basins: Iterable[Basin]) -> list[LandSite]:
    """The labelled "sites clés en main" of the basins (their area is not in the source)."""
    return [
        LandSite(
            site_id=f"cles-en-main-{_slug(site.name)}",
            name=site.name,
            commune_code=None,
            commune_name=", ".join(site.commune_names) or None,
            basin_code=basin.code,
            area_ha=None,
            origin="clés en main",
            status=f"labellisé ({site.programme})",
            source=site.source.title,
            date=site.label_date,
        )
        for basin in basins
        for site in basin.sites
    ]


@lru_cache(maxsize=1)
def _shipped_by_basin() -> Mapping[str, tuple[LandSite, ...]]:
    grouped: dict[str, list[LandSite]] = {}
    for site in shipped_brownfields():
        if site.basin_code:
            grouped.setdefault(site.basin_code, []).append(site)
    return MappingProxyType({code: _largest_first(rows) for code, rows in grouped.items()})


def _with_commune_name(site: LandSite, names: Mapping[str, str]) -> LandSite:
    if site.commune_name or not site.commune_code:
        return site
    return site._replace(commune_name=names.get(site.commune_code))


def _largest_first(rows: Iterable[LandSite]) -> tuple[LandSite, ...]:
    return tuple(sorted(rows, key=lambda s: (-_area(s), s.site_id)))


def build_offer(extra: Iterable[LandSite], agency: Mapping[str, dict]) -> LandOffer:
    """The shipped brownfields plus `extra` sites, with the agency records laid over them by site id."""
    by_basin = dict(_shipped_by_basin())
    added = list(extra) + [site_from_record(i, r) for i, r in agency.items() if not r.get("withdrawn")]
    removed = set(agency)  # an agency record replaces or withdraws the shipped row of the same id
    touched = {s.basin_code for s in added if s.basin_code is not None}
    if removed:
        touched |= {code for code, sites in by_basin.items() if any(s.site_id in removed for s in sites)}
    names = commune_names()
    for code in touched:
        kept = [s for s in by_basin.get(code, ()) if s.site_id not in removed]
        new = [_with_commune_name(s, names) for s in added if s.basin_code == code]
        by_basin[code] = _largest_first(kept + new)
    return LandOffer(MappingProxyType(by_basin))


def load_land(basins: Iterable[Basin], agency: Mapping[str, dict]) -> LandOffer:
    """The land offer of the given basins: shipped rows, then the agencies' records (by site id) over them."""
    return build_offer(turnkey_sites(basins), agency)
