"""Whose figure it is, read from the figure's clause (a pattern of :mod:`.subjects`).

The verb that governs the figure is found back in the figure's clause
(:func:`_governing_verb`); what the figure measures is then the verb's object
before the figure ("the mill **trimmed its output** to 2%" -> ``output``), else
the verb's subject, read back through verb chains and infinitives ("**the cost of
a season pass** hit $900", "might lead **bus fares** to climb 15%"), the
antecedent of a relative pronoun ("**Scania**, which has 40,000 staff") or, for a
pronoun, the sentence's subject ("**Duolingo** says it has 90 million learners"); a verb
joined by "and" to an earlier one shares its subject ("**the tablet** has a 10.9-inch
screen and weighs 477 g").
"""

from __future__ import annotations

from .lexicon import lexicon
from .nouns_before import _PARTICIPLE_PREPOSITIONS, _past_participle_before_phrase, _present_participle, _time_unit
from .phrases import (_ADVERBS, _AUX, _DETERMINERS, _acts_as_verb, _antecedent_end, _describes_figure, _name_glue,
                      _np_after, _np_before, _render, _skip_back, _subject_np)
from .scan import NUMBER_WORDS
from .words import STOP, Token, is_adjish, is_nounish, word_classes

_CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")", ".", "?", "!", "\"", "“", "”"})
# Words that may stand between a governing word and its figure ("fell by about", "is worth over").
_BEFORE_FIGURE = frozenset({"to", "by", "at", "about", "nearly", "almost", "around", "some", "roughly",
                            "approximately", "more", "than", "over", "under", "less", "fewer", "just",
                            "only", "up", "down", "a", "an", "of", "from", "exactly", "least", "most",
                            "as", "much", "many", "between", "barely", "below", "above", "estimated",
                            "another", "further", "additional", "record"})
_PRONOUNS = frozenset({"he", "she", "it", "they"})
# The words of a qualifier between a verb and its figure ("clearing at least 10", "selling about 40"); not
# the prepositions of _BEFORE_FIGURE ("according to 40 economists" is no participle governing 40).
_QUALIFYING = _BEFORE_FIGURE - {"to", "by", "at", "of", "from", "between", "as", "below", "above", "under"}
# Words that open a figure restating or comparing the one before a comma: ", up 5% from", ", or 2%".
_APPOSITIVE = frozenset({"up", "down", "or", "from", "compared", "against", "versus", "vs"})
# The unions the patterns test against, built once (they were built on every call, some for
# every token: a few percent of subject_for, profiled).
_BEFORE_OR_APPOSITIVE = _BEFORE_FIGURE | _APPOSITIVE
_AUX_OR_ADVERB = _AUX | _ADVERBS
_AUX_OR_UP_DOWN = _AUX | {"up", "down"}  # the words of STOP that _acts_as_verb takes for verbs


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
        elif w == "," and all(t.lower in _BEFORE_OR_APPOSITIVE for t in tokens[j + 1:max(start + 1, j + 2)]):
            pass  # "attendance has been drifting lower, from 900 a night": the figure completes the clause
            # (also when "from" opens the figure's own words: "rising steadily, from 22 mpg to 27 mpg")
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


def _clause_subject(tokens: list[Token], first: int, with_phrase: bool = False) -> str:
    """The subject of the verb that governs the figure, or its object for "trimmed its output to 2%".
    A figure whose clause has no verb may belong to the clause before a ", with" right before it
    ("closed, with 300 jobs lost") or, when ``with_phrase`` (change nouns and packaging heads),
    a few words before it ("grew fast, with an increase of 22%")."""
    w, w2 = (tokens[first - 1].lower, tokens[first - 2].lower) if first >= 3 else ("", "")
    # the cheap tests first: most figures follow no participle and no "with" (a call per figure
    # costs, profiled)
    if w.endswith("ing") or w in _QUALIFYING or w2 == "having":
        comma = _participle_clause(tokens, first)
        if comma > 0:  # "Ruiz won the final, scoring 31 points"; "The Hawks, having lost 12 games, fired"
            return _sentence_subject(tokens, comma) or _render(_subject_np(tokens, comma - 1))
    v = _governing_verb(tokens, first - 1, 12)
    if v < 0 and (with_phrase or w == "with" or w2 == "with"):
        v = _verb_before_with(tokens, first)
    for _ in range(3):  # a verb chain: "gained 5% to close at", "is expected to ease from"
        if v < 0:
            return ""
        obj = _object_before_figure(tokens, v + 1, first)
        if obj:
            return obj
        if v >= 2 and tokens[v - 1].text == "," and tokens[v].lower.endswith("ing") \
                and "VERB" in word_classes(tokens[v].lower):
            # "Ruiz scored early, reaching 40 goals in 56 games": a participle clause shares the main clause's subject
            return _subject_before_comma(tokens, v - 1)
        if v >= 2 and tokens[v - 1].text == "," and tokens[v].lower in ("up", "down"):
            # "Acme had a weak quarter, down 8%": a change set off after a clause is that clause's
            v = _governing_verb(tokens, v - 2, 12)
            continue
        k = _skip_back(tokens, v - 1, _AUX_OR_ADVERB)
        if k >= 1 and tokens[k].lower == "and" and _acts_as_verb(tokens, v):
            # "the tablet has a 10.9-inch screen and weighs 477 g": verbs joined by "and" share
            # the first one's subject
            v = _governing_verb(tokens, k - 1, 12)
            if v <= 0 or tokens[v].lower in ("up", "down", "off", "out"):
                return ""  # "Sign up today and get 20% off": the particle of an imperative, no subject
            continue
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
        r = _relative_before_verb(tokens, k)
        if r < 0:
            r = _participle_before_verb(tokens, k)
        if r > 0:  # "a barge that has sunk twice is now 80 years old": the antecedent
            k = r - 1
        return _render(_subject_np(tokens, _before_figure_in_subject(tokens, k)))
    return ""


