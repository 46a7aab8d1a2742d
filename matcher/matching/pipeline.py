"""match(project) -> ranked basins: retrieve -> features -> rank -> policy -> explain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from embeddings.base import Embedder
from matcher.model_store.live_model import current_ranker
from matcher.project.language import detect_language, language_warning
from matcher.project.record import Project
from matcher.project.sector_choice import Sector, project_sectors
from matcher.scoring.checklist import Check, needs_checklist
from matcher.scoring.declared_requirements import declared_need_penalties
from matcher.scoring.explanations import Contribution, contributions, met_land, missing_inputs, unmet_needs
from matcher.scoring.features import PairContext, feature_matrix, feature_values, matrix_columns, pair_contexts
from matcher.scoring.home_reference import advantages, basin_checks, home_basin
from matcher.scoring.needs_checks import NeedsChecks, needs_checks
from matcher.scoring.policy import Adjustment, PolicyConfig, adjustments
from matcher.scoring.rankers import Ranker
from matcher.search.passage_index import PassageIndex
from matcher.search.retrieval import TEXT_VECTORS, BasinEvidence, gather_evidence
from matcher.search.stage_timing import stage
from matcher.territory.loading import Territories
from matcher.territory.records import Basin

# Projects encoded and scored together by match_many. Larger batches encode no faster (the
# encoder works in micro-batches of a few hundred tokens), while every candidate of the batch
# stays alive until ranked: 1,000 France projects are 306,000 contexts, and the garbage
# collector's passes over them made the batch 3x slower per project than single matches.
MATCH_BATCH = 64


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
    met_needs: list[str] = field(default_factory=list)  # declared needs met, citing the site row
    reference: bool = False  # the home basin of an extension on site, shown first whatever its score
    checks: list[Check] = field(default_factory=list)  # the reference's land, workforce, power, needs
    versus_reference: list[str] = field(default_factory=list)  # what this basin offers beyond the reference
    needs_checks: NeedsChecks | None = None  # hiring tension and power, shown apart: not in the fit
    checklist: list[Check] = field(default_factory=list)  # each need the company stated, met or not, with its fact

    def to_dict(self) -> dict:
        data = asdict(self)
        explanation = {
            key: data.pop(key)
            for key in (
                "contributions",
                "policy",
                "unmet_needs",
                "met_needs",
                "missing_inputs",
                "checks",
                "versus_reference",
                "checklist",
            )
        }
        explanation["passages"] = data["passages"]
        explanation["reference"] = data["reference"]
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
    language: str = "fr"  # ISO 639-1 code of the project text (see matcher.project.language)
    project_kind: str | None = None
    reference: str | None = None  # ZE2020 code of the home basin of an extension on site, ranked first

    @property
    def warning(self) -> str | None:
        return language_warning(self.language)

    def to_dict(self) -> dict:
        return {
            "model_version": self.ranker,
            "ranked_by": "prior" if self.ranker == "prior" else "model",
            "index_version": self.index_version,
            "scope": self.scope,
            "language": self.language,
            "warning": self.warning,
            "sector": asdict(self.sector),
            "policy": self.policy,
            "project_kind": self.project_kind,
            "reference_basin": self.reference,
            "results": [r.to_dict() for r in self.results],
        }


@dataclass(frozen=True)
class Candidates:
    """One project's candidate basins with everything that scores them: what training reuses."""

    project: Project
    sector: Sector
    basins: list[Basin]
    evidence: dict[str, BasinEvidence]
    contexts: list[PairContext]
    values: list[dict[str, float | None]]
    matrix: np.ndarray  # feature_matrix(values): per-project z-scores and missing flags


def reference_first(order: np.ndarray, home: int | None) -> np.ndarray:
    """The ranking with the home basin moved to the front (unchanged without one)."""
    if home is None:
        return order
    return np.concatenate([[home], order[order != home]])


def home_index(c: Candidates) -> int | None:
    """Position among the candidates of the reference basin of an extension on site, if any."""
    sites = c.contexts[0].sites if c.contexts else ()
    code = home_basin(c.project.kind, sites, [b.code for b in c.basins])
    return None if code is None else next(i for i, b in enumerate(c.basins) if b.code == code)


