"""Whether a basin's site rows meet a project's declared land need, and why, in French."""

from __future__ import annotations

from dataclasses import dataclass

from matcher.territory.figure_labels import format_number
from matcher.territory.land import RAIL_WITHIN_M, LandOffer, LandSite, format_date, site_place


@dataclass(frozen=True)
class LandCheck:
    need_ha: float
    rail: bool  # rail is a declared need: only sites with the rail network within RAIL_WITHIN_M count
    largest: LandSite | None  # the largest confirmed site of known area (rail-served when rail counts)
    meeting: int  # how many such sites have at least need_ha

    @property
    def met(self) -> bool:
        return self.meeting > 0

    @property
    def ratio(self) -> float:
        """Largest qualifying site over the need, capped at 1 (0 without any site)."""
        return 0.0 if self.largest is None else min((self.largest.area_ha or 0.0) / self.need_ha, 1.0)

    def _wanted(self) -> str:
        rail = f" à moins de {format_number(RAIL_WITHIN_M, 'm')} d'une voie ferrée" if self.rail else ""
        return f"{format_number(self.need_ha, 'ha')}{rail}"

    def reason(self) -> str:
        """'foncier de 150 ha : aucun site disponible d'au moins 150 ha ; le plus grand : 40 ha (...)'."""
        head = f"foncier de {format_number(self.need_ha, 'ha')}"
        if self.met:
            more = f" (et {self.meeting - 1} autre(s))" if self.meeting > 1 else ""
            return f"{head} : {describe(self.largest)}{more}"  # type: ignore[arg-type]
        if self.largest is None:
            return f"{head} : aucun site disponible recensé{' près du rail' if self.rail else ''}"
        return f"{head} : aucun site disponible d'au moins {self._wanted()} ; le plus grand : {describe(self.largest)}"


def describe(site: LandSite) -> str:
    """The site in one line.

    '40 ha, Gare de triage (Lumes), friche sans projet ; source : DDT des Ardennes (Cerema Cartofriches), 10/10/2022'
    """
    area = format_number(round(site.area_ha or 0.0, 1), "ha")
    return f"{area}, {site_place(site)}, {site.status} ; source : {site.source}, {format_date(site.date)}"


def check_land(land: LandOffer, basin_code: str, need_ha: float, rail: bool) -> LandCheck:
    """The basin's answer to a need of `need_ha` hectares, with rail within RAIL_WITHIN_M if `rail`."""
    rail_within = RAIL_WITHIN_M if rail else None
    qualifying = [
        s
        for s in land.sites(basin_code)
        if s.confirmed and s.area_ha is not None and (not rail or s.rail_within(RAIL_WITHIN_M))
    ]
    meeting = land.sites_at_least(basin_code, need_ha, rail_within_m=rail_within)
    return LandCheck(need_ha, rail, qualifying[0] if qualifying else None, len(meeting))
