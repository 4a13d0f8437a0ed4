"""Structural steps: small pure functions that turn a sheet's shape into a plain table, each named
for what a PMO analyst would call it. Adapters apply them before matching columns.

- `ratings_from_marks`: ratings marked with an X under a scale's columns become one rating column;
- `first_block`: a table ends where two blank rows separate it from what lies below (a profit,
  milestone or cash-flow block under a cost plan);
- `rows_above_total`: a register ends at its total row (a legend or notes lie under it);
- `fill_down_groups`: a grouping column written once per group takes the value above;
- `rows_outside_the_records`: of the rows whose cells did not read, those that are no entry of the
  table: a total or label row ('Sum timer:'), a legend under blank rows, a row under the header
  that describes its columns;
- `months_down`: a plan written with its months as rows (a transposed plan) turned to one column
  per month, its other columns becoming the rows;
- `carry_group_headings`: group heading rows (a monday.com group's title, a programme's name on a row
  of its own) carried down as a column of the rows under them, the heading rows themselves dropped;
- `split_subitem_blocks`: a board's subitems, each block under its item with a header of its own
  (`Subitems | Name | Owner | Status`), read into the item's columns by name, each knowing its item;
- `month_of_sheet`: one sheet per month, the month in the sheet's name (`Sep2019`, `Oct 2019`);
- `sum_rows`: the last row of a cost block when each of its amounts is the sum of the rows above
  (an unlabelled total, or a total labelled 'HR Costs'), whatever its label says.

    before                                         after
    | Risk | Probability VL | … L | … M | … H |    | Risk | Probability |
    | R1   |                |  X  |     |     |    | R1   | L           |
    | R2   |                |     |     |  X  |    | R2   | H           |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

import pandas as pd

from pmo_data import normalize
from pmo_data.config import settings
from pmo_data.readers import Table, unique_labels
from pmo_data.vocabulary import word_key

MARKS = {"x", "✓", "✔", "●", "•", "*", "1", "yes", "y", "true"}
MIN_SCALE_COLUMNS = 3


def _is_mark(value: Any) -> bool:
    if value is True or (isinstance(value, (int, float)) and not isinstance(value, bool) and value == 1):
        return True
    return isinstance(value, str) and word_key(value) in MARKS


def _scale_point(word: str) -> bool:
    """Whether a header's last word is a point of a rating scale ('VL', 'High', '3')."""
    key = word_key(word)
    return key in settings()["scales"]["words"] or (key.isdigit() and 1 <= int(key) <= 10)


def ratings_from_marks(table: Table) -> Table:
    """Each run of at least MIN_SCALE_COLUMNS adjacent columns named '<rating> <point>' (a two-row
    header's 'Probability VL' … 'Probability VH') whose cells are marks or empty becomes one column
    '<rating>' holding the point of the marked column (the first, if a row marks several)."""
    headers, frame = list(table.headers), table.frame
    runs: list[tuple[str, list[int]]] = []
    for position, header in enumerate(headers):
        match = re.match(r"^(.*\S)\s+(\S+)$", header or "")
        prefix = match.group(1) if match and _scale_point(match.group(2)) else None
        if prefix and runs and runs[-1][0] == prefix and runs[-1][1][-1] == position - 1:
            runs[-1][1].append(position)
        elif prefix:
            runs.append((prefix, [position]))
    runs = [(prefix, positions) for prefix, positions in runs if len(positions) >= MIN_SCALE_COLUMNS
            and all(frame.iloc[:, p].dropna().map(_is_mark).all() for p in positions)]
    if not runs:
        return table
    columns, names = [], []
    replaced = {p for _, positions in runs for p in positions}
    firsts = {positions[0]: (prefix, positions) for prefix, positions in runs}
    for position, header in enumerate(headers):
        if position in firsts:
            prefix, positions = firsts[position]
            points = [headers[p].rsplit(None, 1)[1] for p in positions]
            marked = [next((point for p, point in zip(positions, points) if _is_mark(row[p])), None)
                      for row in frame.itertuples(index=False)]
            columns.append(pd.Series(marked, index=frame.index, dtype=object))
            names.append(prefix)
        elif position not in replaced:
            columns.append(frame.iloc[:, position])
            names.append(header)
    new_frame = pd.DataFrame(dict(zip(unique_labels(names), columns)), index=frame.index)
    return replace(table, headers=names, frame=new_frame)


BLOCK_GAP = 2  # blank rows that end a table


