"""Whose figure it is: the short phrase a figure measures (the claims' ``subject`` column).

Read with the same word-class lookups as :mod:`.nouns` (:mod:`.words`; no statistical
parser, see NOTES), by a few grammar patterns tried in order:

==============================================  ==========================================
pattern                                         subject
==============================================  ==========================================
"40 billion rupees (**$480 million**)",         the subject of the figure restated
"$45 a share, **down 8%** on the month",        or compared
"sales of $2 billion, **$50 million** more than"
"**Maria Lopez**, 52, runs"                     ``maria lopez`` (an age in apposition)
"**the bridge**, 1.2 km long, opened"           ``bridge`` (a figure set off by commas after a noun phrase)
"2,500 tonnes **of Kenyan tea**"                ``kenyan tea`` (the ``of`` phrase after the counted noun,
                                                also past "(88 lb)" or "worth"; not after "within":
                                                "within 3 km of the coast" names where from)
"a 5% **rise in rents**"                        ``rent`` (a change noun's ``in`` phrase)
"an **operating loss** of $7 million",          ``operating loss``, ``flat`` (the noun a figure
"**flats** from £240,000"                       attaches to; not "total", "number"...)
"**cabin pressure** ≈ 0.8 bar"                  ``cabin pressure`` (a qualifier sign after the noun)
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
"In 2010, **the city** taught 40,000 pupils,    ``city`` (when nothing above applies: the sentence's
but the newest figures show just 31,200"        subject, else the noun phrase opening it)
==============================================  ==========================================

Common nouns are lemmatised, names lower-cased; tokens written together stay
together ("FTSE/JSE 40" -> ``ftse/jse 40``).  The phrase is at most a few words: it is
read by a user in the claims table, not a bag of the sentence's words.  Measures
do not key on it (they use noun, modifiers and context).

The reading of noun phrases and verbs the patterns share is :mod:`.phrases`; the
clause-subject pattern (the subject or object of the verb that governs the
figure, with its antecedents and pronouns) is :mod:`.clause_subjects`; the patterns for a figure
whose own words do not say (the verb's object, a gapped clause, an earlier figure) are
:mod:`.distant_subjects`.
"""

from __future__ import annotations


# the clause subject and the phrase reading, each in a module of its own; _acts_as_verb,
# _np_before, _render, _skip_back and _subject_np stay importable from here (the tests do)
from .distant_subjects import (_ON_OR_AT, _change_after_clause, _earlier_figure_subject, _elliptical, _gapped,
                               _object_of_figure)
from .clause_subjects import (_BEFORE_FIGURE, _clause_subject,
                              _participle_clause, _sentence_topic)
from .events import event_lemma
from .phrases_after import (_CALENDAR_NAMES, _change_in, _in_phrase_after, _names_a_change, _of_phrase_after,
                            _past_bearing, _skip_forward)
from .lexicon import lexicon
from .nouns import MEASURE_ADJECTIVES, participle_before_noun
from .nouns_before import _time_unit
from .phrases import (_DETERMINERS, _acts_as_verb, _describes_figure, _gerund_modifier, _name_glue, _np_after, _np_before, _render,
                      _skip_back, _subject_np)
from .level_subjects import (_change_verb_before, _compared_figure, _head_before_to, _hyphen_compound, _letter_sign,
                             _level_before_from, _restated_figure)
from .numbers import ORDINAL_WORDS
from .scan import NUMBER_WORDS
from .words import STOP, Token, is_adjish, is_nounish, is_plural, word_classes

# Heads of "X of N" that only package the figure ("a total of 25 buses"): the clause says whose it is.
_CONTAINERS = frozenset({"total", "number", "sum", "tally", "count", "figure", "amount", "level", "rate",
                         "value", "maximum", "minimum", "record", "high", "low", "estimate", "average",
                         "group", "lot", "majority", "range", "price", "cost", "close", "peak", "age",
                         "pace"})
