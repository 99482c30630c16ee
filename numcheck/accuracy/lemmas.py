"""Noun lemmas of a phrase: how a gold entity and a claim's measured thing are compared."""

from __future__ import annotations

import re
from functools import cache

_STOPWORDS = frozenset(("a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "with", "by", "at", "from",
                        "as", "per", "its", "their"))
_LEMMA_FOLDS = {"person": "people"}


@cache
def _lemma(word: str) -> str:
    from lemminflect import getLemma

    found = getLemma(word, upos="NOUN") if word.isalpha() else ()
    lemma = found[0] if found and found[0] else word
    return _LEMMA_FOLDS.get(lemma, lemma)


def lemmas_of(text: str) -> frozenset[str]:
    """Lowercase noun lemmas of a phrase, stopwords and one-letter tokens dropped.

    The CQE authors' own scorer (``evaluate_models.py`` in satya77/CQE_Evaluation)
    intersects lower-cased words without lemmas; reading every word as a noun
    (lemminflect) only adds singular/plural agreement ("homes" ~ "home").  Verb and
    adjective readings are deliberately not added: "charging" does not meet "charge".

    >>> sorted(lemmas_of("price, typical homes"))
    ['home', 'price', 'typical']
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(_lemma(w) for w in words if len(w) > 1 and w not in _STOPWORDS)
