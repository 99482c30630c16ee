"""NC301 part_whole: a figure for a part that is larger than the figure for the whole."""

from __future__ import annotations

from typing import Iterator

import pandas as pd

from ..records import Finding, Measure, Severity
from . import register
from .base import NoOptions, Rule, claim_pairs, describe, interval_of, is_time_kind


@register
class PartWhole(Rule):
    """A source's figure for a part (a place, a pilot) is larger than another's for the whole.

    A claim with a ``place_scope`` (El Paso, the pilot programme) counts part of
    what the measure's unscoped claims count.  The part may be much smaller than
    the whole, but it cannot exceed it: the rule reports a part whose interval
    lies entirely above the interval of a claim about the whole.

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
        if is_time_kind(measure):
            return
        for part, whole in claim_pairs(claims, part_whole=True):
            i_part, i_whole = interval_of(part), interval_of(whole)
            if i_part.isdisjoint(i_whole) and i_part.low >= i_whole.high:
                yield self.finding(measure, part, whole, f"{describe(part)} counts part of the "
                                   f"whole, yet it is larger than {describe(whole)} for the whole")
