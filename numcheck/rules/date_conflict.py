"""NC201 date_conflict: two dates given for one event that do not overlap."""

from __future__ import annotations

import math
from datetime import date
from typing import Iterator

import pandas as pd

from .. import schema as S
from ..records import Finding, Interval, Measure, Qualifier, Severity
from . import register
from .base import (rows_of, NoOptions, Row, Rule, comparable_sets, describe, interval_of, is_time_kind,
                   nearest_disjoint, others_note)


def _span(row: Row, interval: Interval) -> str:
    """The days a date claim allows: its ``iso`` for a plain date, else the interval's ends."""
    iso = row.get(S.ISO)
    if isinstance(iso, str) and iso and row.get(S.QUALIFIER) in (None, "", Qualifier.EXACT.value):
        return iso
    low, high = interval.low, interval.high
    if math.isfinite(low) and math.isfinite(high):
        first, last = date.fromordinal(int(low)), date.fromordinal(int(high))
        return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
    if math.isfinite(high):
        return f"before {date.fromordinal(int(high)).isoformat()}"
    if math.isfinite(low):
        return f"after {date.fromordinal(int(low)).isoformat()}"
    return "any date"


@register
class DateConflict(Rule):
    """Two sources date one event differently, at the precision both give.

    A date stands for every day it names: "May 2018" for May 1 to 31, "2018"
    for the whole year.  Dates at different precisions agree when one lies
    within the other ("May 2018" and "May 7, 2018"); the rule reports two dates
    whose spans do not overlap.  It is a warning, not an error: sources often
    date different steps of one event (announced, signed, in force).

    Consistent::

        "Sessions announced the zero-tolerance policy in May 2018."  (source A)
        "Sessions announced the zero-tolerance policy on May 7, 2018."  (source B)

    Inconsistent::

        "Sessions announced the zero-tolerance policy in April 2018."  (source A)
        "Sessions announced the zero-tolerance policy in May 2018."  (source B)
    """

    code = "NC201"
    name = "date_conflict"
    severity = Severity.WARNING
    Options = NoOptions

    def check(self, measure: Measure, claims: pd.DataFrame) -> Iterator[Finding]:
        if not is_time_kind(measure):
            return
        rows = rows_of(claims)  # sort and sweep, as NC101: O(n log n), never all pairs
        intervals = [interval_of(r) for r in rows]
        for members in comparable_sets(rows):
            for x, y, others in nearest_disjoint(rows, members, intervals):
                a, b, ia, ib = rows[x], rows[y], intervals[x], intervals[y]
                yield self.finding(measure, a, b, f"{describe(a)} means {_span(a, ia)} and "
                                   f"{describe(b)} means {_span(b, ib)}: the dates do not overlap"
                                   f"{others_note(others)}")
