"""The recogniser's table work shared by the generic adapters: which column holds which field
(by the vocabulary's synonyms), how well a sheet fits a kind of table, and which rows are a
template's placeholders rather than entries."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from pmo_data import normalize, vocabulary
from pmo_data.identity import is_placeholder
from pmo_data.readers import TYPO_MIN_LENGTH, TYPO_SIMILARITY, Table, one_typo_apart
from pmo_data.sources.base import Field, Normaliser


def match_columns(table: Table, kind: str, taken: set[str] | None = None) -> dict[str, str]:
    """field -> column label, for the fields of `kind` ('tasks', 'risks', 'plan') the table holds.
    Fields are matched in the vocabulary's order and synonyms in theirs; a column serves one
    field. Among several columns that could hold a name, the one with single-line values wins
    (a 'Task' column of bullet lists loses to 'Activities')."""
    used = set(taken or ())
    by_key: dict[str, list[str]] = {}
    by_head: dict[str, list[str]] = {}
    by_words: dict[str, list[str]] = {}
    by_first: dict[str, list[tuple[str, bool]]] = {}  # a header's first word → (label, whether the rest names a field)
    by_leading: dict[str, list[str]] = {}  # a header's first words, its last TRAILING_ADJECTIVES left off → labels
    for label, raw in zip(table.frame.columns, table.headers):
        words = str(raw or "").split()
        for cut in range(1, min(TRAILING_ADJECTIVES, len(words) - 1) + 1):  # 'Date de fin prévue' → 'Date de fin'
            by_leading.setdefault(vocabulary.header_key(" ".join(words[:-cut])), []).append(label)
        by_key.setdefault(vocabulary.header_key(raw), []).append(label)
        by_words.setdefault(vocabulary.word_order_key(raw), []).append(label)
        if head := _head_before_qualifier(raw):
            by_head.setdefault(head, []).append(label)
        elif noun := _noun_before_genitive(raw):
            by_first.setdefault(noun[0], []).append((label, noun[1]))
    found: dict[str, str] = {}
    key_field = ID_FIELDS.get(kind)
    first = table.frame.columns[0] if len(table.frame.columns) else None
    if key_field and first is not None and not table.headers[0] and first not in used and _looks_like_ids(table.frame[first]):
        found[key_field] = first  # an ID column whose header cell is blank (a serial number column)
        used.add(first)
    for exact in (True, False):  # every header named as a synonym first, then synonyms qualified ('Risk Owner')
        for name, words in vocabulary.fields(kind).items():
            if name in found:
                continue
            candidates = [label for key in words.keys for label in by_key.get(key, []) if label not in used] if exact \
                else _qualified(by_key, by_head, words.keys, used)
            if exact and not candidates:  # the same words in another order ('Raised Date' for 'Date Raised')
                candidates = [label for key in words.word_order_keys for label in by_words.get(key, [])
                              if label not in used]
            if not exact:  # the noun first, its qualifier after without a preposition ('Wpływ ryzyka'); when the
                # rest names a field of its own ('Startdato aktivitet', 'Project Manager') only a date, which the values prove
                candidates += [label for key in words.keys if len(key) >= QUALIFIED_MIN
                               for label, rest_named in by_first.get(key, [])
                               if label not in used and label not in candidates and (not rest_named or name in DATE_FIELDS)]
            if not exact and name in DATE_FIELDS:  # a date's synonym with an adjective after it, as the Romance
                # languages write it ('Date de début prévue', 'Fecha de inicio prevista'); the values must agree below
                candidates += [label for key in words.keys if " " in key or len(key) >= QUALIFIED_MIN
                               for label in by_leading.get(key, []) if label not in used and label not in candidates]
            if not exact and name in TEXT_FIELDS:  # a name is no column of dates ('Startdato aktivitet' is a date)
                candidates = [label for label in candidates if not mostly_dates(table.frame[label], empty=False)]
            if not exact and name in DATE_FIELDS:  # a qualified header is weaker evidence: the values must agree
                candidates = [label for label in candidates if mostly_dates(table.frame[label])]
            if not exact and name in PROJECT_FIELDS:  # 'Änderung am Projekt' (a change to the project) names no project
                candidates = [label for label in candidates if _few_values(table.frame[label])]
            if not candidates:
                continue
            if name in {"name", "title"} and len(candidates) > 1:  # the values decide: not one word on every row
                candidates.sort(key=lambda label: (_one_value(table.frame[label]), _multiline_share(table.frame[label])))
            if name == "status" and len(candidates) > 1 and kind in STATUS_VOCABULARY:  # the one holding status words
                words = set(vocabulary.status_words(STATUS_VOCABULARY[kind]))  # ('Schedule State', not 'Task Status: 0 Defined, 0 …')
                candidates.sort(key=lambda label: -share_of_words(table.frame[label].iloc[:STATUS_SAMPLE_ROWS].value_counts(), words))
            found[name] = candidates[0]
            used.add(candidates[0])
    # monday.com's timeline columns, in any language: '<name> - Start', '<name> - End'
    for name, pattern in TIMELINE_ENDS.items() if kind == "tasks" else ():
        if name not in found:
            ends = [label for label, raw in zip(table.frame.columns, table.headers)
                    if label not in used and pattern.search(str(raw or ""))]
            if ends:
                found[name] = ends[0]
                used.add(ends[0])
    for name, words in vocabulary.fields(kind).items():  # then a header a typo away from one synonym
        if name not in found:
            close = [label for label, own in zip(table.frame.columns, table.header_keys) if label not in used
                     and any(one_typo_apart(key, own) for key in words.keys)]
            if len(close) == 1:
                found[name] = close[0]
                used.add(close[0])
    if key_field and key_field not in found and first is not None and first not in used \
            and first not in found.values() and _coded_ids(table.frame[first]):
        found[key_field] = first  # 'Risco' over R1, R2 …: a first column of codes is the ID, whatever its header says
        used.add(first)
    dates = [name for name in vocabulary.fields(kind) if name in DATE_FIELDS | LOG_DATE_FIELDS]
    if len(dates) == 1 and dates[0] not in found:  # a log's one date: the one column of dates, whatever its header
        # says ('Zeit', a time, holding 27.08.2024 beside 'Dauer')
        columns = [label for label in table.frame.columns if label not in used and label not in found.values()
                   and mostly_dates(table.frame[label], empty=False)]
        if len(columns) == 1:
            found[dates[0]] = columns[0]
            used.add(columns[0])
    if kind == "tasks" and not {"status", "percent_complete", "_done"} & set(found):  # a column of ticked boxes
        ticks = [label for label in table.frame.columns if label not in used and label not in found.values()
                 and _ticked_boxes(table.frame[label])]
        if len(ticks) == 1:
            found["_done"] = ticks[0]
            used.add(ticks[0])
    if kind == "tasks" and "finish_date" in found and "start_date" not in found:  # the start beside a known finish
        start = _start_before(table, found["finish_date"], used | set(found.values()))
        if start is not None:
            found["start_date"] = start
            used.add(start)
    if kind == "tasks" and "percent_complete" not in found:  # the one '%' column of numbers 0-100 is the progress
        percents = [label for label, raw in zip(table.frame.columns, table.headers) if label not in used
                    and label not in found.values() and "%" in str(raw or "") and _percent_values(table.frame[label])]
        if len(percents) == 1:
            found["percent_complete"] = percents[0]
            used.add(percents[0])
    if "status" not in found and "percent_complete" in found and kind in STATUS_VOCABULARY and _holds_status_words(
            table.frame[found["percent_complete"]], set(vocabulary.status_words(STATUS_VOCABULARY[kind]))):
        found["status"] = found.pop("percent_complete")  # 'Progress' in words: 'Not started', 'Em andamento'
    if "status" not in found and kind in STATUS_VOCABULARY:
        by_values = status_column_by_values(table, STATUS_VOCABULARY[kind], used)
        if by_values is not None:
            found["status"] = by_values
    if kind == "risks":  # the values decide: a rating is a number ('Konsekvens' in words beside 'Konsekvens værdi')
        wordy = {name for name in ("probability", "impact") if name in found and _holds_sentences(table.frame[found[name]])}
        if wordy:  # the columns whose numbers multiply, whatever took the rating's header first
            ratings = {found[name] for name in ("probability", "impact", "score") if name in found}
            found.update(rating_product_columns(table, used - ratings))
        elif not {"probability", "impact"} <= set(found):
            for name, label in rating_product_columns(table, used | set(found.values())).items():
                found.setdefault(name, label)
    return found


SENTENCE_WORDS = 3
SENTENCES_NOT_RATING = 0.5  # a column where at least half the entries are sentences holds text, not a rating


def is_sentence(value: object) -> bool:
    """A phrase of three words or more ('Delay to go-live, penalties'), not a rating or a code."""
    return isinstance(value, str) and len(value.split()) >= SENTENCE_WORDS


def _holds_sentences(column: pd.Series) -> bool:
    """Whether most filled cells are sentences (a consequence written out)."""
    values = column.dropna().iloc[:STATUS_SAMPLE_ROWS]
    return len(values) > 0 and values.map(is_sentence).sum() >= SENTENCES_NOT_RATING * len(values)


RATING_MAX = 10  # a probability or impact rating is a small number (1-5, 1-10)
PRODUCT_SHARE = 0.8  # of the rows with all three filled on which score = probability × impact
PRODUCT_MIN_ROWS = 3
PRODUCT_SPAN = 5  # columns: a register writes probability, impact and their product side by side


def _is_rating(values: pd.Series) -> bool:
    """Whole points of a small scale (1..RATING_MAX), on a few rows, not all the same."""
    filled = values.dropna()
    return len(filled) >= PRODUCT_MIN_ROWS and filled.between(1, RATING_MAX).all() and (filled % 1 == 0).all() \
        and filled.nunique() > 1


PRODUCT_SAMPLE_ROWS = 200  # a register's first entries show its ratings; a 100,000-row export is not read whole


def _small_numbers(column: pd.Series) -> pd.Series:
    """The column's first rows as numbers ('3' and 3 alike), NaN where a cell is no number."""
    head = column.iloc[:PRODUCT_SAMPLE_ROWS]
    if head.dtype == object:
        head = head.map(lambda v: v.strip() if isinstance(v, str) else v)
    return pd.to_numeric(head, errors="coerce")


