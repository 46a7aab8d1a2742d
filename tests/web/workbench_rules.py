"""Role x route rules of the agency workbench, merged into the matrix of test_role_matrix."""

from __future__ import annotations

from web_support import ROLES


def statuses(*codes: int) -> dict[str, int]:
    return dict(zip(ROLES, codes, strict=True))


SIGNED_IN = statuses(302, 200, 200, 200, 200)
AGENCY = statuses(302, 403, 403, 200, 403)

WORKBENCH_RULES: dict[str, tuple[str, dict[str, int]]] = {
    "basins.list_basins": ("GET", SIGNED_IN),
    "basins.show_basin": ("GET", SIGNED_IN),
    "basins.edit_section": ("GET", AGENCY),
    "basins.history": ("GET", AGENCY),
    # The matrix never writes territory data: the edit id does not exist, so the agency gets 404.
    "basins.revert": ("POST", statuses(302, 403, 403, 404, 403)),
    "sites.list_sites": ("GET", AGENCY),
    "sites.new_site": ("GET", AGENCY),
    "sites.site_history": ("GET", AGENCY),
    # The site id does not exist, so the agency gets 404 and the matrix never writes territory data.
    "sites.edit_site": ("GET", statuses(302, 403, 403, 404, 403)),
    "sites.withdraw_site": ("POST", statuses(302, 403, 403, 404, 403)),
    "compare.compare_basins": ("GET", AGENCY),
    "map.project_map": ("GET", AGENCY),
    "map.outlines": ("GET", SIGNED_IN),
    "dossier.show_dossier": ("GET", AGENCY),
    "dossier.dossier_pdf": ("GET", AGENCY),
}
# Path arguments of the workbench routes.
WORKBENCH_VALUES = {"section": "industrial_fabric", "edit_id": 999_999, "scope": "ge", "site_id": "no-such-site"}
