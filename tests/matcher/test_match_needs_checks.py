"""A project stating 40 MW and two occupations gets both checks on every ranked basin, apart from the fit."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from matcher.project.record import project_from_mapping
from web.cli import main

FOUNDRY = (
    "Fonderie d'aluminium sous pression et usinage de carters pour l'automobile : fours électriques à "
    "induction, 120 emplois, 8 ha, embranchement ferroviaire souhaité"
)
STATED = {"occupations": ["D1X33:10", "E5X70:4"], "power_mw": 40}


@pytest.mark.slow
def test_every_ranked_basin_gets_the_power_and_hiring_checks(matcher):
    result = matcher.match(project_from_mapping({"description": FOUNDRY, **STATED}), top=10)
    for item in result.results:
        checks = item.needs_checks
        assert checks.power.status in ("met", "unmet") and checks.power.need_mw == 40
        assert (checks.power.km <= checks.power.distance_km) == (checks.power.status == "met")
        assert checks.hiring.level in ("higher", "similar", "lower", "too_few")
        assert [o.code for o in checks.hiring.occupations] == ["D1X33", "E5X70"]
        assert "Vous recherchez 14 personnes" in checks.hiring.summary and "Grand Est" in checks.hiring.summary
    assert "needs_checks" in result.to_dict()["results"][0]


@pytest.mark.slow
def test_the_checks_do_not_move_the_ranking(matcher):
    plain = matcher.match(project_from_mapping({"description": FOUNDRY}), top=10)
    stated = matcher.match(project_from_mapping({"description": FOUNDRY, **STATED}), top=10)
    assert plain.results[0].needs_checks is None
    assert [(r.ze2020_code, r.fit, r.policy_adjustment) for r in plain.results] == [
        (r.ze2020_code, r.fit, r.policy_adjustment) for r in stated.results
    ]


@pytest.mark.slow
def test_the_cli_takes_occupations_and_power_and_prints_the_checks(matcher):
    runner = CliRunner()
    args = ["match", FOUNDRY, "--occupation", "D1X33:10", "--occupation", "E5X70:4", "--power-mw", "40", "--top", "3"]
    table = runner.invoke(main, args)
    assert table.exit_code == 0, table.output
    assert table.output.count("vérification : Besoin de 40 MW") == 3
    assert table.output.count("vérification : ") == 6
    data = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    assert all(r["needs_checks"]["hiring"]["sought"] == 14 for r in data["results"])


def test_the_cli_refuses_an_unknown_occupation_with_exit_2():
    result = CliRunner().invoke(main, ["match", FOUNDRY, "--occupation", "Z9Z99:3"])
    assert result.exit_code == 2 and "Z9Z99" in result.output


def test_territories_occupations_searches_the_list():
    result = CliRunner().invoke(main, ["territories", "occupations", "soudeurs", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output) == [
        {"code": "D1X33", "label": "Soudeurs", "family": "Ouvriers des secteurs de l'industrie"}
    ]
