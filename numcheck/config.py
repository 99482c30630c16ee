"""numcheck.toml -> :class:`Config`, every key validated; errors name the file, the key and the line.

A complete file::

    paths = ["stories/"]              # documents to check, relative to this file
    example = "zero-tolerance"        # or: check a bundled example corpus
    exclude_rules = ["NC102"]         # codes or names

    [rules]
    select = ["all"]                  # codes or names; a plain `rules = ["all"]` works too

    [rules.tolerance]                 # options of one rule, checked against its Options
    relative = 0.1

    [[reference]]                     # a trusted value for one measure (NC401)
    measure = "children separated"    # label (any case) or measure id
    value = 3014                      # or low/high; a TOML date for a date measure
    unit = "count"
    source = "HHS count filed in court, 2019"

    [[accepted]]                      # a finding the fact-checker has reviewed
    measure = "children separated"
    documents = ["a.txt", "b.txt"]    # optional: only findings among these documents
    rule = "interval_conflict"        # optional: only this rule's findings
    reason = "B counts children, A counts families"

TOML cannot hold both ``rules = [...]`` and ``[rules.<name>]`` tables, hence the
``select`` key inside ``[rules]`` when per-rule options are wanted.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import ConfigError
from .records import Finding, Interval, Measure

__all__ = ["Config", "Reference", "Accepted", "load_config", "loads_config", "apply_acceptances"]

TOP_LEVEL_KEYS = ("paths", "example", "rules", "exclude_rules", "reference", "accepted")
REFERENCE_KEYS = ("measure", "value", "unit", "low", "high", "source")
ACCEPTED_KEYS = ("measure", "documents", "rule", "reason")


@dataclass(frozen=True)
class Reference:
    """A trusted value (or ``low``/``high`` range) for one measure, in its own ``unit``."""

    measure: str
    source: str
    value: float | None = None
    unit: str = ""
    low: float | None = None
    high: float | None = None
    iso: str = ""  # set when the reference is a date: value/low/high are then ordinal days

    def __post_init__(self) -> None:
        for name in ("measure", "source"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                raise ValueError(f"{name} must be a non-empty string")
        if (self.low is None) != (self.high is None):
            raise ValueError("give both low and high, or neither")
        if self.value is None and self.low is None:
            raise ValueError("give value, or low and high")
        bounds = [x for x in (self.low, self.value, self.high) if x is not None]
        if any(isinstance(x, bool) or not isinstance(x, (int, float)) or math.isnan(x) for x in bounds):
            raise ValueError("value, low and high must be numbers")
        if bounds != sorted(bounds):
            raise ValueError(f"low <= value <= high must hold, got {self.low}, {self.value}, {self.high}")

    @property
    def interval(self) -> Interval:
        if self.low is not None and self.high is not None:
            return Interval(float(self.low), float(self.high))
        return Interval.point(float(self.value))  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        """The reference as a finding's explanation quotes it: ``3,014`` or ``227,000,000 USD``."""
        if self.iso:
            return self.iso
        unit = "" if self.unit in ("", "count") else f" {self.unit}"
        return f"{self.interval}{unit}" if self.value is None else f"{self.value:,.12g}{unit}"


@dataclass(frozen=True)
class Accepted:
    """A reviewed discrepancy: findings it matches are marked ``accepted`` with its reason."""

    measure: str
    reason: str
    documents: tuple[str, ...] = ()
    rule: str | None = None

    def __post_init__(self) -> None:
        for name in ("measure", "reason"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                raise ValueError(f"{name} must be a non-empty string")
        object.__setattr__(self, "documents", _strings(self.documents, "documents"))

    def matches(self, finding: Finding, measure: Measure | str | None = None) -> bool:
        """True for a finding of this measure (label or id), rule (code or name) and documents.

        A finding matches ``documents`` when each of its claims is in one of them; a
        document matches by its doc_id or by the doc_id's trailing path parts.
        """
        label = measure if isinstance(measure, str) else getattr(measure, "label", "")
        if self.measure.casefold() not in (finding.measure_id.casefold(), (label or "").casefold()):
            return False
        if self.rule and self.rule.casefold() not in (finding.rule_code.casefold(), finding.rule_name):
            return False
        claims = [c for c in (finding.claim_a, finding.claim_b) if c is not None]
        return not self.documents or all(self._has(str(c.get("doc_id") or "")) for c in claims)

    def _has(self, doc_id: str) -> bool:
        return any(doc_id == d or doc_id.endswith("/" + d.lstrip("/")) for d in self.documents)


@dataclass(frozen=True)
class Config:
    """What to check and how: documents, rules and their options, references, acceptances."""

    paths: tuple[str, ...] = ()
    example: str | None = None
    rules: tuple[str, ...] = ("all",)
    exclude_rules: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, hash=False)
    references: tuple[Reference, ...] = ()
    accepted: tuple[Accepted, ...] = ()
    path: Path | None = None

    def __post_init__(self) -> None:
        for name in ("paths", "rules", "exclude_rules"):
            object.__setattr__(self, name, _strings(getattr(self, name), name))
        for name, kind in (("references", Reference), ("accepted", Accepted)):
            items = tuple(getattr(self, name))
            if not all(isinstance(x, kind) for x in items):
                raise TypeError(f"{name} must hold {kind.__name__} records")
            object.__setattr__(self, name, items)
        if self.example is not None and not isinstance(self.example, str):
            raise TypeError(f"example must be a str or None, not {type(self.example).__name__}")
        if not isinstance(self.rule_options, Mapping) or not all(
                isinstance(v, Mapping) for v in self.rule_options.values()):
            raise TypeError("rule_options must map rule names to option mappings")
        if self.path is not None:
            object.__setattr__(self, "path", Path(self.path))


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list or tuple of strings, not {type(value).__name__}")
    items = tuple(value)
    if not all(isinstance(x, str) for x in items):
        raise TypeError(f"{name} must hold strings only, got {items!r}")
    return items


