"""Labelled cases (JSONL): a project as a company describes it, and the basin where it really went.

Only the fields a company would give before choosing a site are read (`description_fr`, or
`description_de` / `description_en` for a project written in German or English, `naf_code`, `jobs`,
`land_ha`, `endogenous`, `project_kind`, `existing_site_communes`: the company knows what kind its
project is and where its sites are) plus the gold location. Names, notes, sources and
ids are never read: they name the place or the company and would leak the answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matcher.project.record import Project, ProjectValidationError, project_from_mapping
from matcher.territory.loading import Territories

DESCRIPTION_FIELDS = ("description_fr", "description_de", "description_en")  # the first one given is read
INPUT_FIELDS = {
    "naf_code": "naf_code",
    "jobs": "jobs",
    "land_ha": "land_ha",
    "endogenous": "endogenous",
    "project_kind": "project_kind",
    "existing_site_communes": "existing_site_communes",
}
SITE_FIELDS = ("existing_site_communes",)  # left out by load_cases(with_sites=False)


@dataclass(frozen=True)
class Case:
    line: int  # 1-based line number in the file
    project: Project
    gold_basin: str  # ZE2020 code


class CasesError(ValueError):
    """The file has invalid lines; `problems` lists "line N: what is wrong" sentences."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        shown = "\n".join(problems[:20]) + (f"\n… and {len(problems) - 20} more" if len(problems) > 20 else "")
        super().__init__(f"{path}: {len(problems)} invalid line(s)\n{shown}")


def _gold_basin(record: Mapping[str, Any], territories: Territories) -> str:
    """The commune's basin (2023 geography); the given ze2020_code when the commune is not in it."""
    commune = str(record.get("commune_insee_code") or "").strip()
    code = str(record.get("ze2020_code") or "").strip()
    found = territories.communes.get(commune) if commune else None
    if found is not None:
        return found.basin_code
    if code in territories.basins:  # a commune created or merged after 2023 still has its basin code
        return code
    problems = ([f"commune_insee_code inconnu : {commune}"] if commune else []) + (
        [f"ze2020_code inconnu : {code}"] if code else []
    )
    raise ValueError("; ".join(problems) or "lieu réel manquant : commune_insee_code ou ze2020_code")


def parse_case(record: Any, line: int, territories: Territories, with_sites: bool = True) -> Case:
    """One case from a decoded JSON line; ValueError with a French message when invalid.

    Without sites, the company's existing sites are not given (its project kind still is).
    """
    if not isinstance(record, dict):
        raise ValueError("un objet JSON est attendu")
    description = next((record[f] for f in DESCRIPTION_FIELDS if str(record.get(f) or "").strip()), None)
    if description is None:
        raise ValueError("description_fr est obligatoire (ou description_de, description_en)")
    fields = {
        target: record.get(source) for source, target in INPUT_FIELDS.items() if with_sites or source not in SITE_FIELDS
    }
    try:
        project = project_from_mapping({"description": description, **fields})
    except ProjectValidationError as error:
        raise ValueError("; ".join(f"{k} {v}" for k, v in error.problems.items())) from None
    return Case(line, project, _gold_basin(record, territories))


def load_cases(path: Path, territories: Territories, with_sites: bool = True) -> list[Case]:
    """Every case of a JSONL file; raise CasesError naming each bad line, all at once."""
    cases, problems = [], []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            cases.append(parse_case(json.loads(text), number, territories, with_sites))
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: JSON invalide ({error.msg}, colonne {error.colno})")
        except ValueError as error:
            problems.append(f"line {number}: {error}")
    if problems:
        raise CasesError(path, problems)
    if not cases:
        raise CasesError(path, ["the file holds no case"])
    return cases


def cases_scope(cases: list[Case], territories: Territories) -> str:
    """The scope to rank a file's cases over: Grand Est when every gold basin lies there, else France."""
    return "ge" if all(territories.basin(c.gold_basin).in_grand_est for c in cases) else "france"


def cases_hash(cases: list[Case]) -> str:
    """sha256 of what training reads (inputs and gold basin), so edits to notes or sources don't count.

    The kind and sites are left out: the fit is learned without them (they act after it, see
    training.by_kind), and the shipped model keeps recognising the cases it was trained on.
    """
    rows = [
        [
            c.project.description,
            c.project.naf_code,
            c.project.jobs,
            c.project.land_ha,
            c.project.endogenous,
            c.gold_basin,
        ]
        for c in cases
    ]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def project_key(project: Project) -> str:
    """A project's identity across data sources (a case file, the database): sha256 of the fields cases carry."""
    row = [project.description, project.naf_code, project.jobs, project.land_ha, project.endogenous]
    return hashlib.sha256(json.dumps(row, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
