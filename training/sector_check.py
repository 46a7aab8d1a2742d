"""How often the sector inferred from a case's text is the NAF code the case gives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from embeddings.base import Embedder
from matcher.project.sector_choice import infer_sectors
from matcher.search.retrieval import TEXT_VECTORS
from training.cases import Case

# Levels of the NAF hierarchy as prefixes of a code such as "16.21Z".
LEVELS = {"subclass": 6, "class": 5, "group": 4, "division": 2}


def sector_inference_accuracy(cases: Sequence[Case], embedder: Embedder) -> dict[str, Any] | None:
    """Share of the cases with a NAF code whose text, code hidden, gives the same code at each level."""
    known = [c for c in cases if c.project.naf_code]
    if not known:
        return None
    texts = [c.project.text for c in known]
    guesses = infer_sectors(texts, TEXT_VECTORS.encode(embedder, texts), embedder)
    given = [c.project.naf_code for c in known if c.project.naf_code]
    return {
        "n": len(known),
        **{
            level: round(
                float(np.mean([g.code.code[:k] == code[:k] for g, code in zip(guesses, given, strict=True)])), 4
            )
            for level, k in LEVELS.items()
        },
    }