# Words between a noun and its figure: "flats from £240,000", "ozone readings at 80 ppb",
# "pulses of at least 5 ns", "density lower than 2 g/cm3", "a truck with 500 horsepower".
_NOUN_TO_FIGURE = _BEFORE_FIGURE | frozenset({"with", "for", "than", "least", "as", "higher", "lower",
                                              "greater", "larger", "smaller", "bigger", "high", "low"})
# Prepositions of time ("during the session", "over the weekend"; closed class)
_TIME_PREPOSITIONS = frozenset({"during", "throughout", "over", "since", "after", "before", "until"})
# The signs of a qualifier that open a figure ("cabin pressure ≈ 0.8 bar", "demand ~ 41 GW"): like "is
# about", they follow the noun the figure measures (a sign of direction, "+0.4%", does not).
_BOUND_SIGNS = frozenset({"≈", "~", "<", ">", "≤", "≥", "<=", ">="})
# The unions the patterns test against, built once (they were built on every call, some for
# every token: a few percent of subject_for, profiled).


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
    if before < 0 and first >= 3 and tokens[first - 1].lower == "from":
        before = _level_before_from(tokens, first - 1)
    elif before < 0 and first >= 3 and tokens[first - 1].lower in (",", "and"):
        before = _compared_figure(tokens, first, after)
    if before >= 0:
        return subject_for(tokens, before, first - 1)
    # the patterns in order, each tried only when the ones before it found nothing (``or``
    # stops at the first phrase): reading them all first was a third of subject_for (profiled)
    return _apposition(tokens, first, noun_end) or _set_off(tokens, first, noun_end) \
        or (_bracketed(tokens, first) if tokens[first - 1].text == "(" else "") \
        or (_each(tokens, first) if _each_before(tokens, first) else "") \
        or _fronted(tokens, first, noun_end) \
        or (_of_phrase_after(tokens, noun_end) if first == 0 or tokens[first - 1].lower != "within" else "") \
        or (_in_phrase_after(tokens, noun_end) if money else "") \
        or (_change_after_clause(tokens, first, depth) if head and depth < 2 and _names_a_change(head)
            and (noun_end >= len(tokens) or tokens[noun_end].lower != "in") else "") \
        or _change_in(tokens, first, noun_end, head, after) \
        or _head_of_figure(tokens, first) or _hyphen_measured(tokens, first) \
        or (_hyphen_compound(tokens, first, after) if "-" in tokens[first].text or after - first > 1 else "") \
        or ("" if head and count else _attributive(tokens, first, after)) \
        or (_paid_for(tokens, noun_end) if money else "") \
        or (_gapped(tokens, first) if first >= 3 and tokens[first - 1].lower in _ON_OR_AT else "") \
        or _clause_subject(tokens, first) or _name_before(tokens, first) \
        or _paid_for(tokens, noun_end) or _object_of_figure(tokens, first, noun_end) or _elliptical(tokens, first) \
        or (_earlier_figure_subject(tokens, first, depth) if depth < 2 else "") \
        or ("" if depth else _sentence_topic(tokens, first))


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


def _each_before(tokens: list[Token], first: int) -> bool:
    """"each" among the three words before the figure, as :func:`_each` needs (a cheap test
    first: it is asked for most figures)."""
    return first >= 3 and (tokens[first - 1].lower == "each" or tokens[first - 2].lower == "each"
                           or tokens[first - 3].lower == "each")


def _each(tokens: list[Token], first: int) -> str:
    """ "100 turbines, each 14 MW", "two plants, each for $40 million", "12 players, each paid
    $2 million": a figure after a comma and "each" (and at most two lower-case words: a
    participle, a preposition) gives the size of every one of the plural noun before the comma."""
    e = first - 1
    while e > first - 4 and e >= 0 and tokens[e].lower != "each" and tokens[e].text.isalpha() \
            and tokens[e].text.islower():
        e -= 1
    if e < 2 or tokens[e].lower != "each" or tokens[e - 1].text != "," \
            or not is_plural(tokens[e - 2].text) or not is_nounish(tokens[e - 2].text):
        return ""
    return _render(_np_before(tokens, e - 2)[0])


