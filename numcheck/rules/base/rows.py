"""Claim rows as the rules read them: a claim's interval, date, source and description, which
claims may be compared (:func:`claim_pairs`), and the rows of a slice as dicts (:func:`rows_of`)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Iterator, Mapping

import pandas as pd

from ... import schema as S
from ...records import Interval, Kind, Measure

Row = dict[str, Any]

TIME_KINDS = frozenset({Kind.DATE.value, Kind.YEAR.value})


def interval_of(row: Mapping[str, Any]) -> Interval:
    """The interval a claim row allows; a missing bound falls back to the value.

    >>> interval_of({"value": 3000.0, "low": 2700.0, "high": 3000.0, "high_open": True})
    Interval(low=2700.0, high=3000.0, low_open=False, high_open=True)
    >>> interval_of({"value": 280.0})
    Interval(low=280.0, high=280.0, low_open=False, high_open=False)
    """
    value = _number(row.get(S.VALUE))
    low, high = _number(row.get(S.LOW), value), _number(row.get(S.HIGH), value)
    if low is None or high is None:
        raise ValueError(f"claim {row.get(S.CLAIM_ID, '?')} has no value, low or high")
    return Interval(low, high, bool(row.get(S.LOW_OPEN) or False), bool(row.get(S.HIGH_OPEN) or False))


def _number(x: Any, default: float | None = None) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return default
    return float(x)


def published_of(row: Mapping[str, Any]) -> date | None:
    """The publication date of a claim row, None when unknown (None, NaT, empty)."""
    value = row.get(S.PUBLISHED)
    if value is None or (isinstance(value, str) and not value.strip()) or value is pd.NaT:
        return None
    if not isinstance(value, (str, date)) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return pd.Timestamp(value).date()


def source_of(row: Mapping[str, Any]) -> str:
    """The independent source of a claim (the original's source for a copied document)."""
    return str(row.get(S.INDEPENDENT_SOURCE) or row.get(S.SOURCE) or "")


def describe(row: Mapping[str, Any]) -> str:
    """``'nearly 3,000' (Baller Alert, 2020-06-01)``: a claim as a finding's explanation names it."""
    where = [source_of(row) or str(row.get(S.DOC_ID) or "unknown source")]
    published = published_of(row)
    if published is not None:
        where.append(published.isoformat())
    if row.get(S.PLACE_SCOPE):
        where.append(f"in {row[S.PLACE_SCOPE]}")
    return f"{row.get(S.SURFACE, '')!r} ({', '.join(where)})"


def is_time_kind(measure: Measure) -> bool:
    return str(measure.kind) in TIME_KINDS


def text_of(row: Mapping[str, Any], column: str) -> str:
    """A column of a claim row as text: "" when it is missing (None, NaN, NA)."""
    value = row.get(column)
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def independent(a: Row, b: Row) -> bool:
    """True when two claims come from different documents and different independent sources.

    A claim with no source at all (bare text) is independent of a claim from another document.
    """
    doc_a, doc_b = text_of(a, S.DOC_ID), text_of(b, S.DOC_ID)
    if doc_a == doc_b:
        return False
    src_a, src_b = source_of(a), source_of(b)
    return not (src_a and src_a == src_b)


def comparable(a: Row, b: Row) -> bool:
    """True when two claims state the same kind of figure: level vs change, year they are about."""
    if (text_of(a, S.CHANGE) or "none") != (text_of(b, S.CHANGE) or "none"):
        return False
    time_a, time_b = text_of(a, S.TIME_SCOPE), text_of(b, S.TIME_SCOPE)
    return not (time_a and time_b and time_a != time_b)


def claim_pairs(claims: pd.DataFrame, *, part_whole: bool = False) -> Iterator[tuple[Row, Row]]:
    """Pairs of claim rows (as dicts) that a rule may compare, in frame order.

    Both claims are from independent sources (:func:`independent`) and state the
    same kind of figure (:func:`comparable`).  By default both have the same
    ``place_scope`` (usually empty, the whole).  With ``part_whole=True`` each
    pair is ``(part, whole)``: a claim limited to a part (non-empty
    ``place_scope``) and a claim about the whole (empty ``place_scope``).
    """
    rows = claims.to_dict("records")
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if not (independent(a, b) and comparable(a, b)):
                continue
            scope_a, scope_b = text_of(a, S.PLACE_SCOPE), text_of(b, S.PLACE_SCOPE)
            if not part_whole:
                if scope_a == scope_b:
                    yield a, b
            elif scope_a and not scope_b:
                yield a, b
            elif scope_b and not scope_a:
                yield b, a


ROWS = "numcheck.rows"  # DataFrame.attrs key: the slice's rows as dicts, when the engine made them


class CachedRows(list):
    """A slice's rows as dicts, kept in ``DataFrame.attrs`` by the engine so the rules of one
    measure share one conversion (``to_dict`` per rule was most of the rules stage).  pandas
    copies ``attrs`` into frames derived from the slice: this list is shared, not copied."""

    def __deepcopy__(self, memo: dict) -> "CachedRows":
        return self


def rows_of(claims: pd.DataFrame) -> list[Row]:
    """The claims of a slice as dicts (frame order): the engine's cached rows, else ``to_dict``."""
    rows = claims.attrs.get(ROWS)
    if isinstance(rows, CachedRows) and len(rows) == len(claims):
        return rows
    return claims.to_dict("records")
