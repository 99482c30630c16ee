"""What a check with a claims store reuses from the last one, so that a re-check after a few
documents changed costs about what those documents cost, not what the corpus costs.

These are kept in the store (:mod:`numcheck.store`), beside each document's claims and sketches:

``claims frame``  the whole corpus's claims frame of a check, as one Arrow IPC stream,
                  with the documents it was made of (store key, doc id, source, number of
                  rows) in its schema metadata, and the rows of documents added since in a
                  second one (the delta, :func:`save_snapshot`).  A re-check takes the rows of every document
                  it finds there with the same key, id and source, makes rows only for the
                  others (from their stored claims, or by extracting them), and puts them in
                  document order: the frame ``schema.claims_frame`` would have built, without
                  turning 150,000 stored claims back into :class:`~numcheck.records.Claim`
                  records first.  Arrow, never pickle: reading a store runs no code.
``findings``      the findings of the rules on one measure, keyed by a digest of everything
                  the rules read: the measure record (its id left out), the measure's claim
                  rows in order (their ``measure_id`` and ``story`` left out), the rules'
                  source and the configuration of the rules.  A re-check runs the rules only
                  on measures whose digest it has not seen.  Stored as JSON (see
                  :func:`encode_findings`).
``copies``        each document's copy-of result (:func:`known_copies`).
``stories``       the online story pass (:class:`numcheck.stories.StoryPass`): word counts,
                  and each document's key words and story, so a re-check places again only
                  the documents a change can reach.
``measures``      each story's measures, by a digest of the story's claim rows
                  (:class:`MeasureBlocks`), so only stories whose claims changed are grouped
                  again.

Where a re-check of 10,000 synthetic articles after adding one goes (``numcheck bench
--docs 10000``, 2026-11-23, a nearly idle 2-core machine; 12.7 s before the story pass was
resumable): load 0.63 s, extract 0.53 (the new document about 0.4, most of it dateparser's
and pint's first use), measures 1.68 (by a profile, each 0.2-0.4 s: the measures of 443
stories read back and numbered; reading 10,000 sketches; copies, 950 documents checked
against the new one; the story pass, 608 documents checked again and 16 placed in full),
rules 0.69 (choosing and digesting the measures to check about half, the stored findings
read back most of the rest), report 0.59.

All are caches in the same sense as the claims store: a missing, stale or unreadable entry
is made again, and results never depend on them (``tests/test_store.py`` compares a warm
check after adding, changing and removing documents with a check without a store).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import schema as S
from .records import Finding, Measure, Severity

CLAIMS_FRAME = "claims"  # the name of the claims-frame snapshot in the store's frames table
CLAIMS_DELTA = "claims+"  # ... and of the rows of documents added since it was written
DELTA_SHARE = 0.2  # rows added and gone since the frame was written, above which it is written anew
COPIES = "copies"  # ... and of what find_duplicates found for each document
STORIES = "stories"  # ... and of the online story pass (numcheck.stories.StoryPass)
MEASURES = "measures"  # ... and of each story's measures (MeasureBlocks)
_DOCS_META = b"numcheck.documents"
# what the rules' findings are made by: the rules, the records and columns they read, the unit
# conversion before them (engine.findings.to_measure_unit, units.py, pint) and this module's format
_RULES_SOURCES = ("rules/*.py", "records.py", "units.py", "schema.py", "data/units.txt", "incremental.py",
                  "engine/*.py")
_FRAME_SOURCES = ("schema.py", "incremental.py", "measures/*.py")


# -- the claims frame -----------------------------------------------------------------------------

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


# -- copies ----------------------------------------------------------------------------------------

def known_copies(store: Any, documents: Sequence[Any], keys: dict[str, str]) -> tuple[Any, bytes | None]:
    """The :class:`numcheck.measures.KnownCopies` of the last check in ``store`` (None when
    there is none, or an old text's sketch is no longer kept), and its stored form."""
    from .measures import KnownCopies, Sketch

    payload = store.get_many([COPIES], table="frames").get(COPIES) if store is not None else None
    if payload is None:
        return None, None
    try:
        entries = json.loads(zlib.decompress(payload))
        now = {d.doc_id: [keys[d.doc_id], _iso(d.published)] for d in documents}
        results, gone_docs = {}, []
        for doc_id, key, published, original in entries:
            if now.get(doc_id) == [key, published]:
                results[doc_id] = original
            else:
                gone_docs.append(key)
        old = store.get_many(gone_docs, table="sketches")
        if len(old) < len(set(gone_docs)):
            return None, payload
        changed = tuple(h for key in gone_docs for h in Sketch.decode(old[key]).shingles.tolist())
    except (zlib.error, UnicodeDecodeError, TypeError, ValueError):
        return None, payload  # made again by this check
    return KnownCopies(results, changed), payload


def save_copies(store: Any, documents: Sequence[Any], keys: dict[str, str], copies: dict[str, str],
                before: bytes | None) -> None:
    """Keep what find_duplicates found for each document (with its text's sketch key and
    date), unless it is what the store holds already."""
    if store is None:
        return
    entries = [[d.doc_id, keys[d.doc_id], _iso(d.published), copies.get(d.doc_id, "")] for d in documents]
    payload = zlib.compress(json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode(), 1)
    try:
        same = before is not None and zlib.decompress(before) == zlib.decompress(payload)
    except zlib.error:
        same = False
    if not same:
        store.put_many([(COPIES, payload)], table="frames")


# -- stories -----------------------------------------------------------------------------------------

def known_stories(store: Any) -> tuple[Any, bytes | None]:
    """The :class:`numcheck.stories.StoryPass` of the last check in ``store`` (None when there
    is none, it was made by other code, or it cannot be read), and its stored form."""
    from .stories import STORIES_VERSION, Placed, StoryPass

    payload = store.get_many([STORIES], table="frames").get(STORIES) if store is not None else None
    if payload is None:
        return None, None
    try:
        made_by, similarity, n, df, placed = json.loads(zlib.decompress(payload))
        if made_by != STORIES_VERSION or not all(type(k) is int for k in df.values()):
            return None, payload
        return StoryPass(float(similarity), int(n), df,
                         tuple(Placed(d, k, f, tuple(keys), s, None if m is None else float(m))
                               for d, k, f, keys, s, m in placed)), payload
    except (zlib.error, UnicodeDecodeError, TypeError, ValueError, AttributeError):
        return None, payload  # made again by this check


def save_stories(store: Any, story_pass: Any, before: bytes | None) -> None:
    """Keep the story pass for the next check, unless it is what the store holds already."""
    from .stories import STORIES_VERSION

    if store is None:
        return
    placed = [[p.doc_id, p.key, p.family, list(p.keys), p.story, p.mean] for p in story_pass.placed]
    text = json.dumps([STORIES_VERSION, story_pass.similarity, story_pass.n, story_pass.df, placed],
                      ensure_ascii=False, separators=(",", ":"))
    payload = zlib.compress(text.encode(), 1)
    try:
        same = before is not None and zlib.decompress(before) == text.encode()
    except zlib.error:
        same = False
    if not same:
        store.put_many([(STORIES, payload)], table="frames")


def _iso(published: Any) -> str:
    return published.isoformat() if published is not None else ""


# -- measures per story -----------------------------------------------------------------------------

class MeasureBlocks:
    """Each story's measures (a *block*, :func:`numcheck.measures._measures`) kept in the
    store's frames table, keyed by a digest of the story's claim rows in order (the columns
    of ``measures.BLOCK_COLUMNS``, all that a block is made from): a re-check groups again
    only the stories whose claims changed.  All blocks of a check are kept as one entry,
    column by column (reading 800 small entries, a list per measure, was slower than
    grouping again)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.digests: list[str] = []
        self.stored: list[str] = []

    def known(self, frame: pd.DataFrame, order: np.ndarray, bounds: np.ndarray) -> dict[int, Any]:
        """Block number -> the stored block, for the blocks ``frame.iloc[order[bounds[k]:bounds[k+1]]]``."""
        from .measures import BLOCK_COLUMNS

        rows = pd.util.hash_pandas_object(frame[list(BLOCK_COLUMNS)], index=False).to_numpy(dtype=np.uint64)
        sums, runs = _run_sums(rows[order], bounds)
        self.digests = [f"{total:016x}{n:x}" for total, n in zip(sums, runs)]
        payload = self.store.get_many([MEASURES], table="frames").get(MEASURES)
        try:
            blocks = decode_blocks(payload) if payload is not None else {}
        except ValueError:
            blocks = {}  # made again, and stored anew
        self.stored = list(blocks)
        return {k: blocks[d] for k, d in enumerate(self.digests) if d in blocks}

    def save(self, made: Sequence[Any]) -> None:
        """Keep ``made``, every block of this check in order, unless the store holds just these."""
        if self.digests != self.stored:
            self.store.put_many([(MEASURES, encode_blocks(self.digests, made))], table="frames")


def encode_blocks(digests: Sequence[str], blocks: Sequence[tuple[list[int], list[tuple]]]) -> bytes:
    """Blocks by digest as one zlib-compressed JSON array of columns (a context as its words
    joined by spaces: context words are made by splitting, so they hold none)."""
    kept = dict(zip(digests, blocks))
    columns: list[list] = [list(kept), [len(local) for local, _ in kept.values()],
                           [len(ms) for _, ms in kept.values()], [m for local, _ in kept.values() for m in local]]
    measures = [m for _, ms in kept.values() for m in ms]
    for field in range(9):
        columns.append([" ".join(m[field]) if field == 5 else m[field] for m in measures])
    return zlib.compress(json.dumps(columns, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode_blocks(payload: bytes) -> dict[str, tuple[list[int], list[tuple]]]:
    """Raises ValueError when the payload is not what :func:`encode_blocks` writes."""
    try:
        digests, n_claims, n_measures, local, *fields = json.loads(zlib.decompress(payload))
        if len(fields) != 9:
            raise ValueError("not the measures of stories")
        fields[5] = [tuple(c.split()) for c in fields[5]]
        if len({len(f) for f in fields}) != 1 or len(fields[0]) != sum(n_measures) \
                or len(local) != sum(n_claims) or not len(digests) == len(n_claims) == len(n_measures):
            raise ValueError("not the measures of stories")
        measures = list(zip(*fields))
        out, at, mt = {}, 0, 0
        for digest, n, m in zip(digests, n_claims, n_measures):
            block = (local[at:at + n], measures[mt:mt + m])
            if any(not 0 <= j < m for j in block[0]) or any(not 0 <= x[0] < n for x in block[1]):
                raise ValueError("not the measures of stories")
            out[digest] = block
            at, mt = at + n, mt + m
        return out
    except (zlib.error, UnicodeDecodeError, TypeError, AttributeError) as exc:
        raise ValueError(f"unreadable measures: {exc}") from exc


# -- findings per measure ---------------------------------------------------------------------------

def _sources_digest(patterns: Sequence[str]) -> str:
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


RULES_VERSION = f"rules+{_sources_digest(_RULES_SOURCES)}+pint{version('pint')}"
FRAME_VERSION = "frame+" + _sources_digest(_FRAME_SOURCES)  # joined to the extractor's version


def config_digest(config: Any) -> str:
    """What of a Config the rules read (acceptances are applied after them, so left out)."""
    kept = dataclasses.replace(config, accepted=(), paths=(), example=None)
    return hashlib.sha256(repr(kept).encode()).hexdigest()


_UNREAD = frozenset({S.MEASURE_ID, S.STORY})  # claim columns no rule reads, left out of the digest
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)


def _run_sums(rows: np.ndarray, bounds: np.ndarray) -> tuple[list[int], list[int]]:
    """For each run ``rows[bounds[k]:bounds[k+1]]`` of row hashes: the hashes mixed with each
    row's place in the run and summed (wrapping), and the run's length."""
    starts = bounds[:-1]
    runs = np.diff(bounds)
    place = np.arange(len(rows), dtype=np.uint64) - np.repeat(starts, runs).astype(np.uint64)
    with np.errstate(over="ignore"):
        mixed = (rows ^ ((place + np.uint64(1)) * _MIX2)) * _MIX
        mixed ^= mixed >> np.uint64(29)
    sums = np.add.reduceat(mixed, starts) if len(rows) else np.zeros(len(starts), dtype=np.uint64)
    return sums.tolist(), runs.tolist()


def measure_digests(live: pd.DataFrame, bounds: np.ndarray, measures: Sequence[Measure],
                    salt: str) -> list[str]:
    """One key per run of rows ``live[bounds[k]:bounds[k+1]]`` (the claims of ``measures[k]``):
    a hash of the rows in order, without their measure id and story number (numbers that
    move when a document comes or goes; the rules read neither) (pandas' row hashes, mixed
    with each row's place in the run and summed, wrapping), the measure record without its
    id, and ``salt`` (the rules' version and configuration)."""
    columns = [c for c in live.columns if c not in _UNREAD]
    rows = pd.util.hash_pandas_object(live[columns], index=False).to_numpy(dtype=np.uint64)
    sums, runs = _run_sums(rows, bounds)
    keys = []
    for m, total, n in zip(measures, sums, runs):
        record = tuple(getattr(m, f) for f in _RECORD_FIELDS)  # dataclasses.replace was most of this
        keys.append(hashlib.sha256(f"{salt}\0{record!r}\0{n}\0{total}".encode()).hexdigest())
    return keys


_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Measure) if f.name != "measure_id")


def encode_findings(findings: Sequence[Finding]) -> bytes | None:
    """The stored form of one measure's findings (zlib-compressed JSON), without the measure id.

    Of each claim row only :data:`numcheck.schema.FINDING_CLAIM_FIELDS` are kept, as the
    discrepancies table reads them (a date as ISO text, a missing one as null; ``Infinity``
    and ``NaN`` as Python's json writes them): whole rows, typed, made this entry ten times
    larger, and reading it back the slowest part of a re-check.  None when a value is of
    another type (the findings are then not kept)."""
    try:
        rows = [[f.rule_code, f.rule_name, f.severity.value, _row(f.claim_a), f.explanation,
                 _row(f.claim_b) if f.claim_b is not None else None, f.accepted, f.accepted_reason]
                for f in findings]
    except TypeError:
        return None
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 1)


