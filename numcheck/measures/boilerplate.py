"""Boilerplate: the lines of a text its publisher repeats, not its story.

A text's lines and words (:func:`_paragraphs`), the blocks it prints twice
(:func:`_repeated_blocks`), the outlet furniture two documents of one source share
(:func:`find_boilerplate`), and which claims fall inside such spans (:func:`_in_spans`).
The rules are in :mod:`numcheck.measures` (the package docstring).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

import numpy as np

from ..records import Document

if TYPE_CHECKING:
    from .sketches import Sketch

BOILERPLATE_MIN_WORDS = 8
BOILERPLATE_STORY_SHARE = 0.5  # a repeated block above this share of a document is the story itself
BOILERPLATE_MAX_CHARS = 20_000  # a longer line is never furniture (and is not worth a key)
_WORD = re.compile(r"[a-z0-9]+")
_PARAGRAPH = re.compile(r"[^\n]+")


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
