"""Every registered rule keeps its contract, and its docstring examples hold through the real pipeline.

Each example block (``Consistent::`` / ``Inconsistent::``, format in
:mod:`numcheck.rules.base.docstrings`) becomes a DataFrame of documents, one per line, checked
with only that rule selected (plus the rule's ``Config::`` section, if any).  The
consistent block must give no warning or error of the rule, the inconsistent block
at least one; info findings (a superseded figure) are notes and count as neither.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

import numcheck
from numcheck import schema as S
from numcheck.config import Config, loads_config
from numcheck.records import Severity
from numcheck.rules import REGISTRY
from numcheck.rules.base import Rule, docstring_config, docstring_examples

RULES = list(REGISTRY.values())
SERIOUS = {Severity.WARNING.value, Severity.ERROR.value}


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_contract(rule: type[Rule]) -> None:
    assert re.fullmatch(r"NC\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", rule.name)
    assert rule.__module__ == f"numcheck.rules.{rule.name}"
    assert rule.__name__ == "".join(p.capitalize() for p in rule.name.split("_"))
    assert rule.description and rule.description.endswith(".")
    assert isinstance(rule.severity, Severity)
    assert "\nConsistent::\n" in rule.__doc__.replace("    ", "")
    assert "\nInconsistent::\n" in rule.__doc__.replace("    ", "")
    examples = docstring_examples(rule)
    assert len(examples["consistent"]) >= 2 and len(examples["inconsistent"]) >= 2


def _config(rule: type[Rule]) -> Config:
    return dataclasses.replace(loads_config(docstring_config(rule)), rules=(rule.name,))


def _run(rule: type[Rule], block: str) -> pd.DataFrame:
    examples = docstring_examples(rule)[block]
    frame = pd.DataFrame({"text": [e.text for e in examples], "source": [e.source for e in examples],
                          "published": pd.to_datetime(pd.Series([e.published for e in examples]))})
    found = numcheck.check(frame, config=_config(rule)).discrepancies
    return found[found[S.RULE_NAME] == rule.name]


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_consistent_examples_hold(rule: type[Rule]) -> None:
    found = _run(rule, "consistent")
    serious = found[found[S.SEVERITY].isin(SERIOUS)]
    assert serious.empty, serious[[S.SEVERITY, S.EXPLANATION]].to_string()


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_inconsistent_examples_hold(rule: type[Rule]) -> None:
    found = _run(rule, "inconsistent")
    assert found[S.SEVERITY].isin(SERIOUS).any(), found.to_string()
