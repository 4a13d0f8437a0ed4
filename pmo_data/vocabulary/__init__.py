"""The importer's vocabulary, kept as data: field synonyms (`fields.toml`) and status words
(`status_words.toml`). The recogniser, the generic adapters, the import report, docs/sources.md and
the tests all read these tables; nothing else lists header names or status words for them."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

FOLDER = Path(__file__).parent
_PARENTHESIS = re.compile(r"\s*[\(\[](?!\s*(?:monetary|financial|money|cost)\b)[^)\]]*[\)\]]\s*$", re.IGNORECASE)
_LABEL_COLON = re.compile(r"\s*:\s*$")  # a header written as a label: 'Descripción del riesgo:'
_NOT_KEPT = re.compile(r"[^\w%#]+|_")  # snake_case headers compare like spaced ones
_CURRENCY_SUFFIX = re.compile(r"[\s_]+(usd|eur|gbp|chf|€|\$|£)$")  # 'impact_cost_usd' = 'Impact Cost'
_UNIT_SUFFIX = re.compile(r"\s+in\s+(?:h|hrs?|hours|std|stunden|stunde|heures|horas|uren|days|tagen|€|eur|usd)$")  # 'Dauer in h'


def header_key(text: Any) -> str:
    """How headers compare: case, spaces, punctuation and a trailing '(USD)' or '[h]' do not count
    ('Sr. No.' = 'sr no', 'issue_id' = 'Issue ID', 'Probability (1-5)' = 'probability', 'Dauer in h' =
    'Dauer'); % and # do,
    and so does a trailing '(monetary)': 'Impact (monetary)' is a cost, not the impact rating."""
    raw = " ".join(str(text or "").split())
    stripped = _PARENTHESIS.sub("", _LABEL_COLON.sub("", raw)) or raw  # 'Probabilidad (alta, media, baja):
    stripped = _UNIT_SUFFIX.sub("", stripped.casefold()) or stripped.casefold()
    stripped = _CURRENCY_SUFFIX.sub("", stripped) or stripped
    # a header of a symbol alone ('№') is that symbol, never the blank header's empty key
    return _plural_as_singular(_without_accents(_NOT_KEPT.sub("", stripped))) or raw.casefold()


def spelling_key(text: Any) -> str:
    """How one header's spellings compare: case, spacing, punctuation, underscores, accents and a
    plural 's' do not count ('Outline_Level' = 'Outline Level', 'Número' = 'numero'); unlike
    `header_key`, words in parentheses do ('Custom field (Epic Link)' is not 'Custom field (Team)')."""
    return _plural_as_singular(_without_accents(_NOT_KEPT.sub("", " ".join(str(text or "").split()).casefold())))


def _without_accents(text: str) -> str:
    """'número' → 'numero', 'fällig' → 'fallig': marks over letters do not count in a header."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _plural_as_singular(key: str) -> str:
    """'resources' → 'resource', 'milestones' → 'milestone' ('status' and 'progress' stay)."""
    return key[:-1] if len(key) > 4 and key.endswith("s") and not key.endswith(("ss", "us", "is")) else key


_WORD_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|[-_]+")  # 'InQueue', 'in-progress', 'in_progress'


def word_key(text: Any) -> str:
    """How words compare: case, runs of spaces, hyphens, underscores and camel case do not count
    ('InQueue' = 'in queue', 'To-Do' = 'to do'); the words themselves stay apart."""
    return " ".join(_WORD_BREAK.sub(" ", str(text)).split()).casefold()


@cache
def _load(name: str) -> dict[str, Any]:
    with (FOLDER / name).open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class FieldWords:
    table: str
    name: str
    label: str
    headers: tuple[str, ...]

    @cached_property  # read for every header of every sheet a format scores: worked out once
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(header_key(h) for h in self.headers))

    @cached_property
    def word_order_keys(self) -> frozenset[str]:
        """The synonyms of two words or more, their words in any order ('Date Raised' = 'Raised Date')."""
        return frozenset(key for key in map(word_order_key, self.headers) if " " in key)


