"""Measures and the check's promise, on the seed articles and on the bundled example corpus.

The tables name claims as ``(document prefix, surface, occurrence)``: the document
whose id starts with the prefix, its claims with that surface in text order.
These assertions are the product's promise (README, "Quick start"): when one
fails, the pipeline is wrong, not the test.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import numcheck
from numcheck import schema as S

class Ref(NamedTuple):
    doc: str  # prefix of the doc_id
    surface: str
    occurrence: int = 1

    def __str__(self) -> str:
        return f"{self.doc}:{self.surface}" + (f"#{self.occurrence}" if self.occurrence > 1 else "")


@lru_cache(maxsize=None)
def _check(path: str):
    return numcheck.check(path)


@pytest.fixture(params=["seeds", "example"])
def corpus(request: pytest.FixtureRequest) -> str:
    return request.param


def _result(which: str, request: pytest.FixtureRequest):
    folder = request.getfixturevalue("seeds_dir" if which == "seeds" else "example_corpus")
    return _check(str(folder))


def _claim(claims: pd.DataFrame, ref: Ref) -> pd.Series:
    rows = claims[claims[S.DOC_ID].str.startswith(ref.doc) & (claims[S.SURFACE] == ref.surface)]
    rows = rows.sort_values(S.START)
    assert len(rows) >= ref.occurrence, f"no claim {ref}; claims of {ref.doc}: " \
        f"{claims.loc[claims[S.DOC_ID].str.startswith(ref.doc), S.SURFACE].tolist()}"
    return rows.iloc[ref.occurrence - 1]


def _all(claims: pd.DataFrame, doc: str, surface: str) -> pd.DataFrame:
    rows = claims[claims[S.DOC_ID].str.startswith(doc) & (claims[S.SURFACE] == surface)]
    assert len(rows) > 0, f"no claim {doc}:{surface}"
    return rows


def _params(rows: list[tuple], n: int, ids: list[str]) -> list:
    """Rows of n values, or n values and an xfail reason, as pytest params."""
    out = []
    for row, id_ in zip(rows, ids):
        values, reason = row[:n], (row[n] if len(row) > n else None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(*values, id=id_, marks=marks))
    return out


# -- copies -------------------------------------------------------------------------------------

# (corpus, copy prefix, original prefix)
DUPLICATES = [
    ("seeds", "001_", "000_1baa3f050055ad49.txt"),
    ("example", "gazette_", "dispatch_campaign_ad.txt"),
]
ORIGINALS = [("seeds", p) for p in ("000_", "002_", "003_", "004_")] + \
    [("example", p) for p in ("courier_", "dispatch_", "ledger_", "wire_")]


@pytest.mark.parametrize("which, copy, original", DUPLICATES, ids=[f"{c}{d}" for c, d, _ in DUPLICATES])
def test_copy_is_duplicate_of_its_original(which: str, copy: str, original: str,
                                           request: pytest.FixtureRequest) -> None:
    claims = _result(which, request).claims
    rows = claims[claims[S.DOC_ID].str.startswith(copy)]
    assert len(rows) > 0
    assert set(rows[S.DUPLICATE_OF]) == {original}
    source = claims.loc[claims[S.DOC_ID] == original, S.SOURCE].iloc[0]
    assert set(rows[S.INDEPENDENT_SOURCE]) == {source}


@pytest.mark.parametrize("which, doc", ORIGINALS, ids=[f"{c}:{d}" for c, d in ORIGINALS])
def test_originals_are_no_copies(which: str, doc: str, request: pytest.FixtureRequest) -> None:
    claims = _result(which, request).claims
    rows = claims[claims[S.DOC_ID].str.startswith(doc)]
    assert len(rows) > 0
    assert set(rows[S.DUPLICATE_OF]) == {""}


# -- boilerplate ----------------------------------------------------------------------------------

# (corpus, doc prefix, surface, boilerplate?[, xfail reason]): every claim with that surface
BOILERPLATE = [
    ("seeds", "001_", "$390,000", True),
    ("seeds", "001_", "June 30", True),
    ("seeds", "003_", "$253,000", True),
    ("seeds", "003_", "October 7", True),
    ("seeds", "003_", "$1 million", True),
    ("seeds", "003_", "10 percent", True),
    ("seeds", "000_", "more than 2,700", False),
    ("seeds", "001_", "more than 2,700", False),
    ("seeds", "002_", "nearly 3,000", False),
    ("seeds", "003_", "more than 2,300", False),
    ("seeds", "004_", "more than 3,000", False),
    ("seeds", "004_", "$227 million", False),
    ("example", "dispatch_", "$390,000", True),
    ("example", "gazette_", "$390,000", True),
    ("example", "dispatch_", "June 30", True),
    ("example", "courier_", "$253,000", True),
    ("example", "courier_", "October 7", True),
    ("example", "ledger_", "nearly 3,000", False),
    ("example", "wire_", "more than 3,000", False),
    ("example", "wire_", "$227 million", False),
]


@pytest.mark.parametrize("which, doc, surface, boilerplate",
                         _params(BOILERPLATE, 4, [f"{r[0]}:{r[1]}{r[2]}" for r in BOILERPLATE]))
def test_boilerplate(which: str, doc: str, surface: str, boilerplate: bool, request: pytest.FixtureRequest) -> None:
    rows = _all(_result(which, request).claims, doc, surface)
    assert rows[S.BOILERPLATE].tolist() == [boilerplate] * len(rows)


# -- which claims share a measure ---------------------------------------------------------------

# (corpus, a, b, same measure?[, xfail reason])
PAIRS = [
    ("seeds", Ref("002_", "nearly 3,000"), Ref("004_", "more than 3,000"), True),
    ("seeds", Ref("002_", "April 2018"), Ref("004_", "April 2018"), True),
    ("seeds", Ref("000_", "May 2018"), Ref("002_", "April 2018"), True),
    ("seeds", Ref("000_", "May 2018"), Ref("004_", "April 2018"), True),
    ("seeds", Ref("004_", "more than 3,000"), Ref("000_", "more than 2,700"), False),   # children / families
    ("seeds", Ref("002_", "nearly 3,000"), Ref("004_", "approximately 280"), False),   # children / families
    ("seeds", Ref("004_", "more than 3,000"), Ref("004_", "about 3,000"), False),      # children / beds
    ("seeds", Ref("002_", "nearly 3,000"), Ref("004_", "about 3,000"), False),         # children / beds
    ("seeds", Ref("000_", "nearly 70,000"), Ref("002_", "nearly 3,000"), False),       # detained 2019 / separated
    ("seeds", Ref("000_", "nearly 70,000"), Ref("004_", "more than 3,000"), False),
    ("seeds", Ref("004_", "628"), Ref("004_", "more than 3,000"), False),              # missing parents / separated
    ("seeds", Ref("004_", "628"), Ref("002_", "nearly 3,000"), False),
    ("seeds", Ref("004_", "$227 million"), Ref("001_", "$390,000"), False),            # shortfall / fund-raising
    ("seeds", Ref("001_", "$390,000"), Ref("003_", "$253,000"), False),                # two fund-raising targets
    ("example", Ref("ledger_", "nearly 3,000"), Ref("wire_", "more than 3,000"), True),
    ("example", Ref("ledger_", "April 2018"), Ref("wire_", "April 2018"), True),
    ("example", Ref("dispatch_", "May 2018"), Ref("ledger_", "April 2018"), True),
    ("example", Ref("wire_", "more than 3,000"), Ref("dispatch_", "more than 2,700"), False),
    ("example", Ref("wire_", "more than 3,000"), Ref("wire_", "about 3,000"), False),
    ("example", Ref("dispatch_", "Nearly 70,000"), Ref("ledger_", "nearly 3,000"), False),
    ("example", Ref("wire_", "628"), Ref("wire_", "more than 3,000"), False),
    ("example", Ref("wire_", "$227 million"), Ref("courier_", "$253,000"), False),
]


@pytest.mark.parametrize("which, a, b, same",
                         _params(PAIRS, 4, [f"{r[0]}:{r[1]}{'==' if r[3] else '!='}{r[2]}" for r in PAIRS]))
def test_measure_pairs(which: str, a: Ref, b: Ref, same: bool, request: pytest.FixtureRequest) -> None:
    claims = _result(which, request).claims
    ma, mb = _claim(claims, a)[S.MEASURE_ID], _claim(claims, b)[S.MEASURE_ID]
    assert (ma == mb) is same, f"{a} in {ma}, {b} in {mb}"


# (corpus, claim, label of its measure, kind)
LABELS = [
    ("seeds", Ref("002_", "nearly 3,000"), "children separated", "count"),
    ("seeds", Ref("004_", "more than 3,000"), "children separated", "count"),
    ("example", Ref("ledger_", "nearly 3,000"), "children separated", "count"),
    ("example", Ref("wire_", "more than 3,000"), "children separated", "count"),
]


@pytest.mark.parametrize("which, ref, label, kind", LABELS, ids=[f"{r[0]}:{r[1]}" for r in LABELS])
def test_measure_label(which: str, ref: Ref, label: str, kind: str, request: pytest.FixtureRequest) -> None:
    result = _result(which, request)
    measure_id = _claim(result.claims, ref)[S.MEASURE_ID]
    row = result.measures[result.measures[S.MEASURE_ID] == measure_id].iloc[0]
    assert (row[S.LABEL], row[S.KIND]) == (label, kind)


@pytest.mark.parametrize("which, refs", [
    ("seeds", [Ref("000_", "May 2018"), Ref("002_", "April 2018"), Ref("004_", "April 2018")]),
    ("example", [Ref("dispatch_", "May 2018"), Ref("ledger_", "April 2018"), Ref("wire_", "April 2018")]),
], ids=["seeds", "example"])
def test_announcement_dates_share_one_date_measure(which: str, refs: list[Ref], request: pytest.FixtureRequest) -> None:
    result = _result(which, request)
    ids = {_claim(result.claims, r)[S.MEASURE_ID] for r in refs}
    assert len(ids) == 1
    row = result.measures[result.measures[S.MEASURE_ID] == ids.pop()].iloc[0]
    assert row[S.KIND] == "date"


# -- the check's promise -------------------------------------------------------------------------

def _measure_of(result, ref: Ref) -> str:
    return _claim(result.claims, ref)[S.MEASURE_ID]


SEPARATED = {"seeds": (Ref("002_", "nearly 3,000"), Ref("004_", "more than 3,000")),
             "example": (Ref("ledger_", "nearly 3,000"), Ref("wire_", "more than 3,000"))}
ANNOUNCED = {"seeds": Ref("004_", "April 2018"), "example": Ref("wire_", "April 2018")}
FUNDRAISING = {"seeds": [("001_", "$390,000"), ("001_", "June 30"), ("003_", "$253,000"), ("003_", "October 7")],
               "example": [("dispatch_", "June 30"), ("gazette_", "June 30"), ("courier_", "$253,000"),
                           ("courier_", "October 7")]}


def test_exactly_one_error_interval_conflict_on_children_separated(corpus: str, request: pytest.FixtureRequest) -> None:
    result = _result(corpus, request)
    d = result.discrepancies
    errors = d[d[S.SEVERITY] == "error"]
    assert len(errors) == 1, errors[[S.MEASURE, S.RULE_NAME, "surface_a", "surface_b"]].to_string()
    error = errors.iloc[0]
    a, b = SEPARATED[corpus]
    assert error[S.RULE_NAME] == "interval_conflict"
    assert error[S.MEASURE] == "children separated"
    assert error[S.MEASURE_ID] == _measure_of(result, a)
    assert {error["surface_a"], error["surface_b"]} == {a.surface, b.surface}
    assert {error["claim_id_a"], error["claim_id_b"]} == {_claim(result.claims, a)[S.CLAIM_ID],
                                                          _claim(result.claims, b)[S.CLAIM_ID]}
    assert not result.ok and len(result.errors) == 1


def test_warnings_are_date_conflicts_on_the_announcement(corpus: str, request: pytest.FixtureRequest) -> None:
    result = _result(corpus, request)
    d = result.discrepancies
    warnings = d[d[S.SEVERITY] == "warning"]
    assert len(warnings) >= 1
    assert set(warnings[S.RULE_NAME]) == {"date_conflict"}
    assert set(warnings[S.MEASURE_ID]) == {_measure_of(result, ANNOUNCED[corpus])}
    pairs = {frozenset((w["surface_a"], w["surface_b"])) for _, w in warnings.iterrows()}
    assert pairs == {frozenset(("May 2018", "April 2018"))}


def test_no_finding_between_families_and_children(corpus: str, request: pytest.FixtureRequest) -> None:
    result = _result(corpus, request)
    noun = dict(zip(result.claims[S.CLAIM_ID], result.claims[S.NOUN]))
    for _, f in result.discrepancies.iterrows():
        nouns = {noun.get(f["claim_id_a"], ""), noun.get(f["claim_id_b"], "")}
        assert not {"family", "child"} <= nouns, f[[S.MEASURE, S.RULE_NAME, "surface_a", "surface_b"]].to_dict()


def test_no_finding_on_the_fundraising_figures(corpus: str, request: pytest.FixtureRequest) -> None:
    result = _result(corpus, request)
    claims = result.claims
    ids, measures = set(), set()
    for doc, surface in FUNDRAISING[corpus]:
        rows = _all(claims, doc, surface)
        ids |= set(rows[S.CLAIM_ID])
        measures |= set(rows[S.MEASURE_ID])
    d = result.discrepancies
    touching = d[d["claim_id_a"].isin(ids) | d["claim_id_b"].isin(ids) | d[S.MEASURE_ID].isin(measures)]
    assert len(touching) == 0, touching[[S.MEASURE, S.RULE_NAME, "surface_a", "surface_b"]].to_string()
    boilerplate = set(claims.loc[claims[S.BOILERPLATE], S.CLAIM_ID])
    assert not (set(d["claim_id_a"]) | set(d["claim_id_b"])) & boilerplate


def test_seed_check_findings_in_full(seeds_dir: Path) -> None:
    d = _check(str(seeds_dir)).discrepancies
    got = sorted((r[S.SEVERITY], r[S.RULE_NAME], r[S.MEASURE], r["surface_a"], r["surface_b"]) for _, r in d.iterrows())
    assert got == [
        ("error", "interval_conflict", "children separated", "nearly 3,000", "more than 3,000"),
        ("warning", "date_conflict", "date: policy announced", "May 2018", "April 2018"),
        ("warning", "date_conflict", "date: policy announced", "May 2018", "April 2018"),
    ]


def test_example_check_findings_match_the_readme(example_corpus: Path) -> None:
    d = _check(str(example_corpus)).discrepancies
    got = sorted((r[S.SEVERITY], r[S.RULE_NAME], r["surface_a"], r["doc_a"], r["surface_b"], r["doc_b"])
                 for _, r in d.iterrows())
    assert got == [
        ("error", "interval_conflict", "nearly 3,000", "ledger_draft_report.txt",
         "more than 3,000", "wire_inspector_general.txt"),
        ("info", "cumulative_growth", "More than 2,300", "courier_school_speech.txt",
         "more than 3,000", "wire_inspector_general.txt"),
        ("warning", "date_conflict", "May 2018", "dispatch_campaign_ad.txt",
         "April 2018", "ledger_draft_report.txt"),
        ("warning", "date_conflict", "May 2018", "dispatch_campaign_ad.txt",
         "April 2018", "wire_inspector_general.txt"),
    ]


def _dtypes(frame: pd.DataFrame, columns) -> dict[str, tuple[str, str]]:
    return {c.name: (str(frame[c.name].dtype), c.dtype) for c in columns if str(frame[c.name].dtype) != c.dtype}


def test_check_frames_have_the_documented_columns(corpus: str, request: pytest.FixtureRequest) -> None:
    """Measures and discrepancies in documented order and dtypes; the claims frame of a check
    carries the documented claim columns plus the four the measures stage adds (the claim
    columns' dtypes are asserted in test_extract)."""
    result = _result(corpus, request)
    assert list(result.measures.columns) == S.names(S.MEASURE_COLUMNS)
    assert _dtypes(result.measures, S.MEASURE_COLUMNS) == {}
    assert list(result.discrepancies.columns) == S.names(S.DISCREPANCY_COLUMNS)
    assert _dtypes(result.discrepancies, S.DISCREPANCY_COLUMNS) == {}
    assert list(result.claims.columns)[:len(S.CLAIM_COLUMNS)] == S.names(S.CLAIM_COLUMNS)
    assert set(result.claims.columns) == set(S.names(S.CLAIM_COLUMNS + S.MEASURE_COLUMNS_ADDED))
    assert _dtypes(result.claims, S.MEASURE_COLUMNS_ADDED) == {}
    assert set(result.claims[S.MEASURE_ID]) <= set(result.measures[S.MEASURE_ID])


# -- stories --------------------------------------------------------------------------------

def test_every_document_of_one_story_lands_in_one_story(corpus: str, request: pytest.FixtureRequest) -> None:
    """The seed articles (and the example's) are one story, however loosely each one covers it."""
    claims = _result(corpus, request).claims
    assert claims[S.STORY].nunique() == 1


# Invented articles: two about a dam failure, two about a school budget, one budget copy.
_DAM_A = ("Floodwater from the failed Marrow Creek dam forced 4,200 residents of Alder Falls from their "
          "homes on Tuesday, county emergency officials said. The earthen dam gave way after three days "
          "of rain, and engineers had warned about seepage at the spillway since the spring inspection. "
          "Officials said 600 workers were hired.")
_DAM_B = ("Engineers had flagged seepage at the Marrow Creek dam spillway months before it failed, records "
          "show. About 3,100 Alder Falls residents were evacuated as floodwater spread, county emergency "
          "officials said, and the earthen dam remained breached after the rain stopped.")
_BUDGET_A = ("The Ridgeview school board approved a budget that cuts 3,900 classroom aides over two years, "
             "trustees said Thursday. Teachers packed the meeting to oppose the cuts, and the superintendent "
             "said enrollment losses left the district no choice. Officials said 900 workers were hired.")
_BUDGET_B = ("Trustees of the Ridgeview school district voted to cut classroom aides, a budget vote that "
             "teachers protested loudly; the superintendent blamed falling enrollment and said 2,000 aides "
             "would go over two years.")


def _story_frame(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts), "source": [f"Outlet {n}" for n in range(len(texts))],
                         "id": [f"doc{n}" for n in range(len(texts))]})


