"""The weights of the story pass: tf-idf vectors over a corpus's originals, the idf counted in
steps (:func:`idf_table`), and a document's heaviest words, through which it finds candidate
stories (:func:`heaviest`); with the constants that tune the pass."""

from __future__ import annotations

import heapq
import math

STORY_SIMILARITY = 0.28  # mean cosine to a story's members from which a document joins it
STORY_BACKGROUND = 20  # idf as if this many documents about other things were in the corpus
STORY_KEYS = 10  # a document's heaviest words, through which it finds its candidate stories
STORY_RECENT = 16  # earlier documents one key word offers: the last ones holding it as a key
STORY_CANDIDATES = 8  # candidate stories measured exactly, those sharing the most key weight
IDF_STEPS = 4  # document frequencies are counted in steps of 2^(1/4) (19%)


def idf_table(df: dict[str, int], n: int) -> dict[str, float]:
    """Word -> idf over ``n`` documents, ``df`` holding in how many each word is, in steps.

    ``log((N + STORY_BACKGROUND) / (df + 1))``, with ``N`` rounded down to a power of two and
    ``df + 1`` to a power of 2^(1/4): as if ``STORY_BACKGROUND`` documents about other things
    were added, so a word all articles of a one-story corpus share still counts, while a word
    most of a large corpus shares weighs next to nothing (and one in nearly all, nothing).  A
    word of one document alone is left out.  The steps make a word's idf move only when its
    count crosses a step (and every word's when N doubles), so one document more moves the
    vectors of few documents, if any."""
    top = math.log((1 << max(0, n.bit_length() - 1)) + STORY_BACKGROUND)
    by_count: dict[int, float] = {}
    out = {}
    for t, k in df.items():
        if k > 1:
            idf = by_count.get(k)
            if idf is None:
                idf = by_count[k] = top - math.floor(IDF_STEPS * math.log2(k + 1)) / IDF_STEPS * math.log(2)
            if idf > 0:
                out[t] = idf
    return out


def vector(terms: dict[str, int], idf: dict[str, float]) -> dict[str, float]:
    """A document's unit tf-idf vector (of its content words, :class:`measures.Sketch`
    ``terms``; weight ``(1 + log tf) * idf``)."""
    v = {t: (1.0 + math.log(c)) * idf[t] for t, c in terms.items() if t in idf}
    norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
    return {t: w / norm for t, w in v.items()}


def heaviest(v: dict[str, float]) -> tuple[str, ...]:
    """A vector's ``STORY_KEYS`` heaviest words (ties: the first in the text)."""
    return tuple(heapq.nlargest(STORY_KEYS, v, key=v.__getitem__))
