"""Use numcheck from tests: :func:`assert_consistent` and the shared check runner.

``assert_consistent`` is to a corpus what ``assert`` is to a value: it
returns the :class:`~numcheck.CheckResult` when no unaccepted error-level
finding is left, and raises :class:`~numcheck.InconsistentClaims` otherwise,
with the same text the pytest plugin shows for a failing measure::

    def test_story_is_consistent():
        numcheck.assert_consistent("stories/numcheck.toml")

The pytest plugin (:mod:`numcheck.pytest_plugin`) runs its checks through
:func:`run_check` too, so both read targets the same way:

- a ``CheckResult`` is used as it is;
- a ``.toml`` file is a numcheck config (its ``paths`` say what to read);
- a folder holding a ``numcheck.toml`` uses that config;
- any other folder, file or DataFrame is the corpus, with the given or
  default config;
- ``None`` with ``example="zero-tolerance"`` checks a bundled example.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Iterable

from .errors import InconsistentClaims
from .records import CheckResult

__all__ = ["assert_consistent", "run_check", "resolve", "with_rules", "inconsistency_message"]


def resolve(target: Any = None, *, config: Any = None) -> tuple[Any, Any]:
    """``(inputs, Config)`` for :func:`numcheck.check` from a target as described above."""
    from .engine import resolve_config

    if isinstance(target, (str, os.PathLike)):
        path = Path(target)
        if path.suffix == ".toml" and path.is_file():  # a config under any name
            if config is not None:
                raise TypeError("give either a numcheck.toml as the target or config=, not both")
            target, config = None, path
        else:
            target = path
    if isinstance(config, os.PathLike):
        config = Path(config)
    return resolve_config(target, config)


def with_rules(config: Any, rules: Iterable[str] | None) -> Any:
    """``config`` with its rule selection replaced by ``rules`` (codes or names)."""
    if rules is None:
        return config
    rules = (rules,) if isinstance(rules, str) else tuple(rules)
    if not all(isinstance(r, str) for r in rules):
        raise TypeError("rules must be rule codes or names (str)")
    return dataclasses.replace(config, rules=rules, exclude_rules=())


def run_check(target: Any = None, *, config: Any = None, example: str | None = None,
              rules: Iterable[str] | None = None) -> CheckResult:
    """Check ``target`` (see the module docstring) and return the CheckResult."""
    if isinstance(target, CheckResult):
        if config is not None or example is not None or rules is not None:
            raise TypeError("config, example and rules cannot be given with a CheckResult")
        return target
    from .engine import check

    inputs, cfg = resolve(target, config=config)
    return check(inputs, config=with_rules(cfg, rules), example=example)


def inconsistency_message(result: CheckResult) -> str:
    """What :class:`~numcheck.InconsistentClaims` says: a count, then each finding by measure."""
    from .report import format_findings

    errors = result.errors
    n_measures = errors["measure_id"].nunique()
    head = (f"{len(errors)} error-level finding{'s' if len(errors) != 1 else ''} in "
            f"{n_measures} measure{'s' if n_measures != 1 else ''}")
    return f"{head}\n\n{format_findings(errors, result.claims)}"


def assert_consistent(path_or_result: Any = None, *, config: Any = None, example: str | None = None,
                      rules: Iterable[str] | None = None) -> CheckResult:
    """Return the CheckResult, or raise InconsistentClaims for unaccepted error-level findings.

    ``path_or_result`` is a corpus folder or file, a ``numcheck.toml``, a
    DataFrame with a ``text`` column or a ``CheckResult``; ``config`` a
    :class:`~numcheck.Config` or the path of a ``numcheck.toml``;
    ``example`` the name of a bundled example; ``rules`` the rule codes or
    names to run instead of the config's selection.  The exception's
    ``.discrepancies`` holds the failing rows of the discrepancies table.
    """
    result = run_check(path_or_result, config=config, example=example, rules=rules)
    if not result.ok:
        raise InconsistentClaims(inconsistency_message(result), result.errors)
    return result
