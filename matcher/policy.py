"""Regional priorities applied after the fit score and reported apart from it.

Defaults follow the regional council's report: spread industrial jobs to basins that need
them (cohesion), back companies already anchored in the region (endogenous), and favour
strategic sectors and local value chains. Each rule is a small signed adjustment per basin;
`PolicyConfig.off()` switches them all off. The fit score is never changed by this module.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Sequence

import numpy as np

from matcher.features import PairContext, distance_to_existing_site, sector_fabric

# NAF divisions (or group prefixes) of the report's strategic sectors.
STRATEGIC_PREFIXES = {
    "alimentation": ("10", "11"),
    "santé": ("21", "26.6", "32.5"),
    "énergie": ("27.2", "27.1", "35", "26.11", "28.11", "19", "20.13"),
    "défense": ("25.4", "30.3", "30.4", "20.51"),
}


# Over all of France, the overseas basins' unemployment lies 4 to 6 standard deviations above
# the mean: uncapped, cohesion alone would lift a basin with no CV text above basins whose CV
# matches the project. Beyond two standard deviations a figure is an outlier, not more need
# (the value-chain similarity is capped alike).
Z_CAP = 2.0


@dataclass(frozen=True)
class PolicyConfig:
    """Weights in units of fit: 1 is the typical spread (one standard deviation) of the fits of a
    project's candidate basins (see ranking.PairwiseLogistic), so 0.25 moves a basin a quarter of it."""

    cohesion: float = 0.25  # per standard deviation of unemployment above the candidates' mean
    small_basin: float = 0.08  # basins below the candidates' median population
    # New site of a company already in the region: at its nearest existing site, halving every
    # endogenous_halving_km. Chosen by scripts/proximity_weight.py on the 16 development cases of
    # that kind (best of a 13 x 7 grid, MRR 0.088 -> 0.585; 0.556 leave one case out): on them the
    # fit alone ranks the real basin near random (0.12 in Grand Est), distance decides (README).
    endogenous: float = 15.0
    endogenous_halving_km: float = 120.0
    value_chain: float = 0.16  # per standard deviation of sector-to-fabric similarity above mean
    strategic_sector: float = 0.08  # extra for strategic projects where their sector is present

    @classmethod
    def off(cls) -> PolicyConfig:
        return cls(**{f.name: 0.0 for f in fields(cls) if f.name != "endogenous_halving_km"})

    @classmethod
    def from_file(cls, path: Path) -> PolicyConfig:
        """Read weights from JSON; unknown keys are an error so a typo never goes unnoticed."""
        data = json.loads(path.read_text(encoding="utf-8"))
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"{path}: unknown policy settings {', '.join(sorted(unknown))}")
        return cls(**data)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Adjustment:
    rule: str
    label: str  # French, for explanations
    value: float


def strategic_sector(naf_code: str | None) -> str | None:
    """The strategic sector a NAF code belongs to, if any."""
    if not naf_code:
        return None
    return next((name for name, prefixes in STRATEGIC_PREFIXES.items()
                 if any(naf_code.startswith(p) for p in prefixes)), None)


def proximity(kind: str | None, distance_km: float | None, config: PolicyConfig) -> float:
    """Bonus of a new site of a company already here, by distance to its nearest site; 0 for other kinds.

    An extension on site gets none: its home basin is shown first as the reference instead
    (matcher.reference), and its alternatives are ranked on their own merits.
    """
    if kind != "new_site_existing_company" or distance_km is None:
        return 0.0
    return config.endogenous * math.pow(0.5, distance_km / config.endogenous_halving_km)


def _zscores(values: Sequence[float | None]) -> np.ndarray:
    """Standard scores over the candidates, capped at ±Z_CAP (a missing value scores 0)."""
    array = np.array([np.nan if v is None else v for v in values], dtype=float)
    if np.all(np.isnan(array)) or np.nanstd(array) == 0:
        return np.zeros(len(array))
    return np.clip(np.nan_to_num((array - np.nanmean(array)) / np.nanstd(array)), -Z_CAP, Z_CAP)


def adjustments(contexts: Sequence[PairContext], config: PolicyConfig,
                sector_code: str | None) -> list[list[Adjustment]]:
    """Per basin, the policy adjustments that apply (zero ones left out)."""
    unemployment = _zscores([c.basin.figure("unemployment_rate_pct_2023t3") for c in contexts])
    chain = _zscores([sector_fabric(c) for c in contexts])
    populations = [c.basin.figure("population_2021") or 0.0 for c in contexts]
    median_population = float(np.median(populations)) if populations else 0.0
    strategic = strategic_sector(sector_code)
    result = []
    for i, context in enumerate(contexts):
        items = [
            Adjustment("cohesion", "cohésion territoriale : chômage au-dessus de la moyenne des bassins comparés",
                       config.cohesion * max(unemployment[i], 0.0)),
            Adjustment("small_basin", "cohésion territoriale : bassin de petite taille",
                       config.small_basin if populations[i] < median_population else 0.0),
            Adjustment("value_chain", "chaîne de valeur locale : le secteur du projet est présent dans le tissu industriel",
                       config.value_chain * max(chain[i], 0.0)),
        ]
        if strategic:
            items.append(Adjustment("strategic_sector", f"secteur stratégique ({strategic}) déjà présent dans le bassin",
                                    config.strategic_sector if chain[i] > 0 else 0.0))
        bonus = proximity(context.project.kind, distance_to_existing_site(context), config)
        if bonus:
            items.append(Adjustment("endogenous", "entreprise déjà implantée : proximité de son site le plus proche",
                                    bonus))
        result.append([a for a in items if abs(a.value) > 1e-9])
    return result
