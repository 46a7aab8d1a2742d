"""In-process latency of one match (Grand Est and France), per stage, and batch throughput.

Projects: the development cases (long, real texts) plus French texts generated from templates
and the industrial NAF labels (see benchmarks/_common.py); a different generated set warms the
process up first, so per-text caches (a text's vector, its needs) never hit on a timed project,
while per-process ones (the vectors of the 732 NAF labels, a basin's facts) are full, as in a
server that has run a while.

Timed: `Matcher.match(project, scope, top=10)`, one project at a time, p50 and p95 over all
projects; the breakdown is the mean time per match of each pipeline stage (matcher.search.stage_timing):
embed (encode the text), retrieve (FAISS and TF-IDF similarities, evidence per basin),
features, rank (model, declared needs, policy) and explain (the top results' reasons); the
NAF code inferred from the text counts in retrieve. Batch: `Matcher.match_many` on 1,000 other
projects (texts encoded in one batch), projects per second and ms per project per stage.

Threads: faiss searches one query at a time here, where its OpenMP threads only add spinning,
so it runs on 1 thread, as web workers do; BLAS (the encoder) keeps its 2 threads unless
--threads caps both.

Usage: python benchmarks/match_latency.py [--json] [--projects 250] [--batch 1000] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

from _common import cpu_times, load_average, percentiles_ms, project_bodies, steal_percent, warn_if_busy

STAGES = ("embed", "retrieve", "features", "rank", "explain")
TARGETS = {"ge": 10.0, "france": 25.0, "batch": 200.0}


def build(threads: int) -> tuple[Any, float]:
    """The default matcher (index built first if missing), and how long loading took."""
    from threadpoolctl import threadpool_limits

    from embeddings.index import set_search_threads
    from matcher.matching.service import build_matcher

    set_search_threads(1)
    if threads:
        set_search_threads(threads)
        threadpool_limits(limits=threads)
    build_matcher(progress=False)  # builds the index once when missing: not part of the load time
    started = time.perf_counter()
    matcher = build_matcher(progress=False)
    if threads:
        matcher.embedder.threads = threads
    matcher.embedder.encode(["prêt"])
    return matcher, time.perf_counter() - started


def projects(n: int, seed: int) -> list[Any]:
    from matcher.project.record import project_from_mapping

    return [project_from_mapping(body) for body in project_bodies(n, seed)]


def forget_texts() -> None:
    """Empty the per-text caches, so a scope never reuses what the previous one computed."""
    from matcher.project.need_vocabulary import needs_in_text
    from matcher.search.retrieval import TEXT_VECTORS

    TEXT_VECTORS.clear()
    needs_in_text.cache_clear()


def time_scope(matcher: Any, items: list[Any], scope: str) -> dict[str, Any]:
    """p50/p95 of single matches and the mean per-stage time, in ms."""
    from matcher.search.stage_timing import recording

    forget_texts()
    durations = []
    with recording() as totals:
        for project in items:
            started = time.perf_counter()
            matcher.match(project, scope, top=10)
            durations.append(time.perf_counter() - started)
    stats = percentiles_ms(durations)
    mean = {name: round(1000 * totals.get(name, 0.0) / len(items), 2) for name in STAGES}
    mean["total"] = round(1000 * float(np.mean(durations)), 2)
    mean["other"] = round(mean["total"] - sum(mean[s] for s in STAGES), 2)
    return {"p50_ms": stats["p50_ms"], "p95_ms": stats["p95_ms"], "mean_ms": mean["total"], "breakdown": mean}


def batch_rate(matcher: Any, items: list[Any], scope: str) -> tuple[float, dict[str, float]]:
    """Projects per second through one `match_many`, and its stages in ms per project."""
    from matcher.search.stage_timing import recording

    forget_texts()
    with recording() as totals:
        started = time.perf_counter()
        matcher.match_many(items, scope, top=10)
        elapsed = time.perf_counter() - started
    return round(len(items) / elapsed, 1), {
        name: round(1000 * totals.get(name, 0.0) / len(items), 2) for name in STAGES
    }


def warm_up(matcher: Any, seed: int) -> None:
    """Fill the per-process caches as a running server has them; never with the timed texts."""
    from matcher.project.sector_choice import label_vectors

    label_vectors(matcher.embedder)
    for scope in ("ge", "france"):
        for project in projects(40, seed + 1000):
            matcher.match(project, scope, top=10)


def environment(matcher: Any, load_start: float, load_s: float, items: list[Any], cpu: list[int]) -> dict[str, Any]:
    import faiss
    from threadpoolctl import threadpool_info

    chars = [len(p.text) for p in items]
    return {
        "cpus": os.cpu_count(),
        "faiss_omp_threads": faiss.omp_get_max_threads(),
        "encoder_threads": getattr(matcher.embedder, "threads", None),
        "blas": sorted({(lib["internal_api"], lib["num_threads"]) for lib in threadpool_info()}),
        "embedder": matcher.embedder.name,
        "passages": len(matcher.index.vectors),
        "model_version": matcher.ranker.version,
        "matcher_load_s": round(load_s, 2),
        "projects": len(items),
        "text_chars": {"median": int(np.median(chars)), "max": max(chars)},
        "load_average_1min": {"start": load_start, "end": load_average()},
        "cpu_steal_pct": steal_percent(cpu, cpu_times()),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    load_start, cpu = warn_if_busy(), cpu_times()
    matcher, load_s = build(args.threads)
    timed = projects(args.projects, args.seed)
    warm_up(matcher, args.seed)
    result: dict[str, Any] = {scope: time_scope(matcher, timed, scope) for scope in ("ge", "france")}
    batch = projects(args.batch, args.seed + 2000)
    result["batch_size"] = len(batch)
    result["batch_projects_per_s"], batch_ge = batch_rate(matcher, batch, "ge")
    result["batch_projects_per_s_france"], batch_france = batch_rate(matcher, batch, "france")
    result["breakdown"] = {scope: result[scope].pop("breakdown") for scope in ("ge", "france")}
    result["breakdown"].update({"batch_ge": batch_ge, "batch_france": batch_france})
    result["targets"] = {
        "ge_p50_ms": TARGETS["ge"],
        "france_p50_ms": TARGETS["france"],
        "batch_projects_per_s": TARGETS["batch"],
    }
    result["environment"] = environment(matcher, load_start, load_s, timed, cpu)
    return result


def print_table(result: dict[str, Any]) -> None:
    print(json.dumps(result["environment"], ensure_ascii=False))
    print(f"{'scope':8} {'p50 ms':>8} {'p95 ms':>8} {'mean':>8}  " + " ".join(f"{s:>9}" for s in (*STAGES, "other")))
    for scope in ("ge", "france"):
        row, parts = result[scope], result["breakdown"][scope]
        print(
            f"{scope:8} {row['p50_ms']:8.2f} {row['p95_ms']:8.2f} {row['mean_ms']:8.2f}  "
            + " ".join(f"{parts[s]:9.2f}" for s in (*STAGES, "other"))
        )
    for scope in ("batch_ge", "batch_france"):
        parts = result["breakdown"][scope]
        print(f"{scope:35}  " + " ".join(f"{parts[s]:9.2f}" for s in STAGES) + "  (ms per project)")
    print(
        f"batch of {result['batch_size']}, projects/s: ge {result['batch_projects_per_s']}, "
        f"france {result['batch_projects_per_s_france']}"
    )
    print("targets:", json.dumps(result["targets"]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--projects", type=int, default=250, help="projects timed one by one (>= 200)")
    parser.add_argument("--batch", type=int, default=1000, help="projects in the match_many batch")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0, help="cap faiss and BLAS threads (default: see above)")
    args = parser.parse_args(argv)
    result = run(args)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
