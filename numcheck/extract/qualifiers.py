"""Qualifier words ("more than", "nearly", "about") and the interval each implies.

Semantics (N is the figure, s its rounding step: 3,000 -> 1,000; 2,700 -> 100;
r is ``Semantics.relative``, 10 % by default; mirrored in the README):

============  ===========================  ==================================
qualifier     wording                      interval
============  ===========================  ==================================
exact         a bare figure                [N - s/2, N + s/2]
about         about, approximately, some   [N - w, N + w], w = max(s/2, r*N)
more_than     more than, over, exceeding   (N, inf)
at_least      at least, no fewer than      [N, inf)
nearly        nearly, almost, just under   [N - r*N, N)
less_than     less than, fewer than        [0, N)
at_most       up to, as many as, at most   [0, N]
range         2,000 to 3,000               [2000, 3000]
about         about 2,000 to 3,000         [2000, 3000] (the bounds as written)
vague         dozens, thousands of         the table in data/lexicon.toml
============  ===========================  ==================================

Exact figures are taken at their stated precision: "3,000" allows 2,500 to 3,500
and "2,700" allows 2,650 to 2,750, so a rounded figure is not contradicted by a
precise one it rounds.

>>> str(interval_for(Qualifier.NEARLY, 3000, 1000))
'[2,700, 3,000)'
>>> str(interval_for(Qualifier.MORE_THAN, 3000, 1000))
'(3,000, inf]'
>>> str(interval_for(Qualifier.ABOUT, 280, 10))
'[252, 308]'
>>> str(interval_for(Qualifier.EXACT, 2700, 100))
'[2,650, 2,750]'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..records import Interval, Qualifier
from .lexicon import lexicon
from .words import STOP, word_classes

# Enum members read for every figure, bound once (records.py says why)
_QUALIFIER_ABOUT = Qualifier.ABOUT
_QUALIFIER_AT_LEAST = Qualifier.AT_LEAST
_QUALIFIER_AT_MOST = Qualifier.AT_MOST
_QUALIFIER_EXACT = Qualifier.EXACT
_QUALIFIER_LESS_THAN = Qualifier.LESS_THAN
_QUALIFIER_MORE_THAN = Qualifier.MORE_THAN
_QUALIFIER_NEARLY = Qualifier.NEARLY


@dataclass(frozen=True, slots=True)
class Semantics:
    """Tunable widths of the vague qualifiers (``[extract]`` in numcheck.toml)."""

    relative: float = 0.10  # "about", "nearly": how far from N the wording reaches
    exact_uses_rounding: bool = True  # False: a bare figure is the point N

    def __post_init__(self) -> None:
        if not 0 <= self.relative < 1:
            raise ValueError(f"relative must be in [0, 1), not {self.relative}")


DEFAULT = Semantics()


def interval_for(qualifier: Qualifier, value: float, step: float, semantics: Semantics = DEFAULT,
                 nonnegative: bool = True) -> Interval:
    """The interval a qualified figure allows."""
    r = semantics.relative
    floor = 0.0 if nonnegative and value >= 0 else -math.inf
    half = step / 2 if semantics.exact_uses_rounding else 0.0
    if qualifier is _QUALIFIER_EXACT:
        return Interval(value - half, value + half)
    if qualifier is _QUALIFIER_ABOUT:
        w = max(step / 2, r * abs(value))
        return Interval(value - w, value + w)
    if qualifier is _QUALIFIER_MORE_THAN:
        return Interval(value, math.inf, low_open=True)
    if qualifier is _QUALIFIER_AT_LEAST:
        return Interval(value, math.inf)
    if qualifier is _QUALIFIER_NEARLY:
        return Interval(value - r * abs(value), value, high_open=True)
    if qualifier is _QUALIFIER_LESS_THAN:
        return Interval(min(floor, value), value, high_open=True)
    if qualifier is _QUALIFIER_AT_MOST:
        return Interval(min(floor, value), value)
    return Interval.point(value)


_TAIL = re.compile(r"[\s,(]*$")


def find_qualifier_before(before: str) -> tuple[Qualifier, int] | None:
    """The qualifier ending right before a figure, and its length in ``before``.

    >>> find_qualifier_before("the policy separated more than ")
    (<Qualifier.MORE_THAN: 'more_than'>, 10)
    >>> find_qualifier_before("Nearly ")
    (<Qualifier.NEARLY: 'nearly'>, 7)
    >>> find_qualifier_before("a budget of ")
    """
    tail = before[-40:].lower()
    stripped = tail.rstrip()
    by_last = _before_by_last_word()
    for phrase, name in by_last.get(_last_word(stripped), by_last[""]):
        if stripped.endswith(phrase):
            at = len(stripped) - len(phrase)
            if at > 0 and (stripped[at - 1].isalnum()):
                continue
            return Qualifier(name), len(tail) - at
    return None


def find_qualifier_after(after: str) -> tuple[Qualifier, int] | None:
    """A qualifier right after a figure ("3,000 or more"), and its length in ``after``.

    >>> find_qualifier_after(" or more people")
    (<Qualifier.AT_LEAST: 'at_least'>, 8)
    """
    head = after[:30].lower()
    lead = len(head) - len(head.lstrip(" "))
    by_first = _after_by_first_char()
    for phrase, name in by_first.get(head[lead:lead + 1], by_first[""]):
        if head[lead:].startswith(phrase):
            end = lead + len(phrase)
            if end < len(head) and head[end].isalnum():
                continue
            if phrase in _CLAUSE_FINAL_AFTER and head[end:].lstrip(" ")[:1].isalnum():
                continue  # "rose 5% and over the year", "3% and above all": a conjunction, then a phrase
            return Qualifier(name), end
    return None


# Bounds after a figure that are also a conjunction and a preposition or a comparative ("and over
# the year", "and higher rates"): read only where nothing follows in the clause ("$1 million and
# above,", "aged 65 and over.").
_CLAUSE_FINAL_AFTER = frozenset({"and more", "and higher", "and greater", "or above", "and above", "or over",
                                 "and over", "and fewer", "and less", "and under", "or below", "and below",
                                 "or lower", "and lower"})


@lru_cache(maxsize=8)
def _by_edge_char(pairs: tuple[tuple[str, str], ...], edge: int) -> dict[str, tuple[tuple[str, str], ...]]:
    """``pairs`` (phrase, qualifier) grouped by the phrase's last (``edge=-1``) or first (``0``)
    character, in their order.  A phrase can only end (start) the text if its last (first)
    character does, so a figure tries a few phrases instead of all of them: the full loop
    was 40% of reading a figure's number, qualifier and unit (profiled).

    >>> _by_edge_char((("more than", "more_than"), ("about", "about"), ("at least", "at_least")), -1)["t"]
    (('about', 'about'), ('at least', 'at_least'))
    """
    table: dict[str, list[tuple[str, str]]] = {phrase[edge]: [] for phrase, _ in pairs if phrase}
    table[""] = []  # any other character (and the empty text): only empty phrases fit
    for phrase, name in pairs:
        for char in ((phrase[edge],) if phrase else table):  # an empty phrase fits every text
            table[char].append((phrase, name))
    return {char: tuple(group) for char, group in table.items()}



# The two tables of the lexicon, grouped once.  Asking _by_edge_char for them on every figure
# hashed the whole tuple of phrases (CPython does not keep a tuple's hash) for its cache key:
# three quarters of find_qualifier_before (profiled).
@lru_cache(maxsize=1)
def _before_by_last_word() -> dict[str, tuple[tuple[str, str], ...]]:
    """The phrases before a figure grouped by their last word ("than": "more than", "longer
    than", ...; a phrase ending in a sign by the sign, "approx." by "."): a phrase ends the text
    only if the text's last word is the phrase's (a letter before it would make a longer word).
    By the last character, the many phrases that end in "n" were tried before every figure
    after "in", "than", "on" (callgrind)."""
    table: dict[str, list[tuple[str, str]]] = {"": []}
    for phrase, name in lexicon().qualifiers_before:
        table.setdefault(_last_word(phrase), []).append((phrase, name))  # an empty phrase: key ""
    empty = tuple(table[""])  # fits every text
    return {key: tuple(group) + (empty if key else ()) for key, group in table.items()}


def _last_word(text: str) -> str:
    """The letters that end ``text``, or its last character when that is no letter."""
    i = len(text)
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i:] if i < len(text) else text[-1:]


@lru_cache(maxsize=1)
def _after_by_first_char() -> dict[str, tuple[tuple[str, str], ...]]:
    return _by_edge_char(lexicon().qualifiers_after, 0)


# "over" after an amount or a noun, and the figure's words after it (an age stays a bound)
_OVER_AFTER_PHRASE_RE = re.compile(r"(?:(\d[A-Za-z]{0,3}|%)|(\d\s+)?\b([A-Za-z]+))\s+over\s*$", re.IGNORECASE)
_AGE_AFTER_RE = re.compile(r"\s+(?:old|of\s+age)\b", re.IGNORECASE)


def over_a_period(before: str, after: str) -> bool:
    """True when the "over" ending ``before`` opens the period of a span of time (the
    preposition "during"), not the bound "more than".

    English puts the period's "over" after a noun phrase or an amount ("prices rose 20% over
    five years", "40,000 visitors over three days", "10 hours over two days"); the bound follows
    a verb or a preposition ("lasted over three hours", "for over 20 years").  A noun that is
    also a verb ("rain fell over ...") is left a bound unless an amount counts it ("40 witnesses
    over six days"), and so is an age ("children over five years old"), where the noun phrase is
    compared.  The caller asks only for a span of time.

    >>> over_a_period("prices rose 20% over ", ""), over_a_period("jailed for over ", "")
    (True, False)
    >>> over_a_period("Children over ", " old must"), over_a_period("drew 40,000 visitors over ", "")
    (False, True)
    """
    if not before.rstrip()[-4:].lower() == "over":
        return False  # "more than", "at least": no "over" (the regex below searches the whole window)
    m = _OVER_AFTER_PHRASE_RE.search(before)
    if m is None or _AGE_AFTER_RE.match(after):
        return False
    if m.group(1):
        return True
    word = m.group(3).lower()
    classes = word_classes(word)
    return word not in STOP and "NOUN" in classes and (m.group(2) is not None or "VERB" not in classes)


_SPACES_RE = re.compile(r"\s+")


def find_vague(text: str, starts: list[int] | None = None) -> list[tuple[int, int, str, Interval]]:
    """Vague amounts ("dozens of", "tens of thousands of") with their intervals.

    >>> [(s, str(i)) for _, _, s, i in find_vague("Hundreds of protesters and tens of thousands of dollars")]
    [('Hundreds', '[100, 1,000]'), ('tens of thousands', '[10,000, 100,000]')]
    """
    if starts is None:
        from .scan import VAGUE_WORDS, scan, starts as _starts

        starts = _starts(scan(text), VAGUE_WORDS)
    table, pattern = _vague_table()
    found = []
    covered = -1
    for pos in starts:
        if pos >= 2 and text[pos - 2:pos].lower() == "a " and (pos < 3 or not text[pos - 3].isalnum()):
            pos -= 2  # "a few", "a handful of"
        if pos < covered:
            continue
        m = pattern.match(text, pos)
        if m is None:
            continue
        key = _SPACES_RE.sub(" ", m.group(1).lower())
        if key in _VAGUE_ONLY_BEFORE_OF and not re.match(r"\s+of\b", text[m.end():m.end() + 4]):
            continue
        low, high = table[key]
        found.append((m.start(), m.end(), m.group(0), Interval(low, high)))
        covered = m.end()
    return found


#: Vague amounts that are also the plural of an everyday noun ("test scores", "credit scores") or
#: a word of other uses ("tens" of a digit): they are a number only before "of" ("scores of fans",
#: "tens of students").
_VAGUE_ONLY_BEFORE_OF = frozenset({"scores", "tens"})


@lru_cache(maxsize=1)
def _vague_table() -> tuple[dict[str, tuple[float, float]], re.Pattern]:
    table = {k.lower(): v for k, v in lexicon().vague.items()}
    phrases = sorted(table, key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    # a vague amount is followed by "of", a lower-case word, or the end of a clause ("could cost
    # billions.", "ran into the thousands,"); a capitalised word after it ("Millions Bank") is a name
    return table, re.compile(rf"\b({alternation})\b(?=\s+of\b|\s+[a-z]|\s*[.,;:!?](?:\s|$))", re.IGNORECASE)
