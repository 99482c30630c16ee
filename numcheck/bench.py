"""``numcheck bench``: extraction speed against quantulum3, measured in the same run.

The texts are a corpus (the bundled example by default) repeated to ``mb``
megabytes.  numcheck extracts all of it; quantulum3, some 100 times slower,
parses a prefix of the same texts (``baseline_mb``, 0.1 MB by default) so the
run ends in reasonable time; both rates are MB/s and documents/s of what each
actually processed.  Warm-up (imports, quantulum3's and pint's first load) is
done before timing.  Never a timed test: the test suite does not call this.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass


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
    start = time.perf_counter()
    figures = sum(len(fn(t)) for t in texts)
    seconds = time.perf_counter() - start
    return Rate(name, sum(len(t.encode("utf-8")) for t in texts) / 1e6, len(texts), seconds, figures)


def measure(mb: float = 5.0, corpus: str | None = None, baseline_mb: float = 0.1) -> tuple[Rate, Rate]:
    from .extract import extract_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3's "classifier not installed": the baseline runs without it
        from quantulum3 import parser

        texts = _texts(corpus, mb)
        extract_text(texts[0])
        parser.parse(texts[0][:2000])
        ours = _time("numcheck.extract_text", texts, extract_text)
        prefix, size = [], 0
        for t in texts:
            if size >= baseline_mb * 1_000_000:
                break
            prefix.append(t)
            size += len(t.encode("utf-8"))
        theirs = _time("quantulum3.parser.parse", prefix, parser.parse)
    return ours, theirs


def run_speed(mb: float = 5.0, corpus: str | None = None) -> str:
    ours, theirs = measure(mb, corpus)
    lines = [f"{'extractor':<26} {'MB':>7} {'docs':>7} {'seconds':>8} {'MB/s':>8} {'docs/s':>9} {'figures':>8}"]
    for r in (ours, theirs):
        lines.append(f"{r.name:<26} {r.megabytes:>7.2f} {r.documents:>7} {r.seconds:>8.2f} "
                     f"{r.mb_per_s:>8.3f} {r.docs_per_s:>9.1f} {r.figures:>8}")
    lines.append(f"ratio (numcheck MB/s / quantulum3 MB/s): {ours.mb_per_s / theirs.mb_per_s:.1f}x")
    return "\n".join(lines)