def rating_product_columns(table: Table, used: set[str]) -> dict[str, str]:
    """A risk register's probability, impact and score found by their values, in any language:
    two columns of small ratings whose product is a third column on most rows ('Sandsynlighed
    værdi' 3 × 'Konsekvens værdi' 4 = 'Risikoværdi' 12). The left one is the probability."""
    numbers = {label: _small_numbers(table.frame[label]) for label in table.frame.columns if label not in used}
    place = {label: position for position, label in enumerate(table.frame.columns)}
    ratings = [label for label, values in numbers.items() if _is_rating(values)]
    for position, first in enumerate(ratings):
        for second in ratings[position + 1:]:
            product = numbers[first] * numbers[second]
            for label, values in numbers.items():
                if label in (first, second) or max(abs(place[label] - place[first]), abs(place[label] - place[second])) > PRODUCT_SPAN:
                    continue
                both = product.notna() & values.notna()
                if both.sum() >= PRODUCT_MIN_ROWS and (product[both] == values[both]).mean() >= PRODUCT_SHARE:
                    return {"probability": first, "impact": second, "score": label}
    return _fmea_ratings(numbers, ratings, place)


# An FMEA writes severity, occurrence and detection in an order of its own: the severity's words
_SEVERITY = re.compile(r"sev|schwere|bedeutung|folge|gravit|graved|sever|impact|auswirkung", re.IGNORECASE)


