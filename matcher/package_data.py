"""Read-only data shipped inside the package (INSEE figures, curated CV facts, NAF labels)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_path(*parts: str) -> Path:
    """Path of a file under `matcher/data/`; never written to."""
    return Path(str(resources.files("matcher").joinpath("data", *parts)))
