"""Resource plans, histograms and cost plans kept as wide workbooks (or CSV): people or roles as
rows, one column per month (`Sep-18`, `Jul '16`, `2026-10`, `Oct 2026`, `10/2026`, real date
cells …), under titles and notes; often a working-days row and a `Total` row (never loaded).

The unit is decided per sheet and stated in the report, by the first rule of UNIT_WORDS that the
sheet's name, title rows and headers match, else by its values. A sheet of money (rates, costs,
forecasts, actuals) goes to the `costs` table by project and month, never to hours. Days convert
at `units.hours_per_day`; FTE and headcount at the month's working days × hours per day.
The project: a Project column, else the identity rules (a summary or title cell, the file name).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from pmo_data import identity, normalize, steps, vocabulary
from pmo_data.config import settings
from pmo_data.readers import Sheet, Table, Workbook
from pmo_data.recognise import match_columns
from pmo_data.sources.base import (FIRST_MONTH, Adapter, Batch, ImportContext, LayoutMismatch, Rejected, extra_json,
                                   is_total_label, month_columns, relative_month_columns,
                                   yearless_month_columns)

# (unit, words that say it), first match wins: money first, so a "cost of hours" sheet is money.
UNIT_WORDS = [
    ("money", r"cost|costs|£|\$|€|\busd\b|\bgbp\b|\beur\b|budget|forecast spend|spend|actuals?\b|rate|price|salary|revenue|invoice"),
    ("fte", r"\bfte\b|full[- ]time equivalent"),
    ("headcount", r"head ?count|heads\b|number of (people|staff)|no\. of (people|staff)|persons"),
    ("days", r"\bdays?\b|person[- ]days|man[- ]days|\btage\b|\bjours\b|\bdías\b"),
    ("hours", r"\bhours?\b|\bhrs\b|\bstunden\b|\bheures\b"),
]
COST_TYPES = [("actual", r"actual|spent|spend to date|incurred"), ("budget", r"budget|baseline"),
              ("forecast", r"forecast|estimate|projected|planned|plan|cost")]
# A rate beside quantities is a price per unit, not a sign that the quantities are money: its header
# is left out of the words that decide the sheet's unit, and cost = quantity × rate.
RATE_HEADER = re.compile(r"\brate\b|\bprice\b|per hour|per day|hourly|daily|/\s*h(ou)?r?\b|/\s*d(ay)?\b|\btarif|"
                         r"stundensatz|tagessatz|\btasa\b|\btaxa\b", re.IGNORECASE)
PER_DAY = re.compile(r"day|daily|tagessatz|\bd\b|jour|d[ií]a", re.IGNORECASE)
MAX_DAYS_PER_MONTH = 23
MAX_FTE = 1.5
HOURS_IN_A_MONTH = 744  # a number above this is not one person's hours in a month


def _row_label_column(table: Table, months: dict[str, pd.Timestamp], columns: dict[str, str]) -> str | None:
    """The column naming the person or role: by its header, else the first text column left of the months."""
    if "resource_name" in columns:
        return columns["resource_name"]
    first_month = min(list(table.frame.columns).index(label) for label in months)
    for label in list(table.frame.columns)[:first_month]:
        if normalize.text(table.frame[label]).notna().any() and label not in columns.values():
            return label
    return None


def plan_sheets(workbook: Workbook, first_month: dt.date | None = None
                ) -> list[tuple[Sheet, Table, dict[str, pd.Timestamp], dict[str, str], str]]:
    """The sheets that are plans: people or roles as rows, one column per month (named, or counted
    from `first_month`: a sheet of `M1 … M9` without it has no months and is listed by
    `relative_plan_sheets`)."""
    found = []
    for sheet in workbook.data_sheets:
        table = steps.first_block(sheet.table())
        months = month_columns(table, first_month)
        if len(months) < 2 and (turned := steps.months_down(table)) is not None:
            table, months = turned, month_columns(turned)  # months written down the first column
        if len(months) < 2:
            continue
        columns = match_columns(table, "plan")
        label = _row_label_column(table, months, columns)
        if label is not None:
            columns["resource_name"] = label
            rate = rate_column(table, months, columns)
            if rate is not None:
                columns["_rate"] = rate
            found.append((sheet, table, months, columns, label))
    return found


def rate_column(table: Table, months: dict[str, pd.Timestamp], columns: dict[str, str]) -> str | None:
    """The column holding each row's price per hour or per day ('Rate (£/h)', 'Day rate'), if any."""
    taken = set(columns.values()) | set(months)
    return next((label for label, header in zip(table.frame.columns, table.headers)
                 if label not in taken and RATE_HEADER.search(header or "")), None)


