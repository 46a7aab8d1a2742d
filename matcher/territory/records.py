"""Typed records of the territory data: basins, communes, curated CV facts, labelled sites."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

SCOPES = ("ge", "france")
CURATED_SECTIONS = (
    "industrial_fabric",
    "sites_and_land",
    "infrastructure",
    "energy_and_resources",
    "skills_and_training",
    "ecosystem",
)
CODE_COLUMNS = dict.fromkeys(("ze2020_code", "commune_code", "dep_code", "reg_code", "region_code"), str)
# basins.csv columns that are identity, not figures.
IDENTITY_COLUMNS = (
    "ze2020_code",
    "ze2020_name",
    "region_code",
    "region_codes",
    "department_codes",
    "is_interregional",
    "in_grand_est",
    "is_metropolitan",
    "n_communes_2023",
    "centroid_lat",
    "centroid_lon",
)


class UnknownBasinError(KeyError):
    """A ZE2020 code that is not in the basin table."""

    def __str__(self) -> str:
        return f"unknown employment basin code {self.args[0]!r} (expected a ZE2020 code such as 4407)"


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class CuratedSection:
    facts: tuple[str, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Site:
    """A labelled industrial site ("site clés en main")."""

    name: str
    programme: str
    label_date: str
    commune_names: tuple[str, ...]
    basin_code: str | None
    source: Source


@dataclass(frozen=True)
class IndustryTerritory:
    """A "Territoire d'industrie" and how it was attached to basins."""

    name: str
    phase: str
    labelled_year: int
    basin_codes: tuple[str, ...]
    attached_by: str  # "source" (codes given by the file) or "name" (a basin name appears in it)
    source: Source


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    basin_code: str
    dep_code: str
    reg_code: str
    population_2021: float | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Basin:
    code: str
    name: str
    region_codes: tuple[str, ...]
    department_codes: tuple[str, ...]
    in_grand_est: bool
    is_metropolitan: bool
    is_interregional: bool
    n_communes: int
    centroid_lat: float
    centroid_lon: float
    figures: Mapping[str, float | None]
    curated: Mapping[str, CuratedSection] = field(default_factory=dict)
    sites: tuple[Site, ...] = ()
    industry_territories: tuple[IndustryTerritory, ...] = ()

    def figure(self, name: str) -> float | None:
        """A figure by its basins.csv column name; None when the source has no value."""
        return self.figures.get(name)

    @cached_property
    def facts(self) -> tuple[str, ...]:
        """Every curated fact, section after section: where needs met are looked for."""
        return tuple(fact for section in self.curated.values() for fact in section.facts)
