"""NC103 cumulative_growth: a count that only grows, reported at different dates."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterator

import pandas as pd

from .. import schema as S
from ..records import Finding, Kind, Measure, Qualifier, Severity
from . import register
from .base import rows_of, SCAN_LIMIT, Row, Rule, comparable_sets, describe, interval_of, published_of, source_group

# Events whose running total only grows: people harmed, moved or held by an epidemic,
# a disaster, a war or a policy.  Lemmas, as the extractor writes them in `context`.
DEFAULT_EVENTS: tuple[str, ...] = (
    "separate", "separation", "die", "death", "kill", "fatality", "casualty", "injure", "injury",
    "wound", "infect", "infection", "case", "hospitalize", "hospitalization", "vaccinate",
    "vaccination", "arrest", "detain", "apprehend", "apprehension", "charge", "indict", "convict",
    "deport", "deportation", "expel", "evacuate", "evacuation", "displace", "flee", "rescue",
    "destroy", "damage", "burn",
)

# Wordings that bound the total from above: a later, larger total contradicts them.
UPPER_BOUNDS = frozenset({Qualifier.NEARLY.value, Qualifier.LESS_THAN.value, Qualifier.AT_MOST.value})


@dataclass(frozen=True)
class CumulativeOptions:
    events: tuple[str, ...] = DEFAULT_EVENTS  # lemmas that make a measure a running total
    min_days: int = 1  # publication dates this many days apart or more are ordered

    def __post_init__(self) -> None:
        if self.min_days < 1:
            raise ValueError(f"min_days must be 1 or more, not {self.min_days}")


class Trend(StrEnum):
    GROWTH = "growth"  # the later report is larger: the earlier figure is superseded
    DECLINE = "decline"  # the later report is smaller than the earlier one allows


def is_cumulative(measure: Measure, options: CumulativeOptions | None = None) -> bool:
    """True for a count whose event words (context or noun) name an event that only adds up.

    >>> is_cumulative(Measure("m001", "children separated", Kind.COUNT, noun="child", context=("separate",)))
    True
    >>> is_cumulative(Measure("m002", "children held", Kind.COUNT, noun="child", context=("hold",)))
    False
    >>> is_cumulative(Measure("m003", "families", Kind.COUNT, noun="family", context=("of:separation",)))
    True
    """
    events = set((options or CumulativeOptions()).events)
    words = {w.rsplit(":", 1)[-1] for w in (*measure.context, *measure.noun.split())}  # "of:separation"
    return str(measure.kind) == Kind.COUNT.value and bool(words & events)


def in_order(a: Row, b: Row, min_days: int = 1) -> tuple[Row, Row] | None:
    """``(earlier, later)`` by publication date, or None when a date is unknown or too close."""
    da, db = published_of(a), published_of(b)
    if da is None or db is None or abs((db - da).days) < min_days:
        return None
    return (a, b) if da < db else (b, a)


def trend_of(measure: Measure, a: Row, b: Row,
             options: CumulativeOptions | None = None) -> tuple[Trend, Row, Row] | None:
    """How a pair of a cumulative measure changed over time: ``(trend, earlier, later)`` or None.

    None when the measure is not cumulative, the order is unknown, or time does not
    explain the pair: an earlier upper bound ("nearly 3,000") that a later report
    exceeds is a plain conflict, left to NC101.
    """
    options = options or CumulativeOptions()
    ordered = in_order(a, b, options.min_days) if is_cumulative(measure, options) else None
    if ordered is None:
        return None
    earlier, later = ordered
    i_earlier, i_later = interval_of(earlier), interval_of(later)
    if i_later.isdisjoint(i_earlier) and i_later.high <= i_earlier.low:
        return Trend.DECLINE, earlier, later
    if earlier.get(S.QUALIFIER) not in UPPER_BOUNDS and float(earlier[S.VALUE]) < float(later[S.VALUE]):
        return Trend.GROWTH, earlier, later
    return None


@register
class CumulativeGrowth(Rule):
    """A count that only grows is reported smaller by a later source than by an earlier one.

    A measure is cumulative when it counts people or things an event adds up
    (its event words include one of ``events``: separated, died, infected,
    arrested, deported, evacuated...).  Claims from independent sources whose
    publication dates are ``min_days`` or more apart are compared in date order:

    * a later report below what an earlier one allows is an error: totals do not shrink;
    * an earlier plain or lower-bound figure ("2,300", "more than 2,300") below a
      later one is superseded, an info finding, not a conflict;
    * an earlier upper bound ("nearly 3,000", "fewer than 3,000") that a later
      report exceeds is *not* explained by growth: upper-bound wording is used
      for a total, not for a count still running, so NC101 reports the pair;
    * a claim with no publication date has no order, and NC101 judges its pairs.

    When this rule is selected, NC101 and NC102 leave the pairs it explains to it.

    Consistent::

        "More than 2,300 children have been separated from their parents."  (source A, 2018-06-25)
        "More than 3,000 children were separated from their parents."  (source B, 2021-01-14)

    Inconsistent::

        "More than 3,000 children were separated from their parents."  (source A, 2019-01-17)
        "About 2,000 children were separated from their parents."  (source B, 2021-01-14)
    """

    code = "NC103"
    name = "cumulative_growth"
    severity = Severity.ERROR
    Options = CumulativeOptions

    def explains(self, measure: Measure, a: Row, b: Row) -> bool:
        return trend_of(measure, a, b, self.options) is not None

    def check(self, measure: Measure, claims: pd.DataFrame) -> Iterator[Finding]:
        if not is_cumulative(measure, self.options):
            return
        rows = rows_of(claims)
        for members in comparable_sets(rows):
            dated = [i for i in members if published_of(rows[i]) is not None]
            yield from self._declines(measure, rows, dated)
            yield from self._superseded(measure, rows, dated)

    def _declines(self, measure: Measure, rows: list[Row], dated: list[int]) -> Iterator[Finding]:
        """Each later report once, against the earlier report (``min_days`` before it or more)
        with the highest lower bound: a sweep in date order, O(n log n)."""
        order = sorted(dated, key=lambda i: published_of(rows[i]))
        days = [published_of(rows[i]).toordinal() for i in order]
        best: list[tuple[tuple, int, tuple, int] | None] = []  # two best lows of distinct groups
        top = None
        for i in order:
            iv, group = interval_of(rows[i]), source_group(rows[i])
            key = (iv.low, 1 if iv.low_open else 0)
            top = _keep_two(top, key, i, group, rows)
            best.append(top)
        for k, later in enumerate(order):
            cut = bisect.bisect_right(days, days[k] - self.options.min_days)
            if cut == 0:
                continue
            first_key, first, second_key, second = best[cut - 1]
            earlier = first if source_group(rows[first]) != source_group(rows[later]) else second
            if earlier is None:
                continue
            found = trend_of(measure, rows[earlier], rows[later], self.options)
            if found is not None and found[0] is Trend.DECLINE:
                _, e, l_ = found
                yield self.finding(measure, e, l_, f"{describe(l_)} is below the earlier {describe(e)}, "
                                   f"but {measure.label or 'this count'} is a running total that only grows")

    def _superseded(self, measure: Measure, rows: list[Row], dated: list[int]) -> Iterator[Finding]:
        """Each earlier plain or lower-bound figure once, against the latest larger report at
        least ``min_days`` later: bisection on a running maximum, O(n log n)."""
        newest_first = sorted(dated, key=lambda i: (published_of(rows[i]), float(rows[i][S.VALUE])),
                              reverse=True)
        days = [-published_of(rows[i]).toordinal() for i in newest_first]  # ascending
        running, peak = [], -float("inf")
        for i in newest_first:
            peak = max(peak, float(rows[i][S.VALUE]))
            running.append(peak)
        for e in dated:
            earlier = rows[e]
            if earlier.get(S.QUALIFIER) in UPPER_BOUNDS:
                continue
            cut = bisect.bisect_right(days, -(published_of(earlier).toordinal() + self.options.min_days))
            start = bisect.bisect_right(running, float(earlier[S.VALUE]), hi=cut)
            for k in range(start, min(cut, start + SCAN_LIMIT)):
                later = rows[newest_first[k]]
                if float(later[S.VALUE]) <= float(earlier[S.VALUE]) or \
                        source_group(later) == source_group(earlier):
                    continue
                found = trend_of(measure, earlier, later, self.options)
                if found is not None and found[0] is Trend.GROWTH:
                    yield self.finding(measure, earlier, later, f"{describe(earlier)} is superseded by "
                                       f"the later, larger {describe(later)}", severity=Severity.INFO)
                break


def _keep_two(top, key, i, group, rows):
    """The two claims with the highest keys so far whose groups differ: (key1, i1, key2, i2)."""
    if top is None:
        return (key, i, None, None)
    k1, i1, k2, i2 = top
    if key > k1:
        if source_group(rows[i1]) != group:
            return (key, i, k1, i1)
        return (key, i, k2, i2)
    if source_group(rows[i1]) != group and (k2 is None or key > k2):
        return (k1, i1, key, i)
    return top


def _later_first(a: Row, b: Row) -> bool:
    """True when report ``a`` is more recent than ``b`` (larger first on the same day)."""
    da, db = published_of(a), published_of(b)
    return (da, float(a[S.VALUE])) > (db, float(b[S.VALUE]))
