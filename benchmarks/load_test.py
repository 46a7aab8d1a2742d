"""Bounded load on the served app: gunicorn as the Procfile starts it, on 127.0.0.1 only.

Set-up, as a fresh deployment does it, in a temporary TERRIMATCH_HOME: `terrimatch db upgrade`
(the Procfile's release step), `terrimatch index build`, users and API tokens through
`terrimatch users add` / `users token`. Then the Procfile's web command, with $PORT set and
0.0.0.0 replaced by 127.0.0.1, a random 64-character SECRET_KEY, SQLite under the temporary
home (or --database-url, e.g. the local PostgreSQL). Time to ready: from the start of gunicorn
to the first 200 of /health/ready.

Load: --clients threads for --seconds, each with its own connection; half are companies
(API match = POST /api/v1/projects, their project through the API, basin pages), half agencies
(project pages, decisions posted through the page's form, basin pages, which rank the newest
projects for the basin). Each client waits a random 0-2x --think seconds between requests
(users read what they get); --think 0 is a closed loop that measures saturation. The rate
limits (per address: every client is 127.0.0.1) are raised for the run, nothing else changes.

After the load: every decision answered as stored must be in the project's decisions (read back
through the API), and invalid projects (each answered 400 or 415) must leave no record. The
script stops the server (SIGTERM to the gunicorn master it started) and removes its directory.

Usage: python benchmarks/load_test.py [--json] [--clients 20] [--seconds 60] [--think 1.0]
       [--database-url postgresql://...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.client import HTTPException
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import cpu_times, load_average, percentiles_ms, project_bodies, steal_percent, warn_if_busy
from _http import Client, HttpError, ServerLog

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "load-test-" + secrets.token_hex(8)
USERS = (
    ("company-a@example.org", "company", "Entreprise A"),
    ("company-b@example.org", "company", "Entreprise B"),
    ("agency@example.org", "agency", "Agence régionale"),
)
INVALID = (  # (body, content type): each must be refused and leave nothing behind
    ({"description": "trop court"}, "application/json"),
    ({"description": "Usine de palettes en bois, 40 emplois.", "jobs": -3}, "application/json"),
    ({"description": "Usine de palettes en bois, 40 emplois.", "naf_code": "99.99Q"}, "application/json"),
    ({"description": "Usine de palettes en bois, 40 emplois.", "needs": ["teleportation"]}, "application/json"),
    ({"description": "Usine de palettes en bois, 40 emplois.", "owner": "x"}, "application/json"),
    ("{not json", "application/json"),
    ("description=Usine", "application/x-www-form-urlencoded"),
)


class Deployment:
    """A temporary home, its CLI set-up, and the gunicorn master this script started."""

    def __init__(self, database_url: str | None) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="terrimatch-load-"))
        self.port = free_port()
        self.env = {
            **os.environ,
            "TERRIMATCH_HOME": str(self.dir / "home"),
            "HF_HUB_OFFLINE": "1",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "PORT": str(self.port),
            "TERRIMATCH_API_RATE_LIMIT": "100000 per minute",
            "TERRIMATCH_LOGIN_RATE_LIMIT": "10000 per minute",
            # raised limits need no exact count: per-worker memory:// storage is accepted for the run
            "TERRIMATCH_RATELIMIT_PER_WORKER": "1",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.server: subprocess.Popen | None = None
        self.log = ServerLog(self.dir / "gunicorn.log")

    def cli(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [str(BIN / "terrimatch"), *args],
            env=self.env,
            cwd=ROOT,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"terrimatch {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
        return done.stdout.strip()

    def set_up(self) -> dict[str, str]:
        """Migrations, index, users; the API token of each user."""
        self.cli("db", "upgrade")
        self.cli("index", "build")
        tokens = {}
        for email, role, org in USERS:
            self.cli("users", "add", email, "--role", role, "--org", org, "--password-stdin", stdin=PASSWORD + "\n")
            tokens[email] = self.cli("users", "token", email).splitlines()[-1]
        return tokens

    def start(self) -> float:
        """Start the Procfile's web process; seconds until /health/ready answers 200."""
        command = procfile_web_command(self.port)
        started = time.perf_counter()
        self.server = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log.file, stderr=self.log.file)
        client = Client(self.port)
        deadline = started + 180
        while time.perf_counter() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.server.returncode}: {self.log.tail()}")
            try:
                if client.request("GET", "/health/ready").status == 200:
                    return time.perf_counter() - started
            except (OSError, HTTPException):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"not ready after 180 s: {self.log.tail()}")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: workers finish, then exit
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait(timeout=10)
        self.log.file.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile_web_command(port: int) -> list[str]:
    """The Procfile's `web:` line with $PORT filled in and bound to the loopback interface only."""
    line = next(w for w in (ROOT / "Procfile").read_text().splitlines() if w.startswith("web:"))
    words = shlex.split(line.removeprefix("web:").replace("$PORT", str(port)).replace("0.0.0.0", "127.0.0.1"))  # noqa: S104 - it unbinds it
    if not any(w.startswith("127.0.0.1:") for w in words):
        raise RuntimeError(f"the Procfile's web line does not bind ADDRESS:$PORT: {line}")
    return [str(BIN / words[0]), *words[1:]]


