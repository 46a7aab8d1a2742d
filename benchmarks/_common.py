"""What the latency and load benchmarks share: deterministic French project texts and percentiles.

Projects: the labelled development cases (real announcements, long texts) plus texts generated
from templates over the industrial NAF sub-classes (sections B to E) with their official labels,
job counts, land, infrastructure needs and sometimes a declared NAF code or declared needs. Same
seed, same projects; nothing is fetched.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training.case_files import DEV_CASES

OPENINGS = (
    "Notre entreprise, spécialisée dans l'activité suivante : {label}, prépare une nouvelle usine.",
    "Nous sommes un groupe industriel ({label}) et cherchons un site pour une unité de production.",
    "PME familiale du secteur « {label} », nous voulons doubler nos capacités sur un nouveau site.",
    "Jeune société innovante, nous industrialisons un procédé relevant de la {division}.",
    "Filiale d'un groupe européen de la {division}, nous implantons en France une usine ({label}).",
)
SIZES = (
    "Le projet prévoit {jobs} emplois à trois ans et un investissement de {invest} millions d'euros.",
    "Nous prévoyons de recruter {jobs} personnes, surtout des opérateurs, techniciens et régleurs.",
    "L'usine emploiera environ {jobs} salariés en deux équipes ; la formation locale est décisive.",
)
LANDS = (
    "Il nous faut un terrain de {land} ha viabilisé, si possible dans une zone d'activités existante.",
    "Nous cherchons {land} hectares constructibles rapidement, avec un bâtiment existant si possible.",
    "Surface recherchée : {land} ha, avec des réserves foncières pour une extension.",
)
NEED_SENTENCES = {
    "rail": "Un embranchement ferroviaire pour le fret serait un atout majeur.",
    "waterway": "La proximité d'un port fluvial ou d'un canal à grand gabarit nous intéresse.",
    "motorway": "L'accès autoroutier rapide est indispensable pour nos poids lourds.",
    "high_water": "Le procédé a un besoin en eau industrielle important.",
    "gas_hydrogen": "Nous avons besoin d'un raccordement au gaz, à terme à l'hydrogène.",
    "industrial_heat": "Nos fours demandent de la chaleur ou de la vapeur industrielle.",
    "power": "Le site demande une forte puissance électrique et un raccordement électrique rapide.",
}
CLOSINGS = (
    "Nous privilégions un territoire qui a déjà un tissu de sous-traitants dans notre filière.",
    "La présence d'écoles et de centres de formation aux métiers de l'industrie compte beaucoup.",
    "Nous souhaitons travailler avec les acteurs locaux de la filière et les collectivités.",
    "",
)


def industrial_naf() -> list[Any]:
    """The NAF sub-classes of sections B to E, in code order."""
    from matcher.project.naf_labels import is_industrial, naf_table

    return [code for code in naf_table().values() if is_industrial(code)]


def generated_project(rng: random.Random, naf: Any) -> dict[str, Any]:
    """One templated project, as the API's JSON body."""
    needs = rng.sample(sorted(NEED_SENTENCES), rng.randint(0, 3))
    jobs, land = rng.choice((15, 30, 45, 80, 120, 200, 350, 600)), rng.choice((1, 2, 5, 8, 12, 20, 40))
    values = {
        "label": naf.label.lower(),
        "division": naf.division_label.lower(),
        "jobs": jobs,
        "invest": rng.choice((4, 12, 25, 60, 150)),
        "land": land,
    }
    sentences = [rng.choice(OPENINGS), rng.choice(SIZES), rng.choice(LANDS)]
    sentences += [NEED_SENTENCES[n] for n in needs] + [rng.choice(CLOSINGS)]
    body: dict[str, Any] = {
        "description": " ".join(s.format(**values) for s in sentences if s),
        "jobs": jobs,
        "land_ha": land,
    }
    if rng.random() < 0.5:
        body["naf_code"] = naf.code
    if rng.random() < 0.3 and needs:
        body["needs"] = needs[:1]  # a declared need, as the form's checkboxes send it
    return body


def dev_case_projects(path: Path = DEV_CASES) -> list[dict[str, Any]]:
    """The development cases as API bodies (their text, NAF code, jobs and land)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        body = {"description": case["description_fr"], "jobs": case.get("jobs"), "land_ha": case.get("land_ha")}
        if case.get("naf_code"):
            body["naf_code"] = case["naf_code"]
        out.append({k: v for k, v in body.items() if v is not None})
    return out


def project_bodies(n: int, seed: int = 0, cases: Path = DEV_CASES) -> list[dict[str, Any]]:
    """`n` project bodies: the dev cases first, then generated ones; deterministic for a seed."""
    rng = random.Random(seed)
    codes = industrial_naf()
    bodies = dev_case_projects(cases)[:n]
    while len(bodies) < n:
        bodies.append(generated_project(rng, rng.choice(codes)))
    return bodies


def percentiles_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95 and p99 of durations given in seconds, in milliseconds."""
    if not seconds:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "p99_ms": float("nan")}
    values = np.asarray(seconds) * 1000
    return {f"p{q}_ms": round(float(np.percentile(values, q)), 2) for q in (50, 95, 99)}


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def cpu_times() -> list[int]:
    """The machine's CPU time counters (/proc/stat): user nice system idle iowait irq softirq steal."""
    with Path("/proc/stat").open() as stat:
        return [int(v) for v in stat.readline().split()[1:9]]


def steal_percent(before: list[int], after: list[int]) -> float:
    """Share of CPU time the hypervisor gave to other machines between two readings.

    On a shared host this, not the load average, explains a slow run: 30 % steal was seen here
    while the load average stayed below 1.5.
    """
    spent = [b - a for a, b in zip(before, after, strict=True)]
    return round(100 * spent[7] / max(sum(spent), 1), 1)


def warn_if_busy(limit: float = 1.5) -> float:
    """The 1-minute load average, with a warning on stderr when other work will skew timings."""
    import sys

    load = load_average()
    if load > limit:
        print(f"warning: load average {load:.2f} > {limit}: timings will be noisy, rerun when quiet", file=sys.stderr)
    return load
