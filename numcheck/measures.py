"""Claims -> measures: which figures speak of the same quantity.

Two claims join a measure only when all of these agree:

* **kind and unit**: the same kind and pint dimension (dollars with dollars,
  days with hours; children with children);
* **what is counted**: the same noun after lemmatising and folding synonyms
  (child/kid/minor; see ``data/lexicon.toml``);
* **event context**: the same set of event words ("separated" vs "separated,
  missing" are different measures; "held in detention" differs from "separated");
* **time scope**: the same year when both say one; a claim that names no year
  joins the measure of its key when exactly one year-scoped measure exists.

Dates join when they share an event word and a noun of their sentence ("the
policy was announced in April 2018" / "the May 2018 speech in which he rolled
out the policy").  Place scope (a city, a pilot) does not split a measure: the
part_whole rule compares parts with the whole inside it.

Before grouping, two document-level facts are settled:

* **duplicates**: a document whose word 5-gram shingles are contained, to at
  least ``DUPLICATE_CONTAINMENT`` (0.8), in another document's is a copy
  (syndication); the copy keeps ``duplicate_of`` and the original's source;
* **boilerplate**: a paragraph of 8+ words that appears twice in one document
  or in two documents that are not copies of each other (fund-raising
  blurbs, newsletter plugs) is boilerplate, and so are its figures.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

import pandas as pd

from . import schema as S
from .records import Document, Kind, Measure

DUPLICATE_CONTAINMENT = 0.8
SHINGLE = 5
BOILERPLATE_MIN_WORDS = 8
_WORD = re.compile(r"[a-z0-9]+")
_PARAGRAPH = re.compile(r"[^\n]+")


# -- documents: copies and boilerplate -------------------------------------------------------------

def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    return {hash(tuple(words[i:i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1))}


def find_duplicates(documents: list[Document], threshold: float = DUPLICATE_CONTAINMENT) -> dict[str, str]:
    """doc_id -> doc_id of the original, for every document that is a copy of another.

    The original is the earlier published one (unknown dates last), then the first by doc_id.
    Pairs are compared only when they share a rare shingle, so unrelated documents cost nothing.
    """
    shingles = {d.doc_id: _shingles(d.text) for d in documents}
    order = sorted(documents, key=lambda d: (d.published is None, d.published or 0, d.doc_id))
    rank = {d.doc_id: n for n, d in enumerate(order)}
    index: dict[int, list[str]] = defaultdict(list)
    for d in documents:
        for h in shingles[d.doc_id]:
            index[h].append(d.doc_id)
    overlap: Counter = Counter()
    for ids in index.values():
        if 1 < len(ids) <= 50:  # a shingle in more than 50 documents is boilerplate, not evidence
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    overlap[(a, b) if rank[a] < rank[b] else (b, a)] += 1
    copies: dict[str, str] = {}
    for (a, b), shared in sorted(overlap.items(), key=lambda kv: rank[kv[0][0]]):
        smaller = min(len(shingles[a]), len(shingles[b])) or 1
        if shared / smaller >= threshold and b not in copies:
            copies[b] = copies.get(a, a)
    return copies


def _paragraphs(text: str) -> Iterable[tuple[int, int, str]]:
    for m in _PARAGRAPH.finditer(text):
        words = _WORD.findall(m.group(0).lower())
        if len(words) >= BOILERPLATE_MIN_WORDS:
            yield m.start(), m.end(), " ".join(words)


def find_boilerplate(documents: list[Document], copies: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> spans of paragraphs repeated within it or across independent documents."""
    seen: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for d in documents:
        for start, end, key in _paragraphs(d.text):
            seen[key].append((d.doc_id, start, end))
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for places in seen.values():
        if len(places) < 2:
            continue
        families = {copies.get(doc, doc) for doc, _, _ in places}
        per_doc = Counter(doc for doc, _, _ in places)
        if len(families) > 1 or max(per_doc.values()) > 1:
            for doc, start, end in places:
                spans[doc].append((start, end))
    return spans


# -- claims -> measures ---------------------------------------------------------------------------

def group(claims: pd.DataFrame, documents: list[Document]) -> tuple[pd.DataFrame, list[Measure]]:
    """The claims frame with measure_id, boilerplate, duplicate_of and independent_source
    added, and the measures."""
    frame = claims.copy()
    copies = find_duplicates(documents)
    source_of = {d.doc_id: d.source for d in documents}
    boiler = find_boilerplate(documents, copies)
    frame[S.DUPLICATE_OF] = frame[S.DOC_ID].map(lambda d: copies.get(d, "")).astype("string")
    frame[S.INDEPENDENT_SOURCE] = [source_of.get(copies.get(d, d), s)
                                   for d, s in zip(frame[S.DOC_ID], frame[S.SOURCE])]
    frame[S.INDEPENDENT_SOURCE] = frame[S.INDEPENDENT_SOURCE].astype("string")
    frame[S.BOILERPLATE] = [any(a <= start < b for a, b in boiler.get(doc, ()))
                            for doc, start in zip(frame[S.DOC_ID], frame[S.START])]
    keys = _keys(frame)
    ids, measures = _assign(frame, keys)
    frame[S.MEASURE_ID] = pd.array(ids, dtype="string")
    return frame, measures


