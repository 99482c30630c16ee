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
  writer keeps the two apart, so the year marks another quantity;
* **story**: the same story (:mod:`numcheck.stories`): each story's claims are
  grouped alone, so with a claims store a re-check groups again only the stories
  whose claims changed (:func:`_measures`).

A figure that names no quantity never joins another document's: a bare number,
or a change whose clause names no noun ("its spending rose 4%": what rose is
not said).

A place scope every original document of the story names is the story's setting,
not a part of it, and is blanked (:func:`_drop_story_settings`).

Dates join when they share an event word and a noun of their sentence, within their
story ("the policy was announced in April 2018" / "the May 2018 speech in which he
rolled out the policy").  Place scope (a city, a pilot) does not split a measure: the
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
import json
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Protocol

import numpy as np
import pandas as pd

from . import schema as S
from .records import Change, Document, Kind, Measure
from .stories import find_stories  # noqa: F401  (re-exported: stories are a measures fact)

DUPLICATE_CONTAINMENT = 0.8  # the smaller document's shingles found in the larger one
DUPLICATE_SHARE = 0.5  # ... and at least this share of the larger one's: a copy adds no story of its own
DUPLICATE_MIN_SHINGLES = 10  # fewer shingles than this (about 14 words) is too little to call a copy
COMMON_SHINGLE = 50  # a shingle in more than 50 original documents is furniture, not evidence
SHINGLE = 5
SHINGLE_SAMPLE = 64  # a text keeps a hash-chosen 1/2^k of its shingles, at least this many
BOILERPLATE_MIN_WORDS = 8
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
    touched by a change, against an index of all shingles built once, and only then.

    A change that only *adds* originals before a document (a new article, the usual
    re-check) is settled without deciding it again when no shingle of it turns common or
    rare: its earlier original still scores as it did, and so do the other candidates, so
    only the added originals it shares a rare shingle with are measured against it."""
    copies: dict[str, str] = {}
    hot = Counter(known.changed)  # hash -> how many index entries of it may have changed
    gone = set(known.changed)  # hashes of which an original may have left the index
    added: dict[int, list[str]] = defaultdict(list)  # hash -> originals that entered it, so far
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
            original = None
            if earlier is not None and gone.isdisjoint(hit):
                original = _with_added(doc.doc_id, earlier, hit, added, n, index, original_at, sketches, rank,
                                       threshold)
            if original is None:
                original = _original_of(doc.doc_id, hashes, index.before(n, hashes, original_at),
                                        sketches, rank, threshold)
            if original != earlier:
                hot.update(hashes)
                if original == "":
                    for h in hashes:
                        added[h].append(doc.doc_id)
                elif earlier == "":
                    gone.update(hashes)
        if original:
            copies[doc.doc_id] = original
            original_at[n] = False
    return copies


def _with_added(doc_id: str, earlier: str, hit: list[int], added: dict[int, list[str]], n: int,
                index: "_SortedIndex", original_at: np.ndarray, sketches: dict[str, tuple[np.ndarray, int]],
                rank: dict[str, int], threshold: float) -> str | None:
    """What the document at ``n`` copies when the only changes before it are originals added
    on the ``hit`` hashes; None when one of those turned from rare to common (decide again).

    Every earlier candidate keeps its rare shingles and the common ones stay common, so the
    earlier original keeps its score and the rest still lose to it; an added original wins
    when it scores higher (ties: the earlier-ranked, as :func:`_original_of`)."""
    if earlier and earlier not in sketches:
        return None
    entered = [h for h in hit if h in added]
    candidates: set[str] = set()
    for h, count in zip(entered, index.count_before(n, entered, original_at)):
        if (count - len(added[h]) <= COMMON_SHINGLE) != (count <= COMMON_SHINGLE):
            return None
        if count <= COMMON_SHINGLE:
            candidates.update(added[h])
    best = (_overlap(sketches[doc_id], sketches[earlier], threshold), -rank[earlier], earlier) if earlier else None
    for o in candidates:
        score = _overlap(sketches[doc_id], sketches[o], threshold)
        if score > 0 and (best is None or (score, -rank[o], o) > best):
            best = (score, -rank[o], o)
    return best[2] if best is not None else ""


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
    furniture = []
    for d in documents:
        sk = sketches[d.doc_id] if sketches is not None else None
        spans[d.doc_id] = list(sk.repeated) if sk is not None else _repeated_blocks(d.text)
        furniture.append(sk.furniture if sk is not None else _furniture_array(_furniture(d.text)))
    added = set()
    for n, start, end in _shared_furniture(documents, furniture, copies):
        spans[documents[n].doc_id].append((start, end))
        added.add(n)
    # repeated blocks come merged: only documents that gained furniture are merged again
    merged = {documents[n].doc_id: _merge(spans[documents[n].doc_id], documents[n].text) for n in added}
    return {doc: merged.get(doc, s) for doc, s in spans.items() if s}


def _shared_furniture(documents: list[Document], furniture: list, copies: dict[str, str]
                      ) -> Iterable[tuple[int, int, int]]:
    """(document number, start, end) of each furniture line whose key other documents of its
    source hold too, documents that are not copies of each other (rule 2).  Keys, sources and
    families are numbered and compared with numpy: a Python list per key was most of this."""
    counts = [len(f) for f in furniture]
    total = sum(counts)
    if not total:
        return []
    lines = np.concatenate(furniture)
    keys = lines[:, 2]
    owner = np.repeat(np.arange(len(documents), dtype=np.int64), counts)
    _, key_id, key_count = np.unique(keys, return_inverse=True, return_counts=True)
    multi = np.flatnonzero(key_count[key_id.reshape(-1)] >= 2)
    if not len(multi):
        return []
    sources: dict[str, int] = {}
    families: dict[str, int] = {}
    source_of = np.array([sources.setdefault(d.source, len(sources)) for d in documents], dtype=np.int64)
    family_of = np.array([families.setdefault(copies.get(d.doc_id, d.doc_id), len(families)) for d in documents],
                         dtype=np.int64)
    who = owner[multi]
    _, pair = np.unique(np.stack([key_id.reshape(-1)[multi], source_of[who]], axis=1), axis=0,
                        return_inverse=True)  # (key, source) numbered
    pair = pair.reshape(-1).astype(np.int64)
    triple = np.unique(pair * len(families) + family_of[who])
    pairs, n_families = np.unique(triple // len(families), return_counts=True)
    shared = n_families[np.searchsorted(pairs, pair)] > 1
    found = multi[shared]
    return list(zip(owner[found].tolist(), lines[found, 0].tolist(), lines[found, 1].tolist()))


def _furniture_array(found: list[tuple[int, int, int]]) -> np.ndarray:
    """Furniture lines as an (n, 3) uint64 array of start, end and key."""
    return np.array(found, dtype=np.uint64).reshape(-1, 3)


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
    done three times (duplicates, boilerplate, blocks); now once.

    ``stored_terms``: the content words, or their JSON as stored, read on use (:attr:`terms`):
    a re-check reads the words of the few documents its story pass places again, and parsing
    every document's was most of reading the sketches."""

    repeated: tuple[tuple[int, int], ...]
    furniture: np.ndarray  # (n, 3) uint64: start, end and key of each line long enough to be furniture
    shingles: np.ndarray
    step: int
    stored_terms: dict[str, int] | bytes

    @property
    def terms(self) -> dict[str, int]:
        """Content word -> count (words of 2+ letters, jusText's English stoplist left out)."""
        terms = self.stored_terms
        return terms if isinstance(terms, dict) else json.loads(terms)

    def encode(self) -> bytes:
        """The stored form, zlib-compressed: the shingles and the furniture lines as
        little-endian uint64 bytes, each after its length, then the rest as JSON, the words
        last and apart (never pickle: reading a store runs no code).  Numbers are read back
        with ``np.frombuffer``: parsing them as JSON was most of the decoding."""
        head = json.dumps([self.repeated, self.step], separators=(",", ":")).encode()
        terms = json.dumps(self.terms, separators=(",", ":")).encode()
        parts = [self.shingles.astype("<u8").tobytes(), self.furniture.astype("<u8").tobytes(), head]
        return zlib.compress(b"".join(len(p).to_bytes(8, "little") + p for p in parts) + terms, 1)

    @classmethod
    def decode(cls, payload: bytes) -> "Sketch":
        """Raises ValueError (or zlib.error) when the payload is not a sketch."""
        body = zlib.decompress(payload)
        at, parts = 0, []
        for _ in range(3):
            n = int.from_bytes(body[at:at + 8], "little")
            if at + 8 + n > len(body):
                raise ValueError("not a sketch payload")
            parts.append((at + 8, n))
            at += 8 + n
        (s0, sn), (f0, fn), (h0, hn) = parts
        if sn % 8 or fn % 24 or body[at:at + 1] != b"{":
            raise ValueError("not a sketch payload")
        shingles = np.frombuffer(body, dtype="<u8", count=sn // 8, offset=s0).astype(np.uint64)
        furniture = np.frombuffer(body, dtype="<u8", count=fn // 8, offset=f0).astype(np.uint64).reshape(-1, 3)
        repeated, step = json.loads(body[h0:h0 + hn])
        return cls(tuple(map(tuple, repeated)), furniture, shingles, int(step), body[at:])


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
    return Sketch(tuple(repeated), _furniture_array(_furniture(text, lines)), shingles, step, dict(terms))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """English function words: jusText's stoplist (installed with trafilatura)."""
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist("English"))


# -- claims -> measures ---------------------------------------------------------------------------

class Blocks(Protocol):
    """Where stories' measures are kept between checks (:class:`numcheck.incremental.MeasureBlocks`)."""

    def known(self, frame: pd.DataFrame, order: np.ndarray, bounds: np.ndarray) -> dict[int, "Block"]: ...

    def save(self, made: list["Block"]) -> None: ...


def group(claims: pd.DataFrame, documents: list[Document], sketches: dict[str, Sketch] | None = None,
          copies: dict[str, str] | None = None, stories: dict[str, int] | None = None,
          blocks: "Blocks | None" = None) -> tuple[pd.DataFrame, list[Measure]]:
    """The claims frame with measure_id, boilerplate, duplicate_of, independent_source and
    story added, and the measures.  ``sketches`` (doc_id -> :class:`Sketch`) may come from
    the claims store; the missing ones are made here.  ``copies`` and ``stories``: what
    :func:`find_duplicates` and :func:`numcheck.stories.find_stories` give for these
    documents, when the caller has them; ``blocks``: stories' measures kept from an earlier
    check (see :func:`_measures`)."""
    frame = claims.copy()
    sketches = dict(sketches or {})
    for d in documents:
        if d.doc_id not in sketches:
            sketches[d.doc_id] = sketch(d.text)
    if copies is None:
        copies = find_duplicates(documents, sketches={k: (v.shingles, v.step) for k, v in sketches.items()})
    source_of = {d.doc_id: d.source for d in documents}
    boiler = find_boilerplate(documents, copies, sketches)
    if stories is None:
        stories = find_stories(documents, {k: v.terms for k, v in sketches.items()}, copies)
    doc_ids = frame[S.DOC_ID].tolist()
    frame[S.DUPLICATE_OF] = pd.array([copies.get(d, "") for d in doc_ids], dtype="string")
    frame[S.INDEPENDENT_SOURCE] = pd.array([source_of.get(copies.get(d, d), s)
                                            for d, s in zip(doc_ids, frame[S.SOURCE].tolist())], dtype="string")
    frame[S.BOILERPLATE] = _in_spans(doc_ids, frame[S.START].to_numpy(dtype=np.int64), boiler)
    frame[S.STORY] = np.array([stories.get(d, 0) for d in doc_ids], dtype="int64")
    _drop_story_settings(frame, documents, stories, copies)
    ids, measures = _measures(frame, blocks)
    frame[S.MEASURE_ID] = pd.array(ids, dtype="string")
    return frame, measures


# the claim columns a story's measures are made from (the block's digest covers exactly these)
BLOCK_COLUMNS = (S.KIND, S.DIMENSION, S.UNIT, S.NOUN, S.CONTEXT, S.TIME_SCOPE, S.DOC_ID, S.MODIFIERS, S.SURFACE,
                 S.CHANGE, S.BOILERPLATE, S.INDEPENDENT_SOURCE)
# one measure of a block: (its first claim's place in the block, label, kind, unit, noun, context,
# time scope, claims, sources); a block: (each claim's measure in the block, its measures)
Block = tuple[list[int], list[tuple]]


def _measures(frame: pd.DataFrame, blocks: "Blocks | None" = None) -> tuple[list[str], list[Measure]]:
    """Measure ids for the claims, and the measures, made story by story: a measure never
    joins two stories, so each story's claims (a *block*) are grouped alone, and a block whose
    claims are as they were is taken from ``blocks`` (:class:`numcheck.incremental.MeasureBlocks`)
    as it was.  Measures are numbered by their first claim in the frame, whatever the blocks."""
    stories = frame[S.STORY].to_numpy()
    order = np.argsort(stories, kind="stable")
    cut = np.flatnonzero(np.diff(stories[order])) + 1
    bounds = np.concatenate([[0], cut, [len(order)]]).astype(np.int64) if len(order) else np.zeros(1, np.int64)
    known = blocks.known(frame, order, bounds) if blocks is not None else {}
    columns = {c: frame[c].tolist() for c in BLOCK_COLUMNS}
    made = []
    for k in range(len(bounds) - 1):
        rows = order[bounds[k]:bounds[k + 1]].tolist()
        block = known.get(k)
        if block is None:
            block = _block(columns, rows)
        made.append((rows, block))
    if blocks is not None:
        blocks.save([block for _, block in made])
    return _numbered(made, len(frame))


def _in_spans(doc_ids: list[str], starts: np.ndarray, spans: dict[str, list[tuple[int, int]]]) -> np.ndarray:
    """Whether each claim starts inside one of its document's spans (sorted and disjoint, as
    :func:`_merge` makes them): every span and claim placed on one line, a document after
    another, and each claim looked up by binary search (a test per claim was a tenth of
    this stage)."""
    spans = {d: s for d, s in spans.items() if s}
    docs = {d: n for n, d in enumerate(spans)}
    if not docs or not len(starts):
        return np.zeros(len(starts), dtype=bool)
    width = max(int(starts.max()), max(b for s in spans.values() for _, b in s)) + 1
    at = np.array([docs.get(d, -1) for d in doc_ids], dtype=np.int64)
    edges = np.array([(n * width + a, n * width + b) for n, s in enumerate(spans.values()) for a, b in s],
                     dtype=np.int64).reshape(-1, 2)
    where = at * width + starts
    k = np.searchsorted(edges[:, 0], where, side="right") - 1
    inside = (k >= 0) & (where < edges[np.maximum(k, 0), 1])
    return inside & (at >= 0)


def _numbered(made: list[tuple[list[int], Block]], n_claims: int) -> tuple[np.ndarray, list[Measure]]:
    """The blocks' measures in the order of their first claims, numbered m001, m002..., and
    each claim's measure id (an object array; numpy orders and spreads the 70,000 ids)."""
    flat = [m for _, (_, ms) in made for m in ms]
    firsts = np.array([rows[m[0]] for rows, (_, ms) in made for m in ms], dtype=np.int64)
    order = np.argsort(firsts, kind="stable")
    number = np.empty(len(flat), dtype=np.int64)
    number[order] = np.arange(1, len(flat) + 1)
    width = max(3, len(str(len(flat))))
    names = np.array([f"m{k:0{width}d}" for k in number.tolist()] or [""], dtype=object)
    measures = []
    for j in order.tolist():
        _, label, kind, unit, noun, context, scope, claims, sources = flat[j]
        measures.append(Measure(names[j], label, _KINDS[kind], unit, noun, tuple(context), scope, claims, sources))
    ids = np.full(n_claims, "", dtype=object)
    at = 0
    for rows, (local, ms) in made:
        if rows:
            ids[np.array(rows, dtype=np.int64)] = names[np.array(local, dtype=np.int64) + at]
        at += len(ms)
    return ids, measures


def _block(columns: dict[str, list], rows: list[int]) -> Block:
    """One story's measures: each claim's measure (by place in the block) and the measures.
    Works on plain column lists: one pass over the claims and one per measure's own members."""
    order: dict[tuple, list[int]] = {}
    for j, key in enumerate(_keys(columns, rows)):
        order.setdefault(key, []).append(j)
    local = [0] * len(rows)
    out = []
    boiler, sources = columns[S.BOILERPLATE], columns[S.INDEPENDENT_SOURCE]
    for n, (key, places) in enumerate(order.items()):
        for j in places:
            local[j] = n
        members = [rows[j] for j in places]
        claims = _Rows(columns, members)
        live = [i for i in members if not boiler[i]]
        out.append((places[0], label_for(claims, key[4]), key[0], _unit(claims), key[2],
                    tuple(key[3].split()) if key[3] else _shared_context(claims), key[4], len(live),
                    len({sources[i] for i in live})))
    return local, out


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


def _keys(columns: dict[str, list], rows: list[int]) -> list[tuple]:
    """One grouping key per claim of a story: kind, unit, noun, context, time scope (+ date cluster)."""
    kinds, dims, units, nouns, contexts, scopes, docs, changes = ([columns[c][i] for i in rows] for c in (
        S.KIND, S.DIMENSION, S.UNIT, S.NOUN, S.CONTEXT, S.TIME_SCOPE, S.DOC_ID, S.CHANGE))
    base = [(kind, "", "", "") if kind in _DATED else
            (kind, dim or unit, *_victims(noun, context)) if kind == _COUNT and noun else
            (kind, dim or unit, noun, context)
            for kind, dim, unit, noun, context in zip(kinds, dims, units, nouns, contexts)]
    scoped: dict[tuple, set[str]] = defaultdict(set)
    with_year: set[tuple] = set()  # (key, document) pairs, for documents that say a key's year
    for key, scope, doc in zip(base, scopes, docs):
        if scope:
            scoped[key].add(scope)
            with_year.add((key, doc))
    apart = {key for key, scope, doc in zip(base, scopes, docs) if not scope and (key, doc) in with_year}
    only = {key: next(iter(found)) for key, found in scoped.items() if len(found) == 1 and key not in apart}
    clusters = _date_clusters(kinds, contexts, [columns[S.MODIFIERS][i] for i in rows])
    keys = []  # one tuple per claim, made once (slicing and joining tuples was half of this)
    for j, (key, scope, doc, change) in enumerate(zip(base, scopes, docs, changes)):
        if not scope:
            scope = only.get(key, scope)
        kind, unit, noun, context = key
        if kind in _DATED:
            keys.append((kind, unit, noun, context, scope, clusters.get(j, j), ""))
        else:  # a bare figure names no quantity ("1", "1234567890"), nor does a change of nothing named
            # ("its spending rose 4%" / "parks spending rose 6%": a verb, but what rose?): it never
            # joins another document's
            named = noun or context and change == _LEVEL
            keys.append((kind, unit, noun, context, scope, -1, "" if named else doc))
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


def _date_clusters(kinds: list[str], contexts: list[str], modifiers: list[str]) -> dict[int, int]:
    """Union-find over a story's date claims sharing an event word and a noun of their sentence.

    Two claims share an event and a noun exactly when they share an (event, noun)
    pair, so each pair is a bucket whose members are chained: linear in the claims,
    never all pairs of a bucket (a corpus may date one event thousands of times).
    """
    rows = [(i, c.split(), m.split()) for i, (k, c, m) in enumerate(zip(kinds, contexts, modifiers))
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
