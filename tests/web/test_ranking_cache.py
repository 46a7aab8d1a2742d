"""Reverse matching reuses a project's ranking only while the project, model, index and policy stay the same."""

from __future__ import annotations

from dataclasses import replace

from matcher.project.record import Project
from matcher.scoring.policy import PolicyConfig
from web.worker_rankings import rankings

PROJECT = Project("Scierie et usine de panneaux de particules en bois, 80 emplois, accès ferroviaire souhaité.")


def test_a_cached_ranking_is_the_one_a_new_match_gives(fast_matcher):
    (first,) = rankings(fast_matcher, [PROJECT], "ge")
    (again,) = rankings(fast_matcher, [replace(PROJECT)], "ge")  # equal fields, another object
    assert again is first
    fresh = fast_matcher.match(PROJECT, "ge", top=len(fast_matcher.territories.scope("ge")))
    assert {r.ze2020_code: (r.rank, r.score) for r in fresh.results} == {c: (p.rank, p.score) for c, p in first.items()}


def test_another_policy_scope_or_text_is_ranked_again(fast_matcher):
    (base,) = rankings(fast_matcher, [PROJECT], "ge")
    (no_policy,) = rankings(replace(fast_matcher, policy=PolicyConfig.off()), [PROJECT], "ge")
    assert no_policy is not base and all(p.policy_adjustment == 0 for p in no_policy.values())
    (france,) = rankings(fast_matcher, [PROJECT], "france")
    assert len(france) == len(fast_matcher.territories.scope("france")) > len(base)
    (other,) = rankings(fast_matcher, [replace(PROJECT, jobs=400)], "ge")
    assert other is not base
