"""Claims -> measures: the grouping keys and each story's measures (:func:`group`).

The grouping contract (what two claims must share to join a measure) is the docstring of
:mod:`numcheck.measures`; labels are made in :mod:`.labels`.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Protocol

import numpy as np
import pandas as pd

from .. import schema as S
from ..records import Document, Measure
from ..stories import find_stories
from .boilerplate import _in_spans, find_boilerplate
from .copies import find_duplicates
from .names import conflict, named_heads
from .labels import _COUNT, _DATE, _DATED, _KINDS, _LEVEL, _Rows, _shared_context, _unit, label_for
from .sketches import Sketch, sketch


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
                 S.CHANGE, S.BOILERPLATE, S.INDEPENDENT_SOURCE, S.SENTENCE)  # the sentence: names (.names)
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
    clusters = _date_clusters(kinds, contexts, [columns[S.MODIFIERS][i] for i in rows],
                              [columns[S.SENTENCE][i] for i in rows])
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
    from ..extract.lexicon import lexicon  # the extractor's word lists, loaded by then
    from ..extract.nouns import word_classes

    words = noun.split()
    head = words[-2] if len(words) > 1 and words[-1] == "toll" else words[-1]
    event = lexicon().event_synonyms.get(head, "")
    if not event or (len(words) > 1 and words[-1] != "toll") or set(word_classes(head)) != {"NOUN"}:
        return noun, context
    return "person", " ".join(sorted(set(context.split()) | {event}))


def _date_clusters(kinds: list[str], contexts: list[str], modifiers: list[str],
                   sentences: list[str]) -> dict[int, int]:
    """Union-find over a story's date claims sharing an event word and a noun of their sentence.

    Two claims share an event and a noun exactly when they share an (event, noun)
    pair, so each pair is a bucket whose members are chained: linear in the claims,
    never all pairs of a bucket (a corpus may date one event thousands of times).
    Clusters whose sentences give one noun different names ("the Home First order", "the
    Open Doors order": :mod:`.names`) are not joined; a bucket keeps one member of each
    cluster it could not join, and a claim tries those in turn (a handful: the names a
    story gives one noun).
    """
    rows = [(i, c.split(), m.split()) for i, (k, c, m) in enumerate(zip(kinds, contexts, modifiers))
            if k == _DATE and c]
    parent = {i: i for i, _, _ in rows}
    named = {i: dict(heads) for i, _, _ in rows if (heads := named_heads(sentences[i]))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(i: int, j: int) -> bool:
        a, b = find(i), find(j)
        if a == b:
            return True
        if a in named and b in named and conflict(named[a], named[b]):
            return False
        parent[a] = b
        if a in named:
            named[b] = {**named[a], **named.get(b, {})}
        return True

    firsts: dict[tuple[str, str], list[int]] = {}
    for i, events, nouns in rows:
        for e in events:
            for noun in nouns:
                bucket = firsts.setdefault((e, noun), [])
                if not any(join(i, j) for j in bucket):
                    bucket.append(i)
    return {i: find(i) for i, _, _ in rows}
