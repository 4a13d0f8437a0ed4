"""Readers shared by every source adapter: a file becomes a Workbook of raw Sheets.

A Sheet is the grid of cells as the file holds them (no type guessing beyond what the
file format itself says), and `Sheet.table()` finds the header row and returns the
rows under it. Adapters never open files themselves.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import charset_normalizer
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import python_calamine
from rapidfuzz import fuzz

from pmo_data import archives, json_boards
from pmo_data.columns import ARROW_TEXT, TEXT, distinct, take, text_column
from pmo_data.vocabulary import header_key, known_header_keys, spelling_key

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and every password-protected Office file
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
CSV_DELIMITERS = ",;\t|"
HEADER_SEARCH_ROWS = 30
TYPO_MIN_LENGTH = 7  # header keys this long or longer may match one a typo away
TYPO_SIMILARITY = 90  # rapidfuzz ratio: 'asignee' ~ 'assignee' (93), 'startdate' !~ 'enddate' (75)
# Excel's and LibreOffice's widest sheet: no tracker export or PMO workbook is wider, and a wider
# file (a generated or hostile one) would cost minutes of per-column work before being refused.
MAX_COLUMNS = 16_384
WIDTH_SAMPLE_ROWS = 20  # the rows whose width decides how the CSV is parsed


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet; the message is one line for the user."""


# a currency written after a header: 'Budget (EUR)', 'Cost [€]' name the same column as 'Budget (USD)'
_CURRENCY_NOTE = re.compile(r"\s*[(\[]\s*(?:[A-Z]{3}|[$€£¥₹₽₫])\s*[)\]]\s*$")


def one_typo_apart(key: str, other: str) -> bool:
    """Whether two header keys differ by a typo ('eintrittswarscheinlichkeit' for '…wahrscheinlichkeit',
    'asignee'): long enough, the same first letter and length within one, rapidfuzz's ratio at least
    TYPO_SIMILARITY. Short keys never: 'Start' and 'State' are different columns."""
    return (key != other and len(key) >= TYPO_MIN_LENGTH and len(other) >= TYPO_MIN_LENGTH and key[0] == other[0]
            and abs(len(key) - len(other)) <= 1 and fuzz.ratio(key, other) >= TYPO_SIMILARITY)


@dataclass
class Table:
    """The rows under a header row. Column labels are unique; `headers` keeps the raw names."""

    sheet_name: str
    headers: list[str]
    header_row: int  # 1-based row number of the header in the file
    frame: pd.DataFrame

    def labels_for(self, header: str) -> list[str]:
        """Every column label whose header is `header`: repeated headers give several. Headers
        compare as written (case aside), else by their key (`Outline_Level` = `Outline Level`,
        `Número` = `numero`, `Resources` = `Resource`), else as a column's own label or letter,
        else as the one header a typo away (`Asignee`)."""
        wanted = header.strip().casefold()
        found = [label for label, raw in zip(self.frame.columns, self.headers) if raw.strip().casefold() == wanted]
        if not found and (key := spelling_key(header)):
            found = [label for label, own in zip(self.frame.columns, self.spelling_keys) if own == key]
        if not found and (key := spelling_key(_CURRENCY_NOTE.sub("", header))):  # 'Budget (EUR)' for 'Budget (USD)'
            found = [label for label, own in zip(self.frame.columns, self.headers)
                     if spelling_key(_CURRENCY_NOTE.sub("", own)) == key]
        if not found and header in self.frame.columns:  # a column's own label: 'Start [2]', 'Column 1'
            found = [header]
        position = column_position(header)
        if not found and position is not None and position < len(self.frame.columns):
            found = [self.frame.columns[position]]
        if not found:
            found = self._one_typo_away(spelling_key(header))
        return found

    @cached_property
    def header_keys(self) -> list[str]:
        return [header_key(h) for h in self.headers]

    @cached_property
    def spelling_keys(self) -> list[str]:
        return [spelling_key(h) for h in self.headers]

    def _one_typo_away(self, key: str) -> list[str]:
        """The column whose header key is nearly `key` (rapidfuzz's ratio ≥ TYPO_SIMILARITY), when
        exactly one is; short keys never, as 'Start' and 'State' are different columns."""
        if len(key) < TYPO_MIN_LENGTH:
            return []
        close = [label for label, own in zip(self.frame.columns, self.spelling_keys) if one_typo_apart(key, own)]
        return close if len(close) == 1 else []

    def header_of(self, label: str) -> str:
        """The raw header of a column label ('Sprint [2]' -> 'Sprint')."""
        return self.headers[list(self.frame.columns).index(label)] or label

    def row_number(self, position: int) -> int:
        """The 1-based row number in the file of the data row at `position`."""
        return int(self.frame.index[position]) + 1

    @property
    def header_set(self) -> set[str]:
        return {h.strip().casefold() for h in self.headers if h}

    @property
    def header_key_set(self) -> set[str]:
        return {k for k in self.header_keys if k}


