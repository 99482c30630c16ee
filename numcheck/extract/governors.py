"""Readings a figure takes from the word that governs it.

Two phrases read one way alone and another way as the complement of a word:

* **a time idiom or a duration**: the not-figure phrases of ``data/lexicon.toml``
  that are a number word and a unit of time ("one day") are, alone, a frame
  adverbial ("one day she will return", "she hopes to return one day", "until one
  day the well ran dry") and name no figure.  Governed as a measure they are a
  duration: the object of a verb of duration ("lasted one day", "took one day"),
  of a preposition of extent ("for one day", "within one day", "a delay of one
  day"), after a limiter ("only one day", "more than one day"), or before a
  measure adjective or a rate ("one day later", "one day ago", "one day a week").
  An adverbial "one day" never takes such a word, so the test is grammatical, not
  a list of the sentences seen.
* **a count or money**: a vague scale amount with no noun ("millions") counts
  people by default ("millions watched"), but as the object of a verb of spending
  or earning ("invest millions", "cost billions", "raised millions", "cost the
  city millions") or the subject of its passive ("millions were spent") it is an
  amount of money.  A noun after it still wins ("spent millions of hours").

The verbs are base forms in ``data/lexicon.toml`` (``[duration_verbs]``,
``[money_verbs]``); every inflection comes from lemminflect, as for the change verbs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon
from .nouns import MEASURE_ADJECTIVES, STOP, is_nounish, word_classes
from .numbers import UNITS_WORDS

# Prepositions whose object is a measure of time ("for one day", "within one day", "than one
# day", "delayed by one day", "a delay of one day", "in one day"), and limiters that quantify
# the figure after them ("only one day", "at least one day").  "to" and "until" are left out:
# "hopes to one day run", "until one day the money ran out" take the adverbial.
_EXTENT_BEFORE = frozenset({"for", "within", "in", "after", "than", "by", "of", "per", "only", "just",
                            "nearly", "almost", "barely", "merely", "mere", "least", "most", "full", "extra"})
# Words after a measure phrase that make it one: a measure adjective ("one day later", "one day
# old"), "after"/"before" ("one day after the vote"), "off" ("one day off").  (Not a possessive:
# the unit reader does not read "one day's pay" as a duration, so it would leave the count "one".)
_EXTENT_AFTER = MEASURE_ADJECTIVES | {"after", "before", "off"}
_RATE_WORDS = frozenset({"a", "an", "per", "each", "every"})  # "one day a week"
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z'’]*)[ \t]+$")
_WORDS_AFTER_RE = re.compile(r"[ \t]+([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?")
_POSSESSIVES = frozenset({"their", "his", "her", "its", "our", "my", "your"})
_OBJECT_WORDS = frozenset({"him", "her", "them", "us", "me", "you", "it", "the", "a", "an", "its", "their",
                           "his", "our", "my", "your", "this", "that", "these", "those"})
_PASSIVE_RE = re.compile(r"\s+(?:(?:have|has|had|will|would|could|may|might)\s+)?"
                         r"(?:been|were|was|are|is|be|being)\s+([a-z]+)\b")


@lru_cache(maxsize=1)
def _duration_idioms() -> frozenset[str]:
    """The not-figure phrases that are a number word and a unit of time ("one day").

    >>> "one day" in _duration_idioms(), "one of" in _duration_idioms()
    (True, False)
    """
    from ..units import dimension_of

    out = set()
    for phrase in lexicon().not_figure_phrases:
        words = phrase.lower().split()
        if len(words) != 2 or words[0] not in UNITS_WORDS:
            continue
        try:
            if dimension_of(words[1]) == "[time]":
                out.add(phrase.lower())
        except Exception:  # noqa: BLE001 - pint knows no such unit ("one thing", "one side")
            continue
    return frozenset(out)


def unmask_durations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The not-figure spans less the time idioms read as durations.

    >>> text = "One day she will return. The trial lasted one day."
    >>> unmask_durations(text, [(0, 7), (42, 49)])
    [(0, 7)]
    """
    idioms = _duration_idioms()
    return [(s, e) for s, e in spans if text[s:e].lower() not in idioms or not _is_duration(text, s, e)]


def _is_duration(text: str, start: int, end: int) -> bool:
    before = _WORD_BEFORE_RE.search(text, max(0, start - 30), start)
    if before:
        word = before.group(1).lower()
        if word in _EXTENT_BEFORE or word in lexicon().duration_verbs:
            return True
    after = _WORDS_AFTER_RE.match(text, end)
    if not after:
        return False
    first = after.group(1).lower()
    return first in _EXTENT_AFTER or (first in _RATE_WORDS and _is_time_unit(after.group(2) or ""))


def _is_time_unit(word: str) -> bool:
    from ..units import dimension_of

    try:
        return bool(word) and dimension_of(word.lower()) == "[time]"
    except Exception:  # noqa: BLE001 - not a unit
        return False


def money_governs(text: str, start: int, end: int) -> bool:
    """Whether a vague amount with no noun at ``start:end`` is money: the object of a money
    verb, straight after it or after its first object ("cost the city millions"), or the
    subject of its passive ("millions were spent"); not the first object of a verb that
    gives something else ("cost thousands their jobs").

    >>> t = "They will invest millions. It cost taxpayers billions. Millions watched."
    >>> [money_governs(t, t.index(w), t.index(w) + len(w)) for w in ("millions", "billions", "Millions")]
    [True, True, False]
    """
    verbs = lexicon().money_verbs
    if _object_at(text, end):
        return False  # "cost thousands their jobs", "paid hundreds compensation": the amount is a recipient
    passive = _PASSIVE_RE.match(text, end)
    if passive and passive.group(1) in verbs:
        return not _object_at(text, passive.end())  # "thousands were awarded grants": recipients
    words = re.findall(r"[A-Za-z][A-Za-z'’]*|[^\sA-Za-z]", text[max(0, start - 60):start])[-4:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower()
        if word in verbs:
            return True
        if not _may_be_first_object(words[i], words[i - 1].lower() if i else ""):
            return False
    return False


def _object_at(text: str, end: int) -> bool:
    """Whether a noun phrase opens right after ``end``: "the", a possessive or a
    lower-case noun that is no adverb and no gerund ("their jobs", "compensation"; not "on",
    "annually", "rebuilding")."""
    m = re.match(r"[ \t]+([a-z]+)\b", text[end:end + 40])
    if not m:
        return False
    word = m.group(1)
    if word in _POSSESSIVES or word == "the":
        return True  # not "a": "spent millions a year" is a rate
    classes = word_classes(word)
    return word not in STOP and "NOUN" in classes and "ADV" not in classes and not word.endswith("ing")


def _may_be_first_object(word: str, previous: str) -> bool:
    """A word of a verb's first object ("the city", "taxpayers", "them"), not a verb or a mark;
    a noun that is also a verb only after a determiner ("the state", not "prices hurt")."""
    lower = word.lower()
    if lower in _OBJECT_WORDS:
        return True
    if not word[:1].isalpha() or lower in STOP or not is_nounish(word):
        return False
    return "VERB" not in word_classes(word) or previous in _OBJECT_WORDS