# -- loading ----------------------------------------------------------------------------

def load_config(path: str | Path) -> Config:
    """Read and validate a ``numcheck.toml``; ConfigError names the file, key and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "is not valid UTF-8", hint=str(exc)) from exc
    except OSError as exc:
        raise ConfigError(path, f"cannot be read: {exc.strerror or exc}") from exc
    return loads_config(text, path=path)


_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


def loads_config(text: str, *, path: str | Path | None = None) -> Config:
    """The :class:`Config` a ``numcheck.toml`` text describes; ``paths`` are relative to ``path``'s folder."""
    where = Path(path) if path is not None else None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = _AT_LINE.search(message)
        hint = None
        if "('rules'," in message:
            hint = "to give both a rule list and [rules.<name>] tables, write the list as select = [...] under [rules]"
        raise ConfigError(where or "<config>", f"invalid TOML: {_AT_LINE.sub('', message)}",
                          line=int(line.group(1)) if line else None, hint=hint) from exc
    try:
        config = _config_from(data, where)
        if config.rule_options or config.references:
            from .rules import select
            select(config)  # rule options and reference units are checked now, not when a check runs
        return config
    except ConfigError as exc:
        if exc.line is None:
            exc.line = _line_of(text, exc.reason)
        raise


_QUOTED = re.compile(r"'([^']+)'|\"([^\"]+)\"")


def _line_of(text: str, reason: str) -> int | None:
    """The line of the value or key an error names: tomllib reports positions only for syntax errors,
    so the first line holding the quoted word of the message is taken."""
    for m in _QUOTED.finditer(reason):
        word = m.group(1) or m.group(2)
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line):
                return number
    return None


def _config_from(data: dict, where: Path | None) -> Config:
    _check_keys(data, TOP_LEVEL_KEYS, "the top level", where)
    selected, options = _parse_rules(data.get("rules", ["all"]), where)
    base = where.resolve().parent if where is not None else None
    return Config(
        paths=tuple(str(base / p) if base else p for p in _string_list(data, "paths", where)),
        example=_string(data, "example", where, required=False),
        rules=selected,
        exclude_rules=_rule_names(_string_list(data, "exclude_rules", where), "exclude_rules", where),
        rule_options=options,
        references=tuple(_parse_reference(i, t, where) for i, t in _tables(data, "reference", where)),
        accepted=tuple(_parse_accepted(i, t, where) for i, t in _tables(data, "accepted", where)),
        path=where,
    )


def _check_keys(table: Mapping, valid: Iterable[str], where: str, path: Path | None) -> None:
    valid = tuple(valid)
    for key in table:
        if key not in valid:
            raise ConfigError(path or "<config>", f"unknown key {key!r} in {where}",
                              hint=f"valid keys: {', '.join(valid)}")


def _string(table: Mapping, key: str, path: Path | None, *, where: str = "",
            required: bool = True) -> str | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        got = "nothing" if value is None else f"{type(value).__name__} {value!r}"
        raise ConfigError(path or "<config>", f"{where}{key} must be a non-empty string, not {got}")
    return value


def _string_list(table: Mapping, key: str, path: Path | None, *, where: str = "") -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise ConfigError(path or "<config>", f"{where}{key} must be a list of strings, not {value!r}",
                          hint=f'e.g. {key} = ["..."]')
    return tuple(value)


def _rule_names(items: Iterable[str], key: str, path: Path | None) -> tuple[str, ...]:
    from .rules import lookup

    return tuple(x if x.strip().lower() == "all" else lookup(x, path=path, key=key).name for x in items)