def _set_off(tokens: list[Token], first: int, noun_end: int) -> str:
    """ "The bridge, 1.2 km long, opened", "its population, about 80,000, is", "the ship,
    weighing 40,000 tonnes, ran", "half of the volunteers, 6,200 people, took", "the crossover,
    priced from $24,995, returns": a figure set off by commas right after a noun phrase (with
    its unit or counted noun, a measure adjective after it or a participle and its preposition
    before it at most) is in apposition to that phrase, which is what it measures.  A figure after a figure ("3 m, 4.5 m and 6 m") is no apposition,
    nor one after a participle of a verb of change ("the index led the region, rising 40 points,"):
    that is a participle clause, whose figure belongs to the subject of the clause before it."""
    c = first - 1
    if c >= 2 and tokens[c].lower in ("at", "from", "to", "by") and tokens[c - 1].lower.endswith(("ing", "ed")):
        c -= 1  # "priced from $24,995", "valued at $2 billion": a participle and its preposition
    if c >= 1 and tokens[c].text.islower() and tokens[c].lower.endswith(("ing", "ed")) \
            and "VERB" in word_classes(tokens[c].lower):
        if tokens[c].lower in lexicon().change:
            return ""  # "was the top performer of the day, soaring 813 points,": a change the clause's subject made
        c -= 1  # "weighing 40,000 tonnes", "aged 19": a participle
    if c < 1 or tokens[c].text != "," or not tokens[c - 1].text[0].isalpha():
        return ""
    k = _past_bearing(tokens, noun_end)
    if k == noun_end:
        k = noun_end + (noun_end < len(tokens) and tokens[noun_end].lower in MEASURE_ADJECTIVES)
    if k >= len(tokens) or tokens[k].text != ",":
        return ""
    words, before = _np_before(tokens, c - 1)
    if not words or not is_nounish(words[-1][0].text) or (before >= 0 and tokens[before].text[0].isdigit()):
        return ""
    last = words[-1][0]
    if last.lower in _CALENDAR_NAMES or last.text.islower() and _time_unit(last.lower):
        return ""  # "rose 4% in July, reaching $9": a time ends the clause, the participle is the clause's
    return _render(words)


def _bracketed(tokens: list[Token], first: int) -> str:
    """ "turnout was highest in Tilburg (71%) and lowest in Venlo (48%)", "sold best in the
    north (12,000 units)": a figure that opens a parenthesis right after a noun phrase describes
    that phrase, as one set off by commas does (:func:`_set_off`); after a figure the bracket
    restates it instead ("150 miles per hour (241 km/h)"), and a bracket that holds more than
    a figure and a few words is an aside of its own ("the film (20th/Disney)")."""
    if first < 2 or first + 1 < len(tokens) and tokens[first + 1].lower in ("st", "nd", "rd", "th") \
            or not any(tokens[i].text == ")" for i in range(first + 1, min(first + 7, len(tokens)))) \
            or any(tokens[i].text[0].isdigit() or tokens[i].lower in NUMBER_WORDS for i in range(max(0, first - 5), first - 1)):
        return ""
    words, _ = _np_before(tokens, first - 2)
    last = words[-1][0] if words else None
    if last is None or last.text.islower() and ("ADV" in word_classes(last.lower) or _time_unit(last.lower)) \
            or last.lower in _CALENDAR_NAMES:
        return ""  # "than it did yesterday ($131 million ...)", "in May (4%)": a time, not what is measured
    return _render(words)


