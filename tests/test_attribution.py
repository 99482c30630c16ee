"""Attribution: whom the text credits for a figure, in the ``attributed_to`` column.

One row per sentence: the figure and the credit expected, as the text words it.  Known
misses are strict xfails whose reason names the change needed in
``numcheck/extract/scopes.py`` (``_attribution`` and its patterns).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import numcheck
from numcheck import schema as S
from numcheck.extract import extract_text


class Case(NamedTuple):
    sentence: str
    surface: str
    attributed_to: str
    xfail: str = ""



CASES = [
    # the four wordings
    Case("More than 3,000 children were separated, according to the report.", "More than 3,000", "the report"),
    Case("More than 3,000 children were separated, the report said.", "More than 3,000", "the report"),
    Case("A court filing last month showed that parents of 628 migrant children remain missing.", "628",
         "A court filing last month"),
    Case("The New York Times first reported that nearly 3,000 children were separated.", "nearly 3,000",
         "The New York Times"),
    # more wordings news uses
    Case("Nearly 3,000 children were separated, The New York Times first reported.", "Nearly 3,000",
         "The New York Times"),
    Case("According to a court filing last month, the parents of 628 migrant children have not been found.",
         "628", "a court filing last month"),
    Case('"The initiative resulted in the separation of approximately 280 families," the report said.',
         "approximately 280", "the report"),
    Case("The report noted that more than 3,000 children were separated.", "more than 3,000", "The report"),
    Case("The draft report found that nearly 3,000 children were separated.", "nearly 3,000", "The draft report"),
    Case("Nearly 3,000 children were separated, the draft says.", "Nearly 3,000", "the draft"),
    Case("Officials said nearly 3,000 children were separated.", "nearly 3,000", "Officials"),
    Case("Nearly 3,000 children were separated, CNN reported Tuesday.", "Nearly 3,000", "CNN"),
    Case("The USMS found the policy would result in a funding shortfall of $227 million.", "$227 million",
         "The USMS"),
    Case("Nearly 3,000 children were separated, per the inspector general.", "Nearly 3,000",
         "the inspector general"),
    Case("More than 3,000 children were separated (Reuters).", "More than 3,000", "Reuters"),
    Case("Data from HHS shows 2,654 children were separated.", "2,654", "Data from HHS"),
    Case("Five prosecutors asked for an age minimum, according to the draft report by Justice Department "
         "Inspector General Michael Horowitz.", "Five",
         "the draft report by Justice Department Inspector General Michael Horowitz"),
    # no credit: the figure is the text's own, or a pronoun is all there is
    Case("The policy separated nearly 3,000 children.", "nearly 3,000", ""),
    Case("Sessions spoke to 1,000 school resource officers at the conference.", "1,000", ""),
    Case("He said 3,000 children were separated.", "3,000", ""),
]


def _param(case: Case):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=f"{case.surface} <- {case.attributed_to or 'nobody'}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_attributed_to(case: Case) -> None:
    claims = [c for c in extract_text(case.sentence) if c.surface == case.surface]
    assert len(claims) == 1, [c.surface for c in extract_text(case.sentence)]
    assert claims[0].attributed_to == case.attributed_to


def test_the_column_is_in_the_claims_table() -> None:
    frame = numcheck.extract(pd.DataFrame({"text": [CASES[0].sentence, CASES[1].sentence]}))
    assert frame[S.ATTRIBUTED_TO].tolist() == ["the report", "the report"]
    assert frame[S.ATTRIBUTED_TO].dtype == "string"


def test_two_outlets_citing_the_same_origin_differently(example_corpus: Path) -> None:
    """The wire credits the court filing with "According to ..."; a saved page of the same story
    may say "A court filing ... showed"; the column shows both credits side by side."""
    claims = numcheck.check(example_corpus).claims
    wire = claims[claims[S.DOC_ID].str.startswith("wire_")].set_index(S.SURFACE)[S.ATTRIBUTED_TO]
    assert wire["approximately 280"] == "the report"
    assert wire["628"] == "a court filing last month"


def test_seeds_credit_the_inspector_general_s_report_in_their_own_words(seeds_dir: Path) -> None:
    claims = numcheck.check(seeds_dir).claims
    credit: dict[tuple[str, str], str] = {}
    for d, s, a in zip(claims[S.DOC_ID], claims[S.SURFACE], claims[S.ATTRIBUTED_TO]):
        credit.setdefault((d[:3], s), a)  # the first figure with that surface in the document
    assert credit[("004", "approximately 280")] == "the report"
    assert credit[("002", "five")].startswith("the draft report by Justice Department Inspector General")
    assert credit[("002", "nearly 3,000")] == ""  # the sentence itself credits no one