def _relative_before_verb(tokens: list[Token], k: int) -> int:
    """The index of "that"/"which"/"who" opening a relative clause that ends at tokens[k], right
    before the verb of the main clause ("**the bridge** that has carried cars since 1990 is
    40 m long"), else -1.  The pronoun follows a common noun (its antecedent) and is the
    subject of a verb of its own right after it; a clause joined by "and"/"but" may go on
    the relative clause ("a film that sold 20,000 copies but had its total lifted to"), and a
    relative clause set off by commas is an aside :func:`._phrase_end` skips."""
    for i in range(k, max(0, k - 12), -1):
        w = tokens[i].lower
        if w in _CLAUSE_PUNCT or w in ("and", "but", "or"):
            return -1
        if w in _RELATIVE_PRONOUNS:
            prev = tokens[i - 1]
            if i + 1 < k and prev.text.isalpha() and prev.text.islower() and prev.lower not in STOP \
                    and is_nounish(prev.text) and not (i >= 2 and tokens[i - 2].lower in _PRONOUNS) \
                    and (tokens[i + 1].lower in _AUX or _acts_as_verb(tokens, i + 1)):
                return i
            return -1
    return -1


_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})


def _participle_before_verb(tokens: list[Token], k: int) -> int:
    """The index of a present participle opening a clause that ends at tokens[k], right before
    the main verb ("**shoppers** using the new app rose to 45,000"), else -1: a word in -ing that
    is only a verb, after a common noun (its head), with no punctuation or clause word between."""
    for i in range(k, max(0, k - 8), -1):
        tok = tokens[i]
        if not tok.text[0].isalnum() or tok.lower in _RELATIVE_PRONOUNS or tok.lower in ("and", "but", "or"):
            return -1
        if i < k and tokens[i + 1].lower in _PARTICIPLE_PREPOSITIONS and _past_participle_before_phrase(tokens, i):
            return i  # "the mansion built over a decade is": a past participle's clause, after its head
        if i < k and _present_participle(tok):
            prev = tokens[i - 1]
            return i if prev.text.isalpha() and prev.lower not in STOP and is_nounish(prev.text) else -1
    return -1


def _subject_before_comma(tokens: list[Token], comma: int) -> str:
    """The subject of the clause that ends at the comma before a participle clause ("the
    harvest rose by a third, reaching 90 tonnes" -> ``harvest``, not the subject of a verb
    that reports it earlier: "a survey says the harvest rose ..."), else the sentence's subject."""
    m = _governing_verb(tokens, comma - 1, 20)
    k = _skip_back(tokens, m - 1, _AUX_OR_ADVERB) if m > 0 else -1
    if k >= 0 and tokens[k].lower not in _PRONOUNS and tokens[k].text[0].isalpha():
        words = _subject_np(tokens, _before_figure_in_subject(tokens, k))
        if words:
            return _render(words)
    return _sentence_subject(tokens, comma) or _render(_subject_np(tokens, comma - 1))


def _verb_before_with(tokens: list[Token], first: int) -> int:
    """The verb of the clause before ", with" when the figure's phrase opens with it ("Tokyo grew
    fast, with an increase of 22%"): a "with" phrase set off by a comma has no verb of its own and
    adds to the clause before it; else -1."""
    for j in range(first - 1, max(1, first - 7), -1):
        w = tokens[j].lower
        if w == "with":
            return _governing_verb(tokens, j - 2, 12) if tokens[j - 1].text == "," else -1
        if w in _CLAUSE_PUNCT:
            return -1
    return -1


