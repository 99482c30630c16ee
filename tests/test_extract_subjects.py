"""The claims' ``subject`` column: what a figure measures (cases in cases/subjects.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import NamedTuple

import pytest

from numcheck.extract import extract_text


class SubjectCase(NamedTuple):
    pattern: str
    sentence: str
    figure: str
    subject: str


CASES = [SubjectCase(**row) for row in
         tomllib.loads((Path(__file__).parent / "cases" / "subjects.toml").read_text("utf-8"))["case"]]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.pattern}::{c.figure}")
def test_subject_of_figure(case: SubjectCase):
    claims = {c.surface: c for c in extract_text(case.sentence)}
    assert case.figure in claims, f"figure {case.figure!r} not extracted; got {sorted(claims)}"
    assert claims[case.figure].subject == case.subject
