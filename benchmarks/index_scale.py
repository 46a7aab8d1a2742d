"""How exact FAISS, approximate FAISS and numpy brute force scale on CV-passage-like vectors.

Data: ANN recall on uniform random 512-d vectors says nothing (every point is about as far
from every other), so the vectors mimic passage embeddings. ~4,300 French sentences in the
style of a CV de territoire are generated from templates over 30 sectors and embedded with
the real USE backend (`embeddings.use`). A "passage" is the normalised mean of 3 sentences
of one sector (a quarter mix two sectors, which blurs the sector clusters), plus gaussian
noise (norm ~0.3) so 1e5 or 1e6 passages stay distinct. Queries mix 2 sentences held out
of the passage pool: nearby, never identical. One set of queries tunes efSearch / nprobe to
the smallest value reaching recall@10 >= 0.96 (a margin over the 0.95 target); another set
is measured.

Measured per size and method, through `embeddings.index.VectorIndex` (so its BLAS setting
counts): build time, 1-query latency (median of 30), 100-query batch latency (best of 3),
recall@10 against numpy's exact top 10 over 300 queries, and memory. Two extra exact rows
show why index.py lowers faiss's BLAS threshold, and what one OpenMP thread does on a busy
machine (faiss's threads spin at barriers: under load its timings inflate several-fold, so
the load average is printed; compare runs made on a quiet machine).

Memory: tracemalloc cannot see faiss's C++ allocations and ru_maxrss is a process-wide
high-water mark (it cannot go down between steps), so a thread samples the resident set
size (/proc/self/statm) every ~2 ms while each step runs (faiss and BLAS release the GIL):
"index MB" is RSS after the build minus before it (what the index keeps, payload included:
n empty dicts), "peak MB" the highest RSS above the pre-build level during build and search.
Freed memory that the allocator keeps for reuse can hide part of a later peak.

Usage: python benchmarks/index_scale.py [--full] [--json] [--seed N] [--threads N]
(--full adds 1e6 vectors: about 2 GB per copy and tens of minutes on 2 cores.)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import faiss
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

SHIPPED_BLAS_THRESHOLD = faiss.cvar.distance_compute_blas_threshold  # before embeddings.index lowers it

from embeddings.index import AnnParams, VectorIndex  # noqa: E402
from embeddings.use import UseEmbedder  # noqa: E402

K = 10
TARGET_RECALL = 0.95
# Tuned on other queries than the measured ones: the margin keeps the measured recall above target.
TUNING_RECALL = 0.96
N_QUERIES = 100  # the batch whose latency is timed
N_RECALL_QUERIES = 300  # recall is averaged over more queries (its first 100 are the timed batch)
N_TUNING_QUERIES = 300
EF_LADDER = (16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
NPROBE_LADDER = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256)
SECTORS = {
    "la filière bois": "scieurs, menuisiers, conducteurs de ligne de panneaux",
    "la métallurgie": "soudeurs, chaudronniers, usineurs",
    "l'agroalimentaire": "opérateurs de conditionnement, bouchers, techniciens qualité",
    "la plasturgie": "régleurs de presses à injecter, techniciens de moulage",
    "la chimie": "opérateurs de fabrication, techniciens de laboratoire",
    "l'aéronautique": "ajusteurs-monteurs, câbleurs, techniciens de maintenance avion",
    "l'automobile": "opérateurs de montage, roboticiens, peintres industriels",
    "le textile": "couturiers industriels, tisserands, techniciens de teinture",
    "la logistique": "caristes, préparateurs de commandes, chefs de quai",
    "le numérique": "développeurs, administrateurs réseau, data analystes",
    "la santé": "infirmiers, aides-soignants, techniciens biomédicaux",
    "le tourisme": "réceptionnistes, cuisiniers, guides",
    "la construction": "maçons, coffreurs, conducteurs d'engins",
    "l'énergie": "électriciens, techniciens éoliens, ingénieurs réseau",
    "la pharmacie": "opérateurs en salle blanche, pharmaciens industriels",
    "l'électronique": "câbleurs de cartes, techniciens de test, ingénieurs systèmes",
    "le verre et la céramique": "verriers, fondeurs, émailleurs",
    "le papier-carton": "conducteurs de machine à papier, massicotiers",
    "la mécanique de précision": "décolleteurs, rectifieurs, métrologues",
    "la construction navale": "charpentiers de marine, soudeurs, tuyauteurs",
    "l'agriculture": "ouvriers agricoles, conducteurs de tracteurs, maraîchers",
    "la pêche et l'aquaculture": "marins pêcheurs, mareyeurs, aquaculteurs",
    "le ferroviaire": "soudeurs ferroviaires, électrotechniciens, conducteurs de train",
    "la banque et l'assurance": "conseillers clientèle, actuaires, gestionnaires de sinistres",
    "le commerce de détail": "vendeurs, caissiers, responsables de rayon",
    "le recyclage": "trieurs, conducteurs de broyeurs, techniciens environnement",
    "les cosmétiques": "formulateurs, opérateurs de remplissage, techniciens qualité",
    "l'imprimerie": "conducteurs offset, façonniers, infographistes",
    "le spatial": "ingénieurs systèmes, intégrateurs satellites, techniciens d'essais",
    "l'hydrogène et les batteries": "électrochimistes, opérateurs de cellules, techniciens de maintenance",
}
TEMPLATES = (
    "Le bassin de {town} compte {n} établissements dans {sector}.",
    "{Sector} emploie {n} salariés autour de {town}, surtout des {jobs}.",
    "Les entreprises de {sector} peinent à recruter des {jobs} près de {town}.",
    "Le lycée professionnel de {town} forme chaque année {n} jeunes aux métiers de {sector}.",
    "Une zone d'activités de {n} hectares accueille {sector} à l'entrée de {town}.",
    "Depuis {year}, {sector} a créé {n} emplois dans le bassin de {town}.",
    "Les {jobs} de {town} sont recherchés par {sector} de toute la région.",
    "Un pôle de compétitivité soutient l'innovation dans {sector} à {town}.",
    "La gare de fret de {town} dessert les sites de {sector} à {n} kilomètres.",
    "Un plan régional finance la formation des {jobs} pour {sector} en {year}.",
)
TOWNS = (
    "Épinal Saint-Dié Tulle Figeac Oyonnax Cholet Vierzon Montbéliard Annonay Thiers Rodez "
    "Fougères Lannion Dax Alès Redon Vire Nevers Sedan Morlaix Aurillac Mende Roanne Laval"
).split()


@dataclass(frozen=True)
class Row:
    """One method at one size."""

    n: int
    method: str
    setting: str
    build_s: float
    latency_1q_ms: float
    batch_100q_ms: float
    recall_at_10: float
    index_mb: float
    peak_mb: float
    speedup_1q: float = 1.0
    speedup_100q: float = 1.0


def sentence_pool(rng: np.random.Generator, per_sector: int = 144) -> np.ndarray:
    """USE vectors of generated French CV sentences, shaped (sector, sentence, dim)."""
    texts = []
    for sector, jobs in SECTORS.items():
        for _ in range(per_sector):
            template = TEMPLATES[rng.integers(len(TEMPLATES))]
            town, n, year = rng.choice(TOWNS), int(rng.integers(3, 5000)), int(rng.integers(1990, 2025))
            capital = sector[0].upper() + sector[1:]
            texts.append(template.format(sector=sector, Sector=capital, jobs=jobs, town=town, n=n, year=year))
    vectors = UseEmbedder().encode(texts)
    return vectors.reshape(len(SECTORS), per_sector, vectors.shape[1])


def mix(pool: np.ndarray, n: int, per_item: int, rng: np.random.Generator) -> np.ndarray:
    """n unit vectors, each the noisy mean of `per_item` sentences of one sector (25%: two sectors)."""
    n_sectors, per_sector, dim = pool.shape
    flat_pool = pool.reshape(-1, dim)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 50_000):
        m = min(50_000, n - start)
        sector = rng.integers(n_sectors, size=(m, 1)).repeat(per_item, axis=1)
        mixed = rng.random(m) < 0.25
        sector[mixed, -1] = rng.integers(n_sectors, size=int(mixed.sum()))
        block = flat_pool[sector * per_sector + rng.integers(per_sector, size=sector.shape)].mean(axis=1)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        block += rng.standard_normal(block.shape, dtype=np.float32) * np.float32(0.3 / np.sqrt(dim))
        out[start : start + m] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def _rss() -> int:
    with Path("/proc/self/statm").open() as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class RssSampler:
    """Samples the resident set size in a thread; `peak` is the highest value seen so far."""

    def __init__(self) -> None:
        self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.002):
            self.peak = max(self.peak, _rss())

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.perf_counter()
    yield box
    box.append(time.perf_counter() - start)


@dataclass(frozen=True)
class Method:
    """How to build an index from vectors and search it with an optional tuning knob."""

    name: str
    build: Callable[[np.ndarray], Any]
    search: Callable[[Any, np.ndarray, int], np.ndarray]
    knob: str = ""
    ladder: tuple[int, ...] = (0,)


def numpy_search(matrix: np.ndarray, queries: np.ndarray, _: int = 0) -> np.ndarray:
    """Exact top-K ids by brute force: one matrix product, argpartition, then sort the K."""
    scores = queries @ matrix.T
    top = np.argpartition(-scores, K - 1, axis=1)[:, :K]
    order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1)
    return np.take_along_axis(top, order, axis=1)


SHIPPED_BLAS = "shipped BLAS threshold"
ONE_THREAD = "1 OpenMP thread"


def faiss_method(kind: str, knob: str = "", ladder: tuple[int, ...] = (0,), variant: str = "") -> Method:
    """A VectorIndex of `kind`; `variant` re-runs its search with one faiss setting changed."""

    def build(vectors: np.ndarray) -> VectorIndex:
        return VectorIndex.build(vectors, [{}] * len(vectors), "bench", "bench", kind=kind, params=AnnParams())

    def search(index: VectorIndex, queries: np.ndarray, value: int) -> np.ndarray:
        with faiss_variant(variant):
            return index.search(queries, K, **({knob: value} if knob else {}))[1]

    return Method(f"faiss {kind}" + (f" ({variant})" if variant else ""), build, search, knob, ladder)


@contextmanager
def faiss_variant(variant: str) -> Iterator[None]:
    """Temporarily restore faiss's shipped BLAS threshold, or limit OpenMP to one thread."""
    blas, threads = faiss.cvar.distance_compute_blas_threshold, faiss.omp_get_max_threads()
    if variant == SHIPPED_BLAS:
        faiss.cvar.distance_compute_blas_threshold = SHIPPED_BLAS_THRESHOLD
    elif variant == ONE_THREAD:
        faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.cvar.distance_compute_blas_threshold = blas
        faiss.omp_set_num_threads(threads)