def sheet_words(sheet: Sheet, table: Table, months: dict[str, pd.Timestamp], leave_out: set[str] = frozenset()) -> str:
    """The words that say a sheet's unit: its name, the rows above its header and its headers, but
    not the month headers nor a rate column's (a £ rate beside hours does not make them money)."""
    above = " ".join(str(c) for row in sheet.head(table.header_row - 1) for c in row if c is not None)
    headers = " ".join(h for label, h in zip(table.frame.columns, table.headers) if label not in months and label not in leave_out)
    return f"{sheet.name} {above} {headers}".casefold()


def plan_unit(words: str, values: pd.Series, states_working_days: bool = False) -> tuple[str, str]:
    """The sheet's unit and why: its words (UNIT_WORDS), else a row of working days per month (its
    other rows count people), else the size of its values."""
    for unit, pattern in UNIT_WORDS:
        match = re.search(pattern, words)
        if match:
            return unit, f"the sheet says '{match.group(0).strip()}'"
    if states_working_days:
        return "fte", "the plan states each month's working days: its other rows count people"
    largest = values.max()
    if pd.notna(largest) and largest > HOURS_IN_A_MONTH:
        return "money", f"values up to {largest:,.0f} are too large for hours in a month"
    if pd.notna(largest) and largest <= MAX_FTE:
        return "fte", f"no unit stated; values up to {largest:g} read as FTE"
    if pd.notna(largest) and largest <= MAX_DAYS_PER_MONTH:
        return "days", f"no unit stated; values up to {largest:g} read as days"
    return "hours", "no unit stated; values read as hours"


def _to_hours(unit: str, working_days: dict[pd.Timestamp, float]):
    """Amounts in `unit` as hours; FTE and headcount at the plan's own working days where it states
    them (a partial first month), else the calendar's."""
    def convert(series: pd.Series, column: str, problems, month: pd.Timestamp) -> pd.Series:
        return normalize.in_hours(normalize.number(series, column, problems), unit, month, working_days.get(month))
    return convert


# Rows of a plan that are no person or role: the month's working days (used to convert FTE), and
# ratios beside the people (an efficiency factor, a utilisation %)
WORKING_DAYS_ROW = re.compile(r"work(?:ing)?[ _-]?days|business days|arbeitstage|jours ouvr|d[ií]as (?:laborables|h[aá]biles)|"
                              r"werkdagen|arbetsdagar|arbejdsdage|dias úteis", re.IGNORECASE)
RATIO_ROW = re.compile(r"efficien|ratio|factor|\bindex\b|utili[sz]ation|percent|%|effizienz|auslastung", re.IGNORECASE)


def _rows_that_are_no_one(table: Table, frame: pd.DataFrame, label: str, months: dict[str, pd.Timestamp],
                          batch: Batch) -> tuple[pd.DataFrame, dict[pd.Timestamp, float]]:
    """The plan's rows without its working-days and ratio rows, and the working days per month it states."""
    names = frame[label].map(lambda v: v if isinstance(v, str) else "")
    days_rows = names.str.contains(WORKING_DAYS_ROW)
    ratios = names.str.contains(RATIO_ROW) & ~days_rows
    working_days: dict[pd.Timestamp, float] = {}
    if days_rows.any():
        row = frame[days_rows].iloc[0]
        working_days = {month: float(days) for column, month in months.items()
                        if pd.notna(days := normalize.number(pd.Series([row[column]], dtype=object)).iloc[0])}
        batch.notes.append(f"{table.sheet_name}: the plan's own working days per month ('{names[days_rows].iloc[0]}') "
                           "convert its FTE to hours")
    if ratios.any():
        batch.notes.append(f"{table.sheet_name}: {', '.join(names[ratios])}: ratios, not people: not loaded")
    return frame[~(days_rows | ratios)], working_days


