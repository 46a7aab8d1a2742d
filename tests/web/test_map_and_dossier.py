"""The SVG map (legend with values, départements, towns, keyboard links) and the dossier's chosen basins."""

from __future__ import annotations

import html
import io
import re

import pytest
from pypdf import PdfReader

from web.map_legend import class_of, french_decimal, score_classes
from web_support import WOOD, add_project

FIELDS = {"land_ha": 15, "needs": ["rail"], "title": "Panneaux bois"}
CLASS_LABEL = re.compile(r"de (−?\d+,\d\d) à (−?\d+,\d\d)")


@pytest.fixture
def project(app, accounts):
    return add_project(app, accounts["company_a"], WOOD, **FIELDS)


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.get_data(as_text=True))


def _pdf_text(response) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split()), len(reader.pages)


def test_score_classes_split_the_scores_and_cover_every_one():
    scores = [0.1 * i for i in range(27)]
    classes = score_classes(scores)
    assert len(classes) == 5 and sum(c.count for c in classes) == 27
    assert [class_of(s, classes).number for s in (0.0, 2.6)] == [1, 5]
    assert classes[0].label == "de 0,00 à 0,52" and french_decimal(-0.5) == "\u22120,50"
    assert len(score_classes([1.0, 1.0, 1.0])) == 1 and score_classes([]) == []


def test_the_map_has_a_legend_with_values_departments_towns_and_keyboard_links(login_as, project):
    page = _text(login_as("agency").get(f"/agency/projects/{project}/map"))
    legend = page.split('<ul class="legend">')[1].split("</ul>")[0]
    bounds = [tuple(float(v.replace(",", ".").replace("−", "-")) for v in m) for m in CLASS_LABEL.findall(legend)]
    assert len(bounds) == 5 and bounds == sorted(bounds, reverse=True)
    assert sum(int(n) for n in re.findall(r"\((\d+) bassins?\)", legend)) == 27
    assert page.count('<path d="M', page.index('class="departments"')) >= 10  # the 10 Grand Est départements
    for town in ("Strasbourg", "Reims", "Metz", "Nancy", "Épinal"):
        assert f">{town}</text>" in page
    links = re.findall(
        r'<a href="/basins/(\d{4})"\s+class="basin-shape"\s+data-code="\d{4}" '
        r'aria-label="([^"]+)"',
        page,
    )
    assert len(links) == 27 and all("rang" in label and "score" in label for _, label in links)


def test_the_dossier_presents_the_shortlisted_basins_with_the_map_and_page_numbers(app, login_as, project):
    agency = login_as("agency")
    page = _text(agency.get(f"/agency/projects/{project}"))
    codes = re.findall(r'<section class="basin" id="basin-(\d{4})">', page)
    names = dict(
        re.findall(
            r'<tr data-code="(\d{4})"><td class="num">\d+</td>\s*<td><a href="[^"]+">([^<]+)</a>',
            _text(agency.get(f"/agency/projects/{project}/map")),
        )
    )
    chosen = [codes[4], codes[7]]  # not the top 3, so the default cannot pass by luck
    for code in chosen:
        agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": code, "kind": "shortlist"})
    dossier = _text(agency.get(f"/agency/projects/{project}/dossier"))
    assert "présélectionnés ou retenus" in dossier
    presented = dossier.split('<ul class="chosen-basins">')[1].split("</ul>")[0]
    assert [names[c] for c in chosen] == re.findall(r"<strong>([^<]+)</strong>", presented)
    assert dossier.count('class="marked"') == 2 and 'class="svg-map"' in dossier
    for raw in ("industrial_fabric", "skills_and_training", "high_water", "périmètre ge"):
        assert raw not in dossier
    text, pages = _pdf_text(agency.get(f"/agency/projects/{project}/dossier.pdf?codes={chosen[0]}&codes={chosen[1]}"))
    assert all(names[c] in text for c in chosen)
    assert f"page 1 sur {pages}" in text and f"page {pages} sur {pages}" in text
    assert "Comparaison des bassins présentés" in text and "Strasbourg" in text  # the map's town names


def test_the_dossier_choice_on_the_page_overrides_the_default_and_is_checked(login_as, project):
    agency = login_as("agency")
    codes = re.findall(r'<section class="basin" id="basin-(\d{4})">', _text(agency.get(f"/agency/projects/{project}")))
    page = _text(agency.get(f"/agency/projects/{project}/dossier?codes={codes[5]}"))
    assert "les bassins choisis par l'agence" in page
    assert f'value="{codes[5]}" checked' in page and f'value="{codes[0]}" checked' not in page
    assert agency.get(f"/agency/projects/{project}/dossier?codes=9999").status_code == 400
    default = _text(agency.get(f"/agency/projects/{project}/dossier"))
    assert "les 3 premiers bassins du classement" in default
