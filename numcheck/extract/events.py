"""The event words around a figure (the claims' ``context`` column), and the clauses of a sentence.

* **context**: the event words (verbs, and nouns made from verbs such as
  "separation") of the figure's clause, lemmatised and folded through the
  event synonyms of ``data/lexicon.toml``; light verbs ("be", "lead to",
  "say") are left out.  A clause with no event word borrows from its nearest
  neighbours.

Read, like the counted noun (:mod:`.nouns`), with word-class lookups from
lemminflect's dictionary (:mod:`.words`), not a statistical parser.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from itertools import compress

from .lexicon import lexicon
from .numbers import ORDINAL_WORDS, SCALE_WORDS, TENS_WORDS, UNITS_WORDS
from .words import _LOWER, _OBJECT_DETERMINERS, STOP, Token, is_nounish, word_classes

# Nominalisations of actions ("separation", "deportation", "removal") name events;
# -ment/-ance/-ence/-ure nouns mostly name institutions or things ("government",
# "department", "conference", "departure") and are left out.
_DEVERBAL = (("ation", "ate"), ("ation", ""), ("ation", "e"), ("ition", ""), ("tion", "te"),
             ("sion", "d"), ("sion", "de"), ("al", ""))


# Numerals are a closed class of English grammar, never verbs in a sentence with a figure,
# though the dictionary files some as verbs too ("third" only as a verb and an adverb, so it
# was read as an event): "in the third quarter" names no event.
NUMERALS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | frozenset(SCALE_WORDS) | frozenset(ORDINAL_WORDS)


@lru_cache(maxsize=65536)
def event_lemma(word: str) -> str:
    """The event a word names ("separated", "separation" -> "separate"), or "".

    >>> event_lemma("separated"), event_lemma("third"), event_lemma("second")
    ('separate', '', '')
    """
    w = word.lower()
    folded = lexicon().event_synonyms
    if w in STOP or len(w) < 3 or w in NUMERALS:
        return ""
    classes = word_classes(w)
    if "VERB" in classes and "NOUN" not in classes:
        if "ADJ" in classes and w.endswith("ing"):
            lemma = classes["ADJ"][0]  # "missing"
        else:
            lemma = classes["VERB"][0]
    elif "NOUN" in classes and "VERB" not in classes:
        lemma = ""
        for suffix, repl in _DEVERBAL:
            if w.endswith(suffix) and "VERB" in word_classes(w[: -len(suffix)] + repl):
                lemma = word_classes(w[: -len(suffix)] + repl)["VERB"][0]
                break
        if not lemma:
            return folded.get(w, "")
    elif "VERB" in classes and (w.endswith("ed") or w in ("held", "died", "killed")):
        lemma = classes["VERB"][0]
    else:
        return folded.get(w, "")
    lemma = lemma.lower()
    lemma = folded.get(lemma, lemma)
    return "" if lemma in lexicon().light_verbs else lemma


PARTICLES = frozenset({"out", "up", "away", "apart", "off", "down", "in"})


def _phrasal(word: str, particle: str) -> str:
    """The event of a phrasal verb ``word`` + ``particle`` (both lower case), "-" for a light one."""
    if particle in PARTICLES:
        classes = word_classes(word)
        if "VERB" in classes:
            phrase = f"{classes['VERB'][0]} {particle}"
            if phrase in lexicon().light_verbs:
                return "-"  # "ended up": a light phrasal verb, no event
            return lexicon().event_synonyms.get(phrase, "")
    return ""


# the marks and words that end a clause
CLAUSE_BREAK = frozenset({",", ";", ":", "—", "–", "(", ")", "\"", "“", "”", "and", "but", "while",
                          "whereas", "although", "though", "because", "who", "which"})

# A relative clause opened by "that" after a noun, with an inflected verb ("the storm that
# hit the coast on May 2 has killed 40"), ends at the main clause's auxiliary: its verb and
# date are not the figure's.  ("said that", "reported that", "so that": no noun before; "that
# hit" with "hit" a noun as well is left alone.)
_MAIN_AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were"})


def _opens_relative(tokens: list[Token], k: int) -> bool:
    """True when the "that" at k opens a relative clause: a noun before it, an inflected verb
    that is no noun after it ("struck", "flooded", "kills")."""
    if k == 0 or k + 1 >= len(tokens) or tokens[k - 1].lower in STOP:
        return False
    before, after = word_classes(tokens[k - 1].lower), word_classes(tokens[k + 1].lower)
    return "NOUN" in before and not tokens[k - 1].lower.endswith("ed") \
        and "VERB" in after and "NOUN" not in after and after["VERB"][0] != tokens[k + 1].lower


_CLAUSE_WORDS = CLAUSE_BREAK | _MAIN_AUXILIARIES | {"that"}  # the words clauses() acts on


def clauses(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges of the clauses of a sentence."""
    spans, begin, relative = [], 0, False
    # only the words that may end a clause are walked in Python, found by a map over the words
    # (a C-level loop; a Python step per token was most of setting up the clause index, profiled):
    # the loop body passes over every other word
    for k in compress(range(len(tokens)), map(_CLAUSE_WORDS.__contains__, map(_LOWER, tokens))):
        tok = tokens[k]
        if relative and tok.lower in _MAIN_AUXILIARIES:
            spans.append((begin, k))  # the relative clause ends where the main verb begins
            begin, relative = k, False
        if tok.lower == "that" and _opens_relative(tokens, k):
            relative = True
        elif tok.lower not in CLAUSE_BREAK:
            continue
        if k > begin:
            spans.append((begin, k))
        begin = k + 1
    if begin < len(tokens):
        spans.append((begin, len(tokens)))
    return spans or [(0, len(tokens))]


