"""One pass over a text that finds where a figure can start.

Why: Python's ``re`` scans a pattern that opens with a long alternation of
words ("seventy|thousand|dozens|January|...") at every position, which made
the finders spend most of the extraction time scanning text with no figures in
it (profiled with cProfile on the bundled corpus: 0.66 s/MB for the number
regex alone).  A plain word tokeniser with set lookups costs about 0.08 s/MB,
so numcheck tokenises once, keeps the tokens that can open a figure (a digit,
a currency sign, a number word, a month, a vague amount, a fraction word), and
the detailed regexes are only *matched at those positions*.

>>> [(h.start, h.word) for h in scan("It cost $5 and twenty dollars in May.")]
[(8, '$'), (15, 'twenty'), (33, 'may')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import FRACTION_WORDS, ORDINAL_WORDS, SCALE_WORDS, TENS_WORDS, UNITS_WORDS

NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | frozenset(SCALE_WORDS) | {"dozen"} \
    | {w + "s" for w in SCALE_WORDS}
CURRENCY_CODES = frozenset({"us", "c", "a", "r", "usd", "eur", "gbp", "rs"})
MONTH_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                         "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
VAGUE_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens",
                         "several", "few", "handful"})
FRACTION_TRIGGERS = frozenset(FRACTION_WORDS) | {"half"}
ORDINALS = frozenset(ORDINAL_WORDS)
TRIGGERS = NUMBER_WORDS | MONTH_WORDS | VAGUE_WORDS | FRACTION_TRIGGERS | ORDINALS

_TOKEN = re.compile(r"[A-Za-z]+|[$€£¥₹]?\d|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")  # vulgar fractions: notation.py
DIGIT = "#"  # the word of a hit that is a digit (or a currency sign before one)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    word: str  # lower-cased word, "$"-like sign, or DIGIT


def scan(text: str) -> list[Hit]:
    """Positions where a figure may start, in text order."""
    hits: list[Hit] = []
    last_digit_end = -2
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        first = token[0]
        if first.isdigit() or first in "$€£¥₹½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞":
            if m.start() < last_digit_end:
                continue  # the rest of "3,000" / "2.5"
            last_digit_end = _digits_end(text, m.end())
            hits.append(Hit(m.start(), first if first in "$€£¥₹" else DIGIT))
            continue
        word = token.lower()
        if word in TRIGGERS:
            hits.append(Hit(m.start(), word))
    return hits


def _digits_end(text: str, i: int) -> int:
    n = len(text)
    while i < n and (text[i].isdigit() or (text[i] in ",." and i + 1 < n and text[i + 1].isdigit())):
        i += 1
    return i


def starts(hits: list[Hit], words: frozenset[str] | None = None, digits: bool = False) -> list[int]:
    """Start offsets of the hits whose word is in ``words`` (and of digit hits when asked)."""
    out = []
    for h in hits:
        if (digits and (h.word == DIGIT or h.word in "$€£¥₹")) or (words is not None and h.word in words):
            out.append(h.start)
    return out
