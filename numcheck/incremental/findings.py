"""The rules' findings per measure, kept for the next check (see :mod:`numcheck.incremental`):
keyed by a digest of everything the rules read, so a re-check runs the rules only on measures
whose digest it has not seen."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from datetime import date
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import schema as S
from ..records import Finding, Measure, Severity
from .digests import RULES_VERSION, config_digest, run_sums

_UNREAD = frozenset({S.MEASURE_ID, S.STORY})  # claim columns no rule reads, left out of the digest


def measure_digests(live: pd.DataFrame, bounds: np.ndarray, measures: Sequence[Measure],
                    salt: str) -> list[str]:
    """One key per run of rows ``live[bounds[k]:bounds[k+1]]`` (the claims of ``measures[k]``):
    a hash of the rows in order, without their measure id and story number (numbers that
    move when a document comes or goes; the rules read neither) (pandas' row hashes, mixed
    with each row's place in the run and summed, wrapping), the measure record without its
    id, and ``salt`` (the rules' version and configuration)."""
    columns = [c for c in live.columns if c not in _UNREAD]
    rows = pd.util.hash_pandas_object(live[columns], index=False).to_numpy(dtype=np.uint64)
    sums, runs = run_sums(rows, bounds)
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
