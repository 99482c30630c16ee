"""What every rule shares: the :class:`Rule` base class, claim pairing, intervals, docstrings.

A rule is a small class (see :mod:`numcheck.rules.interval_conflict` for the
shortest one): plain class attributes ``code``, ``name``, ``severity`` and
``Options``, a docstring, and a ``check(measure, claims)`` generator that
yields :class:`~numcheck.records.Finding` records.  ``claims`` is the claims
DataFrame slice of one measure; rules read its rows as plain dicts.

Docstring format
----------------
The first docstring line is the one-sentence description.  Two sections are
required, ``Consistent::`` and ``Inconsistent::``; each holds at least two
indented example lines, from at least two sources, of the form::

    "<a short sentence with a figure>"  (<source>)
    "<a short sentence with a figure>"  (<source>, <YYYY-MM-DD publication date>)

:func:`docstring_examples` parses them; ``tests/test_rule_docs.py`` runs each
block through the real pipeline, one document per line, and expects no
warning or error of the rule for the consistent block and at least one for the
inconsistent block (info findings, such as a superseded figure, are notes and
count as neither).  A rule whose examples need configuration adds a
``Config::`` section holding ``numcheck.toml`` text (see :func:`docstring_config`).
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import re
import types
import typing
from datetime import date
from typing import Any, ClassVar, Iterator, Mapping, NamedTuple

import pandas as pd

from .. import schema as S
from ..errors import ConfigError
from ..records import Finding, Interval, Kind, Measure, Severity

Row = dict[str, Any]

TIME_KINDS = frozenset({Kind.DATE.value, Kind.YEAR.value})


@dataclasses.dataclass(frozen=True)
class NoOptions:
    """The options of a rule that has nothing to tune."""


class Rule:
    """Base class of the rules; subclasses set the class attributes and define ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    Options: ClassVar[type] = NoOptions
    description: ClassVar[str] = ""  # set by register(): the first docstring line
    defers_to: ClassVar[tuple[str, ...]] = ()  # names of rules whose explains() silences a pair

    def __init__(self, options: Any = None, *, peers: Mapping[str, "Rule"] | None = None) -> None:
        if options is None:
            options = self.Options()
        elif isinstance(options, Mapping):
            options = build_options(type(self), options)
        elif not isinstance(options, self.Options):
            raise TypeError(f"options of {self.name} must be {self.Options.__name__}, a mapping "
                            f"or None, not {type(options).__name__}")
        self.options = options
        self.peers: Mapping[str, Rule] = dict(peers or {})

    @classmethod
    def from_config(cls, config: Any, peers: Mapping[str, "Rule"]) -> "Rule":
        """The rule as ``config`` (a :class:`numcheck.config.Config`) sets it up."""
        raw = config.rule_options.get(cls.name, config.rule_options.get(cls.code, {}))
        return cls(build_options(cls, raw, path=config.path), peers=peers)

    def check(self, measure: Measure, claims: pd.DataFrame) -> Iterator[Finding]:
        raise TypeError(f"rule {type(self).__name__} does not define check()")

    def explains(self, measure: Measure, a: Row, b: Row) -> bool:
        """True when this rule takes charge of the pair, so a deferring rule leaves it alone."""
        return False

    def deferred(self, measure: Measure, a: Row, b: Row) -> bool:
        """True when a selected rule named in ``defers_to`` explains the pair."""
        return any(peer.explains(measure, a, b) for peer in self.peers.values())

    def finding(self, measure: Measure | str, a: Row, b: Row | None, explanation: str,
                severity: Severity | None = None) -> Finding:
        measure_id = measure if isinstance(measure, str) else measure.measure_id
        return Finding(self.code, self.name, severity or self.severity, measure_id, dict(a),
                       explanation, dict(b) if b is not None else None)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.options!r})"


# -- claims -------------------------------------------------------------------------------

def interval_of(row: Mapping[str, Any]) -> Interval:
    """The interval a claim row allows; a missing bound falls back to the value.

    >>> interval_of({"value": 3000.0, "low": 2700.0, "high": 3000.0, "high_open": True})
    Interval(low=2700.0, high=3000.0, low_open=False, high_open=True)
    >>> interval_of({"value": 280.0})
    Interval(low=280.0, high=280.0, low_open=False, high_open=False)
    """
    value = _number(row.get(S.VALUE))
    low, high = _number(row.get(S.LOW), value), _number(row.get(S.HIGH), value)
    if low is None or high is None:
        raise ValueError(f"claim {row.get(S.CLAIM_ID, '?')} has no value, low or high")
    return Interval(low, high, bool(row.get(S.LOW_OPEN) or False), bool(row.get(S.HIGH_OPEN) or False))


