"""The company's needs checked per basin, the fit bands, the grouped reasons and the policy sentence."""

from __future__ import annotations

import pytest

from matcher.project.record import project_from_mapping
from matcher.scoring.checklist import needs_checklist
from matcher.scoring.explanations import fit_band, reasons
from matcher.scoring.features import pair_contexts
from matcher.scoring.needs_checks import needs_checks
from matcher.scoring.policy import policy_sentence
from matcher.search.retrieval import BasinEvidence

FOUNDRY = "Fonderie d'aluminium sous pression et usinage de carters pour l'automobile, 120 emplois"


def _checklist(territories, code: str, **fields):
    project = project_from_mapping({"description": FOUNDRY, **fields})
    [context] = pair_contexts(
        project, [territories.basin(code)], {code: BasinEvidence(code, {}, {}, {}, ())}, territories
    )
    return {c.topic: c for c in needs_checklist(context, needs_checks(project, code))}


def test_the_checklist_holds_only_what_the_company_asked_for(territories):
    assert _checklist(territories, "4411") == {}  # no jobs, land, power or need stated
    items = _checklist(territories, "4411", jobs=120, land_ha=8, power_mw=40, needs=["rail", "motorway"])
    assert list(items) == [
        "Main-d'œuvre",
        "Foncier",
        "Énergie électrique",
        "accès autoroutier",
        "accès ferroviaire (fret)",
    ]
    assert items["Main-d'œuvre"].status == "met" and "120 emplois créés" in items["Main-d'œuvre"].detail
    assert items["Énergie électrique"].status == "met" and "225 kV" in items["Énergie électrique"].detail
    assert items["accès ferroviaire (fret)"].status == "met" and items["accès ferroviaire (fret)"].fact


def test_an_item_is_unmet_with_no_fact_when_the_cv_shows_nothing(territories):
    items = _checklist(territories, "4411", needs=["airport", "gas_hydrogen", "waterway"])
    met = {topic for topic, c in items.items() if c.status == "met"}
    for topic, item in items.items():
        assert (item.fact is None) == (topic not in met) and item.status in ("met", "unmet")
        assert item.status_label == ("satisfait" if item.status == "met" else "non couvert par le CV")
    far = _checklist(territories, "4406", land_ha=400)  # no 400 ha site anywhere in the basin
    assert far["Foncier"].status == "unmet" and "400 ha" in far["Foncier"].detail


@pytest.mark.parametrize(
    "fit, band",
    [
        (3.2, "très adapté"),
        (1.0, "très adapté"),
        (0.99, "adapté"),
        (0.5, "adapté"),
        (0.2, "possible"),
        (0.0, "possible"),
        (-0.01, "peu adapté"),
        (-4.0, "peu adapté"),
    ],
)
def test_bands_follow_the_fit_in_standard_deviations(fit, band):
    assert fit_band(fit)[1] == band


def test_reasons_sum_the_contributions_by_theme_strongest_first():
    strengths, weaknesses = reasons(
        [
            ("lexical_activity", 0.4),
            ("lexical_whole_cv", 0.5),
            ("sector_jobs", 0.6),
            ("unemployment_rate", 0.05),
            ("declared_need:rail", -1.0),
            ("declared_need:land", -0.3),
            ("missing:land_fit", 0.0),
        ]
    )
    assert [(r.theme, r.weight) for r in strengths] == [("activity", 0.9), ("sector", 0.6)]  # workforce: too small
    assert [r.theme for r in weaknesses] == ["needs", "land"]
    assert weaknesses[0].text == "Des infrastructures que vous demandez manquent"
    assert reasons([("sector_jobs", -0.5)])[0] == []  # a negative group is never a strength
    many = [("sector_jobs", 1.0), ("lexical_best", 0.9), ("workforce", 0.8), ("land_fit", 0.7)]
    assert len(reasons(many)[0]) == 3


def test_the_policy_sentence_names_the_rules_in_plain_words():
    assert policy_sentence([], 0.0) is None
    up = policy_sentence(["cohesion", "value_chain"], 0.38)
    assert up.startswith("Les priorités de la Région font remonter ce bassin")
    assert "chômage" in up and "votre secteur y est déjà présent" in up and "ne change pas son adéquation" in up
    assert "cohesion" not in up and "0,38" not in up
