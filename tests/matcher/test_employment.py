"""The URSSAF loader against the CSV it reads: every cell, every basin total, France shares."""

import pandas as pd
import pytest

from matcher.package_data import shipped_path
from matcher.territory.employment import AS_OF_YEAR, INDUSTRIAL_A38, YEARS, a38_of_naf, load_employment


@pytest.fixture(scope="module")
def frame():
    return pd.read_csv(shipped_path("territories", "salaried_jobs_a38.csv"), dtype={"ze2020_code": str})


def test_every_cell_equals_the_csv(frame, territories):
    data = territories.employment
    for row in frame.itertuples(index=False):
        for year in YEARS:
            expected = getattr(row, f"private_salaried_jobs_{year}")
            assert data.jobs(row.ze2020_code, row.a38_code, year) == (None if pd.isna(expected) else expected)


def test_basin_totals_are_the_sums_of_their_sectors(frame):
    data = load_employment()
    for year in YEARS:
        sums = frame.groupby("ze2020_code")[f"private_salaried_jobs_{year}"].sum()
        for code, expected in sums.items():
            assert data.total(code, year) == pytest.approx(expected), (code, year)
    assert len(sums) == 305 and not data.has_basin("0601")  # URSSAF does not cover Mayotte
    assert sum(data.total(code, 2019) for code in sums.index) == 18_748_962  # France total in SOURCES.md


def test_shares_specialisation_and_industry_by_hand(frame):
    data = load_employment()
    year = frame[frame.ze2020_code == "4418"].set_index("a38_code")["private_salaried_jobs_2019"]
    national = frame.groupby("a38_code")["private_salaried_jobs_2019"].sum()
    share = year["CF"] / year.sum()
    assert data.share("4418", "CF") == pytest.approx(share)
    assert data.france_share("CF") == pytest.approx(national["CF"] / national.sum())
    assert data.specialisation("4418", "CF") == pytest.approx(share / (national["CF"] / national.sum()))
    assert data.specialisation("4418", "CF") > 10  # Saint-Louis pharmacy, as SOURCES.md says
    assert data.industrial_jobs("4418") == pytest.approx(year.reindex(list(INDUSTRIAL_A38)).sum())
    assert sum(data.france_share(a38) for a38 in data.labels) == pytest.approx(1.0)


def test_naf_codes_map_to_their_a38_sector():
    assert a38_of_naf("21.10Z") == "CF" and a38_of_naf("2110Z") == "CF"
    assert a38_of_naf("10.51C") == "CA" and a38_of_naf("16.21Z") == "CC"
    assert a38_of_naf("04.00Z") is None and a38_of_naf(None) is None and a38_of_naf("bois") is None


def test_ranking_reads_2019_and_asking_another_year_is_explicit():
    data = load_employment()
    assert AS_OF_YEAR == 2019 and data.jobs("4418", "CF") == data.jobs("4418", "CF", 2019)
    with pytest.raises(ValueError, match="2020"):
        data.jobs("4418", "CF", 2020)
