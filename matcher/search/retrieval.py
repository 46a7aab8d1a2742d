"""From project texts to per-basin evidence: semantic, lexical and sector similarities to CV passages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from embeddings.base import Embedder
from matcher.cv.document import Passage
from matcher.project.record import Project
from matcher.project.sector_choice import Sector, project_sectors, sector_vectors
from matcher.search.lexical_scorers import CvScorer, Fact
from matcher.search.passage_index import EMPTY_LAYOUT, BasinLayout, PassageIndex
from matcher.search.stage_timing import stage
from matcher.search.vector_cache import VectorCache

# Above this many passages, score only the best ones from FAISS instead of all of them.
EXHAUSTIVE_LIMIT = 20_000
FETCH = 4_096


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
    whole_cv: float | None = None  # TF-IDF cosine (character n-grams) to the whole curated CV
    activity_words: float | None = None  # TF-IDF cosine (words) to the activity sections as one text


def _similarities(index: PassageIndex, vectors: np.ndarray) -> np.ndarray:
    """(m, n_passages) cosines; passages FAISS did not return get the lowest returned score."""
    n = len(index.vectors)
    k = n if n <= EXHAUSTIVE_LIMIT else FETCH
    scores, ids = index.vectors.search(vectors, k)
    floor = np.where(np.isfinite(scores), scores, np.inf).min(axis=1, keepdims=True)
    full = np.repeat(floor, n, axis=1).astype(np.float32)
    for row, (s, i) in enumerate(zip(scores, ids, strict=True)):
        keep = i >= 0
        full[row, i[keep]] = s[keep]
    return full


TEXT_VECTORS = VectorCache(limit=2048)  # ~4 MB of project texts: reverse matching re-ranks them


def _fact_evidence(
    scores: np.ndarray, place: BasinLayout, facts: list[Fact], top: int
) -> tuple[dict[str, float], tuple[tuple[Fact, float], ...]]:
    """Best fact score per section (at least 0), and the `top` best facts of one basin."""
    rows = place.fact_rows
    if not len(rows):
        return {}, ()
    values = scores[rows]
    best = np.maximum(np.maximum.reduceat(values, place.fact_starts), 0.0).tolist()
    order = rows[np.argsort(-values, kind="stable")[:top]]
    section_best: dict[str, float] = {}
    for section, value in zip(place.fact_sections, best, strict=True):  # a section split in two runs keeps its max
        section_best[section] = max(section_best.get(section, 0.0), value)
    return section_best, tuple((facts[r], float(scores[r])) for r in order)


def gather_evidence(
    projects: Sequence[Project],
    basin_codes: Sequence[str],
    index: PassageIndex,
    embedder: Embedder,
    sectors: Sequence[Sector] | None = None,
    top_passages: int = 3,
    vectors: np.ndarray | None = None,
) -> list[dict[str, BasinEvidence]]:
    """Evidence for every (project, basin) pair, projects encoded in one batch (unless `vectors` holds them)."""
    texts = [p.text for p in projects]
    if vectors is None:
        with stage("embed"):
            vectors = TEXT_VECTORS.encode(embedder, texts)
    with stage("retrieve"):
        if sectors is None:
            sectors = project_sectors(projects, vectors, embedder)
        semantic = _similarities(index, vectors)
        sector = _similarities(index, sector_vectors(sectors, embedder))
        lexical = index.lexical.scores(texts)
        views = index.lexical_views
        fact_scores = views.facts.scores(texts)
        whole_cv = _by_basin(views.whole_cv, texts)
        activity_words = _by_basin(views.activity_words, texts)
        places = index.layout
        return [
            _project_evidence(
                basin_codes,
                places,
                semantic[p],
                lexical[p],
                sector[p],
                fact_scores[p],
                index.passages,
                views.facts.facts,
                top_passages,
                whole_cv[p],
                activity_words[p],
            )
            for p in range(len(projects))
        ]


def _by_basin(scorer: CvScorer, texts: Sequence[str]) -> list[dict[str, float]]:
    """Each text's score for each basin that has a document in `scorer`."""
    return [dict(zip(scorer.basin_codes, row.tolist(), strict=True)) for row in scorer.scores(texts)]


def _project_evidence(
    basin_codes: Sequence[str],
    places: Mapping[str, BasinLayout],
    semantic: np.ndarray,
    lexical: np.ndarray,
    sector: np.ndarray,
    fact_scores: np.ndarray,
    passages: list[Passage],
    facts: list[Fact],
    top: int,
    whole_cv: Mapping[str, float],
    activity_words: Mapping[str, float],
) -> dict[str, BasinEvidence]:
    """One project's evidence for each basin, from its rows of the similarity matrices."""
    # Rank passages by the mean of both views so a passage must be close in meaning and in words.
    both = semantic + lexical
    evidence = {}
    for code in basin_codes:
        place = places.get(code, EMPTY_LAYOUT)
        rows = place.rows
        best = rows[np.argsort(-both[rows])[:top]]
        section_facts, best_facts = _fact_evidence(fact_scores, place, facts, top)
        evidence[code] = BasinEvidence(
            basin_code=code,
            semantic=dict(zip(place.sections, semantic[rows].tolist(), strict=True)),
            lexical=dict(zip(place.sections, lexical[rows].tolist(), strict=True)),
            sector_semantic=dict(zip(place.sections, sector[rows].tolist(), strict=True)),
            passages=tuple((passages[r], float(semantic[r])) for r in best),
            facts=section_facts,
            best_facts=best_facts,
            whole_cv=whole_cv.get(code),
            activity_words=activity_words.get(code),
        )
    return evidence
