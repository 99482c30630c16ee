"""The extract stage of a check: documents -> the claims frame, each document's claims from the
claims store when its text was seen before (:mod:`numcheck.store`), the others extracted, on
worker processes when there are many."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

import pandas as pd

from .. import schema as S
from ..extract import DEFAULT, extract_text
from ..records import Claim, Document
from .run import Run, in_workers


def extract_claims(documents: Sequence[Document], *, store: Any = None, workers: int | None = None,
                   run: Run | None = None) -> pd.DataFrame:
    """The claims frame of ``documents``, in document order.

    Each distinct (text, date) is extracted once; with a store, only those the store
    does not hold, and the new ones are written back.  With a store, the rows of every
    document the last check's claims frame holds are taken from it as they are
    (:mod:`numcheck.incremental`), and only the other documents' stored claims are read.
    """
    from ..incremental import combine, load_snapshot, save_snapshot
    from ..store import decode_claims, document_key

    run = run or Run()
    keys = [document_key(d.text, d.published) for d in documents]
    snapshot = load_snapshot(store)
    spans = snapshot.spans() if snapshot is not None else {}
    pieces = [spans.get((k, d.doc_id, d.source)) for k, d in zip(keys, documents)]
    rest = [(k, d) for k, d, p in zip(keys, documents, pieces) if p is None]
    stored = store.get_many(k for k, _ in rest) if store is not None and rest else {}
    todo = {k: d for k, d in rest if k not in stored}
    fresh = _extract_new(todo, len(documents), workers, run)
    if store is not None and fresh:
        store.put_many(fresh.items())
    payloads = {**stored, **fresh}
    claims: list[Claim] = []
    counts = []
    for key, doc in rest:
        found = decode_claims(payloads[key], doc)
        claims.extend(found)
        counts.append(len(found))
    fresh_rows = S.claims_frame(claims)
    frame = combine(pieces, fresh_rows, counts, snapshot.frames if snapshot is not None else ())
    if store is not None:
        made = iter(counts)
        kept = tuple((k, d.doc_id, d.source, next(made) if p is None else p[1] - p[0])
                     for k, d, p in zip(keys, documents, pieces))
        save_snapshot(store, snapshot, frame, fresh_rows, kept)
    run.say(f"extract: {len(documents):,} documents, {len(frame):,} claims "
            f"({len(todo):,} documents extracted, {len(documents) - len(todo):,} from the store)")
    return frame


def _extract_new(todo: dict[str, Document], total: int, workers: int | None, run: Run) -> dict[str, bytes]:
    """key -> stored-form claims of the documents in ``todo`` (key -> document), extracted,
    with progress lines counted against all ``total`` documents of the check."""
    fresh: dict[str, bytes] = {}
    done = [total - len(todo), 0]  # documents ready, claims found
    for batch in iter_payloads(list(todo.items()), workers):
        for key, payload, n_claims in batch:
            fresh[key] = payload
            done[0] += 1
            done[1] += n_claims
        run.tick(lambda: f"extract: {done[0]:,}/{total:,} documents "
                         f"({total - len(todo):,} from the store), {done[1]:,} new claims")
    return fresh


def iter_payloads(items: list[tuple[str, Document]], workers: int | None = None
                  ) -> Iterator[list[tuple[str, bytes, int]]]:
    """(key, stored-form claims, number of claims) of each document, in batches as they are done.

    With ``workers`` > 1 (default: one per CPU) and enough documents, batches run in
    worker processes; results are the same either way.
    """
    yield from in_workers(extract_payloads, items, workers)


def extract_payloads(items: Iterable[tuple[str, Document]]) -> list[tuple[str, bytes, int]]:
    """Extract each document: (key, stored-form claims, number of claims).  Runs in workers."""
    from ..store import encode_claims

    out = []
    for key, doc in items:
        claims = extract_text(doc.text, published=doc.published, semantics=DEFAULT)
        out.append((key, encode_claims(claims, doc.text), len(claims)))
    return out