def _fmea_ratings(numbers: dict[str, pd.Series], ratings: list[str], place: dict[str, int]) -> dict[str, str]:
    """An FMEA's occurrence, severity and detection, side by side, whose product is the risk
    priority number beside them ('A=Auftreten' 3 × 'F=Folgen' 4 × 'W=Entdeckung' 2 = 'RPZ' 24):
    occurrence is the probability, severity the impact (the first two, unless the first one's header
    names the severity: 'S', 'O', 'D' in the standard's order); the RPN is no probability × impact
    score, so it stays with the entry as written."""
    for position in range(len(ratings) - 2):
        first, second, third = ratings[position:position + 3]
        if place[third] - place[first] != 2:
            continue  # three columns side by side
        product = numbers[first] * numbers[second] * numbers[third]
        for label, values in numbers.items():
            if label in (first, second, third) or abs(place[label] - place[third]) > 1:
                continue
            both = product.notna() & values.notna()
            if both.sum() >= PRODUCT_MIN_ROWS and (product[both] == values[both]).mean() >= PRODUCT_SHARE:
                if _SEVERITY.search(str(first)) and not _SEVERITY.search(str(second)):
                    return {"probability": second, "impact": first}
                return {"probability": first, "impact": second}
    return {}


DESCRIPTION_MIN_LENGTH = 12  # characters, on average: a sentence, not a code or a rating word
DESCRIPTION_MIN_WORDS = SENTENCE_WORDS  # on average: a phrase ('Merging af koden fejler'), not a category ('Fattori tecnici')
DESCRIPTION_DISTINCT = 0.9


