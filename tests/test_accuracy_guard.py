"""Regression guard: value, value+unit and value+measured-thing F1 on the NewsQuant dev half may
not fall by more than a point.

Reads the gold where it is (``../shared/bench``); the recorded figures live in
``tests/cases/accuracy_baseline.toml``.  A quality guard, not a timing test.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from numcheck.accuracy import EXCLUSIONS, exclusion_name, run

BASELINE = tomllib.loads((Path(__file__).parent / "cases" / "accuracy_baseline.toml").read_text("utf-8"))
ALL = exclusion_name(EXCLUSIONS)  # every stated convention of NewsQuant together


@pytest.fixture(scope="module")
def dev_scores(shared_dir: Path):
    frame = run([shared_dir / "bench" / "newsquant_dev.jsonl"], systems=("numcheck",))
    ours = frame[frame["system"] == "numcheck"]
    return {(task, exclusion): f1 for task, exclusion, f1 in zip(ours["task"], ours["exclusion"], ours["f1"])}


@pytest.mark.parametrize("task, exclusion, key", [
    ("value", "none", "value_f1_raw"), ("value", ALL, "value_f1_all_exclusions"),
    ("value+unit", "none", "unit_f1_raw"), ("value+unit", ALL, "unit_f1_all_exclusions"),
    ("value+measured-thing", "none", "thing_f1_raw"), ("value+measured-thing", ALL, "thing_f1_all_exclusions"),
])
def test_f1_on_the_dev_half_holds(dev_scores, task, exclusion, key):
    recorded, tolerance = BASELINE[key], BASELINE["tolerance"]
    assert dev_scores[task, exclusion] >= recorded - tolerance, (
        f"{task} F1 ({exclusion}) fell to {dev_scores[task, exclusion]:.1f}, recorded {recorded}")
