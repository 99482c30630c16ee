"""What a date's claim carries from its sentence (read by :class:`.claims._Sentence`): the common
nouns of the sentence as its modifiers (what happened on it), the weekday before it ("on Tuesday,
May 5"), and whether it writes its year, which decides whether it scopes the figures beside it.

Split out of :mod:`.claims` to keep it short.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from .change_words import NOUN_DETERMINERS
from .dates import WEEKDAYS as _WEEKDAYS, DateMatch
from .nouns import STOP, Token, noun_lemma, word_classes
from .numbers import ORDINAL_WORDS

_TOKEN_TEXT = attrgetter("text")

_WRITTEN_YEAR_RE = re.compile(r"\d{4}|['’]\d\d\b|\byear\b", re.IGNORECASE)


def _writes_year(d: DateMatch) -> bool:
    """True when a date's text says its year ("April 2018", "2019", "Jan. '21", "May of that
    year"): only such a date scopes the figures beside it to a year; "March 2" takes its year
    from the publication date, which says nothing about which year's figure it is."""
    return d.kind == "year" or _WRITTEN_YEAR_RE.search(d.surface) is not None


def _weekday_before(tokens: list[Token], k: int) -> int:
    """The token of "Tuesday" in "on Tuesday, May 5", else k.  A date in apposition to the
    weekday before it dates the weekday's clause too: the comma does not end that clause
    ("approved the pill on Tuesday, May 5, weeks after a trial showed ...": the approving, not
    what the trial showed).  The date keeps the event it borrows from the clause after it as
    well ("announced on Tuesday, May 5, that it would recall ...": announce and recall)."""
    if k >= 2 and tokens[k - 1].text == "," and tokens[k - 2].lower in _WEEKDAYS:
        return k - 2
    return k


@lru_cache(maxsize=65536)  # called for every token of a dated sentence: a C-level lookup once warm
def _opens_noun_phrase(lower: str) -> bool:
    """A determiner, a possessive pronoun or a possessive noun ("the", "her", "the governor's")."""
    return lower in NOUN_DETERMINERS or lower.endswith(("'s", "’s"))


def _heads_after_determiner(tokens: list[Token], k: int) -> tuple[str, ...]:
    """The nouns that may head the noun phrase a determiner opens before token k (what
    :func:`_heads_of` reads from the next four words, a pure function of them, cached: most
    determiners open the same few phrases again and again)."""
    return _heads_of(tuple(map(_TOKEN_TEXT, tokens[k:k + 4])))


@lru_cache(maxsize=65536)
def _heads_of(words: tuple[str, ...]) -> tuple[str, ...]:
    """The nouns that may head the noun phrase a determiner opens before token k: determiner,
    then up to four names, adjectives or nouns.  The first word that is not a name or only an
    adjective when the dictionary files it as a noun ("the Norvale electoral commission", "the
    recall covers ...": a noun-or-verb word after the head may be the verb), and the last
    noun of the run, as English noun phrases are head-final ("its main trial", "a new bridge
    design": "main" and "trial" are filed as adjectives too, "bridge" modifies "design")."""
    first, last = None, None
    for word in words:
        if word[:1].isupper() and word[:1].isalpha():
            continue
        if not word.isalpha() or word.lower() in STOP or word.lower() in ORDINAL_WORDS:
            break
        classes = word_classes(word)
        if first is None and classes.keys() != {"ADJ"}:
            first = word
        if "NOUN" in classes:
            last = word
        elif "ADJ" not in classes:
            break
    first = _noun_after_determiner(first) if first and "ADJ" not in word_classes(first) else None
    last = _noun_after_determiner(last) if last else None
    return tuple(dict.fromkeys(w for w in (first, last) if w))


@lru_cache(maxsize=65536)
def _noun_after_determiner(word: str) -> str | None:
    """The noun lemma of a lower-case word heading a noun phrase that the dictionary files as
    a noun (also as a verb or an adjective: "trial", "result"), else None."""
    lower = word.lower()
    classes = word_classes(word) if word[:1].isalpha() and not word[0].isupper() else {}
    if "NOUN" in classes and lower not in STOP \
            and lower not in ("year", "month", "day", "week"):
        return noun_lemma(word)
    return None


@lru_cache(maxsize=65536)
def _common_noun(word: str) -> str | None:
    """The lemma of a lower-case word that can only be a noun, else None (a pure lookup,
    cached: it runs for every token of a sentence with a date)."""
    lower = word.lower()
    if word[0].isalpha() and not word[0].isupper() and lower not in STOP \
            and "NOUN" in word_classes(word) and "VERB" not in word_classes(word) \
            and lower not in ("year", "month", "day", "week"):
        return noun_lemma(word)
    return None