COLUMN_REFERENCE = re.compile(r"^column\s+(?:([a-z]{1,3})|(\d+))$", re.IGNORECASE)


def column_position(reference: str) -> int | None:
    """0-based position of 'column C' or 'Column 3' (how a mapping names a column with no header)."""
    match = COLUMN_REFERENCE.match(reference.strip())
    if not match:
        return None
    if match.group(2):
        return int(match.group(2)) - 1
    position = 0
    for letter in match.group(1).upper():
        position = position * 26 + ord(letter) - ord("A") + 1
    return position - 1


@dataclass
class Sheet:
    """One sheet's cells as the file holds them: a spreadsheet's as the rows calamine reads, a
    CSV's as Arrow text columns (empty cells null), so that a 100,000-row export never becomes
    millions of Python objects. Adapters read it through `table()`, `head()` and `grid`, where
    text is trimmed and empty cells are None."""

    name: str
    rows: list[list[Any]] | None = None  # as read: text untrimmed, empty cells ''
    columns: pa.Table | None = None
    path: Path | None = None
    _table: Table | None = field(default=None, repr=False)

    def head(self, count: int) -> list[list[Any]]:
        """The first `count` rows as lists of cells (the layout above a table: titles, metadata)."""
        if self.columns is None:
            return [_clean_row(row) for row in self.rows[:count]]
        return _rows_of(self.columns.slice(0, count))

    @cached_property
    def grid(self) -> list[list[Any]]:
        """Every row as a list of cells, for layouts read cell by cell (monday.com groups)."""
        return [_clean_row(row) for row in self.rows] if self.columns is None else _rows_of(self.columns)

    @cached_property
    def has_data(self) -> bool:
        if self.columns is None:
            return any(_non_empty(_clean_row(row)) for row in self.rows)
        return any(column.null_count < len(column) for column in self.columns.columns)

    @property
    def row_count(self) -> int:
        return len(self.rows) if self.columns is None else self.columns.num_rows

    def table(self, header_row: int | None = None) -> Table:
        """The table under `header_row` (1-based), or under the detected header row."""
        if header_row is None and self._table is not None:
            return self._table
        top = self.head(HEADER_SEARCH_ROWS + 10)
        index = detect_header_row(top) if header_row is None else header_row - 1
        if header_row is None and index + 1 < len(top) and _is_lower_header(top[index + 1]) \
                and _is_group_row(top[index], top[index + 1]):
            index += 1  # the row found is the upper half of a two-row header (Probability over VL … VH)
        headers = None
        if 0 < index < len(top) and _is_group_row(top[index - 1], top[index]):
            headers = combined_headers(top[index - 1], top[index])
        if self.columns is None:
            table = _table_from_rows(self.name, self.rows, index, headers)
        else:
            table = _table_from_columns(self.name, self.columns, index, headers)
        if header_row is None:
            self._table = table
        return table

    @cached_property
    def outline_levels(self) -> list[int]:
        """Excel row outline level of every grid row (0 where none): Smartsheet's only hierarchy."""
        if self.path is None or self.path.suffix.lower() not in {".xlsx", ".xlsm"}:
            return [0] * self.row_count
        import openpyxl  # only formatting needs openpyxl; values come from calamine

        book = openpyxl.load_workbook(self.path, read_only=False, data_only=True)
        dims = book[self.name].row_dimensions
        return [int(dims[r + 1].outline_level or 0) if (r + 1) in dims else 0 for r in range(self.row_count)]


