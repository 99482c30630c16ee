"""Whose figure it is when the words around the figure do not say (patterns of :mod:`.subjects`,
tried after the ones that read the figure's own phrase):

==============================================  ==========================================
pattern                                         subject
==============================================  ==========================================
"9 stalls line **the main square**"             the verb's object, for a figure that is its
                                                clause's subject
"Of those, 510,000 were **late payments**"      the predicate noun after "be"
"wheat rose 4%; **barley**, 2%"                 the noun phrase of a clause that leaves its
                                                verb out
"**flats** under $200,000 sell in 40 days;      an earlier figure's subject, for a figure with
$200,000 to $300,000, 52 days"                  no words of its own
"took 8,400 **calls**, a 22% rise"              a change noun set off after a clause: that
                                                clause's last figure
==============================================  ==========================================

Split out of :mod:`.subjects` to keep it short; two patterns ask :func:`.subjects.subject_for`
again for an earlier figure (imported when called: the two modules import each other).
"""

from __future__ import annotations

from .clause_subjects import _BEFORE_FIGURE, _CLAUSE_PUNCT
from .events import MODALS
from .phrases import _DETERMINERS, _np_after, _np_before, _render, _skip_back
from .phrases_after import _skip_forward
from .units_after import _dimension
from .words import STOP, Token, _irregular_participle, is_adjish, is_nounish, word_classes

_CLAUSE_OPENERS = _CLAUSE_PUNCT | {"and", "but"}
_GAP_OPENERS = frozenset({",", ";", "and", "with", "while", "whereas"})
_AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "be", "been", "being"})
_PARTICLES_OR_DETERMINERS = frozenset({"off", "up", "out", "down"}) | _DETERMINERS


def _object_of_figure(tokens: list[Token], first: int, noun_end: int) -> str:
    """ "Nine stalls and 4 kiosks line the main square" -> ``main square``: a figure that opens
    its clause is the subject, so what it measures is the verb's object.  A word between the
    verb and a determiner is a preposition ("hundreds gathered outside the courthouse", "crowds
    queued beside the gates"): the verb has no object, and the place is not what is counted."""
    if first > 0 and tokens[first - 1].lower not in _CLAUSE_OPENERS:
        return ""
    k = noun_end
    if k + 2 < len(tokens) and tokens[k].lower == "and" and tokens[k + 1].text[0].isdigit():
        k += 3 if is_nounish(tokens[k + 2].text) else 2  # a second figure joined by "and": "9 stalls and 4 kiosks"
    while k + 1 < len(tokens) and (tokens[k].lower in _AUXILIARIES or tokens[k].lower in MODALS):
        k += 1  # "600 firefighters are battling the blaze", "40 crews will tackle the fire"
    if k > noun_end and tokens[k - 1].lower in _FORMS_OF_BE and k < len(tokens) and not _participle(tokens[k].lower):
        return _predicate_noun(tokens, k)  # "Of the claims filed, 2,300 were duplicate invoices"
    if k >= len(tokens) or tokens[k].lower in STOP or "VERB" not in word_classes(tokens[k].lower):
        return ""
    k += 1
    if k + 1 < len(tokens) and tokens[k + 1].lower in _DETERMINERS and tokens[k].lower not in _PARTICLES_OR_DETERMINERS:
        return ""
    k = _skip_forward(tokens, k, _PARTICLES_OR_DETERMINERS)
    return _render(_np_after(tokens, k)) if k < len(tokens) and tokens[k].lower not in STOP else ""


_FORMS_OF_BE = frozenset({"is", "are", "was", "were", "be", "been"})


def _predicate_noun(tokens: list[Token], k: int) -> str:
    """ "Of the claims filed, 2,300 were duplicate invoices", "40% are women": after a figure that is the
    subject of "be", a noun phrase is the predicate, which names what the figure counts (the
    figure is a number of them); a participle ("were injured", "are fighting") is a verb, and
    its object, if any, is read as any verb's (the caller tests that first)."""
    k = _skip_forward(tokens, k, _DETERMINERS)
    if k >= len(tokens) or tokens[k].lower in STOP or not tokens[k].text.isalpha():
        return ""
    words = _np_after(tokens, k)
    return _render(words) if words and is_nounish(words[-1][0].text) else ""


def _participle(word: str) -> bool:
    """ "injured", "tackling", "set": a verb's participle (``word`` lower-cased)."""
    return "VERB" in word_classes(word) and (word.endswith(("ed", "ing")) or _irregular_participle(word))


_ON_OR_AT = frozenset({"on", "at"})  # what _gapped needs before the figure, tested before the call