def test_unrelated_stories_are_apart_and_related_articles_together() -> None:
    result = numcheck.check(_story_frame(_DAM_A, _DAM_B, _BUDGET_A, _BUDGET_B))
    story = result.claims.groupby(S.DOC_ID)[S.STORY].first().to_dict()
    assert story["doc0"] == story["doc1"] and story["doc2"] == story["doc3"]
    assert story["doc0"] != story["doc2"]


def test_find_stories_links_a_copy_to_its_original_and_leaves_a_stranger_alone() -> None:
    from numcheck.measures import find_stories, sketch
    from numcheck.records import Document

    docs = [Document(f"d{n}", f"S{n}", text) for n, text in enumerate((_DAM_A, _DAM_B, _BUDGET_A, _BUDGET_B))]
    terms = {d.doc_id: sketch(d.text).terms for d in docs}
    assert find_stories(docs, terms) == {"d0": 1, "d1": 1, "d2": 2, "d3": 2}
    # d2 declared a copy of d0 joins d0's story; d3, like d2 but unlike the dam articles on
    # average, is not chained in after it (single-link components put it in story 1 too)
    assert find_stories(docs, terms, copies={"d2": "d0"}) == {"d0": 1, "d1": 1, "d2": 1, "d3": 2}
    assert find_stories(docs, terms, similarity=1.01) == {"d0": 1, "d1": 2, "d2": 3, "d3": 4}


