"""Basin, département and town shapes projected to SVG coordinates from shipped files (no tile server)."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from matcher.package_data import shipped_path

BASIN_FILES = {"ge": "basins_grand_est.geojson", "france": "basins_france.geojson"}
WIDTH = 800.0
MARGIN = 12.0
MIN_STEP = 0.6  # px: a point closer than this to the previous one adds nothing visible
TOWNS = {"ge": 10, "france": 22}

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str  # SVG path data in the drawing's coordinates


@dataclass(frozen=True)
class Town:
    name: str
    x: float
    y: float


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    basins: tuple[Shape, ...]
    departments: tuple[Shape, ...]
    towns: tuple[Town, ...]


def _rings(geometry: dict) -> list[Ring]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(float(x), float(y)) for x, y in ring] for polygon in polygons for ring in polygon]


def _features(filename: str, code_key: str) -> list[tuple[str, str, list[Ring]]]:
    with shipped_path("territories", filename).open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return [(f["properties"][code_key], f["properties"]["name"], _rings(f["geometry"])) for f in features]


def _bounds(rings: Iterable[Ring]) -> tuple[float, float, float, float]:
    points = [p for ring in rings for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


class _Projection:
    """Equirectangular, stretched by cos(latitude) at the middle of the area: true enough at a region's scale."""

    def __init__(self, bounds: tuple[float, float, float, float]):
        west, south, east, north = bounds
        self.west, self.north = west, north
        self.stretch = math.cos(math.radians((south + north) / 2))
        self.scale = (WIDTH - 2 * MARGIN) / ((east - west) * self.stretch)
        self.height = (north - south) * self.scale + 2 * MARGIN

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (MARGIN + (lon - self.west) * self.stretch * self.scale, MARGIN + (self.north - lat) * self.scale)

    def path(self, rings: list[Ring]) -> str:
        parts = []
        for ring in rings:
            kept: list[tuple[float, float]] = []
            for x, y in (self.point(lon, lat) for lon, lat in ring):
                if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MIN_STEP:
                    kept.append((x, y))
            if len(kept) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
        return "".join(parts)

    def overlaps(self, rings: list[Ring], bounds: tuple[float, float, float, float]) -> bool:
        west, south, east, north = _bounds(rings)
        return west <= bounds[2] and east >= bounds[0] and south <= bounds[3] and north >= bounds[1]


def _rows(filename: str) -> list[dict[str, str]]:
    with shipped_path("territories", filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _metropolitan_centroids() -> dict[str, tuple[float, float]]:
    """(lon, lat) of each metropolitan basin: overseas basins stay in the ranked list, off the map."""
    return {
        row["ze2020_code"]: (float(row["centroid_lon"]), float(row["centroid_lat"]))
        for row in _rows("basins.csv")
        if row["is_metropolitan"] == "True"
    }


def _largest_towns(centroids: dict[str, tuple[float, float]], limit: int) -> tuple[tuple[str, float, float], ...]:
    """The most populous commune of each département of the basins, the `limit` largest: names a reader knows."""
    best: dict[str, tuple[float, str, float, float]] = {}
    for row in _rows("communes.csv"):
        if row["ze2020_code"] not in centroids or not row["population_2021"]:
            continue
        # Paris, Lyon and Marseille have no point in the source: their basin's centroid is close enough.
        lon, lat = (float(row["lon"]), float(row["lat"])) if row["lat"] else centroids[row["ze2020_code"]]
        population = float(row["population_2021"])
        if population > best.get(row["dep_code"], (0.0,))[0]:
            best[row["dep_code"]] = (population, row["commune_name"], lon, lat)
    largest = sorted(best.values(), reverse=True)[:limit]
    return tuple((name, lon, lat) for _, name, lon, lat in largest)


@lru_cache(maxsize=2)
def drawing(scope: str) -> Drawing:
    """The scope's basins, the départements they touch and its main towns, once per process."""
    centroids = _metropolitan_centroids()
    basins = [b for b in _features(BASIN_FILES[scope], "ze2020_code") if b[0] in centroids]
    bounds = _bounds(ring for _, _, rings in basins for ring in rings)
    projection = _Projection(bounds)
    departments = [d for d in _features("departements_france.geojson", "dep_code") if projection.overlaps(d[2], bounds)]
    towns = tuple(
        Town(name, *projection.point(lon, lat))
        for name, lon, lat in _largest_towns({b[0]: centroids[b[0]] for b in basins}, TOWNS[scope])
    )
    return Drawing(
        WIDTH,
        round(projection.height, 1),
        tuple(Shape(code, name, projection.path(rings)) for code, name, rings in basins),
        tuple(Shape(code, name, projection.path(rings)) for code, name, rings in departments),
        towns,
    )