def relative_plan_sheets(workbook: Workbook) -> list[str]:
    """Sheets whose month columns are numbered from the plan's start (`M1 … M9`) or named without a
    year (`Jan … Dec`): their calendar months need the first month of the plan."""
    found = []
    for sheet in workbook.data_sheets:
        table = steps.first_block(sheet.table())
        if not month_columns(table) and (relative_month_columns(table) or yearless_month_columns(table)):
            found.append(sheet.name)
    return found


def _first_month_question(workbook: Workbook, sheet_name: str) -> str:
    table = steps.first_block(workbook.sheet(sheet_name).table())
    if relative_month_columns(table):
        return (f"the calendar month of its first month column: '{sheet_name}' numbers its months from the plan's "
                "start (M1, M2 …); say which month M1 is (the first month of the plan)")
    first = table.header_of(next(iter(yearless_month_columns(table))))
    return (f"the year of its months: '{sheet_name}' names its months without a year ({first} …); say the first "
            f"month of the plan with its year ({first} of which year)")


class ResourcePlanAdapter(Adapter):
    name = "resource_plan"
    label = "Resource or cost plan (one column per month)"

    def detect(self, workbook: Workbook) -> float:
        if not plan_sheets(workbook) and not relative_plan_sheets(workbook):
            return 0.0
        return 0.85 * (0.5 if workbook.sheet("Projects") else 1.0)

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        plans = []
        numbered = relative_plan_sheets(workbook)
        if numbered and context.first_month is None:
            raise LayoutMismatch(_first_month_question(workbook, numbered[0]), asks=frozenset({FIRST_MONTH}))
        if numbered:
            batch.notes.append(f"{', '.join(numbered)}: months counted from the plan's first month, "
                               f"{context.first_month:%B %Y} as given (months named without a year take its year, "
                               "and the next year after December)")
        for sheet, table, months, columns, label in plan_sheets(workbook, context.first_month):
            batch.rows_read += len(table.frame)
            batch.sheets_read.add(sheet.name)
            words = sheet_words(sheet, table, months, {columns["_rate"]} if "_rate" in columns else set())
            people, working_days = _rows_that_are_no_one(table, table.frame, label, months, batch)
            unit, why = plan_unit(words, pd.concat([normalize.number(people[m]) for m in months], ignore_index=True),
                                  bool(working_days))
            frame = self._without_totals(table, label, months, batch, sums=unit == "money")
            frame = frame[frame.index.isin(people.index)]
            batch.notes.append(f"{sheet.name}: amounts read as {unit} ({why})")
            plans.append((sheet, table, months, columns, frame, words, unit, working_days))
        has_money_sheet = any(plan[6] == "money" for plan in plans)
        for sheet, table, months, columns, frame, words, unit, working_days in plans:
            attributes = self._attributes(table, frame, columns, months, batch, workbook, context)
            if unit == "money":
                cost_type = next(kind for kind, pattern in COST_TYPES + [("forecast", ".")] if re.search(pattern, words))
                batch.add("costs", self._long(table, frame, months, attributes, batch, "amount", lambda s, c, p, m: normalize.number(s, c, p))
                          .assign(cost_type=cost_type).drop(columns=["resource_name", "team", "role"], errors="ignore"))
                batch.notes.append(f"{sheet.name}: money loaded as {cost_type} costs by project and month, not as hours")
                continue
            allocations = self._long(table, frame, months, attributes, batch, "planned_hours", _to_hours(unit, working_days))
            batch.add("allocations", allocations.drop(columns=["_rate"], errors="ignore"))
            people = attributes.dropna(subset=["resource_name"]).drop_duplicates("resource_name")
            batch.add("resources", people.drop(columns=["project_id", "_rate"], errors="ignore"))
            if "_rate" in columns:
                self._rate_costs(table, columns, allocations, has_money_sheet, batch)
        return batch

    @staticmethod
    def _rate_costs(table: Table, columns: dict[str, str], allocations: pd.DataFrame, has_money_sheet: bool,
                    batch: Batch) -> None:
        """Planned cost = quantity × rate, by project and month (forecast), from a plan of hours
        or days with a rate beside them; a workbook with a cost sheet of its own keeps that one."""
        header = table.header_of(columns["_rate"])
        if has_money_sheet:
            batch.notes.append(f"{table.sheet_name}: '{header}' is a price; the costs are the workbook's cost sheet's, "
                               "not recomputed from it")
            return
        per_day = bool(PER_DAY.search(header))
        hours = allocations["planned_hours"].astype(float)
        quantity = hours / settings()["units"]["hours_per_day"] if per_day else hours
        amount = quantity * allocations["_rate"].astype(float)
        costs = allocations.assign(amount=amount, cost_type="forecast").dropna(subset=["amount"])
        costs = costs.groupby(["project_id", "month"], as_index=False, dropna=False).agg(
            amount=("amount", "sum"), _row=("_row", "min"), _sheet=("_sheet", "first"), cost_type=("cost_type", "first"))
        batch.add("costs", costs)
        batch.notes.append(f"{table.sheet_name}: hours kept as load; '{header}' is a price per "
                           f"{'day' if per_day else 'hour'}: planned cost = {'days' if per_day else 'hours'} × rate")

    @staticmethod
    def _without_totals(table: Table, label: str, months: dict, batch: Batch, sums: bool) -> pd.DataFrame:
        """The rows without totals: labelled so ('Total', 'Cumulative cost'), or, in money, the last row
        whose amounts are the sums of the rows above (steps.sum_rows), whatever its label."""
        named = table.frame[label].map(is_total_label).astype(bool)
        summed = pd.Series(False, index=table.frame.index)
        if sums:
            amounts = pd.DataFrame({m: normalize.number(table.frame[m]) for m in months}, index=table.frame.index)
            summed = steps.sum_rows(amounts[~named]).reindex(table.frame.index, fill_value=False).astype(bool)
        for position in [i for i, flag in enumerate(named | summed) if flag]:
            why = "total row" if named.iloc[position] else "total row (its amounts are the sums of the rows above)"
            batch.rejected.append(Rejected("allocations", table.sheet_name, table.row_number(position), why))
        return table.frame[~(named | summed)]

    @staticmethod
    def _attributes(table: Table, frame: pd.DataFrame, columns: dict[str, str], months, batch: Batch,
                    workbook: Workbook, context: ImportContext) -> pd.DataFrame:
        attributes = pd.DataFrame(index=frame.index)
        for name in ("resource_name", "team", "role", "project_id"):
            if name in columns and not (name == "role" and columns[name] == columns["resource_name"]):
                attributes[name] = normalize.text(frame[columns[name]])
        if "_rate" in columns:
            attributes["_rate"] = normalize.money(frame[columns["_rate"]], f"{table.sheet_name}: {table.header_of(columns['_rate'])}",
                                                  batch.problems)
        attributes["_row"] = [int(i) + 1 for i in frame.index]
        attributes["_sheet"] = table.sheet_name
        project_column = attributes.pop("project_id") if "project_id" in attributes else None
        attributes["project_id"] = identity.assign_project(attributes, workbook, context, batch, project_column)
        used = set(columns.values()) | set(months)
        attributes["extra"] = extra_json(frame, [c for c in frame.columns if c not in used], table)
        return attributes

    @staticmethod
    def _long(table: Table, frame: pd.DataFrame, months, attributes: pd.DataFrame, batch: Batch, amount: str, parse) -> pd.DataFrame:
        pieces = []
        for label, month in months.items():
            values = parse(frame[label], f"{table.sheet_name}: {table.header_of(label)}", batch.problems, month)
            piece = attributes.assign(month=month, **{amount: values})
            pieces.append(piece[piece[amount].fillna(0) != 0])
        return pd.concat(pieces, ignore_index=True)


ADAPTER = ResourcePlanAdapter()