def test_a_measure_never_joins_two_stories() -> None:
    """"600 workers were hired" (dam story) and "900 workers were hired" (budget story) have
    the same kind, noun and event: without stories they would be one measure and a conflict."""
    result = numcheck.check(_story_frame(_DAM_A, _DAM_B, _BUDGET_A, _BUDGET_B))
    claims = result.claims.set_index(S.SURFACE)
    hired = claims.loc[["600", "900"]]
    assert hired[S.NOUN].nunique() == 1 and hired[S.CONTEXT].nunique() == 1 and hired[S.UNIT].nunique() == 1
    assert hired[S.STORY].nunique() == 2 and hired[S.MEASURE_ID].nunique() == 2
    assert (result.claims.groupby(S.MEASURE_ID)[S.STORY].nunique() == 1).all()
    assert "600" not in set(result.discrepancies["surface_a"]) | set(result.discrepancies["surface_b"])


def _copies_case():
    """Synthetic articles with wire copies of our own making: (documents, sketches)."""
    from datetime import date, timedelta

    from numcheck.records import Document
    from numcheck.synthetic import iter_articles

    docs = []
    for n, article in enumerate(iter_articles(30, seed=5)):
        docs.append(Document(doc_id=article.name, source=f"S{n % 4}", text=article.text,
                             published=date(2020, 1, 1) + timedelta(days=n % 9)))
    for n in (2, 11, 17):  # reprints: the same story with a line of their own, a day later
        original = docs[n]
        docs.append(Document(doc_id=f"z{n}_reprint.txt", source="Wire", published=original.published + timedelta(days=1),
                             text=original.text + "\nReprinted with permission of the publisher.\n"))
    return docs