def _fronted(tokens: list[Token], first: int, after: int) -> str:
    """ "At 2,700 feet, the tower is", "With 1,200 rooms, the resort is": a figure (with its
    counted noun) in a phrase that opens the sentence with "at" or "with" and ends at a comma
    describes the subject of the clause after the comma."""
    if not tokens or tokens[0].lower not in ("at", "with") or not 0 < first <= 4 or after >= len(tokens) \
            or tokens[after].text != ",":
        return ""
    if any(not (t.lower in _BEFORE_FIGURE or t.lower in _DETERMINERS) for t in tokens[1:first]):
        return ""  # "At least 40", "With about 300" only: no words of their own before the figure
    return _render(_np_after(tokens, after + 1))


# -- phrases after the figure ------------------------------------------------------------------------


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
    if k + 1 < len(tokens) and tokens[k + 1].lower in _DETERMINERS:
        return ""  # "finished 14 seconds behind the winner": a preposition, no noun the figure describes
    return _render(_np_after(tokens, k))


def _paid_for(tokens: list[Token], k: int) -> str:
    """ "paid $90 for a winter coat" -> ``winter coat``: what an amount of money buys (and, when
    nothing else names it, what any figure is given for: "40 mpg for small hatchbacks")."""
    if k < len(tokens) - 1 and tokens[k].lower == "for":
        n = _skip_forward(tokens, k + 1, _DETERMINERS)
        if n < len(tokens) and (tokens[n].lower in ORDINAL_WORDS or tokens[n].lower in ("last", "next", "past")):
            return ""  # "above $90 a barrel for the first time", "for a third year": how often, not what
        return _render(_np_after(tokens, k + 1))
    return ""


# -- phrases before the figure -----------------------------------------------------------------------


def _head_of_figure(tokens: list[Token], first: int) -> str:
    """ "an operating loss of $7 million" -> ``operating loss``, "flats from £240,000" -> ``flat``
    (not for packaging words such as "total", nor for the unit of an earlier figure)."""
    j = _skip_back(tokens, first - 1, _NOUN_TO_FIGURE)
    if j < 0 or j == first - 1 and (not tokens[first].text[0].isalpha() or _letter_sign(tokens, first)) \
            and tokens[first].text not in _BOUND_SIGNS or _acts_as_verb(tokens, j) or _opens_participle_clause(tokens, j):
        return ""  # nothing between noun and figure: "FTSE 250 +0.4%" is left to _name_before
    if tokens[j].lower in _CALENDAR_NAMES or tokens[j].text[0].isdigit():
        # "have climbed since January from $2.40", "fell on Thursday by 2.6%": when, not what;
        # "passed the Senate 61 to 38": the other figure of a tally or a range
        return ""
    if tokens[j].lower.endswith("ing") and _participle_clause(tokens, first) > 0:
        return ""  # "Diaz starred, clearing at least 10 hurdles": a participle, not a noun; the clause says whose
    if j >= 1 and "ADV" in word_classes(tokens[j].lower) and _acts_as_verb(tokens, j - 1):
        return ""  # "is moving north at 12 mph", "came back to 40%": an adverb after its verb, no noun
    words, before = _np_before(tokens, j)
    if tokens[j + 1].lower == "with" and _skip_back(tokens, before, _DETERMINERS) >= 0 \
            and tokens[_skip_back(tokens, before, _DETERMINERS)].lower in _TIME_PREPOSITIONS:
        return ""  # "led the club during the streak with nine goals": a "with" phrase after a phrase of time
        # goes with the verb (a time has no goals), so the clause says whose the figure is
    if len(words) == 1 and before >= 0 and tokens[before].lower in ("a", "one") \
            and (words[0][0].lower in ORDINAL_WORDS or words[0][0].lower in ("half", "quarter")):
        return ""  # "fell by almost a quarter to $2.2bn": the fraction is an earlier figure
    if words and _time_unit(words[-1][0].lower):
        return ""  # "end the year at 5,200", "for the week to $3": a time, not what the figure measures
    if j == first - 1 and _describes_figure(tokens, words, before):
        return ""  # "lost a staggering 18%": adjectives of the figure, the clause says whose
    if len(words) == 1 and before >= 0 and is_adjish(words[0][0].text) and _acts_as_verb(tokens, before):
        return ""  # "was flat at 104.2", "held steady at 3,150": a predicate adjective, the clause says whose
    if words and len(words) > 1 and _container(words):
        # "an annualised rate of 4.9%": the clause's subject, else the phrase ("the jobless rate of 4% is low")
        return _clause_subject(tokens, first, True) or _render(words)
    if not words or len(words) == 1 and words[0][1] in _CONTAINERS or any(
            0 <= i and (tokens[i].text[0].isdigit() or tokens[i].lower in NUMBER_WORDS)
            for i in range(before - 2, before + 1)):
        return ""  # "gained 1.2 per cent to 8,410", "tripled in three years to 84,000": an earlier figure's unit
    head = _head_before_to(tokens, j, first, before)
    if head is not None:
        return head
    # tokens[j] opens a phrase, so it is no ")" or "," and _subject_np would read this same
    # phrase first: it is handed over rather than read twice
    # a level a change took its object to ("cut its outlook for the year to $2.5 billion", "cut the
    # limit on Main Street to 25 mph"): that object is no verb's complement, so a phrase after
    # in/at/on belongs to the head before it, as in a subject -- unless that head is a change
    # ("a rise in parking fines to $80": the fines reached $80)
    return _render(_subject_np(tokens, j, drop=tokens[j + 1].lower == "to" and _changed_object(tokens, before),
                               first=(words, before)))


