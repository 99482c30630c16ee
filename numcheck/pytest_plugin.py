"""pytest plugin: every measure of a corpus becomes a test.

A thin layer over :func:`numcheck.check` (registered through the ``pytest11``
entry point, so installing numcheck is enough)::

    pytest                                   # collects every numcheck.toml under testpaths
    pytest --numcheck stories/               # a corpus folder, with its numcheck.toml if it has one
    pytest --numcheck story.toml --numcheck other/   # repeatable
    pytest --numcheck stories/ --numcheck-rules strict.toml
    pytest --numcheck stories/ -k "children and separated"

Collection runs the check once per config or folder and yields one
:class:`MeasureItem` per measure that two or more independent sources
report, or that has a finding.  The item is named by the measure's label
(pytest's ``-k`` takes words joined by ``and``/``or``, so select
``children separated`` with ``-k "children and separated"``); rule codes and
the measure id are keywords too (``-k NC101``).

- an unaccepted **error**-level finding fails the item with
  :class:`MeasureDisagreement`, reported as text: measure, rule, each claim
  with source, date and the quoted sentence with the figure marked,
  and the explanation;
- a **warning**-level finding passes with a :class:`~numcheck.NumcheckWarning`;
- an **info**-level finding passes; its text is a report section (``-rP``);
- a finding covered by an ``[[accepted]]`` entry marks the item
  ``xfail(reason=..., strict=False)``;
- a bad ``numcheck.toml`` is a collection error showing the message.

``--numcheck`` paths are relative to the folder pytest is started in.  With
no positional arguments only the ``--numcheck`` paths are collected; with
some, both.  ``--numcheck-rules FILE`` takes the rule selection and options
(``rules``, ``exclude_rules``, ``[rules.<name>]``) from another
``numcheck.toml`` for every check of the run.

The ``numcheck_result`` fixture gives a test the CheckResult of one corpus,
taken from (first found) a ``@pytest.mark.numcheck_path(PATH)`` marker
(relative to the test file), the first ``--numcheck`` path, or the
``numcheck_path`` ini option (relative to the rootdir).  Each path is
checked once per session; each test gets its own copy of the frames.
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from pathlib import Path
from typing import Any, Iterator

import pytest

from .errors import InconsistentClaims, NumcheckError, NumcheckWarning

__all__ = ["MeasureDisagreement", "NumcheckFile", "MeasureItem"]

CONFIG_NAME = "numcheck.toml"
_RESULTS = pytest.StashKey[dict]()


class MeasureDisagreement(InconsistentClaims):
    """An item's failure: sources disagree about one measure; ``.discrepancies`` holds the rows."""

    def __init__(self, label: str, message: str, discrepancies) -> None:
        super().__init__(message, discrepancies)
        self.label = label


# -- options and configuration ----------------------------------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("numcheck", "numeric claim consistency (numcheck)")
    group.addoption("--numcheck", action="append", default=[], metavar="PATH", dest="numcheck",
                    help="check a corpus folder or a numcheck.toml; one test per measure (repeatable)")
    group.addoption("--numcheck-rules", default=None, metavar="FILE", dest="numcheck_rules",
                    help="take the rule selection and options from this numcheck.toml")
    parser.addini("numcheck_path", "corpus folder or numcheck.toml for the numcheck_result fixture",
                  type="string", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "numcheck_path(path): the corpus the numcheck_result fixture checks")
    config.stash[_RESULTS] = {}
    paths = _numcheck_paths(config)
    if paths:
        given = [str(p) for p in paths]
        if getattr(config.option, "file_or_dir", None):
            config.args = [*config.args, *given]
        else:
            config.args = given


def _numcheck_paths(config: pytest.Config) -> list[Path]:
    base = config.invocation_params.dir
    return [(base / p).resolve() for p in (config.getoption("numcheck", None) or [])]


def _rules_config(config: pytest.Config):
    """The Config named by --numcheck-rules, or None."""
    path = config.getoption("numcheck_rules", None)
    if not path:
        return None
    from .config import load_config
    return load_config(config.invocation_params.dir / path)


def _merge_rules(cfg, rules_cfg):
    """``cfg`` with the rule selection and options of the --numcheck-rules config."""
    if rules_cfg is None:
        return cfg
    return dataclasses.replace(cfg, rules=rules_cfg.rules, exclude_rules=rules_cfg.exclude_rules,
                               rule_options=rules_cfg.rule_options)


def _check(config: pytest.Config, path: Path):
    """Run (once per session) the check for a numcheck.toml or a corpus folder."""
    from .engine import check
    from .testing import resolve

    cache = config.stash[_RESULTS]
    key = path.resolve()
    if key not in cache:
        inputs, cfg = resolve(path)
        cache[key] = check(inputs, config=_merge_rules(cfg, _rules_config(config)))
    return cache[key]


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    if not (config.getoption("numcheck", None) or config.getoption("numcheck_rules", None)):
        return None
    try:
        from .rules import select
        rules = select(_rules_config(config))
    except (NumcheckError, ImportError) as exc:  # shown again, in full, when collection runs
        return [f"numcheck rules: unavailable ({type(exc).__name__}: {exc})"]
    return ["numcheck rules: " + ", ".join(f"{r.code} {r.name}" for r in rules)]


# -- collection -------------------------------------------------------------------