METHODS = (
    Method("numpy brute force", lambda v: np.array(v, copy=True), numpy_search),
    faiss_method("flat"),
    faiss_method("flat", variant=SHIPPED_BLAS),
    faiss_method("flat", variant=ONE_THREAD),
    faiss_method("hnsw", "ef_search", EF_LADDER),
    faiss_method("ivf", "nprobe", NPROBE_LADDER),
)


def recall_at_k(ids: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(b)) / K for a, b in zip(ids.tolist(), truth.tolist(), strict=True)]))


def seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def tune(method: Method, handle: Any, queries: np.ndarray, truth: np.ndarray) -> int:
    """The cheapest knob value reaching TUNING_RECALL on the tuning queries (else the largest)."""
    for value in method.ladder:
        if recall_at_k(method.search(handle, queries, value), truth) >= TUNING_RECALL:
            return value
    return method.ladder[-1]


def measure(
    method: Method, n: int, vectors: np.ndarray, queries: dict[str, np.ndarray], truth: dict[str, np.ndarray]
) -> Row:
    """Build, tune on the tuning queries, then time and score on the measured ones."""
    gc.collect()
    before = _rss()
    with RssSampler() as building:
        start = time.perf_counter()
        handle = method.build(vectors)
        build_s = time.perf_counter() - start
    index_mb = (_rss() - before) / 1e6
    value = tune(method, handle, queries["tune"], truth["tune"])
    measured = queries["measure"]
    with RssSampler() as searching:
        batch_s = min(seconds(partial(method.search, handle, measured[:N_QUERIES], value)) for _ in range(3))
    singles = [seconds(partial(method.search, handle, measured[i : i + 1], value)) for i in range(30)]
    one_s = float(np.median(singles))
    recall = recall_at_k(method.search(handle, measured, value), truth["measure"])
    peak_mb = (max(building.peak, searching.peak) - before) / 1e6
    setting = f"{method.knob}={value}" if method.knob else "exact"
    return Row(n, method.name, setting, build_s, one_s * 1e3, batch_s * 1e3, recall, index_mb, peak_mb)