def word_order_key(text: Any) -> str:
    """A header's words, accents and case aside, sorted: 'Raised Date' and 'Date Raised' compare equal."""
    words = _without_accents(" ".join(str(text or "").split()).casefold())
    return " ".join(sorted(w for w in re.split(r"[^\w%#]+", words) if w))


@cache
def fields(table: str) -> dict[str, FieldWords]:
    """The fields a generic table ('tasks', 'risks', 'plan') may hold, with their synonyms, in the
    order they are matched."""
    return {name: FieldWords(table, name, entry["label"], _headers_of(entry))
            for name, entry in _load("fields.toml")[table].items()}


def _headers_of(entry: dict) -> tuple[str, ...]:
    """A field's synonyms: its own, after those of the field it is the same as (`same_as = "tasks.percent_complete"`:
    one list of a percent complete's words, whichever table holds it)."""
    own = tuple(entry.get("headers", ()))
    if "same_as" not in entry:
        return own
    table, name = entry["same_as"].split(".", 1)
    return tuple(dict.fromkeys((*_headers_of(_load("fields.toml")[table][name]), *own)))


def field_tables() -> list[str]:
    return list(_load("fields.toml"))


@cache
def known_header_keys() -> frozenset[str]:
    """Every header any field may have: the header finder scores rows by them."""
    return frozenset(k for table in field_tables() for f in fields(table).values() for k in f.keys)


def label(column: str) -> str:
    """A canonical column in a PMO analyst's words ('project_id' -> 'project')."""
    for table in field_tables():
        for name, words in fields(table).items():
            if name.lstrip("_") == column:
                return words.label
    return column.replace("_id", "").replace("_", " ")


def status_words(kind: str, source: str | None = None) -> dict[str, str]:
    """word -> value for 'task' (status category), 'task_category', 'raid' (open/closed) or
    'raid_kind': a source's own words first, then the shared table. A copy: callers may add to it."""
    return dict(_status_words(kind, source))


@cache
def _status_words(kind: str, source: str | None) -> dict[str, str]:
    data = _load("status_words.toml")
    table = {word_key(k): v for k, v in data[kind].items()}
    if source:
        table.update({word_key(k): v for k, v in data.get(f"{kind}_by_source", {}).get(source, {}).items()})
    return table


NEAR_WORD_MIN_LENGTH = 6  # shorter words are too alike: 'done' / 'none', 'close' / 'clone'


def near_words(known: Iterable[str], words: Iterable[str]) -> dict[str, str]:
    """For the word keys of `words` that are not `known` word keys, the known word each is an
    inflection, an accent or a typo of ('concluída' → 'concluído', 'cerrada' → 'cerrado', 'in
    progeress' → 'in progress'): one letter apart, accents aside, the same first letter, both long
    enough, and no other known word as near. Meant for the few distinct words of a column: a
    caller maps them as their nearest word says, and reports it."""
    known = set(known)
    plain: dict[str, set[str]] = {}
    for key in known:
        plain.setdefault(_without_accents(key), set()).add(key)
    found = {}
    for word in words:
        if word in known or len(word) < NEAR_WORD_MIN_LENGTH:
            continue
        bare = _without_accents(word)
        nearest = [bare] if bare in plain else [
            other for other in plain if len(other) >= NEAR_WORD_MIN_LENGTH and other[0] == bare[0]
            and Levenshtein.distance(other, bare, score_cutoff=1) <= 1]
        if len(nearest) == 1:  # one known word, however many accented spellings of it are known
            found[word] = min(plain[nearest[0]])
    return found


def with_near_words(table: dict[str, Any], words: Iterable[str], what: str, notes: list[str] | None) -> dict[str, Any]:
    """`table` (word key → value) with the words of `words` it lacks that are one of its words inflected
    or misspelt (`near_words`), each taking that word's value; `notes` gets the report's line saying so."""
    near = near_words(table, words)
    if near and notes is not None:
        notes.append(f"{what}: read as the nearest known word: "
                     + ", ".join(f"'{w}' as '{k}'" for w, k in sorted(near.items())))
    return {**table, **{word: table[nearest] for word, nearest in near.items()}}


def status_sources() -> dict[str, dict[str, str]]:
    """Per source, the words it means differently from the shared table (for docs)."""
    return _load("status_words.toml").get("task_by_source", {})
