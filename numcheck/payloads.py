"""The stored form of one document's claims (the value of a :mod:`numcheck.store` entry).

The claims as zlib-compressed JSON: one array per claim, the :class:`~numcheck.records.Claim`
fields in :data:`FIELDS` order, without the document fields (doc id, source, date: the same
text may sit at two paths).  A surface or sentence that is the document's own text at its
offsets is stored as ``null`` or a length.  JSON, never pickle: reading a store runs no code,
whoever wrote the file.  :data:`FORMAT` is part of the store's version key: raise it when this
form changes (so does any change to this file, which the key hashes).

Split out of :mod:`numcheck.store` (the SQLite file) to keep each short.
"""

from __future__ import annotations

import json
import math
import typing
import zlib
from dataclasses import fields
from enum import Enum
from typing import Any, Sequence

from .records import Claim, Document, Interval

FORMAT = 1
_DOC_FIELDS = frozenset({"doc_id", "source", "published"})
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Claim) if f.name not in _DOC_FIELDS)


def encode_claims(claims: Sequence[Claim], text: str) -> bytes:
    """The stored form of one document's claims (``text`` is the text they were found in)."""
    rows = [[_encode(name, getattr(c, name), c, text) for name in FIELDS] for c in claims]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode_claims(payload: bytes, document: Document) -> list[Claim]:
    """The claims of ``payload``, located in ``document`` (doc id, source and date filled in).

    Raises ValueError when the payload does not fit the document or the Claim record.
    """
    try:
        rows = json.loads(zlib.decompress(payload))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable claims payload: {exc}") from exc
    text, where = document.text, (document.doc_id, document.source, document.published)
    out = []
    for row in rows:
        if len(row) != len(FIELDS):
            raise ValueError(f"a stored claim has {len(row)} fields, not {len(FIELDS)}")
        for i, convert in _DECODERS:
            row[i] = convert(row[i])
        if row[_SURFACE] is None:
            row[_SURFACE] = text[row[_START]:row[_END]]
        if isinstance(row[_SENTENCE], int):
            start = row[_SENTENCE_START]
            row[_SENTENCE] = text[start:start + row[_SENTENCE]]
        out.append(Claim(*row, *where))  # FIELDS are Claim's fields in order, then the document's
    return out


def _encode(name: str, value: Any, claim: Claim, text: str) -> Any:
    if name == "surface":
        return None if text[claim.start:claim.end] == value else value
    if name == "sentence":
        start = claim.sentence_start
        return len(value) if text[start:start + len(value)] == value else value
    if isinstance(value, Interval):
        return [_number(value.low), _number(value.high), value.low_open, value.high_open]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float):
        return _number(value)
    return value


def _number(x: float) -> float | str:
    # JSON has no inf or NaN; strings keep them exact and standard
    return x if math.isfinite(x) else repr(x)


def _float(x: Any) -> Any:
    """A stored number as it was: ints stay ints, "inf"/"-inf"/"nan" become floats."""
    return float(x) if isinstance(x, str) else x


def _interval(value: list) -> Interval:
    low, high, low_open, high_open = value
    return Interval(_float(low), _float(high), bool(low_open), bool(high_open))


def _decoder(hint: Any):
    """How a JSON value becomes the Claim field of type ``hint`` (None: as it is)."""
    if hint is Interval:
        return _interval
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {member.value: member for member in hint}.__getitem__
    if typing.get_origin(hint) is tuple:
        return tuple
    if hint is float:
        return _float
    return None


_HINTS = typing.get_type_hints(Claim)
_DECODERS = tuple((i, fn) for i, name in enumerate(FIELDS) if (fn := _decoder(_HINTS[name])) is not None)
_START, _END, _SURFACE, _SENTENCE, _SENTENCE_START = map(FIELDS.index, ("start", "end", "surface", "sentence",
                                                                        "sentence_start"))
assert tuple(f.name for f in fields(Claim)) == FIELDS + ("doc_id", "source", "published")