def _rows_of(columns: pa.Table) -> list[list[Any]]:
    return [list(row.values()) for row in columns.to_pylist()]


@dataclass
class Workbook:
    path: Path
    kind: str  # "csv" or "spreadsheet"
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None
    decimal_comma_stated: bool = False  # the file says its numbers use a decimal comma (an HTML export's style)

    @property
    def decimal_comma(self) -> bool:
        """Whether '1.234' means one thousand two hundred and thirty-four in this file: a
        ;-separated CSV comes from a decimal-comma locale, and some exports say so."""
        return self.delimiter == ";" or self.decimal_comma_stated

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def data_sheets(self) -> list[Sheet]:
        """The sheets holding any value, in the file's order (what every reader of a workbook looks at);
        not an earlier copy kept beside its sheet ('Tasks (old)', 'Plan - Copy', 'Risks alt' beside 'Risks')."""
        names = {sheet.name.strip().casefold() for sheet in self.sheets}
        return [sheet for sheet in self.sheets if sheet.has_data and not _is_an_old_copy(sheet.name, names)]

    @property
    def first_data_sheet(self) -> Sheet:
        """The sheet of a one-table export: the first with data (a CSV's only sheet)."""
        return next(iter(self.data_sheets), self.sheets[0])

    def sheet(self, name: str) -> Sheet | None:
        """The sheet called `name`, compared case-insensitively."""
        wanted = name.casefold()
        return next((s for s in self.sheets if s.name.casefold() == wanted), None)


_OLD_COPY = re.compile(r"^(?P<base>.+?)(?:[\s_\-]*[\(\[]?\s*(?:old|alt|gammal|gammel|oud|vieux|ancien|viejo|vecchio|"
                       r"backup|copy|kopie|kopia|copia|archive|archiv)\s*[\)\]]?|\s*\(\d\))$", re.IGNORECASE)


def _is_an_old_copy(name: str, names: set[str]) -> bool:
    """A sheet named as another sheet of the workbook plus a word saying it is an old copy."""
    match = _OLD_COPY.match(name.strip())
    return bool(match) and match.group("base").strip().casefold() in names - {name.strip().casefold()}


