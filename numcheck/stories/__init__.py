"""Documents -> stories: online story detection in publication order, resumable.

A story is the documents about one event or affair.  :func:`find_stories` takes the
documents in publication order (TDT first-story detection, average link): each one joins
the earlier story whose members it resembles most on average (mean tf-idf cosine at least
``STORY_SIMILARITY``, 0.28), else it starts a new story; a copy joins its original's story.

Built so that a re-check after adding one document costs about one placement, while
giving exactly what a check from scratch gives (:func:`resume`):

* **weights** are tf-idf over the corpus's originals, counted **in steps**
  (:func:`idf_table`): a word's idf moves only when its count crosses a step of 2^(1/4),
  and every word's when the number of originals doubles.  With an idf counted to the
  document, one document more moved every vector, and with them every story;
* **candidates** for a document are the stories of the last ``STORY_RECENT`` earlier
  documents holding one of its ``STORY_KEYS`` heaviest words among their own heaviest
  words (an inverted index over keys, fixed by the documents alone); the
  ``STORY_CANDIDATES`` that share the most key weight are measured exactly, so the work
  grows with the corpus, never with its square;
* a story is named by its first member's doc id (numbered 1, 2... by first member in
  document order only in the output), so a new document renames no other story;
* the pass is kept (:class:`StoryPass`: counts, and each document's keys and story) and a
  re-check places again only the documents a change can reach.

A general-English word list for the idf (wordfreq, tried first) keeps every vector fixed,
but cannot tell a corpus's own boilerplate wording: the synthetic stories, built from
shared templates, then look alike (cosine 0.50 across stories, 0.73 within) while
articles of one real story pair at 0.21-0.44, so no threshold served both.

Measured on 2026-11-23 (``find_stories`` alone, copies from ``find_duplicates``): the bundled
examples stay one story each up to a threshold of 0.31 (city-budget), 0.34 (earthquake),
0.47 (the five seed articles) and 0.49 (zero-tolerance, cooker-recall), so 0.28, not
higher: the synthetic stories would like more.  Synthetic corpora (:mod:`numcheck.synthetic`)
of 300 articles give adjusted Rand 0.90 (seed 0) and 0.81 (seed 1) against the generator's
stories; 10,000 articles (seed 0): 0.30, 443 stories for 1,378 (the idf counted to the
document, its recent-story index and threshold 0.25 gave 0.86, 0.78 and 0.22 with 311
stories; this pass at 0.35 gives 0.98, 0.94 and 0.71, but splits two examples).  The
synthetic stories are built from shared templates and a small pool of names, so they are
closer to each other than real stories, and large mixed stories pass a change on: one
article added early in publication order moves 12 of the 10,000 documents to another
story at 0.28, 2,906 at 0.25, 7 at 0.35.  Re-check after that article (``numcheck bench
--docs 10000``): 608 documents checked again, 16 placed in full, the others settled by
measuring only the candidates new to them or touched (:func:`_settled`); 0.3 s against
2.0 s for the pass from scratch.

Tried and dropped: cosine to the story centroid (snowballs: a mixed story's centroid
attracts everything; adjusted Rand 0.03 at 10,000), ending a story after two silent years
(splits real stories: the example's runs from 2018 to 2021), single-link components (chained
all synthetic articles into one story).

One module a part: :mod:`~numcheck.stories.weights` (tf-idf in steps, key words, the constants),
:mod:`~numcheck.stories.online` (the pass, and resuming it); this one places a corpus's
documents (:func:`place_stories`), counting words from an earlier pass's counts.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..records import Document
# the parts' names, importable from numcheck.stories as before they moved to the modules of this
# package (numcheck.incremental and the tests import them here)
from .online import Placed, StoryPass, resume  # noqa: F401
from .weights import (IDF_STEPS, STORY_BACKGROUND, STORY_CANDIDATES, STORY_KEYS, STORY_RECENT,  # noqa: F401
                      STORY_SIMILARITY, heaviest, idf_table, vector)


def _version() -> str:
    """A digest of this package's code: a story pass kept by other code is not resumed."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return "stories+" + digest.hexdigest()[:16]


STORIES_VERSION = _version()


def publication_order(documents: Sequence[Document]) -> list[Document]:
    """Earlier published first (unknown dates last), then by doc_id."""
    return sorted(documents, key=lambda d: (d.published is None, d.published or 0, d.doc_id))


