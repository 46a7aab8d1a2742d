"""What the map template draws: each basin's shape, colour class and accessible label for one ranking."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from web.map_drawing import Drawing, Shape, drawing
from web.map_legend import NO_SCORE, ScoreClass, class_of, french_decimal, score_classes


@dataclass(frozen=True)
class MapBasin:
    shape: Shape
    fill: str
    rank: int | None
    label: str  # read by screen readers and shown as the tooltip
    marked: bool  # drawn with a thick outline (e.g. the basins a dossier compares)


@dataclass(frozen=True)
class BasinMap:
    drawing: Drawing
    basins: tuple[MapBasin, ...]
    classes: tuple[ScoreClass, ...]
    no_score: str = NO_SCORE


def _label(shape: Shape, result, total: int, classes: Sequence[ScoreClass]) -> str:
    if result is None:
        return f"{shape.name} ({shape.code}) : pas de score"
    score_class = class_of(result.score, classes)
    in_class = f", classe {score_class.number} sur {len(classes)}" if score_class is not None else ""
    return (
        f"{shape.name} ({shape.code}) : rang {result.rank} sur {total}, score {french_decimal(result.score)}{in_class}"
    )


def basin_map(results: Sequence, scope: str, marked: Iterable[str] = ()) -> BasinMap:
    """`results` are ranked basins (rank, ze2020_code, score) over the scope, best first."""
    by_code = {r.ze2020_code: r for r in results}
    classes = score_classes([r.score for r in results])
    marked = set(marked)
    basins = []
    for shape in drawing(scope).basins:
        result = by_code.get(shape.code)
        score_class = class_of(result.score, classes) if result else None
        basins.append(
            MapBasin(
                shape,
                score_class.colour if score_class else NO_SCORE,
                result.rank if result else None,
                _label(shape, result, len(results), classes),
                shape.code in marked,
            )
        )
    # Marked basins are drawn last so their thick outline is not hidden by a neighbour's.
    basins.sort(key=lambda b: b.marked)
    return BasinMap(drawing(scope), tuple(basins), tuple(classes))
