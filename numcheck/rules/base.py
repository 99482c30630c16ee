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
