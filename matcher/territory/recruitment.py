"""France Travail's BMO 2025 hiring projects, carried over from BMO basins to employment basins (ZE2020).

A BMO basin's figures are spread over the employment basins in proportion to the 2021 population of
its communes lying in each of them (communes tied to BMO basins by the 2019 table). The shares of a
BMO basin add up to one, so carried-over totals equal the source totals, less the few BMO basins
without any commune in the 2019 table (kept in `unallocated`). Cells below France Travail's
disclosure threshold count as zero. (Mayotte, without a 2021 census population, is weighted by its
communes.) Regional and national figures come from the BMO file itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType

import pandas as pd

from matcher.package_data import shipped_path

BMO_YEAR = "2025"
BMO_SOURCE = "France Travail, enquête Besoins en Main-d'Œuvre (BMO) 2025"
MAPPING_SOURCE = "Pôle emploi, communes des bassins BMO (zonage 2019), et INSEE, population 2021 des communes"
COUNTS = ("hiring_projects", "hiring_projects_difficult", "hiring_projects_seasonal")
NATIONAL = "FR"
# FAP 2021 domains of industry and its maintenance and engineering: electricity (C), mechanics (D),
# process industries (E), materials (F), maintenance (G), industrial engineers and technicians (H).
INDUSTRIAL_DOMAINS = frozenset("CDEFGH")
INDUSTRIAL_FAMILY = "I"  # "Ouvriers des secteurs de l'industrie", wherever their domain
REGION_NAMES = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}


@dataclass(frozen=True)
class Occupation:
    code: str  # FAP 2021
    label: str
    family_code: str
    family_label: str

    @property
    def industrial(self) -> bool:
        return self.family_code == INDUSTRIAL_FAMILY or self.code[:1] in INDUSTRIAL_DOMAINS


@dataclass(frozen=True)
class Hiring:
    """Hiring projects of an area, for some occupations."""

    projects: float
    difficult: float
    seasonal: float

    @property
    def share_difficult(self) -> float | None:
        return 100 * self.difficult / self.projects if self.projects else None


@dataclass(frozen=True)
class Recruitment:
    """Hiring projects per employment basin, région and France, by occupation."""

    areas: Mapping[str, pd.DataFrame]  # ZE2020 code, région code or NATIONAL -> counts by occupation code
    occupations: Mapping[str, Occupation]
    basin_regions: Mapping[str, str]  # ZE2020 code -> région holding most of its population
    shares: pd.DataFrame  # bmo_basin_code, bmo_basin_name, ze2020_code, weight (share of the BMO basin)
    unallocated: Mapping[str, float]  # BMO basin code -> projects of a basin without communes

    @cached_property
    def _counts(self) -> dict[str, dict[str, tuple[float, float, float]]]:
        # Plain dicts: a match asks for a few occupations in ten basins, and pandas lookups cost ms each.
        return {
            area: {
                code: (float(projects), float(difficult), float(seasonal))
                for code, (projects, difficult, seasonal) in zip(
                    frame.index, frame[list(COUNTS)].to_numpy(), strict=True
                )
            }
            for area, frame in self.areas.items()
        }

    def hiring(self, area: str, occupations: Iterable[str] | None = None) -> Hiring:
        """Hiring projects of `area` for `occupations` (all when None); zero for an unknown area."""
        table = self._counts.get(area, {})
        rows = table.values() if occupations is None else [table[c] for c in occupations if c in table]
        return Hiring(*(float(sum(column)) for column in zip(*rows, strict=True))) if rows else Hiring(0.0, 0.0, 0.0)

    def industrial_codes(self) -> list[str]:
        return [code for code, occupation in self.occupations.items() if occupation.industrial]

    def region_name(self, basin_code: str) -> str:
        code = self.basin_regions.get(basin_code, "")
        return REGION_NAMES.get(code, f"région {code}")


def _plain(code: str) -> str:
    return code.lstrip("0") or "0"


def commune_shares(commune_bmo: pd.DataFrame, communes: pd.DataFrame, bmo_basins: pd.DataFrame) -> pd.DataFrame:
    """Each BMO 2025 basin's share of population in each employment basin (rows sum to 1 per BMO basin)."""
    codes = {_plain(c): c for c in bmo_basins["bmo_basin_code"]}
    by_name = {
        n.strip().upper(): c for c, n in zip(bmo_basins["bmo_basin_code"], bmo_basins["bmo_basin_name"], strict=True)
    }
    table = commune_bmo.assign(plain=commune_bmo["bmo_basin_code"].map(_plain))
    # A 2019 code gone from BMO 2025 is the same basin under a new code when the names agree (Mayotte 0405 -> 601).
    table["code"] = [
        codes.get(p) or (by_name.get(str(n).strip().upper()) if p not in codes else None)
        for p, n in zip(table["plain"], table["bmo_basin_name"], strict=True)
    ]
    joined = table.dropna(subset=["code"]).merge(communes, on="commune_code")
    # Mayotte has no 2021 census population: a basin without any is weighted by its communes.
    unknown = joined.groupby("code")["population_2021"].transform("sum") == 0
    joined["population"] = joined["population_2021"].where(~unknown, 1.0)
    population = joined.groupby(["code", "ze2020_code"])["population"].sum().reset_index()
    population["weight"] = population["population"] / population.groupby("code")["population"].transform("sum")
    names = dict(zip(bmo_basins["bmo_basin_code"], bmo_basins["bmo_basin_name"], strict=True))
    return pd.DataFrame(
        {
            "bmo_basin_code": population["code"],
            "bmo_basin_name": population["code"].map(names),
            "ze2020_code": population["ze2020_code"],
            "weight": population["weight"],
        }
    )