def root(doc_id: str, copies: dict[str, str]) -> str:
    """The original a copy (or a copy of a copy) was made from; a document that is no copy: itself."""
    seen = {doc_id}
    while doc_id in copies and copies[doc_id] not in seen:
        doc_id = copies[doc_id]
        seen.add(doc_id)
    return doc_id


def find_stories(documents: list[Document], terms: Mapping[str, dict[str, int]],
                 copies: dict[str, str] | None = None, similarity: float = STORY_SIMILARITY) -> dict[str, int]:
    """doc_id -> story number (1, 2... by first member in document order): documents about
    the same story (``terms``: doc_id -> its content words; ``copies``: copy -> original)."""
    return place_stories(documents, terms, copies, similarity)[0]


def place_stories(documents: list[Document], terms: Mapping[str, dict[str, int]],
                  copies: dict[str, str] | None = None, similarity: float = STORY_SIMILARITY,
                  keys: dict[str, str] | None = None, before: StoryPass | None = None,
                  gone: Callable[[list[str]], dict[str, dict[str, int]]] | None = None
                  ) -> tuple[dict[str, int], StoryPass]:
    """:func:`find_stories`, and the pass for a later re-check to resume.

    ``keys``: doc_id -> the store key of its text and date (what tells a changed document);
    ``before``: the pass of an earlier check; the result is the same with or without it
    (:func:`resume`), only quicker with it.  ``gone``: the words of earlier texts by their
    keys, for counting words from ``before``'s counts (read from ``terms`` only for the
    documents that changed); without it, or when it misses one, all are counted again."""
    keys = keys if keys is not None else {d.doc_id: f"{d.published}\0{d.text}" for d in documents}
    families = {d.doc_id: root(d.doc_id, copies or {}) for d in documents}
    originals = {d.doc_id: keys[d.doc_id] for d in documents
                 if families[d.doc_id] == d.doc_id or families[d.doc_id] not in families}
    if before is not None and before.similarity != similarity:
        before = None
    df = _recounted(before, originals, terms, gone) if before is not None else None
    if df is None:
        df = dict(Counter(itertools.chain.from_iterable(terms[d] for d in originals)))
    idf = idf_table(df, len(originals))
    moved: set[str] = set()  # documents whose vector moved: a word of theirs changed idf step
    if before is not None and idf != (old_idf := before.idf):
        changed = {t for t in idf.keys() | old_idf.keys() if idf.get(t) != old_idf.get(t)}
        moved = {d.doc_id for d in documents if not changed.isdisjoint(terms[d.doc_id])}
    cache: dict[str, dict[str, float]] = {}

    def vector_of(doc_id: str) -> dict[str, float]:
        if doc_id not in cache:
            cache[doc_id] = vector(terms[doc_id], idf)
        return cache[doc_id]

    items = [(d.doc_id, keys[d.doc_id], families[d.doc_id]) for d in publication_order(documents)]
    placed = resume(items, vector_of, before.placed if before is not None else (), similarity, moved)
    story = {p.doc_id: p.story for p in placed}
    numbers: dict[str, int] = {}
    found = {d.doc_id: numbers.setdefault(story[d.doc_id], len(numbers) + 1) for d in documents}
    return found, StoryPass(similarity, len(originals), df, tuple(placed))


def _recounted(before: StoryPass, originals: dict[str, str], terms: Mapping[str, dict[str, int]],
               gone: Callable[[list[str]], dict[str, dict[str, int]]] | None) -> dict[str, int] | None:
    """How many of ``originals`` (doc_id -> key) hold each word, from ``before``'s counts: the
    words of originals gone, changed or now copies taken off, those of new ones added.  None
    when the words of an earlier text cannot be had (then all are counted again)."""
    ids = {p.doc_id for p in before.placed}
    counted = {p.doc_id: p.key for p in before.placed if p.family == p.doc_id or p.family not in ids}
    out = [k for d, k in counted.items() if originals.get(d) != k]
    old = gone(out) if gone is not None and out else {}
    if any(k not in old for k in out):
        return None
    df = dict(before.df)
    for k in out:
        for t in old[k]:
            left = df.get(t, 0) - 1
            if left < 0:
                return None  # counts that do not fit these words: counted again
            if left:
                df[t] = left
            else:
                del df[t]
    for d, k in originals.items():
        if counted.get(d) != k:
            for t in terms[d]:
                df[t] = df.get(t, 0) + 1
    return df
