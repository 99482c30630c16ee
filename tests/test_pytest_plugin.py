"""The pytest plugin, run through pytester on the seeds and the bundled example; assert_consistent.

Expected on the seeds (``../shared/seeds``): one error-level measure,
"children separated" ("nearly 3,000 children" in seed 002 against "more
than 3,000 children" in seed 004), a date warning (the policy announced in
April 2018 or May 2018), the other measures passing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import numcheck
import numcheck.engine  # noqa: F401  imported here, so pytester's inline runs share the loaded extractor
from numcheck.errors import InconsistentClaims
from numcheck.schema import MEASURE_ID, N_SOURCES, SEVERITY
from numcheck.testing import assert_consistent

pytest_plugins = ["pytester"]

SEEDS_OUTCOME = {"failed": 1, "passed": 2, "warnings": 1}
FAILURE_TEXT = ["*measure: children separated*", "*error NC101 interval_conflict*", "*«nearly 3,000»*",
                "*«more than 3,000»*"]


@pytest.fixture(autouse=True)
def _quiet_rewrite_warning(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inline runs after numcheck is imported warn "Module already imported so cannot be
    rewritten; numcheck" (once per run, twice when the whole suite runs first); the counts
    below are about numcheck's own warnings.  No cache either: with ``--numcheck SEEDS`` the
    rootdir is ../shared/seeds, which the tests must not write into."""
    monkeypatch.setenv("PYTEST_ADDOPTS", "-W ignore::pytest.PytestAssertRewriteWarning -p no:cacheprovider")


def toml_path(path: Path) -> str:
    return str(path).replace("\\", "/")


@pytest.fixture
def seeds_toml(pytester: pytest.Pytester, seeds_dir: Path):
    """Write a numcheck.toml over the seeds, with extra TOML appended."""
    def write(extra: str = "") -> Path:
        return pytester.makefile(".toml", numcheck=f'paths = ["{toml_path(seeds_dir)}"]\n{extra}')
    return write