class ClauseIndex:
    """A sentence's clauses and the event word of each token, computed once per sentence
    (several figures of one sentence share them)."""

    __slots__ = ("tokens", "spans", "_starts", "_positions")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.spans = clauses(tokens)
        self._starts = [a for a, _ in self.spans]
        self._positions: dict[tuple[int, int], dict[str, list[int]]] = {}

    def clause_at(self, k: int) -> int:
        """Index of the clause holding token k (0 when none does)."""
        n = bisect.bisect_right(self._starts, k) - 1
        return n if n >= 0 and k < self.spans[n][1] else 0

    def clause_events(self, span: tuple[int, int], skip: set[int]) -> list[str]:
        """Event lemmas of a clause, in order, leaving out tokens in ``skip`` (the figure's own
        words).  The clause is walked once; each figure then costs its distinct events only."""
        positions = self._positions.get(span)
        if positions is None:
            # the event words of only the clauses asked for (a figure's and its neighbours'):
            # reading every token of the sentence was a fifth of claim_for_figure (profiled)
            positions = {}
            tokens = self.tokens
            a, b = span
            # each word's event by a map over the clause's words (a C-level loop; a Python loop
            # per token was most of clause_events, profiled), then only the words that have one
            # are walked in Python.  A word before a particle ("carried out") is read with it;
            # the particle may open the next clause.  A capitalised word after the first carries
            # no event ("United States", "Border Patrol" are names).
            lowers = list(map(_LOWER, tokens[a:b + 1]))
            n = b - a
            events = list(map(_word_event, lowers[:n]))
            # the words that change the reading of a neighbour (a particle, a modal, a form of
            # "be", "to"), found by one map over the clause's words; each rule then walks only
            # them, in this order (four maps over every word were a tenth of clause_events)
            marks = list(compress(range(len(lowers)), map(_MARK_WORDS.__contains__, lowers)))
            for k in marks:
                if 1 <= k <= n and lowers[k] in PARTICLES:
                    events[k - 1] = _word_event(lowers[k - 1], lowers[k])
            for k in marks:
                if k + 1 < n and lowers[k] in MODALS and not events[k + 1] and tokens[a + k].text.islower():
                    events[k + 1] = _verb_event(lowers[k + 1])  # "would recall", "will cut": a verb
            for k in marks:
                if k + 1 < n and lowers[k] in _PASSIVE_BE and not events[k + 1]:
                    events[k + 1] = _participle_event(lowers[k + 1])  # "were cast", "was cut": a passive
            for k in marks:
                if k + 1 < n and lowers[k] == "to" and not events[k + 1] and _infinitive(tokens, a + k + 1):
                    events[k + 1] = _verb_event(lowers[k + 1])  # "plans to cut 2,700 jobs": a verb
            for k in compress(range(a, b), events):
                if k > 0 and tokens[k].text[:1].isupper():
                    continue
                positions.setdefault(events[k - a], []).append(k)
            self._positions[span] = positions
        # an event counts unless all its tokens are the figure's own (a C-level set test, no
        # generator per event)
        return [lemma for lemma, where in positions.items() if not skip.issuperset(where)]


