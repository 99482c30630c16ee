"""``numcheck bench``: extraction speed against quantulum3, and a scale run of the whole check.

Speed (``numcheck bench``)
--------------------------
The texts are a corpus (the bundled example by default) repeated to ``mb``
megabytes.  numcheck extracts all of it; quantulum3, some 100 times slower,
parses a prefix of the same texts (``baseline_mb``, 0.1 MB by default) so the
run ends in reasonable time; both rates are MB/s and documents/s of what each
actually processed.  The two are timed in turns (:func:`_interleaved`: ten rounds, each
a tenth of numcheck's texts, then a tenth of quantulum3's), so that a change of load on
a shared machine falls on both.  Warm-up (imports, quantulum3's and pint's first load) is
done before timing.  The first line says which build ran (numcheck/compiled.py);
when it is the compiled one, the same extraction also runs as Python source in a new
process (``NUMCHECK_PURE_PYTHON=1``), and its rate and ratio are printed beside it.
Never a timed test: the test suite does not call this.

Scale (``numcheck bench --docs 10000``)
---------------------------------------
Writes a synthetic corpus (:mod:`numcheck.synthetic`: invented articles,
reproducible by ``--seed``) into ``--out`` or a temporary folder, then:

1. a **cold check** with an empty claims store, timing each stage as
   :func:`numcheck.engine.check` runs it (load, extract, measures, rules) and
   rendering the table report (report);
2. one more article is added and the corpus is **checked again** with the
   store: only the new article is extracted (the incremental re-check);
3. the **peak memory** (largest resident set, ``getrusage``) of the checking
   process and of its largest extraction worker.

Each check runs in a new Python process, so its memory peak is its own and it
starts as ``numcheck check`` does (interpreter start-up and imports are not in
the stage times).  The figures are of one run on the machine at hand; the OS
file cache is warm (the corpus was just written).
"""

from __future__ import annotations

import gc
import os
import re
import resource
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True, slots=True)
class Rate:
    name: str
    megabytes: float
    documents: int
    seconds: float
    figures: int

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")


def _texts(corpus: str | None, mb: float) -> list[str]:
    from .corpus import load

    docs = load(corpus) if corpus else load(example="zero-tolerance")
    base = [d.text for d in docs if d.text.strip()]
    texts, size = [], 0
    while size < mb * 1_000_000:
        for t in base:
            texts.append(t)
            size += len(t.encode("utf-8"))
    return texts


def _time(name: str, texts: list[str], fn) -> Rate:
    """``fn`` over ``texts``, timed with whatever lives before it frozen out of the cyclic
    garbage collector's reach (``gc.freeze``): otherwise the system timed second pays for
    walking the objects the first one left (numcheck's warm caches made quantulum3 up to 8 %
    slower, measured 2026-11-23), and the ratio would depend on the order of the two."""
    gc.collect()
    gc.freeze()
    try:
        start = time.perf_counter()
        figures = sum(len(fn(t)) for t in texts)
        seconds = time.perf_counter() - start
    finally:
        gc.unfreeze()
    return Rate(name, sum(len(t.encode("utf-8")) for t in texts) / 1e6, len(texts), seconds, figures)


ROUNDS = 10


