"""Assemble a ready Matcher from the defaults: shipped data, configured embedder, saved index."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from embeddings.settings import POLICY
from matcher.matching.pipeline import Matcher
from matcher.scoring.policy import PolicyConfig
from matcher.scoring.rankers import PriorRanker, Ranker
from matcher.search.embedder_choice import resolve_embedder
from matcher.search.passage_index import load_index, refresh_basins
from matcher.territory.loading import load_territories

log = logging.getLogger(__name__)


def fallback_ranker() -> Ranker:
    """The default model shipped in the package; the prior only when it cannot be trusted (logged)."""
    from matcher.model_store.default_model import load_default_ranker
    from matcher.model_store.model_dirs import ModelArtifactError

    try:
        return load_default_ranker()
    except ModelArtifactError as error:
        log.warning("shipped default model not loaded (%s): ranking with the prior", error)
        return PriorRanker()


def load_ranker() -> Ranker:
    """The active trained model, followed across promotions; else the shipped default, else the prior."""
    from matcher.model_store.live_model import RankerHandle

    return RankerHandle(fallback=fallback_ranker())


def load_policy(enabled: bool = True) -> PolicyConfig:
    """Defaults, or the JSON file named by $TERRIMATCH_POLICY; everything off when disabled."""
    if not enabled:
        return PolicyConfig.off()
    path = POLICY.get()
    return PolicyConfig.from_file(Path(path)) if path else PolicyConfig()


def build_matcher(embedder_spec: str | None = None, policy: bool = True, progress: bool = True) -> Matcher:
    territories = load_territories()
    embedder = resolve_embedder(embedder_spec, territories)
    index = load_index(territories, embedder, progress=progress)
    return Matcher(territories, embedder, index, load_ranker(), load_policy(policy))


def refresh_matcher(matcher: Matcher, codes: set[str]) -> Matcher:
    """A matcher over the current territory data, re-indexing only the basins in `codes`."""
    territories = load_territories()
    index = refresh_basins(matcher.index, territories, matcher.embedder, codes)
    return replace(matcher, territories=territories, index=index)