def _parse_rules(raw: Any, path: Path | None) -> tuple[tuple[str, ...], dict[str, dict]]:
    """``rules = [...]``, or a ``[rules]`` table with ``select`` and ``[rules.<name>]`` options."""
    from .rules import REGISTRY, lookup
    from .rules.base import build_options

    if isinstance(raw, list):
        return _rule_names(_string_list({"rules": raw}, "rules", path), "rules", path), {}
    if not isinstance(raw, dict):
        raise ConfigError(path or "<config>", f"rules must be a list or a table, not {raw!r}",
                          hint='e.g. rules = ["all"]')
    selected = _rule_names(_string_list(raw, "select", path, where="rules.") if "select" in raw
                           else ("all",), "rules.select", path)
    options: dict[str, dict] = {}
    for key, table in raw.items():
        if key == "select":
            continue
        if not any(key.upper() == c.code or key == c.name for c in REGISTRY.values()):
            valid = ", ".join(["select", *(c.name for c in REGISTRY.values())])
            raise ConfigError(path or "<config>", f"unknown key {key!r} in [rules]", hint=f"valid keys: {valid}")
        cls = lookup(key, path=path, key="[rules]")
        build_options(cls, table, path=path)  # raises ConfigError on a bad key or value
        options[cls.name] = dict(table)
    return selected, options


def _tables(data: Mapping, key: str, path: Path | None) -> list[tuple[int, dict]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise ConfigError(path or "<config>", f"{key} must be written as [[{key}]] tables")
    return list(enumerate(value, 1))


def _parse_reference(index: int, table: dict, path: Path | None) -> Reference:
    where = f"[[reference]] #{index}: "
    _check_keys(table, REFERENCE_KEYS, where.rstrip(": "), path)
    numbers = {k: table[k] for k in ("value", "low", "high") if k in table}
    dates = [k for k, v in numbers.items() if isinstance(v, date)]
    iso = ""
    if dates:
        if len(dates) != len(numbers) or any(hasattr(numbers[k], "hour") for k in dates):
            raise ConfigError(path or "<config>", f"{where}value, low and high must all be dates "
                              "(YYYY-MM-DD, no time) or all numbers")
        iso = "..".join(numbers[k].isoformat() for k in ("value", "low", "high") if k in numbers)
        numbers = {k: float(v.toordinal()) for k, v in numbers.items()}
    unit = table.get("unit")
    if isinstance(unit, str) and unit and unit != "count":
        from .units import ureg

        try:
            ureg().parse_units(unit)
        except Exception as exc:  # pint raises several error types for a name it does not know
            raise ConfigError(path or "<config>", f"{where}unknown unit {unit!r}",
                              hint="use a pint unit such as 'count', 'USD', 'day', 'kilometer'") from exc
    try:
        return Reference(measure=_string(table, "measure", path, where=where),
                         source=_string(table, "source", path, where=where),
                         unit=_string(table, "unit", path, where=where, required=False) or "",
                         iso=iso, **numbers)
    except ValueError as exc:
        raise ConfigError(path or "<config>", f"{where}{exc}") from exc


def _parse_accepted(index: int, table: dict, path: Path | None) -> Accepted:
    where = f"[[accepted]] #{index}: "
    _check_keys(table, ACCEPTED_KEYS, where.rstrip(": "), path)
    rule = _string(table, "rule", path, where=where, required=False)
    return Accepted(measure=_string(table, "measure", path, where=where),
                    reason=_string(table, "reason", path, where=where),
                    documents=_string_list(table, "documents", path, where=where),
                    rule=_rule_names([rule], f"{where}rule", path)[0] if rule else None)


# -- acceptances ---------------------------------------------------------------------------

def apply_acceptances(findings: Iterable[Finding], measures_by_id: Mapping[str, Measure | str],
                      accepted: Iterable[Accepted]) -> tuple[list[Finding], list[Accepted]]:
    """Mark the findings an ``[[accepted]]`` entry covers; also return the entries that matched none.

    The first matching entry gives the reason.  Unused entries are reported like
    sqlfluff's unused noqa: the discrepancy they excused is gone, or they are mistyped.
    """
    entries = list(accepted)
    used: set[int] = set()
    marked = []
    for finding in findings:
        measure = measures_by_id.get(finding.measure_id)
        hit = next((i for i, a in enumerate(entries) if a.matches(finding, measure)), None)
        if hit is None:
            marked.append(finding)
            continue
        used.add(hit)
        marked.append(dataclasses.replace(finding, accepted=True, accepted_reason=entries[hit].reason))
    return marked, [a for i, a in enumerate(entries) if i not in used]