def description_by_values(table: Table, used: set[str]) -> str | None:
    """The first column not taken whose values read as descriptions: text on most entries,
    different on each, phrases of three words or more ('Fallas en los sensores de impacto'), whatever its header."""
    for label in table.frame.columns:
        if label in used:
            continue
        values = table.frame[label].dropna()
        texts = values[values.map(lambda v: isinstance(v, str) and bool(v.strip()))]
        if len(texts) < PRODUCT_MIN_ROWS or len(texts) < 0.8 * len(values):
            continue
        if texts.nunique() >= DESCRIPTION_DISTINCT * len(texts) and texts.str.len().mean() >= DESCRIPTION_MIN_LENGTH \
                and texts.str.split().str.len().mean() >= DESCRIPTION_MIN_WORDS:
            return label
    return None


DATE_PAIR_SHARE = 0.9  # of the rows with both dates where the second is on or after the first


def date_pair_by_values(table: Table, used: set[str]) -> dict[str, str]:
    """A start and a finish found by their values, whatever their headers say ('Starting Date',
    'Ngày bắt đầu'): the first two columns not taken, in the sheet's order, that hold dates, the
    second on or after the first on nine rows in ten. Empty when there is no such pair."""
    dated = _date_columns(table, used)
    return next(({"start_date": first, "finish_date": second} for first, second in zip(dated, dated[1:])
                 if _in_order(table, first, second)), {})  # the next column of dates only: a start beside its finish


def _ticked_boxes(column: pd.Series) -> bool:
    """A checklist's column of checkboxes: True or False in every filled cell, at least one ticked."""
    values = column.dropna().iloc[:STATUS_SAMPLE_ROWS]
    return len(values) >= PRODUCT_MIN_ROWS and values.map(lambda v: isinstance(v, bool)).all() and bool(values.any())


def _start_before(table: Table, finish: str, used: set[str]) -> str | None:
    """The column of dates that is each row's start where only the finish is named ('Nomor' holding
    29/05 beside 'Deadline' 02/06): on or before the finish on nine rows in ten, its header naming
    no other field."""
    return next((label for label in _date_columns(table, used | {finish})
                 if not _named_for_a_field(table, label) and _in_order(table, label, finish)), None)


def _date_columns(table: Table, used: set[str]) -> list[str]:
    """The columns not taken that hold dates, in the sheet's order (never numbers typed as numbers)."""
    return [label for label in table.frame.columns if label not in used and not _mostly_numbers(table.frame[label])
            and mostly_dates(table.frame[label], empty=False)]


def _in_order(table: Table, start: str, finish: str) -> bool:
    """Whether, on the rows giving both (of the first rows), `finish` is on or after `start` nine times in ten."""
    starts, finishes = (normalize.dates(table.frame[label].iloc[:STATUS_SAMPLE_ROWS]) for label in (start, finish))
    both = starts.notna() & finishes.notna()
    return both.sum() >= PRODUCT_MIN_ROWS and (finishes[both] >= starts[both]).mean() >= DATE_PAIR_SHARE


def _named_for_a_field(table: Table, label: str) -> bool:
    """Whether the column's header is one some field is known by ('Date' is a log's day, not a start)."""
    return vocabulary.header_key(table.header_of(label)) in vocabulary.known_header_keys()


def _percent_values(column: pd.Series) -> bool:
    """Numbers from 0 to 100 (or fractions), on most filled cells: how far each entry is."""
    values = column.dropna().iloc[:STATUS_SAMPLE_ROWS]
    if values.empty:
        return False
    numbers = pd.to_numeric(values.map(lambda v: str(v).strip().rstrip("%").replace(",", ".")), errors="coerce")
    return numbers.notna().mean() >= 0.8 and bool(numbers.dropna().between(0, 100).all())


def _mostly_numbers(column: pd.Series) -> bool:
    """Numbers typed as numbers ('1', '1.1', a serial number column): read as dates they would be days of 1900."""
    values = column.dropna().iloc[:STATUS_SAMPLE_ROWS]
    return len(values) > 0 and values.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).mean() > 0.5


# Where a header's language is missing from the vocabulary, the status column is found by its values
STATUS_VOCABULARY = {"tasks": "task", "risks": "raid"}
STATUS_SHARE = 0.6  # of a column's filled cells that are status words
STATUS_MAX_DISTINCT = 30  # a workflow has few states: a column of many different words is text
STATUS_SAMPLE_ROWS = 2_000


