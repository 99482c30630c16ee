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
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import math
from bisect import bisect_left
from dataclasses import dataclass
from collections import Counter
from pathlib import Path
from typing import Callable, Mapping, Sequence

from .records import Document

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


def _version() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
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


@dataclass(frozen=True, slots=True)
class Placed:
    """One document as the online pass took it: what its decision read, and the decision.

    ``key``: the store key of its text and date; ``family``: the original it copies (itself
    when none); ``keys``: its heaviest words; ``story``: the doc id of its story's first member;
    ``mean``: the mean cosine of the story it joined, when it joined one by measure and no
    other candidate reached that mean (else None)."""

    doc_id: str
    key: str
    family: str
    keys: tuple[str, ...]
    story: str
    mean: float | None = None


@dataclass(frozen=True)
class StoryPass:
    """An online pass, as a later re-check resumes it: the threshold it used, the number of
    originals and how many of them hold each word (the idf), and its documents in
    publication order."""

    similarity: float
    n: int
    df: dict[str, int]
    placed: tuple[Placed, ...]

    @property
    def idf(self) -> dict[str, float]:
        return idf_table(self.df, self.n)


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


class _Pass:
    """The state of the online pass: each story's members (positions, in order) and, for the
    stories measured so far, the sum of its first members' vectors."""

    def __init__(self, vector_of: Callable, similarity: float) -> None:
        self.vector_of = vector_of
        self.similarity = similarity
        self.ids: list[str] = []
        self.story_at: list[str] = []
        self.members: dict[str, list[int]] = {}
        self.sums: dict[str, tuple[int, dict[str, float]]] = {}  # story -> (members summed, sum)
        self.postings: dict[str, list[int]] = {}  # key word -> positions holding it, ascending

    def window(self, postings: dict[str, list[int]], term: str, n: int) -> list[int]:
        """The last ``STORY_RECENT`` positions before ``n`` holding ``term`` as a key."""
        held = postings.get(term, ())
        i = bisect_left(held, n)
        return held[max(0, i - STORY_RECENT):i]

    def candidates(self, postings: dict[str, list[int]], story_at: Callable[[int], str], n: int,
                   v: dict[str, float], keys: tuple[str, ...]) -> list[str]:
        """The ``STORY_CANDIDATES`` stories sharing the most key weight with ``v`` among the
        windows before ``n`` of ``postings`` (``story_at``: the story at a position)."""
        shared: dict[str, float] = {}
        for t in keys:
            for s in dict.fromkeys(story_at(m) for m in self.window(postings, t, n)):
                shared[s] = shared.get(s, 0.0) + v[t]
        return sorted(shared, key=shared.__getitem__, reverse=True)[:STORY_CANDIDATES]

    def nearest(self, n: int, v: dict[str, float], keys: tuple[str, ...]) -> tuple[str | None, float | None]:
        """The candidate story of highest mean cosine to ``v``, if at least the similarity,
        and that mean (None when another candidate reached it too)."""
        best, best_mean, tied = None, self.similarity, False
        for s in self.candidates(self.postings, self.story_at.__getitem__, n, v, keys):
            mean = self._mean(s, v)
            if mean >= best_mean:
                best, tied = s, mean == best_mean and best is not None
                best_mean = mean
        return best, (None if tied or best is None else best_mean)

    def _mean(self, s: str, v: dict[str, float]) -> float:
        members = self.members[s]
        done, total = self.sums.get(s, (0, {}))
        for m in members[done:]:  # members are added in publication order: the same sums always
            for t, w in self.vector_of(self.ids[m]).items():
                total[t] = total.get(t, 0.0) + w
        self.sums[s] = (len(members), total)
        return sum(w * total.get(t, 0.0) for t, w in v.items()) / len(members)

    def add(self, n: int, doc_id: str, story: str) -> None:
        self.ids.append(doc_id)
        self.story_at.append(story)
        self.members.setdefault(story, []).append(n)


def resume(items: Sequence[tuple[str, str, str]], vector_of: Callable, before: Sequence[Placed],
           similarity: float = STORY_SIMILARITY, moved: set[str] | frozenset[str] = frozenset()) -> list[Placed]:
    """The online pass over ``items`` ((doc_id, key, family) in publication order), reusing
    ``before``, an earlier pass's records (``moved``: documents whose vector changed since):
    exactly what a pass without them gives.

    A document's decision reads its vector and keys, its original's story, the documents in
    the windows of its keys and their stories, and the members of those stories before it.
    Up to the first document that differs from ``before`` (new, gone, changed or moved), all
    of these are as they were.  After it, an unchanged document keeps its earlier story unless
    it is *suspect*: one of the ``STORY_RECENT`` documents after a new, gone or changed one in
    a key word's postings (its window changed), or after a member of a *touched* story (one
    that gained or lost a member, or whose member's decision or text changed).  A suspect is
    checked (:func:`_unmoved`: the same documents in its windows, with the same untouched
    stories) and placed again when that fails, measuring stories from their members in
    publication order, as the pass without ``before`` does (the same sums, added in the same
    order).  A new latest document is one placement."""
    state = _Pass(vector_of, similarity)
    old = {p.doc_id: (i, p) for i, p in enumerate(before)}
    same = [(o := old.get(d)) is not None and o[1].key == k and o[1].family == f and d not in moved
            for d, k, f in items]
    keys_of = [old[d][1].keys if s else heaviest(vector_of(d)) for (d, _, _), s in zip(items, same)]
    for n, keys in enumerate(keys_of):
        for t in keys:
            state.postings.setdefault(t, []).append(n)
    first = next((n for n, (d, _, _) in enumerate(items)
                  if n >= len(before) or before[n].doc_id != d or not same[n]), len(items))
    marks = _Suspects(state, keys_of, before, {d: n for n, (d, _, _) in enumerate(items)}, first < len(items))
    kept = {d for (d, _, _), s in zip(items, same) if s}
    touched = {p.story for p in before if p.doc_id not in kept}
    marks.upfront(items, same, touched)
    story_of: dict[str, str] = {}  # doc_id, and an original's doc_id -> story
    out = []
    for n, (doc_id, key, family) in enumerate(items):
        earlier = old[doc_id][1].story if same[n] else None
        s, mean = story_of.get(family), None
        if s is None:
            i, then = old[doc_id] if same[n] else (-1, None)
            if n < first or (then is not None and not (marks.suspect[n] and not _unmoved(
                    state, n, keys_of[n], marks.old_postings, i, before, touched))):
                s, mean = then.story, then.mean
            else:
                v = vector_of(doc_id)
                found = _settled(state, n, v, keys_of[n], marks.old_postings, i, before, touched, then) \
                    if then is not None else None
                s, mean = found if found is not None else state.nearest(n, v, keys_of[n])
                s = s or doc_id
        story_of[doc_id] = story_of[family] = s
        state.add(n, doc_id, s)
        for story in {s, earlier} - {None} if s != earlier else ():
            if story not in touched:
                touched.add(story)
                marks.story(story, n)
        if s in touched:
            marks.followers(n, n)
        out.append(Placed(doc_id, key, family, keys_of[n], s, mean))
    return out