def test_seeds_folder_one_failure_one_warning(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    result = pytester.runpytest("--numcheck", str(seeds_dir), "-v")
    result.assert_outcomes(**SEEDS_OUTCOME)
    result.stdout.fnmatch_lines(["*::children separated FAILED*"])
    result.stdout.fnmatch_lines(["*measure: children separated*", *FAILURE_TEXT[1:]])
    result.stdout.fnmatch_lines(["*NumcheckWarning: measure: date: policy announced*", "*«April 2018»*"])
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*pytest_plugin.py*")


def test_failure_text_names_sources_and_dates(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    result = pytester.runpytest(f"--numcheck={seeds_dir}")
    result.stdout.fnmatch_lines([
        "*_ measure: children separated _*",
        "measure: children separated (m*)",
        "error NC101 interval_conflict",
        "  A: 002_629ffa57cfc0d820, date unknown (002_629ffa57cfc0d820.txt)",
        '     "*separate «nearly 3,000» children from their parents."',
        "  B: 004_a7613cb33c941bf4, 2021-01-14 (004_a7613cb33c941bf4.txt)",
        '     "As a result, «more than 3,000» children were separated from their families*',
        "  *no value satisfies both*",
    ])


def test_report_header_lists_active_rules(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    result = pytester.runpytest("--numcheck", str(seeds_dir), "--collect-only")
    result.stdout.fnmatch_lines(["numcheck rules: NC101 interval_conflict, *NC201 date_conflict*"])
    assert "numcheck rules" not in "\n".join(pytester.runpytest("--collect-only").outlines)


def test_numcheck_toml_is_collected_without_the_option(pytester: pytest.Pytester, seeds_toml) -> None:
    seeds_toml()
    result = pytester.runpytest()
    result.assert_outcomes(**SEEDS_OUTCOME)
    result.stdout.fnmatch_lines(FAILURE_TEXT)


def test_accepted_finding_is_xfailed_with_its_reason(pytester: pytest.Pytester, seeds_toml) -> None:
    seeds_toml('[[accepted]]\nmeasure = "children separated"\nrule = "NC101"\n'
               'reason = "seed 004 counts every child, seed 002 an early tally"\n')
    result = pytester.runpytest("-rx")
    result.assert_outcomes(passed=2, xfailed=1, warnings=1)
    result.stdout.fnmatch_lines(["XFAIL numcheck.toml::children separated - accepted: seed 004 counts every "
                                 "child, seed 002 an early tally"])


def test_k_selects_a_measure_by_its_label(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    # -k takes words joined by and/or: "children separated" is written "children and separated"
    result = pytester.runpytest("--numcheck", str(seeds_dir), "-k", "children and separated")
    result.assert_outcomes(failed=1, deselected=2)
    result = pytester.runpytest("--numcheck", str(seeds_dir), "-k", "NC201")  # rule codes are keywords
    result.assert_outcomes(passed=1, deselected=2, warnings=1)
    result = pytester.runpytest("--numcheck", str(seeds_dir), "-k", "not separated")
    result.assert_outcomes(passed=1, deselected=2, warnings=1)


def test_junitxml(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    xml = pytester.path / "junit.xml"
    pytester.runpytest("--numcheck", str(seeds_dir), f"--junitxml={xml}").assert_outcomes(**SEEDS_OUTCOME)
    cases = {c.get("name"): c for c in ET.parse(xml).getroot().iter("testcase")}
    assert set(cases) >= {"children separated", "date: policy announced"}
    failure = cases["children separated"].find("failure")
    assert failure is not None
    assert "«nearly 3,000»" in failure.text and "«more than 3,000»" in failure.text
    assert failure.get("message").startswith("measure: children separated")
    properties = {p.get("name"): p.get("value") for p in cases["children separated"].iter("property")}
    assert properties["rules"] == "NC101" and properties["measure_id"].startswith("m")
    assert [name for name, case in cases.items() if case.find("failure") is not None] == ["children separated"]


def test_rules_file_replaces_the_rule_selection(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    rules = pytester.makefile(".toml", strict='exclude_rules = ["interval_conflict"]\n')
    result = pytester.runpytest("--numcheck", str(seeds_dir), "--numcheck-rules", str(rules))
    result.stdout.fnmatch_lines(["numcheck rules: NC102 tolerance, *"])
    result.assert_outcomes(passed=3, warnings=1)


def test_info_finding_passes_and_is_a_report_section(pytester: pytest.Pytester) -> None:
    pytester.mkdir("growing")
    (pytester.path / "growing" / "a.txt").write_text(
        "---\nsource: Early Post\ndate: 2018-06-25\n---\n"
        "More than 2,300 children separated from their parents are in government custody.\n", encoding="utf-8")
    (pytester.path / "growing" / "b.txt").write_text(
        "---\nsource: Late Wire\ndate: 2021-01-14\n---\n"
        "The report found that more than 3,000 children were separated from their families.\n", encoding="utf-8")
    result = pytester.runpytest("--numcheck", "growing", "-rP")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*numcheck info*", "info NC103 cumulative_growth",
                                 "     \"«More than 2,300» children separated*"])


def test_bad_config_is_a_collection_error_without_traceback(pytester: pytest.Pytester, seeds_toml) -> None:
    seeds_toml("bogus = 1\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR collecting numcheck.toml*",
                                 "numcheck: *numcheck.toml:2: unknown key 'bogus' in the top level (valid keys: *)"])
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*.py:*")


def test_missing_corpus_is_a_collection_error(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", numcheck='paths = ["no/such/folder"]\n')
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["numcheck: *no/such/folder*"])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_other_tests_run_alongside(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    pytester.makepyfile(test_plain="def test_one():\n    assert True\n")
    pytester.runpytest("--numcheck", str(seeds_dir)).assert_outcomes(**SEEDS_OUTCOME)  # only the corpus
    result = pytester.runpytest("test_plain.py", "--numcheck", str(seeds_dir))  # both
    result.assert_outcomes(failed=1, passed=3, warnings=1)
    pytester.runpytest().assert_outcomes(passed=1)  # no option, no toml: the plugin stays out of the way


def test_numcheck_result_fixture(pytester: pytest.Pytester, seeds_dir: Path) -> None:
    pytester.makepyfile(test_fixture=f"""
        import pytest

        @pytest.mark.numcheck_path({str(seeds_dir)!r})
        def test_marker(numcheck_result):
            assert not numcheck_result.ok
            assert list(numcheck_result.errors["measure"]) == ["children separated"]

        def test_option(numcheck_result):
            assert len(numcheck_result.documents) == 5
            numcheck_result.claims["surface"] = ""  # each test gets its own copy

        def test_option_again(numcheck_result):
            assert (numcheck_result.claims["surface"] != "").all()
    """)
    result = pytester.runpytest("test_fixture.py", "--numcheck", str(seeds_dir))
    result.assert_outcomes(passed=3 + 2, failed=1, warnings=1)  # + the seeds' own measures
    result = pytester.runpytest("test_fixture.py", "-k", "option")
    result.assert_outcomes(errors=2, deselected=1)  # the fixture cannot be set up
    result.stdout.fnmatch_lines(["*numcheck_result needs a corpus: --numcheck PATH*"])


def test_bundled_example_matches_the_engine(pytester: pytest.Pytester, example_corpus: Path) -> None:
    """The plugin maps the engine's result one to one: an item per shared or disputed measure."""
    checked = numcheck.check(example="zero-tolerance")
    measures, d = checked.measures, checked.discrepancies
    disputed = set(d[MEASURE_ID])
    items = measures[(measures[N_SOURCES] >= 2) | measures[MEASURE_ID].isin(disputed)]
    failing = set(checked.errors[MEASURE_ID])
    warned = set(d.loc[(d[SEVERITY] == "warning") & ~d["accepted"], MEASURE_ID])
    result = pytester.runpytest("--numcheck", str(example_corpus))
    result.assert_outcomes(failed=len(failing), passed=len(items) - len(failing),
                           warnings=len(warned))
    for label in d["measure"].unique():
        result.stdout.fnmatch_lines([f"*{label}*"])


# -- assert_consistent --------------------------------------------------------------------

def test_assert_consistent_raises_with_the_failure_text(seeds_dir: Path) -> None:
    with pytest.raises(InconsistentClaims) as info:
        assert_consistent(seeds_dir)
    message = str(info.value)
    assert message.splitlines()[0] == "1 error-level finding in 1 measure"
    assert "measure: children separated" in message and "«nearly 3,000»" in message
    assert list(info.value.discrepancies["rule"]) == ["NC101"]
    assert isinstance(info.value, AssertionError)


def test_assert_consistent_returns_the_result_when_ok(seeds_dir: Path, tmp_path: Path) -> None:
    result = assert_consistent(seeds_dir, rules=["date_conflict", "tolerance"])
    assert result.ok and set(result.discrepancies["rule"]) <= {"NC201", "NC102"}
    assert assert_consistent(result) is result
    config = tmp_path / "numcheck.toml"
    config.write_text(f'paths = ["{toml_path(seeds_dir)}"]\n\n[[accepted]]\nmeasure = "children separated"\n'
                      'reason = "reviewed"\n', encoding="utf-8")
    assert assert_consistent(config).ok
    assert assert_consistent(seeds_dir, config=config).ok
    assert numcheck.assert_consistent is assert_consistent


def test_assert_consistent_checks_its_arguments(seeds_dir: Path) -> None:
    result = numcheck.check(seeds_dir)
    with pytest.raises(TypeError, match="cannot be given with a CheckResult"):
        assert_consistent(result, rules=["NC101"])
    with pytest.raises(TypeError, match="rules must be rule codes or names"):
        assert_consistent(seeds_dir, rules=[101])