class Shared:
    """What the clients learn from each other: projects created and the basins ranked for them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.projects: dict[int, list[str]] = {}
        self.decisions: dict[int, int] = defaultdict(int)  # project id -> decisions answered as stored
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.first_error: dict[str, str] = {}

    def add_project(self, response: dict[str, Any]) -> None:
        with self.lock:
            self.projects[response["id"]] = [m["ze2020_code"] for m in response["matches"]]

    def pick(self, rng: random.Random) -> tuple[int, list[str]]:
        with self.lock:
            project_id = rng.choice(list(self.projects))
            return project_id, self.projects[project_id]

    def record(self, route: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.timings[route].append(seconds)
            if error is not None:
                self.errors[route] += 1
                self.first_error.setdefault(route, error)


def company_client(
    port: int,
    token: str,
    email: str,
    shared: Shared,
    rng: random.Random,
    bodies: list[dict[str, Any]],
    deadline: float,
    think: float,
) -> None:
    client = Client(port, bearer=token)
    client.login(email, PASSWORD)
    codes = [c for codes in shared.projects.values() for c in codes] or ["4407"]
    tag, sent = f"{rng.getrandbits(32):08x}", 0
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.5:
            sent += 1  # a title of its own: every text is new to the server's caches
            body = {**rng.choice(bodies), "title": f"Projet {tag} n° {sent}"}
            response = client.timed(
                shared, "POST /api/v1/projects", "POST", "/api/v1/projects", json_body=body, expect=201
            )
            if response is not None:
                shared.add_project(response.json())
        elif roll < 0.7:
            own = client.last_project or shared.pick(rng)[0]
            client.timed(shared, "GET /api/v1/projects/<id>", "GET", f"/api/v1/projects/{own}", expect=(200, 404))
        else:
            client.timed(shared, "GET /basins/<code> (company)", "GET", f"/basins/{rng.choice(codes)}", expect=200)
        pause(rng, think, deadline)


def agency_client(port: int, shared: Shared, rng: random.Random, deadline: float, think: float) -> None:
    client = Client(port)
    client.login(USERS[2][0], PASSWORD)
    csrf = None
    while time.monotonic() < deadline:
        project_id, codes = shared.pick(rng)
        roll = rng.random()
        if roll < 0.4 or csrf is None:
            page = client.timed(
                shared, "GET /agency/projects/<id>", "GET", f"/agency/projects/{project_id}", expect=200
            )
            csrf = page.csrf_token() if page is not None else csrf
        elif roll < 0.85:
            form = {
                "csrf_token": csrf,
                "ze2020_code": rng.choice(codes),
                "kind": rng.choice(("shortlist", "reject")),
                "comment": "vu en réunion",
            }
            if (
                client.timed(
                    shared,
                    "POST /agency/projects/<id>/decisions",
                    "POST",
                    f"/agency/projects/{project_id}/decisions",
                    form=form,
                    expect=302,
                )
                is not None
            ):
                with shared.lock:
                    shared.decisions[project_id] += 1
        else:
            client.timed(shared, "GET /basins/<code> (agency)", "GET", f"/basins/{rng.choice(codes)}", expect=200)
        pause(rng, think, deadline)


def pause(rng: random.Random, think: float, deadline: float) -> None:
    time.sleep(max(0.0, min(rng.uniform(0, 2 * think), deadline - time.monotonic())))


def run_load(port: int, tokens: dict[str, str], args: argparse.Namespace) -> tuple[Shared, float]:
    shared = Shared()
    bodies = project_bodies(300, args.seed)
    seeding = Client(port, bearer=tokens[USERS[0][0]])
    for body in bodies[:6]:  # projects for the agencies to review from the first second
        shared.add_project(seeding.request("POST", "/api/v1/projects", json_body=body, expect=201).json())
    started = time.monotonic()
    deadline = started + args.seconds
    threads = []
    for i in range(args.clients):
        rng = random.Random(args.seed * 1000 + i)
        if i % 2 == 0:
            email = USERS[(i // 2) % 2][0]
            target, params = company_client, (port, tokens[email], email, shared, rng, bodies, deadline, args.think)
        else:
            target, params = agency_client, (port, shared, rng, deadline, args.think)
        threads.append(threading.Thread(target=target, args=params, daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + 120)
    return shared, time.monotonic() - started


def check_decisions(port: int, token: str, shared: Shared) -> int:
    """Decisions read back through the API for the projects that received some."""
    client = Client(port, bearer=token)
    return sum(
        len(client.request("GET", f"/api/v1/projects/{pid}", expect=200).json()["decisions"])
        for pid in shared.decisions
    )


def check_invalid(port: int, token: str) -> dict[str, Any]:
    """Post invalid projects; each must be refused and the newest stored project must not change."""
    client = Client(port, bearer=token)
    newest = client.request("GET", "/api/v1/projects", expect=200).json()["projects"][0]["id"]
    statuses = []
    for body, content_type in INVALID:
        try:
            statuses.append(client.request("POST", "/api/v1/projects", raw=body, content_type=content_type).status)
        except HttpError as error:
            statuses.append(error.status)
    after = client.request("GET", "/api/v1/projects", expect=200).json()["projects"][0]["id"]
    return {
        "posted": len(INVALID),
        "statuses": statuses,
        "refused": sum(s in (400, 415) for s in statuses),
        "records_left": 0 if after == newest else after - newest,
    }


def report(shared: Shared, elapsed: float, args: argparse.Namespace, extra: dict[str, Any]) -> dict[str, Any]:
    requests = sum(len(v) for v in shared.timings.values())
    routes = {
        route: {
            **percentiles_ms(times),
            "requests": len(times),
            "errors": shared.errors.get(route, 0),
            **({"first_error": shared.first_error[route]} if route in shared.first_error else {}),
        }
        for route, times in sorted(shared.timings.items())
    }
    return {
        "clients": args.clients,
        "seconds": args.seconds,
        "think_s": args.think,
        "requests": requests,
        "requests_per_s": round(requests / elapsed, 1),
        "errors": sum(shared.errors.values()),
        "routes": routes,
        "decisions_posted": sum(shared.decisions.values()),
        **extra,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a client's requests (s)")
    parser.add_argument("--database-url", help="default: SQLite in the temporary home")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    load_start = warn_if_busy()
    deployment = Deployment(args.database_url)
    try:
        tokens = deployment.set_up()
        ready = deployment.start()
        cpu = cpu_times()
        shared, elapsed = run_load(deployment.port, tokens, args)
        steal = steal_percent(cpu, cpu_times())
        extra = {
            "decisions_stored": check_decisions(deployment.port, tokens[USERS[2][0]], shared),
            "invalid_projects": check_invalid(deployment.port, tokens[USERS[0][0]]),
            "ready_s": round(ready, 2),
            "database": "postgresql" if args.database_url else "sqlite",
            "server_errors_logged": deployment.log.count("Traceback"),
            "load_average_1min": {"start": load_start, "end": load_average()},
            "cpu_steal_pct": steal,
        }
    finally:
        deployment.stop()
    result = report(shared, elapsed, args, extra)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"{'route':40} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for route, row in result["routes"].items():
        print(
            f"{route:40} {row['requests']:6d} {row['errors']:4d} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
            f"{row['p99_ms']:8.1f}"
        )
    print(json.dumps({k: v for k, v in result.items() if k != "routes"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
