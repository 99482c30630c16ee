"""Nothing from the public gold sets is copied into the package, the example corpus or the tests.

Issue 7 asks the scorer to read ``../shared/bench`` where it is and never to copy its
sentences anywhere.  This test reads every gold sentence and fails when a run of
``RUN`` words that holds a figure (a token with a digit) appears in a file of the
package or of tests/: a shared run of five words with a figure in it is a quotation,
not a coincidence of common English ("by the end of the year" has no figure).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUN = 5
SUFFIXES = (".py", ".toml", ".txt", ".md", ".json", ".csv", ".jsonl", ".ipynb", ".html")
_WORD = re.compile(r"[A-Za-z0-9$%.,'’-]+")


def word_runs(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    """Runs of ``size`` lower-cased words that hold at least one digit.

    >>> sorted(word_runs("Up 7.1 per cent to $52 in May.", 5))[0]
    ('7.1', 'per', 'cent', 'to', '$52')
    """
    words = [w for w in (m.group().lower().strip(".,'’") for m in _WORD.finditer(text)) if w]
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)
            if any(c.isdigit() for w in words[i:i + size] for c in w)}


def project_files() -> list[Path]:
    files = [p for folder in ("numcheck", "tests") for p in (ROOT / folder).rglob("*")
             if p.is_file() and p.suffix in SUFFIXES]
    return sorted(p for p in files if p != Path(__file__).resolve() and "__pycache__" not in p.parts)


class GoldRuns(dict):
    """Word run -> id of the gold sentence holding it (a short repr: a failure must not print the gold)."""

    def __repr__(self) -> str:
        return f"<{len(self)} word runs of gold sentences>"


@pytest.fixture(scope="module")
def gold_runs(shared_dir: Path) -> GoldRuns:
    bench = shared_dir / "bench"
    runs = GoldRuns()
    for path in sorted(bench.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for run in word_runs(record["text"]):
                runs.setdefault(run, record["id"])
    assert runs, f"no gold sentences read under {bench}"
    return runs


def test_word_runs_need_a_figure() -> None:
    assert word_runs("by the end of the year we will know") == set()
    assert ("rose", "3", "percent", "in", "june") in word_runs("Sales rose 3 percent in June.")


def test_no_gold_sentence_is_copied(gold_runs) -> None:
    copies = [f"{path.relative_to(ROOT)}: {' '.join(run)!r} (from {gold_runs[run]})"
              for path in project_files()
              for run in sorted(word_runs(path.read_text(encoding="utf-8", errors="replace")))
              if run in gold_runs]
    assert not copies, "gold-set text copied into the project; write your own example:\n" + "\n".join(copies)
