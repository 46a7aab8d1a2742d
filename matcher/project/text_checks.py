"""Characters no stored text may hold: control characters (except tab and newline) and lone surrogates."""

from __future__ import annotations

import re

# C0 controls but tab (\x09) and newline (\x0a); carriage returns come with form newlines and are kept; C1 controls;
# and the surrogate code points, which only appear unpaired in a Python str (JSON "\udc00").
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
FORBIDDEN_MESSAGE = (
    "contient un caractère non autorisé (caractère de contrôle ou caractère Unicode isolé) : "
    "seuls le texte, les tabulations et les retours à la ligne sont acceptés"
)


def has_forbidden_character(text: str) -> bool:
    """True when `text` holds a character that no field may store."""
    return _FORBIDDEN.search(text) is not None