def status_column_by_values(table: Table, kind: str, used: set[str]) -> str | None:
    """The first column not taken whose values are mostly status words ('Open', 'Closed', 'En
    curso', 'Erledigt' …), whatever its header says."""
    words = set(vocabulary.status_words(kind))
    return next((label for label in table.frame.columns
                 if label not in used and _holds_status_words(table.frame[label], words)), None)


def _holds_status_words(column: pd.Series, words: set[str]) -> bool:
    counts = column.iloc[:STATUS_SAMPLE_ROWS].value_counts()  # distinct values, most common first
    return 0 < len(counts) <= STATUS_MAX_DISTINCT and share_of_words(counts, words) >= STATUS_SHARE


def share_of_words(counts: pd.Series, words: set[str]) -> float:
    """The share of a column's filled cells (its value counts) that are words of a vocabulary."""
    keys = {value: vocabulary.word_key(value) for value in counts.index if isinstance(value, str)}
    words = set(words) | set(vocabulary.near_words(words, keys.values()))
    known = sum(n for value, n in counts.items() if keys.get(value) in words)
    return known / counts.sum() if counts.sum() else 0.0


ID_FIELDS = {"tasks": "task_id", "risks": "risk_id"}
QUALIFIED_MIN = 5  # a synonym this long may be qualified by words before it ('Impediment Title', 'Risk Owner')


def _qualified(by_key: dict[str, list[str]], by_head: dict[str, list[str]], keys: tuple[str, ...],
               used: set[str]) -> list[str]:
    """Columns whose header is a synonym with a qualifier: before it, as English and German put it
    ('Impediment Status' is a status, 'Risk Owner' an owner), or after it with a preposition, as
    the Romance languages do ('Descripción del riesgo' is a description, 'Responsable de la acción'
    an owner, 'Probabilidade de ocorrência' a probability); when no column is named the synonym alone.
    A header qualified after its noun is not read by its last word ('Identificação da tarefa' is no name)."""
    romance = {label for labels in by_head.values() for label in labels}
    before = [label for key in keys if len(key) >= QUALIFIED_MIN
              for header, labels in by_key.items() if header != key and header.endswith(key)
              for label in labels if label not in used and label not in romance]
    after = [label for key in keys for label in by_head.get(key, []) if label not in used]
    return list(dict.fromkeys(before + after))


# The prepositions that join a noun to a qualifier after it: the Romance languages' ('de la', 'del', 'della',
# 'du', 'en', 'sur': 'Impacto en el proyecto', 'Impact sur le service' …), English's 'of' and 'for', and German's ('Änderung am Projekt', 'Name der Aufgabe', 'Kosten pro Monat')
_QUALIFIER_WORDS = {"de", "del", "da", "do", "das", "dos", "di", "dei", "degli", "della", "dello", "delle", "du", "des",
                    "d", "of", "for", "am", "im", "vom", "zum", "zur", "der", "für", "von", "pro", "nach", "en", "sur"}


def _noun_before_genitive(raw: str) -> tuple[str, bool] | None:
    """The header key of a header's first word, where the words after it may qualify it without a
    preposition, as Polish, Czech and the Nordic languages do ('Wpływ ryzyka' is an impact,
    'Prawdopodobieństwo wystąpienia' a probability, 'Startdato aktivitet' a start date), and
    whether those words name a field of their own ('Status Date', 'Project Manager'). None for a
    header of one word."""
    words = str(raw or "").split()
    if len(words) < 2:
        return None
    rest = vocabulary.header_key(" ".join(words[1:]))
    return vocabulary.header_key(words[0]), rest in vocabulary.known_header_keys() or _a_typo_of_a_known_header(rest)


def _a_typo_of_a_known_header(key: str) -> bool:
    """'cateogory': one typo from a header some field has ('Issue Cateogory' qualifies its noun in English)."""
    if len(key) < TYPO_MIN_LENGTH:
        return False
    close = process.extractOne(key, vocabulary.known_header_keys(), scorer=fuzz.ratio,
                                         score_cutoff=TYPO_SIMILARITY)
    return close is not None and one_typo_apart(key, close[0])


def _head_before_qualifier(raw: str) -> str:
    """The header key of the words before a header's first joining preposition ('Fecha de
    compromiso' → 'fecha'), or '' when it has none after its first word."""
    words = str(raw or "").replace("'", " ").replace("’", " ").split()
    for position, word in enumerate(words[1:], start=1):
        if word.casefold() in _QUALIFIER_WORDS:
            return vocabulary.header_key(" ".join(words[:position]))
    return ""


