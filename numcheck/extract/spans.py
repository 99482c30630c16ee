"""Sorted, non-overlapping-agnostic span sets with logarithmic lookups.

The extractor asks "is this offset inside a date / a link / a fraction?" for
every figure; answering with ``any()`` over all spans made a document with
many figures quadratic (tests/test_hostile.py counts the work).  A
:class:`Spans` sorts once and answers with :mod:`bisect`.

>>> s = Spans([(10, 20), (30, 40), (12, 15)])
>>> s.covers(14), s.covers(25), s.overlaps(18, 32), s.overlaps(20, 30)
(True, False, True, False)
"""

from __future__ import annotations

import bisect
from typing import Iterable


class Spans:
    """A set of ``(start, end)`` half-open spans."""

    __slots__ = ("_starts", "_ends", "_max_end")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(spans)
        self._starts = [a for a, _ in pairs]
        self._ends = [b for _, b in pairs]
        # running maximum of the ends, so a long span that starts early is not missed
        self._max_end: list[int] = []
        top = -1
        for b in self._ends:
            top = max(top, b)
            self._max_end.append(top)

    def __len__(self) -> int:
        return len(self._starts)

    def covers(self, pos: int) -> bool:
        """True when some span has ``start <= pos < end``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._max_end[i] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span shares at least one offset with ``[start, end)``."""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._max_end[i] > start

    def contains(self, start: int, end: int) -> bool:
        """True when some single span holds all of ``[start, end)``."""
        i = bisect.bisect_right(self._starts, start) - 1
        while i >= 0 and self._max_end[i] >= end:
            if self._ends[i] >= end:
                return True
            i -= 1
        return False
