"""The gate's fixed reference set: the development cases shipped with the package, as feature rows with project keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matcher.matching.pipeline import Matcher
from training.case_files import DEV_CASES
from training.cases import cases_hash, load_cases, project_key
from training.dataset import build_dataset
from training.like_with_like import ProjectSet

REFERENCE_CASES = DEV_CASES  # the Grand Est development cases shipped in training/data/cases


@dataclass(frozen=True)
class ReferenceSet:
    projects: ProjectSet
    cases_hash: str  # as the shipped default model records it: which cases it was trained on


def reference_set(matcher: Matcher, path: Path = REFERENCE_CASES, scope: str = "ge") -> ReferenceSet:
    """The reference cases scored by `matcher`'s retrieval and features over `scope`."""
    cases = load_cases(path, matcher.territories)
    keys = tuple(project_key(c.project) for c in cases)
    return ReferenceSet(ProjectSet(build_dataset(cases, matcher, scope), keys), cases_hash(cases))
