"""RTE's high-voltage substations, located in employment basins and measured from their industrial communes.

A substation belongs to the basin of the nearest commune point (shapely is not a dependency, and
commune points are dense enough that only substations right on a boundary may land on the
neighbour's side). Distances are great-circle distances from the basin's HUBS communes with the
most industrial establishments (2018), which stand for its main industrial areas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from matcher.package_data import shipped_path

GRID_SOURCE = "RTE, postes électriques du réseau public de transport (open data ODRÉ, 2024)"
IN_OPERATION = "EN EXPLOITATION"
TRANSFORMER = "Poste de transformation"  # a "point de piquage" taps a line: no substation to connect to
HUBS = 3
EARTH_RADIUS_KM = 6371.0
# RTE's network covers mainland France only: Corsica and the overseas régions are not in the file.
NOT_COVERED_REGIONS = frozenset({"01", "02", "03", "04", "06", "94"})


@dataclass(frozen=True)
class Substation:
    code: str
    name: str
    voltage: str  # "400", "225", "150", "90", "63", "45", "<45", "HORS TENSION", "COURANT CONTINU"
    status: str
    basin_code: str
    lat: float
    lon: float

    @property
    def in_operation(self) -> bool:
        return self.status == IN_OPERATION


@dataclass(frozen=True)
class Hub:
    """One of a basin's main industrial communes, where distances are measured from."""

    commune_code: str
    name: str
    industrial_establishments: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Nearest:
    substation: Substation
    hub: Hub
    km: float


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def great_circle_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Haversine distances in km from one point to many."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    km: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return km


@dataclass(frozen=True)
class PowerGrid:
    substations: tuple[Substation, ...]  # transformer substations only
    hubs: Mapping[str, tuple[Hub, ...]]  # ZE2020 code -> main industrial communes (covered basins only)

    def covered(self, basin_code: str) -> bool:
        return bool(self.hubs.get(basin_code))

    def in_basin(self, basin_code: str) -> list[Substation]:
        return [s for s in self.substations if s.basin_code == basin_code]

    @cached_property
    def _in_operation(self) -> tuple[list[Substation], np.ndarray, np.ndarray, np.ndarray]:
        pool = [s for s in self.substations if s.in_operation]
        return (
            pool,
            np.array([s.voltage for s in pool]),
            np.array([s.lat for s in pool]),
            np.array([s.lon for s in pool]),
        )

    @cached_property
    def _answers(self) -> dict[tuple[str, frozenset[str]], Nearest | None]:
        return {}  # at most 306 basins x the few voltage sets asked: answers never change

    def nearest(self, basin_code: str, voltages: frozenset[str]) -> Nearest | None:
        """The in-operation substation of `voltages` nearest to any hub of the basin."""
        key = (basin_code, voltages)
        if key not in self._answers:
            self._answers[key] = self._nearest(basin_code, voltages)
        return self._answers[key]

    def _nearest(self, basin_code: str, voltages: frozenset[str]) -> Nearest | None:
        pool, voltage, lat, lon = self._in_operation
        (index,) = np.nonzero(np.isin(voltage, list(voltages)))
        if not len(index) or not self.covered(basin_code):
            return None
        best: Nearest | None = None
        for hub in self.hubs[basin_code]:
            km = great_circle_km(hub.lat, hub.lon, lat[index], lon[index])
            i = int(np.argmin(km))
            if best is None or km[i] < best.km:
                best = Nearest(pool[index[i]], hub, float(km[i]))
        return best


def _hubs(communes: pd.DataFrame) -> dict[str, tuple[Hub, ...]]:
    covered = communes[~communes["reg_code"].isin(NOT_COVERED_REGIONS)].dropna(subset=["lat", "lon"])
    ranked = covered.sort_values(["establishments_industry_2018", "commune_code"], ascending=[False, True])
    columns = ["commune_code", "commune_name", "establishments_industry_2018", "lat", "lon"]
    return {
        str(code): tuple(
            Hub(commune, name, int(firms), lat, lon)
            for commune, name, firms, lat, lon in part.head(HUBS)[columns].itertuples(index=False, name=None)
        )
        for code, part in ranked.groupby("ze2020_code", sort=False)
    }


def build_grid(substations: pd.DataFrame, communes: pd.DataFrame) -> PowerGrid:
    """Transformer substations with their basin (nearest commune point) and each basin's hubs."""
    points = communes.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    tree = cKDTree(_unit_vectors(points["lat"].to_numpy(), points["lon"].to_numpy()))
    kept = substations[substations["function"] == TRANSFORMER].reset_index(drop=True)
    _, nearest = tree.query(_unit_vectors(kept["lat"].to_numpy(), kept["lon"].to_numpy()))
    basins = points["ze2020_code"].to_numpy()[nearest]
    rows = kept[["substation_code", "name", "voltage_kv", "status", "lat", "lon"]].itertuples(index=False, name=None)
    located = tuple(
        Substation(code, name, voltage, status, basin, lat, lon)
        for (code, name, voltage, status, lat, lon), basin in zip(rows, basins, strict=True)
    )
    return PowerGrid(located, MappingProxyType(_hubs(communes)))


def read_grid_communes(path) -> pd.DataFrame:
    """The commune columns the grid needs: basin, région, industrial establishments, point."""
    columns = ["commune_code", "commune_name", "ze2020_code", "reg_code", "establishments_industry_2018", "lat", "lon"]
    frame = pd.read_csv(path, dtype=dict.fromkeys(columns[:4], str), usecols=columns)
    return frame.assign(establishments_industry_2018=frame["establishments_industry_2018"].fillna(0))


@lru_cache(maxsize=1)
def load_grid() -> PowerGrid:
    """The shipped RTE substations located in the 306 employment basins."""
    folder = shipped_path("territories")
    substations = pd.read_csv(folder / "power_substations_rte.csv", dtype=str)
    substations[["lat", "lon"]] = substations[["lat", "lon"]].astype(float)
    return build_grid(substations, read_grid_communes(folder / "communes.csv"))
