"""Guards on what a request may carry: ids in the database's integer range, JSON that parses, bounded bodies."""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # ids are INTEGER columns: PostgreSQL refuses anything larger with an error, not "no row"


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` limited to 0..2^31-1: a larger id matches no route, so it is a 404 on every database."""

    def __init__(self, map, *args: Any, **kwargs: Any) -> None:  # noqa: A002 (werkzeug's name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class SafeJSONProvider(DefaultJSONProvider):
    """JSON parsing where too deep a nesting is invalid JSON (a 400), not a RecursionError (a 500)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def refuse_long_streamed_body() -> None:
    """413 for a body sent without Content-Length (chunked) that reaches MAX_CONTENT_LENGTH.

    Werkzeug stops reading such a stream at the limit without an error, so the view saw a truncated
    body ("invalid JSON"). Reading past it raises RequestEntityTooLarge; a body of exactly the limit
    is refused too, since a stream at its limit cannot tell whether more would follow.
    """
    limit = request.max_content_length
    if limit is None or request.content_length is not None or "wsgi.input_terminated" not in request.environ:
        return
    if len(request.get_data(cache=True)) >= limit:
        request.stream.read(1)
        raise RequestEntityTooLarge()


def init_app(app: Flask) -> None:
    """Install the converter, the JSON provider and the body check; call before any blueprint is registered."""
    app.before_request(refuse_long_streamed_body)
    app.url_map.converters["int"] = DatabaseIdConverter
    app.json_provider_class = SafeJSONProvider
    app.json = SafeJSONProvider(app)