def _number(x: Any, default: float | None = None) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return default
    return float(x)


def published_of(row: Mapping[str, Any]) -> date | None:
    """The publication date of a claim row, None when unknown (None, NaT, empty)."""
    value = row.get(S.PUBLISHED)
    if value is None or (isinstance(value, str) and not value.strip()) or value is pd.NaT:
        return None
    if not isinstance(value, (str, date)) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return pd.Timestamp(value).date()


def source_of(row: Mapping[str, Any]) -> str:
    """The independent source of a claim (the original's source for a copied document)."""
    return str(row.get(S.INDEPENDENT_SOURCE) or row.get(S.SOURCE) or "")


def describe(row: Mapping[str, Any]) -> str:
    """``'nearly 3,000' (Baller Alert, 2020-06-01)``: a claim as a finding's explanation names it."""
    where = [source_of(row) or str(row.get(S.DOC_ID) or "unknown source")]
    published = published_of(row)
    if published is not None:
        where.append(published.isoformat())
    if row.get(S.PLACE_SCOPE):
        where.append(f"in {row[S.PLACE_SCOPE]}")
    return f"{row.get(S.SURFACE, '')!r} ({', '.join(where)})"


def is_time_kind(measure: Measure) -> bool:
    return str(measure.kind) in TIME_KINDS


