"""Whose figure it is: the short phrase a figure measures (the claims' ``subject`` column).

Read with the same word-class lookups as :mod:`.nouns` (no statistical parser,
see NOTES), by a few grammar patterns tried in order:

==============================================  ==========================================
pattern                                         subject
==============================================  ==========================================
"40 billion rupees (**$480 million**)",         the subject of the figure restated
"$45 a share, **down 8%** on the month"
"**Maria Lopez**, 52, runs"                     ``maria lopez`` (an age in apposition)
"2,500 tonnes **of Kenyan tea**"                ``kenyan tea`` (the ``of`` phrase after the counted noun,
                                                also past "(88 lb)" or "worth")
"a 5% **rise in rents**"                        ``rent`` (a change noun's ``in`` phrase)
"an **operating loss** of $7 million",          ``operating loss``, ``flat`` (the noun a figure
"**flats** from £240,000"                       attaches to; not "total", "number"...)
"a 71-year-old **farmer**"                      ``farmer`` (what a hyphenated measure describes)
"a new 250 mm **drain pipe**"                   ``drain pipe`` (determiner, adjectives, figure, noun)
"$90 **for a winter coat**"                     ``winter coat`` (what money pays for)
"the mill **trimmed its output** to 2%"        ``output`` (the object of a verb + to/by figure)
"**the cost of a season pass** hit $900"       ``cost of season pass`` (the clause subject, through verb
                                                chains and infinitives; ``of``/``for`` kept,
                                                ``in``/``at`` phrases dropped)
"**Scania**, which has 40,000 staff"            ``scania`` (the antecedent of which/who/that)
"**Duolingo** says it has 90 million learners"  ``duolingo`` (a pronoun's sentence subject)
"**FTSE 250** +0.4%", "**Inflation**: 2.7%"     a name or label right before the figure
"9 seconds **for the hybrid version**"          the ``for`` phrase, when nothing else applies
"9 stalls line **the main square**"             ``main square`` (a figure that is the clause
                                                subject measures the verb's object)
"wheat rose 4%; **barley**, 2%"                 ``barley`` (a clause that leaves its verb out)
"**flats** under $200,000 sell in 40 days;      ``flat`` (a figure with no words of its own
$200,000 to $300,000, 52 days"                  borrows the subject of the figure before it)
==============================================  ==========================================

Common nouns are lemmatised, names lower-cased; tokens written together stay
together ("FTSE/JSE 40" -> ``ftse/jse 40``).  The phrase is at most a few words: it is
read by a user in the claims table, not a bag of the sentence's words.  Measures
do not key on it (they use noun, modifiers and context).
"""

from __future__ import annotations

from .lexicon import lexicon
from .nouns import (MEASURE_ADJECTIVES, STOP, Token, coordinated, event_lemma, is_adjish, participle_before_noun,
                    is_nounish, is_plural, word_classes)
from .scan import NUMBER_WORDS

_AUX = frozenset({"has", "have", "had", "is", "was", "were", "are", "be", "been", "being", "will", "would",
                  "could", "can", "may", "might", "should", "must", "did", "does", "do", "'s", "’s"})
_ADVERBS = frozenset({"also", "now", "only", "just", "still", "already", "not", "then", "currently",
                      "previously", "recently", "nearly", "almost", "reportedly", "expected", "estimated"})