def _passages(evidence: BasinEvidence) -> list[MatchedPassage]:
    """The curated facts that matched best (what the lexical features scored), else whole sections."""
    if evidence.best_facts:
        return [MatchedPassage(f.section, f.text, round(s, 4)) for f, s in evidence.best_facts]
    return [MatchedPassage(p.section, p.text, round(s, 4)) for p, s in evidence.passages]


@dataclass
class Matcher:
    territories: Territories
    embedder: Embedder
    index: PassageIndex
    ranker: Ranker
    policy: PolicyConfig = field(default_factory=PolicyConfig)

    def match(self, project: Project, scope: str = "ge", top: int = 10) -> MatchResult:
        return self.match_many([project], scope, top)[0]

    def candidates_many(self, projects: Sequence[Project], scope: str = "ge") -> list[Candidates]:
        """Evidence and features of every basin of `scope` for each project; texts encoded in one batch."""
        basins = self.territories.scope(scope)
        with stage("embed"):
            vectors = TEXT_VECTORS.encode(self.embedder, [p.text for p in projects])
        with stage("retrieve"):  # the sector chooses the NAF labels compared with the CVs
            sectors = project_sectors(projects, vectors, self.embedder)
        evidence = gather_evidence(
            projects, [b.code for b in basins], self.index, self.embedder, sectors, vectors=vectors
        )
        out = []
        with stage("features"):
            for project, sector, found in zip(projects, sectors, evidence, strict=True):
                contexts = pair_contexts(project, basins, found, self.territories, sector.code)
                values = feature_values(contexts)
                out.append(Candidates(project, sector, basins, found, contexts, values, feature_matrix(values)))
        return out

    def match_many(self, projects: Sequence[Project], scope: str = "ge", top: int = 10) -> list[MatchResult]:
        """Rank the basins of `scope` for each project, encoding them MATCH_BATCH at a time."""
        ranker = current_ranker(self.ranker)  # one model for the whole batch, even mid-promotion
        return [
            self._rank(c, ranker, scope, top)
            for start in range(0, len(projects), MATCH_BATCH)
            for c in self.candidates_many(projects[start : start + MATCH_BATCH], scope)
        ]

    def _rank(self, c: Candidates, ranker: Ranker, scope: str, top: int) -> MatchResult:
        with stage("rank"):
            parts = ranker.contributions(c.matrix)
            learned = parts.sum(axis=1)
            penalties = declared_need_penalties(c.contexts, learned)
            fit = learned + np.array([sum(p.contribution for p in items) for items in penalties])
            policy = adjustments(c.contexts, self.policy, c.sector.code)
            adjustment = np.array([sum(a.value for a in items) for items in policy])
            home = home_index(c)
            order = reference_first(np.argsort(-(fit + adjustment), kind="stable"), home)[:top]
        columns = matrix_columns()
        with stage("explain"):
            checks = {i: needs_checks(c.project, c.basins[i].code) for i in order}
            results = [
                BasinMatch(
                    ze2020_code=c.basins[i].code,
                    name=c.basins[i].name,
                    rank=rank,
                    score=round(float(fit[i] + adjustment[i]), 4),
                    fit=round(float(fit[i]), 4),
                    policy_adjustment=round(float(adjustment[i]), 4),
                    passages=_passages(c.evidence[c.basins[i].code]),
                    contributions=penalties[i] + contributions(columns, parts[i], c.values[i]),
                    policy=policy[i],
                    unmet_needs=unmet_needs(c.contexts[i]),
                    missing_inputs=missing_inputs(c.values[i]),
                    met_needs=[m for m in [met_land(c.contexts[i])] if m],
                    reference=bool(i == home),
                    checks=basin_checks(c.contexts[i]) if i == home else [],
                    versus_reference=[]
                    if home is None or i == home
                    else advantages(c.contexts[i], float(fit[i]), c.contexts[home], float(fit[home])),
                    needs_checks=checks[i],
                    checklist=needs_checklist(c.contexts[i], checks[i]),
                )
                for rank, i in enumerate(order, start=1)
            ]
        return MatchResult(
            results,
            c.sector,
            ranker.version,
            self.index.version,
            scope,
            self.policy.to_dict(),
            detect_language(c.project.text),
            c.project.kind,
            None if home is None else c.basins[home].code,
        )
