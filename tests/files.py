"""Builders of fixture files in real layouts (tests make their own files; nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook with one sheet per entry, rows written as given (None = empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_grid_xlsx(path: Path, sheets: dict[str, tuple[dict[str, Any], list[str]]]) -> Path:
    """A workbook whose cells are placed by reference ('BF3'), with merged ranges (a 'graph paper'
    template such as the PMBOK registers, where one logical column spans several sheet columns)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (cells, merges) in sheets.items():
        sheet = book.create_sheet(name)
        for ref, value in cells.items():
            sheet[ref] = value
        for cell_range in merges:
            sheet.merge_cells(cell_range)
    book.save(path)
    return path


def query_rows(store, sql: str) -> list[list[Any]]:
    """A query's rows as lists, a missing value as None."""
    frame = store.query(sql)
    return frame.astype(object).where(frame.notna(), None).values.tolist()
