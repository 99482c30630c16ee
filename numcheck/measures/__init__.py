"""Claims -> measures: which figures speak of the same quantity.

Two claims join a measure only when all of these agree:

* **kind and unit**: the same kind and pint dimension (dollars with dollars,
  days with hours; children with children);
* **what is counted**: the same noun after lemmatising and folding synonyms
  (child/kid/minor; see ``data/lexicon.toml``);
* **event context**: the same set of event words ("separated" vs "separated,
  missing" are different measures; "held in detention" differs from "separated");
* **time scope**: the same year when both say one; a claim that names no year
  joins the measure of its key when exactly one year-scoped measure exists,
  unless a document gives that key both with the year and without one (a
  quake's toll and, in the same article, "the 2009 quake killed 1,100"): its
  writer keeps the two apart, so the year marks another quantity;
* **story**: the same story (:mod:`numcheck.stories`): each story's claims are
  grouped alone, so with a claims store a re-check groups again only the stories
  whose claims changed (:func:`.grouping._measures`).

A figure that names no quantity never joins another document's: a bare number,
or a change whose clause names no noun ("its spending rose 4%": what rose is
not said).

A place scope every original document of the story names is the story's setting,
not a part of it, and is blanked (:func:`.grouping._drop_story_settings`).

Dates join when they share an event word and a noun of their sentence, within their
story ("the policy was announced in April 2018" / "the May 2018 speech in which he
rolled out the policy").  Place scope (a city, a pilot) does not split a measure: the
part_whole rule compares parts with the whole inside it.

Before grouping, two document-level facts are settled:

* **duplicates**: a later document is a copy of an earlier one (syndication)
  when at least ``DUPLICATE_CONTAINMENT`` (0.8) of the smaller one's word
  5-gram shingles are in the larger one and they make at least
  ``DUPLICATE_SHARE`` (0.5) of the larger one's, repeated blocks left out: a
  wire story with a new headline, a different footer, a dropped paragraph or
  a few words changed.  The copy keeps ``duplicate_of`` and the original's
  source (:func:`find_duplicates`, :mod:`.copies`);
* **boilerplate**: a block of lines a document prints twice (a donation
  appeal, a newsletter box), or a line of 8+ words that two documents of one
  source share without being copies, is boilerplate, and so are its figures;
  a line repeated alone (a pull quote) or shared by two sources (a quote of the
  same report) is the story's (:func:`find_boilerplate`, :mod:`.boilerplate`).

The stage is a package, one module per concern; this module re-exports their names:

* :mod:`.copies`: shingles and syndicated copies (``find_duplicates``, ``KnownCopies``);
* :mod:`.boilerplate`: repeated blocks and outlet furniture (``find_boilerplate``);
* :mod:`.sketches`: what the stage reads of a text, once per document (``Sketch``, ``sketch``);
* :mod:`.grouping`: the grouping keys above and each story's measures (``group``);
* :mod:`.labels`: a measure's readable label (``label_for``).
"""


from ..stories import find_stories  # re-exported: stories are a measures fact
from .boilerplate import BOILERPLATE_MAX_CHARS, BOILERPLATE_MIN_WORDS, BOILERPLATE_STORY_SHARE, find_boilerplate
from .copies import (COMMON_SHINGLE, DUPLICATE_CONTAINMENT, DUPLICATE_MIN_SHINGLES, DUPLICATE_SHARE, SHINGLE,
                     SHINGLE_SAMPLE, KnownCopies, find_duplicates)
from .grouping import BLOCK_COLUMNS, Block, Blocks, group
from .labels import label_for
from .sketches import SKETCH_VERSION, Sketch, sketch

# private names other modules and tests use through this package (a test that patches one
# patches it where it is looked up, in its module: ``grouping._block``, ``copies._with_added``)
from .boilerplate import _in_spans  # noqa: F401
from .copies import _shingles, _SortedIndex, _with_added  # noqa: F401
from .grouping import _block, _measures  # noqa: F401
from .labels import _Rows, _shared_context, _shared_noun  # noqa: F401

__all__ = ["BLOCK_COLUMNS", "BOILERPLATE_MAX_CHARS", "BOILERPLATE_MIN_WORDS", "BOILERPLATE_STORY_SHARE",
           "COMMON_SHINGLE", "DUPLICATE_CONTAINMENT", "DUPLICATE_MIN_SHINGLES", "DUPLICATE_SHARE", "SHINGLE",
           "SHINGLE_SAMPLE", "SKETCH_VERSION", "Block", "Blocks", "KnownCopies", "Sketch", "find_boilerplate",
           "find_duplicates", "find_stories", "group", "label_for", "sketch"]