def _settled(state: _Pass, n: int, v: dict[str, float], keys: tuple[str, ...], old_postings: dict[str, list[int]],
             i: int, before: Sequence[Placed], touched: set[str], then: Placed) -> tuple[str | None, float | None] | None:
    """The decision of an unchanged document whose windows changed, found by measuring only
    the candidates that are new to it or touched; None when it must be placed in full.

    A candidate it had before and that is untouched has the mean it had, which lost to the
    story it joined (or to the threshold, when it started one); so the decision is the
    earlier story unless a new or touched candidate does better.  Ties, a touched or lost
    earlier story, or an earlier decision that was itself a tie are placed in full."""
    joined = then.story != then.doc_id
    if joined and (then.mean is None or then.story in touched):
        return None
    now = state.candidates(state.postings, state.story_at.__getitem__, n, v, keys)
    if joined and then.story not in now:
        return None
    had = set(state.candidates(old_postings, lambda b: before[b].story, i, v, keys))
    bar = then.mean if joined else state.similarity
    best, best_mean, seen = (then.story if joined else None), bar, {bar}
    for s in now:
        if s in had and s not in touched:
            continue
        mean = state._mean(s, v)
        if mean in seen:
            return None
        seen.add(mean)
        if mean > best_mean:
            best, best_mean = s, mean
    return best, (best_mean if best is not None else None)


class _Suspects:
    """The documents whose decision may have changed, marked as changes are met."""

    def __init__(self, state: _Pass, keys_of: list[tuple[str, ...]], before: Sequence[Placed],
                 position: dict[str, int], needed: bool) -> None:
        self.state, self.keys_of, self.before, self.position = state, keys_of, before, position
        self.suspect = bytearray(len(keys_of))
        self.old_postings: dict[str, list[int]] = {}
        if needed:
            for i, p in enumerate(before):
                for t in p.keys:
                    self.old_postings.setdefault(t, []).append(i)

    def followers(self, m: int, after: int) -> None:
        """Mark the documents after ``after`` whose windows hold position ``m``."""
        for t in self.keys_of[m]:
            held = self.state.postings[t]
            i = bisect_left(held, m)
            for q in held[i + 1:i + 1 + STORY_RECENT]:
                if q > after:
                    self.suspect[q] = 1

    def old_followers(self, i: int) -> None:
        """Mark the documents whose windows held old position ``i`` in the earlier pass."""
        for t in self.before[i].keys:
            held = self.old_postings[t]
            j = bisect_left(held, i)
            for k in held[j + 1:j + 1 + STORY_RECENT]:
                q = self.position.get(self.before[k].doc_id)
                if q is not None:
                    self.suspect[q] = 1

    def story(self, story: str, now: int) -> None:
        """A story touched at ``now``: mark the followers of its members so far."""
        for m in self.state.members.get(story, ()):
            self.followers(m, now)

    def upfront(self, items: Sequence[tuple[str, str, str]], same: list[bool], touched: set[str]) -> None:
        """Mark what the changes known before the pass reach: documents new, changed or gone,
        and the members of their earlier stories."""
        kept = {d for (d, _, _), s in zip(items, same) if s}
        for i, p in enumerate(self.before):
            if p.doc_id not in kept:
                self.old_followers(i)
            elif p.story in touched:
                self.followers(self.position[p.doc_id], -1)
        for n, s in enumerate(same):
            if not s:
                self.followers(n, -1)


def _unmoved(state: _Pass, n: int, keys: tuple[str, ...], old_postings: dict[str, list[int]], i: int,
             before: Sequence[Placed], touched: set[str]) -> bool:
    """Whether what decided the document now at ``n`` (at ``i`` before) is as it was."""
    for t in keys:
        now, then = state.window(state.postings, t, n), state.window(old_postings, t, i)
        if len(now) != len(then):
            return False
        for a, b in zip(now, then):
            s = state.story_at[a]
            if state.ids[a] != before[b].doc_id or s != before[b].story or s in touched:
                return False
    return True
