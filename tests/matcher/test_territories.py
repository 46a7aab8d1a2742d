import math

import pandas as pd
import pytest

from matcher.package_data import shipped_path
from matcher.territory.records import UnknownBasinError


def test_all_basins_and_communes_load(territories):
    assert len(territories.scope("france")) == 306
    assert len(territories.scope("ge")) == 27
    assert all(b.in_grand_est and b.code.startswith("44") for b in territories.scope("ge"))
    assert len(territories.communes) == 34_945


def test_figures_equal_the_csv(territories):
    frame = pd.read_csv(shipped_path("territories", "basins.csv"), dtype={"ze2020_code": str})
    for row in frame.to_dict("records"):
        basin = territories.basin(row["ze2020_code"])
        assert basin.name == row["ze2020_name"]
        for column, value in basin.figures.items():
            expected = row[column]
            if isinstance(expected, float) and math.isnan(expected):
                assert value is None, (basin.code, column)
            else:
                assert value == pytest.approx(float(expected)), (basin.code, column)


def test_codes_keep_leading_zeros(territories):
    assert territories.basin("0051").name == "Alençon"
    assert territories.communes["01001"].basin_code == "8405"


def test_curated_facts_sites_and_industry_territories_attach(territories):
    sarreguemines = territories.basin("4420")
    assert len(sarreguemines.curated["industrial_fabric"].facts) > 0
    assert all(s.url.startswith("http") for s in sarreguemines.curated["industrial_fabric"].sources)
    assert [s.name for s in sarreguemines.sites] == ["Europôle Sarreguemines"]
    assert any("Bar-le-Duc" in t.name for t in territories.basin("4401").industry_territories)
    assert territories.basin("0051").curated == {}


def test_unknown_basin_and_scope(territories):
    with pytest.raises(UnknownBasinError, match="9999"):
        territories.basin("9999")
    with pytest.raises(ValueError, match="scope"):
        territories.scope("europe")
