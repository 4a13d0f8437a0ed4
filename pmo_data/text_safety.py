"""Text from the data made inert wherever it is shown or written: pages, charts (and their PNG/SVG),
slides, the workbooks inside chart objects, Excel and CSV.

- Control characters are dropped (an ESC breaks an export).
- Direction controls are dropped: embeddings, overrides, isolates and the invisible direction
  marks (U+202E turns "Invoice‮gnp.exe" into "Invoiceexe.png").
- Text that a spreadsheet would run as a formula starts with an invisible zero-width space.
- On a page, text is one line cut at a limit with an ellipsis (a 100,000-character name made a
  page 150,000 px tall), and is escaped for where it goes: plotly reads a subset of HTML (a
  `<a href>` in a title is a live link), Markdown reads formatting and turns bare URLs into links.
"""

from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ZERO_WIDTH_SPACE = "\u200b"
# C0/C1 controls but tab and newline; bidi embeddings, overrides and isolates (U+202A–E,
# U+2066–9), the direction marks LRM, RLM, ALM and the deprecated shaping controls (U+206A–F)
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u206f]")
_WHITESPACE = re.compile(r"\s+")
ELLIPSIS = "…"

# how many characters a page, a chart or a slide shows of a text from the data
NAME = 80  # a project, person, objective, program or file name; a category on a chart axis
TITLE = 120  # a chart's title; a subtitle that lists the filters
TEXT = 300  # a reason, a sentence, a line of a tooltip, a table cell
MESSAGE = 1000  # a paragraph on a page: an import's error, a list of names

# plotly's text is HTML-like (<a>, <b>, <br>, <span style>), and its entities are decoded only
# in text between tags, so these entities show as the characters themselves; a `$…$` pair would
# be typeset as LaTeX where MathJax is loaded
PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;"}
_PLOTLY_SPECIALS = re.compile("[&<>$]")
# every character Markdown (CommonMark + GFM, as Streamlit renders it) can read as syntax; "."
# and ":" stop bare URLs ("http://x.example", "www.x.example", "a@x.example") from becoming links,
# ":" also Streamlit's `:red[…]` and `:material/…:`, "&" character references (`&#x202E;`)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def cut(text: str, limit: int | None) -> str:
    """Text at most `limit` characters, cut with an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    if limit < 1:
        return ""
    return text[: limit - 1].rstrip() + ELLIPSIS


def clean_text(value, limit: int | None = None) -> str:
    """The text without control or direction characters, at most `limit` characters (cut with an
    ellipsis). Newlines and tabs stay: a cell or a slide may hold lines."""
    return cut(_UNSAFE.sub("", "" if value is None else str(value)), limit)


# What the workbook writer inside a slide's chart (XlsxWriter) turns into something live: an array
# formula ('{=HYPERLINK(…)}') or a hyperlink with an external target (issue 26, item 5)
LIVE_IN_A_WORKBOOK = re.compile(r"^(?:\{=|(?:ftp|http)s?://|mailto:|(?:in|ex)ternal:|file:)", re.IGNORECASE)


def cell_text(value, limit: int | None = None) -> str:
    """Clean text that no spreadsheet will evaluate or follow (chart categories and series names
    travel in a workbook inside the slide): a formula, an array formula or a link is kept as the
    text it is, behind an invisible zero-width space."""
    text = clean_text(value, limit)
    return ZERO_WIDTH_SPACE + text if text.startswith(FORMULA_PREFIXES) or LIVE_IN_A_WORKBOOK.match(text) else text


def display_text(value, limit: int | None = NAME) -> str:
    """One line of text as a page shows it: no control or direction characters, every run of
    spaces, tabs and newlines one space, at most `limit` characters (cut with an ellipsis)."""
    text = _WHITESPACE.sub(" ", _UNSAFE.sub("", "" if value is None else str(value))).strip()
    return cut(text, limit)


def plotly_text(value, limit: int | None = NAME, lines: int = 1) -> str:
    """Text for plotly (titles, axis labels, legends, point labels, tooltips; on the page and in
    PNG/SVG): at most `lines` lines of display_text, each at most `limit` characters, joined by
    <br>, with every character plotly reads as markup written as an entity."""
    parts = ("" if value is None else str(value)).split("\n", max(lines, 1) - 1)
    return "<br>".join(_PLOTLY_SPECIALS.sub(lambda m: PLOTLY_ENTITIES[m.group()], display_text(part, limit))
                       for part in parts)


# Streamlit's Markdown links a bare address however its ':' and '.' are escaped (GFM autolink
# literals: 'https://…', 'www.…', 'mailto:…', 'ann@example.com'): an invisible word joiner inside
# each such start breaks it, and the text still reads as typed (issue 26, item 6)
WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp)(?=:)|\b(www)(?=\.)|(@)")


def markdown_text(value, limit: int | None = TEXT) -> str:
    """display_text escaped for Markdown, so it shows as typed: no formatting, no links, no HTML."""
    text = _AUTOLINK_START.sub(lambda m: m.group() + WORD_JOINER, display_text(value, limit))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