def _known(before, copies, after):
    """KnownCopies of a run on ``before`` that found ``copies``, for a run on ``after``."""
    from numcheck.measures import KnownCopies, sketch

    now = {d.doc_id: (d.text, d.published) for d in after}
    results = {d.doc_id: copies.get(d.doc_id, "") for d in before if now.get(d.doc_id) == (d.text, d.published)}
    changed = tuple(h for d in before if d.doc_id not in results for h in sketch(d.text).shingles.tolist())
    return KnownCopies(results, changed)


_WIRE_BODY = ("The harbour board voted on Tuesday to close the north pier for repairs that will take "
              "about nine months and cost 4.2 million dollars. Ferries will use the south pier meanwhile, "
              "and the board expects 300 extra cars a day on the coast road while the work goes on.\n")
# (case id, [(doc_id, source, day, footer)], expected copies): a same-day pair is ordered by
# the credit line, not by doc_id; other days by date
SAME_DAY_CREDIT = [
    ("credit_line_names_the_wire", [("a_paper.txt", "Dune Courier", 3, "The Dune Courier prints Tidewire reports."),
                                    ("b_wire.txt", "Tidewire", 3, "(c) Tidewire.")],
     {"a_paper.txt": "b_wire.txt"}),
    ("no_credit_keeps_doc_id_order", [("a_paper.txt", "Dune Courier", 3, "Printed by arrangement."),
                                      ("b_wire.txt", "Tidewire", 3, "(c) Tidewire.")],
     {"b_wire.txt": "a_paper.txt"}),
    ("earlier_day_decides", [("a_paper.txt", "Dune Courier", 2, "The Dune Courier prints Tidewire reports."),
                             ("b_wire.txt", "Tidewire", 3, "(c) Tidewire.")],
     {"b_wire.txt": "a_paper.txt"}),
    ("each_names_the_other", [("a_paper.txt", "Dune Courier", 3, "From Tidewire."),
                              ("b_wire.txt", "Tidewire", 3, "Also in the Dune Courier.")],
     {"b_wire.txt": "a_paper.txt"}),
    ("a_third_copy_follows_the_original", [("a_paper.txt", "Dune Courier", 3, "The Dune Courier prints Tidewire reports."),
                                           ("b_wire.txt", "Tidewire", 3, "(c) Tidewire."),
                                           ("c_weekly.txt", "Bay Weekly", 5, "")],
     {"a_paper.txt": "b_wire.txt", "c_weekly.txt": "b_wire.txt"}),
]


