"""What a figure measures, read from the phrase right after it: "four hours **of Bach cantatas**",
"$45 million **in damages**", "a 5% rise **in rents**", "a 20% reduction **in falls**" (a noun made
from a verb of change), or, for a change noun with no "in" phrase, the clause around it; and the
bearing after a distance ("80 km **north of Lima**"), which names where from, not what.

Split out of :mod:`.subjects`, whose :func:`.subjects.subject_for` tries these in its order.
"""

from __future__ import annotations

import calendar
from functools import lru_cache

from .clause_subjects import _clause_subject
from .events import event_lemma
from .lexicon import lexicon
from .phrases import _DETERMINERS, _np_after, _render
from .words import STOP, Token, is_adjish, is_nounish

# Month and weekday names (and their abbreviations): a time, never what a figure measures.
_CALENDAR_NAMES = frozenset(name.lower() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:],
                                                      *calendar.day_name, *calendar.day_abbr))
_QUOTES_OR_WORTH = frozenset({"'", "’", "worth"})


def _of_phrase_after(tokens: list[Token], k: int) -> str:
    """ "four hours of Bach cantatas" -> ``bach cantata``; also after a restatement in
    parentheses ("40 kg (88 lb) of flour") and after "worth" ("$20 worth of sweets")."""
    if k < len(tokens) and tokens[k].text == "(":
        close = next((i for i in range(k + 1, min(k + 10, len(tokens))) if tokens[i].text == ")"), -1)
        k = close + 1 if close > 0 else k
    k = _skip_forward(tokens, k, _QUOTES_OR_WORTH)
    if k < len(tokens) - 1 and tokens[k].lower == "of":
        n = _skip_forward(tokens, k + 1, _DETERMINERS)
        if n < len(tokens) and not tokens[n].text[0].isdigit():  # not "30 of the 200 seats"
            return _render(_np_after(tokens, n))
    return ""


def _in_phrase_after(tokens: list[Token], k: int) -> str:
    """ "$1.7 trillion in spending", "$45 million in damages": an amount of money followed by
    "in" and a common noun names what the money is (a place or a name is not: "$3 million in Ohio")."""
    if k < len(tokens) - 1 and tokens[k].lower == "in":
        n = _skip_forward(tokens, k + 1, _DETERMINERS - {"the"})
        if n >= len(tokens) or not tokens[n].text[0].islower() or tokens[n].lower in STOP:
            return ""
        if is_nounish(tokens[n].text) or is_adjish(tokens[n].text):
            return _render(_np_after(tokens, n))
        if tokens[n].lower.endswith("ing"):
            return tokens[n].lower  # a gerund as the noun: "in spending", "in funding"
    return ""


def _skip_forward(tokens: list[Token], k: int, words: frozenset[str]) -> int:
    while k < len(tokens) and tokens[k].lower in words:
        k += 1
    return k


# a noun made from a verb (English derivational morphology): "reduction" <- "reduce",
# "contraction" <- "contract", "growth" <- "grow", "improvement" <- "improve"
_NOMINAL_SUFFIXES = (("uction", "uce"), ("ction", "ct"), ("ment", ""), ("th", ""))


@lru_cache(maxsize=512)
def _names_a_change(head: str) -> bool:
    """True when a noun names a change: a verb of change itself ("rise", "cut") or a noun made from
    one ("a 20% reduction", "a 3% contraction", "4% growth"), or an event (:func:`event_lemma`)."""
    change = lexicon().change
    if head in change or event_lemma(head):
        return True
    return any(head.endswith(suffix) and head[: -len(suffix)] + repl in change
               for suffix, repl in _NOMINAL_SUFFIXES if len(head) > len(suffix) + 2)


def _change_in(tokens: list[Token], first: int, noun_end: int, head: str, after: int) -> str:
    """ "a 5% rise in rents", "a rise of 5% in rents", "a 20% reduction in falls" -> ``rent``, ``fall``;
    with no ``in`` phrase a change noun, like a packaging head, leaves whose change it is to the
    clause ("**night buses**, which saw a 5% decline", "**bus fares** posted a rise of 5%")."""
    if not head or not _names_a_change(head):
        return ""
    if noun_end < len(tokens) - 1 and tokens[noun_end].lower == "in" \
            and not _names_a_time(tokens[noun_end + 1]):
        return _render(_np_with_of(tokens, noun_end + 1))
    if noun_end < len(tokens) and tokens[noun_end].lower == "in":
        return ""  # "a 1.4% fall in May": the change noun stays (a time is not what changed)
    if noun_end == after + 1 and tokens[after].lower == head \
            or first >= 1 and tokens[first - 1].lower in ("of", "by"):
        return _clause_subject(tokens, first, True)  # "a 36% increase", "an increase of 4 points"
    return ""  # "a $4.2 million paving contract": a noun between figure and head names the thing


def _np_with_of(tokens: list[Token], k: int) -> list[tuple[Token, str]]:
    """The noun phrase starting at tokens[k] with its ``of`` complement, as a subject keeps it
    ("a 12% rise in the number of visitors" -> ``number of visitor``, "in the price of bread")."""
    words = _np_after(tokens, k)
    if not words:
        return words
    e = next(i for i in range(k, len(tokens)) if tokens[i] is words[-1][0]) + 1
    if e + 1 < len(tokens) and tokens[e].lower == "of" and not tokens[e + 1].text[0].isdigit():
        more = _np_after(tokens, e + 1)
        if more and not more[0][0].text[0].isdigit():
            return words + [(tokens[e], "of")] + more
    return words


def _names_a_time(tok: Token) -> bool:
    """ "a 0.2% drop in April", "a 3% rise in 2023": a month, a day or a year after "in" says
    when the change happened, not what changed."""
    return tok.lower in _CALENDAR_NAMES or (len(tok.text) == 4 and tok.text.isdigit())


# The points of the compass, which after a distance give its bearing from a place ("80 km north of
# Lima"; a closed class, with the hyphenated and joined spellings of the intercardinal points)
_BEARINGS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                       "north-east", "north-west", "south-east", "south-west"})


def _past_bearing(tokens: list[Token], k: int) -> int:
    """ "Tula, some 80 km north of Lima, was hit": a distance's bearing from a place ("north of Lima")
    after the figure says where the noun phrase before the comma lies; the figure is still set off
    by the comma after the place, and measures that phrase, not the place.  The index of that
    comma (``k`` when no bearing follows)."""
    if k + 2 >= len(tokens) or tokens[k].lower not in _BEARINGS or tokens[k + 1].lower != "of":
        return k
    j = k + 2
    while j < len(tokens) and j - k <= 7 and tokens[j].text not in (",", ";", ".", "(", ")"):
        j += 1
    return j