def carry_over(bmo: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Hiring counts per employment basin and occupation: each BMO basin's counts times its shares."""
    merged = bmo.merge(shares[["bmo_basin_code", "ze2020_code", "weight"]], on="bmo_basin_code")
    for column in COUNTS:
        merged[column] = merged[column] * merged["weight"]
    return merged.groupby(["ze2020_code", "occupation_code"], as_index=False)[list(COUNTS)].sum()


def _by_area(frame: pd.DataFrame, key: str) -> dict[str, pd.DataFrame]:
    grouped = frame.groupby([key, "occupation_code"])[list(COUNTS)].sum()
    return {str(area): part.droplevel(0) for area, part in grouped.groupby(level=0)}


def _basin_regions(communes: pd.DataFrame) -> dict[str, str]:
    population = communes.groupby(["ze2020_code", "reg_code"])["population_2021"].sum().reset_index()
    top = population.sort_values("population_2021", ascending=False).drop_duplicates("ze2020_code")
    return dict(zip(top["ze2020_code"], top["reg_code"], strict=True))


def build_recruitment(bmo: pd.DataFrame, commune_bmo: pd.DataFrame, communes: pd.DataFrame) -> Recruitment:
    """Carry BMO basins over to employment basins and index everything by area."""
    basins = bmo[["bmo_basin_code", "bmo_basin_name"]].drop_duplicates("bmo_basin_code")
    shares = commune_shares(commune_bmo, communes, basins)
    missing = bmo[~bmo["bmo_basin_code"].isin(shares["bmo_basin_code"])]
    areas = _by_area(carry_over(bmo, shares), "ze2020_code") | _by_area(bmo, "region_code")
    areas[NATIONAL] = bmo.groupby("occupation_code")[list(COUNTS)].sum()
    catalogue = bmo.drop_duplicates("occupation_code").sort_values("occupation_code")
    columns = ["occupation_code", "occupation_label", "occupation_family_code", "occupation_family_label"]
    occupations = {row[0]: Occupation(*row) for row in catalogue[columns].itertuples(index=False, name=None)}
    unplaced = missing.groupby("bmo_basin_code")["hiring_projects"].sum()
    return Recruitment(
        MappingProxyType(areas),
        MappingProxyType(occupations),
        MappingProxyType(_basin_regions(communes)),
        shares,
        MappingProxyType({str(code): float(n) for code, n in unplaced.items()}),
    )


def read_bmo(path) -> pd.DataFrame:
    """The BMO file with its counts as numbers (a blank, below the disclosure threshold, is zero)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in COUNTS:
        frame[column] = pd.to_numeric(frame[column].replace("", "0"))
    return frame


def read_communes(path) -> pd.DataFrame:
    """Commune code, employment basin, région and 2021 population (blank population is zero)."""
    frame = pd.read_csv(path, dtype=str, usecols=["commune_code", "ze2020_code", "reg_code", "population_2021"])
    return frame.assign(population_2021=pd.to_numeric(frame["population_2021"]).fillna(0.0))


@lru_cache(maxsize=1)
def load_recruitment() -> Recruitment:
    """The shipped BMO 2025 figures carried over to the 306 employment basins."""
    folder = shipped_path("territories")
    commune_bmo = pd.read_csv(folder / "communes_bmo_basins_2019.csv", dtype=str, keep_default_na=False)
    return build_recruitment(
        read_bmo(folder / "recruitment_needs_bmo_2025.csv"), commune_bmo, read_communes(folder / "communes.csv")
    )
