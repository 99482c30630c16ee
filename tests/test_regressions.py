"""One test per fixed bug (pint's test_issues.py): the docstring says what broke and where.

Table-driven figure expectations live in tests/cases/extract/; a bug lands here when it
was fixed and must stay fixed whatever the case tables become.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import numcheck
from numcheck.records import Change, Kind


def test_issue_public_extract_is_the_function() -> None:
    """``numcheck.extract`` was the subpackage once ``numcheck.extract`` had been imported, and
    ``numcheck.extract_text`` recursed forever in a fresh interpreter (fixed in ba4611b).
    Run in a fresh interpreter: inside pytest, another module may have imported the subpackage."""
    code = textwrap.dedent("""
        import numcheck
        assert callable(numcheck.extract), numcheck.extract
        assert [c.surface for c in numcheck.extract_text("It cost $5.")] == ["$5"]
        import numcheck.extract
        from numcheck import extract
        assert callable(numcheck.extract) and callable(extract), numcheck.extract
        from numcheck.extract import extract_text
        assert extract_text is numcheck.extract_text
    """)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]


@pytest.mark.parametrize("text, surface, kind, value, unit", [
    ("The club has a $45,000 hole in its budget.", "$45,000", Kind.MONEY, 45000, "USD"),
    ("It is a $5 fee.", "$5", Kind.MONEY, 5, "USD"),
    ("Prices saw a 5% rise.", "5%", Kind.PERCENT, 5, "percent"),
    ("We have a considerable $390,000 gap.", "$390,000", Kind.MONEY, 390000, "USD"),
])
def test_issue_figure_right_after_the_article_a(text: str, surface: str, kind: Kind, value: float,
                                                unit: str) -> None:
    """After the token scan (0b1d52f), a figure right after the article "a" was lost ("a $5 fee")
    or read as the count "000" ("a $390,000 gap" -> value 0)."""
    claims = numcheck.extract_text(text)
    assert [(c.surface, c.kind, c.value, c.unit) for c in claims] == [(surface, kind, value, unit)]


def test_issue_ended_up_is_no_change() -> None:
    """The particle of "ended up separating" made "nearly 3,000" a change up (fixed in 872054a)."""
    (claim,) = numcheck.extract_text("The policy ended up separating nearly 3,000 children.")
    assert (claim.surface, claim.noun, claim.change) == ("nearly 3,000", "child", Change.NONE)


def test_issue_parents_of_children_counts_children() -> None:
    """"parents of 628 migrant children": the figure counts children, not parents (872054a)."""
    (claim,) = numcheck.extract_text("The parents of 628 migrant children remain missing.")
    assert (claim.surface, claim.noun, claim.modifiers) == ("628", "child", ("migrant",))


def test_issue_rate_per_counted_noun_checks() -> None:
    """A money rate per counted noun ("$2 per share") has a unit pint cannot read; grouping
    its measure raised UndefinedUnitError, so check() failed on any corpus holding one."""
    import pandas as pd

    docs = pd.DataFrame({"text": ["The bakery paid its owners $2 per share in 2021.",
                                  "In 2021 the bakery paid owners $3 per share."],
                         "source": ["Harbor Post", "Valley Times"]})
    result = numcheck.check(docs)
    money = result.claims[result.claims["unit"] == "USD / share"]
    assert len(money) == 2 and money["measure_id"].nunique() == 1
