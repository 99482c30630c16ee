"""NC102 tolerance: two plain figures that could both be true but differ materially."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

import pandas as pd

from .. import schema as S
from ..records import Finding, Measure, Qualifier, Severity
from . import register
from .base import rows_of, SCAN_LIMIT, Rule, comparable_sets, describe, interval_of, is_time_kind, source_group


@dataclass(frozen=True)
class ToleranceOptions:
    relative: float = 0.05  # the largest difference, as a share of the larger figure, let pass
    min_significant: int = 2  # a bare round figure is read to at least this many significant digits
    qualifiers: tuple[str, ...] = (Qualifier.EXACT.value,)  # wordings the rule compares

    def __post_init__(self) -> None:
        if not 0 <= self.relative < 1:
            raise ValueError(f"relative must be in [0, 1), not {self.relative}")
        if self.min_significant < 1:
            raise ValueError(f"min_significant must be 1 or more, not {self.min_significant}")
        unknown = set(self.qualifiers) - {q.value for q in Qualifier}
        if unknown:
            raise ValueError(f"qualifiers: unknown {sorted(unknown)}; valid: "
                             f"{', '.join(q.value for q in Qualifier)}")


def written_step(value: float, min_significant: int = 2) -> float:
    """The step of the figure's last written digit, read to ``min_significant`` digits at least.

    A bare "3,000" is taken as accurate to the hundred (two significant digits):
    writers who round harder usually say so ("about", "some").

    >>> written_step(3000), written_step(2342), written_step(280), written_step(2.5)
    (100, 1, 10, 0.1)
    >>> written_step(3000, min_significant=1), written_step(3_200_000)
    (1000, 100000)
    """
    v = abs(float(f"{value:.9g}"))
    if v == 0:
        return 1
    if v != int(v):
        decimals = len(f"{v:.6f}".rstrip("0").split(".")[1])
        return 10.0 ** -decimals
    n, zeros = int(v), 0
    while n % 10 == 0:
        n, zeros = n // 10, zeros + 1
    coarsest = 10 ** max(int(math.floor(math.log10(v))) - (min_significant - 1), 0)
    return min(10 ** zeros, coarsest)


@register
class Tolerance(Rule):
    """Two plain figures for one measure could both be true but differ by more than the tolerance.

    NC101 reports figures whose intervals do not overlap.  This rule looks at
    the pairs it lets through: two figures stated without a qualifier whose
    values differ by more than ``relative`` (5%) of the larger figure and by
    more than half a step of the coarser figure's last written digit, so that
    rounding cannot explain the gap ("3,000" stands for 2,950 to 3,050 here,
    see ``written_step``).  Growth of a cumulative count is left to NC103 when
    that rule is selected.

    Consistent::

        "The agency said 3,000 children were separated from their parents."  (source A)
        "The agency said 3,100 children were separated from their parents."  (source B)

    Inconsistent::

        "The agency said 3,000 children were separated from their parents."  (source A)
        "The agency said 3,400 children were separated from their parents."  (source B)
    """

    code = "NC102"
    name = "tolerance"
    severity = Severity.WARNING
    Options = ToleranceOptions
    defers_to = ("cumulative_growth",)

    def check(self, measure: Measure, claims: pd.DataFrame) -> Iterator[Finding]:
        if is_time_kind(measure):
            return
        wanted = set(self.options.qualifiers)
        rows = rows_of(claims)
        # each claim against the consensus (the median figure of another source), not against
        # every other claim: O(n log n) per measure, and an outlier is reported once, not once
        # per source that agrees with the consensus
        seen: set[tuple[int, int]] = set()
        for members in comparable_sets(rows):
            plain = sorted((i for i in members if rows[i].get(S.QUALIFIER) in wanted),
                           key=lambda i: float(rows[i][S.VALUE]))
            for x in plain:
                m = _consensus(rows, plain, x)
                if m is None or (min(x, m), max(x, m)) in seen:
                    continue
                seen.add((min(x, m), max(x, m)))
                a, b = rows[min(x, m)], rows[max(x, m)]
                if self.deferred(measure, a, b) or interval_of(a).isdisjoint(interval_of(b)):
                    continue  # explained by growth, or NC101's to report
                explanation = self._excess(a, b)
                if explanation:
                    yield self.finding(measure, a, b, explanation)

    def _excess(self, a: dict, b: dict) -> str:
        """Why the pair differs too much, or "" when it does not."""
        va, vb = float(a[S.VALUE]), float(b[S.VALUE])
        gap, larger = abs(va - vb), max(abs(va), abs(vb))
        steps = [written_step(v, self.options.min_significant) for v in (va, vb)]
        rounding = max(steps) / 2
        if gap <= max(self.options.relative * larger, rounding):
            return ""
        share = gap / larger if larger else math.inf
        return (f"{describe(a)} and {describe(b)} differ by {gap:,.6g} ({share:.1%} of the larger), "
                f"more than the {self.options.relative:.0%} tolerance and more than rounding "
                f"(±{rounding:,.6g}) explains")


def _consensus(rows: list[dict], ordered: list[int], x: int) -> int | None:
    """The claim of ``ordered`` (sorted by value) nearest the median from another source than x."""
    group = source_group(rows[x])
    middle = len(ordered) // 2
    for step in range(min(len(ordered), 2 * SCAN_LIMIT)):
        k = middle + (step + 1) // 2 * (1 if step % 2 else -1)
        if 0 <= k < len(ordered) and ordered[k] != x and source_group(rows[ordered[k]]) != group:
            return ordered[k]
    return None
