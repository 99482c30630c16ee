"""Case for a text that lost it: "on march 3 the chf 1.2 billion deal" reads as "on March 3 the
CHF 1.2 billion deal".

Scraped feeds, transcripts and some syndication pipelines lower-case whole sentences (NewsQuant,
a public gold set of news sentences, has about one in sixteen so).  The extractor reads case
as evidence: a month name opens a date, a currency code is written in capitals, a name before
a number makes a model ("Boeing 787"), a capital letter glued to a number by a hyphen makes a
model too ("F-250").  Without case each of these falls back on a wrong reading (the day of
"march 3" becomes a count of 3; "chf 1.2 billion" an amount without currency).

:func:`truecase` gives such a text those capitals back, only where the word alone says what it
is, and never changes a length, so every offset into the result is an offset into the original
(the caller keeps the original's surfaces).  It is applied only to a text with no capital at
all (``str.islower``): a text that has any case keeps its own.

Why by hand: truecasing libraries (``truecase`` on PyPI) need NLTK's downloaded models and a
statistical model of a language's names; these rules need only the dictionary the extractor
already has (:func:`.nouns.word_classes`), the month names and the currency registry.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..units import currency_code, unit_surfaces
from .dates import WEEKDAYS as _WEEKDAYS
from .nouns import STOP, word_classes
from .scan import MONTH_WORDS, NUMBER_WORDS

# "march" and "may" are also a verb, a noun and a modal: a month only before a day or a year
# ("march 3", "may 2019") or after a preposition of time ("in may", "since march")
_AMBIGUOUS_MONTHS = frozenset({"march", "may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                               "feb", "apr", "sept"})
_TIME_PREPOSITIONS = frozenset({"in", "since", "until", "till", "through", "last", "next", "early", "late",
                                "mid", "by", "of", "this"})

# a word; the digits after it (a number right after a word is what names and codes are told by)
_WORD_RE = re.compile(r"(?<![\w'’])([a-z]+)(?=(\$)|(\s?-?\d)|(?![\w'’]))")
# a single letter joined to digits by a hyphen: a model ("f-250", "a-380")
_LETTER_MODEL_RE = re.compile(r"(?<![\w.-])([a-z])(?=-\d)")
# a word right after a number: a unit, perhaps a symbol that is written with capitals ("400 kv")
_UNIT_AFTER_RE = re.compile(r"(?<=\d)\s?([a-z]{2,})\b")
_NUMBER_AFTER_RE = re.compile(r"\s+(\d{1,2}(?:st|nd|rd|th)?|\d{4})\b")
_PREVIOUS_WORD_RE = re.compile(r"([a-z]+)-?\s*$")
# Single letters each followed by a stop ("u.s.", "u.k.", "d.c.") are initials, written in capitals in
# English, but for the few Latin and clock abbreviations written in lower case (a closed class).
_INITIALISM_RE = re.compile(r"(?<![\w.])(?:[a-z]\.){2,}(?!\w)")
_LOWER_INITIALISMS = frozenset({"e.g.", "i.e.", "a.m.", "p.m.", "c.f.", "n.b.", "v.s.", "a.k.a.", "p.s."})


def truecase(text: str) -> str:
    """``text`` with capitals given back where the word says what it is; same length.

    >>> truecase("on march 3 the bank paid chf 1.2 billion for 40 boeing 787 jets")
    'On March 3 the bank paid CHF 1.2 billion for 40 Boeing 787 jets'
    >>> truecase("prices may rise 5% in may; hk$2 buys less than 8,000 f-250 trucks did")
    'Prices may rise 5% in May; HK$2 buys less than 8,000 F-250 trucks did'
    >>> truecase("a 400 kv line and a 250hz sensor")
    'A 400 kV line and a 250Hz sensor'
    >>> truecase("a fee of 250 u.s. dollars at 9 a.m.")
    'A fee of 250 U.S. dollars at 9 a.m.'
    """
    chars = list(text)
    for m in _WORD_RE.finditer(text):
        word, start = m.group(1), m.start(1)
        cased = _case_of(word, text, m, start)
        if cased is not None:
            chars[start:m.end(1)] = cased
    for m in _UNIT_AFTER_RE.finditer(text):
        symbol = _symbol_case(m.group(1))
        if symbol is not None:
            chars[m.start(1):m.end(1)] = symbol
    for m in _LETTER_MODEL_RE.finditer(text):
        chars[m.start(1)] = m.group(1).upper()
    for m in _INITIALISM_RE.finditer(text):
        if m.group(0) not in _LOWER_INITIALISMS:
            chars[m.start():m.end()] = m.group(0).upper()
    first = len(text) - len(text.lstrip())
    if first < len(text) and "a" <= text[first] <= "z":
        chars[first] = chars[first].upper()  # a sentence that opens with a word opens with a capital ("42 is" stays)
    return "".join(chars)


def _case_of(word: str, text: str, m: re.Match, start: int) -> str | None:
    """The word as it would be cased, or None to leave it."""
    sign, number = m.group(2), m.group(3)
    if word in _WEEKDAYS:
        return word.capitalize()
    if word in MONTH_WORDS:
        if word not in _AMBIGUOUS_MONTHS or _NUMBER_AFTER_RE.match(text, m.end(1)):
            return word.capitalize()
        before = _PREVIOUS_WORD_RE.search(text, 0, start)
        return word.capitalize() if before is not None and before.group(1) in _TIME_PREPOSITIONS else None
    if sign is not None:  # "us$2", "hk$40", "c$1.36": a country's letters before a dollar sign
        return word.upper() if len(word) <= 3 else None
    if number is None:
        return None
    if word == "rs":
        return "Rs"  # "rs 500 crore": rupees
    return _before_number(word)


@lru_cache(maxsize=4096)
def _before_number(word: str) -> str | None:
    """A word right before a number: a currency code ("chf 2 million") in capitals; a name
    ("boeing 787", "nikkei 225", "rtx 4090"), a word the dictionary does not know, with a capital;
    a word the dictionary knows ("about 5", "top 10") as it is."""
    if word in STOP or word in NUMBER_WORDS or word_classes(word):
        return None
    if currency_code(word, True):
        return word.upper()
    return word.capitalize() if len(word) > 1 else None


@lru_cache(maxsize=1)
def _symbols_by_lower() -> dict[str, tuple[str, ...]]:
    by_lower: dict[str, list[str]] = {}
    for surface, unit in unit_surfaces().items():
        if unit.symbol:
            by_lower.setdefault(surface.lower(), []).append(surface)
    return {lower: tuple(cased) for lower, cased in by_lower.items()}


@lru_cache(maxsize=4096)
def _symbol_case(word: str) -> str | None:
    """A unit symbol of two letters or more that is written with capitals, when only one way
    of writing it is a symbol and the word itself is none and no English word ("kv" -> "kV",
    "hz" -> "Hz", "kwh" -> "kWh"; "mw" may be MW or mW, and stays; single letters stay: "5 k"
    may be a thousand or kelvins)."""
    if word in unit_surfaces() or word in STOP or word_classes(word):
        return None
    cased = _symbols_by_lower().get(word, ())
    return cased[0] if len(cased) == 1 and len(cased[0]) == len(word) else None