def first_block(table: Table) -> Table:
    """The rows above the first run of BLOCK_GAP blank rows (the frame keeps each row's number in
    the file, so a jump in the numbers is a run of blank rows)."""
    rows = table.frame.index.to_numpy()
    gaps = [i for i in range(1, len(rows)) if rows[i] - rows[i - 1] > BLOCK_GAP]
    return table if not gaps else replace(table, frame=table.frame.iloc[: gaps[0]])


TOTAL_WORDS = {"total", "totals", "grand total", "sum", "subtotal", "sub-total", "sub total", "gesamt", "summe",
               "totaal", "totale", "suma"}
_TOTAL_LABEL = re.compile(r"^(?:grand |sub-?\s?)?(?:" + "|".join(sorted(TOTAL_WORDS, key=len, reverse=True)) + r")\b")


def is_total_label(value: Any) -> bool:
    """'Total', 'Total hours', 'Grand total:', 'Sum Hours:', 'Cumulative cost': a sum of the rows, not
    a row ('Sumit Patel' and 'Summer' are names)."""
    if not isinstance(value, str):
        return False
    words = word_key(value).rstrip(":")
    return bool(_TOTAL_LABEL.match(words)) or "cumulative" in words


LABEL_LENGTH = 40  # 'Legende:', 'uge 10:', 'Sum tid:': a short text ending in a colon labels what follows it


def _labels_a_block(value: Any) -> bool:
    return is_total_label(value) or (isinstance(value, str) and len(value) <= LABEL_LENGTH and value.rstrip().endswith(":"))


def _shares_a_word(header: str, text: str) -> bool:
    """'Date d'identification du risque' under 'Date d'Identification': the cell says what the column is."""
    words = {w for w in re.findall(r"\w{4,}", word_key(header))}
    return bool(words & set(re.findall(r"\w{4,}", word_key(text))))


def rows_outside_the_records(grid: list[list[Any]], header_row: int, failing: dict[int, list[tuple[str, str]]]) -> dict[int, str]:
    """Of the rows whose cells did not read (row → its (header, cell text) pairs that failed), those
    that are no entry of the table, each with why; the others are entries with a bad value.

        | Aufgabe       | Startdatum | Dauer |
        | The task      | Planned    |       |   <- describes its columns: a cell repeats its header's words, or
                                                     two cells fail in a row of text only
        | Design        | 2018-11-14 | 1     |
        | Sum:          |            | 1     |   <- a total or label row: 'Total …', 'Sum …', a short label ending in ':'
        (two or more blank rows)
        | Legende:      |            |       |   <- under blank rows, a block smaller than the table: a legend, notes
        | Planmässig    | Abweichung |       |
    """
    filled = [i for i in range(header_row + 1, len(grid)) if any(v is not None for v in grid[i])]
    under_gap = next((after for before, after in zip(filled, filled[1:]) if after - before > BLOCK_GAP
                      and sum(i >= after for i in filled) < sum(i < after for i in filled)), None)
    why = {}
    for row, cells in failing.items():
        label = next((v for v in grid[row] if _labels_a_block(v)), None) if row < len(grid) else None
        if label is not None:
            why[row] = f"a total or label row ('{label}'), not an entry"
        elif under_gap is not None and row >= under_gap:
            why[row] = "under the table after blank rows (a legend or notes), not an entry"
        elif filled and row == filled[0] and (any(_shares_a_word(h, t) for h, t in cells)
                                             or (len(cells) >= 2 and all(isinstance(v, str) for v in grid[row] if v is not None))):
            why[row] = "describes the columns under the header, not an entry"
    return why


TOTAL_LABEL_COLUMNS = 3  # the columns a total row's label is looked for in (the first cells a row fills)


def rows_above_total(table: Table, is_total: Callable[[Any], bool]) -> tuple[Table, list[int]]:
    """A register ends at its total row ('Total Risk Score' in its first cell): the rows above it,
    and the file row numbers left out (the total and what lies under it: a legend, notes).

        before                          after
        | # | Risk         | Score |    | # | Risk         | Score |
        | 1 | Vendor late  | 15    |    | 1 | Vendor late  | 15    |
        | Total Risk Score |  | 15 |
        |   | 5: High      |       |
    """
    frame = table.frame
    firsts = []  # per column, the first row whose first filled cell there is a total label
    for position in range(min(TOTAL_LABEL_COLUMNS, frame.shape[1])):  # a total is labelled in a row's first cells
        column = frame.iloc[:, position]
        labels = {v for v in pd.unique(column.dropna()) if is_total(v)}  # each distinct value tested once
        if not labels:
            continue
        before = frame.iloc[:, :position].isna().all(axis=1) if position else pd.Series(True, index=frame.index)
        hits = (column.isin(labels) & before).to_numpy().nonzero()[0]
        firsts += hits[:1].tolist()
    if not firsts:
        return table, []
    total = min(firsts)
    return replace(table, frame=frame.iloc[:total]), [table.row_number(i) for i in range(total, len(frame))]


