"""Whose figure it is, in the clauses of market and business news: "to <figure>" after a
preposition's phrase, "to <level> from <earlier level>", a figure that restates or compares
another ("$2 billion ($1.6 billion)", ", up 8%", ", $50 million more than expected"), a currency
sign written in letters, a figure hyphened to its unit before a noun ("30-year bonds").

Helpers of :mod:`.subjects` (split out to keep that module short); they read tokens with the
same word-class lookups.
"""

from __future__ import annotations

from ..currencies import currency_code
from .clause_subjects import _APPOSITIVE, _BEFORE_OR_APPOSITIVE
from .events import event_lemma
from .lexicon import lexicon
from .numbers import CURRENCY_SIGNS
from .phrases import _DETERMINERS, _acts_as_verb, _np_after, _np_before, _render, _skip_back
from .words import STOP, Token, is_nounish


# Prepositions that open an adjunct of the verb ("slipped against the dollar", "cut ... on the stock",
# "shrank from a year earlier"); "of", "for", "per" attach to a noun and are left out.
_ADJUNCT_PREPOSITIONS = frozenset({"against", "on", "from", "in", "at", "since", "after", "before", "during",
                                   "over", "versus", "vs", "across", "among", "with", "than"})


def _head_before_to(tokens: list[Token], j: int, first: int, before: int) -> str | None:
    """When a preposition's object ends at token j before "to <figure>", what the figure measures
    ("" for the clause to say), else None.  After a verb or an earlier figure the phrase is the
    verb's adjunct and the figure the level the verb reached ("slipped 0.4% against the dollar
    to $1.26", "shrank 5% from a year earlier to $52 billion"): "".  After a noun the
    phrase describes that noun, which is what reached the level ("raised its stake in the
    lender to 9.9%": ``stake``), unless the noun is a change ("a rise in parking fines to $80":
    the fines, as read by the caller)."""
    if not any(tokens[i].lower == "to" for i in range(j + 1, first)):
        return None
    while before >= 0 and tokens[before].lower in _DETERMINERS:
        before -= 1
    if before < 1 or tokens[before].lower not in _ADJUNCT_PREPOSITIONS:
        return None
    p = before - 1  # what the preposition follows: a figure (its digits or unit), a verb, else a noun
    if not _change_verb_before(tokens, p):
        return None  # "during a speech to 1,000 officers": "to" names no level here
    if not tokens[p].text[0].isalpha() or p > 0 and tokens[p - 1].text[0].isdigit() \
            or _acts_as_verb(tokens, p) or not is_nounish(tokens[p].text):
        return ""
    if tokens[p].lower in lexicon().change or event_lemma(tokens[p].lower):
        return None
    return _render(_np_before(tokens, p)[0]) or None


# currency signs written in letters ("PS" for £ in transliterated copy, "Rs", "RM")
_LETTER_SIGNS = frozenset(sign for sign in CURRENCY_SIGNS if sign[0].isalpha())


def _letter_sign(tokens: list[Token], first: int) -> bool:
    """ "cost the Treasury PS4.2bn", "cost the state Rs 400 crore", "USD 5 million": a currency
    sign or ISO code in letters opens the figure, as "$" does (the noun before it is no name of
    the figure, as in "FTSE 250 +0.4%")."""
    return first + 1 < len(tokens) and tokens[first + 1].text[0].isdigit() and (
        tokens[first].text in _LETTER_SIGNS or tokens[first].text.isupper() and len(tokens[first].text) == 3
        and currency_code(tokens[first].text, quantulum3=False) is not None)


def _level_before_from(tokens: list[Token], f: int) -> int:
    """ "raised its stake to 9.9% from 7.4%", "cut the target to $150 from $175": the first token of
    the level after "to" that the figure after "from" (token ``f``) was before, else -1; both
    measure the same thing."""
    p = f - 1
    while p > 0 and f - p <= 2 and not tokens[p].text[0].isdigit():
        p -= 1  # the level's unit: "%", "points", "a share" is too long and is left out
    if not tokens[p].text[0].isdigit():
        return -1
    if p > 0 and tokens[p - 1].text in CURRENCY_SIGNS:
        p -= 1
    return p if p > 0 and tokens[p - 1].lower == "to" else -1


