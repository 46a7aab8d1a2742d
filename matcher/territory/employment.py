"""Private-sector salaried jobs by basin, A38 sector and year (URSSAF), loaded once.

The file covers 305 basins (not Mayotte, which URSSAF does not cover), metropolitan and overseas
together: the France figures below are sums over those 305 basins, overseas included. A38 sectors
run from BZ to SZ; agriculture (AZ) is outside URSSAF's general scheme and absent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import pandas as pd

from matcher.package_data import shipped_path

YEARS = (2019, 2022, 2023, 2024)
# Ranking may read only this year: later figures can contain the jobs of the very projects the
# development cases describe (they run to 2025), which would leak the answer into the features.
AS_OF_YEAR = 2019
SOURCE = "URSSAF, effectifs salariés du secteur privé par zone d'emploi et secteur A38"
# Industry as INSEE counts it (NAF sections B to E, as establishments_industry_2018 does):
# extraction, manufacturing (the 13 C* sectors), energy, water and waste.
MANUFACTURING_A38 = ("CA", "CB", "CC", "CD", "CE", "CF", "CG", "CH", "CI", "CJ", "CK", "CL", "CM")
INDUSTRIAL_A38 = ("BZ", *MANUFACTURING_A38, "DZ", "EZ")
_DIVISION = re.compile(r"^\s*(\d{2})")


def _count(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)  # type: ignore[arg-type]


@dataclass(frozen=True, eq=False)
class SectorEmployment:
    """Jobs per (basin, A38 sector), a tuple aligned with YEARS (None where the source is blank)."""

    cells: Mapping[tuple[str, str], tuple[float | None, ...]]
    labels: Mapping[str, str]  # A38 code -> French label as the file gives it
    _totals: Mapping[str, tuple[float | None, ...]]  # basin -> total per year
    _france: tuple[Mapping[str, float], ...]  # per year: A38 code -> jobs over the 305 basins

    def _index(self, year: int) -> int:
        if year not in YEARS:
            raise ValueError(f"no employment figures for {year}: years are {', '.join(map(str, YEARS))}")
        return YEARS.index(year)

    def has_basin(self, basin_code: str) -> bool:
        return basin_code in self._totals

    def jobs(self, basin_code: str, a38: str, year: int = AS_OF_YEAR) -> float | None:
        """Jobs of one sector in one basin; None when the source has no value."""
        row = self.cells.get((basin_code, a38))
        return None if row is None else row[self._index(year)]

    def total(self, basin_code: str, year: int = AS_OF_YEAR) -> float | None:
        """All private salaried jobs of the basin (sum of its sectors' known values)."""
        totals = self._totals.get(basin_code)
        return None if totals is None else totals[self._index(year)]

    def share(self, basin_code: str, a38: str, year: int = AS_OF_YEAR) -> float | None:
        jobs, total = self.jobs(basin_code, a38, year), self.total(basin_code, year)
        return jobs / total if jobs is not None and total else None

    def france_share(self, a38: str, year: int = AS_OF_YEAR) -> float | None:
        """The sector's share of private salaried jobs over the 305 basins (overseas included)."""
        i = self._index(year)
        sector, total = self._france[i].get(a38), sum(self._france[i].values())
        return sector / total if sector is not None and total else None

    def specialisation(self, basin_code: str, a38: str, year: int = AS_OF_YEAR) -> float | None:
        """Share in the basin over share in France: 1 is the national average."""
        share, reference = self.share(basin_code, a38, year), self.france_share(a38, year)
        return share / reference if share is not None and reference else None

    def industrial_jobs(self, basin_code: str, year: int = AS_OF_YEAR) -> float | None:
        """Jobs in industry (A38 BZ to EZ: extraction, manufacturing, energy, water and waste)."""
        values = [self.jobs(basin_code, a38, year) for a38 in INDUSTRIAL_A38]
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    def sectors(self, basin_code: str, year: int = AS_OF_YEAR) -> list[tuple[str, float]]:
        """(A38 code, jobs) of the basin, most jobs first, blanks left out."""
        rows = [(a38, self.jobs(basin_code, a38, year)) for a38 in self.labels]
        return sorted(((a, j) for a, j in rows if j is not None), key=lambda r: -r[1])

    @classmethod
    def from_cells(
        cls, cells: Mapping[tuple[str, str], tuple[float | None, ...]], labels: Mapping[str, str]
    ) -> SectorEmployment:
        """The table with its per-basin and France totals summed once."""
        totals: dict[str, list[float | None]] = {}
        france: tuple[dict[str, float], ...] = tuple({} for _ in YEARS)
        for (basin, a38), row in cells.items():
            current = totals.setdefault(basin, [None] * len(YEARS))
            for i, value in enumerate(row):
                if value is not None:
                    current[i] = (current[i] or 0.0) + value
                    france[i][a38] = france[i].get(a38, 0.0) + value
        return cls(
            MappingProxyType(dict(cells)),
            MappingProxyType(dict(labels)),
            MappingProxyType({b: tuple(v) for b, v in totals.items()}),
            france,
        )


@lru_cache(maxsize=1)
def load_employment() -> SectorEmployment:
    """The shipped URSSAF table, read once per process."""
    columns = [f"private_salaried_jobs_{y}" for y in YEARS]
    frame = pd.read_csv(shipped_path("territories", "salaried_jobs_a38.csv"), dtype={"ze2020_code": str})
    cells = {
        (code, a38): tuple(_count(v) for v in values)
        for code, a38, *values in frame[["ze2020_code", "a38_code", *columns]].itertuples(index=False, name=None)
    }
    labels = dict(zip(frame["a38_code"], frame["a38_label"], strict=True))
    return SectorEmployment.from_cells(cells, labels)


@lru_cache(maxsize=1)
def _a38_by_division() -> Mapping[str, tuple[str, str]]:
    frame = pd.read_csv(shipped_path("naf", "a38.csv"), dtype=str)
    rows = frame[["division_code", "a38_code", "a38_label"]].itertuples(index=False, name=None)
    return MappingProxyType({division: (a38, label) for division, a38, label in rows})


def a38_of_naf(naf_code: str | None) -> str | None:
    """The A38 sector of a NAF code ("20.14Z", "2014Z", "20") from its division; None if unknown."""
    match = _DIVISION.match(naf_code or "")
    found = _a38_by_division().get(match[1]) if match else None
    return found[0] if found else None


def a38_label(a38: str) -> str:
    """The French label of an A38 sector (the full one of the NAF table)."""
    return next((label for code, label in _a38_by_division().values() if code == a38), a38)
