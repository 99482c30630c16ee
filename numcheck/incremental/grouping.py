"""What the measures stage keeps for the next check (see :mod:`numcheck.incremental`): each
document's copy-of result, the story pass, and each story's measures."""

from __future__ import annotations

import json
import zlib
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .digests import run_sums

COPIES = "copies"  # the name of what find_duplicates found for each document in the store's frames table
STORIES = "stories"  # ... and of the online story pass (numcheck.stories.StoryPass)
MEASURES = "measures"  # ... and of each story's measures (MeasureBlocks)


# -- copies ----------------------------------------------------------------------------------------

def known_copies(store: Any, documents: Sequence[Any], keys: dict[str, str]) -> tuple[Any, bytes | None]:
    """The :class:`numcheck.measures.KnownCopies` of the last check in ``store`` (None when
    there is none, or an old text's sketch is no longer kept), and its stored form."""
    from ..measures import KnownCopies, Sketch

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
    from ..stories import STORIES_VERSION, Placed, StoryPass

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
    from ..stories import STORIES_VERSION

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
        from ..measures import BLOCK_COLUMNS

        rows = pd.util.hash_pandas_object(frame[list(BLOCK_COLUMNS)], index=False).to_numpy(dtype=np.uint64)
        sums, runs = run_sums(rows[order], bounds)
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
