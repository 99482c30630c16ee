"""NC103 cumulative_growth: a count that only grows, reported at different dates."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Iterator

import pandas as pd

from .. import schema as S
from ..records import Finding, Kind, Measure, Qualifier, Severity
from . import register
from .base import Row, Rule, claim_pairs, describe, interval_of, published_of

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
        newest: dict[int, tuple[Row, Row]] = {}  # earlier claim -> latest larger report
        for a, b in claim_pairs(claims):
            found = trend_of(measure, a, b, self.options)
            if found is None:
                continue
            trend, earlier, later = found
            if trend is Trend.DECLINE:
                yield self.finding(measure, earlier, later, f"{describe(later)} is below the "
                                   f"earlier {describe(earlier)}, but {measure.label or 'this count'} "
                                   "is a running total that only grows")
            elif id(earlier) not in newest or _later_first(later, newest[id(earlier)][1]):
                newest[id(earlier)] = (earlier, later)
        for earlier, later in newest.values():
            yield self.finding(measure, earlier, later, f"{describe(earlier)} is superseded by the "
                               f"later, larger {describe(later)}", severity=Severity.INFO)


def _later_first(a: Row, b: Row) -> bool:
    """True when report ``a`` is more recent than ``b`` (larger first on the same day)."""
    da, db = published_of(a), published_of(b)
    return (da, float(a[S.VALUE])) > (db, float(b[S.VALUE]))
