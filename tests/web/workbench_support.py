"""Helpers for the workbench tests: a matcher whose index lives in a test's own TERRIMATCH_HOME."""
from __future__ import annotations

import shutil
from pathlib import Path

EDITED_FACT = ("Filière de fabrication de trottinettes électriques à pile à hydrogène cryogénique : "
               "l'usine Zorglubex assemble 40 000 trottinettes par an.")
SCOOTER_PROJECT = ("Nous voulons implanter une usine d'assemblage de trottinettes électriques à pile à "
                   "hydrogène cryogénique, 120 emplois")


def home_matcher(matcher, session_home: Path, home: Path):
    """A Matcher over `home` (data and index copied from the session's), sharing the loaded embedder."""
    from matcher.matching.pipeline import Matcher
    from matcher.search.passage_index import load_index
    from matcher.territory.loading import load_territories

    shutil.copytree(session_home / "index", home / "index", dirs_exist_ok=True)
    territories = load_territories()
    index = load_index(territories, matcher.embedder, progress=False)
    return Matcher(territories, matcher.embedder, index, matcher.ranker, matcher.policy)
