"""Where terrimatch keeps everything it writes: one data directory, never the package."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from embeddings.settings import HOME


def terrimatch_home() -> Path:
    """The data directory: `$TERRIMATCH_HOME`, else the per-user data folder."""
    configured = HOME.get()
    home = Path(configured) if configured else Path(platformdirs.user_data_dir("terrimatch"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def home_path(*parts: str) -> Path:
    """A path below the data directory; its parent folders exist."""
    path = terrimatch_home().joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
