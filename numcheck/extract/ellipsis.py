"""What a figure leaves unsaid and takes from its neighbours (ellipsis).

News text states a unit or a counted noun once and lets later figures of the
same sentence lean on it: "rose 64 points to 4,577", "$5 million in 2019 and
7 million in 2020", "40 million of the 2.5 billion euros".  These functions
give such a bare count (no unit, no noun) what its neighbour says.  They work
on finished :class:`numcheck.Claim` records of one sentence, in text order.

>>> from numcheck.extract import extract_text
>>> [(c.surface, c.unit) for c in extract_text("Sales were $4 million in 2018 and 6 million in 2019.")
...  if c.kind.value == "money"]
[('$4 million', 'USD'), ('6 million', 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..records import Change, Claim, Kind, Qualifier
from .figures import _WORD_BEFORE_RE  # the word before a figure, read as figures.py reads it
from .lexicon import lexicon
from .words import is_nounish, word_classes

_UNIT_KINDS = (Kind.MONEY, Kind.MEASURE, Kind.PERCENT, Kind.DURATION)
_GLUED_WORD_RE = re.compile(r"-[A-Za-z]")  # compiled once: this runs for every bare number


def inherit_unit(claim: Claim, earlier: list[Claim]) -> Claim:
    """ "rose 64 points to 4,577", "$5 million in 2019 and 7 million in 2020", "460 cars this
    year against 63 last year": a bare number whose unit or noun is left unsaid takes them from
    the nearest earlier figure in digits of its sentence.  A percent passes only between two
    changes or two levels, and never to a number above 100 ("climbed 0.1% to 1,333" is a
    level); a signed number ("+1") is a score or a delta and keeps what it has."""
    if claim.kind is not Kind.COUNT or claim.noun or claim.qualifier is Qualifier.VAGUE \
            or claim.surface[:1] in "+-−":
        return claim
    if _GLUED_WORD_RE.match(claim.sentence[claim.end - claim.sentence_start:][:2]):
        return claim  # "the 3-bedroom house": the number counts the word it is glued to
    if in_tally(claim.sentence, claim.start - claim.sentence_start, claim.end - claim.sentence_start):
        return claim  # "a 3-1 win": a score counts what its sentence does not name
    for prev in reversed(earlier):
        if not any(ch.isdigit() for ch in prev.surface):
            continue
        if prev.kind is Kind.PERCENT and (abs(claim.value) > 100 or (prev.change is Change.NONE)
                                          != (claim.change is Change.NONE)):
            continue
        if prev.kind in _UNIT_KINDS and prev.unit:
            return replace(claim, kind=prev.kind, unit=prev.unit, dimension=prev.dimension)
        if prev.kind is Kind.COUNT and prev.noun:
            if _object_of_another_verb(claim, prev):
                return claim  # "buried 30 homes and killed 12": another verb's object, other things
            return replace(claim, noun=prev.noun, noun_counted=prev.noun_counted)
    return claim




def _object_of_another_verb(claim: Claim, prev: Claim) -> bool:
    """True when the bare count is the object of a verb of its own that names one of the
    lexicon's events ("buried 30 homes and killed 12": the dead are no homes), an event the
    earlier count's context does not hold.  Other verbs keep the earlier noun ("destroyed 400
    homes and damaged 1,200", "won 38 seats and lost 12")."""
    events = _event_lemmas()
    if not any(lemma in events and lemma not in prev.context for lemma in claim.context):
        return False
    at = claim.start - claim.sentence_start
    word = _WORD_BEFORE_RE.search(claim.sentence, max(0, at - 30), at)
    return word is not None and "VERB" in word_classes(word.group(1).lower()) and not is_nounish(word.group(1))


@lru_cache(maxsize=1)
def _event_lemmas() -> frozenset[str]:
    """The lexicon's event lemmas ([events]: die, injure, detain...)."""
    return frozenset(lexicon().event_synonyms.values())


_TALLY_BEFORE_RE = re.compile(r"(?<![\d.,/-])(\d{1,3})-$")
_TALLY_AFTER_RE = re.compile(r"-(\d{1,3})(?![\d.,%/-])")


def in_tally(text: str, start: int, end: int) -> bool:
    """True for a number that is one side of a score or a vote tally: two whole numbers of at
    most three digits glued by a hyphen, the first not below the second ("won 3-1", "voted
    51-49", "a 2-2 draw").  A range climbs ("10-15 people": joined into one figure before
    this), so a pair that does not climb is a result; its sides count points, goals or votes
    the text does not name, never the noun of the sentence ("the board voted 5-2")."""
    if not ((start > 0 and text[start - 1] == "-") or (end < len(text) and text[end] == "-")) \
            or not text[start:end].isdigit():
        return False  # the hyphen first: most counts have none, and the regexes need one
    before = _TALLY_BEFORE_RE.search(text, max(0, start - 4), start)
    if before is not None:
        return int(before.group(1)) >= int(text[start:end])
    after = _TALLY_AFTER_RE.match(text, end)
    return after is not None and (start == 0 or not (text[start - 1].isdigit() or text[start - 1] in ".,/-")) \
        and int(text[start:end]) >= int(after.group(1))


