"""NC101 interval_conflict: two figures for one measure that cannot both be true."""

from __future__ import annotations

from typing import Iterator

import pandas as pd

from ..records import Finding, Measure, Severity
from . import register
from .base import (rows_of, NoOptions, Rule, comparable_sets, describe, interval_of, is_time_kind,
                   nearest_disjoint, others_note)


@register
class IntervalConflict(Rule):
    """Two sources give figures for one measure that cannot both be true.

    Each wording allows an interval of values ("nearly 3,000" is below 3,000,
    "more than 3,000" above it, a bare "3,000" the values that round to it); the
    rule reports two claims from independent sources whose intervals do not
    overlap.  Dates are left to NC201 ``date_conflict``.  When NC103
    ``cumulative_growth`` is selected too, a pair that rule explains (a count
    that only grows, reported at two dates) is left to it.

    Consistent::

        "Officials said more than 3,000 children were separated from their parents."  (source A)
        "About 3,200 children were separated from their parents, the report found."  (source B)

    Inconsistent::

        "The policy separated nearly 3,000 children from their parents."  (source A)
        "More than 3,000 children were separated from their parents."  (source B)
    """

    code = "NC101"
    name = "interval_conflict"
    severity = Severity.ERROR
    Options = NoOptions
    defers_to = ("cumulative_growth",)

    def check(self, measure: Measure, claims: pd.DataFrame) -> Iterator[Finding]:
        if is_time_kind(measure):
            return
        # sort and sweep (rules.base.nearest_disjoint): each claim that disagrees with at least
        # as many sources as agree with it is reported once, against its nearest conflicting
        # claim; O(n log n) in the claims of the measure, never all pairs
        rows = rows_of(claims)
        intervals = [interval_of(r) for r in rows]
        accept = lambda x, y: not self.deferred(measure, rows[x], rows[y])  # noqa: E731
        for members in comparable_sets(rows):
            for x, y, others in nearest_disjoint(rows, members, intervals, accept):
                a, b, ia, ib = rows[x], rows[y], intervals[x], intervals[y]
                yield self.finding(measure, a, b, f"{describe(a)} allows {ia} and {describe(b)} "
                                   f"allows {ib}: no value satisfies both{others_note(others)}")
