"""The words around a figure that :mod:`.claims` reads to find what a number word stands for:
partitives ("three of the injured", "38 of the 71 seats"), the words that end an ellipsis or a
tally item, and reduplicated nouns ("year over year").  Closed classes of English grammar.

Split out of :mod:`.claims` to keep it short.
"""

from __future__ import annotations

from .nouns import STOP, Token, is_nounish, noun_lemma
from .numbers import TENS_WORDS, UNITS_WORDS
from .words import is_adjish

#: What follows a number word that stands for its noun: a partitive "of", a plural verb.
# the context mark of a count that is the size of a whole set ("38 of the 71 seats": 71)
IN_ALL = "in all"
# "who": a relative pronoun for persons, so the number before it stands for people ("three who were rescued")
_PLURAL_AFTER_NUMBER = frozenset({"of", "were", "are", "have", "had", "remain", "remained", "died", "survived", "who",
                                  # "set up two more": the noun left out is said before
                                  "more"})


# what ends a clause after a number word that stands for its noun: a mark, or a conjunction that opens
# another clause ("for a league-best five while ...")
_ELLIPSIS_END = frozenset({".", ",", ";", ")", "while", "whereas", "but"})
_TALLY_END = frozenset({",", ";", ")"})  # what ends one item of a list written "6 Chile, 4 Peru"
_OF_DETERMINERS = frozenset({"the", "their", "its", "all", "his", "her", "our", "my", "your", "these", "those",
                             "such"})  # "hundreds of such structures": "such" determines the noun as "these" does
#: Adjectives of order that stand between the determiner and the number of a partitive's
#: whole ("four of its last five games", "two of the first three rounds", "three of her past
#: four races"): a closed class of English (the ordinals and a few adjectives of sequence).
ORDER_WORDS = frozenset({"last", "next", "previous", "past", "remaining", "final", "first", "other"})


def _is_number_token(tok: Token) -> bool:
    """A number written in digits or as a cardinal word ("20", "five", "twenty")."""
    return tok.text[0].isdigit() or tok.lower in UNITS_WORDS or tok.lower in TENS_WORDS


def _adjective_as_noun(tokens: list[Token], at: int) -> bool:
    """ "three of the injured remain", "two of the dead were": after "of the", an adjective or a
    participle that no noun follows is used as a noun (English's nominalised adjective)."""
    if not 2 <= at < len(tokens) or tokens[at - 1].lower != "the" or tokens[at - 2].lower != "of":
        return False
    word, nxt = tokens[at], tokens[at + 1] if at + 1 < len(tokens) else None
    if not word.text.isalpha() or not word.text.islower() or word.lower in STOP or is_nounish(word.text):
        return False
    return (is_adjish(word.text) or word.lower.endswith("ed")) and (
        nxt is None or not nxt.text[0].isalpha() or nxt.lower in STOP or not is_nounish(nxt.text))


def _whole_number_at(tokens: list[Token], at: int) -> int:
    """The index of the number of a partitive's whole starting at token ``at`` (after "N of
    the"), with an adjective of order before it ("the last five"), else -1."""
    if at + 1 < len(tokens) and tokens[at].lower in ORDER_WORDS:
        at += 1
    return at if at < len(tokens) and _is_number_token(tokens[at]) else -1


_REDUPLICATING = frozenset({"over", "on", "to", "after", "by", "for"})


def _reduplicated(tokens: list[Token], end: int, noun: str) -> bool:
    """ "year over year", "month on month", "day after day": a noun repeated across a preposition
    right after a figure is an adverb of the clause (English reduplication), not what the
    figure counts."""
    return end + 1 < len(tokens) and tokens[end].lower in _REDUPLICATING \
        and noun_lemma(tokens[end + 1].text) == noun