def _change_verb_before(tokens: list[Token], p: int) -> bool:
    """A verb of change (the lexicon's ``[change]`` and ``[change_with_by]``, not the particles
    "up"/"down") at most four tokens before token ``p`` in the same clause, as its object's
    determiner and modifiers allow ("cut its price target on"): "to <figure>" then names the
    level it reached."""
    change, with_by = lexicon().change, lexicon().change_with_by
    for k in range(p, max(-1, p - 5), -1):
        word = tokens[k].lower
        if (word in change or word in with_by) and word not in ("up", "down"):
            return tokens[k].text.islower()
        if word in _CLAUSE_BREAKS:
            return False
    return False


_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–"})


def _hyphen_compound(tokens: list[Token], first: int, after: int) -> str:
    """ "sold 10-year bonds", "the yield on two-year notes": a figure joined to its unit by a
    hyphen is an adjective of the noun after it, with or without a determiner before it."""
    # the hyphen first: most figures have none (this runs for most figures that reach it)
    if after >= len(tokens) or not ("-" in tokens[first].text or after - first > 1 and tokens[first + 1].text == "-") \
            or not all(tokens[k].start == tokens[k - 1].end for k in range(first + 1, after)) \
            or not tokens[after].text.islower() or not is_nounish(tokens[after].text) or _acts_as_verb(tokens, after):
        return ""
    return _render(_np_after(tokens[:_noun_end(tokens, after) + 1], after))


def _noun_end(tokens: list[Token], k: int) -> int:
    """The last token of the run of common nouns that starts at token k (at most three), before
    a verb ("two-year notes fell": ``notes``)."""
    end = k
    while end + 1 < len(tokens) and end - k < 2 and tokens[end + 1].text.islower() \
            and is_nounish(tokens[end + 1].text) and not _acts_as_verb(tokens, end + 1):
        end += 1
    return end


def _restated_figure(tokens: list[Token], first: int) -> int:
    """ "2 billion rupees ($24 million)", "150 kW / 204 PS", "$7.2 million, up 4% on last year",
    "shed 25 points, or 0.8%": the first token of the figure this one restates or compares
    (it measures the same thing), else -1."""
    c = first - 1
    if c >= 1 and tokens[c].text not in ("(", "/"):
        c = _skip_back(tokens, c, _BEFORE_OR_APPOSITIVE)
        if c == first - 1 or c < 1 or tokens[c].text != "," or tokens[c + 1].lower not in _APPOSITIVE:
            return -1
    return _figure_before(tokens, c) if c >= 1 else -1


# Comparatives after a difference ("$50 million more than", "2 points higher than"; closed class)
_COMPARATIVES = frozenset({"more", "less", "fewer", "higher", "lower", "above", "below", "greater", "bigger",
                           "smaller", "larger"})


def _compared_figure(tokens: list[Token], first: int, after: int) -> int:
    """ "revenue of $2.1 billion, $50 million more than analysts expected", "up 4% and 30 points
    higher than forecast": a figure right after a comma or "and" that closes another figure, and
    followed by a comparative, is a difference from that figure's level: it measures what that
    figure measures (the clause after "than" is the yardstick, not its subject).  The first
    token of the earlier figure, else -1."""
    if after >= len(tokens) or tokens[after].lower not in _COMPARATIVES:
        return -1
    return _figure_before(tokens, first - 1)


def _figure_before(tokens: list[Token], c: int) -> int:
    """The first token of a figure (its currency sign and a country's letters included) ending at most
    four tokens before the mark or word at tokens[c], with no function word between; else -1."""
    p = c - 1
    while p >= 0 and c - p <= 4 and not tokens[p].text[0].isdigit():
        if tokens[p].text in ("(", ")", ",", ";") or tokens[p].lower in STOP:
            return -1
        p -= 1
    if p < 0 or not tokens[p].text[0].isdigit():
        return -1
    while p > 0 and not tokens[p - 1].text[0].isalnum() and tokens[p - 1].text not in ("(", ")", ",", "/"):
        p -= 1  # a currency sign: "$"
    if p > 0 and tokens[p - 1].end == tokens[p].start and tokens[p - 1].text.isupper() \
            and tokens[p - 1].text.isalpha() and len(tokens[p - 1].text) <= 3:
        p -= 1  # a country's letters written onto the sign: "A$9 (US$6.10)", "HK$20"
    return p
