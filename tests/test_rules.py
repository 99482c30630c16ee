"""The rules, table-driven from tests/cases/rules/<rule name>.toml, plus the registry and helpers.

A case file holds a ``[measure]`` table (defaults for every case) and ``[[consistent]]``
/ ``[[inconsistent]]`` cases.  A case has an ``id``, ``claims`` (rows of the claims
frame; ``low``/``high`` default to ``value``; a date may give ``iso`` instead),
``expect`` (findings as severity and the surfaces of claims A and B, optionally a text
the explanation ``contains``), and optionally ``note``, ``measure`` (overrides),
``options`` (the rule's options), ``with_rules`` (rules selected alongside) and
``config`` (numcheck.toml text, e.g. ``[[reference]]`` tables).  A consistent case may
expect info findings only; an inconsistent case expects at least one warning or error.
A malformed file raises while this module is collected.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import pytest

from numcheck import schema as S
from numcheck.config import Config, Reference, loads_config
from numcheck.errors import ConfigError, RuleDefinitionError
from numcheck.records import Kind, Measure, Severity
from numcheck.rules import REGISTRY, lookup, register, select
from numcheck.rules.base import (NoOptions, Rule, claim_pairs, docstring_config, docstring_examples,
                                 interval_of, published_of)
from numcheck.rules.reference_value import ReferenceValue

CASES_DIR = Path(__file__).parent / "cases" / "rules"
CASE_KEYS = {"id", "note", "claims", "expect", "measure", "options", "with_rules", "config"}
MEASURE_KEYS = {"measure_id", "label", "kind", "unit", "noun", "context", "time_scope"}
CLAIM_KEYS = set(S.names(S.CLAIM_COLUMNS + S.MEASURE_COLUMNS_ADDED)) - {S.MEASURE_ID}
EXPECT_KEYS = {"severity", "a", "b", "contains"}


class RuleCase(NamedTuple):
    rule: str
    verdict: str  # consistent | inconsistent
    id: str
    measure: Measure
    claims: pd.DataFrame
    expect: list[tuple[str, str, str | None]]
    contains: list[tuple[str, str]]  # (surface of claim A, text its explanation contains)
    config: Config


def iso_days(iso: str) -> tuple[float, float]:
    """Ordinal days of the first and last day of an ISO date at its precision."""
    parts = [int(p) for p in iso.split("-")]
    first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 3:
        return first.toordinal(), first.toordinal()
    end = date(parts[0] + 1, 1, 1) if len(parts) == 1 or parts[1] == 12 else date(parts[0], parts[1] + 1, 1)
    return first.toordinal(), end.toordinal() - 1


def _fail(path: Path, case: str, message: str) -> None:
    raise ValueError(f"{path.name} case {case!r}: {message}")


def _claim_row(raw: dict, i: int, measure: Measure, where: tuple[Path, str]) -> dict:
    unknown = set(raw) - CLAIM_KEYS
    if unknown or "source" not in raw or "surface" not in raw:
        _fail(*where, f"claim {i}: needs source and surface; unknown keys {sorted(unknown)}")
    row = dict(raw)
    if "iso" in row and S.VALUE not in row:
        first, last = iso_days(row["iso"])
        row[S.VALUE] = first
        row.setdefault(S.LOW, first)
        row.setdefault(S.HIGH, last)
    if S.VALUE not in row:
        _fail(*where, f"claim {i}: needs value (or iso)")
    doc_id = row.setdefault(S.DOC_ID, f"{row['source'].lower().replace(' ', '_')}-{i}.txt")
    defaults = {S.CLAIM_ID: f"{doc_id}@{i}", S.LOW: row[S.VALUE], S.HIGH: row[S.VALUE],
                S.LOW_OPEN: False, S.HIGH_OPEN: False, S.QUALIFIER: "exact", S.KIND: str(measure.kind),
                S.UNIT: measure.unit, S.NOUN: measure.noun, S.CONTEXT: " ".join(measure.context),
                S.TIME_SCOPE: "", S.PLACE_SCOPE: "", S.CHANGE: "none", S.ISO: "",
                S.INDEPENDENT_SOURCE: row["source"], S.BOILERPLATE: False, S.DUPLICATE_OF: "",
                S.PUBLISHED: None}
    return {**defaults, **row, S.MEASURE_ID: measure.measure_id}


def _measure(defaults: dict, override: dict, where: tuple[Path, str]) -> Measure:
    table = {**defaults, **override}
    if set(table) - MEASURE_KEYS or "kind" not in table:
        _fail(*where, f"measure needs kind; unknown keys {sorted(set(table) - MEASURE_KEYS)}")
    return Measure(table.get("measure_id", "m001"), table.get("label", ""), Kind(table["kind"]),
                   table.get("unit", ""), table.get("noun", ""), tuple(table.get("context", ())),
                   table.get("time_scope", ""))


def _case(path: Path, verdict: str, raw: dict, defaults: dict) -> RuleCase:
    where = (path, str(raw.get("id")))
    if set(raw) - CASE_KEYS or not isinstance(raw.get("id"), str) or not raw.get("claims"):
        _fail(*where, f"needs id and claims; unknown keys {sorted(set(raw) - CASE_KEYS)}")
    measure = _measure(defaults, raw.get("measure", {}), where)
    rows = [_claim_row(c, i, measure, where) for i, c in enumerate(raw["claims"], 1)]
    claims = pd.DataFrame(rows, columns=[*S.names(S.CLAIM_COLUMNS), *S.names(S.MEASURE_COLUMNS_ADDED)])
    claims[S.PUBLISHED] = pd.to_datetime(claims[S.PUBLISHED])
    expect, contains = [], []
    for e in raw.get("expect", []):
        if set(e) - EXPECT_KEYS or "severity" not in e or "a" not in e:
            _fail(*where, f"expect entries need severity and a; got {sorted(e)}")
        expect.append((Severity(e["severity"]).value, e["a"], e.get("b")))
        if "contains" in e:
            contains.append((e["a"], e["contains"]))
    serious = [e for e in expect if e[0] != Severity.INFO.value]
    if (verdict == "consistent") == bool(serious):
        _fail(*where, f"a {verdict} case expects {'no' if serious else 'a'} warning or error")
    rule = path.stem
    config = loads_config(raw.get("config", ""), path=None)
    config = dataclasses.replace(config, rules=(rule, *raw.get("with_rules", ())),
                                 rule_options={rule: raw.get("options", {})})
    return RuleCase(rule, verdict, raw["id"], measure, claims, expect, contains, config)


def load_cases(path: Path) -> list[RuleCase]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if set(data) - {"measure", "consistent", "inconsistent"} or path.stem not in {c.name for c in REGISTRY.values()}:
        raise ValueError(f"{path.name}: must be named after a rule and hold only [measure], "
                         f"[[consistent]] and [[inconsistent]]; got {sorted(data)}")
    cases = [_case(path, verdict, raw, data.get("measure", {}))
             for verdict in ("consistent", "inconsistent") for raw in data.get(verdict, [])]
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path.name}: case ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}")
    return cases


CASES = [case for path in sorted(CASES_DIR.glob("*.toml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}::{c.verdict}::{c.id}" for c in CASES])
def test_rule_case(case: RuleCase) -> None:
    rule = next(r for r in select(case.config) if r.name == case.rule)
    findings = list(rule.check(case.measure, case.claims))
    got = sorted((f.severity.value, f.claim_a[S.SURFACE], f.claim_b[S.SURFACE] if f.claim_b else None)
                 for f in findings)
    assert got == sorted(case.expect)
    for f in findings:
        assert (f.rule_code, f.rule_name, f.measure_id) == (rule.code, rule.name, case.measure.measure_id)
    for surface, text in case.contains:
        explanations = [f.explanation for f in findings if f.claim_a[S.SURFACE] == surface]
        assert any(text in e for e in explanations), explanations


def test_every_rule_has_a_case_file_with_both_verdicts() -> None:
    for cls in REGISTRY.values():
        verdicts = {c.verdict for c in CASES if c.rule == cls.name}
        assert verdicts == {"consistent", "inconsistent"}, cls.name


def test_malformed_case_file_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "tolerance.toml"
    bad.write_text('[measure]\nkind = "count"\n[[inconsistent]]\nid = "x"\nclaims = [{ source = "A", surface = "1", value = 1 }]\n')
    with pytest.raises(ValueError, match="expects a warning or error"):
        load_cases(bad)
    bad.write_text('[measure]\nkind = "count"\n[[consistent]]\nid = "x"\nclaims = [{ source = "A", surface = "1", valu = 1 }]\n')
    with pytest.raises(ValueError, match="valu"):
        load_cases(bad)


# -- the registry ---------------------------------------------------------------------------

def test_registry_maps_code_name_module_and_class_one_to_one() -> None:
    assert [c.code for c in REGISTRY.values()] == ["NC101", "NC102", "NC103", "NC201", "NC301", "NC401"]
    for code, cls in REGISTRY.items():
        assert cls.code == code
        assert cls.__module__ == f"numcheck.rules.{cls.name}"
        assert cls.description == cls.__doc__.strip().splitlines()[0]
        assert lookup(code) is cls and lookup(cls.name) is cls and lookup(code.lower()) is cls


GOOD_DOC = '''Says something.

    Consistent::

        "3,000 children"  (source A)
        "3,000 children"  (source B, 2020-01-05)

    Inconsistent::

        "3,000 children"  (source A)
        "4,000 children"  (source B)
    '''


def _rule_class(name: str = "fake_rule", code: str = "NC999", doc: str | None = GOOD_DOC,
                module: str | None = None, **attrs: Any) -> type:
    body = {"__module__": module or f"numcheck.rules.{name}", "__doc__": doc, "code": code,
            "name": name, "severity": Severity.WARNING, "check": lambda self, m, c: iter(()), **attrs}
    return type("".join(p.capitalize() for p in name.split("_")), (Rule,), body)


@pytest.mark.parametrize("cls, message", [
    (_rule_class(code="NC1"), "does not match"),
    (_rule_class(code="NC101"), "already taken"),
    (_rule_class(name="interval_conflict", module="numcheck.rules.interval_conflict",
                 code="NC998"), "already taken"),
    (_rule_class(name="FakeRule", module="numcheck.rules.FakeRule"), "snake_case"),
    (_rule_class(module="numcheck.rules.other"), "is not its module's"),
    (_rule_class(doc=None), "one-sentence first line"),
    (_rule_class(doc=GOOD_DOC.split("Inconsistent::")[0]), "Inconsistent:: section"),
    (_rule_class(doc=GOOD_DOC.replace("(source B, 2020-01-05)", "(source A)")), "two or more sources"),
    (_rule_class(doc=GOOD_DOC.replace('"4,000 children"  (source B)', "4,000 children, source B")),
     "is not"),
    (_rule_class(severity="warning"), "severity"),
    (_rule_class(Options=dict), "frozen dataclass"),
    (_rule_class(check=Rule.check), "defines check"),
], ids=["code", "duplicate_code", "duplicate_name", "name_case", "module", "no_doc",
        "no_inconsistent", "one_source", "bad_example", "severity", "options", "no_check"])
def test_register_refuses(cls: type, message: str) -> None:
    before = dict(REGISTRY)
    with pytest.raises(RuleDefinitionError, match=message):
        register(cls)
    assert REGISTRY == before


def test_register_refuses_class_name_that_is_not_the_name() -> None:
    cls = _rule_class()
    cls.__name__ = "Fake"
    with pytest.raises(RuleDefinitionError, match="is class FakeRule"):
        register(cls)


def test_docstring_examples_and_config() -> None:
    examples = docstring_examples(_rule_class())
    assert examples["consistent"][1] == ("3,000 children", "source B", date(2020, 1, 5))
    assert [e.source for e in examples["inconsistent"]] == ["source A", "source B"]
    assert docstring_config(ReferenceValue).startswith("[[reference]]\nmeasure = ")
    assert loads_config(docstring_config(ReferenceValue)).references[0].value == 3014
    assert docstring_config(_rule_class()) == ""


# -- selection ------------------------------------------------------------------------------

def test_select_all_exclude_and_order() -> None:
    assert [r.code for r in select()] == list(REGISTRY)
    chosen = select(Config(rules=("NC301", "tolerance"), exclude_rules=("part_whole",)))
    assert [r.name for r in chosen] == ["tolerance"]
    assert [r.code for r in select(Config(exclude_rules=("NC102",)))] == \
        ["NC101", "NC103", "NC201", "NC301", "NC401"]


def test_select_options_and_peers() -> None:
    rules = {r.name: r for r in select(Config(rule_options={"NC102": {"relative": 0.2}}))}
    assert rules["tolerance"].options.relative == 0.2
    assert rules["interval_conflict"].peers == {"cumulative_growth": rules["cumulative_growth"]}
    alone = select(Config(rules=("interval_conflict",)))[0]
    assert alone.peers == {}


@pytest.mark.parametrize("config, message", [
    (Config(rules=("nc999",)), "unknown rule 'nc999'"),
    (Config(exclude_rules=("tolerence",)), "valid rules: all, NC101 interval_conflict"),
    (Config(rule_options={"tolerance": {"relativ": 0.1}}), "no option 'relativ'"),
    (Config(rule_options={"tolerance": {"relative": "5%"}}), "must be float"),
    (Config(rule_options={"tolerance": {"relative": 2.0}}), r"relative must be in \[0, 1\)"),
    (Config(rule_options={"cumulative_growth": {"min_days": True}}), "must be int"),
    (Config(rule_options={"cumulative_growth": {"events": ["die", 3]}}), "events item must be str"),
    (Config(rule_options={"nosuch": {}}), "unknown rule 'nosuch'"),
], ids=["rule", "exclude", "option_key", "option_type", "option_value", "bool_for_int", "item",
        "options_of_unknown_rule"])
def test_select_refuses(config: Config, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        select(config)


def test_rule_options_checked_at_the_door() -> None:
    assert REGISTRY["NC102"]({"relative": 0.1}).options.relative == 0.1
    with pytest.raises(TypeError, match="options of tolerance must be ToleranceOptions"):
        REGISTRY["NC102"](NoOptions())


# -- helpers --------------------------------------------------------------------------------

def _frame(*rows: dict) -> pd.DataFrame:
    base = {S.VALUE: 1.0, S.SURFACE: "1", S.PLACE_SCOPE: "", S.TIME_SCOPE: "", S.CHANGE: "none"}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_claim_pairs_only_independent_sources_and_same_scope() -> None:
    claims = _frame(
        {S.DOC_ID: "a.txt", S.SOURCE: "A", S.INDEPENDENT_SOURCE: "A", S.SURFACE: "a"},
        {S.DOC_ID: "b.txt", S.SOURCE: "B", S.INDEPENDENT_SOURCE: "A", S.SURFACE: "copy of a"},
        {S.DOC_ID: "c.txt", S.SOURCE: "C", S.INDEPENDENT_SOURCE: "C", S.SURFACE: "c"},
        {S.DOC_ID: "c.txt", S.SOURCE: "C", S.INDEPENDENT_SOURCE: "C", S.SURFACE: "c again"},
        {S.DOC_ID: "d.txt", S.SOURCE: "D", S.INDEPENDENT_SOURCE: "D", S.SURFACE: "d in El Paso",
         S.PLACE_SCOPE: "El Paso"},
        {S.DOC_ID: "e.txt", S.SOURCE: "E", S.INDEPENDENT_SOURCE: "E", S.SURFACE: "e in Yuma",
         S.PLACE_SCOPE: "Yuma"},
    )
    pairs = [(a[S.SURFACE], b[S.SURFACE]) for a, b in claim_pairs(claims)]
    assert pairs == [("a", "c"), ("a", "c again"), ("copy of a", "c"), ("copy of a", "c again")]
    parts = [(a[S.SURFACE], b[S.SURFACE]) for a, b in claim_pairs(claims, part_whole=True)]
    assert ("d in El Paso", "a") in parts and ("e in Yuma", "c again") in parts
    assert all(a[S.PLACE_SCOPE] and not b[S.PLACE_SCOPE] for a, b in claim_pairs(claims, part_whole=True))
    assert len(parts) == 2 * 4


def test_interval_of_and_published_of() -> None:
    row = {S.VALUE: 3000.0, S.LOW: 3000.0, S.HIGH: math.inf, S.LOW_OPEN: True, S.HIGH_OPEN: False,
           S.PUBLISHED: pd.Timestamp("2021-01-14")}
    assert str(interval_of(row)) == "(3,000, inf]"
    assert published_of(row) == date(2021, 1, 14)
    for unknown in (None, pd.NaT, "", float("nan")):
        assert published_of({S.PUBLISHED: unknown}) is None
    assert published_of({S.PUBLISHED: "2018-06-25"}) == date(2018, 6, 25)
    with pytest.raises(ValueError, match="no value"):
        interval_of({S.CLAIM_ID: "x@1", S.VALUE: float("nan")})


def test_reference_in_an_incompatible_unit_is_a_config_error() -> None:
    reference = Reference(measure="m001", value=5, unit="USD", source="somebody")
    rule = ReferenceValue(references=[reference], path="numcheck.toml")
    measure = Measure("m001", "days held", Kind.DURATION, unit="day")
    claims = _frame({S.DOC_ID: "a.txt", S.SOURCE: "A", S.UNIT: "day", S.LOW: 1.0, S.HIGH: 2.0})
    with pytest.raises(ConfigError, match=r"numcheck.toml: \[\[reference\]\] for 'm001': cannot express"):
        list(rule.check(measure, claims))