SUM_TOLERANCE = 0.005
SUM_MIN_AMOUNTS = 3  # amounts that must each be the sum above: two may agree by chance, three do not


def sum_rows(amounts: pd.DataFrame) -> pd.Series:
    """Per row, whether it is the block's unlabelled total: the last row, each of its amounts (at
    least SUM_MIN_AMOUNTS) the sum of the same column above it, within half a percent. Only money is
    checked this way (resource_plan): in a plan of FTE, a third person at 1.0 under two at 0.5 is
    a person."""
    flags = pd.Series(False, index=amounts.index)
    if len(amounts) < 3:
        return flags
    values = amounts.to_numpy(dtype=float, na_value=float("nan"))
    last, above = values[-1], pd.DataFrame(values[:-1]).sum().to_numpy()
    filled = [c for c in range(values.shape[1]) if last[c] == last[c] and last[c] != 0]
    if len(filled) >= SUM_MIN_AMOUNTS and all(
            abs(last[c] - above[c]) <= SUM_TOLERANCE * max(abs(above[c]), 1.0) for c in filled):
        flags.iloc[-1] = True
    return flags


def fill_down_groups(values: pd.Series) -> pd.Series | None:
    """A grouping column written once per group (merged cells, or left blank under the first row):
    each blank below a value takes the value above. Only when the column is grouped, each value in
    one run of rows; otherwise (a value here and there) None, and the blanks stay blank.

        before            after
        | CRM  | Task A | | CRM  | Task A |
        |      | Task B | | CRM  | Task B |
        | Docs | Task C | | Docs | Task C |
        |      | Task D | | Docs | Task D |
    """
    filled = values.dropna()
    if filled.empty or values.isna().sum() == 0 or not values.iloc[values.notna().to_numpy().argmax():].isna().any():
        return None
    runs = (filled != filled.shift()).cumsum()
    if runs.groupby(filled).nunique().max() > 1:  # a value that comes back after another: not grouped rows
        return None
    return values.ffill()


# -- hierarchy -------------------------------------------------------------------------

def parents_from_outline(levels: list[int | None], ids: list) -> list:
    """The id of each row's parent: the nearest row above with a smaller outline level (MS Project's
    Outline Level, Smartsheet's row outline, a WBS number's depth, a group heading above its rows)."""
    stack: list[tuple[int, object]] = []
    parents = []
    for level, task_id in zip(levels, ids):
        level = 0 if level is None else level
        while stack and stack[-1][0] >= level:
            stack.pop()
        parents.append(stack[-1][1] if stack else None)
        stack.append((level, task_id))
    return parents


_WBS = re.compile(r"^\d{1,4}(?:\.\d{1,4})*\.?$")


def wbs_levels(codes: pd.Series) -> list[int] | None:
    """Outline levels from WBS numbers ('1' → 1, '1.2' → 2, '1.2.3' → 3), or None when the column
    is not a WBS: every filled code a WBS number, at least one with a dot, none written twice.

        before              after (parent)
        | 1   | Design |    | 1   | Design |  —  |
        | 1.1 | Specs  |    | 1.1 | Specs  |  1  |
        | 1.2 | Review |    | 1.2 | Review |  1  |
        | 2   | Build  |    | 2   | Build  |  —  |
    """
    filled = codes.dropna().map(lambda c: str(c).strip())
    if filled.empty or not filled.map(lambda c: bool(_WBS.match(c))).all() or not filled.str.contains(".", regex=False).any():
        return None
    if not filled.map(lambda c: c.rstrip(".")).is_unique:
        return None  # '1.1' twice (a float 1.10 read as 1.1, or a list numbered by hand): not a hierarchy
    return [None if pd.isna(c) else str(c).strip().rstrip(".").count(".") + 1 for c in codes]


