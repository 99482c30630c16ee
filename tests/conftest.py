"""Shared fixtures: the bundled example corpus and the shared folder beside the repo.

``shared_dir`` and ``seeds_dir`` skip the tests that need them when the folder
is missing, and fail them instead when ``NUMCHECK_REQUIRE_SHARED=1`` (set it
in CI, where the folder must be there).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from numcheck.corpus import example_path

# --doctest-modules imports each numcheck module by its path, and pytest refuses a module whose
# __file__ is not that path: a compiled module's is its .so beside the .py (numcheck/compiled.py).
# The doctests then run against the compiled code users run.  Unique test-file names, which this
# check also guards, are checked by tests/test_compiled.py instead.
os.environ.setdefault("PY_IGNORE_IMPORTMISMATCH", "1")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _require(path: Path) -> Path:
    if path.is_dir():
        return path
    message = f"{path} is missing"
    if os.environ.get("NUMCHECK_REQUIRE_SHARED") == "1":
        pytest.fail(f"{message} and NUMCHECK_REQUIRE_SHARED=1")
    pytest.skip(message)


@pytest.fixture(scope="session")
def example_corpus() -> Path:
    """The folder of the bundled zero-tolerance corpus."""
    return example_path("zero-tolerance")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the repository (``../shared``)."""
    return _require(SHARED)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles in ``../shared/seeds``."""
    return _require(SHARED / "seeds")


@pytest.fixture(scope="session")
def ureg():
    """numcheck's single pint UnitRegistry (imported lazily: only unit tests need pint)."""
    from numcheck.units import ureg as registry

    return registry()


def _count_work(function) -> int:
    """The work ``function()`` does, counted: Python lines run plus C functions called.

    A count does not depend on the machine, unlike a timing.  It does not see inside one C
    call (a regular expression backtracking over its input counts once).
    """
    import sys

    count = 0

    def line(frame, event, arg):
        nonlocal count
        count += 1
        return line

    def c_call(frame, event, arg) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    sys.settrace(line)
    sys.setprofile(c_call)
    try:
        function()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


@pytest.fixture(scope="session")
def count_work():
    """``count_work(function) -> int``: the work ``function()`` does, counted (never timed)."""
    return _count_work


def _saved_page(doc, number: int) -> str:
    """A document as a saved news page: navigation, an ad, related links and a comment thread
    around its paragraphs, with its date (if it has one) in the page's metadata."""
    from html import escape as e

    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    date_meta = (f'<meta property="article:published_time" content="{doc.published}T10:00:00Z">'
                 if doc.published else "")
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(paragraphs[0][:80])}</title>
<meta property="og:title" content="{e(paragraphs[0][:80])}">
<meta property="og:site_name" content="Saved Pages">
<meta property="og:url" content="https://saved.example/story/{number}">{date_meta}
<script>var slots = [300, 250, 728, 90];</script></head>
<body><header><nav><a href="/">Home</a> <a href="/top-50">Top 50 of 2019</a></nav></header>
<div class="ad">Advertisement: 3 months for $1. Offer ends June 30.</div>
<main><article>
{body}
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/r">5,000 children still missing, group says</a></li></ul></aside>
<section class="comments" id="comments"><h2>12 comments</h2>
<div class="comment"><p>It was 10,000 children, not 3,000. Wake up.</p></div></section>
</main><footer>(c) 2021 Saved Pages, 100 Main St.</footer></body></html>
"""


@pytest.fixture(scope="session")
def saved_page():
    """``saved_page(document, number) -> str``: the document as a saved HTML news page."""
    return _saved_page
