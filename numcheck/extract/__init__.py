"""Extract every figure of a text into claims.

``extract_text(text)`` returns :class:`numcheck.Claim` records;
``extract(inputs)`` loads documents (:mod:`numcheck.corpus`) and returns the
claims DataFrame (columns: :mod:`numcheck.schema`).

Per sentence: numbers (:mod:`.numbers`), dates and years (:mod:`.dates`) and
vague amounts are found first; each figure then takes the qualifier before or
after it (:mod:`.qualifiers`), a unit from quantulum3's catalogue mapped to
pint (:mod:`numcheck.units`, refusals in :mod:`.corrections`), what it counts
(:mod:`.nouns`) and the events around it (:mod:`.events`), and a time and place scope.

This module finds a text's numbers, dates and vague amounts and drives them
sentence by sentence; the stages after that have modules of their own:
:mod:`.figures` (a number with its qualifier and unit, ranges) and :mod:`.figure_joins`
(the joins of a sentence's figures), :mod:`.units_after` (the unit or rate written after a
number) and :mod:`.currency_after` (the currency around it), :mod:`.labels` (a number that
names something: "iPhone 11"), :mod:`.claims` (a sentence's figures and dates into claims:
noun, context, subject, time scope) with :mod:`.change_words` (whether a figure is a change),
:mod:`.subjects` with :mod:`.phrases_after` (what a figure measures), and :mod:`.scopes`
(a sentence's attribution and place).  A text with no case at all is first given its
capitals back (:mod:`.truecase`).

>>> [(c.surface, c.kind.value, c.noun, c.qualifier.value, str(c.interval))
...  for c in extract_text("The policy separated nearly 3,000 children.")]
[('nearly 3,000', 'count', 'child', 'nearly', '[2,700, 3,000)')]

Where the time goes (``numcheck bench``'s texts, 1 MB, CPU time inclusive of callees,
measured with timers at the call sites, 2026-11-23): turning figures into claims 28%
(the subject phrase 8%, the context events 5%, the counted noun 3%, building the
Claim records 3%), setting up each sentence with a figure 12% (tokenising 7%),
reading numbers 12%, date claims 8%, the scan for where figures start 5%, dates and
sentence ends 3% each, not-figure phrases 2%.  Most of it is Python bytecode spread
over many small steps per figure; the regex engine is under a fifth of the
instructions (callgrind: 18%; searches that tried a pattern at every offset, such as
the prefix, "X said", phrase and sentence-end searches, were a tenth more before they
were gated or reshaped).  The fast paths that skip work (the scan, the gates before
the prefix, season, phrase and "X said" searches, the lazy subject patterns) each say
at their site why they give the same result, and tests/test_fast_paths.py checks
them against the plain code.

The compiled build (numcheck/_build/numcheck_backend.py) changes the picture: Python steps
get cheaper, the regex engine does not, so under callgrind (0.5 MB of the same texts, warm
caches, 2026-11-23 23:30) re was about a third of the compiled extraction's instructions;
the four whole-text passes of it (the scan 11%, the tokeniser's split 6%, the phone-number
hint 3%, the sentence ends 1.5%) became loops over the characters typed by ``.pxd`` files
beside their modules, which only the compiled build runs (the source keeps the regexes):
1,623M instructions became 1,335M (-18%).  The rest is spread as before: claims for
figures 24%, for dates 13%, reading numbers 13%, context events 10%.

Why the figures of a sentence are not read in one shared pass (measured 2026-11-23 on the
same texts): a sentence that yields claims yields 1.35 of them on average (58 claims in 42
sentences), and the noun, subject and context readings look at a few tokens around their
figure, so reading every token of the sentence once for all its figures would do more work,
not less; what the figures of a sentence do share (tokens, clauses, the events of a clause,
attribution and place) is already built once per sentence.  What is left is spread thin:
under callgrind the extraction of 0.3 MB of these texts is about 1,300M instructions, a
fifth of them in the regex engine (the cyclic garbage collector, 5% of a first pass, is
negligible once the word caches are warm, as in ``numcheck bench``).  Of the numbers the
number regex matches, 44% lie inside dates, which drop them: the plain ones that touch no
fraction are no longer read (number_gates.unread_in_dropped says why that is exact).
"""

from __future__ import annotations

from dataclasses import replace

from .dates import find_dates  # noqa: F401  (the stages' entry points, for callers and tests)
from .figures import _figures  # noqa: F401
from .numbers import find_numbers  # noqa: F401
from .qualifiers import DEFAULT, Semantics
from .scopes import _SAID_RE, _said_search  # noqa: F401  (re-exported: tests/test_fast_paths.py)
from .text import _not_figures, extract_text  # noqa: F401

__all__ = ["extract", "extract_text", "Semantics"]


def extract(inputs=None, *, example: str | None = None, semantics: Semantics = DEFAULT):
    """Claims DataFrame for a file, folder, list of paths, DataFrame of documents, or example."""
    from ..corpus import load
    from ..schema import claims_frame

    documents = inputs if _is_documents(inputs) else load(inputs, example=example)
    return claims_frame(iter_document_claims(documents, semantics))


def iter_document_claims(documents, semantics: Semantics = DEFAULT):
    for doc in documents:
        for claim in extract_text(doc.text, published=doc.published, semantics=semantics):
            yield replace(claim, doc_id=doc.doc_id, source=doc.source, published=doc.published)


def _is_documents(inputs) -> bool:
    from ..records import Document

    return isinstance(inputs, (list, tuple)) and bool(inputs) and all(isinstance(d, Document) for d in inputs)