def read_workbook(path: str | Path) -> Workbook:
    """Reads a CSV or a spreadsheet file; raises UnreadableFile with a one-line reason."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"{path.name}: no such file")
    if path.stat().st_size == 0:
        raise UnreadableFile(f"{path.name}: the file is empty")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return _read_spreadsheet(path)
    if suffix in TEXT_SUFFIXES:
        return _read_csv(path)
    if suffix == ".json":
        return _read_board_json(path)
    raise UnreadableFile(f"{path.name}: unsupported file type '{suffix}' (use .xlsx, .xlsm, .xls, .ods, .csv, "
                         "or a Trello board's .json)")


def _read_board_json(path: Path) -> Workbook:
    """A board exported as JSON (Trello's), as one sheet of its cards."""
    try:
        rows = json_boards.board_rows(path)
    except json_boards.NotABoard as reason:
        raise UnreadableFile(f"{path.name}: cannot read this JSON file: {reason}") from None
    return Workbook(path, "spreadsheet", [Sheet("cards", rows=rows, path=path)])


# -- spreadsheets ----------------------------------------------------------------------


def _check_package(path: Path) -> None:
    """Refuses what would only waste the server's time and memory, with the reason."""
    with path.open("rb") as f:
        head = f.read(8)
    if head == OLE2_MAGIC and path.suffix.lower() in {".xlsx", ".xlsm", ".xlsb"}:
        raise UnreadableFile(f"{path.name}: the workbook is password-protected (or an old .xls renamed): "
                             "remove the password, or save it again as .xlsx")
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xlsb", ".ods"}:
        try:
            archives.check_package(path, archives.WORKBOOK, path.name)
        except archives.PackageRefused as refused:
            raise UnreadableFile(str(refused)) from None


def _is_html(path: Path) -> bool:
    """A web page saved with a spreadsheet's name: Jira Server's 'Excel' export and many other
    tools' write an HTML table into a .xls file."""
    with path.open("rb") as f:
        head = f.read(2048).lstrip(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith(b"<table") or (head.startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in head)


HTML_DECIMAL_COMMA = re.compile(rb'mso-displayed-decimal-separator:\s*"\\?,"')


def _read_html_tables(path: Path) -> Workbook:
    """Each table of an HTML 'spreadsheet' as a sheet of text cells, the largest first (the title
    and footer tables of an export are small); a cell spanning columns is followed by empty ones."""
    import lxml.html

    data = path.read_bytes()
    try:
        document = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError) as error:
        raise UnreadableFile(f"{path.name}: cannot read the web page saved as a workbook ({error})") from None
    sheets = []
    for number, table in enumerate(document.xpath("//table"), start=1):
        rows = []
        for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            row = []
            for cell in tr.xpath("./td|./th"):
                row.append(" ".join(cell.text_content().split()))
                span = int(cell.get("colspan", "1")) if cell.get("colspan", "1").isdigit() else 1
                _refuse_wide(path, len(row) + span - 1)  # a hostile colspan is refused before it takes memory
                row += [""] * (span - 1)
            rows.append(row)
        _refuse_wide(path, max((len(r) for r in rows), default=0))
        if len(rows) >= 2:
            sheets.append(Sheet(f"table {number}", rows=rows, path=path))
    sheets.sort(key=lambda sheet: len(sheet.rows), reverse=True)
    if not any(sheet.has_data for sheet in sheets):
        raise UnreadableFile(f"{path.name}: the web page saved as a workbook holds no table")
    return Workbook(path, "spreadsheet", sheets, decimal_comma_stated=bool(HTML_DECIMAL_COMMA.search(data[:20000])))


def _read_spreadsheet(path: Path) -> Workbook:
    if path.suffix.lower() == ".xls" and _is_html(path):
        return _read_html_tables(path)
    _check_package(path)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            _refuse_wide(path, max((len(row) for row in rows), default=0))
            sheets.append(Sheet(name, rows=rows, path=path))
    except UnreadableFile:
        raise
    except Exception as error:  # calamine raises several error types for damaged files
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UnreadableFile(f"{path.name}: cannot read the workbook ({reason})") from None
    if not any(sheet.has_data for sheet in sheets):
        raise UnreadableFile(f"{path.name}: the workbook has no data")
    return Workbook(path, "spreadsheet", sheets)


def _clean_row(row: list[Any]) -> list[Any]:
    return [_empty_to_none(v) for v in row]


def _clean_column(values: tuple[Any, ...]) -> pd.Series:
    """A column of cells as read, text trimmed and empty text missing. A column of text only
    becomes a text column over Arrow (as a CSV's); others are cleaned once per distinct value."""
    cells = pd.Series(values, dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=True) == "string":
        trimmed = pc.utf8_trim_whitespace(pa.array(cells, type=ARROW_TEXT))
        return text_column(pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, ARROW_TEXT), trimmed))
    codes, distinct_values = distinct(cells)
    return pd.Series(take([_empty_to_none(v) for v in distinct_values], codes), dtype=object)


def _empty_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _non_empty(row: list[Any]) -> int:
    return sum(v is not None for v in row)


# -- CSV -------------------------------------------------------------------------------

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


# Encodings a CSV saved by Excel on a Japanese, Chinese, Korean, Cyrillic, Greek, Hebrew, Arabic, Thai or
# Vietnamese Windows is written in: taken when charset-normalizer finds one (a Western file stays Windows-1252)
NOT_WESTERN = {"shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "euc_kr",
               "cp949", "johab", "cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic", "cp1253",
               "iso8859_7", "cp1255", "iso8859_8", "cp1256", "iso8859_6", "cp874", "tis_620", "cp1258"}
