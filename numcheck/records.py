"""Small typed records passed between the stages, and the closed vocabularies.

Records are frozen dataclasses that validate themselves; DataFrames (see
:mod:`numcheck.schema`) are the public interchange built from them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .slots import check_takes_fields, fields_twin, slot_init  # noqa: F401  (slot_init: for the extractor's records)


_set_class = object.__setattr__  # the one way past a frozen class's own __setattr__
_new_record = object.__new__  # a record before its __init__ (new_claim)


class Kind(StrEnum):
    """What sort of figure a claim is."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    MEASURE = "measure"  # a physical quantity with a pint unit
    DURATION = "duration"
    DATE = "date"
    YEAR = "year"
    ORDINAL = "ordinal"


class Qualifier(StrEnum):
    """How the wording bounds the figure (semantics in :mod:`numcheck.extract.qualifiers`)."""

    EXACT = "exact"  # a bare figure: the interval its rounding implies
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    NEARLY = "nearly"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    RANGE = "range"
    VAGUE = "vague"  # "dozens", "thousands of"


class Change(StrEnum):
    """Whether a figure states a level or a change ("rose 5%")."""

    NONE = "none"
    UP = "up"
    DOWN = "down"


# The extractor's hot modules bind the members they read for every figure to module names
# (``_KIND_COUNT = Kind.COUNT``): on Python 3.11 ``EnumType`` defines ``__getattr__``, so every
# read of ``Kind.COUNT`` goes through the metaclass's attribute hook, 4.5 times a plain
# attribute read (timeit), 2 % of the compiled extraction (callgrind, 2026-11-24; Python 3.12
# dropped the hook).


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Interval:
    """The set of values a wording allows; infinite bounds are ``math.inf``.

    >>> Interval(2700, 3000, high_open=True).isdisjoint(Interval(3000, math.inf, low_open=True))
    True
    >>> Interval(3000, math.inf, low_open=True).isdisjoint(Interval(3150, 3250))
    False
    >>> Interval(1, 2).scaled(1000)
    Interval(low=1000, high=2000, low_open=False, high_open=False)
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high):
            raise ValueError("interval bounds must be numbers, not NaN")
        if self.low > self.high:
            raise ValueError(f"interval low {self.low} is above high {self.high}")

    @classmethod
    def point(cls, value: float) -> "Interval":
        return cls(value, value)

    def isdisjoint(self, other: "Interval") -> bool:
        """True when no value lies in both intervals (open ends respected)."""
        return self._below(other) or other._below(self)

    def _below(self, other: "Interval") -> bool:
        if self.high < other.low:
            return True
        return self.high == other.low and (self.high_open or other.low_open)

    def contains(self, value: float) -> bool:
        above = value > self.low or (value == self.low and not self.low_open)
        below = value < self.high or (value == self.high and not self.high_open)
        return above and below

    def scaled(self, factor: float) -> "Interval":
        """The interval with both bounds multiplied by a positive factor (unit conversion)."""
        if factor <= 0:
            raise ValueError(f"scale factor must be positive, not {factor}")
        return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def __str__(self) -> str:
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open else "]"
        return f"{lo}{_fmt(self.low)}, {_fmt(self.high)}{hi}"


# Interval.__init__ and Claim.__init__: the fields stored through their slots (slot_init says why)
def _interval_init(self, low, high, low_open=False, high_open=False):
    set_ = _INTERVAL_SLOTS
    set_[0](self, low)
    set_[1](self, high)
    set_[2](self, low_open)
    set_[3](self, high_open)
    self.__post_init__()


_INTERVAL_SLOTS = slot_init(Interval, _interval_init)


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:,.0f}" if x == int(x) else f"{x:,.6g}"


@dataclass(frozen=True, slots=True)
class Document:
    """One text as loaded by :mod:`numcheck.corpus`."""

    doc_id: str
    source: str
    text: str
    published: date | None = None
    path: str | None = None
    encoding: str = "utf-8"
    title: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.doc_id, str) or not self.doc_id:
            raise ValueError("doc_id must be a non-empty string")
        if not isinstance(self.text, str):
            raise ValueError(f"text of {self.doc_id} must be str, not {type(self.text).__name__}")
        if self.published is not None and not isinstance(self.published, date):
            raise ValueError(f"published of {self.doc_id} must be a date or None")


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure found in a text, with what its wording implies.

    ``start``/``end`` are offsets into the document text, so
    ``text[start:end] == surface`` always holds.  For dates and years,
    ``value``/``interval`` are proleptic ordinal day numbers
    (``date.toordinal()``) and ``iso`` holds the date at the precision given.
    """

    start: int
    end: int
    surface: str
    value: float
    interval: Interval
    kind: Kind
    qualifier: Qualifier = Qualifier.EXACT
    unit: str = ""
    dimension: str = ""
    noun: str = ""
    modifiers: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    time_scope: str = ""
    place_scope: str = ""
    change: Change = Change.NONE
    iso: str = ""
    line: int = 1
    sentence: str = ""
    sentence_start: int = 0
    attributed_to: str = ""
    subject: str = ""
    #: whether ``noun`` is what the figure counts ("58 people": the noun the number quantifies,
    #: or one an earlier figure states and this one leaves unsaid), rather than what the figure
    #: is ("the toll stood at 58", "a score of 64": a subject or an ``of`` head before it,
    #: which names the measure; 58 is no 58 tolls)
    noun_counted: bool = True
    doc_id: str | None = None
    source: str | None = None
    published: date | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"claim span must satisfy 0 <= start <= end, got {self.start}:{self.end}")
        if len(self.surface) != self.end - self.start:
            raise ValueError(f"surface {self.surface!r} does not fit span {self.start}:{self.end}")
        if not isinstance(self.kind, Kind):
            raise ValueError(f"kind must be a Kind, not {self.kind!r}")

    @property
    def claim_id(self) -> str:
        return f"{self.doc_id or '-'}@{self.start}"

    def located(self, **where: Any) -> "Claim":
        """A copy with document fields (doc_id, source, published) filled in."""
        from dataclasses import replace

        return replace(self, **where)


