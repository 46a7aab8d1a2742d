"""The agency's decision kinds, spelled once: the web app stores them, training grades them.

They live in `training`, the lowest layer that needs them (web imports training, never back).
The database's check constraint lists the same words (web/records/core.py builds it from `KINDS`).
"""

from __future__ import annotations

SHORTLIST, ACCEPT, REJECT, FINAL_SITE = "shortlist", "accept", "reject", "final_site"
NO_SITE, WITHDRAWN = "no_site", "withdrawn"  # an outcome outside every basin; an outcome taken back

DECISIONS = (SHORTLIST, ACCEPT, REJECT, FINAL_SITE)  # what the agency decides on a ranked basin
OUTCOMES = (FINAL_SITE, NO_SITE)  # where the project really went: a basin, or nowhere in France
KINDS = (*DECISIONS, NO_SITE, WITHDRAWN)
UNDOABLE = (SHORTLIST, ACCEPT, REJECT)  # removed by undo; an outcome is withdrawn instead
RETAINED = (SHORTLIST, ACCEPT, FINAL_SITE)  # a basin kept by the agency ("retenu")
# Graded relevance: the site chosen in the end above an accepted basin above a shortlisted one.
# A basin the agency did not decide on, for a project it decided on, counts as not relevant (0).
GRADES = {FINAL_SITE: 3, ACCEPT: 2, SHORTLIST: 1, REJECT: 0}