def _opens_participle_clause(tokens: list[Token], j: int) -> bool:
    """ ", stranding 4,000 villagers", ", leaving 900 homeless", ", easily winning 14 races": an -ing
    word after a comma (and -ly adverbs) opens a participle clause (a verb, though the dictionary
    also files "killing" as a noun)."""
    if not tokens[j].lower.endswith("ing") or "VERB" not in word_classes(tokens[j].lower):
        return False
    c = j - 1
    while c >= 1 and tokens[c].lower.endswith("ly") and tokens[c].text.islower():
        c -= 1
    return c >= 1 and tokens[c].text == ","


def _changed_object(tokens: list[Token], before: int) -> bool:
    """True when the phrase ending at ``before`` (determiners, then a preposition) follows the
    object of a verb of change ("cut the limit on", "raised its outlook for"), not a change noun
    ("a rise in parking fines": what "in" names is what changed) nor a noun with no change
    ("a talk to 300 builders")."""
    p = _skip_back(tokens, before, _DETERMINERS)
    return p >= 1 and not (tokens[p - 1].lower in lexicon().change or event_lemma(tokens[p - 1].lower)) \
        and _change_verb_before(tokens, p - 1)


def _container(words: list[tuple[Token, str]]) -> bool:
    """A packaging head ("total", "rate") with at most describing words before it ("an annualised
    rate of 4.9%", "a record high of"): the clause says whose figure it is.  A noun before
    the head makes a name of its own ("the mortgage rate", "the benchmark rate")."""
    return words[-1][1] in _CONTAINERS and all(
        is_adjish(tok.text) or tok.lower.endswith("ed") for tok, _ in words[:-1])


def _name_before(tokens: list[Token], first: int) -> str:
    """ "FTSE 250 +0.4%": a name right before the figure, when nothing else says whose it is."""
    j = first - 1
    if j > 0 and tokens[j].text == ":":
        j -= 1  # "Inflation: 2.7%"
    elif not (j > 0 and (tokens[j].text[0].isupper() or _name_glue(tokens, j)
                         or tokens[j].lower.endswith(("'s", "’s")))):
        return ""  # "FTSE 250 +0.4%", "the club's 900 members"
    return _render(_np_before(tokens, j)[0])
