"""Tables for Excel and CSV: formatted workbooks, and cells that can never run as formulas.

A cell whose text starts with = + - @, a tab or a carriage return is a formula to Excel and
LibreOffice (CSV / formula injection): a project named `=HYPERLINK("http://x","y")` would run in
the sponsor's spreadsheet. In .xlsx such text is written as a string cell; in CSV it is prefixed
with an apostrophe (OWASP's advice), which spreadsheets display as text. Control characters a
spreadsheet cannot hold (ESC, NUL) are dropped (openpyxl refuses a whole workbook for one), and so
are direction overrides (pmo_data/text_safety.py). Headers and rounding: pmo_data/table_columns.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pmo_data.formatting import NumberFormat
from pmo_data.table_columns import for_export
from pmo_data.text_safety import FORMULA_PREFIXES, clean_text
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
# a header wraps onto two lines rather than widen its column past this many characters
HEADER_WIDTH_CAP = 24


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_safe(value):
    return "'" + value if is_formula_like(value) else value


def _cell_value(value):
    if isinstance(value, (list, tuple, np.ndarray)):  # lists (health reasons) from DuckDB
        value = "; ".join(map(str, value))
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime() if value.time() != dt.time() else value.date()
    return value.item() if isinstance(value, np.generic) else value


def _shown_length(value) -> int:
    """About how many characters a cell shows, for the column's width."""
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, (int, float)):
        return len(f"{value:,.0f}") + 3  # thousands separators, a currency sign or decimals
    if isinstance(value, (dt.date, dt.datetime)):
        return 11
    return len(str(value))


def to_xlsx(sheets: dict[str, pd.DataFrame], numbers: NumberFormat | None = None) -> bytes:
    """A workbook, one sheet per table (the sheet's name says which table): headers in words,
    rounded numbers with Excel formats (money in the reporting currency, dates as dates), a
    frozen styled header, auto-filter, column widths; text that looks like a formula stays text."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        table = for_export(frame, numbers or NumberFormat(), name)
        readable = table.frame
        sheet = book.create_sheet(name[:31])
        sheet.append([clean_text(str(c)) for c in readable.columns])
        for record in readable.itertuples(index=False):
            sheet.append([_cell_value(v) for v in record])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if is_formula_like(cell.value):
                    cell.data_type = "s"  # stored as text: Excel shows it, never evaluates it
        for index, header in enumerate(readable.columns, start=1):
            letter = get_column_letter(index)
            number_format = table.excel_formats.get(header)
            cells = [cell for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index)]
            for cell in cells:
                if number_format and cell.value is not None:
                    cell.number_format = number_format
            longest = max([min(len(str(header)), HEADER_WIDTH_CAP)] + [_shown_length(c.value) for c in cells[:500]])
            sheet.column_dimensions[letter].width = min(max(8, longest + 2), 60)
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, Alignment(vertical="center", wrap_text=True)
        sheet.freeze_panes = "A2"
        if frame.shape[1]:
            sheet.auto_filter.ref = f"A1:{get_column_letter(frame.shape[1])}{len(frame) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame, numbers: NumberFormat | None = None, table: str = "") -> bytes:
    """UTF-8 CSV (with a BOM, so Excel reads accents) with the Excel export's headers and rounded
    values, whose text cells cannot run as formulas."""
    safe = for_export(frame, numbers or NumberFormat(), table).frame
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(lambda v: csv_safe(_cell_value(v)))
    safe.columns = [clean_text(str(c)) for c in safe.columns]
    # every text cell quoted: Excel in a locale whose list separator is ';' splits an unquoted
    # "Plan;=1+2;" and runs its second part (issue 26, item 15); quoted, the cell stays one cell
    return safe.to_csv(index=False, date_format="%Y-%m-%d", quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")
