"""Gates that let :func:`.numbers.find_numbers` skip work, each with why it finds the same numbers.

Kept apart from the reading itself (numbers.py) so each gate and its argument can be read
whole; tests/test_fast_paths.py checks each against the plain code.
"""

from __future__ import annotations

import bisect
import re

from . import fractions
from .spans import Spans


# The last character other than white space of every numbers._PREFIX_RE match that is not all white
# space: a sign, a currency sign, or the last letter of a currency prefix or of "minus".
_PREFIX_LAST = frozenset("-−+sSKZCARkzcM=DP.$€£¥₹")


def may_have_prefix(text: str, pos: int) -> bool:
    """False when no currency prefix or sign can end at ``pos`` (the digits of a number).

    Why (profiled): searching numbers._PREFIX_RE before every number in digits was a tenth of
    find_numbers, and most numbers follow a plain word ("in 2018", "nearly 3,000").  A
    prefix match ends in white space at most after one of the characters of _PREFIX_LAST,
    so the character before the white space before ``pos`` must be one of them.  A match of
    white space alone moves the start to a blank where numbers.NUMBER_RE cannot match, and the
    number is then read at ``pos``: skipping it changes nothing.
    """
    q, stop = pos - 1, max(0, pos - 9)
    while q >= stop and text[q].isspace():
        q -= 1
    return q >= stop and text[q] in _PREFIX_LAST


# characters: farther than the "/" of a fraction in digits that starts one character after a number
# (sign, currency, numerator: "minus US $1/2"), and than a fraction in words reads around its word
_FRACTION_PART_REACH = 20
_FRACTION_WORD_REACH = 40


def unread_in_dropped(text: str, m: re.Match, plain: bool, hit: int, dropped: Spans,
                       fraction_starts: list[int]) -> bool:
    """True when the number numbers.NUMBER_RE's ``m`` reads at ``hit`` need not be read: the caller drops it,
    and it bears on no other number.

    Why (profiled): of the numbers read in the bench texts, 44% lie inside dates ("June 25,
    2018", "in 2019") and the caller drops them; reading them (the edge checks, the value,
    the record) was about a twentieth of the extraction.  Why the result is the same:

    * the caller drops it: it starts at ``hit`` (``m`` starts there), inside ``dropped``;
    * it is ``plain`` digits (no sign, currency, scale, ordinal, fraction or words: only the
      ``digits`` group of NUMBER_RE took part), so no other start lies inside it (the scan keeps one start
      per run of digits, and the others need a letter or a sign), and no currency prefix
      of a later number reaches into it (numbers._PREFIX_RE takes no digit, "," or "."): moving
      ``covered`` to its end, as reading it would, or leaving it, skips the same starts;
    * no fraction joins it: none starts right after it or one character later ("2 1/2", "5½",
      "7-3/4": what :func:`.fractions.join_whole` joins to the number before; no vulgar sign
      there and no "/" within _FRACTION_PART_REACH), so the number before it is joined to
      none either (its digits stand between); and no fraction word is within
      _FRACTION_WORD_REACH characters, farther than a fraction in words looks for a whole
      number before it or is kept from the digits it covers (:func:`.fractions.read_words`).
    """
    if not plain or m.start() != hit or not dropped.covers(hit):
        return False
    end = m.end()
    if text.find("/", end, end + _FRACTION_PART_REACH) >= 0 or any(ch in fractions.VULGAR for ch in text[end:end + 2]):
        return False
    near = bisect.bisect_left(fraction_starts, hit - _FRACTION_WORD_REACH)
    return near == len(fraction_starts) or fraction_starts[near] > end + _FRACTION_WORD_REACH
