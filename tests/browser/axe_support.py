"""axe-core in the page, from the axe.min.js bundled in the axe-playwright-python wheel (never fetched)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()


def violations(page) -> list[str]:
    """'rule-id: help (n nodes: selector, ...)' for every axe-core violation on the page as it is now."""
    results = _AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        found.append(f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: {targets})")
    return found
