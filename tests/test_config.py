"""numcheck.toml: a good file loads into Config; every bad one is a ConfigError naming file, key, line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from numcheck.config import Accepted, Config, Reference, apply_acceptances, load_config, loads_config
from numcheck.errors import ConfigError, InputError
from numcheck.records import Finding, Kind, Measure, Severity
from numcheck.rules import select

GOOD = '''\
paths = ["stories/", "extra/one.txt"]
exclude_rules = ["NC201"]

[rules]
select = ["all"]

[rules.tolerance]
relative = 0.1
qualifiers = ["exact", "about"]

[rules.NC103]
min_days = 30

[[reference]]
measure = "children separated"
value = 3014
source = "HHS count filed in court"

[[reference]]
measure = "m004"
low = 2018-04-01
high = 2018-04-30
source = "DOJ"

[[accepted]]
measure = "children separated"
documents = ["a.txt", "b.txt"]
rule = "NC101"
reason = "A counts children, B counts families"
'''


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "numcheck.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_config(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, GOOD))
    assert config.paths == (str(tmp_path / "stories"), str(tmp_path / "extra" / "one.txt"))
    assert (config.rules, config.exclude_rules) == (("all",), ("date_conflict",))
    assert config.rule_options == {"tolerance": {"relative": 0.1, "qualifiers": ["exact", "about"]},
                                   "cumulative_growth": {"min_days": 30}}
    assert config.references[0] == Reference("children separated", "HHS count filed in court", 3014)
    dated = config.references[1]
    assert (dated.low, dated.high, dated.iso) == (date(2018, 4, 1).toordinal(),
                                                  date(2018, 4, 30).toordinal(), "2018-04-01..2018-04-30")
    assert config.accepted == (Accepted("children separated", "A counts children, B counts families",
                                        ("a.txt", "b.txt"), "interval_conflict"),)
    assert config.path == tmp_path / "numcheck.toml"
    rules = {r.name: r for r in select(config)}
    assert set(rules) == {"interval_conflict", "tolerance", "cumulative_growth", "part_whole",
                          "reference_value"}
    assert rules["tolerance"].options.qualifiers == ("exact", "about")
    assert rules["cumulative_growth"].options.min_days == 30
    assert rules["reference_value"].references == config.references


def test_short_forms_and_defaults() -> None:
    config = loads_config('rules = ["NC101", "part_whole"]\nexample = "zero-tolerance"\n')
    assert (config.rules, config.example, config.paths) == (("interval_conflict", "part_whole"),
                                                            "zero-tolerance", ())
    assert loads_config("") == Config()
    assert [r.code for r in select(loads_config("[rules.tolerance]\nrelative = 0.2\n"))][:2] == \
        ["NC101", "NC102"]


@pytest.mark.parametrize("text, message, line", [
    ('paths = ["a"\nrules = ["all"]\n', "invalid TOML", 2),
    ('rules = ["all"]\n\n[rules.tolerance]\nrelative = 0.1\n', "invalid TOML", 3),
    ("colour = 1\n", "unknown key 'colour' in the top level", 1),
    ('rules = ["all", "NC999"]\n', "rules: unknown rule 'NC999'", 1),
    ('exclude_rules = ["tolerence"]\n', "exclude_rules: unknown rule 'tolerence'", 1),
    ('rules = "all"\n', "rules must be a list or a table", 1),
    ("paths = 3\n", "paths must be a list of strings", None),
    ("example = 3\n", "example must be a non-empty string", None),
    ("[rules]\nselect = [1]\n", "rules.select must be a list of strings", None),
    ("[rules.tolerance]\nrelativ = 0.1\n", r"\[rules.tolerance\] has no option 'relativ'", 2),
    ('[rules.tolerance]\nrelative = "5%"\n', r"\[rules.tolerance\] relative must be float", 2),
    ("[rules.tolerance]\nrelative = 1.5\n", "relative must be in", None),
    ("[rules.part_whole]\nstrict = true\n", "has no option 'strict'", 2),
    ("[rules.nosuch]\nx = 1\n", r"unknown key 'nosuch' in \[rules\]", 1),
    ('[rules.cumulative_growth]\nevents = "die"\n', "events must be list", 2),
    ("[[reference]]\nvalue = 3\nsource = 'x'\n", r"\[\[reference\]\] #1: measure must be", None),
    ("[[reference]]\nmeasure = 'm'\nvalue = 3\n", r"#1: source must be a non-empty string", None),
    ("[[reference]]\nmeasure = 'm'\nsource = 's'\n", "give value, or low and high", None),
    ("[[reference]]\nmeasure = 'm'\nsource = 's'\nlow = 3\n", "give both low and high", None),
    ("[[reference]]\nmeasure = 'm'\nsource = 's'\nvalue = 5\nlow = 6\nhigh = 9\n", "low <= value <= high", None),
    ("[[reference]]\nmeasure = 'm'\nsource = 's'\nvalue = 'many'\n", "must be numbers", None),
    ("[[reference]]\nmeasure = 'm'\nsource = 's'\nvalue = 2018-04-06T10:00:00\n", "all be dates", None),
    ("[[reference]]\nmeasure = 'm'\nsource = 's'\nvalue = 3\nunits = 'USD'\n", "unknown key 'units' in "
     r"\[\[reference\]\] #1", 5),
    ("reference = 3\n", r"written as \[\[reference\]\] tables", None),
    ("[[accepted]]\nmeasure = 'm'\n", r"\[\[accepted\]\] #1: reason must be a non-empty string", None),
    ("[[accepted]]\nmeasure = 'm'\nreason = 'r'\nrule = 'NC777'\n", "unknown rule 'NC777'", 4),
    ("[[accepted]]\nmeasure = 'm'\nreason = 'r'\ndocuments = 'a.txt'\n", "documents must be a list", 4),
    ("[[accepted]]\nmeasure = 'm'\nreason = 'r'\nwhy = 'x'\n", "unknown key 'why'", 4),
], ids=["syntax", "rules_list_and_table", "top_key", "rule", "exclude", "rules_string", "paths",
        "example", "select_item", "option_key", "option_type", "option_value", "no_options",
        "rules_table_key", "option_list", "ref_measure", "ref_source", "ref_value", "ref_low_only",
        "ref_order", "ref_string", "ref_datetime", "ref_key", "ref_not_tables", "acc_reason",
        "acc_rule", "acc_documents", "acc_key"])
def test_bad_config(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert caught.value.path == path
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_invalid_toml_for_rules_list_and_table_gives_a_hint(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"write the list as select = \[\.\.\.\] under \[rules\]"):
        load_config(_write(tmp_path, 'rules = ["all"]\n[rules.tolerance]\nrelative = 0.1\n'))


def test_unknown_option_lists_the_valid_keys(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, "[rules.tolerance]\nrelativ = 0.1\n"))
    assert caught.value.hint == "valid keys: relative, min_significant, qualifiers"


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read") as caught:
        load_config(tmp_path / "missing.toml")
    assert isinstance(caught.value, InputError) and isinstance(caught.value, ValueError)
    (tmp_path / "latin1.toml").write_bytes('example = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="is not valid UTF-8"):
        load_config(tmp_path / "latin1.toml")


def test_config_checks_its_arguments() -> None:
    assert Config(rules=["NC101"]).rules == ("NC101",)
    with pytest.raises(TypeError, match="rules must be a list or tuple of strings, not str"):
        Config(rules="NC101")
    with pytest.raises(TypeError, match="references must hold Reference records"):
        Config(references=({"measure": "m"},))
    with pytest.raises(TypeError, match="rule_options must map rule names to option mappings"):
        Config(rule_options={"tolerance": 0.1})
    with pytest.raises(ValueError, match="reason must be a non-empty string"):
        Accepted(measure="m", reason=" ")


# -- acceptances ----------------------------------------------------------------------------

def _finding(measure_id: str, rule: tuple[str, str], *docs: str) -> Finding:
    claims = [{"doc_id": d, "surface": "3,000"} for d in docs]
    return Finding(rule[0], rule[1], Severity.ERROR, measure_id, claims[0], "they differ",
                   claims[1] if len(claims) > 1 else None)


NC101 = ("NC101", "interval_conflict")
NC401 = ("NC401", "reference_value")


def test_apply_acceptances() -> None:
    measures = {"m001": Measure("m001", "children separated", Kind.COUNT),
                "m002": Measure("m002", "families separated", Kind.COUNT)}
    findings = [
        _finding("m001", NC101, "stories/a.txt", "stories/b.txt"),  # accepted: by label, rule, documents
        _finding("m001", NC101, "stories/a.txt", "stories/c.txt"),  # c.txt is not listed
        _finding("m001", NC401, "stories/a.txt"),  # another rule
        _finding("m002", NC401, "d.txt"),  # accepted by measure id, any rule, any document
    ]
    accepted = [
        Accepted("Children Separated", "B counts families", ("a.txt", "b.txt"), "NC101"),
        Accepted("m002", "the reference is out of date"),
        Accepted("deaths", "no such measure"),
    ]
    marked, unused = apply_acceptances(findings, measures, accepted)
    assert [(f.accepted, f.accepted_reason) for f in marked] == [
        (True, "B counts families"), (False, ""), (False, ""), (True, "the reference is out of date")]
    assert unused == [accepted[2]]
    assert [f.explanation for f in marked] == ["they differ"] * 4


def test_accepted_document_matches_whole_path_parts_only() -> None:
    entry = Accepted("m001", "ok", ("a.txt",))
    assert entry.matches(_finding("m001", NC401, "news/a.txt"))
    assert not entry.matches(_finding("m001", NC401, "news/data.txt"))
