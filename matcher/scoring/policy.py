"""Regional priorities applied after the fit score and reported apart from it.

Defaults follow the regional council's report: spread industrial jobs to basins that need
them (cohesion), back companies already anchored in the region (endogenous), and favour
strategic sectors and local value chains. Each rule is a small signed adjustment per basin;
`PolicyConfig.off()` switches them all off. The fit score is never changed by this module.
The value-chain and strategic-sector rules fire only where the project's A38 sector is present in
the basin's 2019 employment figures (thresholds in PolicyConfig), never on text similarity; the
strategic sectors and their NAF prefixes are data (`strategic_sectors()`), not code.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from matcher.home import terrimatch_home
from matcher.package_data import shipped_path
from matcher.scoring.features import PairContext, distance_to_existing_site
from matcher.territory.employment import AS_OF_YEAR, a38_of_naf
from matcher.territory.figure_labels import format_number

STRATEGIC_FILE = "strategic_sectors.json"  # {sector name: [NAF prefixes]}: see strategic_sectors()
WEIGHTS = ("cohesion", "small_basin", "endogenous", "value_chain", "strategic_sector")


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
    # that kind (best of a 13 x 7 grid, docs/experiments.md): on them the fit alone ranks the real
    # basin near random, distance decides.
    endogenous: float = 15.0
    endogenous_halving_km: float = 120.0
    value_chain: float = 0.16  # per standard deviation of the sector's specialisation above the mean
    strategic_sector: float = 0.08  # extra for strategic projects where their sector is present
    # A sector is present in a basin when its 2019 private salaried jobs (URSSAF, A38) reach both
    # thresholds: at least the national share (specialisation 1), and enough jobs that the share is
    # not a handful of establishments (in a 5,000-job basin, 30 jobs can make a specialisation of 1).
    sector_min_jobs: float = 100.0
    sector_min_specialisation: float = 1.0
    # {sector name: NAF prefixes}; None reads TERRIMATCH_HOME/policy/strategic_sectors.json, else the
    # shipped matcher/data/policy/strategic_sectors.json
    strategic_sectors: dict[str, list[str]] | None = None

    @classmethod
    def off(cls) -> PolicyConfig:
        zeros: dict[str, Any] = dict.fromkeys(WEIGHTS, 0.0)
        return cls(**zeros)

    @classmethod
    def from_file(cls, path: Path) -> PolicyConfig:
        """Read weights (and optionally strategic_sectors) from JSON; unknown keys are an error."""
        data = json.loads(path.read_text(encoding="utf-8"))
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"{path}: unknown policy settings {', '.join(sorted(unknown))}")
        if "strategic_sectors" in data:
            _check_sectors(data["strategic_sectors"], path)
        return cls(**data)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Adjustment:
    rule: str
    label: str  # French, for explanations
    value: float


def _check_sectors(data: object, path: Path) -> dict[str, list[str]]:
    valid = isinstance(data, dict) and all(
        isinstance(k, str) and isinstance(v, list) and v and all(isinstance(p, str) and p[:2].isdigit() for p in v)
        for k, v in data.items()
    )
    if not valid:
        raise ValueError(
            f"{path}: strategic_sectors must map each sector name to a list of NAF prefixes "
            '(e.g. {"santé": ["21", "26.6"]})'
        )
    return data  # type: ignore[return-value]


def strategic_sectors(config: PolicyConfig | None = None) -> dict[str, list[str]]:
    """The strategic sectors and their NAF prefixes: the policy file's, else the admin's file under
    TERRIMATCH_HOME/policy/, else the shipped defaults (the regional council's report)."""
    if config is not None and config.strategic_sectors is not None:
        return config.strategic_sectors
    admin = terrimatch_home() / "policy" / STRATEGIC_FILE
    path = admin if admin.exists() else shipped_path("policy", STRATEGIC_FILE)
    return _check_sectors(json.loads(path.read_text(encoding="utf-8")), path)


def strategic_sector(naf_code: str | None, config: PolicyConfig | None = None) -> str | None:
    """The strategic sector a NAF code belongs to, if any."""
    if not naf_code:
        return None
    return next(
        (name for name, prefixes in strategic_sectors(config).items() if any(naf_code.startswith(p) for p in prefixes)),
        None,
    )


@dataclass(frozen=True)
class SectorPresence:
    a38: str
    sector_label: str
    jobs: float
    specialisation: float

    def label(self) -> str:
        return (
            f"{format_number(self.jobs)} emplois salariés privés « {self.sector_label} » en {AS_OF_YEAR}, "
            f"indice de spécialisation {format_number(round(self.specialisation, 2))}"
        )


def sector_presence(context: PairContext, a38: str | None, config: PolicyConfig) -> SectorPresence | None:
    """The project's A38 sector in the basin's 2019 employment when it clears both thresholds."""
    data = context.employment
    if data is None or a38 is None:
        return None
    jobs, specialisation = data.jobs(context.basin.code, a38), data.specialisation(context.basin.code, a38)
    if jobs is None or specialisation is None:
        return None
    if jobs < config.sector_min_jobs or specialisation < config.sector_min_specialisation:
        return None
    return SectorPresence(a38, data.labels.get(a38, a38), jobs, specialisation)


def proximity(kind: str | None, distance_km: float | None, config: PolicyConfig) -> float:
    """Bonus of a new site of a company already here, by distance to its nearest site; 0 for other kinds.

    An extension on site gets none: its home basin is shown first as the reference instead
    (matcher.scoring.home_reference), and its alternatives are ranked on their own merits.
    """
    if kind != "new_site_existing_company" or distance_km is None:
        return 0.0
    return config.endogenous * math.pow(0.5, distance_km / config.endogenous_halving_km)


def _zscores(values: Sequence[float | None]) -> np.ndarray:
    """Standard scores over the candidates, capped at ±Z_CAP (a missing value scores 0)."""
    array = np.array([np.nan if v is None else v for v in values], dtype=float)
    if np.all(np.isnan(array)) or np.nanstd(array) == 0:
        return np.zeros(len(array))
    scores: np.ndarray = np.clip(np.nan_to_num((array - np.nanmean(array)) / np.nanstd(array)), -Z_CAP, Z_CAP)
    return scores


def _log_specialisation(context: PairContext, a38: str | None) -> float | None:
    """log(1 + specialisation) of the sector in 2019 (0 jobs counts as 0): the value chain's scale."""
    if context.employment is None or a38 is None or not context.employment.has_basin(context.basin.code):
        return None
    return math.log1p(context.employment.specialisation(context.basin.code, a38) or 0.0)


def adjustments(
    contexts: Sequence[PairContext], config: PolicyConfig, sector_code: str | None
) -> list[list[Adjustment]]:
    """Per basin, the policy adjustments that apply (zero ones left out)."""
    unemployment = _zscores([c.basin.figure("unemployment_rate_pct_2023t3") for c in contexts])
    a38 = a38_of_naf(sector_code)
    presence = [sector_presence(c, a38, config) for c in contexts]
    chain = _zscores([_log_specialisation(c, a38) for c in contexts])
    populations = [c.basin.figure("population_2021") or 0.0 for c in contexts]
    median_population = float(np.median(populations)) if populations else 0.0
    strategic = strategic_sector(sector_code, config)
    result = []
    for i, context in enumerate(contexts):
        items = [
            Adjustment(
                "cohesion",
                "cohésion territoriale : chômage au-dessus de la moyenne des bassins comparés",
                config.cohesion * max(unemployment[i], 0.0),
            ),
            Adjustment(
                "small_basin",
                "cohésion territoriale : bassin de petite taille",
                config.small_basin if populations[i] < median_population else 0.0,
            ),
        ]
        found = presence[i]
        if found is not None:
            items.append(
                Adjustment(
                    "value_chain",
                    f"chaîne de valeur locale : le secteur du projet est présent dans le bassin ({found.label()})",
                    config.value_chain * max(chain[i], 0.0),
                )
            )
            if strategic:
                items.append(
                    Adjustment(
                        "strategic_sector",
                        f"secteur stratégique ({strategic}) présent dans le bassin ({found.label()})",
                        config.strategic_sector,
                    )
                )
        bonus = proximity(context.project.kind, distance_to_existing_site(context), config)
        if bonus:
            items.append(
                Adjustment("endogenous", "entreprise déjà implantée : proximité de son site le plus proche", bonus)
            )
        result.append([a for a in items if abs(a.value) > 1e-9])
    return result


# Each rule as a plain reason, for the one sentence a company reads about the policy adjustment.
RULE_REASONS = {
    "cohesion": "le chômage y est plus élevé que dans les autres bassins comparés",
    "small_basin": "c'est un bassin de petite taille",
    "value_chain": "votre secteur y est déjà présent",
    "strategic_sector": "votre secteur est stratégique pour la Région",
    "endogenous": "il est proche d'un site que vous avez déjà",
}


def policy_sentence(rules: Sequence[str], total: float) -> str | None:
    """One French sentence on the regional priorities that moved a basin; None when none did."""
    phrases = [RULE_REASONS[r] for r in dict.fromkeys(rules) if r in RULE_REASONS]
    if not phrases or abs(total) < 1e-9:
        return None
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " et " + phrases[-1]
    way = "remonter" if total > 0 else "descendre"
    return (
        f"Les priorités de la Région font {way} ce bassin dans le classement parce que {joined} ; "
        "cela ne change pas son adéquation à votre projet."
    )
