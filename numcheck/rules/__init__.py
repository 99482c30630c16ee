"""The rules: one documented class per module, registered under a code and a name.

========  ===================  ==============================================================
code      name                 reports
========  ===================  ==============================================================
NC101     interval_conflict    two figures whose wordings cannot both be true (error)
NC102     tolerance            two plain figures that overlap but differ materially (warning)
NC103     cumulative_growth    a growing count: earlier figures superseded (info), later
                               figures that shrank (error)
NC201     date_conflict        two dates for one event that do not overlap (warning)
NC301     part_whole           a part (a place, a pilot) larger than the whole (warning)
NC401     reference_value      a figure that excludes a configured reference value (error)
========  ===================  ==============================================================

``select(config)`` returns the rule instances a :class:`numcheck.config.Config`
asks for; the engine runs each one's ``check(measure, claims)`` on every measure.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import ConfigError, RuleDefinitionError
from ..records import Severity
from .base import Rule, docstring_examples

if TYPE_CHECKING:
    from ..config import Config

__all__ = ["REGISTRY", "Rule", "register", "select", "lookup"]

REGISTRY: dict[str, type[Rule]] = {}  # code -> rule class, in registration order

_CODE = re.compile(r"^NC\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: check the rule contract and add the rule to :data:`REGISTRY`.

    Raises RuleDefinitionError for a bad or duplicate code or name, a name that is not
    the module's, a class name that is not the name in CamelCase, a missing description
    or docstring section, a badly formed example, bad severity or Options, or no check().
    """
    _check_identity(cls)
    _check_docstring(cls)
    _check_members(cls)
    for other in REGISTRY.values():
        if other is not cls and (other.code == cls.code or other.name == cls.name):
            raise RuleDefinitionError(f"{cls.__qualname__}: code {cls.code} or name {cls.name} "
                                      f"is already taken by {other.__module__}.{other.__qualname__}")
    cls.description = inspect.cleandoc(cls.__doc__ or "").splitlines()[0].strip()
    REGISTRY[cls.code] = cls
    return cls


def _check_identity(cls: type) -> None:
    code, name = getattr(cls, "code", ""), getattr(cls, "name", "")
    if not isinstance(code, str) or not _CODE.match(code):
        raise RuleDefinitionError(f"{cls.__qualname__}: code {code!r} does not match NC\\d{{3}}")
    if not isinstance(name, str) or not _NAME.match(name):
        raise RuleDefinitionError(f"{cls.__qualname__}: name {name!r} is not snake_case")
    module = cls.__module__.rsplit(".", 1)[-1]
    if module != name:
        raise RuleDefinitionError(f"{cls.__qualname__}: name {name!r} is not its module's ({module!r})")
    camel = "".join(part.capitalize() for part in name.split("_"))
    if cls.__name__ != camel:
        raise RuleDefinitionError(f"{cls.__qualname__}: a rule named {name!r} is class {camel}")


def _check_docstring(cls: type) -> None:
    doc = inspect.cleandoc(cls.__doc__ or "")
    if not doc or not doc.splitlines()[0].strip():
        raise RuleDefinitionError(f"{cls.__qualname__}: the docstring needs a one-sentence first line")
    try:
        examples = docstring_examples(cls)
    except ValueError as exc:
        raise RuleDefinitionError(f"{cls.__qualname__}: {exc}") from exc
    for section, lines in examples.items():
        if len(lines) < 2 or len({e.source for e in lines}) < 2:
            raise RuleDefinitionError(f"{cls.__qualname__}: the docstring needs a {section.capitalize()}:: "
                                      "section with two or more examples from two or more sources")


def _check_members(cls: type) -> None:
    if not isinstance(getattr(cls, "severity", None), Severity):
        raise RuleDefinitionError(f"{cls.__qualname__}: severity must be a Severity")
    options = getattr(cls, "Options", None)
    if not (dataclasses.is_dataclass(options) and options.__dataclass_params__.frozen):
        raise RuleDefinitionError(f"{cls.__qualname__}: Options must be a frozen dataclass")
    if not issubclass(cls, Rule) or cls.check is Rule.check:
        raise RuleDefinitionError(f"{cls.__qualname__}: a rule subclasses Rule and defines check()")


def lookup(code_or_name: str, *, path: Any = None, key: str = "rules") -> type[Rule]:
    """The rule class with this code or name (case-insensitive); ConfigError listing valid ones."""
    wanted = str(code_or_name).strip()
    for cls in REGISTRY.values():
        if wanted.upper() == cls.code or wanted.lower() == cls.name:
            return cls
    valid = ", ".join(f"{c.code} {c.name}" for c in REGISTRY.values())
    raise ConfigError(path or "<config>", f"{key}: unknown rule {code_or_name!r}",
                      hint=f"valid rules: all, {valid}")


def _resolve(names: Iterable[str], *, path: Any, key: str) -> set[str]:
    if isinstance(names, str):
        raise ConfigError(path or "<config>", f"{key} must be a list of rule codes or names, "
                          f"not the string {names!r}")
    chosen: set[str] = set()
    for item in names:
        if str(item).strip().lower() == "all":
            chosen.update(cls.name for cls in REGISTRY.values())
        else:
            chosen.add(lookup(item, path=path, key=key).name)
    return chosen


def select(config: "Config | None" = None) -> list[Rule]:
    """The rules ``config`` selects (``rules`` minus ``exclude_rules``), set up with its options.

    Rules come in code order.  A rule's peers are the selected rules named in its
    ``defers_to``: e.g. ``interval_conflict`` leaves growth of a cumulative count
    to ``cumulative_growth``, but only when that rule runs too.
    """
    if config is None:
        from ..config import Config
        config = Config()
    path = config.path
    names = _resolve(config.rules, path=path, key="rules")
    names -= _resolve(config.exclude_rules, path=path, key="exclude_rules")
    for key in config.rule_options:
        lookup(key, path=path, key="[rules] table")
    classes = [cls for cls in sorted(REGISTRY.values(), key=lambda c: c.code) if cls.name in names]
    built: dict[str, Rule] = {}
    for cls in sorted(classes, key=lambda c: bool(c.defers_to)):  # peers are built first
        peers = {n: built[n] for n in cls.defers_to if n in built}
        built[cls.name] = cls.from_config(config, peers)
    return [built[cls.name] for cls in classes]


# The rule modules register themselves on import; keep this list in code order.
from . import interval_conflict, tolerance, cumulative_growth  # noqa: E402,F401
from . import date_conflict, part_whole, reference_value  # noqa: E402,F401
