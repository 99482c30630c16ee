"""numcheck bench and the synthetic corpus: what they print and write (never how fast: no timings)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from numcheck import cli
from numcheck.bench import STAGES, run_scale, run_speed
from numcheck.corpus import load
from numcheck.synthetic import MANIFEST, generate, iter_articles


def test_synthetic_corpus_is_reproducible_by_seed() -> None:
    a = [x.text for x in iter_articles(40, seed=1)]
    assert a == [x.text for x in iter_articles(40, seed=1)]
    assert a != [x.text for x in iter_articles(40, seed=2)]


def test_synthetic_articles_are_news_like_and_marked_synthetic(tmp_path: Path) -> None:
    paths = generate(tmp_path, 400, seed=0)
    assert len(paths) == 400 and all(p.suffix == ".txt" for p in paths)
    assert json.loads((tmp_path / MANIFEST).read_text()) == {
        "synthetic": True, "generator": "numcheck.synthetic 1", "n_docs": 400, "seed": 0}
    documents = load(tmp_path)
    assert len(documents) == 400  # the manifest is hidden: not a document
    sizes = [len(d.text.encode()) for d in documents]
    assert 3000 < sum(sizes) / len(sizes) < 5500  # about 4 KB an article: 10,000 are about 40 MB
    assert all(d.url.startswith("https://example.invalid/synthetic/0/") for d in documents)
    assert len({d.source for d in documents}) >= 8
    assert sum(d.published is None for d in documents) < 40  # only some syndicated copies are undated
    texts = [d.text for d in documents]
    assert 2 <= sum("first ran in the" in t for t in texts) <= 40  # syndicated copies
    assert sum(len(re.findall(r"READER-FUNDED NEWS|HELP US CLOSE THE GAP|SUPPORT LOCAL REPORTING", t)) == 2
               for t in texts) > 50  # blurbs printed twice
    assert any(re.search(r"\b(nearly|almost|close to) \d", t) for t in texts)
    assert any(re.search(r"\b(more than|over|at least) \d", t) for t in texts)


def test_generate_refuses_a_bad_size(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="n_docs"):
        generate(tmp_path, 0)


def test_run_scale_prints_every_stage_and_memory(tmp_path: Path) -> None:
    notes: list[str] = []
    text = run_scale(12, seed=4, out=str(tmp_path / "corpus"), workers=1, say=notes.append)
    lines = text.splitlines()
    assert lines[0].startswith("numcheck bench --docs 12 --seed 4: 12 documents")
    for stage in STAGES + ("total",):
        assert any(re.match(rf"{stage}\s+\d+\.\d\d\s+\d+\.\d\d$", line) for line in lines), stage
    assert re.search(r"^extracted\s+12\s+1 ", text, re.M)  # the re-check extracts only the new article
    assert re.search(r"peak memory: cold [\d,]+ MB \(checking process\)", text)
    assert (tmp_path / "corpus" / "00012_added.txt").is_file()  # the document added for the re-check
    assert any("cold check done" in n for n in notes)


def test_run_speed_prints_both_rates_and_the_ratio(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nearly 3,000 children were separated in 2018.\n")
    text = run_speed(mb=0.002, corpus=str(tmp_path))
    assert "numcheck.extract_text" in text and "quantulum3.parser.parse" in text
    assert re.search(r"ratio \(numcheck MB/s / quantulum3 MB/s\): [\d.]+x", text)


def test_bench_command_runs_the_scale_bench(capsys, tmp_path: Path) -> None:
    assert cli.main(["bench", "--docs", "5", "--workers", "1", "--out", str(tmp_path / "c")]) == 0
    out, err = capsys.readouterr()
    assert "numcheck bench --docs 5 --seed 0" in out and "bench: wrote 5 synthetic articles" in err


def test_the_two_extractors_are_timed_in_turns() -> None:
    from numcheck.bench import _interleaved

    calls: list[tuple[str, str]] = []

    def system(name: str):
        return lambda text: calls.append((name, text)) or text.split()

    ours = [f"doc {i} has {i} words" for i in range(7)]
    theirs = ["one two", "three"]
    a, b = _interleaved(("ours", ours, system("ours")), ("theirs", theirs, system("theirs")), rounds=3)
    assert (a.name, a.documents, a.figures) == ("ours", 7, 35)
    assert (b.name, b.documents, b.figures) == ("theirs", 2, 3)
    assert a.megabytes == pytest.approx(sum(len(t) for t in ours) / 1e6)
    # rounds of 2, 2, 3 of ours; 0, 1, 1 of theirs, each round ours first
    assert [name for name, _ in calls] == ["ours"] * 4 + ["theirs"] + ["ours"] * 3 + ["theirs"]
    assert [text for _, text in calls if _ == "ours"] == ours
