"""NC301 part_whole: a figure for a part that is larger than the figure for the whole."""

from __future__ import annotations

from itertools import islice
from typing import Iterator

import pandas as pd

from ..records import Finding, Kind, Measure, Severity
from . import register
from .. import schema as S
from .base import (rows_of, NoOptions, Rule, Sweep, comparable_sets, describe, interval_of, is_time_kind,
                   SCAN_LIMIT, others_note, source_group, text_of)


@register
class PartWhole(Rule):
    """A source's figure for a part (a place, a pilot) is larger than another's for the whole.

    A claim with a ``place_scope`` (El Paso, the pilot programme) counts part of
    what the measure's unscoped claims count.  The part may be much smaller than
    the whole, but it cannot exceed it: the rule reports a part whose interval
    lies entirely above the interval of a claim about the whole.  Only amounts add up
    (counts, money, durations): a percentage is a ratio, and a part's ratio may exceed the
    whole's (one district's turnout above the national turnout, one school's pass rate above
    the county's), so percent measures are left alone.

    Consistent::

        "The policy separated more than 2,700 families at the border."  (source A)
        "A pilot program in El Paso separated about 280 families."  (source B)

    Inconsistent::

        "The policy separated about 280 families at the border."  (source A)
        "A pilot program in El Paso separated more than 2,700 families."  (source B)
    """

    code = "NC301"
    name = "part_whole"
    severity = Severity.WARNING
    Options = NoOptions

    def check(self, measure: Measure, claims: pd.DataFrame) -> Iterator[Finding]:
        if is_time_kind(measure) or str(measure.kind) == Kind.PERCENT:
            return  # a ratio is no amount: a part's ratio may exceed the whole's
        # each part once, against the smallest whole below it: a sweep over the wholes sorted
        # by their upper bound, O(n log n), never all (part, whole) pairs
        rows = rows_of(claims)
        intervals = [interval_of(r) for r in rows]
        groups = [source_group(r) for r in rows]
        for members in comparable_sets(rows, part_whole=True):
            wholes = [i for i in members if not text_of(rows[i], S.PLACE_SCOPE)]
            parts = [i for i in members if text_of(rows[i], S.PLACE_SCOPE)]
            if not wholes or not parts:
                continue
            sweep = Sweep(wholes, intervals, dict(enumerate(groups)))
            for p in parts:
                candidates = islice(sweep.iter_below(p), SCAN_LIMIT)
                whole_at = next((w for w in candidates if groups[w] != groups[p]), None)
                if whole_at is None:
                    continue
                part, whole = rows[p], rows[whole_at]
                yield self.finding(measure, part, whole, f"{describe(part)} counts part of the "
                                   f"whole, yet it is larger than {describe(whole)} for the whole"
                                   f"{others_note(sweep.n_below(p) - 1)}")
