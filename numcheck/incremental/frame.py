"""The claims frame of a check, kept for the next one (see :mod:`numcheck.incremental`):
a re-check takes the rows of every unchanged document from it as they are."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import schema as S

CLAIMS_FRAME = "claims"  # the name of the claims-frame snapshot in the store's frames table
CLAIMS_DELTA = "claims+"  # ... and of the rows of documents added since it was written
DELTA_SHARE = 0.2  # rows added and gone since the frame was written, above which it is written anew
_DOCS_META = b"numcheck.documents"


@dataclasses.dataclass(frozen=True)
class FrameSnapshot:
    """A claims frame and, in order, the (key, doc_id, source) and row count of each document;
    as loaded, with ``delta``: the rows of the documents added since the frame was written."""

    frame: pd.DataFrame
    documents: tuple[tuple[str, str, str, int], ...]
    delta: "FrameSnapshot | None" = None

    @property
    def frames(self) -> list[pd.DataFrame]:
        """The frame, then the delta's: the rows :meth:`spans` points into, in order."""
        return [self.frame] + ([self.delta.frame] if self.delta is not None else [])

    def spans(self) -> dict[tuple[str, str, str], tuple[int, int]]:
        """(key, doc_id, source) -> the document's rows (start, end) in :attr:`frames`, joined."""
        documents = self.documents + (self.delta.documents if self.delta is not None else ())
        ends = np.cumsum([n for *_, n in documents], dtype=np.int64)
        return {(k, d, s): (int(e) - n, int(e)) for (k, d, s, n), e in zip(documents, ends)}

    def rows(self) -> int:
        return sum(len(f) for f in self.frames)

    def encode(self) -> bytes:
        import pyarrow as pa

        table = pa.Table.from_pandas(self.frame, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[_DOCS_META] = json.dumps(self.documents, ensure_ascii=False).encode()
        table = table.replace_schema_metadata(meta)
        sink = pa.BufferOutputStream()
        options = pa.ipc.IpcWriteOptions(compression="lz4")
        with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
            writer.write_table(table)
        return sink.getvalue().to_pybytes()

    @classmethod
    def decode(cls, payload: bytes) -> "FrameSnapshot":
        """Raises ValueError when the payload is not a claims frame of today's columns."""
        import pyarrow as pa

        try:
            table = pa.ipc.open_stream(payload).read_all()
            documents = tuple(tuple(d) for d in json.loads(table.schema.metadata[_DOCS_META]))
            frame = table.to_pandas()
        except (pa.ArrowException, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"unreadable claims frame: {exc}") from exc
        expected = S.claims_frame([])
        if list(frame.columns) != list(expected.columns) or not frame.dtypes.equals(expected.dtypes) \
                or sum(d[3] for d in documents) != len(frame):
            raise ValueError("the stored claims frame does not have today's columns")
        return cls(frame, documents)


def load_snapshot(store: Any) -> FrameSnapshot | None:
    """The claims-frame snapshot in ``store`` with its delta, or None (no store, none kept,
    or unreadable).  Each part holds the right rows for its own documents, whichever check
    wrote it, so a delta read with another check's frame is still right."""
    if store is None:
        return None
    payloads = store.get_many([CLAIMS_FRAME, CLAIMS_DELTA], table="frames")
    if CLAIMS_FRAME not in payloads:
        return None
    try:
        base = FrameSnapshot.decode(payloads[CLAIMS_FRAME])
    except ValueError:
        return None  # made again by this check
    try:
        delta = FrameSnapshot.decode(payloads[CLAIMS_DELTA]) if CLAIMS_DELTA in payloads else None
    except ValueError:
        delta = None  # its documents' rows are made from their stored claims
    return dataclasses.replace(base, delta=delta)


def save_snapshot(store: Any, snapshot: FrameSnapshot | None, frame: pd.DataFrame, fresh: pd.DataFrame,
                  kept: tuple[tuple[str, str, str, int], ...]) -> None:
    """Keep what the next check needs to find this check's rows (``frame``, of the documents
    ``kept``): the rows of the documents the snapshot did not hold (``fresh``, in order)
    appended to its delta; or, when the delta and the rows of documents gone would be more
    than ``DELTA_SHARE`` of the frame, the whole frame anew and no delta.  Writing a frame of
    150,000 claims again for one new document was most of a re-check's extract stage."""
    if store is None:
        return
    if snapshot is not None:
        delta = snapshot.delta
        known = {d[:3] for d in snapshot.documents + (delta.documents if delta is not None else ())}
        added = tuple(d for d in kept if d[:3] not in known)
        gone = snapshot.rows() - (len(frame) - len(fresh))
        if (len(delta.frame) if delta is not None else 0) + len(fresh) + gone <= DELTA_SHARE * len(frame):
            if added:
                parts = [f for f in ([delta.frame] if delta is not None else []) + [fresh] if len(f)]
                joined = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else fresh)
                documents = (delta.documents if delta is not None else ()) + added
                store.put_many([(CLAIMS_DELTA, FrameSnapshot(joined, documents).encode())], table="frames")
            return
    store.put_many([(CLAIMS_FRAME, FrameSnapshot(frame, kept).encode()),
                    (CLAIMS_DELTA, FrameSnapshot(fresh.iloc[:0], ()).encode())], table="frames")


def combine(pieces: Sequence[tuple[int, int] | None], fresh: pd.DataFrame,
            fresh_counts: Sequence[int], bases: Sequence[pd.DataFrame] = ()) -> pd.DataFrame:
    """The claims frame in document order: document ``i``'s rows are ``base[span]`` (``base``:
    ``bases`` joined) when ``pieces[i]`` is a span, else its next ``fresh_counts`` rows of ``fresh``.

    Positions are gathered into one index array, so the frame is cut once (``iloc``), whatever
    the number of documents."""
    bases = [b for b in bases if len(b)]
    base = (bases[0] if len(bases) == 1 else pd.concat(bases, ignore_index=True)) if bases else None
    offset = 0 if base is None else len(base)
    parts, k, at = [], 0, 0
    for piece in pieces:
        if piece is None:
            n = fresh_counts[k]
            parts.append(np.arange(offset + at, offset + at + n, dtype=np.int64))
            at, k = at + n, k + 1
        else:
            parts.append(np.arange(piece[0], piece[1], dtype=np.int64))
    index = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    if base is None or not len(base):
        whole = fresh
    elif not len(fresh):
        whole = base
    else:
        whole = pd.concat([base, fresh], ignore_index=True)
    if len(index) == len(whole) and np.array_equal(index, np.arange(len(whole))):
        return whole
    return whole.iloc[index].reset_index(drop=True)
