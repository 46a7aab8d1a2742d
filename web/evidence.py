"""Evidence PDFs of commitment reports: checked by content, stored under TERRIMATCH_HOME by a random key."""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from flask import abort
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from matcher.home import home_path
from matcher.territory.figure_labels import format_number

log = logging.getLogger(__name__)
FOLDER = "evidence"
KEY = re.compile(r"^[0-9a-f]{32}\.pdf$")
MAX_NAME_CHARS = 120


@dataclass(frozen=True)
class Evidence:
    key: str
    name: str
    size: int


def is_pdf(data: bytes) -> bool:
    """A PDF starts with its header and ends with an end-of-file marker; the client's type is not trusted."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]


def display_name(filename: str | None) -> str:
    """The uploaded name reduced to safe characters (no path, no markup), ending in .pdf."""
    stem = secure_filename(filename or "").removesuffix(".pdf").removesuffix(".PDF")[: MAX_NAME_CHARS - 4]
    return f"{stem or 'justificatif'}.pdf"


def too_large(max_bytes: int) -> NoReturn:
    abort(413, description=f"Le justificatif dépasse la taille maximale de {format_number(max_bytes / 1e6)} Mo.")


def store(upload: FileStorage, max_bytes: int) -> Evidence:
    """Check and store an upload; 413 when too large, 400 when it is not a PDF."""
    data = upload.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        too_large(max_bytes)
    if not is_pdf(data):
        abort(400, description="Le justificatif doit être un document PDF (le contenu du fichier a été vérifié).")
    key = f"{secrets.token_hex(16)}.pdf"
    path = home_path(FOLDER, key)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    log.info("stored evidence %s (%d bytes)", key, len(data))
    return Evidence(key, display_name(upload.filename), len(data))


def path_of(key: str) -> Path:
    """The stored file of a key; 404 for a malformed key or a missing file."""
    if not KEY.match(key or ""):
        abort(404)
    path = home_path(FOLDER, key)
    if not path.is_file():
        abort(404)
    return path