_OF_PRONOUN_RE = re.compile(r"\s+of\s+(?:them|those|whom|these)\b", re.IGNORECASE)


def inherit_noun_back(claim: Claim, earlier: list[Claim]) -> Claim:
    """ "injured 23 workers, five of them seriously", "300 were held, two of whom were
    minors": a number in words before "of" and a pronoun is a part of a set named before it,
    so it counts the noun of the nearest earlier count with a noun, in digits or in words
    ("three teenagers, two of them girls").  Other numbers in words inherit nothing: a
    pronoun is what marks this one as a part."""
    if claim.kind is not Kind.COUNT or claim.noun \
            or not _OF_PRONOUN_RE.match(claim.sentence, claim.end - claim.sentence_start):
        return claim
    for prev in reversed(earlier):
        if prev.kind is Kind.COUNT and prev.noun:
            return replace(claim, noun=prev.noun, noun_counted=prev.noun_counted)
        if prev.kind is not Kind.COUNT:
            break  # "raised $40,000, and three of them": a set of no named things
    return claim


_OF_THE_RE = re.compile(r"\s+of\s+(?:the|its|their|a|an)\s+$", re.IGNORECASE)


def inherit_from_whole(text: str, claims: list[Claim]) -> list[Claim]:
    """ "40 million of the 2.5 billion euros", "3 million of the 9 million tickets": a bare
    part takes the unit or noun of the whole it is "of"."""
    out = list(claims)
    for i in range(len(out) - 1):
        part, whole = out[i], out[i + 1]
        if part.kind is not Kind.COUNT or not _OF_THE_RE.fullmatch(text, part.end, whole.start):
            continue
        if whole.kind in _UNIT_KINDS and whole.unit:
            out[i] = replace(part, kind=whole.kind, unit=whole.unit, dimension=whole.dimension)
        elif whole.kind is Kind.COUNT and whole.noun and not part.noun:
            out[i] = replace(part, noun=whole.noun, noun_counted=whole.noun_counted)
    return out


# "and" right before the figure, after the counted noun and a short phrase with no figure or clause in it
# (up to two words, "this summer", "last month", then a phrase with a preposition)
_GAPPED_AND_RE = re.compile(r"(?:\s+[a-z]+){0,2}(?:\s+(?:on|in|from|over|for|against|versus)(?:\s+[A-Za-z'’-]+){1,3})?,?\s+and\s+")


# ", the mini by" / "and the Pro by" between two figures that each follow "by": a gapped clause, a short
# noun phrase (the object) and "by" with the verb left out ("raised fares by 5%, tolls by 3% and fees by 2%")
_GAPPED_BY_RE = re.compile(r",?\s+(?:and\s+)?((?:[A-Za-z'’-]+\s+){1,4})by\s+")


def _gapped_by(text: str, prev: Claim, cur: Claim) -> bool:
    """True when ``cur`` is the figure of a gapped "<object> by <figure>" after ``prev``'s
    "by <figure>"; the object has no past participle that is only a verb ("helped by 3%" is a
    passive and its agent)."""
    if not text[max(0, prev.start - 4):prev.start].lower().endswith("by "):
        return False
    m = _GAPPED_BY_RE.fullmatch(text, prev.end, cur.start)
    return m is not None and not any(
        w.endswith(("ed", "en")) and "VERB" in (c := word_classes(w.lower())) and "NOUN" not in c and "ADJ" not in c
        for w in m.group(1).split())


def inherit_gapped_change(text: str, claims: list[Claim]) -> list[Claim]:
    """ "rose 0.2% on the month and 4.1% on the year", "fell 3% in May and 5% in June": a figure
    of the same kind joined by "and" to a change, with no verb of its own between, shares the
    change's verb (English leaves the repeated verb out: gapping).  A figure that counts
    something else opens a clause of its own ("rose 5% and 40% of stores closed")."""
    if len(claims) < 2:
        return claims  # most sentences: one figure
    out = list(claims)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if prev.change is not Change.NONE and cur.change is Change.NONE and cur.kind is prev.kind \
                and cur.noun in ("", prev.noun) and (_GAPPED_AND_RE.fullmatch(text, prev.end, cur.start)
                                                     or _gapped_by(text, prev, cur)):
            out[i] = replace(cur, change=prev.change)
    return out
