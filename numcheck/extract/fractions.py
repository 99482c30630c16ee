"""Fractions, read in one place: in digits ("1/3", "3 1/2", "7-3/4"), as vulgar signs ("½",
"2½") and in words ("one sixth", "two-thirds", "three halves", "two and a half",
"half a million", "a quarter of").

Every fraction is read as the same three parts, of which only the middle one is needed::

    [whole number + joint]   fraction   [scale]
     "3 " "2½" "two and a"   "1/2" "half" "a million" "of a billion"

and each rule about them is stated once, here:

* **whole + joint** (:func:`join_whole`, :func:`_whole_before`): digits right before a digit
  or vulgar fraction, joined by nothing, a space or a hyphen, in plain digits *below*
  :data:`WHOLE_BELOW` (so "In 2019 1/3 of voters" stays a year, then a fraction); a number
  before "and a|an|one <fraction word>" ("two and a half", "$3 and a quarter").  A whole
  number is an integer, never an ordinal, a fraction, or already scaled ("1 million and a half").
* **fraction in digits** (:func:`parse_slash`): a proper fraction ("1/4", not "24/7");
  **vulgar**: the value Unicode gives the sign; **in words** (:data:`_WORD_RE`): an optional
  numerator (a, an, one ... nine) and a denominator word, where a numerator above one takes
  the plural ("two thirds", not "two third").
* **scale** (:func:`_scale_re`): "[of] [a|an] hundred|thousand|million|billion|trillion|dozen"
  right after the fraction multiplies whole + fraction ("two and a half million", "2½
  million", "three quarters of a billion", "half a dozen").
* **what a word fraction means** without whole or scale (:func:`_meaning`): before "of a|an
  <unit>" it is a fraction of one unit ("a third of a mile", "a quarter of a percentage
  point"); a share, in percent, before "of" or a determiner or after "by" ("two-thirds of
  the", "fell by a fifth"); "half a|an <noun>" is one half of that noun ("half an hour"); with a numerator
  it is the plain fraction ("one-half mile", "one sixth.", "three halves"); a bare
  denominator or "a third"/"a quarter" is not a fraction ("a third term", "the fourth of
  July", "finished third."), and neither is a bare "third" or "quarter" before "of" (English
  says "a third of", "a quarter of" for a share; "the final quarter of 2016" is a period).

The step (rounding unit) of a fraction is 0: it names an exact value.

Hand-written for the same reason as :mod:`.numbers` (spans in running text).
:func:`.numbers.find_numbers` calls :func:`join_whole` as it reads digits, and
:func:`read_words` once after, at the offsets of the fraction words the scan found.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace

from . import numbers  # NumberMatch and the number words, looked up at call time (numbers imports us)
from .spans import Spans

VULGAR = {ch: unicodedata.numeric(ch) for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
                "tenth": 10, "tenths": 10}
#: The fraction words, for the scan that finds where they start.
FRACTION_WORDS = frozenset(DENOMINATORS)
#: A whole number before a fraction in digits is below this (a year is not a whole part).
WHOLE_BELOW = 1000
#: A bare denominator, without a numerator, that can still be a fraction ("half of", "a third of").
_BARE = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters"})
_ONE = frozenset({"a", "an", "one"})

_WORD_RE = re.compile(
    r"\b(?:(?P<num>an?|one|two|three|four|five|six|seven|eight|nine)[\s-])?"
    r"(?P<den>" + "|".join(sorted(DENOMINATORS, key=len, reverse=True)) + r")\b"
    r"(?P<end>(?=\s*[.!?](?:\s|$)))?", re.IGNORECASE)
_DOZEN = 12.0


@functools.cache
def _scale_re() -> re.Pattern[str]:
    """A scale word after a fraction: numbers.SCALE_WORDS and "dozen".  Built on first use,
    because numbers imports this module and its table is not there yet at import time."""
    words = "|".join(sorted([*numbers.SCALE_WORDS, "dozen"], key=len, reverse=True))
    return re.compile(r"\s+(?:of\s+)?(?:an?\s+)?(?P<scale>" + words + r")\b", re.IGNORECASE)
_AND_BEFORE_RE = re.compile(r"\s+and\s+$", re.IGNORECASE)
_SHARE_RE = re.compile(r"\s+(?:of|the|their|its|his|her)\b", re.IGNORECASE)
_OF_ONE_RE = re.compile(r"\s+an?\b(?=\s+[a-z])", re.IGNORECASE)
# "the <word> half": the article and a word before a bare "half" name one part of a whole (a region,
# "the northern half of the country"; a period, "the back half of the season"); a share is written
# without the article ("half of", "nearly half", "more than half"), or as the rest of a share
# ("the other half", "the remaining half": the complement of a half said before)
_THE_WORD_BEFORE_RE = re.compile(r"\b[Tt]he\s+(?!other\b|remaining\b)[a-z]+-?[a-z]*\s+$")
_OF_A_UNIT_RE = re.compile(r"\s+of\s+an?(?=\s+(?P<word>[A-Za-z]+))", re.IGNORECASE)


def parse_slash(num: str, den: str) -> float | None:
    """Value of "1/4"; None for what is not a proper fraction ("24/7", "50/50").

    >>> parse_slash("1", "4"), parse_slash("3", "8"), parse_slash("24", "7"), parse_slash("50", "50")
    (0.25, 0.375, None, None)
    """
    n, d = int(num), int(den)
    if n >= 10 and d not in _DENOMINATORS_OF_BIG_NUMERATORS:
        return None  # "19/29 mpg", "17/25": two figures side by side (see _DENOMINATORS_OF_BIG_NUMERATORS)
    return n / d if 0 < n < d else None


def slash_pair(m: re.Match, num: str, den: str) -> list[numbers.NumberMatch]:
    """The two figures of "19/29" in "19/29 mpg city/highway" (NUMBER_RE's fraction match ``m``
    with its numerator and denominator), which :func:`parse_slash` refuses as a fraction: a
    numerator of two digits or more, a larger denominator English does not write under it.
    Empty for anything else ("24/7", "50/50" stay no figures; a sign or currency before it)."""
    n, d = int(num), int(den)
    if not 10 <= n < d or d in _DENOMINATORS_OF_BIG_NUMERATORS or m.start("fnum") != m.start():
        return []
    out = []
    for digits, start in ((num, m.start("fnum")), (den, m.start("fden"))):
        value, step = numbers.parse_digits(digits)
        out.append(numbers.NumberMatch(start, start + len(digits), digits, value, step, plain_digits=digits))
    return out


# Denominators English writes under a numerator of two digits or more: sixteenths to
# hundred-and-twenty-eighths of an inch ("11/16 inch", "25/64") and hundredths.  A vulgar fraction
# in prose is otherwise in small terms ("3/8", "2/3"); two numbers of two digits joined by a slash
# ("19/29 mpg city/highway", "17/25") are a pair of figures, each read on its own.
_DENOMINATORS_OF_BIG_NUMERATORS = frozenset({16, 32, 64, 128, 100})


def vulgar_at(text: str, pos: int) -> numbers.NumberMatch | None:
    """ "½" at ``pos``, not glued to a letter or digit after it."""
    value = VULGAR.get(text[pos]) if pos < len(text) else None
    if value is None or (pos + 1 < len(text) and text[pos + 1].isalnum()):
        return None
    return numbers.NumberMatch(pos, pos + 1, text[pos], value, 0.0)


def join_whole(text: str, whole: numbers.NumberMatch | None,
               part: numbers.NumberMatch) -> numbers.NumberMatch:
    """A fraction in digits or a vulgar sign, joined to the whole number right before it ("2 1/2",
    "2½", "7-3/4") and scaled by a scale word after it ("2½ million")."""
    if whole is not None and text[whole.end:part.start] in ("", " ", "-") and _is_whole(whole) \
            and whole.plain_digits.isdigit() and abs(whole.value) < WHOLE_BELOW:
        sign = -1.0 if whole.value < 0 else 1.0
        part = replace(whole, end=part.end, surface=text[whole.start:part.end],
                       value=whole.value + sign * part.value, step=0.0)
    return _scaled(text, part)


def _is_whole(n: numbers.NumberMatch) -> bool:
    return not (n.ordinal or n.fraction) and n.scale == 1.0 and float(n.value).is_integer()


def _scaled(text: str, n: numbers.NumberMatch) -> numbers.NumberMatch:
    s = _scale_re().match(text, n.end)
    if s is None:
        return n
    word = s.group("scale").lower()
    factor = _DOZEN if word == "dozen" else float(numbers.SCALE_WORDS[word])
    return replace(n, end=s.end(), surface=text[n.start:s.end()], value=n.value * factor, scale=factor)


def read_words(text: str, found: list[numbers.NumberMatch], starts: list[int],
               masked: Spans) -> list[numbers.NumberMatch]:
    """``found`` with the fractions in words at ``starts`` (offsets of fraction words) read in;
    each replaces the numbers it covers (its numerator, whole number, scale word, or the
    ordinal the same word also is).  Linear in the numbers and fraction words, plus a sort."""
    digits = Spans((n.start, n.end) for n in found if not n.written)  # a number in digits keeps its words
    ends = {n.end: n for n in found}
    added: list[numbers.NumberMatch] = []
    for pos in starts:
        m = _WORD_RE.search(text, max(0, pos - 8), pos + 12)
        if m is None or m.start("den") != pos:
            continue
        start = m.start("num") if m.group("num") else pos
        if masked.overlaps(start, m.end()) or digits.overlaps(start, m.end()):
            continue
        fraction = _fraction_of(m)
        n = _compose(text, m, start, fraction, ends) if fraction is not None else None
        if n is not None and not (added and n.start < added[-1].end):
            added.append(n)
    if not added:
        return found
    taken = Spans((n.start, n.end) for n in added)
    return sorted([f for f in found if not taken.overlaps(f.start, f.end)] + added, key=lambda f: f.start)


def _fraction_of(m: re.Match) -> float | None:
    """The value of a word fraction's numerator over its denominator, or None when the words
    are no fraction."""
    num, den = (m.group("num") or "").lower(), m.group("den").lower()
    if not num and (m.group("end") is not None or den not in _BARE):
        return None  # "finished third.", "the fourth of July": an ordinal
    count = 1 if not num or num in _ONE else numbers.UNITS_WORDS[num]
    if count > 1 and not den.endswith("s"):
        return None  # "two third": a count above one takes the plural
    return count / DENOMINATORS[den]


def _compose(text: str, m: re.Match, start: int, fraction: float,
             ends: dict[int, numbers.NumberMatch]) -> numbers.NumberMatch | None:
    """Whole + fraction + scale, or the fraction alone as :func:`_meaning` reads it."""
    num = (m.group("num") or "").lower()
    whole = _whole_before(text, start, ends) if num in _ONE else None
    head = whole.start if whole is not None else start
    n = numbers.NumberMatch(head, m.end(), text[head:m.end()], fraction + (whole.value if whole else 0.0),
                            0.0, whole.currency if whole else "", written=True)
    scaled = _scaled(text, n)
    if whole is not None or scaled is not n:
        return scaled  # "two and a half", "one and a half million", "half a million"
    return _meaning(text, m, n)


def _whole_before(text: str, start: int, ends: dict[int, numbers.NumberMatch]) -> numbers.NumberMatch | None:
    """The number (by its end offset) before "and a|an|one <fraction>" ("two and a half", "3 and a quarter")."""
    before = _AND_BEFORE_RE.search(text, max(0, start - 12), start)
    if before is None:
        return None
    whole = ends.get(before.start())
    return whole if whole is not None and _is_whole(whole) else None


def _meaning(text: str, m: re.Match, n: numbers.NumberMatch) -> numbers.NumberMatch | None:
    num, den = (m.group("num") or "").lower(), m.group("den").lower()
    unit = _OF_A_UNIT_RE.match(text, n.end)
    if unit is not None and _is_unit(unit.group("word")):  # "a third of a mile": a fraction of one unit,
        return replace(n, end=unit.end(), surface=text[n.start:unit.end()])  # and the unit reader takes it
    if not num and den not in ("half", "halves"):
        return None  # "the final quarter of 2016": English writes a third or a quarter as a share with "a"
    if not num and _THE_WORD_BEFORE_RE.search(text, max(0, n.start - 30), n.start):
        return None  # "the southern half of the country", "the back half": a part named, not a share
    if _SHARE_RE.match(text, n.end) or (num in ("", "a", "one") and _share_of_change(text, n)):
        return replace(n, value=100.0 * n.value, fraction=True)  # "half of", "fell by a fifth"
    if num in ("a", "an") and den not in ("half", "halves"):
        return None  # "a third term", "a quarter century": an ordinal or a period
    if not num:
        of_one = _OF_ONE_RE.match(text, n.end) if den == "half" else None
        # "half a mile": the number ends after the article, and the unit reader takes the noun
        return replace(n, end=of_one.end(), surface=text[n.start:of_one.end()]) if of_one else None
    return n  # "one-half mile", "a half mile", "one sixth", "three halves"


def _share_of_change(text: str, n: numbers.NumberMatch) -> bool:
    """ "fell by a fifth", "fell by about a quarter", "rose more than a third": a fraction after "by" or
    a verb of change, a qualifier between them read past, and no noun after it ("cut by a quarter
    point" is a quarter of a point), is the share the thing changed by."""
    from .lexicon import lexicon
    from .qualifiers import find_qualifier_before
    from .words import STOP, is_nounish

    at = n.start
    q = find_qualifier_before(text[max(0, at - 40):at])
    if q is not None:
        at -= q[1]
    from .figures import _WORD_BEFORE_RE  # figures imports numbers, which imports this module

    word = _WORD_BEFORE_RE.search(text, max(0, at - 24), at)
    if word is None or not (word.group(1).lower() == "by" or word.group(1).lower() in lexicon().change):
        return False
    after = _WORD_AFTER_RE.match(text, n.end)
    if after is None:
        return True
    word = after.group(1).lower()  # "rose half a percentage point": half of one unit, read below
    return word not in ("a", "an") and (word in STOP or not is_nounish(word))


_WORD_AFTER_RE = re.compile(r"\s+([A-Za-z]+)")


def _is_unit(word: str) -> bool:
    """True when ``word`` names a unit of numcheck's catalogue ("mile", "hour", "percentage")."""
    from ..units import unit_surfaces

    table = unit_surfaces()
    return word in table or word.lower() in table


# "one in four", "nine out of 10", "4 in every 10", "one of every five": a share written as a
# ratio of two counts.  "one of four" is left alone (one thing among four: "one of the").
_RATIO_GAP_RE = re.compile(r"(?:\s+(?:in|out\s+of|in\s+every|of\s+every)\s+|-in-)\Z", re.IGNORECASE)  # matched at X's end


def join_ratios(text: str, found: list[numbers.NumberMatch]) -> list[numbers.NumberMatch]:
    """Numbers with each "X in Y" share ("one in four patients", "nine out of 10 doctors")
    joined into one fraction in percent (25, 90), as "a quarter of patients" is read; the
    counted noun after it is what the share is of.  Both are whole numbers, the first the
    smaller, and no unit follows the second ("one in four hours" is a rate, not a share).

    >>> [(n.surface, n.value) for n in join_ratios("One in four adults and 3 in 10 children",
    ...     numbers.find_numbers("One in four adults and 3 in 10 children"))]
    [('One in four', 25.0), ('3 in 10', 30.0)]
    """
    out: list[numbers.NumberMatch] = []
    for n in found:
        a = out[-1] if out else None
        if a is not None and n.start - a.end == 4 and _in_compound(text, a, n):
            out.pop()  # "2-in-1 laptops", "a 3-in-1 printer": a compound that names a kind, no amount
            continue
        if a is not None and _is_ratio(text, a, n):
            out[-1] = numbers.NumberMatch(a.start, n.end, text[a.start:n.end], 100.0 * a.value / n.value, 0.0,
                                          written=a.written and n.written, fraction=True)
            continue
        out.append(n)
    return out


def _in_compound(text: str, a: numbers.NumberMatch, b: numbers.NumberMatch) -> bool:
    """ "2-in-1", "3-in-1": digits hyphened to "in" and to digits no larger, a compound adjective
    that names a kind of product; no share can be larger than its whole ("1-in-4" is a share)."""
    return b.start - a.end == 4 and text[a.end:b.start].lower() == "-in-" and a.value >= b.value > 0 \
        and not a.written and not b.written


def _is_ratio(text: str, a: numbers.NumberMatch, b: numbers.NumberMatch) -> bool:
    if not 3 < b.start - a.end <= 16 or not _RATIO_GAP_RE.match(text, a.end, b.start):
        return False  # most numbers stand farther apart: one subtraction settles them
    if not (0 < a.value < b.value) or not (_is_whole(a) and _is_whole(b)) or a.currency or b.currency:
        return False
    if a.start >= 2 and text[a.start - 1] in "-–/" and text[a.start - 2].isdigit():
        return False  # "201-7 in 20 overs", "won 3-1 in 90 minutes": X ends a score or pair, no share
    from .units_after import _unit_after

    return _unit_after(text, b, min(len(text), b.end + 40))[0] == ""
