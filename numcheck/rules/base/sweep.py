"""Bounded comparison: sort and sweep, never all pairs.

A measure may hold thousands of claims (a count every article of a long story gives).
The rules never walk all pairs of a measure: they sort the claims by a bound and
answer "which claims lie entirely below this one?" by bisection, so a measure of n claims
costs O(n log n), and each claim is reported at most once, against its nearest disagreeing
claim, with the number of others it disagrees with in the explanation.
"""

from __future__ import annotations

import math
from typing import Any, Iterator

from ... import schema as S
from ...records import Interval
from .rows import Row, source_of, text_of


def comparable_sets(rows: list[Row], *, part_whole: bool = False) -> Iterator[list[int]]:
    """Index lists of rows that :func:`claim_pairs` may pair: same change and place scope,
    one time scope (rows naming none join every scope).  With ``part_whole`` the place
    scope is not split (parts and wholes are told apart by the caller)."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        place = "" if part_whole else text_of(row, S.PLACE_SCOPE)
        blocks.setdefault((text_of(row, S.CHANGE) or "none", place), []).append(i)
    for members in blocks.values():
        scopes: dict[str, list[int]] = {}
        for i in members:
            scopes.setdefault(text_of(rows[i], S.TIME_SCOPE), []).append(i)
        unscoped = scopes.pop("", [])
        if not scopes:
            yield unscoped
        for scoped in scopes.values():
            yield sorted(scoped + unscoped)


def source_group(row: Row) -> str:
    """Claims of one group are never compared (:func:`independent`): the independent source,
    or for a claim without one, its document."""
    return "s:" + source_of(row) if source_of(row) else "d:" + text_of(row, S.DOC_ID)


class Sweep:
    """Intervals of some claims, sorted by their bounds, for "entirely below/above" queries.

    ``below(x)``: the members whose interval lies entirely below member x's (as
    :meth:`Interval.isdisjoint` decides, open ends respected), nearest first.
    """

    def __init__(self, members: list[int], intervals: list[Interval], groups: list[str]) -> None:
        import bisect

        self._bisect = bisect
        self.members, self.intervals, self.groups = members, intervals, groups
        # a high bound sorts before an equal low bound when either end is open
        self._by_high = sorted(members, key=lambda i: _high_key(intervals[i]))
        self._highs = [_high_key(intervals[i]) for i in self._by_high]
        self._by_low = sorted(members, key=lambda i: _low_key(intervals[i]))
        self._lows = [_low_key(intervals[i]) for i in self._by_low]

    def n_below(self, x: int) -> int:
        return self._bisect.bisect_left(self._highs, _low_key(self.intervals[x]))

    def n_above(self, x: int) -> int:
        return len(self._lows) - self._bisect.bisect_right(self._lows, _high_key(self.intervals[x]))

    def iter_below(self, x: int) -> Iterator[int]:
        """Members entirely below x, the highest first."""
        for k in range(self.n_below(x) - 1, -1, -1):
            yield self._by_high[k]

    def iter_above(self, x: int) -> Iterator[int]:
        """Members entirely above x, the lowest first."""
        for k in range(len(self._lows) - self.n_above(x), len(self._lows)):
            yield self._by_low[k]


def _high_key(iv: Interval) -> tuple[float, int]:
    return (iv.high, -1 if iv.high_open else 0)


def _low_key(iv: Interval) -> tuple[float, int]:
    return (iv.low, 1 if iv.low_open else 0)


SCAN_LIMIT = 64  # candidates looked at for a claim's nearest independent partner


def nearest_disjoint(rows: list[Row], members: list[int], intervals: list[Interval],
                     accept: Any = None) -> Iterator[tuple[int, int, int]]:
    """``(a, b, others)`` (a before b) for each claim x that disagrees with at least as many independent
    claims of ``members`` as it agrees with: y is the nearest claim whose interval is disjoint
    from x's (and that ``accept(x, y)`` takes), ``others`` how many more claims x is disjoint
    from that no finding shows.
    Each unordered pair comes once; O(n log n) for n members.

    A claim that agrees with most of the measure is not reported against every outlier:
    the outlier is reported, once.
    """
    groups = {i: source_group(rows[i]) for i in members}
    sweep = Sweep(members, intervals, groups)
    per_group: dict[str, list[int]] = {}
    for i in members:
        per_group.setdefault(groups[i], []).append(i)
    group_sweeps = {g: Sweep(m, intervals, groups) for g, m in per_group.items() if len(m) > 1}
    found: dict[tuple[int, int], tuple[int, int]] = {}  # pair -> (the claim that asked, its disjoint count)
    for x in members:
        own = group_sweeps.get(groups[x])
        disjoint = sweep.n_below(x) + sweep.n_above(x)
        if own is not None:
            disjoint -= own.n_below(x) + own.n_above(x)
        independent_total = len(members) - len(per_group[groups[x]])
        if disjoint == 0 or disjoint < independent_total - disjoint:
            continue
        y = _nearest(sweep, x, groups, accept)
        if y is None:
            continue
        found.setdefault((min(x, y), max(x, y)), (x, disjoint))
    involved: dict[int, int] = {}
    for a, b in found:
        involved[a] = involved.get(a, 0) + 1
        involved[b] = involved.get(b, 0) + 1
    for (a, b), (x, disjoint) in found.items():
        yield a, b, max(0, disjoint - involved[x])  # disagreements no finding of their own shows


def _nearest(sweep: Sweep, x: int, groups: dict[int, str], accept: Any) -> int | None:
    """The disjoint, independent claim closest to x (by the gap between the intervals)."""
    best, best_gap = None, math.inf
    iv = sweep.intervals[x]
    for side, gap_of in ((sweep.iter_below(x), lambda o: iv.low - o.high),
                         (sweep.iter_above(x), lambda o: o.low - iv.high)):
        for n, y in enumerate(side):
            if n >= SCAN_LIMIT:
                break
            if groups[y] == groups[x] or (accept is not None and not accept(x, y)):
                continue
            gap = gap_of(sweep.intervals[y])
            if gap < best_gap:
                best, best_gap = y, gap
            break  # sorted nearest first: the first taken one is this side's nearest
    return best


def others_note(others: int) -> str:
    """" (and 3 other claims)": what an explanation adds when one finding stands for more."""
    return f" (it also disagrees with {others:,} other claim{'s' if others != 1 else ''})" if others else ""