@pytest.mark.parametrize("docs, expected", [pytest.param(d, e, id=i) for i, d, e in SAME_DAY_CREDIT])
def test_same_day_copy_is_the_one_that_credits_the_other(docs: list[tuple], expected: dict[str, str]) -> None:
    """A wire story and a paper's copy printed the same day: the copy is the one whose text
    credits the other's source; without a credit line doc_id order stands."""
    from numcheck.measures import find_duplicates
    from numcheck.records import Document

    from numcheck.measures import sketch

    documents = [Document(doc_id, source, _WIRE_BODY + footer, published=date(2025, 4, day))
                 for doc_id, source, day, footer in docs]
    assert find_duplicates(documents) == expected
    # a re-check that adds the last document finds the same
    shingles = {d.doc_id: (sketch(d.text).shingles, sketch(d.text).step) for d in documents}
    before = documents[:-1]
    known = _known(before, find_duplicates(before, sketches=shingles), documents)
    assert find_duplicates(documents, sketches=shingles, known=known) == expected


def test_copies_found_again_after_changes_are_those_a_fresh_run_finds() -> None:
    """find_duplicates(known=...) (a re-check) gives what a run without it gives, when an
    original of a copy is removed, a copy is added, a text is edited and a date moved."""
    from dataclasses import replace

    from numcheck.measures import find_duplicates, sketch

    before = _copies_case()
    sk = {d.doc_id: sketch(d.text) for d in before}
    copies = find_duplicates(before, sketches={k: (v.shingles, v.step) for k, v in sk.items()})
    assert {"z2_reprint.txt", "z11_reprint.txt", "z17_reprint.txt"} <= set(copies)
    after = [d for d in before if d.doc_id != before[11].doc_id]  # the original of a reprint goes
    after.append(replace(before[5], doc_id="y5_reprint.txt", text=before[5].text + "\nShared.\n"))
    after[3] = replace(after[3], text=after[3].text.replace("\n\n", "\n\nA new paragraph of our own.\n\n", 1))
    after[20] = replace(after[20], published=after[20].published - timedelta(days=30))
    sk = {d.doc_id: sketch(d.text) for d in after}
    shingles = {k: (v.shingles, v.step) for k, v in sk.items()}
    fresh = find_duplicates(after, sketches=shingles)
    assert find_duplicates(after, sketches=shingles, known=_known(before, copies, after)) == fresh
    assert fresh.get("y5_reprint.txt") == before[5].doc_id and "z11_reprint.txt" not in fresh
    assert find_duplicates(after, sketches=shingles, known=_known(after, fresh, after)) == fresh


