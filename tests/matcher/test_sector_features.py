"""Sector employment features: the project's A38 sector in the basin, read as of 2019 only."""

import math

import pytest

from matcher.project.record import Project
from matcher.scoring.features import PairContext, sector_jobs, sector_specialisation
from matcher.search.retrieval import BasinEvidence
from matcher.territory.employment import AS_OF_YEAR, SectorEmployment

# Two basins, two sectors; 2024 differs from 2019 as if a project had brought its own jobs since.
CELLS = {
    ("4421", "CH"): (300.0, 500.0, 600.0, 5000.0),  # metal products
    ("4421", "CA"): (700.0, 700.0, 700.0, 700.0),  # food
    ("4407", "CH"): (100.0, 100.0, 100.0, 100.0),
    ("4407", "CA"): (900.0, 900.0, 900.0, 900.0),
}
EMPLOYMENT = SectorEmployment.from_cells(CELLS, {"CH": "Métallurgie", "CA": "Ind. alimentaires"})


def _context(territories, code, naf=None, sector_code=None):
    project = Project(description="Projet industriel de test, assez long.", naf_code=naf)
    evidence = BasinEvidence(code, {}, {}, {}, ())
    return PairContext(
        project, territories.basin(code), evidence, None, None, employment=EMPLOYMENT, sector_code=sector_code
    )


def test_sector_features_read_the_2019_column(territories):
    assert AS_OF_YEAR == 2019
    context = _context(territories, "4421", naf="25.62B")  # machining: A38 CH
    assert sector_jobs(context) == pytest.approx(math.log1p(300.0))  # not 5,000 (2024)
    # share in the basin 300 / 1,000 over the share in France 400 / 2,000
    assert sector_specialisation(context) == pytest.approx(math.log1p(0.3 / 0.2))


def test_the_inferred_sector_is_used_when_no_code_is_given(territories):
    context = _context(territories, "4407", sector_code="10.51A")  # dairy: A38 CA
    assert sector_jobs(context) == pytest.approx(math.log1p(900.0))
    assert sector_specialisation(context) == pytest.approx(math.log1p(0.9 / 0.8))


def test_without_sector_or_figures_the_features_are_missing(territories):
    assert sector_jobs(_context(territories, "4421")) is None
    assert sector_specialisation(_context(territories, "4421", naf="99.00Z")) is None  # no A38 figures
