"""The world's calendar and number words, from CLDR (the `babel` package), in the form the
parsers need: month names, weekday names and day-period markers of every locale babel ships, and
every currency's symbols. Nothing here is a hand-written list of a language's words.

A word several locales give different meanings (`listopad` is November in Polish and Czech,
October in Croatian) takes the meaning most locales give it; `month_word` reports the others so a
caller can say the reading was not certain.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from babel import Locale, localedata
from babel.numbers import get_currency_symbol, list_currencies

# Words shorter than this are not taken as a month or weekday in Latin-like scripts: 'ma', 'me',
# 'ut' are month abbreviations somewhere, and words of a description everywhere.
MIN_LETTER_WORD = 3


_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def fold(text: str) -> str:
    """How calendar words compare: case, a trailing dot, the kind of space and direction marks
    (Arabic dates carry them between the numbers) do not count."""
    return " ".join(unicodedata.normalize("NFC", text.translate(_BIDI_MARKS)).casefold().split()).rstrip(".")


@cache
def _glued_weekdays() -> re.Pattern:
    """Weekday names in scripts written without spaces ('水曜日', '星期一')."""
    names = sorted((w for w in calendar_words().weekdays if any(ord(c) >= 0x2E80 for c in w)), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)) or "(?!)")


def without_glued_weekdays(text: str) -> str:
    return _glued_weekdays().sub(" ", text)


@dataclass(frozen=True)
class CalendarWords:
    """Every locale's calendar words, each folded (`fold`)."""

    months: dict[str, int]  # 'oct', 'okt', 'octobre', 'июл', 'tháng 10' → 1..12
    month_doubts: dict[str, set[int]]  # a word other locales read as another month → those months
    month_prefixes: dict[str, None]  # words a month number follows ('tháng 10', 'thg 10')
    month_suffixes: dict[str, None]  # marks a month number carries ('10月')
    weekdays: dict[str, None]  # 'mon', 'montag', 'thứ hai' …: dropped from a date (Spanish 'mar' is one, too)
    am: dict[str, None]  # day-period markers before noon ('am', 'sa', '午前') …
    pm: dict[str, None]  # … and after ('pm', 'ch', '午後')
    literals: dict[str, None]  # the words date patterns put between the parts ('de', 'г', '年', '日', 'at')


def _base_locales() -> list[Locale]:
    """One Locale per language (and script) babel ships: regional variants repeat their words."""
    found = []
    for identifier in localedata.locale_identifiers():
        if identifier.count("_") > 1 or (identifier.count("_") == 1 and not identifier.split("_")[1].istitle()):
            continue  # a region's variant ('de_CH'); scripts ('sr_Latn', 'uz_Cyrl') are kept
        try:
            found.append(Locale.parse(identifier))
        except (ValueError, localedata.UnknownLocaleError):
            continue
    return found


_PATTERN_QUOTED = re.compile(r"'([^']+)'")
_PATTERN_LETTERS = re.compile(r"[a-zA-Z]+")


def _pattern_literals(pattern: str) -> list[str]:
    """The literal words of an LDML date pattern: quoted text, and letters that are not pattern
    letters ('y年M月d日' → 年 月 日; "d 'de' MMMM" → de)."""
    quoted = [fold(q) for q in _PATTERN_QUOTED.findall(pattern)]
    rest = _PATTERN_LETTERS.sub(" ", _PATTERN_QUOTED.sub(" ", pattern))
    return [w for w in quoted + [fold(w) for w in re.findall(r"[^\W\d_]+", rest)] if w]


def _keep(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    latin_like = all(ord(c) < 0x2E80 for c in letters)  # CJK and later scripts have one-character words
    return bool(letters) and (not latin_like or len(word) >= MIN_LETTER_WORD)


@cache
def calendar_words() -> CalendarWords:
    """Read once per process (about a second): every locale's month, weekday and day-period words."""
    month_votes: dict[str, Counter] = defaultdict(Counter)
    prefixes, suffixes, weekdays, am, pm, literals = {}, {}, {}, {}, {}, {}
    for locale in _base_locales():
        for patterns in (locale.date_formats, locale.datetime_formats):
            for pattern in patterns.values():
                for word in _pattern_literals(getattr(pattern, "pattern", str(pattern))):
                    literals[word] = None
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in locale.months.get(context, {}).get(width, {}).items():
                    word = fold(name)
                    number = re.fullmatch(r"(\D*?)\s*(\d{1,2})\s*(\D*)", word)
                    if number and int(number.group(2)) == month:  # 'tháng 10', '10月' ('m10' is not kept: M1 … M9
                        for part, target in ((number.group(1), prefixes), (number.group(3), suffixes)):  # are plan months)
                            if part.strip() and _keep(part.strip()):
                                target[part.strip()] = None
                    elif _keep(word):
                        month_votes[word][month] += 1
                for name in locale.days.get(context, {}).get(width, {}).values():
                    if _keep(fold(name)):
                        weekdays[fold(name)] = None
                periods = locale.day_periods.get(context, {}).get(width, {})
                for key, target in (("am", am), ("pm", pm)):
                    if key in periods and fold(periods[key]):
                        target[fold(periods[key])] = None
    for words in (weekdays, am, pm, literals):  # 'thứ hai', 'a. m.': each word of a name is read on its own
        for name in list(words):
            for part in re.findall(r"[^\W\d_]+", name):
                if part != name and len(part) >= 2:
                    words.setdefault(part, None)
    months = {word: votes.most_common(1)[0][0] for word, votes in month_votes.items()}
    doubts = {word: set(votes) - {months[word]} for word, votes in month_votes.items() if len(votes) > 1}
    both = set(am) & set(pm)  # a marker meaning both in different locales tells nothing
    return CalendarWords(months, doubts, prefixes, suffixes, weekdays,
                         {w: None for w in am if w not in both}, {w: None for w in pm if w not in both},
                         {w: None for w in literals if w not in months})


def month_word(word: str) -> int | None:
    """The month a word names in some locale ('okt' → 10, 'juillet' → 7, 'ene' → 1), else None."""
    return calendar_words().months.get(fold(word))


@cache
def currency_marks() -> tuple[str, ...]:
    """Every currency's ISO code and symbols in every locale ('€', 'US$', '₫', 'zł', 'CHF' …),
    longest first, so that the longest mark is removed from a number first."""
    marks: set[str] = set()
    codes = list_currencies()
    marks.update(codes)
    for locale in _base_locales():
        for code in codes:
            symbol = get_currency_symbol(code, locale=locale)
            if symbol and not any(c.isdigit() for c in symbol):
                marks.add(symbol)
    return tuple(sorted(marks, key=len, reverse=True))
