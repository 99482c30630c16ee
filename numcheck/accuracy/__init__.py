"""Accuracy of the extractor on public gold sets (``numcheck bench accuracy [FILES...]``).

Reads gold JSONL files in the shared bench schema (one sentence per line with
its ``quantities``), runs numcheck's extractor and, in the same run on the same
sentences, the quantulum3 baseline, and scores both the same way.  The CQE
authors' published scores are added beside them where the file is one of
their test sets.  Nothing here copies gold sentences anywhere: the files are
read where they are.

Matching protocol (the same for every system)
---------------------------------------------
Matching happens within one sentence.  A prediction *agrees on value* with a
gold quantity when

* their point values agree within 1e-6 relative (``math.isclose``), or
* the gold is a range and its bounds, in either order, agree within 1e-6 with
  the prediction's finite ``low`` and ``high``.

Each task adds one test to value agreement:

==========================  ===================================================
task                        also requires
==========================  ===================================================
``value``                   nothing
``value+unit``              :func:`units_agree` on the normalised unit keys
``value+qualifier``         gold ``qualifier`` equals the mapped prediction one
                            (:func:`claim_qualifier`)
``value+measured-thing``    at least one lemma shared by the gold ``entity`` and
                            numcheck's noun + modifiers + context + subject
                            ("partial"; the words numcheck's noun synonyms fold
                            into the noun are undone, as for units: ``family``
                            also offers ``household``);
                            a gold without entity (``-``) checks value only
==========================  ===================================================

For each task separately the sentence's gold quantities and predictions are
paired by **maximum bipartite matching** (Kuhn's augmenting paths; gold in file
order, predictions in text order, so the result is deterministic): each gold
matches at most one prediction and each prediction at most one gold.  Then
``tp`` = matched pairs, ``fp`` = predictions left over, ``fn`` = gold left
over, summed over the file.  Precision, recall and F1 are 0 when their
denominator is 0.  In :func:`run`'s frame they are percentages, like the
published CSV; :class:`Score` holds fractions.

A task is scored only where the gold annotates it: qualifiers and measured
things exist in NewsQuant only.  quantulum3 has no measured thing, so that row
is ``n/a``; its qualifier is always ``=`` (a ``±`` uncertainty is a range, not
"about").

Units are compared as keys from one vocabulary (:func:`gold_unit_key`,
:func:`claim_unit_key`, :func:`quantulum3_unit_key`):

* known units take CQE's / quantulum3's English names (``dollar``,
  ``percentage``, ``kilometre per hour``, ``celsius``); numcheck's pint strings
  and ISO currency codes are mapped onto them (``USD`` -> ``dollar``,
  ``kilometer / hour`` -> ``kilometre per hour``, ``meter ** 2`` ->
  ``square metre``); a unit written as one of quantulum3's surfaces or symbols, or as a
  plural pint spells out, takes quantulum3's or pint's name (``feet`` -> ``foot``,
  ``mph`` -> ``mile per hour``, ``kilometres`` -> ``kilometre``:
  :func:`.unit_keys._catalogue_spelling`); an SI prefix pint glues to a name of several
  words is set apart as CQE writes it (``megabritish_thermal_unit`` -> ``mega british
  thermal unit``: :func:`.unit_keys._unglued_prefix`); :data:`UNIT_ALIASES` keeps only the
  names neither catalogue reconciles with CQE's (numcheck's registry names for a cent and a
  penny among them); ``year of age`` counts as ``year``; one unit under two
  names is one key (``cubic centimetre`` is ``millilitre``, ``barrel of oil``
  is ``barrel``);
* a currency, whether written as a code (``MYR``), a name or a plural (``Malaysian
  ringgit``, ``roubles``), is read by :func:`numcheck.currencies.currency_code`
  (numcheck's pint registry, quantulum3's catalogue, then CLDR's English names from
  babel) and keyed by the one name :func:`numcheck.currencies.currency_name` gives its
  code; no list of currencies is kept here;
* a *known unit* is one pint's registry or quantulum3's catalogue names (spelt out:
  ``nautical mile``, ``megawatt hour``; :func:`.unit_keys._catalogue_unit`), a currency, or one
  of the few names in :data:`KNOWN_UNITS` neither catalogue has (``percentage``,
  ``dozen``); the head decides for a phrase (``dollar per share``);
* a gold unit that is not a known unit is a counted noun, key ``count:<lemmas>``
  (``people``, ``Kia Hyundai vehicle``); numcheck's ``count`` claims get
  ``count:<noun>`` (``person`` is folded into ``people``) when the noun is what the figure
  counts (``Claim.noun_counted``: the noun the number quantifies, or one an earlier figure
  states and this one leaves unsaid); a noun numcheck read before the figure as what the
  figure *is* ("the toll stood at 58", "a score of 64") names the measured thing, not a
  counted unit, and such a count is unitless (``""``), as a gold counted noun is the noun the
  number quantifies (quantulum3 reads units after the number only); counts agree when a
  lemma is shared (numcheck's noun synonyms are undone for this: a claim counting
  ``soldier`` also offers ``troop``); a counted noun that is itself a known unit ("12 points",
  "50 years" read as a count of ``point``, ``year``, or "30 mpg") takes that unit's key,
  which still agrees with a gold counted noun phrase holding it (``chain`` with
  ``hotel chain``);
* ``""`` is unitless: CQE's ``-``/null gold and a count without noun;
* gold ``count`` and quantulum3's gold ``dimensionless`` (which never names
  counted nouns) accept any count, with or without noun;
* gold ``degree`` (scale not stated) accepts ``degree``, ``celsius`` and
  ``fahrenheit``;
* two different known-unit keys agree when pint converts one into the other
  with factor 1 (:func:`same_unit`: ``millilitre`` = ``cubic centimetre``,
  ``ton`` = ``short ton``, ``rad`` = ``radian``), never across offset scales.

quantulum3's output depends on Python's hash seed (set ordering inside its
parser): on NewsQuant about one quantity in 600 comes and goes between
processes.  Run with ``PYTHONHASHSEED=0`` for a table that repeats exactly.

Conventions where numcheck deliberately differs from a gold set are
*exclusions*: named functions listed in :data:`EXCLUSIONS`.  :func:`run`
reports the raw score and the score under each exclusion (and all of them),
with how many gold items and predictions each removed.  :data:`EXCLUSIONS`
apply to NewsQuant, :data:`QUANTULUM3_EXCLUSIONS` to quantulum3's own test sets,
:data:`RECOGNIZERS_EXCLUSIONS` to the Recognizers-Text sets.

Modules, in the order a score is made
-------------------------------------
:mod:`.records` (the records and task names), :mod:`.gold` (gold files),
:mod:`.lemmas` and :mod:`.unit_keys` (what is compared), :mod:`.predictions`
(numcheck and quantulum3 as prediction lists), :mod:`.matching` (the protocol
above), :mod:`.exclusions` (the conventions), :mod:`.scoring` (one system on one
file), :mod:`.frame` (:func:`run`) and :mod:`.table` (the printed tables).  Every
public name is importable from ``numcheck.accuracy`` itself.
"""

