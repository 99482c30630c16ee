"""What a count counts: the noun its number quantifies, told apart from the words around it.

NewsQuant's unit of a count is the noun the number quantifies ("58 people"); numcheck's claim
noun is what the figure measures, which may be a noun before it ("the toll stood at 58"): such a
claim keeps its noun for grouping measures with ``noun_counted`` false.  The checks here are
grammar (word classes from :mod:`.words`, closed classes of function words), each run only
where a count is, by :meth:`numcheck.extract.claims._Sentence.claim_for_figure`.
"""

from __future__ import annotations

from .words import STOP, Token, is_plural, noun_lemma, word_classes


def not_counted_after(tokens: list[Token], at: int) -> bool:
    """ "six or seven above the threshold", "drew 9,000 due to the rain", "(8 Peru, 10 Chile)": a
    count above one takes its counted noun in the plural; a lone singular word after it that is
    also an adverb or a preposition, or a singular name the phrase ends at, is read as the
    figure's noun (it places it) but is not what it counts.  Plurals ("300 Democrats"), nouns
    only ("40 crew"), adjectives used as nouns ("12 homeless") and a name that goes on ("12
    Ford and Fiat dealers") are counted."""
    word = tokens[at]
    text = word.text
    if text[0].isupper():  # a name ("Chile"), not an initialism ("NHS"), then a stop or a bracket
        nxt = tokens[at + 1].text if at + 1 < len(tokens) else ""
        return nxt in _NAME_ENDS and text.isalpha() and not text.isupper() and not word_classes(word.lower) \
            and not is_plural(text)
    # the word's classes first: most counted nouns are no adverbs, and this is one cached lookup
    return "ADV" in word_classes(word.lower) and text.isalpha() and not is_plural(text)


_NAME_ENDS = frozenset({"", ",", ";", ")", "."})


def verb_s_as_plural(tokens: list[Token], at: int) -> bool:
    """ "6.1 steals per match", "six blocks in the half": a word in -s the dictionary knows only
    as a verb, right after a count above one and before the phrase ends, is a plural noun made
    from the verb: a verb after a plural number would not take the -s ("6 steal").  Before a
    determiner or a word it is still a verb with its object ("a reading above 50 indicates growth")."""
    if at >= len(tokens):
        return False
    word = tokens[at]
    if not word.text.isalpha() or not word.text.islower() or not word.lower.endswith("s") \
            or word.lower.endswith("ss") or word.lower in STOP:
        return False
    nxt = tokens[at + 1] if at + 1 < len(tokens) else None
    if nxt is not None and nxt.text[0].isalpha() and nxt.lower not in _AFTER_A_NOUN_PHRASE:
        return False
    classes = word_classes(word.lower)
    return set(classes) == {"VERB"} and classes["VERB"][0].lower() + "s" == word.lower


def verb_base_as_noun(tokens: list[Token], at: int) -> bool:
    """ "one assist to his name", "with one assist": a word the dictionary knows only as a verb,
    in its base form, right after a count of one and before the phrase ends, is a singular noun
    made from the verb: a verb after "one" as its subject would take the -s ("one assists")."""
    if at >= len(tokens):
        return False
    word = tokens[at]
    if not word.text.isalpha() or not word.text.islower() or word.lower in STOP:
        return False
    nxt = tokens[at + 1] if at + 1 < len(tokens) else None
    if nxt is not None and nxt.text[0].isalpha() and nxt.lower not in _AFTER_A_NOUN_PHRASE \
            and not _preposition_to(tokens, at + 1):
        return False
    classes = word_classes(word.lower)
    return set(classes) == {"VERB"} and classes["VERB"][0].lower() == word.lower


# words that follow a finished noun phrase and open no object: prepositions and conjunctions
_AFTER_A_NOUN_PHRASE = frozenset({"per", "in", "on", "for", "and", "or", "with", "from", "against", "over",
                                  "during", "across", "since", "last", "this", "but",
                                  # prepositions and conjunctions a noun phrase ends before as well ("20
                                  # overs at the ground", "four overs as the side folded"); not "to", which
                                  # follows verbs too often ("a 5% increase thanks to", "wants to")
                                  "at", "as", "of", "off", "before", "after", "until", "while", "by"})


# a determiner after "to" makes it a preposition ("to his name", "to the total"): an infinitive's
# "to" is followed by a verb, never by a determiner (a closed class of English grammar)
_DETERMINERS_AFTER_TO = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
                                   "this", "that", "these", "those"})


def _preposition_to(tokens: list[Token], k: int) -> bool:
    """ "one assist to his name": "to" before a determiner ends the noun phrase as any preposition
    does (excluded from _AFTER_A_NOUN_PHRASE only because an infinitive's "to" follows verbs:
    "wants to").  Asked only after a count of one: after a larger count a verb in -s may be the
    clause's verb with "to" opening its indirect object ("a reading above 50 signals to the market")."""
    return tokens[k].lower == "to" and k + 1 < len(tokens) and tokens[k + 1].lower in _DETERMINERS_AFTER_TO


def scale_noun_before(tokens: list[Token], first: int, at: int) -> tuple[str, tuple[str, ...], int] | None:
    """ "a magnitude 5.4 quake", "of magnitude 6", "a category 2 storm": a singular common noun
    that is only a noun, right before a count and after a determiner or "of", names the scale
    the figure is read on (a 5.4 on the magnitude scale), as "a 5.4-magnitude quake" does; the
    noun after the figure is what it describes.  A verb ("killed 5"), an adjective ("a hefty
    640"), a name ("Flight 12") or a plural does not."""
    word = tokens[first - 1]  # the caller has seen the determiner or "of" before it
    if not word.text.isalpha() or not word.text.islower() \
            or word.lower in STOP or set(word_classes(word.lower)) != {"NOUN"} or is_plural(word.text):
        return None
    return noun_lemma(word.text), (), at


SCALE_OPENERS = frozenset({"a", "an", "the", "of"})
SET_OFF = frozenset({"—", "–", ":", "("})  # before a figure that restates the phrase before them
