"""Great-circle distances between communes and basins (km), for the proximity of a company's sites."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matcher.territory.records import Basin, Commune


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def nearest_site_km(sites: Sequence[Commune], basin: Basin) -> float | None:
    """km from the nearest of `sites` to the basin's centroid, 0 when one lies inside; None without a located site."""
    located = [s for s in sites if s.lat is not None and s.lon is not None]
    if not located:
        return None
    if any(s.basin_code == basin.code for s in located):
        return 0.0
    return min(
        haversine_km(s.lat, s.lon, basin.centroid_lat, basin.centroid_lon)
        for s in located
        if s.lat is not None and s.lon is not None
    )