from __future__ import annotations

from .exclusions import (
    EXCLUSIONS,
    QUANTULUM3_EXCLUSIONS,
    RECOGNIZERS_EXCLUSIONS,
    Exclusion,
    articles_as_one,
    exclusion_name,
    exclusions_for,
    fractions_as_numbers,
    fractions_as_ratio,
    generations_as_names,
    labels_as_numbers,
    no_ages_in_apposition,
    no_dates,
    no_ordinals,
    one_of_as_one,
    variants_for,
    years_as_numbers,
)
from .frame import (
    COLUMNS,
    EXCLUDED_GOLD,
    EXCLUDED_PRED,
    EXCLUSION,
    F1,
    FILE,
    N_GOLD,
    N_PRED,
    PRECISION,
    PUBLISHED_CSV,
    PUBLISHED_DATASETS,
    PUBLISHED_SYSTEMS,
    PUBLISHED_TASKS,
    RECALL,
    SYSTEM,
    TASK,
    published_rows,
    run,
    system_rows,
    whole_datasets,
)
from .gold import default_bench_dir, load_gold
from .lemmas import lemmas_of
from .matching import (
    AGREEMENT,
    match,
    qualifiers_match,
    score_sentence,
    things_match,
    units_match,
    values_agree,
)
from .predictions import (
    QUALIFIER_TO_GOLD,
    Predictor,
    claim_qualifier,
    claim_to_prediction,
    numcheck_predictor,
    predict_all,
    predictor,
    quantity_to_prediction,
    quantulum3_predictor,
)
from .records import (
    NO_EXCLUSION,
    SYSTEMS,
    TASKS,
    FileResult,
    GoldQuantity,
    GoldSentence,
    Prediction,
    Score,
)
from .scoring import evaluate, score_file, tasks_for
from .table import format_table
from .unit_keys import (
    KNOWN_UNITS,
    UNIT_ALIASES,
    canonical_unit,
    claim_unit_key,
    gold_unit_key,
    is_known_unit,
    quantulum3_unit_key,
    same_unit,
    units_agree,
)

__all__ = [
    "AGREEMENT", "COLUMNS", "EXCLUDED_GOLD", "EXCLUDED_PRED", "EXCLUSION", "EXCLUSIONS", "F1", "FILE",
    "KNOWN_UNITS", "NO_EXCLUSION", "N_GOLD", "N_PRED", "PRECISION", "PUBLISHED_CSV", "PUBLISHED_DATASETS",
    "PUBLISHED_SYSTEMS", "PUBLISHED_TASKS", "QUALIFIER_TO_GOLD", "QUANTULUM3_EXCLUSIONS", "RECALL",
    "RECOGNIZERS_EXCLUSIONS", "SYSTEM", "SYSTEMS", "TASK", "TASKS", "UNIT_ALIASES", "Exclusion", "FileResult",
    "GoldQuantity", "GoldSentence", "Prediction", "Predictor", "Score", "articles_as_one", "canonical_unit",
    "claim_qualifier", "claim_to_prediction", "claim_unit_key", "default_bench_dir", "evaluate",
    "exclusion_name", "exclusions_for", "format_table", "fractions_as_numbers", "fractions_as_ratio",
    "generations_as_names",
    "gold_unit_key", "is_known_unit", "labels_as_numbers", "lemmas_of", "load_gold", "match", "no_ages_in_apposition",
    "no_dates",
    "no_ordinals", "numcheck_predictor", "one_of_as_one", "predict_all", "predictor", "published_rows",
    "qualifiers_match", "quantity_to_prediction", "quantulum3_predictor", "quantulum3_unit_key", "run",
    "same_unit", "score_file", "score_sentence", "system_rows", "tasks_for", "things_match", "units_agree",
    "units_match", "values_agree", "variants_for", "whole_datasets", "years_as_numbers",
]