_SEVERITIES = {s.value: s for s in Severity}


def decode_findings(payload: bytes, measure_id: str) -> list[Finding]:
    """The findings of :func:`encode_findings`, for the measure now called ``measure_id``.
    Raises ValueError when the payload cannot be read."""
    try:
        rows = json.loads(zlib.decompress(payload))
        return [Finding(code, name, _SEVERITIES[severity], measure_id, a, explanation, b, accepted, reason)
                for code, name, severity, a, explanation, b, accepted, reason in rows]
    except (zlib.error, UnicodeDecodeError, TypeError, ValueError, KeyError) as exc:
        raise ValueError(f"unreadable findings payload: {exc}") from exc


_KEPT = S.FINDING_CLAIM_FIELDS


_PLAIN = frozenset({str, bool, int, float, type(None)})


def _row(row: dict[str, Any]) -> dict[str, Any]:
    """The kept fields of a claim row, as the discrepancies table reads them."""
    out = {k: row[k] for k in _KEPT if k in row}
    for k, v in out.items():
        if type(v) not in _PLAIN:
            out[k] = _value(v)
    return out


def _value(v: Any) -> Any:
    if v is pd.NaT:
        return None
    if isinstance(v, (pd.Timestamp, date)):
        return v.isoformat()
    raise TypeError(f"cannot keep a {type(v).__name__}")


def finding_keys(live: pd.DataFrame, runs: list[tuple[Measure, int, int]], bounds: np.ndarray,
                 config: Any, store: Any) -> tuple[dict[str, str], dict[str, bytes]]:
    """measure id -> its findings key, and the stored findings of those keys (none without a store)."""
    if store is None or not runs:
        return {}, {}
    by_start = {start: m for m, start, _ in runs}
    in_order = [by_start[int(b)] for b in bounds[:-1]]
    salt = f"{RULES_VERSION}\0{config_digest(config)}"
    keys = dict(zip((m.measure_id for m in in_order), measure_digests(live, bounds, in_order, salt)))
    return keys, store.get_many(keys.values(), table="findings")


def known_findings(payload: bytes | None, measure_id: str) -> list[Finding] | None:
    """The findings of a stored payload, or None (none stored, or unreadable)."""
    if payload is None:
        return None
    try:
        return decode_findings(payload, measure_id)
    except ValueError:
        return None  # checked again, and stored anew