@pytest.hookimpl(tryfirst=True, optionalhook=True)  # the hook is new in pytest 8.0
def pytest_collect_directory(path: Path, parent: pytest.Collector):
    """A --numcheck folder without a numcheck.toml is a corpus checked with the default config."""
    if (path / CONFIG_NAME).is_file() or path.resolve() not in _numcheck_paths(parent.config):
        return None
    return NumcheckFile.from_parent(parent, path=path)


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.name == CONFIG_NAME or file_path.resolve() in _numcheck_paths(parent.config):
        return NumcheckFile.from_parent(parent, path=file_path)
    return None


class NumcheckFile(pytest.File):
    """A numcheck.toml, or a corpus folder: runs the check once and yields its measures."""

    @classmethod
    def from_parent(cls, parent: pytest.Collector, *, path: Path, **kwargs: Any) -> "NumcheckFile":
        # pytest names a node that *is* a command-line path outside the rootdir "", which
        # would make its items "::label"; name it by its path from the rootdir instead.
        nodeid = os.path.relpath(path, parent.config.rootpath).replace(os.sep, "/")
        kwargs.setdefault("nodeid", path.name if nodeid == "." else nodeid)
        return super().from_parent(parent, path=path, **kwargs)

    def collect(self) -> Iterator["MeasureItem"]:
        from .schema import LABEL, MEASURE_ID, N_SOURCES

        try:
            result = _check(self.config, self.path)
        except NumcheckError as exc:
            raise self.CollectError(f"numcheck: {exc}") from exc
        findings = result.discrepancies if result.discrepancies is not None else _empty()
        with_findings = set(findings[MEASURE_ID].astype(str))
        seen: set[str] = set()
        for m in result.measures.to_dict("records"):
            measure_id = str(m[MEASURE_ID])
            if m[N_SOURCES] < 2 and measure_id not in with_findings:
                continue
            name = str(m[LABEL]) or measure_id
            if name in seen:
                name = f"{name} [{measure_id}]"
            seen.add(name)
            mine = findings[findings[MEASURE_ID].astype(str) == measure_id]
            yield MeasureItem.from_parent(self, name=name, measure_id=measure_id, label=str(m[LABEL]),
                                          result=result, findings=mine)


class MeasureItem(pytest.Item):
    """One measure of a checked corpus; fails when sources disagree about it."""

    def __init__(self, *, measure_id: str, label: str, result, findings, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from .schema import ACCEPTED_REASON, RULE

        self.measure_id, self.label, self.result = measure_id, label, result
        self.findings = findings  # this measure's rows of the discrepancies table
        rules = sorted(set(findings[RULE].astype(str)))
        self.extra_keyword_matches.update({measure_id, *rules})
        self.user_properties += [("measure_id", measure_id), ("rules", " ".join(rules))]
        accepted = self._select(accepted=True)
        if len(accepted) and not len(self._select(severity="error", accepted=False)):
            reasons = "; ".join(dict.fromkeys(accepted[ACCEPTED_REASON].astype(str)))
            self.add_marker(pytest.mark.xfail(reason=f"accepted: {reasons}", strict=False))

    def _select(self, *, severity: str | None = None, accepted: bool | None = None):
        from .schema import ACCEPTED, SEVERITY

        f = self.findings
        keep = f[ACCEPTED].astype(bool) == accepted if accepted is not None else f[ACCEPTED].notna()
        if severity is not None:
            keep &= f[SEVERITY] == severity
        return f[keep]

    def runtest(self) -> None:
        from .report import format_findings

        info = self._select(severity="info", accepted=False)
        if len(info):  # shown with -rP / -rA, never a failure
            self.add_report_section("call", "numcheck info", format_findings(info, self.result.claims))
        for_warning = self._select(severity="warning", accepted=False)
        if len(for_warning):
            # attributed to the config or corpus, not to this line of the plugin
            warnings.warn_explicit(NumcheckWarning(format_findings(for_warning, self.result.claims)),
                                   NumcheckWarning, filename=str(self.path), lineno=0)
        failing = self._select(severity="error", accepted=False)
        if not len(failing):
            failing = self._select(accepted=True)  # reported as xfailed by the marker
        if len(failing):
            raise MeasureDisagreement(self.label, format_findings(failing, self.result.claims), failing)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None):
        if isinstance(excinfo.value, MeasureDisagreement):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"measure: {self.label}"


def _empty():
    import pandas as pd

    from .schema import DISCREPANCY_COLUMNS, names
    return pd.DataFrame(columns=names(DISCREPANCY_COLUMNS))


# -- fixture ------------------------------------------------------------------------

@pytest.fixture
def numcheck_result(request: pytest.FixtureRequest):
    """The CheckResult for the corpus named by the ``numcheck_path`` marker, ``--numcheck`` or ini."""
    marker = request.node.get_closest_marker("numcheck_path")
    if marker is not None:
        if not marker.args:
            raise pytest.UsageError("numcheck_path marker needs a path: @pytest.mark.numcheck_path('stories/')")
        path = Path(request.path).parent / marker.args[0]
    elif _numcheck_paths(request.config):
        path = _numcheck_paths(request.config)[0]
    elif request.config.getini("numcheck_path"):
        path = request.config.rootpath / request.config.getini("numcheck_path")
    else:
        pytest.fail("numcheck_result needs a corpus: --numcheck PATH, @pytest.mark.numcheck_path(PATH) "
                    "or numcheck_path in the ini file", pytrace=False)
    try:
        result = _check(request.config, path)
    except NumcheckError as exc:
        pytest.fail(f"numcheck: {exc}", pytrace=False)
    return dataclasses.replace(result, claims=result.claims.copy(), measures=result.measures.copy(),
                               discrepancies=result.discrepancies.copy())