def _base_key(row) -> tuple:
    kind = row[S.KIND]
    if kind in (Kind.DATE, Kind.YEAR):
        return (kind, "", "", "")
    return (kind, row[S.DIMENSION] or row[S.UNIT], row[S.NOUN], row[S.CONTEXT])


def _keys(frame: pd.DataFrame) -> list[tuple]:
    """One grouping key per claim: base key + time scope (+ date cluster)."""
    base = [_base_key(r) for r in frame.to_dict("records")]
    scoped: dict[tuple, set[str]] = defaultdict(set)
    for key, scope in zip(base, frame[S.TIME_SCOPE]):
        if scope:
            scoped[key].add(scope)
    keys = []
    for key, scope in zip(base, frame[S.TIME_SCOPE]):
        if not scope and len(scoped.get(key, ())) == 1:
            scope = next(iter(scoped[key]))
        keys.append(key + (scope,))
    clusters = _date_clusters(frame)
    return [k + (clusters.get(i, i if k[0] in (Kind.DATE, Kind.YEAR) else -1),) for i, k in enumerate(keys)]


def _date_clusters(frame: pd.DataFrame) -> dict[int, int]:
    """Union-find over date claims sharing an event word and a noun of their sentence."""
    rows = [(i, set(c.split()), set(m.split())) for i, (k, c, m) in
            enumerate(zip(frame[S.KIND], frame[S.CONTEXT], frame[S.MODIFIERS]))
            if k == Kind.DATE and c]
    parent = {i: i for i, _, _ in rows}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_event: dict[str, list[int]] = defaultdict(list)
    for i, events, _ in rows:
        for e in events:
            by_event[e].append(i)
    nouns = {i: m for i, _, m in rows}
    for members in by_event.values():
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                if nouns[a] & nouns[b]:
                    parent[find(a)] = find(b)
    return {i: find(i) for i, _, _ in rows}


def _assign(frame: pd.DataFrame, keys: list[tuple]) -> tuple[list[str], list[Measure]]:
    order: dict[tuple, list[int]] = {}
    for i, key in enumerate(keys):
        order.setdefault(key, []).append(i)
    ids = [""] * len(keys)
    measures = []
    width = max(3, len(str(len(order))))
    for n, (key, members) in enumerate(order.items(), start=1):
        measure_id = f"m{n:0{width}d}"
        for i in members:
            ids[i] = measure_id
        rows = frame.iloc[members]
        live = rows[~rows[S.BOILERPLATE].astype(bool)]
        measures.append(Measure(
            measure_id=measure_id, label=label_for(rows, key[4]), kind=Kind(key[0]), unit=_unit(rows),
            noun=key[2], context=tuple(key[3].split()) if key[3] else _shared_context(rows),
            time_scope=key[4], n_claims=len(live), n_sources=live[S.INDEPENDENT_SOURCE].nunique()))
    return ids, measures


def _unit(rows: pd.DataFrame) -> str:
    from .units import canonical_unit

    unit = rows[S.UNIT].iloc[0]
    return canonical_unit(unit) if unit and unit not in ("count", "percent") else unit


def _shared_context(rows: pd.DataFrame) -> tuple[str, ...]:
    sets = [set(c.split()) for c in rows[S.CONTEXT] if c]
    return tuple(sorted(set.intersection(*sets))) if sets else ()


def label_for(rows: pd.DataFrame, scope: str = "") -> str:
    """A readable label: "children separated", "funding shortfall, 2019", "date policy announced"."""
    first = rows.iloc[0]
    kind = first[S.KIND]
    words = _shared_context(rows) or tuple(first[S.CONTEXT].split())
    owners = [w[3:] for w in words if w.startswith("of:")]  # "parents of 628 children"
    events = [_participle(e) for e in words if not e.startswith("of:")]
    if kind in (Kind.DATE, Kind.YEAR):
        nouns = Counter(w for m in rows[S.MODIFIERS] for w in m.split())
        shared = [w for w, c in nouns.most_common(1) if c == len(rows) or len(rows) == 1]
        what = " ".join(shared + events[:2]) or first[S.SURFACE]
        return f"date: {what}"
    noun = first[S.NOUN]
    head = (_plural(noun) if kind == Kind.COUNT else noun) if noun else {"money": "amount", "percent": "share", "duration": "duration",
                                       "measure": "quantity", "ordinal": "rank"}.get(kind, "figure")
    if owners:
        head = f"{_plural(owners[0])} of {head}"
    label = " ".join([head] + events[:3])
    return f"{label}, {scope}" if scope else label


def _participle(lemma: str) -> str:
    from lemminflect import getInflection

    if " " in lemma or lemma.endswith("ing"):
        return lemma
    forms = getInflection(lemma, tag="VBN")
    return forms[0] if forms else lemma


def _plural(noun: str) -> str:
    from lemminflect import getInflection

    *mods, head = noun.split()
    forms = getInflection(head, tag="NNS")
    return " ".join(mods + [forms[0] if forms else head])