def test_copies_after_documents_are_only_added_are_those_a_fresh_run_finds(monkeypatch) -> None:
    """Only additions (the usual re-check): a new reprint of an article, and a new article
    published a day before another with its text (that one becomes its copy); documents that
    share shingles with them are settled by measuring the added originals only."""
    from dataclasses import replace

    from numcheck import measures
    from numcheck.measures import find_duplicates, sketch

    before = _copies_case()
    sk = {d.doc_id: sketch(d.text) for d in before}
    copies = find_duplicates(before, sketches={k: (v.shingles, v.step) for k, v in sk.items()})
    plain = [d for d in before if d.doc_id not in copies and d.doc_id not in copies.values()]
    after = before + [replace(plain[4], doc_id="a4_early.txt", published=plain[4].published - timedelta(days=1),
                              text=plain[4].text.replace("\n\n", "\n\nOur own opening line.\n\n", 1)),
                      replace(plain[6], doc_id="y6_reprint.txt", text=plain[6].text + "\nShared.\n")]
    shingles = {d.doc_id: (sketch(d.text).shingles, sketch(d.text).step) for d in after}
    fresh = find_duplicates(after, sketches=shingles)
    assert fresh[plain[4].doc_id] == "a4_early.txt" and fresh["y6_reprint.txt"] == plain[6].doc_id
    settled: list[str | None] = []
    real = measures._with_added
    monkeypatch.setattr(measures.copies, "_with_added", lambda *a: settled.append(real(*a)) or settled[-1])
    assert find_duplicates(after, sketches=shingles, known=_known(before, copies, after)) == fresh
    assert "a4_early.txt" in settled  # the article it copies now, found by measuring the added ones alone