# Adverbs that come before a verb and never before a noun ("now holds", "also owns"; not "only").
_VERB_ADVERBS = frozenset({"now", "also", "still", "already", "currently", "previously", "recently", "reportedly",
                           "typically", "usually", "often", "never", "once"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")", ".", "?", "!", "\"", "“", "”"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this",
                          "that", "these", "those", "some", "any", "each", "every", "all"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Words that may stand between a governing word and its figure ("fell by about", "is worth over").
_BEFORE_FIGURE = frozenset({"to", "by", "at", "about", "nearly", "almost", "around", "some", "roughly",
                            "approximately", "more", "than", "over", "under", "less", "fewer", "just",
                            "only", "up", "down", "a", "an", "of", "from", "exactly", "least", "most",
                            "as", "much", "many", "between", "barely", "below", "above", "estimated",
                            "another", "further", "additional", "record"})
# Verbs that link a thing to its figure; spelt out because several are also nouns ("cost", "hit").
_LINKING = frozenset({"is", "was", "were", "are", "be", "been", "totaled", "totalled", "reached", "stood",
                      "stands", "hit", "hits", "numbered", "cost", "costs", "worth", "peaked", "topped",
                      "remain", "remains", "remained", "range", "ranges", "ranged", "equals", "equaled",
                      "averaged", "averages", "amounted", "amounts", "came", "comes", "ended", "closed",
                      "opened", "finished", "traded", "trades", "settled", "added", "has", "have", "had"})
# Heads of "X of N" that only package the figure ("a total of 25 buses"): the clause says whose it is.
_CONTAINERS = frozenset({"total", "number", "sum", "tally", "count", "figure", "amount", "level", "rate",
                         "value", "maximum", "minimum", "record", "high", "low", "estimate", "average",
                         "group", "lot", "majority", "range", "price", "cost", "close", "peak", "age"})
# Words between a noun and its figure: "flats from £240,000", "ozone readings at 80 ppb",
# "pulses of at least 5 ns", "density lower than 2 g/cm3", "a truck with 500 horsepower".
_NOUN_TO_FIGURE = _BEFORE_FIGURE | frozenset({"with", "for", "than", "least", "as", "higher", "lower",
                                              "greater", "larger", "smaller", "bigger", "high", "low"})
# Prepositions inside a subject phrase: kept ("cost of a pass") or dropped ("turnover in the half").
_KEEP_PREP = frozenset({"of", "for"})
_DROP_PREP = frozenset({"in", "at", "on", "across", "during", "among", "from", "within", "around"})
_MAX_WORDS = 4
_PRONOUNS = frozenset({"he", "she", "it", "they"})
# Words that open a figure restating or comparing the one before a comma: ", up 5% from", ", or 2%".
_APPOSITIVE = frozenset({"up", "down", "or", "from", "compared", "against", "versus", "vs"})
# The unions the patterns test against, built once (they were built on every call, some for
# every token: a few percent of subject_for, profiled).
_BEFORE_OR_APPOSITIVE = _BEFORE_FIGURE | _APPOSITIVE
_CLAUSE_OPENERS = _CLAUSE_PUNCT | {"and", "but"}
_PARTICLES_OR_DETERMINERS = frozenset({"off", "up", "out", "down"}) | _DETERMINERS
_AUX_OR_ADVERB = _AUX | _ADVERBS
_PREPOSITIONS = _KEEP_PREP | _DROP_PREP
_OF = frozenset({"of"})
_QUOTES_OR_WORTH = frozenset({"'", "’", "worth"})
_COMMA = frozenset({","})


def subject_for(tokens: list[Token], first: int, noun_end: int, *, after: int | None = None,
                money: bool = False, count: bool = False, head: str = "", depth: int = 0) -> str:
    """What the figure at ``tokens[first]`` measures (see the module docstring), as lemmas.

    ``noun_end`` is the index after the figure's counted noun (after the figure when
    it has none), ``after`` the index after the figure's own words (its unit included;
    ``noun_end`` when not given), ``money`` and ``count`` say the figure is an amount of money or a count,
    ``head`` is the noun the figure already has (``rise`` for "a rise of 5%"); ``depth`` counts
    the earlier figures already asked (a list borrows at most twice).
    """
    if not tokens:
        return ""
    after = noun_end if after is None else after
    before = _restated_figure(tokens, first)
    if before >= 0:
        return subject_for(tokens, before, first - 1)
    # the patterns in order, each tried only when the ones before it found nothing (``or``
    # stops at the first phrase): reading them all first was a third of subject_for (profiled)
    return _apposition(tokens, first, noun_end) or _fronted(tokens, first, after) \
        or _of_phrase_after(tokens, noun_end) \
        or (_in_phrase_after(tokens, noun_end) if money else "") \
        or _change_in(tokens, first, noun_end, head) \
        or _head_of_figure(tokens, first) or _hyphen_measured(tokens, first) \
        or ("" if head and count else _attributive(tokens, first, after)) \
        or (_paid_for(tokens, noun_end) if money else "") \
        or _clause_subject(tokens, first) or _name_before(tokens, first) \
        or _paid_for(tokens, noun_end) or _object_of_figure(tokens, first, noun_end) or _elliptical(tokens, first) \
        or (_earlier_figure_subject(tokens, first, depth) if depth < 2 else "")


def _restated_figure(tokens: list[Token], first: int) -> int:
    """ "2 billion rupees ($24 million)", "150 kW / 204 PS", "$7.2 million, up 4% on last year",
    "shed 25 points, or 0.8%": the first token of the figure this one restates or compares
    (it measures the same thing), else -1."""
    c = first - 1
    if c >= 1 and tokens[c].text not in ("(", "/"):
        c = _skip_back(tokens, c, _BEFORE_OR_APPOSITIVE)
        if c == first - 1 or c < 1 or tokens[c].text != "," or tokens[c + 1].lower not in _APPOSITIVE:
            return -1
    if c < 1:
        return -1
    p = c - 1
    while p >= 0 and c - p <= 4 and not tokens[p].text[0].isdigit():
        if tokens[p].text in ("(", ")", ",", ";") or tokens[p].lower in STOP:
            return -1
        p -= 1
    if p < 0 or not tokens[p].text[0].isdigit():
        return -1
    while p > 0 and not tokens[p - 1].text[0].isalnum() and tokens[p - 1].text not in ("(", ")", ",", "/"):
        p -= 1  # a currency sign: "$"
    return p

def _apposition(tokens: list[Token], first: int, noun_end: int) -> str:
    """ "Jane Roe, 41, said": a bare number set off by commas after a name is that person's age;
    "the driver, aged 19, was": so is "aged N" after any noun phrase."""
    if not (0 < first < len(tokens) and noun_end == first + 1 and noun_end < len(tokens)
            and tokens[noun_end].text == "," and tokens[first].text.isdigit()):
        return ""
    if tokens[first - 1].text == ",":
        words, _ = _np_before(tokens, first - 2)
        if words and all(t.text[0].isupper() for t, _ in words):
            return _render(words)
    if first >= 3 and tokens[first - 1].lower == "aged" and tokens[first - 2].text == ",":
        return _render(_np_before(tokens, first - 3)[0])
    return ""


def _fronted(tokens: list[Token], first: int, after: int) -> str:
    """ "At 2,700 feet, the tower is": a figure in a phrase that opens the sentence with "at" or
    "with" and ends at a comma describes the subject of the clause after the comma."""
    if not tokens or tokens[0].lower not in ("at", "with") or not 0 < first <= 4 or after >= len(tokens) \
            or tokens[after].text != ",":
        return ""
    if any(not (t.lower in _BEFORE_FIGURE or t.lower in _DETERMINERS) for t in tokens[1:first]):
        return ""  # "At least 40", "With about 300" only: no words of their own before the figure
    return _render(_np_after(tokens, after + 1))


# -- phrases after the figure ------------------------------------------------------------------------


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


def _change_in(tokens: list[Token], first: int, noun_end: int, head: str) -> str:
    """ "a 5% rise in rents", "a rise of 5% in rents" -> ``rent``."""
    if not head or not (head in lexicon().change or event_lemma(head)):
        return ""
    if noun_end < len(tokens) - 1 and tokens[noun_end].lower == "in":
        return _render(_np_after(tokens, noun_end + 1))
    return ""


def _hyphen_measured(tokens: list[Token], first: int) -> str:
    """ "a 71-year-old farmer", "a 3-km-long canal": the figure ends inside a hyphenated
    adjective, and the noun after it is what is measured."""
    for k in range(first + 1, min(first + 4, len(tokens) - 1)):
        tok = tokens[k]
        if tok.lower.count("-") and len(tok.lower) > 1:
            if "ADJ" in word_classes(tok.lower.rsplit("-", 1)[-1]) and (
                    tok.start == tokens[k - 1].end or tokens[k - 1].text[0].isdigit()):
                return _render(_np_after(tokens, k + 1))
            return ""
        if tok.text[0].isalpha() and tok.lower in STOP:
            return ""
    return ""


def _attributive(tokens: list[Token], first: int, k: int) -> str:
    """ "a 45 nm chip process", "the 12m (39ft)-long boat": a figure between a determiner
    and a noun describes that noun (unit symbols, a restatement in parentheses and a measure
    adjective between them are skipped; so are adjectives before the figure: "a refurbished
    2 MW turbine", "a two-day, 40 km hike")."""
    d = first - 1
    while d > 0 and first - d <= 3 and (tokens[d].text == "," or "-" in tokens[d].lower
                                        or tokens[d].lower.endswith("ed") or is_adjish(tokens[d].text)):
        d -= 1
    if d < 0 or tokens[d].lower not in ("a", "an", "the"):
        return ""
    for _ in range(6):
        if k >= len(tokens):
            return ""
        tok = tokens[k]
        if tok.text == "(":
            while k < len(tokens) and tokens[k].text != ")":
                k += 1
        elif tok.text[0].isalpha() and tok.lower not in MEASURE_ADJECTIVES and tok.lower not in NUMBER_WORDS \
                and not (len(tok.text) <= 3 and not word_classes(tok.lower)):
            break
        elif tok.text[0].isalpha() or tok.text in ("-", "–") or not tok.text[0].isalnum():
            pass  # "m", "mpg", "-long", "μ"
        else:
            return ""
        k += 1
    if k >= len(tokens) or not tokens[k].text[0].isalpha() or tokens[k].lower in STOP or (
            _acts_as_verb(tokens, k) and not _gerund_modifier(tokens, k) and not participle_before_noun(tokens, k)):
        return ""
    return _render(_np_after(tokens, k))


def _paid_for(tokens: list[Token], k: int) -> str:
    """ "paid $90 for a winter coat" -> ``winter coat``: what an amount of money buys (and, when
    nothing else names it, what any figure is given for: "40 mpg for small hatchbacks")."""
    if k < len(tokens) - 1 and tokens[k].lower == "for":
        return _render(_np_after(tokens, k + 1))
    return ""


def _object_of_figure(tokens: list[Token], first: int, noun_end: int) -> str:
    """ "Nine stalls and 4 kiosks line the main square" -> ``main square``: a figure that opens
    its clause is the subject, so what it measures is the verb's object."""
    if first > 0 and tokens[first - 1].lower not in _CLAUSE_OPENERS:
        return ""
    k = noun_end
    if k + 2 < len(tokens) and tokens[k].lower == "and" and tokens[k + 1].text[0].isdigit():
        k += 3 if is_nounish(tokens[k + 2].text) else 2  # a second figure joined by "and": "9 stalls and 4 kiosks"
    if k >= len(tokens) or tokens[k].lower in STOP or "VERB" not in word_classes(tokens[k].lower):
        return ""
    k = _skip_forward(tokens, k + 1, _PARTICLES_OR_DETERMINERS)
    return _render(_np_after(tokens, k)) if k < len(tokens) and tokens[k].lower not in STOP else ""


def _elliptical(tokens: list[Token], first: int) -> str:
    """ "Wheat rose 4%; barley, 2%" -> ``barley``: a clause of a noun phrase, a comma and a
    figure leaves its verb out; the noun phrase is what the figure measures."""
    j = _skip_back(tokens, first - 1, _BEFORE_FIGURE)
    if j < 1 or tokens[j].text != ",":
        return ""
    words, before = _np_before(tokens, j - 1)
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
    return subject_for(tokens, p, p + 1, depth=depth + 1)


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


# -- phrases before the figure -----------------------------------------------------------------------


def _skip_back(tokens: list[Token], j: int, words: frozenset[str]) -> int:
    while j >= 0 and tokens[j].lower in words and not (j > 0 and tokens[j].text[0].isupper()):
        j -= 1
    return j


def _head_of_figure(tokens: list[Token], first: int) -> str:
    """ "an operating loss of $7 million" -> ``operating loss``, "flats from £240,000" -> ``flat``
    (not for packaging words such as "total", nor for the unit of an earlier figure)."""
    j = _skip_back(tokens, first - 1, _NOUN_TO_FIGURE)
    if j < 0 or j == first - 1 and not tokens[first].text[0].isalpha() or _acts_as_verb(tokens, j):
        return ""  # nothing between noun and figure: "FTSE 250 +0.4%" is left to _name_before
    words, before = _np_before(tokens, j)
    if not words or len(words) == 1 and words[0][1] in _CONTAINERS or any(
            0 <= i and tokens[i].text[0].isdigit() for i in range(before - 2, before + 1)):
        return ""  # "gained 1.2 per cent to 8,410": "cent" is an earlier figure's unit
    # tokens[j] opens a phrase, so it is no ")" or "," and _subject_np would read this same
    # phrase first: it is handed over rather than read twice
    return _render(_subject_np(tokens, j, drop=False, first=(words, before)))


def _name_before(tokens: list[Token], first: int) -> str:
    """ "FTSE 250 +0.4%": a name right before the figure, when nothing else says whose it is."""
    j = first - 1
    if j > 0 and tokens[j].text == ":":
        j -= 1  # "Inflation: 2.7%"
    elif not (j > 0 and (tokens[j].text[0].isupper() or _name_glue(tokens, j)
                         or tokens[j].lower.endswith(("'s", "’s")))):
        return ""  # "FTSE 250 +0.4%", "the club's 900 members"
    return _render(_np_before(tokens, j)[0])


def _acts_as_verb(tokens: list[Token], j: int) -> bool:
    """True when tokens[j] is the verb that governs a later figure.

    A word that is only a verb is one; a word that is also a noun ("fell", "range",
    "trades") is one when a noun phrase or an auxiliary stands before it, as in
    "rents fell", "fares range", "has been revised".
    """
    tok = tokens[j]
    w = tok.lower
    if not w[0].isalpha() or (tok.text[0].isupper() and j > 0):
        return False  # "May", "US": names inside a sentence
    if w in _AUX or w in ("up", "down"):
        return True
    if w in STOP:
        return False  # "over", "after": prepositions the dictionary also knows as verbs
    classes = word_classes(w)
    if "VERB" not in classes and w not in _LINKING:
        return False
    prev = tokens[j - 1] if j > 0 else None
    if w.endswith("ing") and prev is not None and _names_gerund(prev):
        return False  # "the spending", "household spending": a gerund used as a noun
    if not is_nounish(tok.text) or w == "worth":
        return True
    if prev is None:
        return False
    if prev.lower in ("which", "who"):
        return True  # "which runs 35 depots": a relative pronoun is followed by its verb
    if prev.lower in _AUX or (prev.lower == "to" and "VERB" in classes):
        return True  # "has been revised", "due to fall"
    if prev.lower in _VERB_ADVERBS and "VERB" in classes:
        return True  # "the fund now holds", "it also owns": these adverbs stand before verbs, not nouns
    if w not in _LINKING and not _change_verb(tokens, j) and not w.endswith("ed"):
        return False
    if prev.text == "," and classes.get("VERB", (w,))[0] != w and _change_verb(tokens, j):
        return True  # "Shares of Acme, a robot maker, fell 7%": an inflected change verb after an aside
    if prev.lower in STOP or prev.lower in _DETERMINERS or not prev.text[0].isalnum():
        return False
    return not (is_adjish(prev.text) and not is_nounish(prev.text))  # "the sharpest drop" is a noun


def _change_verb(tokens: list[Token], j: int) -> bool:
    """A form of a change verb, unless it is a singular noun right after a figure and its unit:
    "rents rise" is a verb, "a 40 km hike", "a 5% drop" are nouns the figure describes."""
    w = tokens[j].lower
    if w not in lexicon().change:
        return False
    classes = word_classes(w)
    base = classes.get("NOUN", ("",))[0] == w == classes.get("VERB", ("",))[0]  # "hike", not "rose"
    return not (base and any(tokens[i].text[0].isdigit() for i in range(max(0, j - 3), j)))


def _names_gerund(prev: Token) -> bool:
    """A word before an -ing word that makes it a noun: a determiner, a possessive, or a
    singular noun or adjective ("consumer lending"; not "prices rising", "has been growing")."""
    if prev.lower in _DETERMINERS or prev.lower.endswith(("'s", "’s")):
        return True
    return prev.text[0].isalpha() and prev.lower not in STOP and prev.lower not in _AUX \
        and (is_nounish(prev.text) or is_adjish(prev.text)) and not is_plural(prev.text) \
        and "VERB" not in word_classes(prev.lower)


def _governing_verb(tokens: list[Token], j: int, limit: int) -> int:
    """Index of the nearest verb at or before ``j`` within ``limit`` tokens of the same clause, else -1."""
    stop, start = max(-1, j - limit), j
    while j > stop:
        w = tokens[j].lower
        if w == ")":  # "(LSE) closed", "shed 75 points (0.9%) to": a parenthesis is skipped
            while j > stop and tokens[j].lower != "(":
                j -= 1
        elif w == "(" and j == start:
            pass  # the figure restates the one before the parenthesis: "£40 billion ($51 billion)"
        elif w == "," and j + 1 < len(tokens) and tokens[j + 1].lower == "or":
            pass  # "shed 75 points, or 0.9%, to end at 8,120": the restatement belongs to the clause
        elif w == "," and _restatement_follows(tokens, j):
            pass
        elif w == "," and j < start and all(t.lower in _BEFORE_OR_APPOSITIVE for t in tokens[j + 1:start + 1]):
            pass  # "attendance has been drifting lower, from 900 a night": the figure completes the clause
        elif w == "," and any(tokens[i].text[0].isdigit() for i in (j - 1, j - 2) if i >= 0):
            pass  # a list of figures: "measure 3 m, 4.5 m and 6 m"
        elif w in _CLAUSE_PUNCT or w in ("but", "while", "whereas"):
            return -1
        elif _acts_as_verb(tokens, j):
            return j
        j -= 1
    return -1


def _restatement_follows(tokens: list[Token], j: int) -> bool:
    """ ", or 0.9%," : the comma closes a restated figure opened by ", or"."""
    k = j - 1
    while k >= 0 and j - k <= 5 and tokens[k].lower not in (",", "or"):
        k -= 1
    return k > 0 and tokens[k].lower == "or" and tokens[k - 1].lower == ","


def _clause_subject(tokens: list[Token], first: int) -> str:
    """The subject of the verb that governs the figure, or its object for "trimmed its output to 2%"."""
    v = _governing_verb(tokens, first - 1, 12)
    for _ in range(3):  # a verb chain: "gained 5% to close at", "is expected to ease from"
        if v < 0:
            return ""
        obj = _object_before_figure(tokens, v + 1, first)
        if obj:
            return obj
        k = _skip_back(tokens, v - 1, _AUX_OR_ADVERB)
        if k >= 0 and tokens[k].lower == "to" or (k >= 0 and _acts_as_verb(tokens, k) and k < v):
            to = tokens[k].lower == "to"
            if to:
                words = _subject_np(tokens, k - 1)
                j = _skip_back(tokens, k - 1 - _span(tokens, words, k - 1), _DETERMINERS)
                if words and j >= 0 and _acts_as_verb(tokens, j) and not _acts_as_verb(tokens, k - 1):
                    return _render(words)  # "might lead bus fares to climb 15%"
            v = _governing_verb(tokens, k - 1 if to else k, 12)
            if v < 0 and to:
                return _render(_subject_np(tokens, k - 1))  # "the council to borrow $8M"
            continue
        if k >= 0 and tokens[k].lower in ("which", "who", "that"):
            k = _antecedent_end(tokens, k - 1)  # "Scania (SCA), which has": the antecedent
            return _render(_subject_np(tokens, k, drop=False))
        if k >= 0 and tokens[k].lower in _PRONOUNS:
            return _sentence_subject(tokens, k)  # "Duolingo says it has 90m learners"
        return _render(_subject_np(tokens, _before_figure_in_subject(tokens, k)))
    return ""


def _before_figure_in_subject(tokens: list[Token], k: int) -> int:
    """ "the tax rate on incomes above $1 million will rise", "the fee on parcels over 2 kg will
    rise": a subject that ends in a figure (and its unit) ends, for what it names, at the noun
    before that figure (``k`` otherwise)."""
    j = k - 1 if k >= 1 and tokens[k].text[0].isalpha() and tokens[k - 1].text[0].isdigit() else k  # "2 kg"
    while j >= 0 and (tokens[j].text[0].isdigit() or tokens[j].lower in NUMBER_WORDS
                      or tokens[j].text in ("$", "€", "£", "%")):
        if _name_glue(tokens, j):
            return k  # "the Nikkei 225 fell": digits inside a name
        j -= 1
    if j == k:
        return k
    j = _skip_back(tokens, j, _BEFORE_FIGURE - {"a", "an", "of", "to", "by", "at", "from"})
    return j if j >= 0 and j < k and tokens[j].text[0].isalpha() and is_nounish(tokens[j].text) else k


def _span(tokens: list[Token], words: list[tuple[Token, str]], end: int) -> int:
    """How many tokens back from ``end`` the phrase ``words`` reaches."""
    if not words:
        return 0
    k = end
    while k >= 0 and tokens[k].start > words[0][0].start:
        k -= 1
    return end - k + 1


def _sentence_subject(tokens: list[Token], stop: int) -> str:
    """The subject of the sentence's first verb before ``stop``, which a later pronoun refers to:
    "Later, Rivera runs her blog, where she has 2 million readers" -> ``rivera``."""
    for j in range(1, min(stop, 20)):
        if tokens[j].lower not in _PRONOUNS and (_acts_as_verb(tokens, j) or _verb_after_name(tokens, j)):
            k = _skip_back(tokens, j - 1, _AUX_OR_ADVERB)
            if k >= 0 and tokens[k].lower in _PRONOUNS:
                return ""
            words = _subject_np(tokens, k)
            if words:
                return _render(words)
    return ""


def _verb_after_name(tokens: list[Token], j: int) -> bool:
    """ "Later, Rivera runs": a verb-or-noun word in -s right after a one-word name."""
    w = tokens[j].lower
    return w.endswith("s") and "VERB" in word_classes(w) and tokens[j - 1].text[0].isupper() \
        and (j == 1 or not tokens[j - 2].text[0].isupper())


def _antecedent_end(tokens: list[Token], k: int) -> int:
    """Index of the last word of the noun before a relative pronoun, commas and a parenthesis skipped."""
    k = _skip_back(tokens, k, _COMMA)
    if k >= 0 and tokens[k].text == ")":
        while k >= 0 and tokens[k].text != "(":
            k -= 1
        k -= 1
    return k


def _object_before_figure(tokens: list[Token], a: int, first: int) -> str:
    """ "trimmed its output to 2%", "lift exports by 12 per cent": the object between verb and figure."""
    b = _skip_back(tokens, first - 1, _BEFORE_FIGURE)
    if b < a or b == first - 1 or tokens[b + 1].lower not in ("to", "by", "at", "from"):
        return ""
    if any(not t.text[0].isalpha() for t in tokens[a:b + 1]):
        return ""  # "gained 30 points to 1,980": a figure, not an object, stands between
    words, j = _np_before(tokens, b)
    if _skip_back(tokens, j, _DETERMINERS) != a - 1:
        return ""  # the phrase must be all there is between verb and figure
    return _render(words)


def _subject_np(tokens: list[Token], k: int, drop: bool = True,
                first: tuple[list[tuple[Token, str]], int] | None = None) -> list[tuple[Token, str]]:
    """The noun phrase ending at tokens[k], with its ``of``/``for`` complement:
    "the cost of a weekly bus pass" -> ``cost of weekly bus pass``; "turnover in the half" -> ``turnover``
    (``drop``: a phrase after in/at/on belongs to a head before it; not so for a phrase that
    may itself be a verb's complement; ``first``: ``_np_before(tokens, k)``, already read)."""
    words, j = first if first is not None else _np_before(tokens, _phrase_end(tokens, k))
    for _ in range(2):
        j = _skip_back(tokens, j, _DETERMINERS)
        if not words or j < 1 or tokens[j].lower not in (_PREPOSITIONS if drop else _OF):
            break
        head, before = _np_before(tokens, _skip_back(tokens, j - 1, _DETERMINERS))
        if not head or len(head) + len(words) > _MAX_WORDS + 2:
            break
        words = head + ([(tokens[j], tokens[j].lower)] + words if tokens[j].lower in _KEEP_PREP else [])
        j = before
    return words


def _phrase_end(tokens: list[Token], k: int) -> int:
    """Where the noun phrase a subject ends at ``tokens[k]`` really ends: before a closing
    parenthesis or a comma-delimited aside."""
    if k >= 0 and tokens[k].text == ")":
        return _antecedent_end(tokens, k)  # "the London Stock Exchange (LSE) closed"
    if k >= 0 and tokens[k].text == ",":  # "household spending, excluding fuel, was"
        c = k - 1
        while c > 0 and k - c <= 8 and tokens[c].text != ",":
            c -= 1
        return c - 1 if c > 0 and tokens[c].text == "," else k
    return k


# -- noun phrases ----------------------------------------------------------------------------------


def _word(tok: Token) -> str:
    """A known noun's lemma ("Prices" -> ``price``), else the lower-case word, possessive dropped
    ("Scania's" -> ``scania``, "Ftse" -> ``ftse``)."""
    w = tok.lower
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    classes = word_classes(w)
    if w[:1].isalpha() and "NOUN" in classes:
        return classes["NOUN"][0].lower()  # the word's own lemma: no synonym folding in a label users read
    return w


def _np_word(tokens: list[Token], k: int) -> bool:
    tok = tokens[k]
    if (tok.lower in STOP and not (k > 0 and tok.text[0].isupper() and len(tok.text) > 1)) \
            or tok.lower in _DETERMINERS or tok.lower in _ADVERBS:
        return False  # a capitalised "May" or "US" inside a sentence is a name
    if tok.lower in NUMBER_WORDS and not (k > 0 and tokens[k - 1].lower.endswith(("'s", "’s"))):
        return False  # "three new albums", but "the club's eleven"
    if tok.text[0].isalpha():
        return tok.text[0].isupper() or is_nounish(tok.text) or is_adjish(tok.text) or not word_classes(tok.lower) \
            or _gerund_modifier(tokens, k) or (tok.lower.endswith("ing") and k > 0 and _names_gerund(tokens[k - 1]))
    return False


def _gerund_modifier(tokens: list[Token], k: int) -> bool:
    """ "operating loss", "paving contract": an -ing word right before a noun modifies it."""
    return tokens[k].lower.endswith("ing") and k + 1 < len(tokens) and tokens[k + 1].lower not in STOP \
        and tokens[k + 1].text[0].isalpha() and is_nounish(tokens[k + 1].text) and not is_adjish(tokens[k + 1].text)


def _name_glue(tokens: list[Token], k: int) -> bool:
    """Digits and & / - written inside a name: "FTSE/JSE 40", "FTSE-100", "CAC 40"."""
    tok = tokens[k]
    if tok.text in ("&", "/", "-") and 0 < k < len(tokens) - 1:
        return tokens[k - 1].end == tok.start and tokens[k + 1].start == tok.end
    if tok.text[0].isdigit() and k > 0:
        prev = tokens[k - 1]
        return prev.text[0].isupper() or (prev.text in ("&", "/", "-") and prev.end == tok.start) or (
            prev.text[0].isalpha() and not word_classes(prev.lower) and prev.lower not in STOP)  # "ftse 100"
    return False


def _np_before(tokens: list[Token], k: int) -> tuple[list[tuple[Token, str]], int]:
    """The noun phrase ending at tokens[k] (at most a few words) and the index before it."""
    found: list[int] = []
    words = 0  # the tokens of found that open with a letter, counted as they are added
    start = k
    while k >= 0 and words < _MAX_WORDS:
        if tokens[k].lower in _POSSESSIVE and found:
            k -= 1
            continue
        if not (_np_word(tokens, k) or _name_glue(tokens, k)):
            break
        if _acts_as_verb(tokens, k) and (not is_nounish(tokens[k].text) or tokens[k - 1].lower in _AUX) \
                and not (found and _gerund_modifier(tokens, k)):
            break  # "would lift bus fares": the verb is not part of the phrase
        found.append(k)
        words += tokens[k].text[0].isalpha()
        k -= 1
    found.reverse()
    while found and not tokens[found[0]].text[0].isalnum():
        found.pop(0)
    while found and not _head_like(tokens[found[-1]]) and not (
            tokens[found[-1]].lower.endswith("ing") and found[-1] > 0 and _names_gerund(tokens[found[-1] - 1])):
        found.pop()  # the phrase ends in its head noun ("household spending" too)
    if not found and 0 <= k < start and tokens[k].lower == "the" and is_adjish(tokens[k + 1].text):
        found = [k + 1]  # "the smallest was 12": an adjective used as a noun
    return [(tokens[i], _word(tokens[i])) for i in found], k


def _np_after(tokens: list[Token], k: int) -> list[tuple[Token, str]]:
    """The noun phrase starting at tokens[k], determiners and numbers before it skipped."""
    while k < len(tokens) and (tokens[k].lower in _DETERMINERS or tokens[k].text[0].isdigit()):
        k += 1
    end, found = k, []
    while end < len(tokens) and len(found) < _MAX_WORDS:
        if found and coordinated(tokens, end, k):
            end += 1  # "paved and unpaved trails": the second describing word joins the phrase
            continue
        if not (_np_word(tokens, end) or _name_glue(tokens, end) or participle_before_noun(tokens, end)):
            break
        last = tokens[found[-1]] if found else None
        if last is not None and is_nounish(last.text) and not last.text[0].isupper() \
                and not is_nounish(tokens[end].text) and not tokens[end].text[0].isupper():
            break  # "sales rose": the phrase ended at the noun
        found.append(end)
        end += 1
    while found and not _head_like(tokens[found[-1]]):
        found.pop()
    return [(tokens[i], _word(tokens[i])) for i in found]


def _head_like(tok: Token) -> bool:
    """A word that can end a noun phrase: a noun (possessive or not), a name, or digits in a name."""
    text = tok.text[:-2] if tok.lower.endswith(("'s", "’s")) else tok.text
    return bool(text) and (text[0].isupper() or text[0].isdigit() or is_nounish(text))


def _render(words: list[tuple[Token, str]]) -> str:
    """Lemmas joined by spaces; tokens written together stay together ("ftse/jse 40")."""
    out, prev_end = [], None
    for tok, lemma in words:
        if out and prev_end == tok.start and (not tok.text[0].isalpha() or not out[-1][-1:].isalpha()):
            out[-1] += lemma
        else:
            out.append(lemma)
        prev_end = tok.end
    return " ".join(out)
