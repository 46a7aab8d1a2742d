"""Helpers for the workbench tests: a matcher whose index lives in a test's own TERRIMATCH_HOME."""

from __future__ import annotations

EDITED_FACT = (
    "Filière de fabrication de trottinettes électriques à pile à hydrogène cryogénique : "
    "l'usine Zorglubex assemble 40 000 trottinettes par an."
)
SCOOTER_PROJECT = (
    "Nous voulons implanter une usine d'assemblage de trottinettes électriques à pile à "
    "hydrogène cryogénique, 120 emplois"
)


def home_matcher(matcher):
    """`matcher`, its index saved first in the current TERRIMATCH_HOME, a fresh home with the shipped data.

    Edits then write and re-index there, as in a deployment whose index was built. The matcher itself
    is shared: loading the same data and index back would give an equal one, and refitting its
    lexical scorers costs a second or two.
    """
    from matcher.search.passage_index import default_index_dir

    matcher.index.vectors.save(default_index_dir())
    return matcher
