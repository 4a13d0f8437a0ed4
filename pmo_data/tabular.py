"""Tables for Excel and CSV: formatted workbooks, and cells that can never run as formulas.

A cell whose text starts with = + - @, a tab or a carriage return is a formula to Excel and
LibreOffice (CSV / formula injection): a project named `=HYPERLINK("http://x","y")` would run in
the sponsor's spreadsheet. In .xlsx such text is written as a string cell; in CSV it is prefixed
with an apostrophe (OWASP's advice), which spreadsheets display as text.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
NUMBER_FORMATS = {"float": "#,##0.00", "int": "#,##0", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm"}


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_safe(value):
    return "'" + value if is_formula_like(value) else value


def _cell_value(value):
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(map(str, value))
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime() if value.time() != dt.time() else value.date()
    if isinstance(value, (list, tuple, np.ndarray)):  # lists (health reasons) from DuckDB
        return "; ".join(map(str, value))
    return value.item() if isinstance(value, np.generic) else value


def _number_format(series: pd.Series) -> str | None:
    if pd.api.types.is_datetime64_any_dtype(series):
        return NUMBER_FORMATS["date"]
    if pd.api.types.is_integer_dtype(series):
        return NUMBER_FORMATS["int"]
    if pd.api.types.is_float_dtype(series):
        return NUMBER_FORMATS["float"]
    return None


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook, one formatted sheet per table: styled frozen header, auto-filter, number
    formats, column widths; text that looks like a formula stays text."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(name[:31])
        sheet.append([str(c) for c in frame.columns])
        for record in frame.itertuples(index=False):
            sheet.append([_cell_value(v) for v in record])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if is_formula_like(cell.value):
                    cell.data_type = "s"  # stored as text: Excel shows it, never evaluates it
        for index, column in enumerate(frame.columns, start=1):
            letter = get_column_letter(index)
            number_format = _number_format(frame[column])
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
            longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(500) if v is not None])
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, Alignment(vertical="center", wrap_text=True)
        sheet.freeze_panes = "A2"
        if frame.shape[1]:
            sheet.auto_filter.ref = f"A1:{get_column_letter(frame.shape[1])}{len(frame) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM, so Excel reads accents) whose text cells cannot run as formulas."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(lambda v: csv_safe(_cell_value(v)))
    return safe.to_csv(index=False).encode("utf-8-sig")
