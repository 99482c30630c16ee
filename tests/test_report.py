"""report: quoting, the table/json/csv renderings and the plain finding text.

Most tests run on a CheckResult built by hand from the schema helpers (two
sources, one disagreement), so they pin the rendering, not the extractor;
the last ones render the real check of the bundled example.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import NamedTuple

import pandas as pd
import pytest

import numcheck
from numcheck import schema as s
from numcheck.records import (CheckResult, Claim, Document, Finding, Interval, Kind, Measure,
                              Qualifier, Severity)
from numcheck.report import (format_findings, quote, quote_findings, render, summarize,
                             summary_line)

A_TEXT = "Intro. The policy went on to separate nearly 3,000 children from their parents."
B_TEXT = "As a result, more than 3,000 children were separated from their families [sic] =1+1."


def _claim(doc: Document, surface: str, interval: Interval, qualifier: Qualifier,
           sentence_start: int) -> Claim:
    start = doc.text.index(surface)
    return Claim(start=start, end=start + len(surface), surface=surface, value=3000.0, interval=interval,
                 kind=Kind.COUNT, qualifier=qualifier, unit="count", noun="child",
                 sentence=doc.text[sentence_start:], sentence_start=sentence_start,
                 doc_id=doc.doc_id, source=doc.source, published=doc.published)


def hand_result(*, accepted: bool = False, findings: bool = True) -> CheckResult:
    docs = (Document("a.txt", "Ledger", A_TEXT, date(2020, 10, 7)),
            Document("b.txt", "Wire", B_TEXT, date(2021, 1, 14)))
    claims = [_claim(docs[0], "nearly 3,000", Interval(2700, 3000, high_open=True), Qualifier.NEARLY, 7),
              _claim(docs[1], "more than 3,000", Interval(3000, math.inf, low_open=True), Qualifier.MORE_THAN, 0)]
    frame = s.claims_frame(claims)
    frame[s.MEASURE_ID] = "m001"
    frame[s.BOILERPLATE] = False
    frame[s.DUPLICATE_OF] = ""
    frame[s.INDEPENDENT_SOURCE] = frame[s.SOURCE]
    measure = Measure("m001", "children separated", Kind.COUNT, "count", "child", n_claims=2, n_sources=2)
    rows = frame.to_dict("records")
    found = [Finding("NC101", "interval_conflict", Severity.ERROR, "m001", rows[0],
                     "'nearly 3,000' (Ledger) and 'more than 3,000' (Wire) do not overlap", rows[1],
                     accepted=accepted, accepted_reason="the wire counts later reunions" if accepted else "")]
    return CheckResult(frame, s.measures_frame([measure]),
                       s.discrepancies_frame(found if findings else [], {"m001": measure.label}), docs)


class QuoteCase(NamedTuple):
    sentence: str
    sentence_start: int
    start: int
    end: int
    expected: str


QUOTES = [
    QuoteCase("It separated nearly 3,000 children.", 0, 13, 25, "It separated «nearly 3,000» children."),
    QuoteCase("It separated nearly 3,000 children.", 100, 113, 125, "It separated «nearly 3,000» children."),
    QuoteCase("3,000 at the start.", 0, 0, 5, "«3,000» at the start."),
    QuoteCase("At the end 3,000", 0, 11, 16, "At the end «3,000»"),
    QuoteCase("Broken\nacross   lines 12 here", 0, 22, 24, "Broken across lines «12» here"),
    QuoteCase("Offsets outside the sentence.", 0, 40, 45, "Offsets outside the sentence."),
    QuoteCase("Negative offsets.", 10, 0, 3, "Negative offsets."),
    QuoteCase("", 0, 0, 0, ""),
]


@pytest.mark.parametrize("case", QUOTES, ids=lambda c: c.expected or "empty")
def test_quote(case: QuoteCase) -> None:
    assert quote(case.sentence, case.sentence_start, case.start, case.end) == case.expected


def test_quote_marks_and_escape_apply_to_text_only() -> None:
    import html
    got = quote("a <b> & 5 < 6", 0, 12, 13, ("<mark>", "</mark>"), escape=html.escape)
    assert got == "a &lt;b&gt; &amp; 5 &lt; <mark>6</mark>"


def test_quote_findings_uses_claim_offsets() -> None:
    q = quote_findings(hand_result())
    assert q["quote_a"].iloc[0] == "The policy went on to separate «nearly 3,000» children from their parents."
    assert q["quote_b"].iloc[0].startswith("As a result, «more than 3,000» children")


def test_quote_findings_falls_back_to_the_surface_without_claims() -> None:
    result = hand_result()
    bare = CheckResult(result.claims.iloc[0:0], result.measures, result.discrepancies, result.documents)
    assert "«nearly 3,000»" in quote_findings(bare)["quote_a"].iloc[0]


def test_table_groups_by_measure_and_quotes_each_claim() -> None:
    text = render(hand_result())
    lines = text.splitlines()
    assert lines[0].startswith("children separated") and "m001" in lines[0]
    assert "ERROR" in lines[1] and "NC101 interval_conflict" in lines[1]
    assert "Ledger, 2020-10-07 (a.txt)" in text and "Wire, 2021-01-14 (b.txt)" in text
    assert "«nearly 3,000»" in text and "«more than 3,000»" in text
    assert "do not overlap" in text
    assert "\x1b[" not in text  # no colour unless asked
    assert max(len(line) for line in lines[:-1]) <= 120
    assert lines[-1] == summary_line(hand_result())  # one line, however long


def test_table_article_text_is_not_rich_markup() -> None:
    assert "[sic] =1+1" in render(hand_result())


def test_table_colour_on_request() -> None:
    assert "\x1b[" in render(hand_result(), color=True)


def test_table_without_findings() -> None:
    text = render(hand_result(findings=False))
    assert "No discrepancies found." in text
    assert "0 errors" in text


def test_table_shows_acceptance() -> None:
    text = render(hand_result(accepted=True))
    assert "ACCEPTED ERROR" in text and "accepted: the wire counts later reunions" in text


def test_summary_counts() -> None:
    counts = summarize(hand_result(accepted=True))
    assert counts == {"documents": 2, "sources": 2, "duplicates": 0, "claims": 2, "boilerplate": 0,
                      "measures": 1, "accepted": 1, "error": 0, "warning": 0, "info": 0}
    line = summary_line(hand_result())
    assert line.startswith("2 documents from 2 sources, 2 claims, 1 measure; findings: 1 error, 0 warnings, 0 info")
    assert line.endswith("set aside: 0 duplicate documents, 0 boilerplate claims")


def test_json_is_the_discrepancy_records() -> None:
    records = json.loads(render(hand_result(), "json"))
    assert len(records) == 1
    assert list(records[0]) == s.names(s.DISCREPANCY_COLUMNS)
    assert records[0]["rule"] == "NC101" and records[0]["accepted"] is False
    assert records[0]["high_b"] is None  # unbounded: JSON has no infinity
    assert records[0]["low_b"] == 3000.0


def test_csv_is_the_export_text() -> None:
    from numcheck.export import to_csv_text
    assert render(hand_result(), "csv") == to_csv_text(hand_result())


def test_render_refuses_unknown_format_and_type() -> None:
    with pytest.raises(ValueError, match="fmt must be one of table, json, csv"):
        render(hand_result(), "xml")
    with pytest.raises(TypeError, match="result must be a CheckResult"):
        render(pd.DataFrame(), "table")


def test_format_findings_is_the_failure_text() -> None:
    result = hand_result()
    text = format_findings(result.discrepancies, result.claims)
    assert text.splitlines() == [
        "measure: children separated (m001)",
        "error NC101 interval_conflict",
        "  A: Ledger, 2020-10-07 (a.txt)",
        '     "The policy went on to separate «nearly 3,000» children from their parents."',
        "  B: Wire, 2021-01-14 (b.txt)",
        '     "As a result, «more than 3,000» children were separated from their families [sic] =1+1."',
        "  'nearly 3,000' (Ledger) and 'more than 3,000' (Wire) do not overlap",
    ]


# -- the real thing -------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_result() -> CheckResult:
    return numcheck.check(example="zero-tolerance")


def test_render_example_every_format(example_result: CheckResult) -> None:
    table = render(example_result)
    assert table.splitlines()[-1] == summary_line(example_result)
    records = json.loads(render(example_result, "json"))
    assert len(records) == len(example_result.discrepancies)
    assert render(example_result, "csv").splitlines()[0] == ",".join(s.names(s.DISCREPANCY_COLUMNS))
    for q in quote_findings(example_result)["quote_a"]:
        assert "«" in q and "»" in q


def test_the_table_wrapper_wraps_as_textwrap_does() -> None:
    """report's greedy line filling (a fast path) gives textwrap.fill's lines, or defers to it."""
    import textwrap

    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    from numcheck.report.table import _wrapper

    words = st.text(alphabet="ab,.«»\u00a0-\t\n ", min_size=0, max_size=14)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(words, max_size=40), st.sampled_from([" ", "  ", "\n"]), st.integers(12, 40))
    @example(["aaa", "aaa", "\u00a0"], " ", 12)  # textwrap drops a line of only a no-break space
    def same(parts: list[str], sep: str, width: int) -> None:
        text = sep.join(parts)
        expected = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ",
                                        break_on_hyphens=False).fill(text)
        if len(text) <= width - 4 and "\n" not in text:
            expected = "    " + text
        assert _wrapper(width, 4)(text) == expected

    same()