ENCODING_SAMPLE_BYTES = 256 * 1024


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16, a non-Western code page charset-normalizer recognises
    (Shift_JIS, GBK, Windows-1251 …), else Windows-1252, the encoding of Excel's 'CSV' on Windows."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data[:ENCODING_SAMPLE_BYTES]).best()
    if guess is not None and guess.encoding in NOT_WESTERN:
        try:
            data.decode(guess.encoding)
            return guess.encoding
        except UnicodeDecodeError:
            pass
    return "cp1252"


SNIFF_ROWS = 20


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab | that splits the first rows most consistently, quotes respected:
    the header split in more than one column, then the share of rows as wide as the header, then
    the header's width. (The standard library's Sniffer counts characters: a Jira export whose
    descriptions hold Markdown tables was split on '|'.)"""
    sample = text[:65536]
    cut = len(text) > len(sample)  # the sample's last row may be cut short: it does not vote
    best: tuple[tuple, str] | None = None
    for delimiter in CSV_DELIMITERS:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), SNIFF_ROWS + 1))
        except csv.Error:
            continue
        if cut and len(rows) > SNIFF_ROWS:
            rows = rows[:SNIFF_ROWS]
        elif cut:
            rows = rows[:-1]
        widths = [len(row) for row in rows if any(cell.strip() for cell in row)]
        if not widths:
            continue
        header = widths[0]
        score = (header > 1, sum(width == header for width in widths) / len(widths), header)
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best else ","


def csv_width(body: bytes, delimiter: str) -> int:
    """The widest of the first rows, each read whole: a 64 KB sample would cut a wide header
    short, and the file would then go the slow way (every cell a Python object)."""
    lines = io.TextIOWrapper(io.BytesIO(body), encoding="utf-8", errors="ignore", newline="")
    rows = itertools.islice(csv.reader(lines, delimiter=delimiter), WIDTH_SAMPLE_ROWS)
    return max((len(row) for row in rows), default=0)


def _refuse_wide(path: Path, width: int) -> None:
    if width > MAX_COLUMNS:
        raise UnreadableFile(f"{path.name}: {width:,} columns, more than the {MAX_COLUMNS:,} a spreadsheet can hold; "
                             "not a table export")


def _csv_columns(body: bytes, width: int, delimiter: str) -> pa.Table:
    """Arrow's multi-threaded CSV parser for well-formed files (every row as wide as the widest of
    the first rows): every cell read as text, empty cells null, no header interpreted yet."""
    names = [f"c{i}" for i in range(width)]
    return pa_csv.read_csv(
        pa.py_buffer(body),
        read_options=pa_csv.ReadOptions(column_names=names),
        parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, ARROW_TEXT), strings_can_be_null=True,
                                              null_values=[""], quoted_strings_can_be_null=True),
    )


def _utf8_body(data: bytes, encoding: str) -> tuple[bytes, str]:
    """The file's text as UTF-8 bytes without a BOM (a UTF-8 file is used as it is), and the encoding read."""
    if encoding in {"utf-8", "utf-8-sig"}:
        return (data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data), encoding
    try:
        return data.decode(encoding).encode("utf-8"), encoding
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").encode("utf-8"), "cp1252"


def _read_csv(path: Path) -> Workbook:
    data = path.read_bytes()
    encoding = detect_encoding(data)
    if "utf-16" not in encoding and b"\x00" in data[:65536]:
        raise UnreadableFile(f"{path.name}: not a text file (binary content in a .csv)")
    body, encoding = _utf8_body(data, encoding)
    del data  # a large export is held once
    if not body or body.isspace():
        raise UnreadableFile(f"{path.name}: the file is empty")
    head = body[:65536].decode("utf-8", errors="ignore")
    delimiter = sniff_delimiter(head)
    try:
        width = csv_width(body, delimiter)
        _refuse_wide(path, width)
        sheet = Sheet(path.stem, columns=_csv_columns(body, width, delimiter), path=path)
    except (pa.ArrowInvalid, csv.Error):  # ragged rows, odd quoting, huge lines: the careful reader says what is wrong
        try:
            text = body.decode("utf-8")
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            raise UnreadableFile(f"{path.name}: malformed CSV ({error})") from None
        _refuse_wide(path, max((len(row) for row in rows), default=0))
        sheet = Sheet(path.stem, rows=rows, path=path)
    return Workbook(path, "csv", [sheet], encoding=encoding, delimiter=delimiter)