# A modal is followed by a verb, so a word the dictionary files as both noun and verb
# ("recall", "cut", "increase"), which alone names no event, is the verb after one.
MODALS = frozenset({"will", "would", "can", "could", "may", "might", "shall", "should", "must"})


# A form of "be" before a past participle makes a passive ("votes were cast", "the budget was
# cut"): a word the dictionary files as noun and verb is the verb there when it is its verb's
# past participle (lemminflect's VBN forms; "was record", "were cuts" are no participles).
_PASSIVE_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_MARK_WORDS = PARTICLES | MODALS | _PASSIVE_BE | {"to"}  # what clause_events walks


# "to" before a word the dictionary files as noun and verb opens an infinitive when the word is
# the verb's base form and an object follows it at once: a determiner or an amount ("plans to
# cut 2,700 jobs", "agreed to close the plant", "aims to fund about 40 clinics"); "rose to record
# highs", "a return to work" (no object) are left to the noun.
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that",
                          "these", "those", "some", "all", "every", "each"})


def _infinitive(tokens: list[Token], k: int) -> bool:
    """True when token k (after a "to") is a noun-and-verb word in its base form with an object
    after it: a determiner, an amount, or one word and then an amount ("to cut about 1,300")."""
    tok = tokens[k]
    verb = word_classes(tok.lower).get("VERB")
    if not verb or verb[0] != tok.lower or not tok.text.islower() or k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    if nxt.lower in _DETERMINERS or _amount_at(tokens, k + 1):
        return True
    return nxt.text.isalpha() and _amount_at(tokens, k + 2)


def _amount_at(tokens: list[Token], j: int) -> bool:
    """True when an amount begins at token j: digits, a sign before digits, or a number word."""
    if j + 1 < len(tokens) and not tokens[j].text[0].isalnum() and tokens[j + 1].text[0].isdigit():
        return True  # a currency sign: "$", the euro sign
    return j < len(tokens) and (tokens[j].text[0].isdigit() or tokens[j].lower in NUMERALS)


@lru_cache(maxsize=4096)
def _participle_event(lower: str) -> str:
    """The event of ``lower`` when it is the past participle of a verb, else ""."""
    from lemminflect import getInflection

    verb = word_classes(lower).get("VERB")
    if not verb or lower not in getInflection(verb[0], tag="VBN"):
        return ""
    return _verb_event(lower)


@lru_cache(maxsize=4096)
def _verb_event(lower: str) -> str:
    """The event of ``lower`` read as a verb (synonyms folded, light verbs none), or ""."""
    verb = word_classes(lower).get("VERB")
    if not verb:
        return ""
    lemma = verb[0].lower()
    lemma = lexicon().event_synonyms.get(lemma, lemma)
    return "" if lemma in lexicon().light_verbs else lemma


@lru_cache(maxsize=65536)
def _word_event(lower: str, particle: str = "") -> str:
    """A lower-case word's event before ``particle`` ("" when none follows); a pure lookup,
    cached, because it runs for nearly every token of a sentence with a figure (profiled).
    Keyed by the lower-case word alone (event_lemma lower-cases first), and by one
    argument when no particle follows, so the cache key is the string itself."""
    lemma = _phrasal(lower, particle) or event_lemma(lower)
    return "" if lemma == "-" else lemma


