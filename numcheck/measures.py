"""Claims -> measures: which figures speak of the same quantity.

Two claims join a measure only when all of these agree:

* **kind and unit**: the same kind and pint dimension (dollars with dollars,
  days with hours; children with children);
* **what is counted**: the same noun after lemmatising and folding synonyms
  (child/kid/minor; see ``data/lexicon.toml``);
* **event context**: the same set of event words ("separated" vs "separated,
  missing" are different measures; "held in detention" differs from "separated");
* **time scope**: the same year when both say one; a claim that names no year
  joins the measure of its key when exactly one year-scoped measure exists,
  unless a document gives that key both with the year and without one (a
  quake's toll and, in the same article, "the 2009 quake killed 1,100"): its
  writer keeps the two apart, so the year marks another quantity.

A figure that names no quantity never joins another document's: a bare number,
or a change whose clause names no noun ("its spending rose 4%": what rose is
not said).

A place scope every original document of the story names is the story's setting,
not a part of it, and is blanked (:func:`_drop_story_settings`).

Dates join when they share an event word and a noun of their sentence ("the
policy was announced in April 2018" / "the May 2018 speech in which he rolled
out the policy").  Place scope (a city, a pilot) does not split a measure: the
part_whole rule compares parts with the whole inside it.

Before grouping, two document-level facts are settled:

* **duplicates**: a later document is a copy of an earlier one (syndication)
  when at least ``DUPLICATE_CONTAINMENT`` (0.8) of the smaller one's word
  5-gram shingles are in the larger one and they make at least
  ``DUPLICATE_SHARE`` (0.5) of the larger one's, repeated blocks left out: a
  wire story with a new headline, a different footer, a dropped paragraph or
  a few words changed.  The copy keeps ``duplicate_of`` and the original's
  source (:func:`find_duplicates`);
* **boilerplate**: a block of lines a document prints twice (a donation
  appeal, a newsletter box), or a line of 8+ words that two documents of one
  source share without being copies, is boilerplate, and so are its figures;
  a line repeated alone (a pull quote) or shared by two sources (a quote of the
  same report) is the story's (:func:`find_boilerplate`).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import math
import re
import zlib
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from . import schema as S
from .records import Change, Document, Kind, Measure

DUPLICATE_CONTAINMENT = 0.8  # the smaller document's shingles found in the larger one
DUPLICATE_SHARE = 0.5  # ... and at least this share of the larger one's: a copy adds no story of its own
DUPLICATE_MIN_SHINGLES = 10  # fewer shingles than this (about 14 words) is too little to call a copy
COMMON_SHINGLE = 50  # a shingle in more than 50 original documents is furniture, not evidence
SHINGLE = 5
SHINGLE_SAMPLE = 64  # a text keeps a hash-chosen 1/2^k of its shingles, at least this many
BOILERPLATE_MIN_WORDS = 8
STORY_SIMILARITY = 0.25  # mean tf-idf cosine to a story's members from which a document joins it
STORY_BACKGROUND = 20  # idf as if this many documents about other things were in the corpus
STORY_KEYS = 10  # a document's heaviest words, through which it finds its candidate stories
STORY_RECENT = 16  # stories one word remembers: the last ones a member of which held it
STORY_CANDIDATES = 8  # candidate stories measured exactly, those sharing the most key weight
BOILERPLATE_STORY_SHARE = 0.5  # a repeated block above this share of a document is the story itself
BOILERPLATE_MAX_CHARS = 20_000  # a longer line is never furniture (and is not worth a key)
_WORD = re.compile(r"[a-z0-9]+")
_PARAGRAPH = re.compile(r"[^\n]+")


# -- documents: copies and boilerplate -------------------------------------------------------------

def _shingles(text: str) -> tuple[np.ndarray, int]:
    """Hashes of the word 5-grams of ``text`` (sorted, unique uint64), and the sampling step.

    A shingle's hash mixes its words' CRC-32s with fixed constants (numpy, wrapping uint64
    arithmetic), so it is the same in every run (Python's str hash is not) and is computed
    for a whole text at once.  A text keeps the hashes divisible by ``step``, the largest
    power of two that leaves at least ``SHINGLE_SAMPLE`` (64) of them: containment measured
    on such samples estimates containment on the whole (Broder's mod-m sampling), and the
    index of :func:`find_duplicates` holds about 64-128 hashes a document, not one per word.
    """
    codes_of: dict[str, int] = {}
    parts: list[np.ndarray] = []
    tail: list[int] = []
    for chunk in _chunks(text.lower()):
        codes = tail + [codes_of.get(w) or codes_of.setdefault(w, zlib.crc32(w.encode()) + 1)
                        for w in _WORD.findall(chunk)]
        if len(codes) >= SHINGLE:
            parts.append(_gram_hashes(np.array(codes, dtype=np.uint64)))
        tail = codes[len(codes) - SHINGLE + 1:] if len(codes) >= SHINGLE else codes
    hashes = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)
    step = 1 << max(0, (len(hashes) // SHINGLE_SAMPLE).bit_length() - 1)
    return (hashes[(hashes & np.uint64(step - 1)) == 0] if step > 1 else hashes), step


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _gram_hashes(codes: np.ndarray) -> np.ndarray:
    """One uint64 hash per window of SHINGLE consecutive codes (overflow wraps, by design)."""
    n = len(codes) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            h = (h ^ codes[k:k + n]) * _MIX
        h ^= h >> np.uint64(31)
    return h


def _chunks(text: str, size: int = 1 << 20) -> Iterable[str]:
    """``text`` in pieces of about ``size`` characters, cut only between words."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        while end < len(text) and text[end - 1].isalnum():
            end += 1
        yield text[start:end]
        start = end


@dataclass(frozen=True)
class KnownCopies:
    """What an earlier run of :func:`find_duplicates` found, for a re-check to reuse.

    ``results``: doc_id -> the original it copies ("" for an original), for each document
    whose text and date are as they were then; ``changed``: the shingle hashes of what has
    gone since (documents removed, and the old texts of those changed or re-dated), one
    entry per document that held it."""

    results: dict[str, str]
    changed: tuple[int, ...]


def find_duplicates(documents: list[Document], threshold: float = DUPLICATE_CONTAINMENT,
                    sketches: dict[str, tuple[np.ndarray, int]] | None = None,
                    known: KnownCopies | None = None) -> dict[str, str]:
    """doc_id -> doc_id of the original, for every document that is a copy of another.

    Shingles are taken from each text without its repeated blocks (:func:`find_boilerplate`'s
    first rule), so a blurb printed twice neither makes nor hides a copy, and sampled
    (:func:`_shingles`).  Documents are taken
    in order: earlier published first (unknown dates last), then by doc_id.  Each one is
    compared only with the originals before it that share a shingle held by at most
    ``COMMON_SHINGLE`` originals, so the work grows with the corpus, not with its square
    (commoner shingles still count in the comparison itself).  It
    is a copy of the one it overlaps most when the shared shingles are at least ``threshold``
    of the smaller document's and ``DUPLICATE_SHARE`` of the larger one's (a wire story with
    a new headline, a different footer, a dropped paragraph or a few words changed; not a
    longer article that quotes a short one in full).  Copies are never originals, so there
    are no chains.

    With ``known`` (a re-check), a document keeps its earlier result unless it is new or
    changed, or shares a shingle with a document whose place in the index changed (gone,
    new, changed, or found a copy where it was an original or the reverse): what decides a
    document is only the originals before it that hold one of its shingles, so the result
    is the one a run without ``known`` gives.
    """
    if sketches is None:
        sketches = {d.doc_id: _shingles(_without(d.text, _repeated_blocks(d.text))) for d in documents}
    order = sorted(documents, key=lambda d: (d.published is None, d.published or 0, d.doc_id))
    rank = {d.doc_id: n for n, d in enumerate(order)}
    copies: dict[str, str] = {}
    if known is not None:
        return _copies_since(known, order, rank, sketches, threshold)
    index: dict[int, list[str]] = defaultdict(list)
    for doc in order:
        hashes = sketches[doc.doc_id][0].tolist()
        original = _original_of(doc.doc_id, hashes, index, sketches, rank, threshold)
        if original:
            copies[doc.doc_id] = original
        else:
            for h in hashes:
                index[h].append(doc.doc_id)
    return copies


def _copies_since(known: KnownCopies, order: list[Document], rank: dict[str, int],
                  sketches: dict[str, tuple[np.ndarray, int]], threshold: float) -> dict[str, str]:
    """find_duplicates with earlier results: documents are decided again only when new or
    touched by a change, against an index of all shingles built once, and only then."""
    copies: dict[str, str] = {}
    hot = Counter(known.changed)  # hash -> how many index entries of it may have changed
    index: _SortedIndex | None = None
    original_at = np.ones(len(order), dtype=bool)
    for n, doc in enumerate(order):
        hashes = sketches[doc.doc_id][0].tolist()
        earlier = known.results.get(doc.doc_id)
        hit = [h for h in hashes if h in hot] if earlier is not None else hashes
        if hit:
            index = index or _SortedIndex(order, sketches)
        if earlier is not None and not (hit and _touched(n, hit, hot, index, original_at)):
            original = earlier
        else:
            original = _original_of(doc.doc_id, hashes, index.before(n, hashes, original_at),
                                    sketches, rank, threshold)
            if original != earlier:
                hot.update(hashes)
        if original:
            copies[doc.doc_id] = original
            original_at[n] = False
    return copies


def _touched(n: int, hit: list[int], hot: Counter, index: "_SortedIndex", original_at: np.ndarray) -> bool:
    """Whether the changes on these hashes can change what decides the document at ``n``: a
    hash held by more than ``COMMON_SHINGLE`` originals before it, before and after the
    changes (now, less the changes), only ever counted as common."""
    counts = index.count_before(n, hit, original_at)
    return any(c - hot[h] <= COMMON_SHINGLE for h, c in zip(hit, counts))


class _SortedIndex:
    """Every document's shingles in one array sorted by (hash, rank): the originals before
    a place that hold a hash are a slice of it, filtered."""

    def __init__(self, order: list[Document], sketches: dict[str, tuple[np.ndarray, int]]) -> None:
        arrays = [sketches[d.doc_id][0] for d in order]
        ranks = np.repeat(np.arange(len(order)), [len(a) for a in arrays])
        hashes = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint64)
        by = np.lexsort((ranks, hashes))
        self.hashes, self.ranks = hashes[by], ranks[by]
        # an object array: a slice of ranks becomes its ids in one take (a list comprehension
        # per hash was a third of a re-check's copy finding)
        self.ids = np.empty(len(order), dtype=object)
        self.ids[:] = [d.doc_id for d in order]

    def count_before(self, n: int, hashes: list[int], original_at: np.ndarray) -> list[int]:
        """How many originals ranked before ``n`` hold each hash."""
        wanted = np.array(hashes, dtype=np.uint64)
        lo = np.searchsorted(self.hashes, wanted, "left")
        hi = np.searchsorted(self.hashes, wanted, "right")
        out = []
        for a, b in zip(lo.tolist(), hi.tolist()):
            ranks = self.ranks[a:b]
            out.append(int(np.count_nonzero(original_at[ranks[ranks < n]])))
        return out

    def before(self, n: int, hashes: list[int], original_at: np.ndarray) -> dict[int, list[str]]:
        """hash -> the originals ranked before ``n`` that hold it, in rank order."""
        wanted = np.array(hashes, dtype=np.uint64)
        lo = np.searchsorted(self.hashes, wanted, "left")
        hi = np.searchsorted(self.hashes, wanted, "right")
        out = {}
        for h, a, b in zip(hashes, lo.tolist(), hi.tolist()):
            ranks = self.ranks[a:b]
            ranks = ranks[(ranks < n) & original_at[ranks]]
            if len(ranks):
                out[h] = self.ids[ranks].tolist()
        return out


def _original_of(doc_id: str, hashes: list[int], index: dict[int, list[str]],
                 sketches: dict[str, tuple[np.ndarray, int]], rank: dict[str, int], threshold: float) -> str:
    """The original (among those in ``index``) that ``doc_id`` copies, or ""."""
    step = sketches[doc_id][1]
    shared: Counter = Counter()
    common = 0
    for h in hashes:
        holders = index.get(h)
        if holders and len(holders) <= COMMON_SHINGLE:
            shared.update(holders)
        elif holders:
            common += 1
    # a shingle two texts share is rare (counted) or common: fewer than `least` cannot pass;
    # against a text sampled more coarsely, only this text's hashes on its grid can be shared
    least = {step: DUPLICATE_SHARE * len(hashes)}
    scores = []
    for o, n in shared.items():
        other_step = sketches[o][1]
        if other_step not in least:
            least[other_step] = DUPLICATE_SHARE * sum(1 for h in hashes if not h & (other_step - 1)) \
                if other_step > step else least[step]
        if n + common >= least[other_step]:
            scores.append((_overlap(sketches[doc_id], sketches[o], threshold), -rank[o], o))
    best = max((s for s in scores if s[0] > 0), default=None)
    return best[2] if best is not None else ""


def _overlap(a: tuple[np.ndarray, int], b: tuple[np.ndarray, int], threshold: float) -> float:
    """The smaller text's share found in the larger when both thresholds hold, else 0."""
    (ha, sa), (hb, sb) = a, b
    if sa != sb:  # compare on the coarser sample of the two
        mask = np.uint64(max(sa, sb) - 1)
        ha, hb = ha[(ha & mask) == 0], hb[(hb & mask) == 0]
    small, large = sorted((len(ha), len(hb)))
    if small < DUPLICATE_MIN_SHINGLES:
        return 0.0
    shared = len(np.intersect1d(ha, hb, assume_unique=True))
    contained = shared / small
    return contained if contained >= threshold and shared / large >= DUPLICATE_SHARE else 0.0


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "\n".join(out)


def _paragraphs(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, key, words) of each line holding a word; the key is its words in lower case
    ("" for a line too long to be furniture, which matches nothing)."""
    lines = []
    for m in _PARAGRAPH.finditer(text):
        if m.end() - m.start() > BOILERPLATE_MAX_CHARS:
            lines.append((m.start(), m.end(), "", BOILERPLATE_MIN_WORDS))
            continue
        words = _WORD.findall(m.group(0).lower())
        if words:
            lines.append((m.start(), m.end(), " ".join(words), len(words)))
    return lines


def _repeated_blocks(text: str, lines: list[tuple[int, int, str, int]] | None = None) -> list[tuple[int, int]]:
    """Spans of lines that repeat *together with a neighbour* in one text (rule 1 of
    :func:`find_boilerplate`), merged and in text order."""
    lines = _paragraphs(text) if lines is None else lines
    where: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line[2]:
            where[line[2]].append(i)
    flagged: set[int] = set()
    for key, places in where.items():
        if len(places) < 2:
            continue
        for side in (-1, 1):
            by_neighbour: dict[str, list[int]] = defaultdict(list)
            for i in places:
                if 0 <= i + side < len(lines) and lines[i + side][2]:
                    by_neighbour[lines[i + side][2]].append(i)
            for neighbour, members in by_neighbour.items():
                if len(members) > 1 and lines[members[0]][3] + lines[members[0] + side][3] >= BOILERPLATE_MIN_WORDS:
                    flagged.update(members)
    distinct = {line[2]: line[3] for line in lines}
    repeated = {lines[i][2] for i in flagged}
    if sum(distinct[k] for k in repeated) > BOILERPLATE_STORY_SHARE * sum(distinct.values()):
        flagged -= {where[k][0] for k in repeated}  # the story printed twice: its first copy stays
    return _merge([(lines[i][0], lines[i][1]) for i in flagged], text)


def _merge(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans sorted, with those apart only by whitespace joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_boilerplate(documents: list[Document], copies: dict[str, str],
                     sketches: dict[str, "Sketch"] | None = None) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> spans (sorted, merged) of the text its publisher repeats, not its story.

    1. **Repeated blocks** in one document: a line that occurs again *with the same line
       before or after it* (two or more lines, 8+ words together, printed again in the same
       order: a donation appeal or newsletter box the page shows twice).  Every occurrence is
       boilerplate, unless the repeated lines are more than half of the document's distinct
       text: then it is the story printed twice, and its first copy is kept.
    2. **Outlet furniture**: a line of 8+ words found in two or more documents of the same
       source that are not copies of each other (a newsletter plug, a standing credit line).

    A single line repeated alone (a pull quote, a quote the story gives twice) and a line
    two *different* sources share (a quote of the same report, a passage of a wire story)
    are not boilerplate: their figures are the story's.  Sources are known only from
    metadata; documents without it each count as their own source.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    seen: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for d in documents:
        sk = sketches[d.doc_id] if sketches is not None else None
        spans[d.doc_id] = list(sk.repeated) if sk is not None else _repeated_blocks(d.text)
        for start, end, key in (sk.furniture if sk is not None else _furniture(d.text)):
            seen[key].append((d.doc_id, start, end))
    source = {d.doc_id: d.source for d in documents}
    for places in seen.values():
        if len(places) < 2:
            continue
        families: dict[str, set[str]] = defaultdict(set)
        for doc, _, _ in places:
            families[source[doc]].add(copies.get(doc, doc))
        for doc, start, end in places:
            if len(families[source[doc]]) > 1:
                spans[doc].append((start, end))
    text = {d.doc_id: d.text for d in documents}
    return {doc: _merge(s, text[doc]) for doc, s in spans.items() if s}


def _furniture(text: str, lines: list[tuple[int, int, str, int]] | None = None) -> list[tuple[int, int, int]]:
    """(start, end, key) of the lines long enough to be outlet furniture (8+ words); the key
    is a 64-bit BLAKE2 hash of the line's words (the same in every run, and small to store)."""
    return [(a, b, int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big"))
            for a, b, key, words in (lines if lines is not None else _paragraphs(text))
            if key and words >= BOILERPLATE_MIN_WORDS]


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the measures stage reads of one document's text, computed once per document:
    its repeated blocks, its furniture candidates, its sampled shingles (copies) and its
    content words (stories).  Tokenising the text was most of the stage's time, and it was
    done three times (duplicates, boilerplate, blocks); now once."""

    repeated: tuple[tuple[int, int], ...]
    furniture: tuple[tuple[int, int, int], ...]
    shingles: np.ndarray
    step: int
    terms: dict[str, int]


    def encode(self) -> bytes:
        """The stored form, zlib-compressed: the shingles as little-endian uint64 bytes, then
        the rest as JSON (never pickle: reading a store runs no code).  Raw shingles are read
        back with ``np.frombuffer``: parsing them as JSON numbers was most of the decoding."""
        data = json.dumps([self.repeated, self.furniture, self.step, self.terms], separators=(",", ":"))
        raw = self.shingles.astype("<u8").tobytes()
        return zlib.compress(len(raw).to_bytes(8, "little") + raw + data.encode(), 1)

    @classmethod
    def decode(cls, payload: bytes) -> "Sketch":
        """Raises ValueError (or zlib.error) when the payload is not a sketch."""
        body = zlib.decompress(payload)
        n = int.from_bytes(body[:8], "little")
        if n % 8 or n + 8 > len(body):
            raise ValueError("not a sketch payload")
        shingles = np.frombuffer(body, dtype="<u8", count=n // 8, offset=8).astype(np.uint64)
        repeated, furniture, step, terms = json.loads(body[8 + n:])
        return cls(tuple(map(tuple, repeated)), tuple(map(tuple, furniture)), shingles, int(step), terms)


def _sketch_version() -> str:
    """What a stored sketch was made by: this module's source and the stoplist's version."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes() + version("jusText").encode())
    return "sketch+" + digest.hexdigest()[:16]


SKETCH_VERSION = _sketch_version()


def sketch(text: str) -> Sketch:
    lines = _paragraphs(text)
    repeated = _repeated_blocks(text, lines)
    body = _without(text, repeated)
    shingles, step = _shingles(body)
    stop = _stopwords()
    terms = Counter(w for w in _WORD.findall(body.lower()) if len(w) > 1 and w.isalpha() and w not in stop)
    return Sketch(tuple(repeated), tuple(_furniture(text, lines)), shingles, step, dict(terms))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """English function words: jusText's stoplist (installed with trafilatura)."""
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist("English"))


def find_stories(documents: list[Document], terms: dict[str, dict[str, int]],
                 copies: dict[str, str] | None = None,
                 similarity: float = STORY_SIMILARITY) -> dict[str, int]:
    """doc_id -> story number (1, 2... in document order): documents about the same story.

    Online story detection in publication order (TDT first-story detection, average link):
    each document joins the existing story whose members it is most similar to on average
    (mean tf-idf cosine at least ``similarity``, 0.25), else it starts a new story; a copy
    joins its original's story.  Unlike the connected components used before (single link
    at 0.15), this does not chain: on the synthetic corpus (``numcheck.synthetic``, stories
    sharing templates and a small pool of names) single link put all of 300 or 10,000
    articles into one story (adjusted Rand 0.00 against the generator's stories).

    Each document is a tf-idf vector of its content words (jusText's English stoplist left
    out; weight ``(1 + log tf) * log((N + STORY_BACKGROUND) / (df + 1))``: idf as if
    ``STORY_BACKGROUND`` documents about other things were added, so a word all articles of
    a one-story corpus share still counts, while a word most of a large corpus shares weighs
    next to nothing; N and df count originals only, a copy adds no words to the news; a word
    of one document alone is left out).  Candidate stories come from an inverted index: each
    word remembers the ``STORY_RECENT`` stories that last held it; the document's
    ``STORY_KEYS`` heaviest words give the candidates and the ``STORY_CANDIDATES`` sharing
    the most key weight are measured exactly, so the work grows with the corpus, never with
    its square.

    Measured (``find_stories`` alone, copies from :func:`find_duplicates`): the five seed
    articles and the bundled example stay one story up to a threshold of 0.36 at least;
    synthetic corpora of 300 articles give adjusted Rand 0.86 (seed 0) and 0.78 (seed 1),
    purity 0.81 / 0.76; 10,000 articles (seed 0): 311 stories for 1,378 true ones,
    adjusted Rand 0.22, purity 0.37 -- the synthetic stories, built from shared templates,
    are closer to each other than real articles of one story often are (the seeds pair at
    0.18 in places), so a threshold that keeps real stories whole still merges some of them.
    Tried and dropped: cosine to the story centroid (snowballs: a mixed story's centroid
    attracts everything; adjusted Rand 0.03 at 10,000), ending a story after two silent years
    (splits real stories: the example's runs from 2018 to 2021).
    """
    order = sorted(documents, key=lambda d: (d.published is None, d.published or 0, d.doc_id))
    family = {d.doc_id: _root(d.doc_id, copies or {}) for d in documents}
    originals = [d for d in documents if family[d.doc_id] == d.doc_id or family[d.doc_id] not in family]
    vectors, keys = _story_vectors(originals, terms, order)
    stories = _Stories()
    story_of: dict[str, int] = {}  # doc_id, and an original's doc_id -> story index
    for d in order:
        s = story_of.get(family[d.doc_id])
        if s is None:
            s = stories.nearest(vectors[d.doc_id], keys[d.doc_id], similarity)
        story_of[d.doc_id] = story_of[family[d.doc_id]] = stories.add(s, vectors[d.doc_id])
    numbers: dict[int, int] = {}
    return {d.doc_id: numbers.setdefault(story_of[d.doc_id], len(numbers) + 1) for d in documents}


class _Stories:
    """The stories found so far: each one's summed member vector and size, and
    for each word the ``STORY_RECENT`` stories that last held it (an inverted index)."""

    def __init__(self) -> None:
        self.sums: list[dict[str, float]] = []
        self.sizes: list[int] = []
        self.recent: dict[str, OrderedDict[int, None]] = defaultdict(OrderedDict)

    def nearest(self, v: dict[str, float], keys: list[str], similarity: float) -> int | None:
        """The candidate story of highest mean cosine to ``v``, if at least ``similarity``."""
        shared: Counter = Counter()
        for t in keys:
            for s in self.recent.get(t, ()):
                shared[s] += v[t]
        best, best_mean = None, similarity
        for s, _ in shared.most_common(STORY_CANDIDATES):
            total = self.sums[s]
            mean = sum(w * total.get(t, 0.0) for t, w in v.items()) / self.sizes[s]
            if mean >= best_mean:
                best, best_mean = s, mean
        return best

    def add(self, s: int | None, v: dict[str, float]) -> int:
        """Add a document to story ``s`` (None: a new story); the story's index."""
        if s is None:
            s = len(self.sums)
            self.sums.append({})
            self.sizes.append(0)
        total = self.sums[s]
        for t, w in v.items():
            total[t] = total.get(t, 0.0) + w
            held = self.recent[t]
            held[s] = None
            held.move_to_end(s)
            if len(held) > STORY_RECENT:
                held.popitem(last=False)
        self.sizes[s] += 1
        return s


def _story_vectors(originals: list[Document], terms: dict[str, dict[str, int]],
                   order: list[Document]) -> tuple[dict[str, dict[str, float]], dict[str, list[str]]]:
    """doc_id -> unit tf-idf vector, and doc_id -> its ``STORY_KEYS`` heaviest words, for each
    document of ``order``; document frequencies count ``originals`` only (a copy repeats its
    original's words, and three copies of one article make no word commoner in the news)."""
    n = len(originals)
    df = Counter(itertools.chain.from_iterable(terms[d.doc_id] for d in originals))
    # each factor computed once per word and per count, not once per word of every document
    idf = {t: math.log((n + STORY_BACKGROUND) / (k + 1)) for t, k in df.items() if k > 1}
    tf = {c: 1 + math.log(c) for c in set(itertools.chain.from_iterable(terms[d.doc_id].values() for d in order))}
    vectors: dict[str, dict[str, float]] = {}
    keys: dict[str, list[str]] = {}
    for d in order:
        v = {t: tf[c] * idf[t] for t, c in terms[d.doc_id].items() if t in idf}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vectors[d.doc_id] = {t: w / norm for t, w in v.items()}
        keys[d.doc_id] = heapq.nlargest(STORY_KEYS, v, key=v.__getitem__)
    return vectors, keys


def _root(doc_id: str, copies: dict[str, str]) -> str:
    """The original a copy (or a copy of a copy) was made from; a document that is no copy: itself."""
    seen = {doc_id}
    while doc_id in copies and copies[doc_id] not in seen:
        doc_id = copies[doc_id]
        seen.add(doc_id)
    return doc_id


# -- claims -> measures ---------------------------------------------------------------------------

def group(claims: pd.DataFrame, documents: list[Document], sketches: dict[str, Sketch] | None = None,
          copies: dict[str, str] | None = None) -> tuple[pd.DataFrame, list[Measure]]:
    """The claims frame with measure_id, boilerplate, duplicate_of, independent_source and
    story added, and the measures.  ``sketches`` (doc_id -> :class:`Sketch`) may come from
    the claims store; the missing ones are made here.  ``copies``: what
    :func:`find_duplicates` gives for these documents, when the caller has it."""
    frame = claims.copy()
    sketches = dict(sketches or {})
    for d in documents:
        if d.doc_id not in sketches:
            sketches[d.doc_id] = sketch(d.text)
    if copies is None:
        copies = find_duplicates(documents, sketches={k: (v.shingles, v.step) for k, v in sketches.items()})
    source_of = {d.doc_id: d.source for d in documents}
    boiler = find_boilerplate(documents, copies, sketches)
    stories = find_stories(documents, {k: v.terms for k, v in sketches.items()}, copies)
    doc_ids = frame[S.DOC_ID].tolist()
    frame[S.DUPLICATE_OF] = pd.array([copies.get(d, "") for d in doc_ids], dtype="string")
    frame[S.INDEPENDENT_SOURCE] = pd.array([source_of.get(copies.get(d, d), s)
                                            for d, s in zip(doc_ids, frame[S.SOURCE].tolist())], dtype="string")
    frame[S.BOILERPLATE] = [doc in boiler and any(a <= start < b for a, b in boiler[doc])
                            for doc, start in zip(doc_ids, frame[S.START].tolist())]
    frame[S.STORY] = np.array([stories.get(d, 0) for d in doc_ids], dtype="int64")
    _drop_story_settings(frame, documents, stories, copies)
    keys = _keys(frame)
    ids, measures = _assign(frame, keys)
    frame[S.MEASURE_ID] = pd.array(ids, dtype="string")
    return frame, measures


def _drop_story_settings(frame: pd.DataFrame, documents: list[Document], stories: dict[str, int],
                         copies: dict[str, str]) -> None:
    """Blank a place scope that every original document of its story names (at least two):
    that place is where the whole story happens ("Varesh province" in each article about a
    quake there), so a figure said of it is the whole, not a part of it."""
    members: dict[int, list[str]] = defaultdict(list)
    for d in documents:
        if d.doc_id not in copies:
            members[stories.get(d.doc_id, 0)].append(d.text)
    scopes = frame[S.PLACE_SCOPE].tolist()
    setting: dict[tuple[int, str], bool] = {}
    for (story, scope) in set(zip(frame[S.STORY].tolist(), scopes)) - {(s, "") for s in members}:
        texts = members.get(story, [])
        setting[(story, scope)] = len(texts) >= 2 and all(scope in text for text in texts)
    if any(setting.values()):
        frame[S.PLACE_SCOPE] = pd.array(["" if setting.get((story, scope)) else scope for story, scope
                                         in zip(frame[S.STORY].tolist(), scopes)], dtype="string")


def _keys(frame: pd.DataFrame) -> list[tuple]:
    """One grouping key per claim: story, kind, unit, noun, context, time scope (+ date cluster).

    Built from column lists (``to_dict`` of the whole frame was a third of this stage)."""
    cols = [frame[c].tolist() for c in (S.STORY, S.KIND, S.DIMENSION, S.UNIT, S.NOUN, S.CONTEXT)]
    base = [(story, kind, "", "", "") if kind in _DATED else
            (story, kind, dim or unit, *_victims(noun, context)) if kind == _COUNT and noun else
            (story, kind, dim or unit, noun, context)
            for story, kind, dim, unit, noun, context in zip(*cols)]
    scopes, docs = frame[S.TIME_SCOPE].tolist(), frame[S.DOC_ID].tolist()
    scoped: dict[tuple, set[str]] = defaultdict(set)
    with_year: set[tuple] = set()  # (key, document) pairs, for documents that say a key's year
    for key, scope, doc in zip(base, scopes, docs):
        if scope:
            scoped[key].add(scope)
            with_year.add((key, doc))
    apart = {key for key, scope, doc in zip(base, scopes, docs) if not scope and (key, doc) in with_year}
    only = {key: next(iter(found)) for key, found in scoped.items() if len(found) == 1 and key not in apart}
    clusters = _date_clusters(frame)
    keys = []  # one tuple per claim, made once (slicing and joining tuples was half of this)
    changes = frame[S.CHANGE].tolist()
    for i, (key, scope, doc, change) in enumerate(zip(base, scopes, docs, changes)):
        if not scope:
            scope = only.get(key, scope)
        story, kind, unit, noun, context = key
        if kind in _DATED:
            keys.append((kind, unit, noun, context, scope, clusters.get(i, i), "", story))
        else:  # a bare figure names no quantity ("1", "1234567890"), nor does a change of nothing named
            # ("its spending rose 4%" / "parks spending rose 6%": a verb, but what rose?): it never
            # joins another document's
            named = noun or context and change == _LEVEL
            keys.append((kind, unit, noun, context, scope, -1, "" if named else doc, story))
    return keys


@lru_cache(maxsize=65536)
def _victims(noun: str, context: str) -> tuple[str, str]:
    """A count of an event's victims keyed as the people it befell: "268 deaths", "a death
    toll of 268" and "killed 268 people" are one quantity ("person", with "die" in the
    context).  Only nouns the lexicon folds onto an event (``[events]`` of
    ``data/lexicon.toml``) and that are nouns only (death, fatality, injury, detention,
    evacuation; not "jail" or "wound", which name places and things too), and "<such a
    noun> toll", count so; other nouns are returned as they are.

    >>> _victims("death toll", "rise"), _victims("injury", ""), _victims("home", "destroy")
    (('person', 'die rise'), ('person', 'injure'), ('home', 'destroy'))
    """
    from .extract.lexicon import lexicon  # the extractor's word lists, loaded by then
    from .extract.nouns import word_classes

    words = noun.split()
    head = words[-2] if len(words) > 1 and words[-1] == "toll" else words[-1]
    event = lexicon().event_synonyms.get(head, "")
    if not event or (len(words) > 1 and words[-1] != "toll") or set(word_classes(head)) != {"NOUN"}:
        return noun, context
    return "person", " ".join(sorted(set(context.split()) | {event}))


def _date_clusters(frame: pd.DataFrame) -> dict[int, int]:
    """Union-find over date claims sharing an event word and a noun of their sentence.

    Two claims share an event and a noun exactly when they share an (event, noun)
    pair, so each pair is a bucket whose members are chained: linear in the claims,
    never all pairs of a bucket (a corpus may date one event thousands of times).
    """
    rows = [(i, c.split(), m.split()) for i, (k, c, m) in
            enumerate(zip(*(frame[col].tolist() for col in (S.KIND, S.CONTEXT, S.MODIFIERS))))
            if k == _DATE and c]
    parent = {i: i for i, _, _ in rows}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[tuple[str, str], int] = {}
    for i, events, nouns in rows:
        for e in events:
            for noun in nouns:
                j = first.setdefault((e, noun), i)
                if j != i:
                    parent[find(i)] = find(j)
    return {i: find(i) for i, _, _ in rows}


def _assign(frame: pd.DataFrame, keys: list[tuple]) -> tuple[list[str], list[Measure]]:
    """Measure ids for the claims, and the measures.  Works on plain column lists: one pass
    over the claims and one per measure's own members (no DataFrame slicing per measure)."""
    order: dict[tuple, list[int]] = {}
    for i, key in enumerate(keys):
        order.setdefault(key, []).append(i)
    columns = {c: frame[c].tolist() for c in (S.KIND, S.UNIT, S.NOUN, S.CONTEXT, S.MODIFIERS, S.SURFACE,
                                               S.BOILERPLATE, S.INDEPENDENT_SOURCE)}
    ids = [""] * len(keys)
    measures = []
    width = max(3, len(str(len(order))))
    for n, (key, members) in enumerate(order.items(), start=1):
        measure_id = f"m{n:0{width}d}"
        for i in members:
            ids[i] = measure_id
        rows = _Rows(columns, members)
        live = [i for i in members if not columns[S.BOILERPLATE][i]]
        measures.append(Measure(
            measure_id=measure_id, label=label_for(rows, key[4]), kind=_KINDS[key[0]], unit=_unit(rows),
            noun=key[2], context=tuple(key[3].split()) if key[3] else _shared_context(rows),
            time_scope=key[4], n_claims=len(live),
            n_sources=len({columns[S.INDEPENDENT_SOURCE][i] for i in live})))
    return ids, measures


class _Rows:
    """The claims of one measure, column by column (what label_for and _unit read)."""

    def __init__(self, columns: dict[str, list], members: list[int]) -> None:
        self._columns, self._members = columns, members
        self.shared: tuple[str, ...] | None = None  # _shared_context, once per measure

    def __getitem__(self, column: str) -> list:
        values = self._columns[column]
        return [values[i] for i in self._members]

    def __len__(self) -> int:
        return len(self._members)

    def first(self, column: str):
        return self._columns[column][self._members[0]]


def _unit(rows: "_Rows") -> str:
    unit = rows.first(S.UNIT)
    return _canonical(unit) if unit and unit not in ("count", "percent") else unit


@lru_cache(maxsize=4096)
def _canonical(unit: str) -> str:
    """units.canonical_unit, once per unit string (it asks pint, and was most of _unit)."""
    from .units import canonical_unit

    return canonical_unit(unit)


def _shared_context(rows: "_Rows") -> tuple[str, ...]:
    if rows.shared is None:
        contexts = rows[S.CONTEXT]
        if len(contexts) == 1:  # most measures have one claim
            rows.shared = tuple(sorted(set(contexts[0].split())))
        else:
            # each distinct context once: the claims of a measure mostly share theirs (it is
            # part of the key but for dates), and a large measure split it once per claim
            shared: set[str] | None = None
            for c in dict.fromkeys(contexts):
                if c:
                    shared = set(c.split()) if shared is None else shared.intersection(c.split())
                    if not shared:
                        break  # empty it stays: the other contexts need not be split
            rows.shared = tuple(sorted(shared)) if shared else ()
    return rows.shared


def label_for(rows: "_Rows", scope: str = "") -> str:
    """A readable label: "children separated", "funding shortfall, 2019", "date: policy announced"."""
    kind = rows.first(S.KIND)
    words = _shared_context(rows) or tuple(rows.first(S.CONTEXT).split())
    owners = [w[3:] for w in words if w.startswith("of:")]  # "parents of 628 children"
    events = [_participle(e) for e in words if not e.startswith("of:")]
    if kind in _DATED:
        shared = _shared_noun(rows[S.MODIFIERS])
        what = " ".join(shared + events[:2]) or rows.first(S.SURFACE)
        return f"date: {what}"
    noun = rows.first(S.NOUN)
    head = (_plural(noun) if kind == _COUNT else noun) if noun else _NOUNLESS.get(kind, "figure")
    if owners:
        head = f"{_plural(owners[0])} of {head}"
    label = " ".join([head] + events[:3])
    return f"{label}, {scope}" if scope else label


# the kinds as plain strings, looked up once: reading ``Kind.DATE`` goes through the Enum
# class's attribute machinery, and these tests run once per claim (a StrEnum member equals
# and hashes as its value, so the answers are the same)
_DATED = frozenset({Kind.DATE.value, Kind.YEAR.value})
_DATE = Kind.DATE.value
_COUNT = Kind.COUNT.value
_LEVEL = Change.NONE.value  # the change column of a level
_COUNT = Kind.COUNT.value
_KINDS = {k.value: k for k in Kind}  # Kind(value) without Enum.__call__, once per measure


def _shared_noun(modifiers: list[str]) -> list[str]:
    """The commonest noun of a date measure's sentences (the first of the commonest), when
    every claim has it or there is one claim.  Most date measures have one claim whose words
    differ: its first word, without counting (a Counter per measure was a fifth of _assign)."""
    if len(modifiers) == 1:
        words = modifiers[0].split()
        if len(set(words)) == len(words):
            return words[:1]
    nouns = Counter(w for m in modifiers for w in m.split())
    return [w for w, c in nouns.most_common(1) if c == len(modifiers) or len(modifiers) == 1]


_NOUNLESS = {"money": "amount", "percent": "share", "duration": "duration", "measure": "quantity",
             "ordinal": "rank"}


@lru_cache(maxsize=16384)
def _participle(lemma: str) -> str:
    from lemminflect import getInflection

    if " " in lemma or lemma.endswith("ing"):
        return lemma
    forms = getInflection(lemma, tag="VBN")
    return forms[0] if forms else lemma


@lru_cache(maxsize=16384)
def _plural(noun: str) -> str:
    from lemminflect import getInflection

    *mods, head = noun.split()
    forms = getInflection(head, tag="NNS")
    return " ".join(mods + [forms[0] if forms else head])