def _gapped(tokens: list[Token], first: int) -> str:
    """ "Labour is on 41%, the Conservatives on 25% and the Greens on 9%", "with unemployment
    at 4%" -> ``conservative``, ``green``, ``unemployment``: a noun phrase, then "on"/"at" and the
    figure, after a comma or a conjunction, is a clause that leaves its verb out; the phrase is
    what the figure measures (the verb read back across the comma belongs to another subject)."""
    j = first - 1
    if j < 2 or tokens[j].lower not in ("on", "at"):
        return ""
    words, before = _np_before(tokens, j - 1)
    while before >= 0 and tokens[before].lower in _DETERMINERS:
        before -= 1
    if words and before >= 0 and tokens[before].lower in _GAP_OPENERS:
        return _render(words)
    return ""


def _elliptical(tokens: list[Token], first: int) -> str:
    """ "Wheat rose 4%; barley, 2%" -> ``barley``: a clause of a noun phrase, a comma and a
    figure leaves its verb out; the noun phrase is what the figure measures."""
    j = _skip_back(tokens, first - 1, _BEFORE_FIGURE)
    if j < 1 or tokens[j].text != ",":
        return ""
    words, before = _np_before(tokens, j - 1)
    if len(words) == 1 and "ADV" in word_classes(words[0][0].lower):
        return ""  # "However, 25 people", "Today, 40%": a sentence adverb, no noun phrase
    if words and (before < 0 or tokens[before].lower in (";", ":", "and", "while", "but")):
        return _render(words)
    return ""


def _earlier_figure_subject(tokens: list[Token], first: int, depth: int) -> str:
    """ "Flats under $200,000 sell in 40 days; $200,000 to $300,000, 55 days": a figure in a
    clause without words of its own shares the subject of the figure before it."""
    p = _previous_digits(tokens, first - 1)
    if p < 0:
        return ""
    while p > 1 and tokens[p - 1].lower in ("to", "-", "–"):  # the low end of a range: "$2 to $3 million"
        low = _previous_digits(tokens, p - 2, p - 5)
        if low < 0:
            break
        p = low
    from .subjects import subject_for

    return subject_for(tokens, p, p + 1, depth=depth + 1)


_APPOSITION_MARKS = frozenset({",", "—", "–", "-"})
# what may stand right before a number that is no count of the noun after it ("in 2023 models")
_NOT_A_COUNT = frozenset({"in", "of", "since", "by", "from", "to", "at", "on"})


def _change_after_clause(tokens: list[Token], first: int, depth: int) -> str:
    """ "The helpline took 8,400 calls, a 22% rise on the year before" -> ``call``; "Fares went
    from $40 to $52 - an increase of 30%" -> ``fare``: a change
    noun in apposition to the clause before it (after a comma or a dash) is the change of that
    clause's last figure: the noun that figure counts, else what it measures."""
    j = first - 1
    if tokens[j].lower in ("of", "by"):
        j = _np_before(tokens, j - 1)[1]  # "a steep yearly increase of 6%"
    while j >= 0 and tokens[j].text.isalpha() and tokens[j].text.islower() and tokens[j].lower not in STOP \
            and is_adjish(tokens[j].text):
        j -= 1  # "a sharp 12% rise"
    j = _skip_back(tokens, j, _DETERMINERS)
    if j < 2 or tokens[j].text not in _APPOSITION_MARKS or (tokens[j].text == "-" and tokens[j - 1].end == tokens[j].start):
        return ""
    words, b = _np_before(tokens, j - 1)
    if words and b >= 1 and tokens[b].text[0].isdigit() and tokens[b - 1].lower not in _NOT_A_COUNT \
            and not any(_dimension(lemma) for _, lemma in words):
        return _render(words)  # the noun the figure counts: "8,400 calls"
    p = _previous_digits(tokens, j - 1, j - 6)
    from .subjects import subject_for

    return subject_for(tokens, p, p + 1, depth=depth + 1) if p >= 0 else ""


def _previous_digits(tokens: list[Token], j: int, stop: int = -1) -> int:
    """Index where the figure ending at or before ``tokens[j]`` starts (its currency sign
    included), looking back no further than ``stop``; -1 when none."""
    while j > max(stop, -1) and not tokens[j].text[0].isdigit():
        j -= 1
    if j <= max(stop, -1):
        return -1
    while j > 0 and not tokens[j - 1].text[0].isalnum() and tokens[j - 1].text not in _CLAUSE_PUNCT:
        j -= 1  # "$"
    return j
