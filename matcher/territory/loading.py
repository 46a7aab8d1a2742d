"""Load employment basins (ZE2020), their communes and curated CV facts, overlays applied."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from matcher.package_data import shipped_path
from matcher.territory import overlays
from matcher.territory.records import (
    CODE_COLUMNS,
    IDENTITY_COLUMNS,
    SCOPES,
    Basin,
    Commune,
    CuratedSection,
    IndustryTerritory,
    Site,
    Source,
    UnknownBasinError,
)
from matcher.territory.site_inventory import agency_sites

if TYPE_CHECKING:
    from matcher.territory.employment import SectorEmployment
    from matcher.territory.land import LandOffer


@dataclass(frozen=True)
class Territories:
    """All basins with their curated facts; communes load on first use."""

    basins: Mapping[str, Basin]
    data_hash: str
    agency_sites: Mapping[str, dict] = field(default_factory=dict)  # site id -> agency record (site_inventory)

    def basin(self, code: str) -> Basin:
        try:
            return self.basins[code]
        except KeyError:
            raise UnknownBasinError(code) from None

    def scope(self, scope: str) -> list[Basin]:
        """Basins of a scope: "ge" (Grand Est, the default) or "france" (all 306)."""
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}: choose one of {', '.join(SCOPES)}")
        basins = sorted(self.basins.values(), key=lambda b: b.code)
        return basins if scope == "france" else [b for b in basins if b.in_grand_est]

    @cached_property
    def national(self) -> Mapping[str, float]:
        """Sums of every figure over metropolitan France: the reference for specialisation."""
        metro = [b for b in self.basins.values() if b.is_metropolitan]
        names = {n for b in metro for n in b.figures}
        return {n: sum(b.figures.get(n) or 0.0 for b in metro) for n in names}

    @cached_property
    def employment(self) -> SectorEmployment:
        """Private salaried jobs by basin, A38 sector and year (URSSAF)."""
        from matcher.territory.employment import load_employment

        return load_employment()

    @cached_property
    def land(self) -> LandOffer:
        """Available sites per basin: brownfields, sites clés en main, agency inventory laid over them."""
        from matcher.territory.land import load_land

        return load_land(self.basins.values(), self.agency_sites)

    @property
    def communes(self) -> Mapping[str, Commune]:
        return load_communes()


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # type: ignore[arg-type]


def _read_basin_table(path: Path) -> dict[str, Basin]:
    frame = pd.read_csv(path, dtype=CODE_COLUMNS)
    figure_columns = [c for c in frame.columns if c not in IDENTITY_COLUMNS]
    basins = {}
    for row in frame.to_dict("records"):
        basins[row["ze2020_code"]] = Basin(
            code=row["ze2020_code"],
            name=row["ze2020_name"],
            region_codes=tuple(str(row["region_codes"]).split("|")),
            department_codes=tuple(str(row["department_codes"]).split("|")),
            in_grand_est=bool(row["in_grand_est"]),
            is_metropolitan=bool(row["is_metropolitan"]),
            is_interregional=bool(row["is_interregional"]),
            n_communes=int(row["n_communes_2023"]),
            centroid_lat=float(row["centroid_lat"]),
            centroid_lon=float(row["centroid_lon"]),
            figures=MappingProxyType({c: _number(row[c]) for c in figure_columns}),
        )
    return basins


def _read_profiles(paths: list[Path]) -> dict[str, dict[str, CuratedSection]]:
    curated: dict[str, dict[str, CuratedSection]] = {}
    for path in paths:
        for code, profile in json.loads(path.read_text(encoding="utf-8")).items():
            curated[code] = {
                name: CuratedSection(
                    facts=tuple(facts), sources=tuple(Source(**s) for s in profile.get("sources", {}).get(name, []))
                )
                for name, facts in profile["sections"].items()
            }
    return curated


def _read_sites(path: Path) -> list[Site]:
    frame = pd.read_csv(path, dtype=CODE_COLUMNS | {"commune_codes": str}, keep_default_na=False)
    return [
        Site(
            name=row["site_name"],
            programme=row["label_programme"],
            label_date=row["label_date"],
            commune_names=tuple(n for n in row["commune_names"].split("|") if n),
            basin_code=row["ze2020_code"] or None,
            source=Source(row["source_title"], row["source_url"]),
        )
        for row in frame.to_dict("records")
    ]


def _read_industry_territories(path: Path, basins: Mapping[str, Basin]) -> list[IndustryTerritory]:
    frame = pd.read_csv(path, dtype={"ze2020_codes": str}, keep_default_na=False)
    territories = []
    for row in frame.to_dict("records"):
        codes = tuple(c for c in row["ze2020_codes"].split("|") if c)
        attached_by = "source"
        if not codes:
            # The source gives no EPCI list; attach only where a basin's own name is written out.
            codes = _basins_named_in(row["territory_name"], basins)
            attached_by = "name"
        territories.append(
            IndustryTerritory(
                name=row["territory_name"],
                phase=row["programme_phase"],
                labelled_year=int(row["labelled_year"]),
                basin_codes=codes,
                attached_by=attached_by,
                source=Source(row["source_title"], row["source_url"]),
            )
        )
    return territories


def _basins_named_in(text: str, basins: Mapping[str, Basin]) -> tuple[str, ...]:
    folded = text.casefold()
    return tuple(
        b.code
        for b in basins.values()
        if b.in_grand_est and any(part.casefold() in folded for part in _name_parts(b.name))
    )


def _name_parts(name: str) -> list[str]:
    # "Vitry-le-François Saint-Dizier" is two towns; each one names the basin.
    parts = [p for p in name.replace(" Saint-", "|Saint-").split("|") if len(p) > 3]
    return parts or [name]


def data_files() -> list[Path]:
    """The shipped files a Territories object is built from (they make its data hash)."""
    folder = shipped_path("territories")
    return [
        folder / "basins.csv",
        folder / "basin_profiles_a.json",
        folder / "basin_profiles_b.json",
        folder / "sites_cles_en_main_grand_est.csv",
        folder / "territoires_industrie_grand_est.csv",
        folder / "salaried_jobs_a38.csv",
        folder / "brownfields_available.csv",
    ]


def _hash_files(paths: list[Path], extra: bytes) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    digest.update(extra)
    return digest.hexdigest()[:16]


def load_territories(overrides: Mapping[str, dict] | None = None) -> Territories:
    """Basins from the shipped files, with imported overrides (see `overlays`) applied."""
    if overrides is None:
        overrides = overlays.read_overrides()
    files = data_files()
    basins = _read_basin_table(files[0])
    curated = _read_profiles(files[1:3])
    sites = _read_sites(files[3])
    industry = _read_industry_territories(files[4], basins)
    for code, basin in basins.items():
        basins[code] = replace(
            basin,
            curated=MappingProxyType(curated.get(code, {})),
            sites=tuple(s for s in sites if s.basin_code == code),
            industry_territories=tuple(t for t in industry if code in t.basin_codes),
        )
    basins = overlays.apply_overrides(basins, overrides)
    extra = json.dumps(overrides, sort_keys=True, ensure_ascii=False).encode()
    return Territories(
        basins=MappingProxyType(basins),
        data_hash=_hash_files(files, extra),
        agency_sites=MappingProxyType(agency_sites(overrides)),
    )


@lru_cache(maxsize=1)
def load_communes() -> Mapping[str, Commune]:
    """All 34,945 communes (geography 2023), keyed by INSEE code."""
    frame = pd.read_csv(shipped_path("territories", "communes.csv"), dtype=CODE_COLUMNS)
    return MappingProxyType(
        {
            row["commune_code"]: Commune(
                code=row["commune_code"],
                name=row["commune_name"],
                basin_code=row["ze2020_code"],
                dep_code=row["dep_code"],
                reg_code=row["reg_code"],
                population_2021=_number(row["population_2021"]),
                lat=_number(row["lat"]),
                lon=_number(row["lon"]),
            )
            for row in frame.to_dict("records")
        }
    )