def parents_span_children(ids: list, parents: list, starts: pd.Series, finishes: pd.Series) -> bool:
    """Whether every parent with dates spans its children's dates: numbers that look like a WBS
    ('1.1' over '1.1.1') but whose '1.1' ends before '1.1.1' starts are labels, not a hierarchy."""
    start_of, finish_of = dict(zip(ids, starts)), dict(zip(ids, finishes))
    for child, parent in zip(ids, parents):
        if parent is None:
            continue
        if pd.notna(start_of.get(parent)) and pd.notna(start_of[child]) and start_of[child] < start_of[parent]:
            return False
        if pd.notna(finish_of.get(parent)) and pd.notna(finish_of[child]) and finish_of[child] > finish_of[parent]:
            return False
    return True


HEADING_SHARE = 1 / 3  # group headings are a few rows among many: a list of names alone has no headings


def group_heading_rows(frame: pd.DataFrame, name: str, share: float = HEADING_SHARE) -> pd.Series:
    """Rows that head a group ('Milestone: Choose vendor', 'Phase 2 – Build'): the name filled and
    every other column empty, at most `share` of the named rows (found unasked: a third; where a
    user says the sheet has headings, any share but all). At least two of them."""
    others = [c for c in frame.columns if c not in {name, "_row", "_sheet", "_project", "extra"}]
    named = frame[name].notna()
    bare = named & frame[others].isna().all(axis=1) if others else named & False
    if bare.sum() < 2 or bare.sum() > share * named.sum() or bare.sum() == named.sum():
        return pd.Series(False, index=frame.index)
    return bare


HEADING_MAX_LENGTH = 80


def _heading_like(value: Any) -> bool:
    """A phase's name ('Inception', 'Tag 1: Einführung'), not an instruction ('Do not delete this
    row. This row is hidden to preserve a formula …'): short, and not sentences."""
    return isinstance(value, str) and 0 < len(value.strip()) <= HEADING_MAX_LENGTH and ". " not in value.strip()


def headings_beside_names(frame: pd.DataFrame, name: str, mapped: Collection[str] = ()) -> pd.Series:
    """The text of a group heading written in a column of its own left of the name column (a phase
    'Inception' in column A over tasks named in column B): on rows whose name is empty and whose
    only filled cell is text in such a column, one that holds no field (`mapped`: a lone project
    name is a project without tasks). Empty elsewhere (a lone note right of the name is not a
    heading). Before:

        |           | TASK NAME   | START      |        after: name
        | Inception |             |            |   →    Inception
        |           | M0: Kickoff | 2019-10-11 |        M0: Kickoff
    """
    content = [c for c in frame.columns if not str(c).startswith("_") and c != "extra"]
    left = [c for c in content[:content.index(name)] if c not in mapped]
    if not left:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    filled = frame[content].notna()
    lone = frame[name].isna() & filled.sum(axis=1).eq(1) & filled[left].any(axis=1)
    text = frame[left].where(filled[left]).bfill(axis=1).iloc[:, 0].astype(object)
    heading = lone & text.map(_heading_like)
    return pd.Series([v if h else None for v, h in zip(text, heading)], index=frame.index, dtype=object)


def rows_repeating_the_header(table: Table) -> pd.Series:
    """Rows that say the header again (a list pasted under itself, a page break of a report): at
    least half of their filled cells, and two or more, are their column's own header. Before:

        | ID | Task   | Status |            | ID | Task   | Status |
        | 1  | Design | Done   |     →      | 1  | Design | Done   |
        | ID | Task   | Status |            | 2  | Build  | Open   |
        | 2  | Build  | Open   |
    """
    frame = table.frame
    if frame.empty:
        return pd.Series(False, index=frame.index)
    same = pd.DataFrame({label: frame[label].astype(str).str.strip().str.casefold() == str(header).strip().casefold()
                         for label, header in zip(frame.columns, table.headers) if header}, index=frame.index)
    filled = frame.notna().sum(axis=1)
    matches = same.sum(axis=1) if len(same.columns) else pd.Series(0, index=frame.index)
    return (matches >= 2) & (matches >= filled / 2)


def rows_where(table: Table, rules: dict[str, str]) -> pd.Series:
    """Rows whose cell under a header says a given value (case and outer spaces aside): a user's
    rule to skip rows ('Type' = 'Group')."""
    skip = pd.Series(False, index=table.frame.index)
    for header, value in rules.items():
        for label in table.labels_for(header):
            skip |= table.frame[label].astype(str).str.strip().str.casefold() == str(value).strip().casefold()
    return skip