# -- header rows -----------------------------------------------------------------------


MAX_HEADER_TEXT = 60  # a longer cell is a note or an instruction, not a column name


def _cell_kind(value: Any) -> str:
    """'known' (a header some field is known by), 'word', 'date', 'number', 'long' or 'empty'."""
    if value is None:
        return "empty"
    if hasattr(value, "year"):
        return "date"
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return "number"
    text = str(value)
    try:
        float(text.replace(",", ""))
        return "number"
    except ValueError:
        pass
    if len(text) > MAX_HEADER_TEXT or "\n" in text:
        return "long"
    return "known" if header_key(text) in known_header_keys() else "word"


# How much each kind of cell says "this row is the header": a known column name most, a date a
# little (month columns of a plan, but also a Gantt chart's daily ruler), numbers and notes against.
HEADER_CELL_WEIGHTS = {"known": 3.0, "word": 1.0, "date": 0.2, "number": -2.0, "long": -1.0, "empty": 0.0}


def header_score(row: list[Any]) -> float:
    """How much a row looks like a table's header row (see HEADER_CELL_WEIGHTS). A word written
    again counts once: a header names each column, a Gantt ruler repeats M T W T F every week."""
    kinds = [_cell_kind(v) for v in row]
    filled = len(kinds) - kinds.count("empty")
    if filled < 2:
        return 0.0
    seen: set[str] = set()
    score = 0.0
    for value, kind in zip(row, kinds):
        if kind == "word":
            text = str(value).strip().casefold()
            if text in seen:
                continue
            seen.add(text)
        score += HEADER_CELL_WEIGHTS[kind]
    return score


def detect_header_row(grid: list[list[Any]]) -> int:
    """0-based index of the header row: the best-scoring row near the top (header_score), the
    first of equals. Titles, notes, instruction links, metadata pairs (`Plan name | X`) and a
    Gantt chart's date ruler above a header all score below it. Falls back to the first
    non-empty row."""
    best, best_score = None, 0.0
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        score = header_score(row)
        if score > best_score:
            best, best_score = index, score
    if best is not None:
        return best
    return next((i for i, row in enumerate(grid) if _non_empty(row)), 0)


def _is_group_row(row: list[Any], header: list[Any]) -> bool:
    """A row of group titles above a header (`Dates` over `Start | End`): short words only,
    fewer of them than the header has, at least one over a gap of its own."""
    kinds = [_cell_kind(v) for v in row]
    words = [k for k in kinds if k != "empty"]
    header_filled = sum(v is not None for v in header)
    if len(words) < 1 or any(k not in {"word", "known"} for k in words) or len(words) >= header_filled:
        return False
    over_names = [i for i, v in enumerate(row) if v is not None and i < len(header) and header[i] is not None]
    over_gaps = [i for i, v in enumerate(row) if v is not None and (i >= len(header) or header[i] is None)]
    if not any(v is None for v in row[: len(header)]):
        return False
    if not over_gaps:
        return True  # group titles over the header's own cells (Dates | Start, End)
    # a title merged down over two rows ('Description' above an empty cell) beside group titles over a
    # repeated scale (Probability | VL L M H VH, Consequences | VL L M H VH); a metadata pair
    # ('Plan name | X') has neither
    names = [header_text(v).casefold() for v in header if v is not None]
    return len(words) >= 3 and len(over_names) >= 1 and len(names) != len(set(names))


def _is_lower_header(row: list[Any]) -> bool:
    """A row that can be the lower half of a header: short words only, a run of them written again
    (a scale once per group: VL L M H VH | VL L M H VH), never a data row's numbers, dates or text,
    nor a row of words where one repeats ('Design | Ann | Ann | Open')."""
    cells = [v for v in row if v is not None]
    if len(cells) < 4 or any(_cell_kind(v) not in {"word", "known"} for v in cells):
        return False
    names = [header_text(v).casefold() for v in cells]
    pairs = list(zip(names, names[1:]))
    return any(pairs[i] in pairs[i + 2:] for i in range(len(pairs)))  # a run of names written again: VL L … VL L


