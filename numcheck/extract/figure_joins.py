"""Figures of one sentence joined after they are read: "from $62 a tonne to $58" and "between
12 g and 15 g" (a range whose first figure has its own unit), "3 dollars 50 cents" (one sum),
"a year and a half" (one amount), and a conversion in brackets that keeps the bound of the
figure it converts ("just over 150 hp (112 kW)").

Split out of :mod:`.figures`, which reads each number (or two adjacent ones, as a range) into a
:class:`.figures._Figure`; :func:`numcheck.extract.text.extract_text` runs these joins on a
sentence's figures in text order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Interval
# the enum members figures.py binds once for every figure (records.py says why), shared here
from .figures import (_CHANGE_DOWN, _CHANGE_NONE, _CHANGE_UP, _KIND_COUNT, _KIND_MONEY, _NEXT_WORD_RE,
                      _QUALIFIER_EXACT, _QUALIFIER_RANGE, _QUALIFIER_VAGUE, _Figure, _figure, _opener_before)
from .nouns import STOP
from .numbers import NumberMatch
from .qualifiers import Semantics, interval_for
from .units_after import _dimension


_CONVERSION_GAP_RE = re.compile(r"^\s*(?:\(|\[|/|\(\s*[^()]*?/)\s*(?:US|HK|C|A)?\s?$")


def inherit_bounds(text: str, figures: list[_Figure], semantics: Semantics) -> list[_Figure]:
    """ "just over 150 hp (112 kW / 152 PS)": a conversion in brackets keeps the bound of
    the figure it converts."""
    out: list[_Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        if prev is not None and fig.qualifier is _QUALIFIER_EXACT and prev.qualifier not in (
                _QUALIFIER_EXACT, _QUALIFIER_RANGE, _QUALIFIER_VAGUE) and _CONVERSION_GAP_RE.match(
                text[prev.end:fig.start]):
            fig = replace(fig, qualifier=prev.qualifier,
                          interval=interval_for(prev.qualifier, fig.value, fig.step, semantics))
        out.append(fig)
    return out


_FROM_TO_GAP_RE = re.compile(r"^(?:\s*[^\s,;:()\[\]]+){0,5}?\s+to\s*$", re.IGNORECASE)
_BETWEEN_GAP_RE = re.compile(r"^\s+(?:and|to)\s+$", re.IGNORECASE)
_JOINED_RE = re.compile(r"\d\s*(?:-|–|—|to|and|or)\s*\D{0,3}\d")


def join_from_to(text: str, figures: list[_Figure]) -> list[_Figure]:
    """ "from $62 a tonne to $58", "from 3.1% in March to 2.8%", "between 12 g and 15 g": a
    range whose first figure carries its own unit (and, after "from", a few words) before the
    "to" (adjacent numbers are joined in :func:`_range_join`).  Both figures must be of one
    kind and one unit dimension; only "from" makes a change."""
    out: list[_Figure] = []
    k = 0
    while k < len(figures):
        a = figures[k]
        b = figures[k + 1] if k + 1 < len(figures) else None
        if b is None or not _from_to_pair(text, a, b):
            out.append(a)
            k += 1
            continue
        unit = a.unit if b.unit == "count" or "/" in a.unit else b.unit
        low, high = sorted((a.value, b.value))
        start = _opener_before(text, a.start)
        change = _CHANGE_NONE if text[start:start + 7].lower() == "between" else \
            _CHANGE_UP if b.value > a.value else _CHANGE_DOWN
        out.append(_Figure(start, b.end, low, Interval(low, high), _QUALIFIER_RANGE, a.kind, unit, False, change))
        k += 2
    return out


def _from_to_pair(text: str, a: _Figure, b: _Figure) -> bool:
    opener = text[max(0, a.start - 9):a.start].lower().rstrip()
    if opener.endswith("from"):
        gap = _FROM_TO_GAP_RE
    elif opener.endswith("between"):
        gap = _BETWEEN_GAP_RE  # "between 12 g and 15 g"
    else:
        return False
    if _QUALIFIER_RANGE in (a.qualifier, b.qualifier) or _QUALIFIER_VAGUE in (a.qualifier, b.qualifier):
        return False
    if _JOINED_RE.search(text, a.start, a.end) or not gap.match(text[a.end:b.start]):
        return False
    if b.kind is _KIND_COUNT and b.unit == "count":  # "to 4,500 this year", not "to 30 staff"
        word = _NEXT_WORD_RE.match(text[b.end:b.end + 20])
        return word is None or word.group(1).lower() in STOP
    if a.kind is not b.kind:
        return False
    if a.kind is _KIND_MONEY:
        return a.unit.split(" / ")[0] == b.unit.split(" / ")[0]
    return _dimension(a.unit) == _dimension(b.unit)


def join_slash_pairs(text: str, figures: list[_Figure]) -> list[_Figure]:
    """ "19/29 mpg city/highway": the first figure of a pair written with a slash (which
    :func:`.fractions.slash_pair` reads as two numbers) takes the unit written after the
    second, as the first end of "19-29 mpg" does; a pair of bare counts stays as it is."""
    out = figures
    for k in range(len(figures) - 1):
        a = figures[k]
        if text[a.end:a.end + 1] != "/":
            continue  # most figures: one slice and a compare
        b = figures[k + 1]
        if b.start == a.end + 1 and a.kind is _KIND_COUNT and a.unit == "count" and b.kind is not _KIND_COUNT \
                and a.qualifier is _QUALIFIER_EXACT:
            out = list(out) if out is figures else out
            out[k] = replace(a, kind=b.kind, unit=b.unit)
    return out


_CENTS_GAP_RE = re.compile(r"\s*(?:and\s+)?$")
_CENTS_END_RE = re.compile(r"\s*(?:[.,;!?)]|$)")


def join_cents(text: str, figures: list[_Figure]) -> list[_Figure]:
    """ "3 dollars 50 cents", "eleven dollars and twenty cents", "8 dollars 75.": a
    sum in dollars and the cents after it are one amount."""
    out: list[_Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        if prev is not None and prev.kind is _KIND_MONEY and prev.qualifier is _QUALIFIER_EXACT \
                and "/" not in prev.unit and prev.unit != "USD_cent" and prev.value == int(prev.value) \
                and 0 <= fig.value < 100 and fig.qualifier is _QUALIFIER_EXACT \
                and _CENTS_GAP_RE.match(text, prev.end, fig.start) and (
                    fig.unit == "USD_cent" or (fig.kind is _KIND_COUNT and _CENTS_END_RE.match(text, fig.end))):
            value = prev.value + fig.value / 100
            out[-1] = replace(prev, end=fig.end, value=value, interval=Interval.point(value), step=0.01)
            continue
        out.append(fig)
    return out


_HALF_RE = re.compile(r"an? half\Z", re.IGNORECASE)
_AND_GAP_RE = re.compile(r"\s+and\s+\Z")
_ONE_UNIT_BEFORE_RE = re.compile(r"\b(?:an?|one)\s+[A-Za-z]+\s+and\s+\Z", re.IGNORECASE)


def join_and_a_half(text: str, figures: list[_Figure], limit: int, semantics: Semantics) -> list[_Figure]:
    """ "a year and a half", "an hour and a half", "3 miles and a half": an amount in a unit
    and the half after it are one amount (1.5 years), as "one and a half years" already is
    (:mod:`.fractions`).  The half alone is a bare count; "a year" is no figure of its own, so
    the article is read as one of the unit ("a", "an", "one"), and the unit reader decides
    whether the word after it is a unit.  Figures come sorted by start."""
    out: list[_Figure] = []
    for fig in figures:
        unit = _unit_before_half(text, fig, out, limit, semantics)
        if unit is None:
            out.append(fig)
            continue
        if out and out[-1] is unit:
            out.pop()
        value = unit.value + 0.5
        out.append(replace(unit, end=fig.end, value=value, step=0.0,
                           interval=interval_for(unit.qualifier, value, 0.0, semantics)))
    return out


def _unit_before_half(text: str, fig: _Figure, out: list[_Figure], limit: int,
                      semantics: Semantics) -> _Figure | None:
    """The amount in a unit that "and <fig>" completes when fig is a bare "a half": the
    figure before it ("3 miles and a half"), else "a|an|one <unit>" read as one unit."""
    if not (fig.written and fig.unit == "count" and _HALF_RE.match(text, fig.start, fig.end)):
        return None
    if out and _AND_GAP_RE.match(text, out[-1].end, fig.start):
        unit = out[-1]
    else:
        before = _ONE_UNIT_BEFORE_RE.search(text, max(0, fig.start - 40), fig.start)
        if before is None:
            return None
        word = before.group().split()[0]
        unit = _figure(text, NumberMatch(before.start(), before.start() + len(word), word, 1.0, 0.0, written=True),
                       limit, semantics)
    ok = unit is not None and unit.unit != "count" and _AND_GAP_RE.match(text, unit.end, fig.start)
    return unit if ok else None