def side_by_side_blocks(table: Table, rows_above: list[list[Any]]) -> list[tuple[str | None, Table]]:
    """Tables drawn side by side under one header row (a timesheet per person, columns A-C and E-G):
    runs of columns parted by a column with neither header nor values, two or more of them with
    the same headers, each titled by the nearest text above its first column. One (None, table)
    when the sheet is one table. `rows_above`: the sheet's rows down to and with the header row
    (the titles, then the header as the sheet writes it: a title row over the blocks makes the
    table's own headers 'Ann Lee Date'). Before:

        | Ann Lee |        |   | Bo Chen |        |          (Ann Lee) | Date     | Hours |
        | Date    | Hours  |   | Date    | Hours  |    →     (Ann Lee) | 3 Mar 21 | 2     |
        | 3 Mar 21| 2      |   | 3 Mar 21| 1.5    |          (Bo Chen) | 3 Mar 21 | 1.5   |
    """
    frame = table.frame
    raw = rows_above[-1] if rows_above else []
    headers = [str(cell).strip() if cell is not None else "" for cell in raw] if len(raw) == len(table.headers) \
        else list(table.headers)
    rows_above = rows_above[:-1]
    runs, current = [], []
    for position, (label, header) in enumerate(zip(frame.columns, headers)):
        parting = not str(header or "").strip() and frame[label].isna().all()
        if parting:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(position)
    if current:
        runs.append(current)
    shapes = [tuple(word_key(headers[p]) for p in run) for run in runs]
    if len(runs) < 2 or len(runs[0]) < 2 or any(shape != shapes[0] for shape in shapes):
        return [(None, table)]
    blocks = []
    for run in runs:
        labels = [frame.columns[p] for p in run]
        part = frame[labels]
        part = part[part.notna().any(axis=1)]
        title = next((str(row[run[0]]).strip() for row in reversed(rows_above)
                      if run[0] < len(row) and isinstance(row[run[0]], str) and row[run[0]].strip()), None)
        blocks.append((title, replace(table, headers=[headers[p] for p in run], frame=part)))
    return blocks


MONTHS_DOWN_MAX_ROWS = 120  # ten years of months: a longer column of dates is a log, not a plan's months


def months_down(table: Table) -> Table | None:
    """A plan with its months down the first column and a column per person, role or measure,
    turned so that each month is a column and each of those columns a row (None when the first
    column does not hold at least two distinct months, every filled cell one of them, written as
    a month: 'Aug 2025', '2025-08', or a date on the 1st).

        before                                   after
        | month    | devs | testers |           |         | Aug 2025 | Sep 2025 |
        | Aug 2025 | 0.8  | 0.2     |           | devs    | 0.8      | 1.8      |
        | Sep 2025 | 1.8  | 0.2     |           | testers | 0.2      | 0.2      |
    """
    frame = table.frame
    if frame.shape[1] < 2 or not 2 <= len(frame) <= MONTHS_DOWN_MAX_ROWS:
        return None
    first = frame.iloc[:, 0].dropna()
    if any(hasattr(v, "year") and v.day != 1 for v in first):
        return None  # a column of days is a log of dates, not a plan's months
    months = [normalize.month_of_header(v) for v in first]
    if len(first) < 2 or any(m is None for m in months) or len(set(months)) != len(months):
        return None
    body = frame.loc[first.index].iloc[:, 1:]
    names = [h or label for h, label in zip(table.headers[1:], body.columns)]
    month_labels = [f"{m:%b %Y}" for m in months]
    turned = pd.DataFrame(body.to_numpy().T, columns=unique_labels(month_labels), dtype=object)
    turned.insert(0, "Column 1", names)
    turned.index = range(table.header_row, table.header_row + len(turned))  # where each was: its header's row
    return Table(table.sheet_name, ["", *month_labels], table.header_row, turned)


def month_of_sheet(name: str) -> pd.Timestamp | None:
    """The month a sheet's name says, for workbooks kept one sheet per month ('Sep2019', 'Oct 2019',
    '2019-10', 'Okt 2019'); None for any other name ('Sheet1', 'Summary', 'Q3')."""
    return normalize.month_of_header(name.strip())


GROUP_HEADING = "the group heading above"  # the column `carry_group_headings` adds (a recipe maps it by this name)


