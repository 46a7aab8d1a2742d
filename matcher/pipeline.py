"""match(project) -> ranked basins: retrieve -> features -> rank -> policy -> explain."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Sequence

import numpy as np

from embeddings.base import Embedder
from matcher.explain import Contribution, contributions, missing_inputs, unmet_needs
from matcher.features import feature_matrix, feature_values, matrix_columns, pair_contexts
from matcher.passage_index import PassageIndex
from matcher.policy import Adjustment, PolicyConfig, adjustments
from matcher.projects import Project
from matcher.ranker_handle import current_ranker
from matcher.ranking import Ranker
from matcher.retrieval import Sector, gather_evidence, project_sector
from matcher.territories import Territories


@dataclass(frozen=True)
class MatchedPassage:
    section: str
    text: str
    similarity: float


@dataclass(frozen=True)
class BasinMatch:
    ze2020_code: str
    name: str
    rank: int
    score: float  # fit + policy adjustment
    fit: float
    policy_adjustment: float
    passages: list[MatchedPassage]
    contributions: list[Contribution]
    policy: list[Adjustment]
    unmet_needs: list[str]
    missing_inputs: list[str]

    def to_dict(self) -> dict:
        data = asdict(self)
        explanation = {key: data.pop(key) for key in ("contributions", "policy", "unmet_needs", "missing_inputs")}
        explanation["passages"] = data["passages"]
        data["explanation"] = explanation
        return data


@dataclass(frozen=True)
class MatchResult:
    results: list[BasinMatch]
    sector: Sector
    ranker: str  # "prior" or the model version
    index_version: str
    scope: str
    policy: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "model_version": self.ranker,
            "ranked_by": "prior" if self.ranker == "prior" else "model",
            "index_version": self.index_version,
            "scope": self.scope,
            "sector": asdict(self.sector),
            "policy": self.policy,
            "results": [r.to_dict() for r in self.results],
        }


@dataclass
class Matcher:
    territories: Territories
    embedder: Embedder
    index: PassageIndex
    ranker: Ranker
    policy: PolicyConfig = field(default_factory=PolicyConfig)

    def match(self, project: Project, scope: str = "ge", top: int = 10) -> MatchResult:
        return self.match_many([project], scope, top)[0]

    def match_many(self, projects: Sequence[Project], scope: str = "ge", top: int = 10) -> list[MatchResult]:
        """Rank the basins of `scope` for each project; texts are encoded in one batch."""
        basins = self.territories.scope(scope)
        sectors = [project_sector(p) for p in projects]
        evidence = gather_evidence(projects, [b.code for b in basins], self.index, self.embedder, sectors)
        return [self._rank(p, s, basins, e, scope, top) for p, s, e in zip(projects, sectors, evidence)]

    def _rank(self, project, sector, basins, evidence, scope, top) -> MatchResult:
        contexts = pair_contexts(project, basins, evidence, self.territories)
        values = feature_values(contexts)
        ranker = current_ranker(self.ranker)  # one model for the whole ranking, even mid-promotion
        parts = ranker.contributions(feature_matrix(values))
        fit = parts.sum(axis=1)
        policy = adjustments(contexts, self.policy, sector.code)
        adjustment = np.array([sum(a.value for a in items) for items in policy])
        order = np.argsort(-(fit + adjustment), kind="stable")[:top]
        columns = matrix_columns()
        results = [
            BasinMatch(
                ze2020_code=basins[i].code, name=basins[i].name, rank=rank,
                score=round(float(fit[i] + adjustment[i]), 4), fit=round(float(fit[i]), 4),
                policy_adjustment=round(float(adjustment[i]), 4),
                passages=[MatchedPassage(p.section, p.text, round(s, 4)) for p, s in evidence[basins[i].code].passages],
                contributions=contributions(columns, parts[i], values[i]),
                policy=policy[i], unmet_needs=unmet_needs(contexts[i]), missing_inputs=missing_inputs(values[i]),
            )
            for rank, i in enumerate(order, start=1)
        ]
        return MatchResult(results, sector, ranker.version, self.index.version, scope, self.policy.to_dict())