# monday.com writes a timeline column as two, '<column> - Start' and '<column> - End', whatever the language
TIMELINE_ENDS = {"start_date": re.compile(r"\S\s+-\s+start$", re.IGNORECASE),
                 "finish_date": re.compile(r"\S\s+-\s+end$", re.IGNORECASE)}
PROJECT_FIELDS = {"project_id", "_project"}
FEW_VALUES_SHARE = 0.2  # a project column repeats: its distinct values are at most a fifth of its rows (or 5)


def _few_values(column: pd.Series) -> bool:
    values = column.dropna().iloc[:STATUS_SAMPLE_ROWS]
    return values.astype(str).nunique() <= max(5, FEW_VALUES_SHARE * len(values))


DATE_FIELDS = {"start_date", "finish_date", "baseline_start", "baseline_finish", "raised_date", "due_date"}
LOG_DATE_FIELDS = {"work_date"}  # a timesheet's one date
TRAILING_ADJECTIVES = 1  # words after a date's name that qualify it ('prévue', 'prevista', 'planejada')
TEXT_FIELDS = {"name", "title", "status", "assignee", "owner", "category"}
DATE_SHARE = 0.5  # of a column's filled cells that read as dates


def mostly_dates(column: pd.Series, empty: bool = True, share: float = DATE_SHARE) -> bool:
    """Whether at least `share` of a column's filled cells (its first rows) read as dates; `empty`
    for a column with none (as evidence for a header: it proves nothing either way)."""
    values = column.dropna().iloc[:STATUS_SAMPLE_ROWS]
    if not len(values):
        return empty
    parsed = normalize.dates(values, "", normalize.Problems())
    return parsed.notna().sum() >= share * len(values)


CODED_ID = re.compile(r"^[^\W\d_]{0,6}[-_ .#]?\d{1,6}$")  # R1, RSK-001, T 12, #7, 42


def _coded_ids(column: pd.Series) -> bool:
    """A code on every filled row (of the first ones), each different ('R1', 'RSK-002'), on at least three rows."""
    values = column.dropna().iloc[:STATUS_SAMPLE_ROWS].map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip())
    return len(values) >= PRODUCT_MIN_ROWS and values.is_unique and bool(values.map(lambda v: bool(CODED_ID.match(v))).all())


def _looks_like_ids(column: pd.Series) -> bool:
    """Short, unique values on most rows: an entry's ID is on every entry (a few phase names in a
    column of their own are headings, not IDs)."""
    values = column.dropna()
    return (len(values) > 0 and len(values) >= len(column) / 2 and values.map(lambda v: len(str(v)) <= 12).all()
            and values.map(str).is_unique)


# How the generic task readers (schedules, boards) parse the task fields the vocabulary finds (text otherwise)
TASK_PARSERS = {"start_date": normalize.dates, "finish_date": normalize.dates, "baseline_start": normalize.dates,
                "baseline_finish": normalize.dates, "percent_complete": normalize.percent, "estimate_hours": normalize.hours,
                "actual_hours": normalize.hours, "_duration": normalize.hours, "_completed_date": normalize.dates,
                "_done": normalize.boolean}


def fields_for(columns: dict[str, str], parsers: dict[str, Normaliser]) -> dict[str, Field]:
    """Field rules for columns `match_columns` found, each named by its own label (so a repeated
    header takes the column that was matched, not the first of its name)."""
    return {name: Field(label, parse=parsers.get(name, normalize.text)) for name, label in columns.items()}


def _one_value(column: pd.Series) -> bool:
    """Whether a column says the same on every filled row ('Risk', 'Risk', 'Risk'): a label, not a name."""
    values = column.dropna()
    return len(values) > 1 and values.astype(str).nunique() == 1


def _multiline_share(column: pd.Series) -> float:
    values = column.dropna()
    return float(values.map(lambda v: isinstance(v, str) and "\n" in v).mean()) if len(values) else 1.0


def placeholder_rows(frame: pd.DataFrame, content: list[str]) -> pd.Series:
    """Rows with no entry in them: every content column empty or template text ('[Week title]')."""
    if not content:
        return pd.Series(False, index=frame.index)
    empty = np.ones(len(frame), dtype=bool)
    for column in content:
        values = frame[column]
        blank = values.isna().to_numpy(dtype=bool, copy=True)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            blank |= values.map(is_placeholder).to_numpy(dtype=bool)
        empty &= blank
    return pd.Series(empty, index=frame.index)
