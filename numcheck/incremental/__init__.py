"""What a check with a claims store reuses from the last one, so that a re-check after a few
documents changed costs about what those documents cost, not what the corpus costs.

These are kept in the store (:mod:`numcheck.store`), beside each document's claims and sketches:

``claims frame``  the whole corpus's claims frame of a check, as one Arrow IPC stream,
                  with the documents it was made of (store key, doc id, source, number of
                  rows) in its schema metadata, and the rows of documents added since in a
                  second one (the delta, :func:`save_snapshot`).  A re-check takes the rows of every document
                  it finds there with the same key, id and source, makes rows only for the
                  others (from their stored claims, or by extracting them), and puts them in
                  document order: the frame ``schema.claims_frame`` would have built, without
                  turning 150,000 stored claims back into :class:`~numcheck.records.Claim`
                  records first.  Arrow, never pickle: reading a store runs no code.
``findings``      the findings of the rules on one measure, keyed by a digest of everything
                  the rules read: the measure record (its id left out), the measure's claim
                  rows in order (their ``measure_id`` and ``story`` left out), the rules'
                  source and the configuration of the rules.  A re-check runs the rules only
                  on measures whose digest it has not seen.  Stored as JSON (see
                  :func:`encode_findings`).
``copies``        each document's copy-of result (:func:`known_copies`).
``stories``       the online story pass (:class:`numcheck.stories.StoryPass`): word counts,
                  and each document's key words and story, so a re-check places again only
                  the documents a change can reach.
``measures``      each story's measures, by a digest of the story's claim rows
                  (:class:`MeasureBlocks`), so only stories whose claims changed are grouped
                  again.

Where a re-check of 10,000 synthetic articles after adding one goes (``numcheck bench
--docs 10000``, 2026-11-23, a nearly idle 2-core machine; 12.7 s before the story pass was
resumable): load 0.63 s, extract 0.53 (the new document about 0.4, most of it dateparser's
and pint's first use), measures 1.68 (by a profile, each 0.2-0.4 s: the measures of 443
stories read back and numbered; reading 10,000 sketches; copies, 950 documents checked
against the new one; the story pass, 608 documents checked again and 16 placed in full),
rules 0.69 (choosing and digesting the measures to check about half, the stored findings
read back most of the rest), report 0.59.

All are caches in the same sense as the claims store: a missing, stale or unreadable entry
is made again, and results never depend on them (``tests/test_store.py`` compares a warm
check after adding, changing and removing documents with a check without a store).

One module a part: :mod:`~numcheck.incremental.frame` (the claims frame),
:mod:`~numcheck.incremental.grouping` (copies, stories, measures),
:mod:`~numcheck.incremental.findings` (findings) and :mod:`~numcheck.incremental.digests`
(what the entries are keyed by: the versions of the code that makes them, the configuration).
"""

from __future__ import annotations

# the parts' names, importable from numcheck.incremental as before they moved to the modules of
# this package (the engine, numcheck.store and the tests import them here)
from .digests import FRAME_VERSION, RULES_VERSION, config_digest  # noqa: F401
from .findings import (decode_findings, encode_findings, finding_keys, known_findings,  # noqa: F401
                       measure_digests)
from .frame import (CLAIMS_DELTA, CLAIMS_FRAME, DELTA_SHARE, FrameSnapshot, combine,  # noqa: F401
                    load_snapshot, save_snapshot)
from .grouping import (COPIES, MEASURES, STORIES, MeasureBlocks, decode_blocks, encode_blocks,  # noqa: F401
                       known_copies, known_stories, save_copies, save_stories)
