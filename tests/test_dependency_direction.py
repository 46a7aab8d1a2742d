"""The house's one-way street: web -> training -> matcher -> embeddings, never back."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["web", "training", "matcher", "embeddings"]  # each may import only those to its right
FORBIDDEN_OUTSIDE_WEB = {"flask", "flask_sqlalchemy", "flask_login", "flask_wtf", "flask_limiter", "sqlalchemy",
                         "werkzeug"}


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("layer", LAYERS[1:])
def test_lower_layers_never_import_upper_ones(layer):
    upper = set(LAYERS[: LAYERS.index(layer)])
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & (upper | FORBIDDEN_OUTSIDE_WEB))
        for path in (ROOT / layer).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
