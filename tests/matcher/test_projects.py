"""Validation of the project record: every problem named in French, and nothing else ever raised."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.project.naf_labels import naf_table, normalise_naf_code
from matcher.project.record import Project, ProjectValidationError, project_from_mapping

TEXT = "Nous voulons construire une usine de panneaux de bois."


def _problems(**fields):
    with pytest.raises(ProjectValidationError) as caught:
        project_from_mapping({"description": TEXT, **fields})
    return caught.value.problems


@pytest.mark.parametrize("raw", ["16.21Z", "16.21z", "1621Z", " 16 21 Z "])
def test_a_sub_class_is_read_in_its_usual_spellings(raw):
    assert normalise_naf_code(raw) == "16.21Z"


def test_a_class_stands_for_its_only_sub_class_and_an_ambiguous_one_lists_them():
    assert project_from_mapping({"description": TEXT, "naf_code": "26.11"}).naf_code == "26.11Z"
    assert _problems(naf_code="10.51") == {
        "naf_code": "classe NAF 10.51 : précisez la sous-classe (10.51A, 10.51B, 10.51C, 10.51D)"
    }
    assert "inconnu : 99.99Z" in _problems(naf_code="99.99Z")["naf_code"]


def test_a_job_count_must_be_whole():
    assert project_from_mapping({"description": TEXT, "jobs": 1700.0}).jobs == 1700
    assert isinstance(project_from_mapping({"description": TEXT, "jobs": "80"}).jobs, int)
    assert _problems(jobs=1700.5) == {"jobs": "doit être un nombre entier"}
    assert _problems(jobs=-1) == {"jobs": "doit être compris entre 0 et 100000"}


def test_every_bad_field_is_named_at_once():
    problems = _problems(
        description="court", jobs="beaucoup", land_ha="nan", needs=["rail", "teleport"], endogenous="peut-être"
    )
    assert set(problems) == {"description", "jobs", "land_ha", "needs", "endogenous"}


ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=10), max_size=3),
)
FIELDS = ("title", "naf_code", "jobs", "land_ha", "power_mw", "needs", "endogenous", "timeline_months")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), ANY_VALUE), st.text(max_size=60))
def test_any_input_gives_a_valid_project_or_named_problems(fields, description):
    try:
        project = project_from_mapping({"description": description, **fields})
    except ProjectValidationError as error:  # either outcome is right: pytest.raises cannot say so
        assert error.problems and set(error.problems) <= {"description", *FIELDS}  # noqa: PT017
        return
    assert isinstance(project, Project) and len(project.description) >= 20
    assert project.jobs is None or (isinstance(project.jobs, int) and 0 <= project.jobs <= 100_000)
    assert project.naf_code is None or project.naf_code in naf_table()
    assert project.land_ha is None or 0 <= project.land_ha <= 10_000


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(naf_table())), st.booleans(), st.booleans())
def test_every_sub_class_survives_its_spellings(code, dotted, lower):
    raw = code if dotted else code.replace(".", "")
    assert normalise_naf_code(raw.lower() if lower else raw) == code


def test_project_kind_and_sites_are_validated():
    project = project_from_mapping(
        {
            "description": "Extension de notre usine de pièces mécaniques.",
            "project_kind": "extension sur site",
            "existing_site_communes": "Mulhouse (68224) ; 67482, 68224",
        }
    )
    assert project.kind == "extension_same_site"
    assert project.sites == ("68224", "67482") and project.existing_site_commune == "68224"
    with pytest.raises(ProjectValidationError) as error:
        project_from_mapping(
            {
                "description": "Extension de notre usine de pièces mécaniques.",
                "project_kind": "délocalisation",
                "existing_site_communes": ["68224", "99999", "Nancyville"],
            }
        )
    assert "délocalisation" in error.value.problems["project_kind"]
    assert "99999" in error.value.problems["existing_site_communes"]
    assert "Nancyville" in error.value.problems["existing_site_communes"]


def test_sites_may_be_named_and_a_shared_name_asks_for_the_code():
    text = "Extension de notre usine de pièces mécaniques."
    project = project_from_mapping({"description": text, "existing_site_communes": "Nancy ; saint die des vosges"})
    assert project.sites == ("54395", "88413")
    with pytest.raises(ProjectValidationError) as error:
        project_from_mapping({"description": text, "existing_site_communes": "Saint-Martin"})
    assert (
        "plusieurs communes s'appellent « Saint-Martin » : précisez le code INSEE"
        in error.value.problems["existing_site_communes"]
    )


def test_legacy_endogenous_flag_and_single_site_map_onto_kind_and_sites():
    text = "Nouvelle usine de pièces mécaniques pour une entreprise de la région."
    legacy = project_from_mapping({"description": text, "endogenous": "oui", "existing_site_commune": "54395"})
    assert (legacy.kind, legacy.sites) == ("new_site_existing_company", ("54395",))
    assert project_from_mapping({"description": text, "endogenous": False}).kind == "newcomer"
    both = project_from_mapping(
        {
            "description": text,
            "existing_site_commune": "54395",
            "existing_site_communes": ["57463"],
            "project_kind": "takeover",
        }
    )
    assert (both.kind, both.sites) == ("takeover", ("57463", "54395"))
