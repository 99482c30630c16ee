"""NC401 reference_value: a figure that excludes a value the config declares as reference."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

import pandas as pd

from .. import schema as S
from ..errors import ConfigError
from ..records import Finding, Interval, Measure, Severity
from . import register
from .base import rows_of, NoOptions, Rule, describe, interval_of

if TYPE_CHECKING:
    from ..config import Reference

_COUNTLESS = ("", "count", "dimensionless")


def convert(value: float, unit: str, to_unit: str) -> float:
    """``value`` in ``unit`` expressed in ``to_unit``, with numcheck's pint registry.

    Equal units, and a bare number against a count, need no registry:

    >>> convert(3000, "", "count"), convert(227e6, "USD", "USD")
    (3000, 227000000.0)
    """
    if unit == to_unit or (unit in _COUNTLESS and to_unit in _COUNTLESS):
        return value
    if not math.isfinite(value):
        return value
    from ..units import ureg  # built lazily, on the first conversion only

    registry = ureg()
    return float(registry.Quantity(value, unit or "count").to(to_unit or "count").magnitude)


def matches(reference: "Reference", measure: Measure) -> bool:
    """True when the reference names this measure by label (any case) or by id."""
    wanted = reference.measure.strip().casefold()
    return wanted in (measure.label.strip().casefold(), measure.measure_id.casefold())


@register
class ReferenceValue(Rule):
    """A figure excludes the reference value the configuration declares for its measure.

    ``numcheck.toml`` may declare a trusted value for a measure (an official
    count, a court filing), by label or by measure id, as a number and unit
    or as a ``low``/``high`` range.  The rule converts it to the measure's
    unit and reports every claim whose interval does not contain it (or does
    not overlap the range), naming the reference's source.

    Config::

        [[reference]]
        measure = "children separated"
        value = 3014
        source = "HHS count filed in court, 2019"

    Consistent::

        "More than 3,000 children were separated from their parents."  (source A)
        "About 3,000 children were separated from their parents."  (source B)

    Inconsistent::

        "Nearly 3,000 children were separated from their parents."  (source A)
        "About 2,000 children were separated from their parents."  (source B)
    """

    code = "NC401"
    name = "reference_value"
    severity = Severity.ERROR
    Options = NoOptions

    def __init__(self, options: Any = None, *, peers: Mapping[str, Rule] | None = None,
                 references: Iterable["Reference"] = (), path: Path | str | None = None) -> None:
        super().__init__(options, peers=peers)
        self.references = tuple(references)
        self.path = path

    @classmethod
    def from_config(cls, config: Any, peers: Mapping[str, Rule]) -> "ReferenceValue":
        rule = super().from_config(config, peers)
        return cls(rule.options, peers=peers, references=config.references, path=config.path)

    def check(self, measure: Measure, claims: pd.DataFrame) -> Iterator[Finding]:
        references = [r for r in self.references if matches(r, measure)]
        if not references or claims.empty:
            return
        rows = rows_of(claims)
        unit = measure.unit or str(rows[0].get(S.UNIT) or "")
        for reference in references:
            target = self._interval_in(reference, unit)
            for row in rows:
                if interval_of(row).isdisjoint(target):
                    yield self.finding(measure, row, None, f"{describe(row)} excludes the reference "
                                       f"{reference.text} from {reference.source}")

    def _interval_in(self, reference: "Reference", unit: str) -> Interval:
        """The reference's value or range in the measure's unit; ConfigError when it cannot be."""
        from pint.errors import PintError

        ref = reference.interval
        try:
            low, high = (convert(x, reference.unit, unit) for x in (ref.low, ref.high))
        except (PintError, ValueError) as exc:
            raise ConfigError(self.path or "<config>", f"[[reference]] for {reference.measure!r}: "
                              f"cannot express {reference.unit or 'a count'!r} in {unit or 'a count'!r}",
                              hint=str(exc)) from exc
        return Interval(min(low, high), max(low, high))
