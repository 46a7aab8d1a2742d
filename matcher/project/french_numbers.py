"""Numbers as French users type them: "8,5", "1 200" (plain, no-break or narrow no-break space), "8.5" too."""

from __future__ import annotations

import numbers
import re
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, format_percent, parse_decimal

LOCALE = "fr_FR"
NARROW_NBSP = "\u202f"  # babel's fr_FR group separator
# Spaces people put between thousands: plain, no-break, narrow no-break, thin; babel knows only the last ones.
_GROUP_SPACES = re.compile(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3}\b)")


def parse_french_number(text: str) -> Decimal:
    """The number `text` writes, in French or plain notation; ValueError when it writes none."""
    cleaned = _GROUP_SPACES.sub(NARROW_NBSP, text.strip())
    if not cleaned:
        raise ValueError("empty number")
    try:
        return parse_decimal(cleaned, locale=LOCALE, strict=True)
    except NumberFormatError as error:
        raise ValueError(str(error)) from error


def number_value(raw: Any) -> float | int:
    """A number as it is (int or float), a string through parse_french_number; ValueError/TypeError otherwise."""
    if isinstance(raw, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(raw, numbers.Real):  # numpy's and pandas' numbers too (training reads decisions as a DataFrame)
        return int(raw) if isinstance(raw, numbers.Integral) else float(raw)
    if isinstance(raw, str):
        value = parse_french_number(raw)
        if not value.is_finite():
            return float(value)  # the caller's range check refuses it
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not a number: {type(raw).__name__}")


def french_decimal(value: float, digits: int = 2, signed: bool = False) -> str:
    """2.316 -> '2,32'; -0.5 -> '−0,50' (a true minus sign); signed=True writes '+0,19' too; 1 200 grouped."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=f"{'+' if signed else ''}{pattern};−{pattern}", locale=LOCALE)


def french_percent(share: float) -> str:
    """0.42 -> '42 %' (narrow no-break space), as French writes a share."""
    return format_percent(share, locale=LOCALE)


def format_french_number(value: float | int) -> str:
    """8.5 -> "8,5", 1200 -> "1 200" (narrow no-break space): what a French form field shows and reads back."""
    return format_decimal(value, locale=LOCALE)