def _interleaved(*systems: tuple[str, list[str], Callable], rounds: int = ROUNDS) -> list[Rate]:
    """Each system's rate over all its texts, timed in ``rounds`` turns: in each, every system
    extracts its next share of texts.  On a shared machine the load changes during a run; taken
    in turns, a busy spell falls on both systems alike rather than on whichever was timed then
    (back to back, five runs under load gave ratios from 74x to 146x; interleaved, see the README)."""
    parts: list[list[Rate]] = [[] for _ in systems]
    for r in range(rounds):
        for (name, texts, fn), done in zip(systems, parts):
            share = texts[r * len(texts) // rounds:(r + 1) * len(texts) // rounds]
            if share:
                done.append(_time(name, share, fn))
    return [Rate(name, sum(p.megabytes for p in done), sum(p.documents for p in done),
                 sum(p.seconds for p in done), sum(p.figures for p in done))
            for (name, _, _), done in zip(systems, parts)]


def _ours(texts: list[str]) -> Rate:
    from .extract import extract_text

    extract_text(texts[0])  # warm-up: imports, pint's and the lexicon's first load
    return _time("numcheck.extract_text", texts, extract_text)


_AS_SOURCE = """
import json, sys
from numcheck.bench import _ours, _texts
r = _ours(_texts(sys.argv[1] or None, float(sys.argv[2])))
print(json.dumps([r.megabytes, r.documents, r.seconds, r.figures]))
"""


def _ours_as_source(mb: float, corpus: str | None) -> Rate:
    """The same extraction in a new process with ``NUMCHECK_PURE_PYTHON=1``: the source of
    the compiled modules run as Python (numcheck/compiled.py), so what compiling adds is shown
    beside it rather than folded into the ratio."""
    import json
    import subprocess

    from .compiled import PURE_ENV

    out = subprocess.run([sys.executable, "-c", _AS_SOURCE, corpus or "", str(mb)], check=True,
                         capture_output=True, text=True, env={**os.environ, PURE_ENV: "1"})
    megabytes, documents, seconds, figures = json.loads(out.stdout.strip().splitlines()[-1])
    return Rate("numcheck, as source", megabytes, documents, seconds, figures)


def measure(mb: float = 5.0, corpus: str | None = None, baseline_mb: float = 0.1,
            as_source: bool = False) -> tuple[Rate, ...]:
    """numcheck's rate and quantulum3's, and (``as_source``, when numcheck runs compiled) the
    rate of numcheck's source run as Python, third."""
    from .compiled import builds

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3's "classifier not installed": the baseline runs without it
        from quantulum3 import parser

        from .extract import extract_text

        texts = _texts(corpus, mb)
        extract_text(texts[0])  # warm-up: imports, pint's and the lexicon's first load
        parser.parse(texts[0][:2000])
        prefix, size = [], 0
        for t in texts:
            if size >= baseline_mb * 1_000_000:
                break
            prefix.append(t)
            size += len(t.encode("utf-8"))
        ours, theirs = _interleaved(("numcheck.extract_text", texts, extract_text),
                                    ("quantulum3.parser.parse", prefix, parser.parse))
    if as_source and any(b.state == "compiled" for b in builds()):
        return ours, theirs, _ours_as_source(mb, corpus)
    return ours, theirs


def run_speed(mb: float = 5.0, corpus: str | None = None) -> str:
    from .compiled import describe

    rates = measure(mb, corpus, as_source=True)
    ours, theirs = rates[:2]
    lines = [f"numcheck build: {describe()}",
             f"{'extractor':<26} {'MB':>7} {'docs':>7} {'seconds':>8} {'MB/s':>8} {'docs/s':>9} {'figures':>8}"]
    for r in rates:
        lines.append(f"{r.name:<26} {r.megabytes:>7.2f} {r.documents:>7} {r.seconds:>8.2f} "
                     f"{r.mb_per_s:>8.3f} {r.docs_per_s:>9.1f} {r.figures:>8}")
    if len(rates) > 2:
        lines.append(f"ratio of numcheck as source (NUMCHECK_PURE_PYTHON=1): "
                     f"{rates[2].mb_per_s / theirs.mb_per_s:.1f}x")
    lines.append(f"ratio (numcheck MB/s / quantulum3 MB/s): {ours.mb_per_s / theirs.mb_per_s:.1f}x")
    return "\n".join(lines)


# -- scale --------------------------------------------------------------------------------------

STAGES = ("load", "extract", "measures", "rules", "report")


@dataclass(frozen=True, slots=True)
class ScaleRun:
    """What one check of the scale benchmark took, measured in the process that ran it."""

    seconds: dict[str, float]
    documents: int
    megabytes: float
    claims: int
    measures: int
    findings: int
    extracted: int          # documents extracted (the others came from the store)
    peak_mb: float          # largest resident set of the checking process
    worker_peak_mb: float   # and of its largest extraction worker (0 when none ran)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


_EXTRACTED = re.compile(r"\(([\d,]+) documents extracted")


def timed_check(folder: Path, *, cache_dir: Path | None, workers: int | None = None,
                progress: Callable[[str], None] | None = None) -> ScaleRun:
    """One check of ``folder`` as ``numcheck check`` runs it, stage by stage, report included."""
    from .engine import check
    from .report import render

    seconds: dict[str, float] = {}
    lines: list[str] = []

    def note(line: str) -> None:
        lines.append(line)
        if progress is not None:
            progress(line)

    result = check(folder, workers=workers, cache=cache_dir if cache_dir is not None else False,
                   timings=seconds, progress=note)
    start = time.perf_counter()
    render(result, "table")
    seconds["report"] = time.perf_counter() - start
    megabytes = sum(len(d.text.encode("utf-8")) for d in result.documents) / 1e6
    extracted = next((int(m[1].replace(",", "")) for m in map(_EXTRACTED.search, reversed(lines)) if m), -1)
    own, child = peak_memory_mb()
    return ScaleRun({k: seconds.get(k, 0.0) for k in STAGES}, len(result.documents), megabytes,
                    len(result.claims), len(result.measures), len(result.discrepancies), extracted, own, child)


def _timed_check_here(folder: str, cache_dir: str, workers: int | None, show_progress: bool) -> ScaleRun:
    """timed_check in a fresh process (see run_scale), with progress on the inherited stderr."""
    progress = None
    if show_progress:
        from .cli import StatusLine

        progress = StatusLine(sys.stderr)
    try:
        return timed_check(Path(folder), cache_dir=Path(cache_dir), workers=workers, progress=progress)
    finally:
        if progress is not None:
            progress.close()


def isolated_check(folder: Path, cache_dir: Path, workers: int | None, show_progress: bool) -> ScaleRun:
    """timed_check in a new Python process: its memory peak is its own, and what an earlier
    check left in memory (garbage, caches) does not slow it down."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_timed_check_here, str(folder), str(cache_dir), workers, show_progress).result()


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident set of this process and of its largest child so far, in MB."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024  # Linux: KB; macOS: bytes
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own, children


def run_scale(n_docs: int, *, seed: int = 0, out: str | None = None, workers: int | None = None,
              say: Callable[[str], None] | None = None, show_progress: bool = False) -> str:
    """Generate ``n_docs`` synthetic articles, check them cold and again after adding one; a table.

    Each check runs in a new process (start-up not counted); ``say`` gets a line at each step.
    """
    from .synthetic import generate, iter_articles

    say = say or (lambda line: None)
    with tempfile.TemporaryDirectory(prefix="numcheck-bench-") as tmp:
        folder = Path(out) if out else Path(tmp) / "corpus"
        cache_dir = Path(tmp) / "store"
        start = time.perf_counter()
        generate(folder, n_docs, seed)
        say(f"bench: wrote {n_docs:,} synthetic articles to {folder} in {time.perf_counter() - start:.1f} s")
        cold = isolated_check(folder, cache_dir, workers, show_progress)
        say(f"bench: cold check done in {cold.total:.1f} s; adding one article and checking again")
        extra = next(iter_articles(1, seed=seed + 1))
        (folder / f"{n_docs:05d}_added.txt").write_text(extra.text, encoding="utf-8")
        warm = isolated_check(folder, cache_dir, workers, show_progress)
    return format_scale(n_docs, seed, cold, warm, workers or os.cpu_count() or 1)


def format_scale(n_docs: int, seed: int, cold: ScaleRun, warm: ScaleRun, workers: int) -> str:
    lines = [f"numcheck bench --docs {n_docs} --seed {seed}: {cold.documents:,} documents, "
             f"{cold.megabytes:.1f} MB, {cold.claims:,} claims, {cold.measures:,} measures, "
             f"{cold.findings:,} findings; {os.cpu_count()} CPUs, {workers} extraction workers",
             f"{'stage':<10} {'cold (s)':>9} {'+1 doc (s)':>11}"]
    for stage in STAGES:
        lines.append(f"{stage:<10} {cold.seconds[stage]:>9.2f} {warm.seconds[stage]:>11.2f}")
    lines.append(f"{'total':<10} {cold.total:>9.2f} {warm.total:>11.2f}")
    lines.append(f"{'extracted':<10} {cold.extracted:>9,} {warm.extracted:>11,}   documents (the rest from the store)")
    lines.append(f"peak memory: cold {cold.peak_mb:,.0f} MB (checking process), "
                 f"{cold.worker_peak_mb:,.0f} MB (largest extraction worker); "
                 f"+1 doc {warm.peak_mb:,.0f} MB")
    return "\n".join(lines)