def context_for(tokens: list[Token], k: int, skip: set[int], index: ClauseIndex | None = None,
                figure: bool = False) -> tuple[str, ...]:
    """Event lemmas of the clause of token k; borrowed from neighbours when it has none.

    A neighbour opened by a subordinating conjunction ("after a recount requested by ...")
    tells of another event and lends nothing.  With ``figure`` (a figure's context, not a
    date's), a clause with a verb of its own lends the figure none from its neighbours,
    even when that verb names no event ("... registered voters, so turnout was 61.5
    percent": the turnout is not registered); a clause without a verb ("and Brandt 729,150",
    "children—70,000—being held") shares its neighbour's.  A date still borrows the verb of
    the clause it dates ("On May 2, the storm killed 14")."""
    index = index or ClauseIndex(tokens)
    spans = index.spans
    at = index.clause_at(k)
    events = index.clause_events(spans[at], skip)
    if figure and at + 1 < len(spans) and _relative_after(tokens, spans[at][1], skip):
        # "found 2,300 children who were separated": a relative clause right after the counted
        # noun says what the count is of, as "2,300 separated children" would
        events = sorted(set(events) | set(index.clause_events(spans[at + 1], skip)))
    if not events and figure and _has_verb(tokens, spans[at], skip):
        return ()
    step = 1
    while not events and step <= 2:
        for n in (at + step, at - step):  # the predicate usually follows: "children—70,000—being held"
            if not events and 0 <= n < len(spans) and tokens[spans[n][0]].lower not in SUBORDINATORS:
                events = index.clause_events(spans[n], skip)
        step += 1
    return tuple(sorted(events))


def _relative_after(tokens: list[Token], end: int, skip: set[int]) -> bool:
    """True when the clause ending at ``end`` ends with the figure's own words (its counted noun)
    and "who"/"which"/"that" opens the next clause."""
    return end < len(tokens) and end - 1 in skip and tokens[end].lower in ("who", "which", "that")


# finite forms of "be" and "have" and the modals: a clause holding one has a verb of its own
_FINITE = frozenset({"is", "are", "was", "were", "am", "has", "have", "had"})


def _has_verb(tokens: list[Token], span: tuple[int, int], skip: set[int]) -> bool:
    """True when the clause holds a finite "be" or "have", a modal, or a lower-case word the
    dictionary knows only as a verb (outside the figure's own words)."""
    a, b = span
    return any(i not in skip and (tokens[i].lower in _FINITE or tokens[i].lower in MODALS
                                  or (tokens[i].text.islower() and _verb_only(tokens[i].lower))
                                  or _verb_between(tokens, i, a, b))
               for i in range(a, b))


def _verb_between(tokens: list[Token], i: int, a: int, b: int) -> bool:
    """A lower-case word the dictionary files as a verb (among other classes) between a noun
    or name and a determiner is the verb: "the pill cut the risk", "Acme set a record"; a noun
    is not followed by a determiner in English without a preposition between."""
    if not (a < i < b - 1 and tokens[i].text.islower() and tokens[i + 1].lower in _OBJECT_DETERMINERS):
        return False
    prev = tokens[i - 1]
    return "VERB" in word_classes(tokens[i].lower) and prev.text[:1].isalpha() and prev.lower not in STOP \
        and (prev.text[0].isupper() or is_nounish(prev.text))


@lru_cache(maxsize=65536)
def _verb_only(lower: str) -> bool:
    classes = word_classes(lower)
    return "VERB" in classes and "NOUN" not in classes and "ADJ" not in classes


# Subordinating conjunctions (a closed class of English grammar): a clause they open tells of
# another event, before, after or behind the main one ("certified the result on May 4, after a
# recount requested by the loser": May 4 is the certifying's day, not the request's), so a
# figure or a date without a verb of its own does not borrow that clause's.
SUBORDINATORS = frozenset({"after", "before", "since", "until", "till", "because", "although", "though",
                           "unless", "whereas", "once"})
