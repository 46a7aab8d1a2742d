"""Gunicorn settings read from the working directory (the Procfile's `gunicorn ... "web:create_app()"`).

Each worker is a process with its own thread pools: BLAS (the encoder), OpenMP (faiss). Left at
their defaults, every worker starts one thread per core, and on 2 cores with 2 workers the
spinning threads were measured to slow a match several-fold. So each worker gets its share of
the cores, set in the child right after fork, before the app (and numpy, faiss) is imported.
Nothing heavy is imported here: this module also runs in the master, before fork.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping

from embeddings.settings import ENCODER_THREADS, ENV_NAME, RATELIMIT_PER_WORKER, RATELIMIT_STORAGE_URI


def compute_threads(workers: int) -> int:
    """BLAS and OpenMP threads per worker: the cores shared out, at least one."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def rate_limit_warning(workers: int, storage_uri: str) -> str | None:
    """Why the login and API limits would be loose with this many workers, if they would."""
    if workers > 1 and storage_uri.startswith("memory://"):
        return (
            f"rate limits are counted per worker ({storage_uri}): with {workers} workers an address gets up to "
            f"{workers} times each limit; set {RATELIMIT_STORAGE_URI.name}=redis://host:6379/0"
        )
    return None


def rate_limit_problem(workers: int, storage_uri: str, env: Mapping[str, str]) -> str | None:
    """Why production must not start: limits counted apart by several workers, and nobody said that is fine."""
    if ENV_NAME.get(env) == "development" or RATELIMIT_PER_WORKER.get(env):
        return None
    warning = rate_limit_warning(workers, storage_uri)
    if warning is None:
        return None
    return (
        f"refusing to start: {warning} (see the README's production section), or set "
        f"{RATELIMIT_PER_WORKER.name}=1 to accept limits counted per worker"
    )


def _storage_uri() -> str:
    return RATELIMIT_STORAGE_URI.get()


def on_starting(server) -> None:
    problem = rate_limit_problem(server.cfg.workers, _storage_uri(), os.environ)
    if problem:
        raise RuntimeError(problem)  # gunicorn prints "Error: ..." and exits 1 before any worker starts


def when_ready(server) -> None:
    warning = rate_limit_warning(server.cfg.workers, _storage_uri())
    if warning:
        server.log.warning(warning)


def post_fork(server, worker) -> None:
    threads = str(compute_threads(server.cfg.workers))
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", ENCODER_THREADS.name):
        os.environ[name] = threads  # read by the libraries when the worker first imports them


def _warm(app) -> None:
    from matcher.project.record import Project
    from web.matching import MatcherUnavailable, get_matcher

    with app.app_context():
        try:
            matcher = get_matcher()
        except MatcherUnavailable:
            return  # logged by the matcher; /health/ready answers 503 and the next request retries
        # The TF-IDF scorers (passages, facts, whole CVs, NAF labels) are fitted, and the NAF labels encoded,
        # on the first match without a NAF code: ~3 s the first company's request would otherwise wait for.
        matcher.match(Project("Usine de fabrication de panneaux en bois"), app.config["MATCH_SCOPE"])


def post_worker_init(worker) -> None:
    # Load the model and index now, in the background: the first requests wait for this one
    # build (LazyMatcher's lock) instead of starting theirs, and the heartbeat keeps going.
    threading.Thread(target=_warm, args=(worker.wsgi,), name="warm-matcher", daemon=True).start()
