"""Source adapters, one module each, found by scanning this package.

Adding a tracker format is adding one module here that defines `ADAPTER`, an instance of
`base.Adapter`; nothing else changes.
"""

from __future__ import annotations

from pmo_data import advice

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from pmo_data.readers import Workbook
from pmo_data.sources.base import Adapter

MIN_CONFIDENCE = 0.5


class UnknownFormat(Exception):
    """No adapter recognises the file; the message is one line for the user."""


@cache
def adapters() -> dict[str, Adapter]:
    found = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        adapter = getattr(module, "ADAPTER", None)
        if isinstance(adapter, Adapter):
            found[adapter.name] = adapter
    return found


@dataclass(frozen=True)
class Detection:
    adapter: Adapter
    confidence: float


def detect(workbook: Workbook) -> list[Detection]:
    """Every adapter's confidence for the file, best first."""
    scores = [Detection(a, round(float(a.detect(workbook)), 3)) for a in adapters().values()]
    return sorted(scores, key=lambda d: d.confidence, reverse=True)


def choose(workbook: Workbook, source: str | None = None) -> Detection:
    """The adapter to use: the one named by the user, else the most confident one above the bar."""
    return candidates(workbook, source)[0]


def candidates(workbook: Workbook, source: str | None = None) -> list[Detection]:
    """The adapters to try, in order: the one named by the user alone, else every one above the
    bar, the most confident first (an adapter that fails on the file hands it to the next)."""
    if source:
        if source not in adapters():
            raise UnknownFormat(f"unknown source '{source}' (known: {', '.join(sorted(adapters()))})")
        adapter = adapters()[source]
        return [Detection(adapter, round(float(adapter.detect(workbook)), 3))]
    ranked = detect(workbook)
    if not ranked or ranked[0].confidence < MIN_CONFIDENCE:
        best = ranked[0] if ranked else None
        if best and best.confidence >= CLOSE:
            missing = best.adapter.missing(workbook)
            said = f"best guess: {best.adapter.label} at {best.confidence:.0%}" + (f"; it lacks {', '.join(missing)}" if missing else "")
        else:  # what a far-off format lacks says nothing: what the file holds does
            said = f"no known format comes close; {_headers_read(workbook)}"
        raise UnknownFormat(f"{workbook.file_name}: layout not recognised ({said}). {NEXT_STEP}")
    return [d for d in ranked if d.confidence >= MIN_CONFIDENCE]


CLOSE = 0.3  # a format this sure is worth naming, with what the file lacks to be it
SHOWN_HEADERS = 8


def _headers_read(workbook: Workbook) -> str:
    """The header row the reader found on the first sheet with data, in a few of its words."""
    sheet = workbook.first_data_sheet
    table = sheet.table()
    names = [h for h in table.headers if h][:SHOWN_HEADERS]
    more = " …" if len([h for h in table.headers if h]) > SHOWN_HEADERS else ""
    return f"the header read on '{sheet.name}' row {table.header_row}: {', '.join(names)}{more}"


NEXT_STEP = "Next: " + advice.either(
    "map its columns below, under “Map its columns” (the header row, the project, the month columns), or pick the "
    "format under “Read as”",
    "map its columns on the Data page (the header row, the project, the month columns); or name the format with "
    "--source NAME, or give a mapping with --mapping FILE.toml (docs/sources.md)")