def test_sorted_index_gives_the_originals_before_a_place_as_the_cold_index_does() -> None:
    """_SortedIndex.before (a re-check's index) names, for each hash, the originals ranked
    before a place that hold it, in rank order: the lists find_duplicates' own index holds
    when it reaches that place."""
    import numpy as np

    from numcheck.measures import _SortedIndex, find_duplicates, sketch

    docs = _copies_case()
    shingles = {d.doc_id: (sketch(d.text).shingles, sketch(d.text).step) for d in docs}
    copies = find_duplicates(docs, sketches=shingles)
    order = sorted(docs, key=lambda d: (d.published is None, d.published or 0, d.doc_id))
    index = _SortedIndex(order, shingles)
    original_at = np.array([d.doc_id not in copies for d in order])
    cold: dict[int, list[str]] = {}
    for n, doc in enumerate(order):
        hashes = shingles[doc.doc_id][0].tolist()
        expected = {h: list(cold[h]) for h in hashes if cold.get(h)}
        assert index.before(n, hashes, original_at) == expected
        assert index.count_before(n, hashes, original_at) == [len(expected.get(h, ())) for h in hashes]
        if original_at[n]:
            for h in hashes:
                cold.setdefault(h, []).append(doc.doc_id)


@pytest.mark.parametrize("modifiers, expected", [
    (["harbour crane"], ["harbour"]),  # one claim, distinct words: its first
    (["crane harbour crane"], ["crane"]),  # one claim, a word twice: the commoner
    ([""], []),
    (["ferry pier", "ferry dock"], ["ferry"]),  # every claim has it
    (["ferry pier", "dock pier", "ferry dock"], []),  # the commonest is not in every claim
])
def test_a_date_measure_is_named_by_the_noun_its_claims_share(modifiers: list[str], expected: list[str]) -> None:
    from numcheck.measures import _shared_noun

    assert _shared_noun(modifiers) == expected


@pytest.mark.parametrize("contexts, expected", [
    (["rise fall"], ("fall", "rise")),
    (["close open", "open close", "close"], ("close",)),
    (["flood", "drought", "flood rise"], ()),  # nothing shared after two: nothing at the end
    (["", "sink"], ("sink",)),  # a claim without context does not empty it
    ([""], ()),
])
def test_a_measure_context_is_the_words_every_claim_has(contexts: list[str], expected: tuple[str, ...]) -> None:
    from numcheck.measures import _Rows, _shared_context

    assert _shared_context(_Rows({S.CONTEXT: contexts}, list(range(len(contexts))))) == expected


def _adjusted_rand(truth: list[int], found: list[int]) -> float:
    """Adjusted Rand index of two labelings (Hubert & Arabie), written out here because
    scikit-learn is not a dependency of numcheck for this one formula."""
    from collections import Counter
    from math import comb

    both = sum(comb(c, 2) for c in Counter(zip(truth, found)).values())
    a = sum(comb(c, 2) for c in Counter(truth).values())
    b = sum(comb(c, 2) for c in Counter(found).values())
    expected = a * b / comb(len(truth), 2)
    return (both - expected) / ((a + b) / 2 - expected)