def _heading_titles(frame: pd.DataFrame) -> pd.Series:
    """The title of each row holding one text cell and nothing else (not a total's label), by row;
    a sheet's tables hold None for an empty cell (readers.Sheet.table)."""
    alone = frame[frame.notna().sum(axis=1) == 1]
    if alone.empty:
        return pd.Series(dtype=object)
    cells = alone.apply(lambda row: row.dropna().iloc[0], axis=1)
    return cells[cells.map(lambda v: isinstance(v, str) and not is_total_label(v))].map(str.strip)


def lone_title_rows(frame: pd.DataFrame) -> pd.Series:
    """Per row, whether it is a group's title: one text cell and nothing else."""
    return pd.Series(frame.index.isin(_heading_titles(frame).index), index=frame.index)


def carry_group_headings(table: Table) -> tuple[Table, list[int]]:
    """Rows holding one text cell and nothing else are group headings: each becomes the value of a
    new column GROUP_HEADING on the rows under it, down to the next heading; the heading rows are
    left out (their file row numbers returned). Rows above the first heading have none.

        before                              after
        | Name     | Status |              | Name     | Status | the group heading above |
        | Q4 Goals |        |              | Launch   | Done   | Q4 Goals                |
        | Launch   | Done   |              | Pricing  | Open   | Q4 Goals                |
        | Pricing  | Open   |              | Hiring   | Open   | Backlog                 |
        | Backlog  |        |
        | Hiring   | Open   |
    """
    frame = table.frame
    titles = _heading_titles(frame)
    headings = pd.Series(frame.index.isin(titles.index), index=frame.index)
    carried = titles.reindex(frame.index).ffill()
    kept = frame[~headings].assign(**{GROUP_HEADING: carried[~headings]})
    return replace(table, headers=[*table.headers, GROUP_HEADING], frame=kept), \
        [table.row_number(i) for i, flag in enumerate(headings) if flag]


# The first cell of a subitem block's own header, in the languages monday.com exports in
SUBITEM_MARKERS = {"subitems", "sous-éléments", "sous-tâches", "subelementos", "subelementi", "subitens",
                   "unterelemente", "subtasks", "sub-tasks", "sub-items"}
PARENT_ROW = "the item above"  # the column `split_subitem_blocks` adds: a subitem's item's file row number


def _is_subitem_marker(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in SUBITEM_MARKERS


def has_subitem_blocks(table: Table) -> bool:
    """Whether a block headed 'Subitems' (in its first column) lies under some item."""
    return bool(len(table.frame.columns)) and bool(table.frame.iloc[:, 0].map(_is_subitem_marker).any())


def split_subitem_blocks(table: Table) -> tuple[Table, int]:
    """Subitem blocks under their items, each with a header of its own whose first cell says
    'Subitems': each subitem row's cells go to the item columns of the same names, the block's
    header row is left out, and a new column PARENT_ROW gives each subitem its item's file row
    (None on items). Returns the table and how many subitems it holds.

        before                                    after
        | Name     | Owner | Status |            | Name     | Owner | Status | the item above |
        | Launch   | Ann   | Working|            | Launch   | Ann   | Working|                |
        | Subitems | Name  | Status |            | Copy     |       | Done   | 2              |
        |          | Copy  | Done   |            | Pricing  | Bob   | Done   |                |
        | Pricing  | Bob   | Done   |
    """
    frame = table.frame
    by_name = {str(header).strip().casefold(): label for header, label in zip(table.headers, frame.columns) if header}
    records, index, item_row, sub_header, subitems = [], [], None, None, 0
    for position, (row_index, values) in enumerate(zip(frame.index, frame.itertuples(index=False, name=None))):
        first = values[0] if values else None
        if _is_subitem_marker(first):
            sub_header = [str(v).strip().casefold() if isinstance(v, str) else None for v in values]
            continue
        if (first is None or (isinstance(first, float) and pd.isna(first))) and sub_header is not None:
            # the block's header is shifted one column right of the item's ('Subitems' over column A)
            record = {by_name[name]: value for name, value in zip(sub_header[1:], values[1:]) if name in by_name}
            record[PARENT_ROW] = item_row
            subitems += 1
        else:
            sub_header, item_row = None, table.row_number(position)
            record = dict(zip(frame.columns, values))
        records.append(record)
        index.append(row_index)
    turned = pd.DataFrame.from_records(records, index=index, columns=[*frame.columns, PARENT_ROW])
    return replace(table, headers=[*table.headers, PARENT_ROW], frame=turned), subitems
