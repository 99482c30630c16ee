"""What every rule shares: the :class:`Rule` base class, claim pairing, intervals, docstrings.

A rule is a small class (see :mod:`numcheck.rules.interval_conflict` for the
shortest one): plain class attributes ``code``, ``name``, ``severity`` and
``Options``, a docstring, and a ``check(measure, claims)`` generator that
yields :class:`~numcheck.records.Finding` records.  ``claims`` is the claims
DataFrame slice of one measure; rules read its rows as plain dicts.

The rule modules import all they share from here; it lives in one module a part:
:mod:`~numcheck.rules.base.rows` (claim rows: intervals, dates, sources, pairing),
:mod:`~numcheck.rules.base.sweep` (bounded comparison: sort and sweep, never all pairs),
:mod:`~numcheck.rules.base.options` (a rule's options from ``numcheck.toml``) and
:mod:`~numcheck.rules.base.docstrings` (the docstring format, and its examples read).
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Iterator, Mapping

import pandas as pd

from ...records import Finding, Measure, Severity
# the parts' names, importable from numcheck.rules.base as before they moved to the modules of
# this package (the rule modules, numcheck.config, the engine and the tests import them here)
from .docstrings import SECTIONS, Example, docstring_config, docstring_examples, docstring_sections  # noqa: F401
from .options import build_options
from .rows import (ROWS, TIME_KINDS, CachedRows, Row, claim_pairs, comparable, describe,  # noqa: F401
                   independent, interval_of, is_time_kind, published_of, rows_of, source_of, text_of)
from .sweep import (SCAN_LIMIT, Sweep, comparable_sets, nearest_disjoint, others_note,  # noqa: F401
                    source_group)


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
