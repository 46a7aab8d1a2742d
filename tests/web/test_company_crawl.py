"""A company follows every link of its pages: no English text and no internal key anywhere it can go."""

from __future__ import annotations

import pytest

from crawl_support import offences, read_page, same_host_path
from web_support import add_project

FOUNDRY = (
    "Fonderie d'aluminium sous pression et usinage de carters pour l'automobile : fours électriques à "
    "induction, 120 emplois, 8 ha, embranchement ferroviaire souhaité, besoin en eau industrielle"
)
EXTENSION = (
    "Nous voulons étendre notre scierie existante avec une ligne de panneaux de particules en bois, "
    "80 emplois, accès autoroutier"
)
SKIPPED = ("/static/", "/logout", "/api/")


def _crawl(client, start: str) -> dict[str, str]:
    """Every page reachable by GET from `start` through links on this host: path -> what it shows."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIPPED):
            continue
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        seen[path] = ""
        if response.mimetype != "text/html":
            continue
        text, links = read_page(response.get_data(as_text=True))
        seen[path] = text
        base = "http://localhost" + path
        queue.extend(p for p in (same_host_path(base, href) for href in links) if p and p.split("#")[0] not in seen)
        queue = [p.split("#")[0] for p in queue]
    return seen


@pytest.mark.slow  # some forty pages, each rendered and read
def test_no_english_and_no_internal_key_on_any_page_a_company_reaches(app, accounts, login_as):
    foundry = add_project(
        app,
        accounts["company_a"],
        FOUNDRY,
        title="Fonderie",
        jobs=120,
        land_ha=8.5,
        power_mw=40,
        needs=["rail", "motorway", "high_water", "gas_hydrogen"],
        occupations=["D1X33:10", "E5X70:4"],
        timeline_months=18,
        naf_code="24.53Z",
    )
    add_project(
        app,
        accounts["company_a"],
        EXTENSION,
        title="Extension",
        project_kind="extension_same_site",
        existing_site_communes=["08409"],
    )
    pages = _crawl(login_as("company_a"), "/")
    assert f"/projects/{foundry}" in pages and "/projects/new" in pages
    assert sum(p.startswith("/basins/") for p in pages) >= 27  # the matched basins' CVs, then every Grand Est one
    problems = {path: found for path, text in pages.items() if (found := offences(text))}
    assert not problems, "\n".join(f"{path}: {line}" for path, lines in problems.items() for line in lines[:5])
    assert "8,5 ha" in pages[f"/projects/{foundry}"]
    print(f"crawled {len(pages)} pages as a company")


def test_the_crawl_check_catches_what_the_old_pages_showed():
    old = (
        "Score 2.316 = adéquation 2.123 + politique régionale +0.192 ; high_water, motorway ; périmètre ge ; "
        "modèle default-1073a49b, index d024a4070d835264-p2 ; Foncier 8.0 ha ; Not a valid choice ; None ; "
        "termes du projet présents dans un passage du CV (industrial_fabric, skills_and_training)"
    )
    found = " ".join(offences(old))
    for leak in (
        "Score",
        "2.316",
        "+0.192",
        "high_water",
        "motorway",
        "périmètre ge",
        "d024a4070d835264",
        "8.0 ha",
        "Not a valid",
        "None",
        "industrial_fabric",
        "skills_and_training",
    ):
        assert repr(leak) in found or leak in found, leak
    assert offences("Foncier 8,5 ha ; secteur 16.21Z ; polyamide 6.6 ; accès ferroviaire (fret)") == []
