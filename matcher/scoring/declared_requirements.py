"""Needs a company declared as requirements: a basin whose CV shows no sign of one loses fit.

The learned model only sees what the development cases taught it, and those projects state
their needs in prose. A need ticked in a form is a requirement, not a hint: each one the CV
gives no evidence for lowers the basin's fit by one standard deviation of the candidates'
fits, so the penalty weighs the same whatever the model's scale. Needs merely read in the
text are not penalised; they appear among the unmet needs of the explanation. A declared land
need is checked against the basin's site rows (matcher/scoring/land_need.py), never against text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matcher.project.need_vocabulary import NEEDS, evidence_for
from matcher.scoring.explanations import Contribution
from matcher.scoring.features import PairContext, land_check

PENALTY_IN_FIT_SD = 1.0


def declared_need_penalties(contexts: Sequence[PairContext], fit: np.ndarray) -> list[list[Contribution]]:
    """Per basin, one negative contribution for each declared need its CV does not show."""
    spread = float(np.std(fit)) if len(fit) > 1 else 0.0
    penalty = PENALTY_IN_FIT_SD * (spread if spread > 0 else 1.0)
    result = []
    for context in contexts:
        items = [
            Contribution(
                f"declared_need:{need}",
                f"besoin déclaré non couvert par le CV : {NEEDS[need].label}",
                0.0,
                round(-penalty, 4),
            )
            for need in sorted(context.project.needs)
            if evidence_for(need, context.basin.facts) is None
        ]
        land = land_check(context)
        if land is not None and not land.met:
            items.append(
                Contribution(
                    "declared_need:land",
                    f"besoin déclaré non couvert : {land.reason()}",
                    land.ratio,
                    round(-penalty, 4),
                )
            )
        result.append(items)
    return result
