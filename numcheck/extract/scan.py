"""One pass over a text that finds where a figure can start.

Why: Python's ``re`` tries every branch of a pattern that opens with a long,
flat alternation of words ("seventy|thousand|dozens|January|...") at every
position, which made the finders spend most of the extraction time scanning
text with no figures in it (profiled with cProfile on the bundled corpus:
0.66 s/MB for the number regex alone).  So numcheck finds, once per text, the
positions that can open a figure (a digit, a currency sign before one, a
number word, a month, a vague amount, a fraction word), and the detailed
regexes are only *matched at those positions*.

How the pass itself is fast (measured on the bundled corpus, 1 MB, CPU time):
a Python loop over every word (``[A-Za-z]+`` tokens, a set lookup each) cost
0.115 s/MB, which was a tenth of the whole extraction; :data:`_HIT_RE` does the
same in C, with Python code only for the hits (about 1 in 16 words): 0.05 s/MB
(same run: 0.10 s/MB for the loop).  It skips a word that is no trigger in one
step, and the trigger words are written as a trie (``t(?:e(?:n)|w(?:o))``), so
at a word start the engine tries one branch per letter instead of all 150
words.  A trigger must be a whole ASCII-letter run (the ``[A-Za-z]``
look-arounds), exactly the tokens the word loop looked up: the hits are the
same, offset for offset (checked on the test and example texts and on random
strings of triggers, digits, signs and non-ASCII letters).

>>> [(h.start, h.word) for h in scan("It cost $5 and twenty dollars in May.")]
[(8, '$'), (15, 'twenty'), (33, 'may')]
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .fractions import FRACTION_WORDS, VULGAR as _VULGAR
from .numbers import ORDINAL_WORDS, SCALE_WORDS, TENS_WORDS, UNITS_WORDS

NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | frozenset(SCALE_WORDS) | {"dozen"} \
    | {w + "s" for w in SCALE_WORDS} | {"lakh", "crore"}
CURRENCY_CODES = frozenset({"us", "c", "a", "r", "usd", "eur", "gbp", "rs"})
MONTH_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                         "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
VAGUE_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions", "tens",
                         "several", "few", "handful"})
FRACTION_TRIGGERS = FRACTION_WORDS
ORDINALS = frozenset(ORDINAL_WORDS)
TRIGGERS = NUMBER_WORDS | MONTH_WORDS | VAGUE_WORDS | FRACTION_TRIGGERS | ORDINALS

DIGIT = "#"  # the word of a hit that is a digit (or a currency sign before one)
SIGNS = "$€£¥₹"
VULGAR = "".join(_VULGAR)  # vulgar fractions open a figure too: fractions.py


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` nested by common prefix, letter by letter; the same
    language as the flat alternation ("six|ten|tens|two"), with one branch tried per letter.
    An optional tail is written "(?:X|)" (numbers.py says why that is the same as "(?:X)?").

    >>> trie_pattern(["ten", "two", "tens", "six"])
    's(?:i(?:x))|t(?:e(?:n(?:s|))|w(?:o))'
    """
    heads: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        heads.setdefault(w[:1], []).append(w[1:])
    parts = []
    for head, tails in sorted(heads.items()):
        rest = [t for t in tails if t]
        if not rest:
            parts.append(re.escape(head))
            continue
        sub = "(?:" + trie_pattern(rest) + ("|)" if "" in tails else ")")
        parts.append(re.escape(head) + sub)
    return "|".join(parts)


_TRIGGER = rf"(?ai:{trie_pattern(TRIGGERS)})(?![A-Za-z])"  # a whole word, ASCII case folded
# letters no trigger starts with, either case: a word opening with one is skipped without
# trying the trie (most words; a seventh less time for the scan, measured)
_NO_TRIGGER_FIRST = "".join(sorted(set("abcdefghijklmnopqrstuvwxyz") - {w[0] for w in TRIGGERS}))
_NO_TRIGGER_FIRST += _NO_TRIGGER_FIRST.upper()
_HIT_RE = re.compile(
    # skip, without backtracking (possessive ``++``/``*+``), what opens no figure: runs of other
    # characters, words that are no trigger, a currency sign with no digit after it
    rf"(?:[^A-Za-z\d{SIGNS}{VULGAR}]++|[{_NO_TRIGGER_FIRST}][A-Za-z]*+|(?!{_TRIGGER})[A-Za-z]++|[{SIGNS}](?!\d))*+"
    # then a hit: a digit (the currency sign before it and the rest of "3,000.5" after it) or a
    # trigger word; or the end of the text.  Every stop of the skip loop is one of these, so a
    # match never fails and is never retried from the next offset (one pass, linear).
    rf"(?:(?P<hit>[{SIGNS}]?\d(?:\d|[,.](?=\d))*|[{VULGAR}]|{_TRIGGER})|\Z)")


class Hit(NamedTuple):
    start: int
    word: str  # lower-cased word, "$"-like sign, or DIGIT


def scan(text: str) -> list[Hit]:
    """Positions where a figure may start, in text order."""
    # str(): the typed loop takes an exact str; a subclass (numpy.str_ from a table) is read as one
    return _scan_chars(str(text)) if COMPILED else _scan_regex(text)


