"""Real exports nobody on the team made, checked against what an analyst counted in them by hand.

The list (`docs/real-corpus.toml`, described in docs/real-corpus.md) names each file's public
source and its hand count; the files themselves are never copied into the project. `check` reads
every listed file found in a folder exactly as a plain `import FILE` would (detection, adapter,
conform; no database) and compares the rows it would load with the count.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pmo_data import advice
from pmo_data.importer import ImportFailed, UnreadValues, prepare, unread_values
from pmo_data.sources.base import FIRST_MONTH

LIST_FILE = Path(__file__).resolve().parent.parent / "docs" / "real-corpus.toml"
AMOUNT_TOLERANCE = 0.005  # hours and money: a hand sum of hundreds of cells is right to half a percent

# the hand count's keys, per table: what each is measured as in the rows that would load
STATUS_KEYS = {"done": ("status_category", "done"), "in_progress": ("status_category", "in_progress"),
               "todo": ("status_category", "todo"), "open": ("status", "open"), "closed": ("status", "closed")}
DATE_KEYS = {"tasks": ("start_date", "finish_date"), "risks": ("raised_date", "due_date")}
ENTRY_KEYS = ("name", "repo", "commit", "path", "blob", "kind", "language", "licence", "what", "table", "notes")


@dataclass(frozen=True)
class Entry:
    """One listed file: where it comes from, and its hand count."""

    name: str
    table: str
    count: dict[str, object]
    kind: str = ""

    @classmethod
    def from_toml(cls, raw: dict) -> "Entry":
        count = {k: v for k, v in raw.items() if k not in ENTRY_KEYS}
        # the list's words for a table (MANIFEST-FORMAT says 'actuals'), as the canonical tables name them
        return cls(raw["name"], TABLE_NAMES.get(raw["table"], raw["table"]), count, raw.get("kind", ""))


TABLE_NAMES = {"actuals": "actual_hours"}


@dataclass
class Outcome:
    entry: Entry
    verdict: str  # "right", "answered" (right once the user answers its question), "wrong", "refused", "error"
    differences: list[str] = field(default_factory=list)
    message: str = ""

    def line(self) -> str:
        detail = self.message if self.verdict in ("refused", "error", "answered") else "; ".join(self.differences)
        return f"{self.verdict:7} {self.entry.name}" + (f": {advice.for_cli(detail)}" if detail else "")


def load_list(paths: Iterable[Path] = (LIST_FILE,)) -> list[Entry]:
    entries = []
    for path in paths:
        with Path(path).open("rb") as f:
            entries += [Entry.from_toml(raw) for raw in tomllib.load(f).get("file", [])]
    return entries


# Tables whose rows are per person or project and month: a hand count's 'rows' (plan lines) is not
# their row count; their people, months, hours and amount are compared instead.
BY_MONTH = {"allocations", "costs", "actual_hours"}


def measured(tables: dict[str, pd.DataFrame], entry: Entry) -> dict[str, object]:
    """What the rows that would load say, for the keys the hand count has."""
    frame = tables.get(entry.table, pd.DataFrame())
    got: dict[str, object] = {} if entry.table in BY_MONTH else {"rows": len(frame)}
    for key in entry.count:
        if key in STATUS_KEYS:
            column, value = STATUS_KEYS[key]
            got[key] = int((frame[column] == value).sum()) if column in frame else 0
        elif key == "projects":
            got[key] = int(frame["project_id"].nunique()) if "project_id" in frame else 0
        elif key in ("with_start", "with_finish", "first_date", "last_date") and entry.table in DATE_KEYS:
            start, finish = DATE_KEYS[entry.table]
            column = start if key in ("with_start", "first_date") else finish
            values = pd.to_datetime(frame[column], errors="coerce") if column in frame else pd.Series(dtype="datetime64[us]")
            if key.startswith("with_"):
                got[key] = int(values.notna().sum())
            else:
                chosen = values.min() if key == "first_date" else values.max()
                got[key] = None if pd.isna(chosen) else f"{chosen:%Y-%m-%d}"
        elif key == "people":
            got[key] = int(frame["resource_name"].nunique()) if "resource_name" in frame else 0
        elif key == "months":
            months = frame["month"] if "month" in frame else \
                pd.to_datetime(frame["work_date"]).dt.to_period("M") if "work_date" in frame else pd.Series(dtype=object)
            got[key] = int(months.nunique())
        elif key == "hours":
            column = "planned_hours" if "planned_hours" in frame else "hours"
            got[key] = float(frame[column].sum()) if column in frame else 0.0
        elif key == "amount":
            got[key] = float(frame["amount"].sum()) if "amount" in frame else 0.0
    return got


def _agrees(expected: object, got: object) -> bool:
    if isinstance(expected, float) or isinstance(got, float):
        try:
            e, g = float(expected), float(got)
        except (TypeError, ValueError):
            return False
        return math.isclose(e, g, rel_tol=AMOUNT_TOLERANCE, abs_tol=0.01)
    return expected == got


# A user's answer to the one question a refusal may ask (the first month of a plan counted M1 … or
# named Jan … without a year). A hand count of months, people and amounts does not depend on it.
ANSWERS = {FIRST_MONTH: "2026-01"}


def check_file(path: Path, entry: Entry) -> Outcome:
    try:
        prepared = prepare(path, None, require_period=False)
    except ImportFailed as error:
        if not error.asks or not error.asks <= set(ANSWERS):
            return Outcome(entry, "refused", message=str(error).splitlines()[0])
        answered = check_answered(path, entry, error)  # the Data page asks, the user answers, the file loads
        return answered
    except Exception as error:  # a bug of the product's, counted apart from a refusal
        return Outcome(entry, "error", message=f"{type(error).__name__}: {error}".splitlines()[0])
    return _compared(prepared, entry)


def _compared(prepared, entry: Entry) -> Outcome:
    unread = unread_values(prepared)
    if unread:  # a plain import refuses the file, naming the values (the Data page then asks how to read them)
        return Outcome(entry, "refused", message=str(UnreadValues(prepared.workbook.file_name, unread)))
    got = measured(prepared.tables, entry)
    if not any(len(frame) for frame in prepared.tables.values()) or entry.table not in prepared.tables:
        return Outcome(entry, "wrong", [f"nothing loaded as {entry.table}"])
    expected = {"rows": entry.count.get("rows"), **entry.count}
    differences = [f"{key} {got.get(key)!r} (hand count {value!r})" for key, value in expected.items()
                   if key in got and value is not None and not _agrees(value, got[key])]
    return Outcome(entry, "wrong" if differences else "right", differences)


def check_answered(path: Path, entry: Entry, question: ImportFailed) -> Outcome:
    """The file read again with the answers to what its refusal asked: 'answered' when it then
    loads right (it counts apart from 'right': it took one question), else refused or wrong."""
    try:
        prepared = prepare(path, None, require_period=False, first_month=ANSWERS[FIRST_MONTH])
    except ImportFailed as error:
        return Outcome(entry, "refused", message=str(error).splitlines()[0])
    outcome = _compared(prepared, entry)
    asked = f"asked {', '.join(sorted(question.asks))}"
    if outcome.verdict == "right":
        return Outcome(entry, "answered", message=asked)
    return Outcome(entry, outcome.verdict, [f"once {asked}:", *outcome.differences], outcome.message)


def check(folder: Path, entries: list[Entry]) -> list[Outcome]:
    """Every listed file found in `folder`, read and compared; files not found are left out."""
    return [check_file(folder / entry.name, entry) for entry in entries if (folder / entry.name).is_file()]


def score(outcomes: list[Outcome]) -> str:
    counts = {verdict: sum(o.verdict == verdict for o in outcomes)
              for verdict in ("right", "answered", "wrong", "refused", "error")}
    return (f"{counts['right']} of {len(outcomes)} right, {counts['answered']} right once a question is answered, "
            f"{counts['wrong']} wrong, {counts['refused']} refused, {counts['error']} errors")
