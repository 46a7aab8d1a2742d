"""`territories import` of a sites CSV: told by its header, all or nothing, errors naming line and field."""

import pytest
from click.testing import CliRunner

from matcher.scoring.land_need import check_land
from matcher.territory import overlays
from matcher.territory.loading import load_territories
from web.cli import main

GOOD = (
    "site_id,action,site_name,commune_code,area_ha,serviced,rail_distance_m,zoning,status,source,date\n"
    ",add,Zone d'activités du Val,08105,160,oui,0,AU,disponible,Agence des Ardennes,2026-11-02\n"
    "{withdrawn},withdraw,,,,,,,,,\n"
)
BAD = (
    "site_name,commune_code,area_ha,serviced,source,date\n"
    "Zone A,08105,cent,peut-être,Agence,2026-11-02\n"
    "Zone B,99999,10,oui,,2026-13-01\n"
)


def _import(tmp_path, text):
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["territories", "import", str(path)])


def test_a_sites_csv_adds_and_withdraws_sites(fresh_home, tmp_path):
    before = load_territories()
    assert not check_land(before.land, "4403", 150, rail=True).met
    withdrawn = before.land.largest("4403").site_id
    result = _import(tmp_path, GOOD.format(withdrawn=withdrawn))
    assert result.exit_code == 0, result.output
    assert "Sites importés : 1 ajouté(s) et 1 retiré(s)" in result.output
    after = load_territories()
    check = check_land(after.land, "4403", 150, rail=True)
    assert check.met and "Zone d'activités du Val (Charleville-Mézières)" in check.reason()
    assert withdrawn not in {s.site_id for s in after.land.sites("4403")}
    assert after.data_hash != before.data_hash
    shown = CliRunner().invoke(main, ["territories", "show", "4403"]).output
    assert "Zone d'activités du Val (Charleville-Mézières) : 160 ha ; accès ferroviaire direct ; viabilisé" in shown


def test_a_bad_sites_file_changes_nothing_and_names_line_and_field(fresh_home, tmp_path):
    _import(tmp_path, GOOD.format(withdrawn=load_territories().land.largest("4403").site_id))
    before = overlays.overrides_path().read_bytes()
    result = _import(tmp_path, BAD)
    assert result.exit_code == 2
    for expected in (
        "line 2, field 'area_ha'",
        "line 2, field 'serviced'",
        "line 3, field 'source'",
        "line 3, field 'commune_code'",
        "line 3, field 'date'",
        "nothing imported",
    ):
        assert expected in result.output
    assert overlays.overrides_path().read_bytes() == before


@pytest.mark.parametrize(
    "text, expected",
    [
        ("site_id,action\nno-such-site,withdraw\n", "line 2, field 'site_id'"),
        ("site_name,commune_code,source,date,surface\nA,08105,Agence,2026-01-01,3\n", "line 1, field 'surface'"),
        ("site_id,action\nx,demolish\n", "line 2, field 'action'"),
        ("site_name,commune_code,source,date\n", "aucun site à importer"),
    ],
)
def test_invalid_sites_files_are_refused(fresh_home, tmp_path, text, expected):
    result = _import(tmp_path, text)
    assert result.exit_code == 2 and expected in result.output
    assert not overlays.overrides_path().exists()