def _claim_init(self, start, end, surface, value, interval, kind, qualifier=Qualifier.EXACT, unit="", dimension="",
                noun="", modifiers=(), context=(), time_scope="", place_scope="", change=Change.NONE, iso="", line=1,
                sentence="", sentence_start=0, attributed_to="", subject="", noun_counted=True, doc_id=None, source=None,
                published=None):
    cls = type(self)
    _set_class(self, "__class__", _CLAIM_FIELDS)  # the fields stored by assignment (fields_twin says why)
    self.start = start
    self.end = end
    self.surface = surface
    self.value = value
    self.interval = interval
    self.kind = kind
    self.qualifier = qualifier
    self.unit = unit
    self.dimension = dimension
    self.noun = noun
    self.modifiers = modifiers
    self.context = context
    self.time_scope = time_scope
    self.place_scope = place_scope
    self.change = change
    self.iso = iso
    self.line = line
    self.sentence = sentence
    self.sentence_start = sentence_start
    self.attributed_to = attributed_to
    self.subject = subject
    self.noun_counted = noun_counted
    self.doc_id = doc_id
    self.source = source
    self.published = published
    self.__class__ = cls
    self.__post_init__()


slot_init(Claim, _claim_init)
_CLAIM_FIELDS = fields_twin(Claim)


def new_claim(start, end, surface, value, interval, kind, qualifier=Qualifier.EXACT, unit="", dimension="",
              noun="", modifiers=(), context=(), time_scope="", place_scope="", change=Change.NONE, iso="", line=1,
              sentence="", sentence_start=0, attributed_to="", subject="", noun_counted=True, doc_id=None, source=None,
              published=None) -> Claim:
    """The claim ``Claim(...)`` builds from the same arguments, for the extractor, which builds one
    for every figure and date.

    Why not the class call: Python hands the keywords of a call to a class on to its
    ``__init__`` as a dict, built for the call and parsed by the compiled ``__init__``, and to
    a function as their names, with no dict (callgrind: a claim of some twenty keywords costs
    about 10,000 instructions less so, a twentieth of the extraction in all).  The record is
    made by ``Claim.__init__`` itself (:func:`_claim_init`, which stores the fields on the twin
    of :func:`fields_twin`), called with the same arguments by position.
    """
    self = _new_record(Claim)
    _claim_init(self, start, end, surface, value, interval, kind, qualifier, unit, dimension, noun, modifiers, context,
                time_scope, place_scope, change, iso, line, sentence, sentence_start, attributed_to, subject,
                noun_counted, doc_id, source, published)
    return self


check_takes_fields(Claim, new_claim, 0)


@dataclass(frozen=True, slots=True)
class Measure:
    """One quantity reported by one or more sources."""

    measure_id: str
    label: str
    kind: Kind
    unit: str = ""
    noun: str = ""
    context: tuple[str, ...] = ()
    time_scope: str = ""
    n_claims: int = 0
    n_sources: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports about one measure: one or two claims and why."""

    rule_code: str
    rule_name: str
    severity: Severity
    measure_id: str
    claim_a: dict[str, Any]
    explanation: str
    claim_b: dict[str, Any] | None = None
    accepted: bool = False
    accepted_reason: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.severity, Severity):
            raise ValueError(f"severity must be a Severity, not {self.severity!r}")
        if not self.explanation:
            raise ValueError("a finding needs an explanation")


# Measure.__init__ and Finding.__init__ through their slots too: a check of 10,000 documents
# makes 70,000 measures and 20,000 findings, most of them read back from the claims store
def _measure_init(self, measure_id, label, kind, unit="", noun="", context=(), time_scope="", n_claims=0,
                  n_sources=0):
    set_ = _MEASURE_SLOTS
    set_[0](self, measure_id)
    set_[1](self, label)
    set_[2](self, kind)
    set_[3](self, unit)
    set_[4](self, noun)
    set_[5](self, context)
    set_[6](self, time_scope)
    set_[7](self, n_claims)
    set_[8](self, n_sources)


_MEASURE_SLOTS = slot_init(Measure, _measure_init)


def _finding_init(self, rule_code, rule_name, severity, measure_id, claim_a, explanation, claim_b=None,
                  accepted=False, accepted_reason=""):
    set_ = _FINDING_SLOTS
    set_[0](self, rule_code)
    set_[1](self, rule_name)
    set_[2](self, severity)
    set_[3](self, measure_id)
    set_[4](self, claim_a)
    set_[5](self, explanation)
    set_[6](self, claim_b)
    set_[7](self, accepted)
    set_[8](self, accepted_reason)
    self.__post_init__()


_FINDING_SLOTS = slot_init(Finding, _finding_init)


@dataclass(frozen=True)
class CheckResult:
    """What :func:`numcheck.check` returns: three DataFrames (schemas in :mod:`numcheck.schema`)."""

    claims: Any  # pandas.DataFrame
    measures: Any
    discrepancies: Any
    documents: tuple[Document, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

    @property
    def errors(self):
        """Error-level findings that no ``[[accepted]]`` entry covers."""
        d = self.discrepancies
        if d is None or len(d) == 0:
            return d
        return d[(d["severity"] == Severity.ERROR.value) & ~d["accepted"].astype(bool)]

    @property
    def ok(self) -> bool:
        errs = self.errors
        return errs is None or len(errs) == 0
