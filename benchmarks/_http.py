"""A small HTTP client for the load test: cookies, bearer token, timing.

The standard library's client, so the load test adds no dependency. Cookies are kept by hand:
the app marks its session cookie Secure (right in production), which a cookie jar would never
send back over the plain HTTP of 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import re
import time
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
TIMEOUT_S = 60


class HttpError(Exception):
    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"HTTP {status}: {body[:200]!r}")
        self.status = status


class Recorder(Protocol):
    def record(self, route: str, seconds: float, error: str | None) -> None: ...


class Response:
    def __init__(self, status: int, body: bytes) -> None:
        self.status = status
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)

    def csrf_token(self) -> str | None:
        found = CSRF.search(self.body.decode("utf-8", "replace"))
        return found[1] if found else None


class Client:
    """One user's connection to the server on 127.0.0.1."""

    def __init__(self, port: int, bearer: str | None = None) -> None:
        self.port = port
        self.bearer = bearer
        self.cookies: dict[str, str] = {}
        self.last_project: int | None = None
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        form: dict[str, Any] | None = None,
        raw: Any = None,
        content_type: str | None = None,
        expect: int | tuple[int, ...] | None = None,
    ) -> Response:
        # A connection per request: gunicorn closes idle keep-alive connections after 2 s, shorter
        # than a client's pause, and a request sent on a closed one would count as an error.
        headers = {"Accept": "application/json" if path.startswith("/api/") else "text/html", "Connection": "close"}
        if self.bearer:
            headers["Authorization"] = f"Bearer {self.bearer}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = _body(json_body, form, raw, content_type, headers)
        try:
            self._connection.request(method, path, body=body, headers=headers)
            answer = self._connection.getresponse()
            data = answer.read()
        finally:
            self._connection.close()
        self._keep_cookies(answer.headers.get_all("Set-Cookie") or [])
        wanted = (expect,) if isinstance(expect, int) else expect
        if wanted is not None and answer.status not in wanted:
            raise HttpError(answer.status, data)
        return Response(answer.status, data)

    def timed(self, recorder: Recorder, route: str, method: str, path: str, **kwargs: Any) -> Response | None:
        """The request, its duration recorded under `route`; None when it failed or answered unexpectedly."""
        started = time.perf_counter()
        error = None
        try:
            response: Response | None = self.request(method, path, **kwargs)
        except (HttpError, OSError, http.client.HTTPException) as failure:
            response, error = None, str(failure)[:200]
        recorder.record(route, time.perf_counter() - started, error)
        if response is not None and method == "POST" and path == "/api/v1/projects":
            self.last_project = response.json()["id"]
        return response

    def login(self, email: str, password: str) -> None:
        page = self.request("GET", "/login", expect=200)
        self.request(
            "POST", "/login", form={"csrf_token": page.csrf_token(), "email": email, "password": password}, expect=302
        )

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            name, _, value = header.split(";", 1)[0].partition("=")
            if value and "1970" not in header:
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)


def _body(
    json_body: Any, form: dict[str, Any] | None, raw: Any, content_type: str | None, headers: dict[str, str]
) -> bytes | None:
    if json_body is not None:
        headers["Content-Type"] = "application/json"
        return json.dumps(json_body).encode()
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return urlencode(form).encode()
    if raw is not None:
        headers["Content-Type"] = content_type or "application/octet-stream"
        return (json.dumps(raw) if not isinstance(raw, str) else raw).encode()
    return None


class ServerLog:
    """The server's output, written to a file the script can read back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.open("w")

    def tail(self, chars: int = 2000) -> str:
        self.file.flush()
        return self.path.read_text(errors="replace")[-chars:]

    def count(self, word: str) -> int:
        self.file.flush()
        return self.path.read_text(errors="replace").count(word)