def combined_headers(group: list[Any], header: list[Any]) -> list[str]:
    """One header per column from two header rows: a group title spans the columns to its right
    until the next one; a column keeps its own name, prefixed by the group when the name repeats."""
    names = [header_text(v) for v in header]
    groups, current = [], ""
    for position in range(len(names)):
        value = group[position] if position < len(group) else None
        current = header_text(value) if value is not None else current
        groups.append(current)
    repeated = {n.casefold() for n in names if n and sum(m.casefold() == n.casefold() for m in names) > 1}
    return [(f"{g} {n}".strip() if n.casefold() in repeated and g else n) or g for g, n in zip(groups, names)]


def unique_labels(headers: list[str]) -> list[str]:
    """Column labels for headers that may repeat or be blank: 'Sprint', 'Sprint [2]', 'Column 7'."""
    seen: dict[str, int] = {}
    labels = []
    for position, header in enumerate(headers, start=1):
        base = header or f"Column {position}"
        key = base.casefold()
        seen[key] = seen.get(key, 0) + 1
        labels.append(base if seen[key] == 1 else f"{base} [{seen[key]}]")
    return labels


def header_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _table_from_rows(sheet_name: str, rows: list[list[Any]], header_index: int, names: list[str] | None = None) -> Table:
    """The rows under the header row as a frame, built column by column: text columns over Arrow,
    other columns as objects (numbers, dates and text as the file typed them); rows with no value
    at all are left out."""
    width = max((len(row) for row in rows), default=0)
    header_cells = _clean_row(rows[header_index]) if header_index < len(rows) else []
    headers = (names or [header_text(v) for v in header_cells]) + [""] * (width - len(names or header_cells))
    body = rows[header_index + 1 :]
    columns = [_clean_column(values) for values in itertools.zip_longest(*body)]
    columns += [pd.Series([None] * len(body), dtype=object)] * (width - len(columns))
    # trailing columns with neither a header nor any value are layout, not data
    while headers and not headers[-1] and columns[len(headers) - 1].isna().all():
        headers.pop()
    columns = columns[: len(headers)]
    present = np.zeros(len(body), dtype=bool)
    for column in columns:
        present |= column.notna().to_numpy()
    frame = pd.DataFrame(dict(zip(unique_labels(headers), columns)), index=pd.RangeIndex(len(body)))
    frame.index = np.arange(header_index + 1, header_index + 1 + len(body))
    if not present.all():
        frame = frame[present]
    return Table(sheet_name, headers, header_index + 1, frame)


def _as_text_dtype(arrow_type: pa.DataType):
    """Arrow's text columns as pandas text columns over the same memory (columns.TEXT)."""
    return TEXT if arrow_type == ARROW_TEXT else None


def _table_from_columns(sheet_name: str, columns: pa.Table, header_index: int, names: list[str] | None = None) -> Table:
    """The same Table as `_table_from_grid`, built over the Arrow columns without copying them:
    its frame's columns are pandas text columns (missing cells NaN)."""
    header_cells = _rows_of(columns.slice(header_index, 1))[0] if header_index < columns.num_rows else []
    headers = names or [header_text(v) for v in header_cells]
    headers += [""] * (columns.num_columns - len(headers))
    body = columns.slice(header_index + 1)
    while headers and not headers[-1] and body.column(len(headers) - 1).null_count == body.num_rows:
        headers.pop()
    body = body.select(range(len(headers)))
    present = None
    for column in body.columns:
        present = pc.is_valid(column) if present is None else pc.or_(present, pc.is_valid(column))
    positions = np.arange(header_index + 1, header_index + 1 + body.num_rows)
    # one conversion of the whole table: a frame built from a dict of Series aligns every column's
    # index with the others, which costs seconds on a file of thousands of columns
    frame = body.to_pandas(types_mapper=_as_text_dtype)
    frame.columns = unique_labels(headers)
    frame.index = positions
    if present is not None and not pc.all(present).as_py():
        frame = frame[np.asarray(present)]
    return Table(sheet_name, headers, header_index + 1, frame)
