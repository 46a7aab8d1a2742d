"""Infrastructure and resource needs: how a project states them and how a CV shows them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Need:
    key: str
    label: str  # French, for explanations
    asked: re.Pattern[str]  # words (fr/de/en) by which a project text asks for it
    offered: re.Pattern[str]  # words by which a CV passage shows the basin has it


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


NEEDS: dict[str, Need] = {
    n.key: n
    for n in (
        Need(
            "rail",
            "accès ferroviaire (fret)",
            _words("ferroviaire", "fer\\b", "rail", "embranchement", "wagon", "bahn", "schiene", "gleis"),
            _words("ferroviaire", "voie ferrée", "voies ferrées", "embranchement", "fret", "triage", "rail", "train"),
        ),
        Need(
            "waterway",
            "voie d'eau ou port",
            _words(
                "fluvial",
                "portuaire",
                "port\\b",
                "voie d'eau",
                "voie navigable",
                "canal",
                "barge",
                "hafen",
                "wasserstra",
                "waterway",
                "inland port",
                "trimodal",
            ),
            _words("port", "fluvial", "canal", "navigable", "grand gabarit", "trimodal", "barge", "écluse"),
        ),
        Need(
            "motorway",
            "accès autoroutier",
            _words("autorout", "routier", "poids lourds", "camion", "autobahn", "motorway", "highway", "lkw"),
            _words("autoroute", "A\\d{1,2}\\b", "échangeur", "routier", "RN ?\\d", "N\\d{1,3}\\b", "2x2 voies"),
        ),
        Need(
            "airport",
            "aéroport",
            _words("aéroport", "aérien", "flughafen", "airport", "fret aérien"),
            _words("aéroport", "aérodrome", "aéroportuaire", "fret aérien"),
        ),
        Need(
            "high_water",
            "ressource en eau importante",
            _words(
                "eau industrielle",
                "besoin en eau",
                "consommation d'eau",
                "prélèvement",
                "ressource en eau",
                "grande quantité d'eau",
                "wasser",
                "water supply",
                "process water",
            ),
            _words("eau", "nappe", "forage", "rivière", "fleuve", "captage", "station d'épuration"),
        ),
        Need(
            "gas_hydrogen",
            "gaz ou hydrogène",
            _words("gaz", "hydrogène", "gazoduc", "wasserstoff", "hydrogen", "erdgas", "natural gas"),
            _words("gaz", "hydrogène", "gazoduc", "méthanisation", "biogaz"),
        ),
        Need(
            "industrial_heat",
            "chaleur ou vapeur industrielle",
            _words("vapeur", "chaleur", "thermique", "four", "dampf", "wärme", "steam", "process heat"),
            _words("vapeur", "chaleur", "cogénération", "biomasse", "géothermi", "incinérat", "réseau de chaleur"),
        ),
        Need(
            "power",
            "forte puissance électrique",
            _words(
                "puissance électrique",
                "électricité",
                "mégawatt",
                "MW\\b",
                "raccordement électrique",
                "électro-intensi",
                "strom",
                "electricity",
                "power supply",
                "grid connection",
            ),
            _words(
                "électrique",
                "électricité",
                "poste source",
                "RTE",
                "kV",
                "centrale",
                "nucléaire",
                "éolien",
                "photovolta",
                "hydroélectri",
            ),
        ),
    )
}


# A match asks the same questions once per candidate basin (306 in France): the project's text
# is scanned once per match, and a basin's facts, which no query changes, once per process.
@lru_cache(maxsize=1024)
def needs_in_text(text: str) -> frozenset[str]:
    """The needs a project's free text asks for."""
    return frozenset(key for key, need in NEEDS.items() if need.asked.search(text))


def evidence_for(need: str, texts: Sequence[str]) -> str | None:
    """The first CV text that shows the basin offers `need`, or None."""
    return _first_offering(need, tuple(texts))


@lru_cache(maxsize=8192)  # 306 basins x 8 needs, with room for edited CVs
def _first_offering(need: str, texts: tuple[str, ...]) -> str | None:
    pattern = NEEDS[need].offered
    return next((t for t in texts if pattern.search(t)), None)