def _participle_clause(tokens: list[Token], first: int) -> int:
    """The comma before a participle that opens the figure's clause ("Ruiz won the final,
    scoring 31 points", ", finally clearing at least 10", ", having sold 40,000 copies"), else -1.
    Such a clause has no subject of its own: an adjunct's subject is the main clause's."""
    v = _skip_back(tokens, first - 1, _QUALIFYING)
    if v < 2:
        return -1
    j = v - 1
    if tokens[j].lower == "having":
        j -= 1  # "having lost 12 games": the perfect participle
    elif not tokens[v].lower.endswith("ing"):
        return -1
    while j > 0 and tokens[j].lower.endswith("ly") and tokens[j].text.islower():
        j -= 1  # "finally clearing"
    if tokens[j].text != "," or "VERB" not in word_classes(tokens[v].lower):
        return -1
    return j


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
    return j if j >= 0 and j < k and tokens[j].text[0].isalpha() and is_nounish(tokens[j].text) \
        and not _acts_as_verb(tokens, j) else k  # "officials say 1,100 people are": a verb, no noun


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
    aside = False  # a comma came before: the words after it may be an aside ("the index, a gauge of ...,")
    for j in range(1, min(stop, 20)):
        w = tokens[j].lower
        if not w.endswith("s") and (not w[0].isalpha() or w in STOP and w not in _AUX_OR_UP_DOWN):
            aside = aside or w == ","
            continue  # marks and function words, which neither test below takes for a verb (read cheaply)
        if w.endswith("ing") and (tokens[j - 1].text == "," or aside and tokens[j - 1].lower not in _AUX):
            continue  # "Last May, playing in the rain, Okafor scored", "the index, a gauge of stocks trading
            # in Seoul, rose": an -ing form with no "be" before it, in an aside set off by a comma, is a
            # participle of that aside, not the sentence's verb
        if w not in _PRONOUNS and (_acts_as_verb(tokens, j) or _verb_after_name(tokens, j)):
            k = _skip_back(tokens, j - 1, _AUX_OR_ADVERB)
            if k >= 0 and tokens[k].lower in _PRONOUNS:
                return ""
            words = _subject_np(tokens, _before_figure_in_subject(tokens, k))  # "a tremor of magnitude 6.4 shook"
            if words:
                return _render(words)
    return ""


def _sentence_topic(tokens: list[Token], first: int) -> str:
    """What a figure no pattern explains belongs to: the sentence's subject, else the noun phrase
    that opens the sentence after an introductory phrase set off by a comma ("In 2010, **the
    city** taught more than 40,000 pupils, but the newest figures show just 31,200" ->
    ``city``; "**Homes** under $200,000 sell in 40 days; $200,000 to $300,000, 52 days").

    A last resort, tried after every pattern of :func:`.subjects.subject_for`: an empty
    subject tells a reader nothing, and in news text the figure most often belongs to the
    sentence's topic (measured: on NewsQuant's dev half and on three sets of other news
    sentences it left 5-20 % of figures without a subject; this fallback gives the measured
    thing of about one in four of those).
    """
    topic = _sentence_subject(tokens, first)
    if topic:
        return topic
    k = 0
    for i in range(min(first, 12)):
        if tokens[i].text == ",":
            k = i + 1
            break
    words = _np_after(tokens, k) if k < first else []
    # the phrase must stand before the figure: "However, 25 people were hurt" has no topic but
    # the figure's own noun
    return _render(words) if words and words[-1][0].start < tokens[first].start else ""


def _verb_after_name(tokens: list[Token], j: int) -> bool:
    """ "Later, Rivera runs": a verb-or-noun word in -s right after a one-word name."""
    w = tokens[j].lower
    return w.endswith("s") and "VERB" in word_classes(w) and tokens[j - 1].text[0].isupper() \
        and (j == 1 or not tokens[j - 2].text[0].isupper())


def _object_before_figure(tokens: list[Token], a: int, first: int) -> str:
    """ "trimmed its output to 2%", "lift exports by 12 per cent": the object between verb and figure;
    after a verb of change the figure may follow the object directly ("grew revenue 29%")."""
    b = _skip_back(tokens, first - 1, _BEFORE_FIGURE)
    if b < a or (tokens[b + 1].lower not in ("to", "by", "at", "from") if b < first - 1
                 else tokens[a - 1].lower not in lexicon().change or not tokens[a - 1].text.islower()):
        return ""
    if any(not t.text[0].isalpha() for t in tokens[a:b + 1]):
        return ""  # "gained 30 points to 1,980": a figure, not an object, stands between
    words, j = _np_before(tokens, b)
    if _skip_back(tokens, j, _DETERMINERS) != a - 1:
        return ""  # the phrase must be all there is between verb and figure
    if b == a and "ADV" in word_classes(tokens[b].lower):
        return ""  # "moving north at 12 mph", "came back to 40%": a bare adverb, no object
    if j == a - 1 and len(words) == 1 and is_adjish(words[0][0].text) or b == first - 1 and _describes_figure(
            tokens, words, j):
        return ""  # "was flat at 104.2", "held steady at 3,150": a predicate adjective, no object; "lost a
        # staggering 18%": adjectives of the figure
    if words and _time_unit(words[-1][0].lower):
        return ""  # "end the year at 5,200": the object times the figure
    return _render(words)