def bench_size(n: int, pools: dict[str, np.ndarray], rng: np.random.Generator) -> list[Row]:
    """All methods on n passages, with speed-ups relative to numpy brute force."""
    vectors = mix(pools["passages"], n, per_item=3, rng=rng)
    sizes = {"tune": N_TUNING_QUERIES, "measure": N_RECALL_QUERIES}
    queries = {part: mix(pools["queries"], size, per_item=2, rng=rng) for part, size in sizes.items()}
    truth = {part: numpy_search(vectors, q) for part, q in queries.items()}
    rows = []
    for method in METHODS:
        rows.append(measure(method, n, vectors, queries, truth))
        print(f"  n={n:>9,} {method.name}: done", file=sys.stderr, flush=True)
    base = rows[0]
    return [
        replace(r, speedup_1q=base.latency_1q_ms / r.latency_1q_ms, speedup_100q=base.batch_100q_ms / r.batch_100q_ms)
        for r in rows
    ]


COLUMNS = (
    ("n", "{:>9,}"),
    ("method", "{:<40}"),
    ("setting", "{:<13}"),
    ("build_s", "{:>8.2f}"),
    ("latency_1q_ms", "{:>8.2f}"),
    ("batch_100q_ms", "{:>9.1f}"),
    ("recall_at_10", "{:>7.3f}"),
    ("index_mb", "{:>8.0f}"),
    ("peak_mb", "{:>8.0f}"),
    ("speedup_1q", "{:>6.2f}x"),
    ("speedup_100q", "{:>6.2f}x"),
)
HEADERS = (
    "n",
    "method",
    "setting",
    "build s",
    "1q ms",
    "100q ms",
    "R@10",
    "index MB",
    "peak MB",
    "vs np 1q",
    "vs np 100q",
)


