import json

import pytest

from matcher.territory import overlays
from matcher.territory.facts_import import TerritoryImportError, import_file
from matcher.territory.loading import load_territories


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_import_adds_a_fact_and_sets_a_figure(fresh_home, tmp_path):
    before = load_territories()
    n_facts = len(before.basin("4407").curated["infrastructure"].facts)
    file = _write(
        tmp_path / "f.csv",
        "ze2020_code,field,value,source_title,source_url\n"
        "4407,infrastructure,Un nouvel embranchement ferroviaire dessert la zone.,Région,https://example.org/a\n"
        "4407,population_2021,190000,,\n",
    )
    summary = import_file(file, before)
    assert (summary.basins, summary.facts, summary.figures) == (1, 1, 1)
    after = load_territories()
    facts = after.basin("4407").curated["infrastructure"].facts
    assert len(facts) == n_facts + 1 and facts[-1].startswith("Un nouvel embranchement")
    assert after.basin("4407").figure("population_2021") == 190000
    assert after.data_hash != before.data_hash


def test_json_import_replaces_a_section(fresh_home, tmp_path):
    file = _write(
        tmp_path / "f.json",
        json.dumps(
            {
                "4401": {
                    "mode": "replace",
                    "sections": {"ecosystem": ["Fait unique."]},
                    "sources": {"ecosystem": [{"title": "T", "url": "https://example.org"}]},
                }
            }
        ),
    )
    import_file(file, load_territories())
    assert load_territories().basin("4401").curated["ecosystem"].facts == ("Fait unique.",)


@pytest.mark.parametrize(
    "content, where, field",
    [
        ("ze2020_code,field,value\n4407,infrastructure,ok fact\n9999,infrastructure,x\n", "line 3", "ze2020_code"),
        ("ze2020_code,field,value\n4407,population_2021,beaucoup\n", "line 2", "value"),
        ("ze2020_code,field,value\n4407,nonsense,1\n", "line 2", "field"),
        ("ze2020_code,value\n4407,1\n", "line 1", "field"),
        ("ze2020_code,field,value,mode\n4407,ecosystem,fait,merge\n", "line 2", "mode"),
    ],
)
def test_bad_csv_names_line_and_field_and_writes_nothing(fresh_home, tmp_path, content, where, field):
    file = _write(tmp_path / "bad.csv", content)
    with pytest.raises(TerritoryImportError) as error:
        import_file(file, load_territories())
    assert any(p.where == where and field in p.field for p in error.value.problems), error.value.problems
    assert not overlays.overrides_path().exists()


def test_bad_json_names_line(fresh_home, tmp_path):
    file = _write(tmp_path / "bad.json", '{"4407": {"sections": \n {"ecosystem": [1,}}}')
    with pytest.raises(TerritoryImportError, match="line 2"):
        import_file(file, load_territories())


def test_invalid_file_leaves_previous_import_untouched(fresh_home, tmp_path):
    good = _write(tmp_path / "good.csv", "ze2020_code,field,value\n4407,ecosystem,Premier fait.\n")
    import_file(good, load_territories())
    saved = overlays.overrides_path().read_bytes()
    bad = _write(
        tmp_path / "bad.csv", "ze2020_code,field,value\n4407,ecosystem,Deuxième fait.\n4407,population_2021,x\n"
    )
    with pytest.raises(TerritoryImportError):
        import_file(bad, load_territories())
    assert overlays.overrides_path().read_bytes() == saved
