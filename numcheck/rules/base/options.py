"""A rule's options from its ``[rules.<name>]`` table of ``numcheck.toml``, checked against the
rule's ``Options`` dataclass (:func:`build_options`)."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import TYPE_CHECKING, Any, Mapping

from ...errors import ConfigError

if TYPE_CHECKING:
    from . import Rule


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
