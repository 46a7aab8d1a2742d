"""From project texts to per-basin evidence: semantic, lexical and sector similarities to CV passages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from embeddings.base import Embedder
from matcher.cv import Passage
from matcher.lexical import Fact, FactScorer
from matcher.naf import infer_naf, naf_table
from matcher.passage_index import PassageIndex
from matcher.projects import Project

# Above this many passages, score only the best ones from FAISS instead of all of them.
EXHAUSTIVE_LIMIT = 20_000
FETCH = 4_096


@dataclass(frozen=True)
class Sector:
    code: str
    label: str
    inferred: bool  # True when guessed from the text, False when the company gave it
    description: str


@dataclass(frozen=True)
class BasinEvidence:
    """Similarities of one project to one basin's passages; sections absent from the CV are absent here."""

    basin_code: str
    semantic: Mapping[str, float]  # section -> cosine of the project text to that section's passage
    lexical: Mapping[str, float]  # section -> TF-IDF cosine
    sector_semantic: Mapping[str, float]  # section -> cosine of the sector's labels
    passages: tuple[tuple[Passage, float], ...]  # best matching passages, best first
    facts: Mapping[str, float] = field(default_factory=dict)  # section -> best TF-IDF cosine of one fact
    best_facts: tuple[tuple[Fact, float], ...] = ()  # best matching curated facts, best first


def project_sector(project: Project) -> Sector:
    """The given NAF code, else the one inferred from the text."""
    if project.naf_code:
        code = naf_table()[project.naf_code]
        return Sector(code.code, code.label, False, code.description)
    guess = infer_naf(project.text).code
    return Sector(guess.code, guess.label, True, guess.description)


def _similarities(index: PassageIndex, vectors: np.ndarray) -> np.ndarray:
    """(m, n_passages) cosines; passages FAISS did not return get the lowest returned score."""
    n = len(index.vectors)
    k = n if n <= EXHAUSTIVE_LIMIT else FETCH
    scores, ids = index.vectors.search(vectors, k)
    floor = np.where(np.isfinite(scores), scores, np.inf).min(axis=1, keepdims=True)
    full = np.repeat(floor, n, axis=1).astype(np.float32)
    for row, (s, i) in enumerate(zip(scores, ids)):
        keep = i >= 0
        full[row, i[keep]] = s[keep]
    return full


_FACT_SCORERS: dict[str, FactScorer] = {}


def fact_scorer(index: PassageIndex) -> FactScorer:
    """The fact scorer of an index, built once per index version (facts come from its passages)."""
    scorer = _FACT_SCORERS.get(index.version)
    if scorer is None:
        _FACT_SCORERS.clear()  # one live index per process: keep memory flat across data edits
        scorer = _FACT_SCORERS[index.version] = FactScorer.from_passages(index.passages)
    return scorer


def _fact_evidence(scores: np.ndarray, rows: np.ndarray, facts: list[Fact],
                   top: int) -> tuple[dict[str, float], tuple[tuple[Fact, float], ...]]:
    """Best fact score per section, and the `top` best facts of one basin."""
    best: dict[str, float] = {}
    for r in rows:
        section = facts[r].section
        best[section] = max(best.get(section, 0.0), float(scores[r]))
    order = rows[np.argsort(-scores[rows], kind="stable")[:top]] if len(rows) else rows
    return best, tuple((facts[r], float(scores[r])) for r in order)


def _per_section(values: np.ndarray, rows: np.ndarray, passages: list[Passage]) -> dict[str, float]:
    return {passages[r].section: float(values[r]) for r in rows}


def gather_evidence(
    projects: Sequence[Project], basin_codes: Sequence[str], index: PassageIndex, embedder: Embedder,
    sectors: Sequence[Sector] | None = None, top_passages: int = 3,
) -> list[dict[str, BasinEvidence]]:
    """Evidence for every (project, basin) pair, projects encoded in one batch."""
    sectors = list(sectors) if sectors is not None else [project_sector(p) for p in projects]
    texts = [p.text for p in projects]
    vectors = embedder.encode(texts + [s.description for s in sectors])
    semantic = _similarities(index, vectors[: len(texts)])
    sector = _similarities(index, vectors[len(texts):])
    lexical = index.lexical.scores(texts)
    facts = fact_scorer(index)
    fact_scores = facts.scores(texts)
    passages = index.passages
    no_rows = np.array([], dtype=int)
    results = []
    for p in range(len(projects)):
        evidence = {}
        for code in basin_codes:
            rows = index.basin_rows.get(code, no_rows)
            # Rank passages by the mean of both views so a passage must be close in meaning and in words.
            best = rows[np.argsort(-(semantic[p, rows] + lexical[p, rows]))[:top_passages]]
            section_facts, best_facts = _fact_evidence(fact_scores[p], facts.basin_rows.get(code, no_rows),
                                                       facts.facts, top_passages)
            evidence[code] = BasinEvidence(
                basin_code=code,
                semantic=_per_section(semantic[p], rows, passages),
                lexical=_per_section(lexical[p], rows, passages),
                sector_semantic=_per_section(sector[p], rows, passages),
                passages=tuple((passages[r], float(semantic[p, r])) for r in best),
                facts=section_facts, best_facts=best_facts,
            )
        results.append(evidence)
    return results
