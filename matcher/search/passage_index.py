"""The FAISS index of every basin's CV passages, kept below TERRIMATCH_HOME."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from tqdm import tqdm

from embeddings.base import Embedder
from embeddings.index import VectorIndex
from embeddings.index_meta import IndexNotFoundError, VectorIndexError
from embeddings.sparse_tfidf import FittedTfidf
from matcher.cv.document import Passage, passages
from matcher.home import home_path
from matcher.search.lexical_scorers import FactScorer, LexicalViews, passage_scorer
from matcher.territory.loading import Territories

log = logging.getLogger(__name__)
ENCODE_BATCH = 64
# Bumped when what a stored passage holds changes (2: its sources' titles), so an index saved by an
# older release is rebuilt instead of read without them.
PAYLOAD_VERSION = 2


def index_data_hash(territories: Territories) -> str:
    """What an index's passages were made from: the territory data and the payload version."""
    return f"{territories.data_hash}-p{PAYLOAD_VERSION}"


def default_index_dir() -> Path:
    return home_path("index", "passages")


@dataclass(frozen=True)
class BasinLayout:
    """Where one basin's passages and facts sit in the index."""

    rows: np.ndarray  # passage rows
    sections: tuple[str, ...]  # the section of each passage row
    fact_rows: np.ndarray
    fact_sections: tuple[str, ...]  # one per run of consecutive facts of one section
    fact_starts: np.ndarray  # where each run starts in fact_rows


EMPTY_LAYOUT = BasinLayout(np.array([], dtype=int), (), np.array([], dtype=int), (), np.array([], dtype=int))


@dataclass
class PassageIndex:
    """Vectors and texts of the passages, in the same order, plus the lexical scorers over them.

    What is derived from the passages (scorers, layouts) is built on first use and lives as long
    as this index: a refreshed index is a new object, so nothing derived is ever stale.
    """

    vectors: VectorIndex

    @cached_property
    def passages(self) -> list[Passage]:
        return [Passage.from_payload(row) for row in self.vectors.payload]

    @cached_property
    def lexical(self) -> FittedTfidf:
        return passage_scorer([p.text for p in self.passages])

    @cached_property
    def basin_rows(self) -> dict[str, np.ndarray]:
        """Row numbers of each basin's passages."""
        rows: dict[str, list[int]] = {}
        for i, passage in enumerate(self.passages):
            rows.setdefault(passage.basin_code, []).append(i)
        return {code: np.array(ids) for code, ids in rows.items()}

    @cached_property
    def lexical_views(self) -> LexicalViews:
        """The scorers over the curated facts: one fact, the whole CV, the activity sections."""
        return LexicalViews.from_passages(self.passages)

    @cached_property
    def layout(self) -> dict[str, BasinLayout]:
        """Every basin's passage and fact rows: a match only reads them."""
        facts = self.lexical_views.facts
        codes = set(self.basin_rows) | set(facts.basin_rows)
        return {code: self._basin_layout(facts, code) for code in codes}

    def _basin_layout(self, facts: FactScorer, code: str) -> BasinLayout:
        rows = self.basin_rows.get(code, np.array([], dtype=int))
        fact_rows = facts.basin_rows.get(code, np.array([], dtype=int))
        sections = [facts.facts[r].section for r in fact_rows]
        starts = [i for i, section in enumerate(sections) if i == 0 or section != sections[i - 1]]
        return BasinLayout(
            rows,
            tuple(self.passages[r].section for r in rows),
            fact_rows,
            tuple(sections[i] for i in starts),
            np.array(starts, dtype=int),
        )

    @property
    def version(self) -> str:
        meta = self.vectors.meta
        return f"{meta.data_hash}-{meta.index_sha256[:8]}"


def all_passages(territories: Territories) -> list[Passage]:
    """Passages of all French basins: one index serves every scope."""
    return [p for basin in territories.scope("france") for p in passages(basin, territories)]


def build_index(
    territories: Territories,
    embedder: Embedder,
    directory: Path | None = None,
    kind: str = "flat",
    progress: bool = True,
) -> PassageIndex:
    """Embed every passage (with a progress bar) and write the index atomically."""
    items = all_passages(territories)
    vectors = np.zeros((len(items), embedder.dim), dtype=np.float32)
    with tqdm(total=len(items), desc="Encodage des passages", unit="passage", disable=not progress) as bar:
        for start in range(0, len(items), ENCODE_BATCH):
            chunk = items[start : start + ENCODE_BATCH]
            vectors[start : start + len(chunk)] = embedder.encode([p.text for p in chunk])
            bar.update(len(chunk))
    index = VectorIndex.build(
        vectors,
        [vars(p) for p in items],
        embedder_name=embedder.name,
        data_hash=index_data_hash(territories),
        kind=kind,
    )
    index.save(directory or default_index_dir())
    return PassageIndex(index)


def load_index(
    territories: Territories, embedder: Embedder, directory: Path | None = None, progress: bool = True
) -> PassageIndex:
    """The saved index; built when missing or when the territory data changed since."""
    directory = directory or default_index_dir()
    try:
        index = VectorIndex.load(directory, embedder_name=embedder.name, dim=embedder.dim)
    except IndexNotFoundError:
        log.info("no passage index at %s: building it", directory)
        return build_index(territories, embedder, directory, progress=progress)
    if index.meta.data_hash != index_data_hash(territories):
        log.info("territory data changed since the index was built: rebuilding %s", directory)
        return build_index(territories, embedder, directory, kind=index.meta.kind, progress=progress)
    return PassageIndex(index)


def refresh_basins(
    index: PassageIndex, territories: Territories, embedder: Embedder, codes: set[str], directory: Path | None = None
) -> PassageIndex:
    """Re-embed only the passages of `codes` and save the index under the new data hash.

    Other basins keep their stored vectors, so an agency's edit is searchable in a fraction
    of a full rebuild, and another process loading the index sees it as fresh. When another
    process already saved the index of this very data (the web worker that took the edit), it is
    loaded instead: the other workers neither re-embed nor write it again.
    """
    directory = directory or default_index_dir()
    saved = _saved_index_of(territories, embedder, directory)
    if saved is not None:
        return saved
    if index.vectors.meta.embedder_name != embedder.name:
        return build_index(territories, embedder, directory, progress=False)
    keep = [i for i, p in enumerate(index.passages) if p.basin_code not in codes]
    fresh = [p for code in sorted(codes) for p in passages(territories.basin(code), territories)]
    vectors = np.concatenate([index.vectors.stored_vectors()[keep], embedder.encode([p.text for p in fresh])])
    rebuilt = VectorIndex.build(
        vectors,
        [vars(index.passages[i]) for i in keep] + [vars(p) for p in fresh],
        embedder_name=embedder.name,
        data_hash=index_data_hash(territories),
        kind=index.vectors.meta.kind,
    )
    rebuilt.save(directory)
    log.info("re-indexed %d passage(s) of basin(s) %s", len(fresh), ", ".join(sorted(codes)))
    return PassageIndex(rebuilt)


def _saved_index_of(territories: Territories, embedder: Embedder, directory: Path) -> PassageIndex | None:
    """The index saved in `directory` when it was built from this data with this embedder, else None."""
    try:
        saved = VectorIndex.load(directory, embedder_name=embedder.name, dim=embedder.dim)
    except VectorIndexError:  # missing, unreadable or from another embedder: re-embed instead
        return None
    return PassageIndex(saved) if saved.meta.data_hash == index_data_hash(territories) else None
