"""Copies: which documents are syndicated copies of an earlier one (word 5-gram shingles).

The rule is in :mod:`numcheck.measures` (the package docstring): :func:`find_duplicates`.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

import numpy as np

from ..records import Document
from .boilerplate import _WORD, _repeated_blocks, _without

DUPLICATE_CONTAINMENT = 0.8  # the smaller document's shingles found in the larger one
DUPLICATE_SHARE = 0.5  # ... and at least this share of the larger one's: a copy adds no story of its own
DUPLICATE_MIN_SHINGLES = 10  # fewer shingles than this (about 14 words) is too little to call a copy
COMMON_SHINGLE = 50  # a shingle in more than 50 original documents is furniture, not evidence
SHINGLE = 5
SHINGLE_SAMPLE = 64  # a text keeps a hash-chosen 1/2^k of its shingles, at least this many


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
        return _credited(documents, _copies_since(known, order, rank, sketches, threshold))
    index: dict[int, list[str]] = defaultdict(list)
    for doc in order:
        hashes = sketches[doc.doc_id][0].tolist()
        original = _original_of(doc.doc_id, hashes, index, sketches, rank, threshold)
        if original:
            copies[doc.doc_id] = original
        else:
            for h in hashes:
                index[h].append(doc.doc_id)
    return _credited(documents, copies)


def _credited(documents: list[Document], copies: dict[str, str]) -> dict[str, str]:
    """``copies`` with the original of a same-day pair chosen by credit, not by doc_id: when a
    copy and the original it was matched to share a publication date, and the original's text
    names the copy's source (a credit line: "carries Civic Wire stories", "via Market Wire")
    while the copy's text does not name the original's, the two trade places, and every copy of
    the one becomes a copy of the other (still no chains).  Publication order decides on other
    days; a same-day pair without a credit line keeps doc_id order."""
    by_id = {d.doc_id: d for d in documents}
    swaps: dict[str, str] = {}
    for copy, original in copies.items():
        c, o = by_id.get(copy), by_id.get(original)
        if c is None or o is None or c.published != o.published or original in swaps:
            continue
        if c.source and o.source and c.source != o.source and _names(o.text, c.source) \
                and not _names(c.text, o.source):
            swaps[original] = copy
    if not swaps:
        return copies
    moved = {d: swaps.get(o, o) for d, o in copies.items() if d not in swaps.values()}
    moved.update({old: new for old, new in swaps.items()})
    return moved


def _names(text: str, source: str) -> bool:
    """True when ``text`` names ``source`` as a whole phrase (case-insensitive)."""
    return re.search(rf"(?<!\w){re.escape(source)}(?!\w)", text, re.IGNORECASE) is not None


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
