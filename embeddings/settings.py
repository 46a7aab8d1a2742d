"""Every environment variable terrimatch reads, declared once: name, default, meaning, typed accessor.

It lives in `embeddings` because that is the bottom layer (web -> training -> matcher -> embeddings,
never back): only from here can the encoder, the matcher, the web app and gunicorn.conf.py all read
the same declarations. It imports nothing heavy (gunicorn's master reads it before forking workers,
whose thread settings must come before numpy). The README's "Configuration" table lists exactly
these variables, and tests/test_settings.py keeps the two in step.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class SettingError(ValueError):
    """A variable is set to a value its setting cannot read; the message names both."""


def _flag(raw: str) -> bool:
    value = raw.lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError("attendu : true ou false (1 ou 0)")


def _count(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("attendu : un entier positif ou nul")
    return value


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One environment variable; `get()` reads it now (blank counts as unset), typed, else the default."""

    name: str
    default: T
    meaning: str
    parse: Callable[[str], T] = str  # type: ignore[assignment]  # str is the parser of Setting[str]
    alias: str | None = None  # the plain name a platform sets, read too; `name` wins when both are set
    flask_key: str | None = None  # the app.config key it fills (web/config.py)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name,) if self.alias is None else (self.name, self.alias)

    def raw(self, env: Mapping[str, str] | None = None) -> str | None:
        env = os.environ if env is None else env
        return next((env[n].strip() for n in self.names if env.get(n, "").strip()), None)

    def get(self, env: Mapping[str, str] | None = None) -> T:
        raw = self.raw(env)
        if raw is None:
            return self.default
        try:
            return self.parse(raw)
        except ValueError as error:
            raise SettingError(f"{self.name}={raw!r} n'est pas une valeur valable : {error}") from None


HOME: Setting[str | None] = Setting(
    "TERRIMATCH_HOME",
    None,
    "the one directory terrimatch writes to (index, models, imports, inventory, evidence, SQLite); "
    "unset: the per-user data folder",
)
EMBEDDER: Setting[str] = Setting("TERRIMATCH_EMBEDDER", "use", "`use`, `sbert:/local/folder` or `tfidf`")
ENCODER_THREADS: Setting[int | None] = Setting(
    "TERRIMATCH_ENCODER_THREADS", None, "threads of the USE encoder; set per worker by gunicorn.conf.py", _count
)
POLICY: Setting[str | None] = Setting(
    "TERRIMATCH_POLICY", None, "JSON file of policy weights, thresholds and `strategic_sectors`"
)
HF_HUB_OFFLINE: Setting[str] = Setting(
    "HF_HUB_OFFLINE", "1", "set to 1 by the CLI and tests: no model hub is contacted"
)
PORT: Setting[int | None] = Setting("PORT", None, "port the Procfile's gunicorn listens on", _count)
RATELIMIT_PER_WORKER: Setting[bool] = Setting(
    "TERRIMATCH_RATELIMIT_PER_WORKER",
    False,
    "true: accept per-worker `memory://` rate limits with several gunicorn workers",
    _flag,
)

# Read into the Flask app's config (web/config.py), under `flask_key`.
ENV_NAME: Setting[str] = Setting(
    "TERRIMATCH_ENV_NAME",
    "production",
    "`development`: no secret key needed, cookies without HTTPS, per-worker limits accepted",
    flask_key="ENV_NAME",
)
SECRET_KEY: Setting[str | None] = Setting(
    "TERRIMATCH_SECRET_KEY",
    None,
    "web app secret, 32+ characters, required in production",
    alias="SECRET_KEY",
    flask_key="SECRET_KEY",
)
DATABASE_URL: Setting[str | None] = Setting(
    "TERRIMATCH_DATABASE_URL",
    None,
    "the database; unset: SQLite under TERRIMATCH_HOME",
    alias="DATABASE_URL",
    flask_key="DATABASE_URL",
)
RATELIMIT_STORAGE_URI: Setting[str] = Setting(
    "TERRIMATCH_RATELIMIT_STORAGE_URI",
    "memory://",
    "where rate limits are counted (`redis://host:6379/0`)",
    flask_key="RATELIMIT_STORAGE_URI",
)
LOGIN_RATE_LIMIT: Setting[str] = Setting(
    "TERRIMATCH_LOGIN_RATE_LIMIT",
    "5 per minute;30 per hour",
    "login attempts per address",
    flask_key="LOGIN_RATE_LIMIT",
)
API_RATE_LIMIT: Setting[str] = Setting(
    "TERRIMATCH_API_RATE_LIMIT", "60 per minute", "API requests per address", flask_key="API_RATE_LIMIT"
)
PROXY_HOPS: Setting[int] = Setting(
    "TERRIMATCH_PROXY_HOPS",
    0,
    "reverse proxies whose `X-Forwarded-*` headers are trusted",
    _count,
    flask_key="PROXY_HOPS",
)
MATCH_SCOPE: Setting[str] = Setting(
    "TERRIMATCH_MATCH_SCOPE",
    "ge",
    "basins a submitted project is ranked over: `ge` or `france`",
    flask_key="MATCH_SCOPE",
)
MATCH_TOP: Setting[int] = Setting(
    "TERRIMATCH_MATCH_TOP", 10, "how many basins are shown", _count, flask_key="MATCH_TOP"
)
SESSION_COOKIE_SECURE: Setting[bool] = Setting(
    "TERRIMATCH_SESSION_COOKIE_SECURE", True, "`false` without HTTPS", _flag, flask_key="SESSION_COOKIE_SECURE"
)
EVIDENCE_MAX_BYTES: Setting[int] = Setting(
    "TERRIMATCH_EVIDENCE_MAX_BYTES", 5_000_000, "largest evidence PDF, in bytes", _count, flask_key="EVIDENCE_MAX_BYTES"
)

SETTINGS: tuple[Setting[Any], ...] = (
    HOME,
    EMBEDDER,
    ENCODER_THREADS,
    POLICY,
    HF_HUB_OFFLINE,
    PORT,
    RATELIMIT_PER_WORKER,
    ENV_NAME,
    SECRET_KEY,
    DATABASE_URL,
    RATELIMIT_STORAGE_URI,
    LOGIN_RATE_LIMIT,
    API_RATE_LIMIT,
    PROXY_HOPS,
    MATCH_SCOPE,
    MATCH_TOP,
    SESSION_COOKIE_SECURE,
    EVIDENCE_MAX_BYTES,
)
FLASK_SETTINGS = tuple(s for s in SETTINGS if s.flask_key)
