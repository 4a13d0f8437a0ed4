"""Text from the data made inert wherever it is shown or written: slides, the workbooks inside
chart objects, chart titles. Control characters are dropped (an ESC breaks an export), direction
overrides are dropped (U+202E turns "Invoice‮gnp.exe" into "Invoiceexe.png"), and text that a
spreadsheet would run as a formula starts with an invisible zero-width space instead."""

from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ZERO_WIDTH_SPACE = "\u200b"
# C0/C1 controls but tab and newline; bidi embeddings, overrides and isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ELLIPSIS = "…"


def clean_text(value, limit: int | None = None) -> str:
    """The text without control or direction-override characters, at most `limit` characters
    (cut with an ellipsis)."""
    text = _UNSAFE.sub("", "" if value is None else str(value))
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return text


def cell_text(value, limit: int | None = None) -> str:
    """Clean text that no spreadsheet will evaluate (chart categories and series names travel in a
    workbook inside the slide)."""
    text = clean_text(value, limit)
    return ZERO_WIDTH_SPACE + text if text.startswith(FORMULA_PREFIXES) else text
