"""The measures stage of a check: claims and documents -> measures (:func:`numcheck.measures.group`),
with each document's sketch (what the measures stage reads of a text) from the store or made on
worker processes, and with a store, copies and stories found again only where something changed."""

from __future__ import annotations

import zlib
from typing import Any, Iterator, Mapping, Sequence

import pandas as pd

from ..measures import group
from ..records import Document, Measure
from .run import in_workers


def group_documents(claims: pd.DataFrame, documents: Sequence[Document], *, store: Any = None,
                    workers: int | None = None) -> tuple[pd.DataFrame, list[Measure]]:
    """:func:`numcheck.measures.group` of the documents, with their sketches from the store
    and, with a store, copies found again only where something changed since the last check
    (``measures.find_duplicates`` with ``known``), and stories placed again only from
    where something changed (``stories.place_stories`` with ``before``)."""
    from ..incremental import MeasureBlocks, known_copies, known_stories, save_copies, save_stories
    from ..measures import find_duplicates
    from ..stories import place_stories
    from ..store import document_key

    keys = {d.doc_id: document_key(d.text, None) for d in documents}
    sketches = sketch_documents(documents, store=store, workers=workers, keys=keys)
    known, before = known_copies(store, documents, keys)
    copies = find_duplicates(list(documents), sketches={k: (v.shingles, v.step) for k, v in sketches.items()},
                             known=known)
    save_copies(store, documents, keys, copies, before)
    previous, stored = known_stories(store)
    dated = {d.doc_id: f"{keys[d.doc_id]} {d.published.isoformat() if d.published else ''}" for d in documents}
    stories, story_pass = place_stories(list(documents), _Terms(sketches, documents), copies, keys=dated,
                                        before=previous, gone=lambda old: _old_terms(store, old))
    save_stories(store, story_pass, stored)
    return group(claims, list(documents), sketches, copies=copies, stories=stories,
                 blocks=MeasureBlocks(store) if store is not None else None)


class _Terms(Mapping):
    """doc_id -> a document's content words, read from its sketch when asked for (a sketch
    from the store holds them as JSON until then; one that cannot be read is made again)."""

    def __init__(self, sketches: dict[str, Any], documents: Sequence[Document]) -> None:
        self.sketches, self.text = sketches, {d.doc_id: d.text for d in documents}

    def __getitem__(self, doc_id: str) -> dict[str, int]:
        from ..measures import sketch

        try:
            return self.sketches[doc_id].terms
        except ValueError:
            return sketch(self.text[doc_id]).terms

    def __iter__(self) -> Iterator[str]:
        return iter(self.sketches)

    def __len__(self) -> int:
        return len(self.sketches)


def _old_terms(store: Any, keys: list[str]) -> dict[str, dict[str, int]]:
    """The content words of earlier texts, by their story-pass keys ("<sketch key> <date>"),
    for those whose sketch the store still holds."""
    from ..measures import Sketch

    if store is None:
        return {}
    by_sketch = {k: k.split(" ", 1)[0] for k in keys}
    payloads = store.get_many(set(by_sketch.values()), table="sketches")
    out = {}
    for key, sketch_key in by_sketch.items():
        try:
            out[key] = Sketch.decode(payloads[sketch_key]).terms
        except (KeyError, ValueError, zlib.error):
            pass  # counted again
    return out


def sketch_documents(documents: Sequence[Document], *, store: Any = None, workers: int | None = None,
                     keys: dict[str, str] | None = None) -> dict[str, Any]:
    """doc_id -> :class:`numcheck.measures.Sketch` (what the measures stage reads of a text).

    Tokenising every text for copies, boilerplate and stories was most of the measures
    stage (about 2 ms a document): sketches come from the store when the text was seen
    before, and the others are made on ``workers`` processes when there are many.
    """
    from ..measures import Sketch
    from ..store import document_key

    keys = keys or {d.doc_id: document_key(d.text, None) for d in documents}
    stored = store.get_many(keys.values(), table="sketches") if store is not None else {}
    decoded = {}
    for key, payload in stored.items():
        try:
            decoded[key] = Sketch.decode(payload)
        except (ValueError, zlib.error):
            pass  # made again, and stored anew
    todo = {keys[d.doc_id]: d.text for d in documents if keys[d.doc_id] not in decoded}
    fresh: dict[str, bytes] = {}
    for batch in in_workers(_sketch_payloads, list(todo.items()), workers):
        fresh.update(batch)
    if store is not None and fresh:
        store.put_many(fresh.items(), table="sketches")
    decoded.update((k, Sketch.decode(p)) for k, p in fresh.items())
    return {doc_id: decoded[key] for doc_id, key in keys.items()}


def _sketch_payloads(items: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    """(key, stored-form sketch) of each text.  Runs in workers."""
    from ..measures import sketch

    return [(key, sketch(text).encode()) for key, text in items]
