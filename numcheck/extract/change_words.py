"""Whether a figure states a change, and which verb of change stands before it: "rose 5%",
"fell by 2.5 points", "cut prices 10%", "raised fares by 5%" (the ``change`` column), and the
verb of "<verb of change> to <figure>" that a level reached leaves out of its event words.

Split out of :mod:`.claims` (the sentence around a figure), which asks :func:`change_before`
for each figure and :func:`level_reached` for its event words.
"""

from __future__ import annotations

from ..records import Change
from .lexicon import lexicon
from .nouns import AMOUNT_HEADS, STOP, Token, is_nounish, word_classes
from .numbers import ORDINAL_WORDS
from .words import is_adjish

_CHANGE_NONE = Change.NONE  # bound once: read for every figure (records.py says why)
_CHANGE_DOWN = Change.DOWN

_BETWEEN_CHANGE_AND_FIGURE = frozenset({"by", "some", "about", "nearly", "almost", "roughly", "around",
                                        "more", "than", "over", "just", "under", "less", "fewer", "a",
                                        "an", "another", "further", "only", "at", "least", "approximately",
                                        # adjectives of an amount: "grew by an annual 5.2%", "rose a record 9%"
                                        "annual", "annualised", "annualized", "average", "record", "estimated",
                                        "additional", "combined", "total", "extra"})


def level_reached(tokens: list[Token], k: int) -> set[int]:
    """The change verb of "<verb of change> to <figure>" ("profit fell to EUR 68 million", "the
    toll climbed to 41"), as a token index to leave out of the figure's event words: the
    figure is the level the quantity reached, the verb how it got there, so "the toll climbed
    to 41" and "41 people died" state one quantity.  The change verbs are the lexicon's
    ``[change]`` (every inflection); qualifier words may stand between "to" and the figure."""
    j = k - 1
    while j >= 0 and tokens[j].lower in _BETWEEN_CHANGE_AND_FIGURE:
        j -= 1
    if j >= 1 and tokens[j].lower == "to" and tokens[j - 1].lower in lexicon().change:
        return {j - 1}
    return set()


def change_before(tokens: list[Token], k: int, amount: bool = False, noun_after: bool = False) -> Change:
    """ "rose 5%", "fell by 2.5 points", "up nearly 3%": a change word right before the
    figure, with only "by" or qualifier words between; "cut costs by 10%": a change word
    before such a "by", across the verb's object ("lowered the speed limit by 10 mph").  Some
    words state a change only with "by": a comparative ("edged higher by 0.3%"; "higher than
    5%" is a bound) and verbs such as "raise" ("raised fares by 5%"; "raised $5 million" is
    an amount).  ("closed 2% lower", a comparative after the figure, is not read as a change:
    it lowered value+qualifier on dev half B.)  An "up" after a verb of the lexicon's
    ``[completive_up]`` is that phrasal verb's particle, no direction ("made up 14% of sales"), and
    one after a verb of ``[surrendering_up]`` a fall ("the index gave up 25 points").
    Describing words after an article do not part verb and figure ("were down a seasonally
    adjusted 4.5%"), nor does a comma before "by" ("increased sharply, by 22%").  An amount
    (not a count: "added a further 500 jobs") after "a"/"an" and before a noun it describes
    ("added a 90Hz mode", "took a 5% stake") is part of the verb's object, no change."""
    change, with_by = lexicon().change, lexicon().change_with_by
    if noun_after and amount and k >= 1 \
            and tokens[k - 1].lower in ("a", "an"):
        return _CHANGE_NONE  # "adds a 90Hz mode", "cut a 5% stake": the amount describes the noun after it
    j = k - 1
    by = False
    while j >= 0:
        if tokens[j].lower in _BETWEEN_CHANGE_AND_FIGURE or (
                tokens[j].lower == "of" and j >= 2 and tokens[j - 1].lower in AMOUNT_HEADS
                and tokens[j - 2].lower in ("a", "an")):  # "rose by an average of 9%"
            by = by or tokens[j].lower == "by"
            j -= 1
        elif tokens[j].lower not in change and (article := _article_before_adjectives(tokens, j)) >= 0:
            # "were down a seasonally adjusted 4.5%", "fell a whopping 40%"; a change verb
            # right before the figure is the change, not a participle ("a typical home jumped 12%")
            j = article
        else:
            break
    if by and j >= 1 and tokens[j].text == ",":
        j -= 1  # "increased sharply, by 22%", "rose for a fourth month, by 1.9%": the clause before
    if j >= 0 and tokens[j].lower in change:
        if tokens[j].lower == "up" and j > 0 and tokens[j - 1].lower in lexicon().completive_up:
            return _CHANGE_NONE  # "made up 14% of sales": a phrasal verb's object, no rise
        if tokens[j].lower == "up" and j > 0 and tokens[j - 1].lower in lexicon().surrendering_up:
            return _CHANGE_DOWN  # "the index gave up 25 points": yielded, a fall
        return Change(change[tokens[j].lower])
    if not by and j >= 1 and tokens[j].text.islower() and (verb := _verb_before_object(tokens, j, change)) >= 0:
        return Change(change[tokens[verb].lower])  # "grew revenue 29%", "cut prices 10%"
    # up to nine words back: a verb and its object ("increased prices for new versions of the
    # compact line by 12%"); another verb, a comma or a clause word stops the search first
    for i in range(j, max(-1, j - 9), -1) if by else ():
        word = tokens[i].lower
        if word in change or word in with_by:
            return Change(change.get(word) or with_by[word])
        # "parking fees"; "increase spending by", "cut lending by": an -ing form right after a
        # verb of change is that verb's object (a gerund), not another clause's verb
        gerund = word.endswith("ing") and (is_nounish(tokens[i + 1].text) or (
            i >= 1 and (tokens[i - 1].lower in change or tokens[i - 1].lower in with_by)))
        if not word[:1].isalpha() or word in _CLAUSE_WORDS or (
                _only_verb(word) and not gerund and word not in ORDINAL_WORDS):  # "third": filed as a verb
            break  # a comma, a figure, another verb: another clause ("forced it to reprice dues by")
    return _CHANGE_NONE