def _scan_regex(text: str) -> list[Hit]:
    """:func:`scan` by :data:`_HIT_RE`: the fast path when this module runs as Python source."""
    hits: list[Hit] = []
    last_digit_end = -2
    new = tuple.__new__  # a Hit built in one C call (Hit(...) runs namedtuple's Python __new__)
    # In ASCII text str.isdigit is ``\d`` ([0-9]), so the regex's digits end where _digits_end
    # would stop: the Python loop after every digit hit (a tenth of the scan, callgrind) is
    # needed only for text that may hold other digits ("²", "①").
    ascii_only = text.isascii()
    for m in _HIT_RE.finditer(text):
        token = m.group(1)
        if token is None:
            break  # the end of the text
        first = token[0]
        if first.isdigit() or first in SIGNS or first in VULGAR:
            if m.start(1) < last_digit_end:
                continue  # the rest of "3,000" / "2.5" past what the regex took ("3²")
            # the regex took the digits; str.isdigit also knows digits that \d does not ("²")
            last_digit_end = m.end() if ascii_only else _digits_end(text, m.end())
            hits.append(new(Hit, (m.start(1), first if first in SIGNS else DIGIT)))
            continue
        hits.append(new(Hit, (m.start(1), token.lower())))
    return hits


# Compiled (numcheck/compiled.py), this module runs the scan as a loop over the characters,
# typed by scan.pxd: a C loop that reads each character in a few instructions, where
# _HIT_RE's skip loop costs some 400 per character inside re (callgrind: the scan was a
# tenth of the compiled extraction).  As Python source the same loop is a Python step per
# character, several times slower than the regex, so the source keeps the regex.  Both give
# the same hits, offset for offset (tests/test_fast_paths.py, on tables and generated text).
COMPILED = not __file__.endswith(".py")
assert all(c == "$" or c > "\x7f" for c in SIGNS + VULGAR)  # what _scan_chars tests first
_HASH_MASK = (1 << 48) - 1


def _word_hash(word: str) -> int:
    """A hash of an ASCII word, case folded, that _scan_chars computes in C as it reads the word."""
    h = 0
    for c in word:
        h = (h * 33 + (ord(c) | 32)) & _HASH_MASK
    return h


_TRIGGER_HASHES = frozenset(map(_word_hash, TRIGGERS))


def _scan_chars(text: str) -> list[Hit]:
    """:func:`scan` as a loop over the characters: a run of ASCII letters is a hit when it is a
    trigger word (lower-cased; only a word whose hash is a trigger's is cut out and looked up);
    a digit, a currency sign before one or a vulgar fraction opens a digit hit, whose digits
    and inner "," "." (before a digit) are read on, as ``_HIT_RE`` reads them (re's ``\\d``
    is str.isdecimal)."""
    hits: list[Hit] = []
    new = tuple.__new__
    n = len(text)
    last_digit_end = -2
    ascii_only = text.isascii()
    mask = _HASH_MASK
    i = 0
    while i < n:
        ch = text[i]
        if ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
            h = ord(ch) | 32
            j = i + 1
            while j < n:
                c = text[j]
                if not (("a" <= c <= "z") or ("A" <= c <= "Z")):
                    break
                h = (h * 33 + (ord(c) | 32)) & mask
                j += 1
            if h in _TRIGGER_HASHES:
                word = text[i:j].lower()
                if word in TRIGGERS:
                    hits.append(new(Hit, (i, word)))
            i = j
            continue
        start = i
        sign = ch == "$" or (ch > "\x7f" and ch in SIGNS)
        # str.isdecimal (re's \d), the ASCII digits tested first: compiled, isdecimal is a call
        # into the Unicode database, and this runs for every character but letters
        if ("0" <= ch <= "9" or (ch > "\x7f" and ch.isdecimal())) or \
                (sign and i + 1 < n and text[i + 1].isdecimal()):
            i += 2 if sign else 1  # a sign takes its first digit with it
            while i < n:
                c = text[i]
                if not ("0" <= c <= "9" or (c > "\x7f" and c.isdecimal())):
                    if not ((c == "," or c == ".") and i + 1 < n and text[i + 1].isdecimal()):
                        break
                i += 1
        elif ch > "\x7f" and ch in VULGAR:
            i += 1  # a vulgar fraction alone
        else:
            i += 1  # white space, punctuation, other letters: nothing opens here
            continue
        if start < last_digit_end:
            continue  # the rest of "3²5" past what the digits took (see _scan_regex)
        last_digit_end = i if ascii_only else _digits_end(text, i)
        hits.append(new(Hit, (start, ch if sign else DIGIT)))
    return hits


def _digits_end(text: str, i: int) -> int:
    n = len(text)
    while i < n and (text[i].isdigit() or (text[i] in ",." and i + 1 < n and text[i + 1].isdigit())):
        i += 1
    return i


def starts(hits: list[Hit], words: frozenset[str] | None = None, digits: bool = False) -> list[int]:
    """Start offsets of the hits whose word is in ``words`` (and of digit hits when asked)."""
    # one comprehension per case, with no test that is the same for every hit (this runs five
    # times per text)
    if words is None:
        return [h.start for h in hits if h.word == DIGIT or h.word in SIGNS] if digits else []
    if digits:
        return [h.start for h in hits if h.word == DIGIT or h.word in SIGNS or h.word in words]
    return [h.start for h in hits if h.word in words]
