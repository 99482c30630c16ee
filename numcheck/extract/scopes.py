"""A sentence's attribution ("according to X", "X said", "(Reuters)") and place scope
("in Kelmor alone", "the Texas division"): read once per sentence, given to each of its claims.

Split out of the package module :mod:`numcheck.extract`.
"""

from __future__ import annotations

import re

from .lexicon import lexicon
from .nouns import STOP

_PART_NAME_RE = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3})(?:" + "|".join(sorted(lexicon().part_markers))
                           + r")\b")
_PART_IN_RE = re.compile(r"\b(?:" + "|".join(sorted(lexicon().part_markers))
                         + r")\s+(?:program\s+|programme\s+)?in\s+((?:[A-Z][a-z]+\s?){1,3})")
_ATTRIBUTION_WORDS = frozenset(lexicon().reporting) | {"according", "per", "citing", "data", "figures",
                                                       "numbers", "statistics", "records", ")"}
_PART_WORDS = frozenset(lexicon().part_markers) | {w.split()[0] for w in lexicon().bare_part_markers} | {"alone"}
# "in Kelmor alone", "California alone": a name before "alone" limits the figure to that part
_ALONE_RE = re.compile(r"\b((?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+) alone\b")
_NOT_PLACES = frozenset({"He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "The"})
_BARE_PART_RE = re.compile(r"\b(" + "|".join(sorted(lexicon().bare_part_markers, key=len, reverse=True))
                           + r")\b", re.IGNORECASE)
_ACCORDING_RE = re.compile(r"\b(?:according to|per|citing) ((?:the |a |an )?[^,;:\"“”()]{2,150}?)(?=[,;:\"“”()]|"
                           r"\.(?:\s|$)|$)", re.IGNORECASE)
_TIME_PHRASE = r"(?: (?:last|this|next) (?:week|month|year|spring|summer|fall|autumn|winter)| yesterday| today)?"
_SAID_RE = re.compile(r"((?:[Tt]he |[Aa]n? )?(?:[\w’'-]+ ){0,3}?[\w’'-]+" + _TIME_PHRASE
                      + r") (?:has |have |had )?(?:first |also )?(?:" + "|".join(sorted(lexicon().reporting)) + r")\b")
# _SAID_RE must end in " <reporting word>", and the words before it hold at most 9 spaces
# (article, 4 words, a time phrase, "has", "also"): see _said_search
_REPORTING_RE = re.compile(r" (?:" + "|".join(sorted(lexicon().reporting)) + r")\b")
_SAID_MAX_SPACES = 12
_SAID_BLOCK_RE = re.compile(r".*[^\w’' -]", re.DOTALL)  # up to the last mark no _SAID_RE match holds
_AGENCY_RE = re.compile(r"\(([A-Z][\w&.]*(?: [A-Z][\w&.]*){0,3})\)\s*[.!?]?[\"”]?\s*$")
_DATA_FROM_RE = re.compile(r"\b((?:[Dd]ata|[Ff]igures|[Nn]umbers|[Ss]tatistics|[Rr]ecords) from "
                           r"(?:the )?[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,4})")

_TIME_PHRASE_END_RE = re.compile(_TIME_PHRASE + "$")
# each pattern of _attribution with the words one of which its match holds as a token
_ATTRIBUTION_PATTERNS = ((_ACCORDING_RE, frozenset({"according", "per", "citing"})),
                         (_DATA_FROM_RE, frozenset({"data", "figures", "numbers", "statistics", "records"})),
                         (_AGENCY_RE, frozenset({")"})))


def _place_scope(sentence: str) -> str:
    m = _ALONE_RE.search(sentence)
    if m and m.group(1).split()[0] not in _NOT_PLACES:
        return m.group(1)
    for m in _PART_NAME_RE.finditer(sentence):
        words = m.group(1).split()
        if m.start() == 0 or sentence[:m.start()].strip() in ("\"", "“", "'"):
            words = words[1:]  # a capital at the start of a sentence is not a name
        while words and words[0] in ("The", "A", "An", "This", "That", "Its", "Their"):
            words = words[1:]
        if words and not words[0].isupper():
            return " ".join(words)
    m = _PART_IN_RE.search(sentence)
    if m:
        return m.group(1).strip()
    m = _BARE_PART_RE.search(sentence)
    return m.group(1).lower() if m else ""


def _attribution(sentence: str, words: frozenset[str] | set[str] | None = None) -> str:
    """Whom the sentence credits: "according to / per / citing X", "X said / reported / showed",
    "data from X", a closing "(Reuters)".  ``words``: the sentence's tokens, lower-cased, when the
    caller has them: a pattern is searched only when its first word is among them (each search
    reads the whole sentence)."""
    for pattern, first in _ATTRIBUTION_PATTERNS:
        if words is not None and words.isdisjoint(first):
            continue
        m = pattern.search(sentence)
        if m:
            return m.group(1).strip()
    m = _said_search(sentence)
    if m:
        who = m.group(1).strip()
        words = who.split()
        while words and words[0].lower() in ("and", "but", "that", "as", "which", "who", "it"):
            words.pop(0)
        while words and words[0].lower() in STOP and words[0].lower() not in ("the", "a", "an"):
            words.pop(0)
        head = _TIME_PHRASE_END_RE.sub("", " ".join(words)).split()
        if any(w.lower() in STOP for w in head[1:]):
            return ""
        who = " ".join(words)
        if who and who.lower() not in ("it", "he", "she", "they", "we", "i", "you"):
            return who
    return ""


def _said_search(sentence: str) -> re.Match | None:
    """``_SAID_RE.search(sentence)``, started a few words before the first reporting word.

    Searched from the sentence start, the pattern (up to four words, then the
    reporting word) is tried at every offset: 7% of the extraction time on the
    bundled corpus (profiled).  Every match ends in one of the " <reporting word>"
    that _REPORTING_RE finds, and holds at most 9 spaces; so none starts before
    the 10th space back from the first of them, the pattern looks at nothing
    before its start, and the search from there finds the same match.  Nor does
    one start at or before a mark other than a word character, an apostrophe, a
    hyphen or a space before that first reporting word (a comma, a quote): what a
    match holds before its reporting word is made of those, so the search starts
    after the last such mark (_SAID_BLOCK_RE finds it in one C call).
    """
    first = _REPORTING_RE.search(sentence)
    if first is None:
        return None
    start = first.start()
    for _ in range(_SAID_MAX_SPACES - 1):
        start = sentence.rfind(" ", 0, start)
        if start < 0:
            break
    begin = start + 1 if start >= 0 else 0
    block = _SAID_BLOCK_RE.match(sentence, begin, first.start())
    return _SAID_RE.search(sentence, block.end() if block is not None else begin)