# Prepositions that STOP leaves out because the dictionary also files them as nouns or adjectives
# ("weakened past 150": no object); a closed class of English grammar.
_PREPOSITIONS_AS_NOUNS = STOP | {"past", "above", "below", "inside", "outside", "behind", "down"}


# Determiners and possessives: the word right after one is a noun (or an adjective), never a
# verb, so a word the dictionary files as both ("the commission", "her win", "a recount") is
# the noun there (a closed class of English grammar, not a list of topics)
NOUN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "my", "your",
                              "this", "these", "those"})


def _verb_before_object(tokens: list[Token], j: int, change: dict) -> int:
    """The index of a change verb whose object (at most three words: determiners, describing
    words, nouns) ends at token j right before the figure, else -1: "grew revenue 29%",
    "slashed its prices 30%" state the change of the object as "revenue grew 29%" does."""
    if j < 1 or not tokens[j].text.islower() or tokens[j].lower in _PREPOSITIONS_AS_NOUNS \
            or not is_nounish(tokens[j].text):
        return -1
    k = j
    while k > 0 and j - k < 3 and tokens[k].lower not in change and tokens[k].text.islower() and (
            tokens[k].lower in NOUN_DETERMINERS or tokens[k].lower not in _PREPOSITIONS_AS_NOUNS
            and (is_nounish(tokens[k].text) or is_adjish(tokens[k].text))):
        k -= 1
    return k if k < j and tokens[k].lower in change and tokens[k].text.islower() else -1


_CLAUSE_WORDS = frozenset({"and", "but", "or", "that", "which", "who", "while", "when", "as", "after", "before"})


def _article_before_adjectives(tokens: list[Token], j: int) -> int:
    """The index of "a"/"an" before one to three lower-case describing words ending at token j
    (adjectives, "-ly" adverbs, participles: "whopping"), else -1: English puts such words between an
    article and an amount ("down a seasonally adjusted 4.5%", "rose a whopping 40%", "an
    inflation-adjusted 2%"), so the words do not part a change verb from its figure."""
    for a in range(j, max(-1, j - 4), -1):
        tok = tokens[a]
        if tok.lower in ("a", "an"):
            return a if a < j else -1
        if not (tok.text.islower() and tok.text.replace("-", "").isalpha()
                and (tok.lower.endswith(("ly", "ed", "ing")) or is_adjish(tok.text))):
            return -1
    return -1


def _only_verb(word: str) -> bool:
    """A word the dictionary knows as a verb and not as a noun or adjective ("forced", "plans" is a noun too)."""
    classes = word_classes(word)
    return "VERB" in classes and "NOUN" not in classes and "ADJ" not in classes