def print_table(rows: list[Row]) -> None:
    widths = [len(fmt.format(getattr(rows[0], name))) for name, fmt in COLUMNS]
    print(
        "  ".join(
            h.rjust(w) if i not in (1, 2) else h.ljust(w) for i, (h, w) in enumerate(zip(HEADERS, widths, strict=True))
        )
    )
    for row in rows:
        print("  ".join(fmt.format(getattr(row, name)) for name, fmt in COLUMNS))


def environment(load_at_start: float) -> dict[str, Any]:
    blas = [{k: lib.get(k) for k in ("internal_api", "num_threads", "architecture")} for lib in threadpool_info()]
    return {
        "cpus": os.cpu_count(),
        "faiss": faiss.__version__,
        "faiss_omp_threads": faiss.omp_get_max_threads(),
        "numpy": np.__version__,
        "blas": blas,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "k": K,
        "batch_queries": N_QUERIES,
        "recall_queries": N_RECALL_QUERIES,
        "target_recall": TARGET_RECALL,
        "load_average_1min": {"start": round(load_at_start, 2), "end": round(os.getloadavg()[0], 2)},
        "dim": 512,
    }


def run(sizes: tuple[int, ...], seed: int) -> list[Row]:
    rng = np.random.default_rng(seed)
    sentences = sentence_pool(rng)
    # Queries come from sentences no passage uses: near the passages, never copies of them.
    held_out = sentences.shape[1] // 5
    pools = {"passages": sentences[:, held_out:], "queries": sentences[:, :held_out]}
    return [row for n in sizes for row in bench_size(n, pools, rng)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also run 1e6 vectors (slow, ~2 GB per copy)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0, help="cap faiss and BLAS threads (default: all cores)")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    if load > 0.5:
        # faiss's OpenMP threads spin at barriers: on a busy machine its timings inflate several-fold.
        print(f"warning: load average {load:.1f}, timings will be noisy (try --threads 1)", file=sys.stderr)
    if args.threads:
        faiss.omp_set_num_threads(args.threads)
        threadpool_limits(limits=args.threads)
    started = time.perf_counter()
    rows = run((10_000, 100_000, 1_000_000) if args.full else (10_000, 100_000), args.seed)
    seconds_taken = round(time.perf_counter() - started, 1)
    if args.json:
        print(
            json.dumps({"environment": environment(load), "rows": [asdict(r) for r in rows], "seconds": seconds_taken})
        )
        return
    print(json.dumps(environment(load)))
    print_table(rows)
    print(f"total {seconds_taken:.0f} s")


if __name__ == "__main__":
    main()
