"""engine.check: the stages, parallel extraction, progress and timings (no timing assertions)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from numcheck import schema as S
from numcheck.config import Config
from numcheck.corpus import load
from numcheck.engine import Run, check, extract_claims, iter_findings, load_documents
from numcheck.extract import iter_document_claims
from numcheck.synthetic import generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A synthetic corpus big enough for worker processes (more than PARALLEL_MIN_DOCS)."""
    return Path(generate(tmp_path_factory.mktemp("gen"), 80, seed=11)[0]).parent


def test_seeds_give_the_children_error_and_two_date_warnings(seeds_dir: Path) -> None:
    result = check(seeds_dir)
    d = result.discrepancies
    errors = d[d[S.SEVERITY] == "error"]
    assert list(errors[S.MEASURE]) == ["children separated"]
    assert list(errors[S.RULE_NAME]) == ["interval_conflict"]
    warnings = d[d[S.SEVERITY] == "warning"]
    assert len(warnings) == 2 and set(warnings[S.RULE_NAME]) == {"date_conflict"}
    assert not result.ok


def test_claims_are_what_the_extractor_gives(seeds_dir: Path) -> None:
    documents = load(seeds_dir)
    expected = S.claims_frame(iter_document_claims(documents))
    pd.testing.assert_frame_equal(extract_claims(documents, workers=1), expected)


def test_worker_processes_give_the_same_result(generated: Path) -> None:
    one = check(generated, workers=1)
    two = check(generated, workers=2)
    assert len(one.documents) == 80
    for name in ("claims", "measures", "discrepancies"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


def test_progress_reports_documents_claims_and_measures(seeds_dir: Path) -> None:
    lines: list[str] = []
    timings: dict[str, float] = {}
    check(seeds_dir, progress=lines.append, timings=timings)
    text = "\n".join(lines)
    assert "load: 5 documents" in text
    assert "extract: 5 documents" in text and "claims" in text
    assert "measures:" in text and "measures checked" in text
    assert set(timings) == {"load", "extract", "measures", "rules"}
    assert all(t >= 0 for t in timings.values())


def test_run_ticks_at_most_once_per_interval() -> None:
    lines: list[str] = []
    run = Run(lines.append)
    run.say("first")
    for n in range(1000):
        run.tick(lambda: f"tick {n}")
    assert lines[0] == "first" and len(lines) < 10
    Run(None).tick(lambda: 1 / 0)  # no progress: the message is never built


def test_iter_findings_reports_measures_checked(seeds_dir: Path) -> None:
    from numcheck.measures import group

    documents = load(seeds_dir)
    frame, measures = group(extract_claims(documents), documents)
    lines: list[str] = []
    findings = list(iter_findings(frame, measures, Config(), Run(lines.append)))
    assert len(findings) == 3
    assert lines[-1].startswith("rules: ") and f"of {len(measures)} measures" in lines[-1]


def test_load_documents_from_config_paths(tmp_path: Path, seeds_dir: Path) -> None:
    config = Config(paths=(str(seeds_dir),))
    assert len(load_documents(None, None, config)) == 5
    with pytest.raises(TypeError, match="needs inputs"):
        load_documents(None, None, Config())


@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "spark"}, "engine must be one of local, dask"),
    ({"workers": 0}, "workers must be a positive int"),
    ({"workers": True}, "workers must be a positive int"),
    ({"scheduler": "tcp://x:8786"}, "scheduler= is for engine='dask'"),
])
def test_bad_arguments_are_named(seeds_dir: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check(seeds_dir, **kwargs)


def test_dataframe_input_has_no_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    frame = pd.DataFrame({"text": ["Nearly 3,000 children were separated.",
                                   "More than 3,000 children were separated."], "source": ["A", "B"]})
    result = check(frame, cache=True)
    assert not result.ok
    assert not (tmp_path / ".numcheck").exists()


def test_a_check_pauses_the_cyclic_collector_and_restores_it(monkeypatch) -> None:
    """The collector is off while the stages run (engine.gc_paused says why) and as it was
    after, on or off; an error inside restores it too."""
    import gc

    from numcheck import engine

    seen: list[bool] = []
    real = engine.iter_findings
    monkeypatch.setattr(engine, "iter_findings", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    frame = pd.DataFrame({"text": ["Nearly 3,000 children were separated.", "More than 3,000 children were separated."],
                          "source": ["A", "B"]})
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            engine.check(frame)
            assert gc.isenabled() is enabled
        gc.enable()
        with pytest.raises(ValueError):
            with engine.gc_paused():
                raise ValueError("inside")
        assert gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
    assert seen == [False, False]
