"""Reading the agency exports back as a French spreadsheet user would open them."""

from __future__ import annotations

import csv
import io

BOM = b"\xef\xbb\xbf"


def read_csv_export(response) -> list[dict[str, str]]:
    """The rows of a CSV export, checking its BOM and its ';' separator on the way."""
    raw = response.get_data()
    assert raw.startswith(BOM), "the CSV must start with a UTF-8 BOM for Excel"
    text = raw.decode("utf-8-sig")
    assert ";" in text.splitlines()[0] and "," not in text.splitlines()[0]
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))
