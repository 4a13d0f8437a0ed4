"""Shared last step of every adapter: canonical columns, derived values, domain checks.

Rows that cannot be loaded (a key missing, a duplicate key) are rejected with their row
number and reason; values outside their domain become NULL with a warning. Nothing is
dropped without a line in the quality report.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pmo_data import normalize, vocabulary
from pmo_data.columns import distinct, take
from pmo_data.sources.base import CANONICAL_COLUMNS, REQUIRED_COLUMNS, Batch, Rejected

TABLE_KEYS = {
    "projects": ["project_id"],
    "tasks": ["project_id", "task_id"],
    "risks": ["project_id", "risk_id"],
    "resources": ["resource_name"],
    "allocations": ["resource_name", "project_id", "month"],
    "costs": ["project_id", "month", "cost_type"],
    "status_reports": ["project_id"],
    "path_to_green": ["project_id", "action"],
    "gates": ["project_id", "gate"],
    "actual_hours": ["resource_name", "project_id", "work_date", "date_rule"],
}

# (table, column) -> (low, high): values outside become NULL, with a warning.
VALUE_RANGES = {
    ("projects", "percent_complete"): (0, 100),
    ("tasks", "percent_complete"): (0, 100),
    ("risks", "probability"): (1, 5),
    ("risks", "impact"): (1, 5),
    ("risks", "score"): (1, 25),
    ("projects", "budget"): (0, math.inf),
    ("projects", "forecast_cost"): (0, math.inf),
    ("tasks", "estimate_hours"): (0, math.inf),
    ("allocations", "planned_hours"): (0, math.inf),
    ("resources", "capacity_hours_per_month"): (0, math.inf),
    ("actual_hours", "hours"): (0, 24 * 7),
}

# The canonical tables in a PMO analyst's words, for the report.
TABLE_WORDS = {"projects": "projects", "tasks": "tasks", "risks": "RAID entries", "resources": "people",
               "allocations": "allocations", "costs": "costs", "status_reports": "status reports",
               "path_to_green": "path-to-green steps", "gates": "gates", "actual_hours": "logged hours"}

# Tables whose rows with the same key are added up (this amount column), not rejected as duplicates.
SUMMED = {"allocations": "planned_hours", "costs": "amount", "actual_hours": "hours"}

DTYPES = {"text": "str", "health": "str", "date": "datetime64[us]", "number": "Float64", "percent": "Float64",
          "bool": "boolean", "scale": "Int64", "integer": "Int64"}


def conform(batch: Batch, source: str, status_words: dict[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """Per canonical table, the frame to insert: every canonical column plus `extra`.
    `status_words`: words the user mapped to a status category (saved in the database)."""
    ready = {}
    for table, frame in batch.tables.items():
        if frame is None or frame.empty:
            continue
        frame = _with_all_columns(table, frame)
        frame = DERIVATIONS.get(table, lambda f, *_: f)(frame, batch, source, status_words or {})
        frame = _check_ranges(table, frame, batch)
        frame = _reject_missing_keys(table, frame, batch)
        frame = _reject_or_merge_duplicates(table, frame, batch)
        ready[table] = frame[list(CANONICAL_COLUMNS[table]) + ["extra"]].reset_index(drop=True)
    return ready


def _with_all_columns(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column, kind in CANONICAL_COLUMNS[table].items():
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if kind == "date":
            frame[column] = pd.to_datetime(frame[column], errors="coerce").astype("datetime64[us]")
        else:
            frame[column] = frame[column].astype(DTYPES[kind])
    for bookkeeping, default in (("extra", None), ("_row", 0), ("_sheet", "")):
        if bookkeeping not in frame.columns:
            frame[bookkeeping] = default
    return frame


# Hidden columns an adapter may add to tasks for the status fallbacks (never stored).
CATEGORY_HINT = "_category_hint"  # a status-category column's text (Jira's "Status Category")
DONE_HINT = "_done_hint"  # True where a resolution or a completed date says the task is finished
ORDER_HINT = "_order_hint"  # the place of the status on the board, left to right (a Trello list's position)


def _derive_tasks(frame: pd.DataFrame, batch: Batch, source: str, status_words: dict[str, str]) -> pd.DataFrame:
    frame["status_category"] = _status_categories(frame, batch, source, status_words)
    for current, baseline in (("start_date", "baseline_start"), ("finish_date", "baseline_finish")):
        if len(frame) and frame[current].isna().all() and frame[baseline].notna().any():
            # a schedule that gives only its baseline: that is its plan (the baseline stays the baseline)
            frame[current] = frame[baseline]
            batch.notes.append(f"tasks: the file gives only a baseline {current.split('_')[0]}: it is also the "
                               f"planned {current.split('_')[0]}")
    frame["is_milestone"] = frame["is_milestone"].fillna(False)
    frame["is_summary"] = frame["is_summary"].fillna(False)
    return frame


def _word_keys(words: pd.Series) -> pd.Series:
    """vocabulary.word_key of every text cell (None elsewhere), computed once per distinct word."""
    codes, values = distinct(words)
    keys = [vocabulary.word_key(v) if isinstance(v, str) else None for v in values]
    return pd.Series(take(keys, codes), index=words.index, dtype=object)


def _status_categories(frame: pd.DataFrame, batch: Batch, source: str, status_words: dict[str, str]) -> pd.Series:
    """Status category per task, by the first rule that gives one: the category the adapter knows
    from its format (Project's percent complete, Asana's completion date), the words the user
    mapped, the tracker's own status-category column, the status word (the shared vocabulary, the
    source's own words, the PMO's settings), percent
    complete, a resolution or completed date. A blank status with none of these is to do; an
    unknown word with none of these stays empty, and the report lists the words with how to map them."""
    table = normalize.status_table(source, status_words)
    keys = _word_keys(frame["status"])
    table = vocabulary.with_near_words(table, keys.dropna().unique(), "task status", batch.notes)
    category = frame["status_category"].astype(object).where(frame["status_category"].notna(), None)
    category = category.fillna(keys.map({vocabulary.word_key(w): c for w, c in status_words.items()}))
    if CATEGORY_HINT in frame:  # the tracker's own category of its workflow's word ('Backlog' may be In Progress)
        hint = _word_keys(frame[CATEGORY_HINT])
        # a category named in the user's language ('En cours', 'Zu erledigen') reads as the task word it is
        category = category.fillna(hint.map({**vocabulary.status_words("task"), **vocabulary.status_words("task_category")}))
    category = category.fillna(keys.map(table))
    percent = frame["percent_complete"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    by_percent = pd.Series(np.where(percent >= 100, "done", np.where(percent > 0, "in_progress", "todo")),
                           index=frame.index, dtype=object).where(~np.isnan(percent), None)
    category = category.fillna(by_percent)
    if DONE_HINT in frame:
        category = category.where(category.notna() | ~frame[DONE_HINT].fillna(False).astype(bool), "done")
    blank = category.isna() & keys.isna()
    if blank.any() and frame["parent_task_id"].notna().any():
        category = _rolled_up(frame, category, blank)
        blank = category.isna() & keys.isna()
    if blank.any():
        batch.warnings.append(f"{int(blank.sum())} task(s) have no status, percent complete or completed date: "
                              "counted as to do")
        category[blank] = "todo"
    unknown = category.isna()
    if unknown.any():
        counts = frame.loc[unknown, "status"].value_counts()
        batch.unknown_status_words.update({str(w): int(n) for w, n in counts.items()})
        placed = _by_place(frame, category) if ORDER_HINT in frame else _between_ends(frame["status"], category)
        if placed:
            words = frame["status"]
            listed = "; ".join(f"'{word}' ({int((words == word).sum())}) {reason}" for word, (_, reason) in placed.items())
            batch.notes.append(f"status words the dashboard does not know, read by their place in the workflow: {listed}. "
                               "Map them on the Data page (Map status words) if they mean otherwise")
            placed_categories = {word: value for word, (value, _) in placed.items()}
            category = category.where(~unknown, words.map(placed_categories))
            unknown = category.isna()
            if not unknown.any():
                return category.astype("str")
            counts = frame.loc[unknown, "status"].value_counts()
        listed = ", ".join(f"'{w}' ({n})" for w, n in counts.items())
        batch.warnings.append(
            f"{int(unknown.sum())} task(s) have a status word the dashboard does not know: {listed}. They count as "
            "neither open nor done until you map the words: on the Data page (Map status words), or with "
            "`--status \"WORD=done\"` (todo, in_progress or done) on the import command")
    return category.astype("str")


def _between_ends(status: pd.Series, category: pd.Series) -> dict[str, tuple[str, str]]:
    """Unknown words of a workflow whose known words include a to-do and a done word: the steps
    between ('A EMPEZAR' … 'Fabricación', 'Test' … 'ACABADO'), read as in progress."""
    known = pd.DataFrame({"word": status, "category": category}).dropna().drop_duplicates("word")
    starts = known.loc[known["category"] == "todo", "word"].iloc[:3]
    finishes = known.loc[known["category"] == "done", "word"].iloc[:3]
    if starts.empty or finishes.empty:
        return {}
    reason = (f"in progress (between {', '.join(map(repr, starts))} and {', '.join(map(repr, finishes))})")
    return {word: ("in_progress", reason) for word in status[category.isna()].dropna().unique()}


def _by_place(frame: pd.DataFrame, category: pd.Series) -> dict[str, tuple[str, str]]:
    """Unknown words of a board read by their column's place, left to right: the first column, or
    one left of a known to-do column, is to do; one left of a known done column is in progress;
    one right of every done column is done. A board none of whose columns names a workflow step
    (its lists are use cases or customers) is to do throughout."""
    places = pd.DataFrame({"word": frame["status"], "place": pd.to_numeric(frame[ORDER_HINT], errors="coerce"),
                           "category": category}).dropna(subset=["word", "place"])
    first = places["place"].min()
    known = places.dropna(subset=["category"]).groupby("word").agg(place=("place", "min"), category=("category", "first"))
    todo_places = known.loc[known["category"] == "todo", "place"]
    done = known.loc[known["category"] == "done"]
    placed = {}
    for word, place in places[places["category"].isna()].groupby("word")["place"].min().items():
        if known.empty:  # no column names a workflow step (use cases, customers, topics): nothing has started
            placed[word] = ("todo", "to do (no column of the board names a workflow step)")
        elif place == first or (todo_places > place).any():
            placed[word] = ("todo", "to do (the board's first column)" if place == first else "to do (left of a to-do column)")
        elif (done["place"] > place).any():
            placed[word] = ("in_progress", f"in progress (left of {done.index[done['place'] > place][0]!r})")
        elif len(done):
            placed[word] = ("done", f"done (right of {done.index[0]!r})")
    return placed


def _rolled_up(frame: pd.DataFrame, category: pd.Series, blank: pd.Series) -> pd.Series:
    """A summary with no status of its own (a phase heading, a WBS parent) takes its children's:
    done when all are done, to do when none has started, else in progress. Deepest first."""
    category = category.copy()
    children = frame.groupby([frame["project_id"].astype(str), frame["parent_task_id"]]).groups
    for _ in range(10):  # ten levels of summaries are more than any plan has
        changed = False
        for index in frame.index[blank & category.isna()]:
            under = children.get((str(frame.at[index, "project_id"]), frame.at[index, "task_id"]))
            if under is None or category[under].isna().any():
                continue
            states = set(category[under])
            category[index] = "done" if states == {"done"} else "todo" if states == {"todo"} else "in_progress"
            changed = True
        if not changed:
            break
    return category


def _derive_risks(frame: pd.DataFrame, batch: Batch, source: str, status_words: dict[str, str]) -> pd.DataFrame:
    frame["kind"] = normalize.words(frame["kind"], vocabulary.status_words("raid_kind"), "RAID category", batch.problems,
                                    batch.notes)
    frame["kind"] = frame["kind"].fillna("risk").astype("str")
    raw_status = frame["status"]
    frame["status"] = normalize.words(raw_status, vocabulary.status_words("raid"), "RAID status", None, batch.notes)
    unknown = frame["status"].isna() & raw_status.notna()
    if unknown.any():
        counts = raw_status[unknown].value_counts()
        batch.warnings.append("RAID entries with a status word the dashboard does not know, counted as open: "
                              + ", ".join(f"'{w}' ({n})" for w, n in counts.items()))
    frame["status"] = frame["status"].fillna("open").astype("str")
    computed = frame["probability"].astype("Float64") * frame["impact"].astype("Float64")
    frame["score"] = frame["score"].fillna(computed)
    return frame


def _derive_gates(frame: pd.DataFrame, batch: Batch, source: str, status_words: dict[str, str]) -> pd.DataFrame:
    # a gate's word (Approved, Go, Scheduled …) as planned, passed or failed; an unknown word is reported, left empty
    frame["status"] = normalize.words(frame["status"], vocabulary.status_words("gate"), "gate status", batch.problems)
    return frame


DERIVATIONS = {"tasks": _derive_tasks, "risks": _derive_risks, "gates": _derive_gates}


def _check_ranges(table: str, frame: pd.DataFrame, batch: Batch) -> pd.DataFrame:
    for (range_table, column), (low, high) in VALUE_RANGES.items():
        if range_table != table:
            continue
        values = frame[column].astype("Float64")
        outside = values.notna() & ((values < low) | (values > high))
        if outside.any():
            examples = ", ".join(str(v) for v in values[outside].unique()[:3])
            bounds = f"outside {low}..{high}" if high != math.inf else f"below {low}"
            batch.warnings.append(f"{TABLE_WORDS[table]}, {vocabulary.label(column)}: {int(outside.sum())} value(s) {bounds} "
                                  f"left empty (e.g. {examples})")
            frame.loc[outside, column] = None
    return frame


def _reject(frame: pd.DataFrame, mask: pd.Series, table: str, reasons: pd.Series | str, batch: Batch) -> pd.DataFrame:
    if not mask.any():
        return frame
    rows = frame[mask]
    reason_list = reasons[mask].tolist() if isinstance(reasons, pd.Series) else [reasons] * len(rows)
    for sheet, row, reason in zip(rows["_sheet"], rows["_row"], reason_list):
        batch.rejected.append(Rejected(table, str(sheet), int(row), reason))
    return frame[~mask]


def _reject_missing_keys(table: str, frame: pd.DataFrame, batch: Batch) -> pd.DataFrame:
    for column in REQUIRED_COLUMNS[table]:
        frame = _reject(frame, frame[column].isna(), table, f"no {vocabulary.label(column)}", batch)
    return frame


def _reject_or_merge_duplicates(table: str, frame: pd.DataFrame, batch: Batch) -> pd.DataFrame:
    keys = TABLE_KEYS[table]
    if table in SUMMED:
        # two plan rows for the same key (a person in two roles, two cost lines of a project) add up
        return frame.groupby(keys, as_index=False, sort=False, dropna=False).agg(  # a key may be empty (an entry with no project)
            **{SUMMED[table]: (SUMMED[table], "sum")}, extra=("extra", "first"), _row=("_row", "first"),
            _sheet=("_sheet", "first"),
        )
    duplicated = frame.duplicated(keys, keep="first")
    if duplicated.any():
        first_row = {tuple(k): row for *k, row in frame.drop_duplicates(keys)[keys + ["_row"]].itertuples(index=False)}
        reasons = pd.Series(
            [
                f"same {' and '.join(vocabulary.label(c) for c in keys)} as row {first_row[tuple(k)]} ({' / '.join(map(str, k))})"
                for k in frame.loc[duplicated, keys].itertuples(index=False)
            ],
            index=frame.index[duplicated],
        ).reindex(frame.index)
        frame = _reject(frame, duplicated, table, reasons, batch)
    return frame
