"""Figures: a number (or two, as a range) with its qualifier and unit, before nouns and scopes.

:func:`_figures` reads a sentence's numbers into :class:`_Figure` records (ranges, "±" spreads,
a unit shared down a list), :func:`_vague_figure` reads "millions"; the joins after it ("from
$62 a tonne to $58", "3 dollars 50 cents", a bound kept by a conversion in brackets) are
:mod:`.figure_joins`.  Split out of the package module :mod:`numcheck.extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..records import Change, Interval, Kind, Qualifier, slot_init
from . import corrections
from .governors import money_governs
from .lexicon import lexicon
from .numbers import NumberMatch
from .qualifiers import Semantics, find_qualifier_after, find_qualifier_before, interval_for, over_a_period
from .units_after import _PERCENT_RE, _unit_after, _with_rate


# Enum members read for every figure, bound once (records.py says why)
_CHANGE_DOWN = Change.DOWN
_CHANGE_NONE = Change.NONE
_CHANGE_UP = Change.UP
_KIND_COUNT = Kind.COUNT
_KIND_MEASURE = Kind.MEASURE
_KIND_MONEY = Kind.MONEY
_KIND_ORDINAL = Kind.ORDINAL
_KIND_PERCENT = Kind.PERCENT
_QUALIFIER_ABOUT = Qualifier.ABOUT
_QUALIFIER_EXACT = Qualifier.EXACT
_QUALIFIER_MORE_THAN = Qualifier.MORE_THAN
_QUALIFIER_RANGE = Qualifier.RANGE
_QUALIFIER_VAGUE = Qualifier.VAGUE


# the patterns the figure readers use per number, compiled once (``re.match(str, ...)`` looks
# each up in re's cache on every call: 3% of the extraction time, profiled)
_NEXT_WORD_RE = re.compile(r"\s*([A-Za-z]+)")


_PERCENT_WORD_RE = re.compile(r"%|per\s?cent|percent|\bpc\b", re.IGNORECASE)
_BY_END_RE = re.compile(r"\bby$")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\s+$")


_OF_CURRENCY_RE = re.compile(r"\s+of\s+(dollars|euros|pounds)\b", re.IGNORECASE)

# Kind by value: a dict lookup, where ``Kind(value)`` runs the enum's Python __call__ (per figure)
_KINDS = {kind.value: kind for kind in Kind}


@dataclass(frozen=True, slots=True)
class _Figure:
    """A number with its unit reading, before nouns and scopes are attached."""

    start: int
    end: int
    value: float
    interval: Interval
    qualifier: Qualifier
    kind: Kind
    unit: str
    written: bool
    change: Change | None = None  # set when the wording itself is a change ("from 6.1 to 5.9")
    step: float = 1.0  # the rounding step of the digits, to recompute the interval


# _Figure.__init__: the fields stored through their slots (records.slot_init says why)
def _figure_init(self, start, end, value, interval, qualifier, kind, unit, written, change=None, step=1.0):
    set_ = _FIGURE_SLOTS
    set_[0](self, start)
    set_[1](self, end)
    set_[2](self, value)
    set_[3](self, interval)
    set_[4](self, qualifier)
    set_[5](self, kind)
    set_[6](self, unit)
    set_[7](self, written)
    set_[8](self, change)
    set_[9](self, step)


_FIGURE_SLOTS = slot_init(_Figure, _figure_init)


_LEAD_RE = re.compile(r"[\s$€£¥₹+\-−]*")  # what may stand before a figure's number: a sign, a currency


def _not_inside(text: str, figures) -> list[_Figure]:
    """Figures less those whose number starts inside the figure before them: a digit in a unit's
    power ("4e14 s-1", "20 J/m^2", "5 km^3") or any number the wording of a figure already took.
    A currency sign two figures share ("10 $ 30 $") does not count."""
    out: list[_Figure] = []
    for fig in sorted(figures, key=lambda f: f.start):
        if out and _LEAD_RE.match(text, fig.start).end() < out[-1].end:
            continue
        out.append(fig)
    return out


# A country prefix written against a currency sign ("US$", "HK$", "A$", "NZ$"); what may stand there.
_COUNTRY_PREFIX_RE = re.compile(r"(?<![A-Za-z])(?:US|U\.S\.|HK|NZ|AU|CA|A|C|S|NT|R)$")
# An ISO currency code before a number ("SEK 2 billion"); currency_after._currency_before reads it.
_CODE_BEFORE_RE = re.compile(r"(?<![A-Za-z])(?:[A-Z]{3} ?|[A-Z][a-z]{2})$")


_OPENER_RE = re.compile(r"\b(?:from|between)\b", re.IGNORECASE)


def _opener_before(text: str, at: int) -> int:
    """Where the last "from" or "between" before ``at`` starts (any case: "FARES ROSE FROM $2";
    the offsets of ``text`` itself, which lower-casing a text may shift), else ``at``."""
    start = at
    for m in _OPENER_RE.finditer(text, max(0, at - 80), at):
        start = m.start()
    return start


_JOIN_RE = re.compile(r"^\s*(?:%|percent|per\s?cent|pc)?\s*-?\s*(?P<join>-|–|—|to|and|or)(?:(?<=to)-)?\s*"
                      r"(?:US|HK|NZ|C|A|S)?\s?[$€£¥]?\s*$", re.IGNORECASE)  # "a three-to-four-week window"


_UNIT_BEFORE_JOIN_RE = re.compile(r"\s*(?:%|percent|per\s?cent|pc)", re.IGNORECASE)


def _changed_just_before(before: str) -> bool:
    """True when the word right before a figure is a verb of change ("rose", "fell", "shed":
    the lexicon's [change], every inflection); ``before``: the lower-cased text before it."""
    words = before.split()
    return bool(words) and words[-1] in lexicon().change


def _range_after_by(text: str, a: NumberMatch, b: NumberMatch, between: str) -> bool:
    """ "cut the risk of a stroke by 20 to 35 percent": after "by", two bare numbers and the percent written once,
    after the second, are the range of the change; the change-then-level reading ("grew by 1.5
    million to 67 million", "rose by 2% to 45%") writes a unit or scale on the first.  The ends
    of a range lie within a factor of ten ("rose by 2 to 45 percent" stays a change, then a level)."""
    return (between.strip().lower() == "to" and not a.currency and a.scale == b.scale == 1.0
            and 0 < a.value < b.value <= 10 * a.value and _PERCENT_RE.match(text[b.end:b.end + 12]) is not None)


def _range_join(text: str, a: NumberMatch, b: NumberMatch) -> str | None:
    """How two numbers form a range, or None.

    "2,000 to 3,000", "2,000-3,000", "5% to 6%", "$4 to $6 billion"; "between 5 and 10"
    (``and`` only after "between"); "two or three weeks" (``or`` only for close neighbours);
    "from 6.1 to 5.9 percent" (``from``: a change, reported in ``change``).
    """
    if a.ordinal or b.ordinal or a.fraction or b.fraction:
        return None
    m = _JOIN_RE.match(text[a.end:b.start])
    if m is None:
        return None
    join = m.group("join").lower()
    if a.currency and b.currency and a.currency != b.currency:
        return None  # "about €10 billion or $11.4 billion": one sum restated in another currency
    between = text[a.end:b.start]
    if _PERCENT_WORD_RE.search(between) and \
            not _PERCENT_RE.match(text[b.end:b.end + 12]):
        return None  # "down 3.2 per cent to $57": a change, then a level in another unit
    before = text[max(0, a.start - 12):a.start].lower().rstrip()
    if join == "and" and not before.endswith("between"):
        return None
    if join == "to" and not before.endswith("from") and b.value < a.value and a.scale == b.scale:
        return None  # "the vote was 6 to 3": a tally; a range is written low to high
    if join == "to" and ((_BY_END_RE.search(before) and not _range_after_by(text, a, b, between)) or (
            _changed_just_before(before) and (
            (a.currency and b.currency) or _UNIT_BEFORE_JOIN_RE.match(between)))):
        # "grew by 1.5 million to 67 million", "fell 0.2% to 2.1%": a change, then the level it
        # reached; after a verb of change only with the unit written on both ("rose 2 to 3
        # percent", the unit once, is a range of the change)
        return None
    if join == "to" and not a.written and not b.written and _restated_change(text, a, b):
        return None  # "advanced 2.6% or 116.13 to 4,931.50", "climbed 12 to 340": a change, then the level
    if join == "to" and a.currency and b.currency and _after_change_verb(text, a):
        return None  # "oil rose $2 to $80": the sign written twice after a change verb (_unit_range_join)
    if join in ("-", "–") and between.lstrip("%") == join and not (a.written or b.written) and b.value <= a.value:
        return None  # "won 3-1", "drew 2-2", "passed 52-48", "led 54%-44%", "the 2019-20 season": a score or a span, not a range
    if join == "or" and not (0 < a.value < b.value <= 2 * a.value):
        return None
    if join == "or" and text[a.end:a.end + 1] == "-":
        return None  # "a 7- or 8-inch screen", "3- or 4-bedroom flats": two sizes on offer, not a range
    if join in ("-", "–", "—") and text[a.end:b.start].strip() != text[a.end:b.start]:
        if not a.written and not b.written and abs(b.value) < abs(a.value):
            return None  # "50 -1.3%": a list, not a range
    return "from" if before.endswith("from") else join


_OR_AFTER_FIGURE_RE = re.compile(r"(?:\d|%|per\s?cent|percent)\s*,?\s+or\s*$", re.IGNORECASE)


def _restated_change(text: str, a: NumberMatch, b: NumberMatch) -> bool:
    """ "N to M" is a change and the level it reached, not a range, when N restates the change
    just given ("rose 2.6% or 116.13 to 4,931.50": the same rise in points), or when it follows a
    verb of change with no unit after M and M is at least ten times N ("climbed 12 to 340": a
    range of estimates spans one order of magnitude, a level after a small change does not)."""
    if _OR_AFTER_FIGURE_RE.search(text, max(0, a.start - 16), a.start):
        return True
    return 0 < 10 * a.value <= b.value and _after_change_verb(text, a) \
        and _unit_after(text, b, len(text))[0] == ""


def _figures(text: str, numbers: list[NumberMatch], limit: int, semantics: Semantics):
    k = 0
    while k < len(numbers):
        n = numbers[k]
        nxt = numbers[k + 1] if k + 1 < len(numbers) else None
        join = _range_join(text, n, nxt) if nxt is not None else None
        if nxt is not None and join is None:
            join = _unit_range_join(text, n, nxt, limit) or _noun_range_join(text, n, nxt)
        if join is not None:
            yield _range_figure(text, n, nxt, limit, join)
            k += 2
            continue
        if nxt is not None and _UNCERTAINTY_RE.match(text, n.end, nxt.start):
            yield _uncertainty_figure(text, n, nxt, limit)
            k += 2
            continue
        yield _shared_unit(text, _figure(text, n, limit, semantics), numbers, k + 1, limit)
        k += 1


_UNCERTAINTY_RE = re.compile(r"\s*(?:±|\+/-|\+-)\s*$")
_LIST_GAP_RE = re.compile(r"-?\s*(?:,\s*(?:and|or)?|and|or)\s*$")  # "45 and 50 mg", "7- or 8-inch", "3, 4, and 5 km"
_LIST_REACH = 4  # numbers a list may hold before the one that writes the unit


def _unit_range_join(text: str, a: NumberMatch, b: NumberMatch, limit: int) -> str | None:
    """ "12 g to 15 g", "between 3 km and 5 km", "from $210 per tonne to $260 per tonne": a range
    with its unit written after both numbers (the same unit twice)."""
    kind, unit, end = _unit_after(text, a, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind in ("", "reject", "percent") or not a.end < end <= b.start:
        return None
    if _after_change_verb(text, a):
        return None  # "shares rose 5 yuan to 45 yuan": after a change verb, a change then the level reached
    kind_b, unit_b, _ = _unit_after(text, b, limit)
    if _with_rate(text, kind_b, unit_b, _, limit)[0] != unit:
        return None
    return _range_join(text, replace(a, end=end), b)


_NOUN_TO_RE = re.compile(r"\s+(?P<noun>[a-z]+)\s+to\s+")


def _noun_range_join(text: str, a: NumberMatch, b: NumberMatch) -> str | None:
    """ "from three points to seven points", "from 30 staff to 45 staff": after "from", a counted
    noun written after both numbers (the same word twice) makes a range, as one unit does."""
    if text[max(0, a.start - 5):a.start].lower() != "from " or a.ordinal or b.ordinal:
        return None
    m = _NOUN_TO_RE.fullmatch(text, a.end, b.start)
    if m is None or not text.startswith(m.group("noun"), b.end + 1) or text[b.end:b.end + 1] != " ":
        return None
    after = b.end + 1 + len(m.group("noun"))
    return "from" if after >= len(text) or not text[after].isalpha() else None


def _after_change_verb(text: str, a: NumberMatch) -> bool:
    """True when the word right before the number is a verb of change ("rose", "fell")."""
    verb = _WORD_BEFORE_RE.search(text, max(0, a.start - 24), a.start)
    return verb is not None and verb.group(1).lower() in lexicon().change


def _uncertainty_figure(text: str, n: NumberMatch, spread: NumberMatch, limit: int) -> _Figure | None:
    """ "9.83 ± 0.01 km", "5 +/- 0.1 m": the value, with value ± spread as its interval."""
    kind, unit, end = _unit_after(text, spread, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind == "reject":
        return None
    width = abs(spread.value)
    return _Figure(n.start, end, n.value, Interval(n.value - width, n.value + width), _QUALIFIER_RANGE,
                   _KINDS[kind] if kind else _KIND_COUNT, unit or "count", n.written)


def _shared_unit(text: str, fig: _Figure | None, numbers: list[NumberMatch], k: int, limit: int) -> _Figure | None:
    """ "45 and 50 mg", "3, 4 or 5 km", "4500, 5400, and 7200 RPMs": a bare number listed before a
    measured one shares its unit (the bare numbers between share it too)."""
    if fig is None or k >= len(numbers) or fig.kind is not _KIND_COUNT or fig.qualifier is not _QUALIFIER_EXACT:
        return fig
    end = fig.end
    for nxt in numbers[k:k + _LIST_REACH]:
        if not _LIST_GAP_RE.match(text, end, nxt.start):
            return fig
        kind, unit, end = _unit_after(text, nxt, limit)
        if kind == "measure":
            return replace(fig, kind=_KIND_MEASURE, unit=unit)
        if kind or end != nxt.end:
            return fig
    return fig


def _figure(text: str, n: NumberMatch, limit: int, semantics: Semantics) -> _Figure | None:
    kind, unit, end = _unit_after(text, n, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind == "reject":
        return None
    if n.ordinal:
        return _Figure(n.start, n.end, n.value, Interval.point(n.value), _QUALIFIER_EXACT, _KIND_ORDINAL,
                       "", n.written)
    qualifier = _QUALIFIER_EXACT
    glued = _COUNTRY_PREFIX_RE.search(text, max(0, n.start - 4), n.start) if n.surface[:1] in "$€£¥" else None
    code = _CODE_BEFORE_RE.search(text, max(0, n.start - 4), n.start) if kind == "money" and not n.currency \
        and n.surface[:1].isdigit() else None
    at = glued.start() if glued else code.start() if code else n.start  # "more than US$5 million",
    # "more than SEK 2 billion": the country prefix or the code is skipped, and the code is the figure's
    start = at if code else n.start
    q = find_qualifier_before(text[max(0, at - 40):at])
    if q is not None and not (kind == "duration" and (
            _period_of_amount(text, at - q[1], at) or q[0] is _QUALIFIER_MORE_THAN
            and over_a_period(text[max(0, at - 40):at], text[end:end + 10]))):
        qualifier, start = q[0], at - q[1]  # ("rose 20% over five years": a period, no bound)
    q_after = find_qualifier_after(text[end:min(limit, end + 30)])
    if q_after is not None and qualifier is _QUALIFIER_EXACT:
        qualifier, end = q_after[0], end + q_after[1]
        if not kind:
            # "20-plus years", "5,000+ cubic metres", "40+ kg": the unit stands after the bound
            after_kind, after_unit, after_end = _unit_after(text, replace(n, end=end), limit)
            if after_kind and after_kind != "reject":
                kind, unit, end = after_kind, after_unit, after_end
        if "/" not in unit:  # "$80-plus a barrel", "$3 or more a gallon": the rate after the bound
            unit, end = _with_rate(text, kind, unit, end, limit)
    kind_enum = _KINDS[kind] if kind else _KIND_COUNT
    unit = unit or "count"
    interval = interval_for(qualifier, n.value, n.step, semantics)
    change = None
    if kind_enum is _KIND_PERCENT and n.surface[:1] in "+-−":
        change = _CHANGE_UP if n.surface[0] == "+" else _CHANGE_DOWN  # "DAX -1.6%": a signed percent moved
    return _Figure(start, end, n.value, interval, qualifier, kind_enum, unit, n.written, change, n.step)


# an amount right before "over": digits, then at most two words or a percent sign
_AMOUNT_BEFORE_RE = re.compile(r"\d(?:[\d,.]*\d)?(?:\s*%|\s+[A-Za-z]+){0,2}\s+$")


def _period_of_amount(text: str, q_start: int, at: int) -> bool:
    """ "$1 billion over three years", "11,000 jobs over five years", "grew 40% over a decade": a
    duration after "over" that follows an amount is the period the amount is spread over, no
    bound ("lasted over three hours", "for over a year": no amount before, a bound)."""
    return text[q_start:at].strip().lower() == "over" \
        and _AMOUNT_BEFORE_RE.search(text, max(0, q_start - 30), q_start) is not None


def _range_figure(text: str, a: NumberMatch, b: NumberMatch, limit: int, join: str) -> _Figure | None:
    kind, unit, end = _unit_after(text, b, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind == "reject":
        return None
    first = a.value
    if a.scale == 1.0 and b.scale > 1.0 and abs(a.value) < 1000:
        first = a.value * b.scale  # "$4 to $6 billion", "3 to 4 thousand": the scale covers both
    if not kind and a.currency:
        kind, unit = "money", a.currency
    if not kind and corrections.age_in_years(text, a.start, a.end, limit) is not None:
        kind, unit = "duration", "year"  # "children aged 5 to 11"
    low, high = sorted((first, b.value))
    start = a.start
    if join in ("from", "and"):
        start = _opener_before(text, a.start)  # "from" or "between", in any case
    q = find_qualifier_before(text[max(0, start - 40):start])
    qualifier = _QUALIFIER_RANGE
    if q is not None and q[0] is _QUALIFIER_ABOUT:
        start -= q[1]
        qualifier = _QUALIFIER_ABOUT  # "about 2,000-2,500": the bounds as written, the wording approximate
    kind_enum = _KINDS[kind] if kind else _KIND_COUNT
    # "from 6.1 to 5.9": the range is the change; any other range is a change only when a verb of
    # change governs it ("milk output fell 3 to 5 percent", "cut the risk by 20 to 35 percent"), which the
    # claim reads as for a single figure (None: not decided here)
    change = None if join != "from" else (_CHANGE_UP if b.value > first else _CHANGE_DOWN)
    return _Figure(start, end, low, Interval(low, high), qualifier, kind_enum,
                   unit or "count", a.written and b.written, change)


def _vague_figure(text: str, v, limit: int) -> _Figure:
    start, end, surface, interval = v
    after = text[end:limit]
    m = _OF_CURRENCY_RE.match(after)
    if m:
        unit = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}[m.group(1).lower()]
        return _Figure(start, end + m.end(), interval.low, interval, _QUALIFIER_VAGUE, _KIND_MONEY, unit, True)
    if not re.match(r"\s+of\b", after, re.IGNORECASE) and money_governs(text, start, end):
        # "invest millions", "cost the city billions": money in a currency left unsaid
        return _Figure(start, end, interval.low, interval, _QUALIFIER_VAGUE, _KIND_MONEY, "", True)
    return _Figure(start, end, interval.low, interval, _QUALIFIER_VAGUE, _KIND_COUNT, "count", True)