def _text(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def independent(a: Row, b: Row) -> bool:
    """True when two claims come from different documents and different independent sources.

    A claim with no source at all (bare text) is independent of a claim from another document.
    """
    doc_a, doc_b = _text(a, S.DOC_ID), _text(b, S.DOC_ID)
    if doc_a == doc_b:
        return False
    src_a, src_b = source_of(a), source_of(b)
    return not (src_a and src_a == src_b)


def comparable(a: Row, b: Row) -> bool:
    """True when two claims state the same kind of figure: level vs change, year they are about."""
    if (_text(a, S.CHANGE) or "none") != (_text(b, S.CHANGE) or "none"):
        return False
    time_a, time_b = _text(a, S.TIME_SCOPE), _text(b, S.TIME_SCOPE)
    return not (time_a and time_b and time_a != time_b)


def claim_pairs(claims: pd.DataFrame, *, part_whole: bool = False) -> Iterator[tuple[Row, Row]]:
    """Pairs of claim rows (as dicts) that a rule may compare, in frame order.

    Both claims are from independent sources (:func:`independent`) and state the
    same kind of figure (:func:`comparable`).  By default both have the same
    ``place_scope`` (usually empty, the whole).  With ``part_whole=True`` each
    pair is ``(part, whole)``: a claim limited to a part (non-empty
    ``place_scope``) and a claim about the whole (empty ``place_scope``).
    """
    rows = claims.to_dict("records")
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if not (independent(a, b) and comparable(a, b)):
                continue
            scope_a, scope_b = _text(a, S.PLACE_SCOPE), _text(b, S.PLACE_SCOPE)
            if not part_whole:
                if scope_a == scope_b:
                    yield a, b
            elif scope_a and not scope_b:
                yield a, b
            elif scope_b and not scope_a:
                yield b, a


ROWS = "numcheck.rows"  # DataFrame.attrs key: the slice's rows as dicts, when the engine made them


class CachedRows(list):
    """A slice's rows as dicts, kept in ``DataFrame.attrs`` by the engine so the rules of one
    measure share one conversion (``to_dict`` per rule was most of the rules stage).  pandas
    copies ``attrs`` into frames derived from the slice: this list is shared, not copied."""

    def __deepcopy__(self, memo: dict) -> "CachedRows":
        return self


def rows_of(claims: pd.DataFrame) -> list[Row]:
    """The claims of a slice as dicts (frame order): the engine's cached rows, else ``to_dict``."""
    rows = claims.attrs.get(ROWS)
    if isinstance(rows, CachedRows) and len(rows) == len(claims):
        return rows
    return claims.to_dict("records")


# -- bounded comparison: sort and sweep, never all pairs ------------------------------------
#
# A measure may hold thousands of claims (a count every article of a long story gives).
# The rules below never walk all pairs of a measure: they sort the claims by a bound and
# answer "which claims lie entirely below this one?" by bisection, so a measure of n claims
# costs O(n log n), and each claim is reported at most once, against its nearest disagreeing
# claim, with the number of others it disagrees with in the explanation.

def comparable_sets(rows: list[Row], *, part_whole: bool = False) -> Iterator[list[int]]:
    """Index lists of rows that :func:`claim_pairs` may pair: same change and place scope,
    one time scope (rows naming none join every scope).  With ``part_whole`` the place
    scope is not split (parts and wholes are told apart by the caller)."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        place = "" if part_whole else _text(row, S.PLACE_SCOPE)
        blocks.setdefault((_text(row, S.CHANGE) or "none", place), []).append(i)
    for members in blocks.values():
        scopes: dict[str, list[int]] = {}
        for i in members:
            scopes.setdefault(_text(rows[i], S.TIME_SCOPE), []).append(i)
        unscoped = scopes.pop("", [])
        if not scopes:
            yield unscoped
        for scoped in scopes.values():
            yield sorted(scoped + unscoped)


def source_group(row: Row) -> str:
    """Claims of one group are never compared (:func:`independent`): the independent source,
    or for a claim without one, its document."""
    return "s:" + source_of(row) if source_of(row) else "d:" + _text(row, S.DOC_ID)


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


# -- options ------------------------------------------------------------------------------

def build_options(rule_cls: type[Rule], raw: Any, *, path: Any = None) -> Any:
    """The rule's ``Options`` from a ``[rules.<name>]`` table; ConfigError on any bad key or value.

    Integers are accepted for floats and lists for tuples; nothing else is converted.
    """
    where = f"[rules.{rule_cls.name}]"
    if not isinstance(raw, Mapping):
        raise ConfigError(path or "<config>", f"{where} must be a table, not {type(raw).__name__}")
    fields = {f.name: f for f in dataclasses.fields(rule_cls.Options)}
    hints = typing.get_type_hints(rule_cls.Options)
    values = {}
    for key, value in raw.items():
        if key not in fields:
            valid = ", ".join(fields) or "none: the rule has no options"
            raise ConfigError(path or "<config>", f"{where} has no option {key!r}",
                              hint=f"valid keys: {valid}")
        values[key] = _coerce(value, hints[key], f"{where} {key}", path)
    try:
        return rule_cls.Options(**values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(path or "<config>", f"{where}: {exc}") from exc


def _coerce(value: Any, hint: Any, where: str, path: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and isinstance(value, (list, tuple)):
        item = args[0] if args else Any
        return tuple(_coerce(v, item, f"{where} item", path) for v in value)
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if origin in (typing.Union, types.UnionType):
        for option in args:
            try:
                return _coerce(value, option, where, path)
            except ConfigError:
                continue
    elif hint is Any or hint is type(None) and value is None or (
            isinstance(hint, type) and isinstance(value, hint)
            and not (hint is int and isinstance(value, bool))):
        return value
    expected = getattr(hint, "__name__", str(hint)).replace("tuple", "list")
    raise ConfigError(path or "<config>", f"{where} must be {expected}, not {type(value).__name__} "
                      f"{value!r}")


# -- docstrings -----------------------------------------------------------------------------

class Example(NamedTuple):
    """One docstring example line: the text, its source and (optionally) its publication date."""

    text: str
    source: str
    published: date | None = None


SECTIONS = ("Consistent", "Inconsistent")
_HEADER = re.compile(r"^\s*(?P<name>[A-Z][A-Za-z ]*)::\s*$")
_EXAMPLE = re.compile(r'^\s+"(?P<text>.+)"\s+\((?P<source>[^,()]+?)'
                      r'(?:,\s*(?P<published>\d{4}-\d{2}-\d{2}))?\)\s*$')


def docstring_sections(rule_cls: type) -> dict[str, list[str]]:
    """The indented lines under each ``Name::`` header of a docstring, blank lines dropped."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in inspect.cleandoc(rule_cls.__doc__ or "").splitlines():
        header = _HEADER.match(line)
        if header:
            current = sections.setdefault(header["name"].strip().lower(), [])
        elif line.startswith((" ", "\t")) and current is not None:
            current.append(line)
        elif line.strip():
            current = None
    return sections


def docstring_examples(rule_cls: type) -> dict[str, list[Example]]:
    """``{"consistent": [...], "inconsistent": [...]}`` from the rule's docstring.

    Raises ValueError naming the line that does not follow the format in the module docstring.
    """
    sections = docstring_sections(rule_cls)
    examples = {}
    for section in SECTIONS:
        parsed = []
        for line in sections.get(section.lower(), []):
            match = _EXAMPLE.match(line)
            if not match:
                raise ValueError(f"{section}:: line {line.strip()!r} is not "
                                 f'"<text>"  (<source>[, YYYY-MM-DD])')
            published = date.fromisoformat(match["published"]) if match["published"] else None
            parsed.append(Example(match["text"], match["source"].strip(), published))
        examples[section.lower()] = parsed
    return examples


def docstring_config(rule_cls: type) -> str:
    """The ``numcheck.toml`` text of the rule's ``Config::`` section, or "" when it has none."""
    lines = docstring_sections(rule_cls).get("config", [])
    indent = min((len(line) - len(line.lstrip()) for line in lines), default=0)
    return "\n".join(line[indent:] for line in lines)