def test_adjusted_rand_of_known_labelings() -> None:
    assert _adjusted_rand([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    assert _adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    assert _adjusted_rand([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.24242424)


def test_stories_of_a_synthetic_corpus_are_recovered(tmp_path: Path) -> None:
    """300 generated articles (42 stories sharing templates and names): the stories found
    agree with the generator's (adjusted Rand 0.90 with numcheck.stories' pass; 0.86 with the
    pass before it; single-link components gave one story for all, 0.0)."""
    from numcheck.corpus import load
    from numcheck.measures import find_duplicates, find_stories, sketch
    from numcheck.synthetic import generate, iter_articles

    generate(tmp_path, 300, seed=0)
    truth_of = {a.name: a.story for a in iter_articles(300, seed=0)}
    docs = load([str(tmp_path)])
    sketches = {d.doc_id: sketch(d.text) for d in docs}
    copies = find_duplicates(docs, sketches={k: (v.shingles, v.step) for k, v in sketches.items()})
    found = find_stories(docs, {k: v.terms for k, v in sketches.items()}, copies)
    truth = [truth_of[Path(d.doc_id).name] for d in docs]
    assert len(set(truth)) == 42
    assert _adjusted_rand(truth, [found[d.doc_id] for d in docs]) >= 0.8
    assert all(found[copy] == found[original] for copy, original in copies.items())


def test_synthetic_articles_carry_their_story() -> None:
    """A syndicated copy (its "first ran in" line) belongs to the story of the article it copies."""
    from numcheck.synthetic import iter_articles

    articles = list(iter_articles(300, seed=0))
    assert [a.story for a in articles] == sorted(a.story for a in articles)
    copies = [a for a in articles if "first ran in" in a.text]
    for copy in copies:
        outlet = re.search(r"first ran in the (.+?) and is shared", copy.text).group(1)
        assert any(f"source: {outlet}\n" in a.text for a in articles if a.story == copy.story), copy.name
    assert copies


@pytest.mark.parametrize("doc_ids, starts, expected", [
    (["a", "a", "a", "a", "b", "c"], [0, 4, 5, 12, 3, 3], [False, True, False, True, False, False]),
    (["b", "b", "a", "a"], [30, 29, 20, 19], [False, True, False, True]),
    ([], [], []),
])
def test_a_claim_is_boilerplate_when_it_starts_inside_a_span_of_its_document(doc_ids, starts, expected) -> None:
    """Spans are [start, end): a claim starting at a span's end is outside it; a document
    without spans (c) has no boilerplate; the spans of one document never reach another's."""
    import numpy as np

    from numcheck.measures import _in_spans

    spans = {"a": [(4, 5), (10, 20)], "b": [(25, 30)], "d": []}
    assert _in_spans(doc_ids, np.array(starts, dtype=np.int64), spans).tolist() == expected


# -- dates of differently named things (numcheck/measures/names.py) ----------------------------

_NAMED_DATES = [
    # (sentences, one per document, in publication order; pairs of documents whose dates conflict)
    (["The mayor announced the Home First order in July 2018.",
      "The Open Doors order was announced in November 2018 by the mayor."], []),
    (["The mayor announced the Home First order in July 2018.",
      "The Home First order was announced in November 2018 by the mayor."], [(0, 1)]),
    (["The mayor announced the Home First order in July 2018.",
      "The order was announced by the mayor in November 2018."], [(0, 1)]),
    (["The Harbor Council approved the budget in March 2021.",
      "The council approved the Harbor budget in May 2021."], [(0, 1)]),
    (["The mayor announced the Home First order in July 2018.",
      "The Open Doors order was announced in November 2018 by the mayor.",
      "The mayor announced the Open Doors order in December 2018."], [(1, 2)]),
]


@pytest.mark.parametrize("sentences, conflicts", _NAMED_DATES)
def test_dates_of_differently_named_things_stay_apart(sentences: list[str], conflicts: list[tuple]) -> None:
    docs = pd.DataFrame({"doc_id": [f"d{n}.txt" for n in range(len(sentences))],
                         "source": [f"Outlet {n}" for n in range(len(sentences))],
                         "published": [f"2019-02-0{n + 1}" for n in range(len(sentences))],
                         "text": sentences})
    found = numcheck.check(docs, cache=False).discrepancies
    dated = found[found[S.RULE] == "NC201"]
    pairs = sorted(tuple(sorted((int(a[1]), int(b[1])))) for a, b in zip(dated["doc_a"], dated["doc_b"]))
    assert pairs == conflicts
