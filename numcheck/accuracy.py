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
                            ("partial");
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
  :func:`_catalogue_spelling`); :data:`UNIT_ALIASES` keeps only the names neither
  catalogue reconciles with CQE's; ``year of age`` counts as ``year``; one unit under two
  names is one key (``cubic centimetre`` is ``millilitre``, ``barrel of oil``
  is ``barrel``);
* a currency, whether written as a code (``MYR``), a name or a plural (``Malaysian
  ringgit``, ``roubles``), is read by :func:`numcheck.currencies.currency_code`
  (numcheck's pint registry, quantulum3's catalogue, then CLDR's English names from
  babel) and keyed by the one name :func:`numcheck.currencies.currency_name` gives its
  code; no list of currencies is kept here;
* a *known unit* is one pint's registry or quantulum3's catalogue names (spelt out:
  ``nautical mile``, ``megawatt hour``; :func:`_catalogue_unit`), a currency, or one
  of the few names in :data:`KNOWN_UNITS` neither catalogue has (``percentage``,
  ``dozen``); the head decides for a phrase (``dollar per share``);
* a gold unit that is not a known unit is a counted noun, key ``count:<lemmas>``
  (``people``, ``Kia Hyundai vehicle``); numcheck's ``count`` claims get
  ``count:<noun>`` (``person`` is folded into ``people``) and agree when a
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
"""

from __future__ import annotations

import dataclasses

import csv
import json
import math
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd

from .currencies import currency_code, currency_name
from .errors import InputError
from .records import Claim

TASKS = ("value", "value+unit", "value+qualifier", "value+measured-thing")
SYSTEMS = ("numcheck", "quantulum3")
PUBLISHED_CSV = "cqe_published_scores.csv"
NO_EXCLUSION = "none"

# -- records --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates of one task on one file (rates are fractions, 0 when undefined).

    >>> s = Score.of(3, 1, 2)
    >>> s.precision, s.recall, round(s.f1, 4)
    (0.75, 0.6, 0.6667)
    """

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    def __post_init__(self) -> None:
        for name in ("tp", "fp", "fn"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> "Score":
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(tp, fp, fn, p, r, f)

    def __add__(self, other: "Score") -> "Score":
        return Score.of(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    """One gold quantity; ``low``/``high`` are the sorted range bounds when the gold gives a range."""

    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""  # a unit key (see the module docstring)
    qualifier: str | None = None  # = ~ > < up down; None when the set has no qualifiers
    entity: frozenset[str] | None = None  # lemmas; None when the gold names no measured thing
    surface: str | None = None  # as written (quantulum3's sets only)
    span: tuple[int, int] | None = None  # offsets of ``surface`` in the sentence (quantulum3's sets only)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    sid: str
    text: str
    quantities: tuple[GoldQuantity, ...]
    has_qualifiers: bool = False
    has_entities: bool = False


@dataclass(frozen=True, slots=True)
class Prediction:
    """One system's figure, reduced to what the matcher compares."""

    value: float
    low: float
    high: float
    unit: str = ""
    qualifier: str = "="
    lemmas: frozenset[str] | None = None  # None: the system gives no measured thing
    kind: str = ""
    start: int = -1
    end: int = -1


# -- units -----------------------------------------------------------------------------------

#: Names that differ between pint / ISO codes / CQE / quantulum3, mapped to one name.
UNIT_ALIASES: dict[str, str] = {
    # Names quantulum3's and pint's catalogues do not reconcile (plain spellings, plurals and
    # symbols, "feet", "mph", "lb", "°C", are read through them: :func:`_catalogue_spelling`).
    # a hundredth of a dollar, as numcheck's registry (USD_cent) and quantulum3 (usc) name it;
    # currencies themselves are read by numcheck.currencies (registry, quantulum3, CLDR)
    "usd cent": "cent", "usc": "cent",
    # ratios; a percentage point is a percent of difference (pint: the same unit); "points"
    # alone are index points
    "per cent": "percentage", "percentage point": "percentage", "percent point": "percentage",
    "pp": "percentage", "percentage points": "percentage", "bp": "basis point",
    "ppm": "part per million", "parts per million": "part per million", "parts-per-million": "part per million",
    "parts-per-billion": "part per billion",
    # CQE's names of temperatures, angles, masses and torques
    "degree angle": "degree", "degree celsius": "celsius", "degc": "celsius",
    "degree fahrenheit": "fahrenheit", "degf": "fahrenheit",
    "pound": "pound-mass", "pound mass": "pound-mass",
    "foot pound-force": "pound-foot", "foot pound force": "pound-foot",
    "pound force foot": "pound-foot", "foot pound": "pound-foot",
    # ages are durations
    "year of age": "year", "month of age": "month", "week of age": "week", "day of age": "day",
    # rates written as one word that neither catalogue spells out
    "mpg": "mile per gallon", "bhp": "brake horsepower",
    "dimensionless": "",
    # one unit under two names: pint writes a millilitre as a cubic centimetre; a barrel is
    # a barrel whether or not the gold says "of oil"
    "cubic centimetre": "millilitre", "barrel of oil": "barrel",
}

#: Units that neither pint's registry nor quantulum3's catalogue names as a unit: ratios and count
#: words quantulum3 files as dimensionless, and CQE's own names.  Everything else that is a unit is
#: found in those catalogues (:func:`_catalogue_unit`) and in :mod:`numcheck.currencies`.
KNOWN_UNITS: frozenset[str] = frozenset({
    "percentage", "part per million", "part per billion", "dozen", "gross", "baker's dozen",
    "sen", "pound-foot", "brake horsepower", "barrel of oil",
})

_SI_PREFIXES = ("kilo", "mega", "giga", "tera", "peta", "exa", "milli", "micro", "nano", "pico",
                "femto", "atto", "centi", "deci", "hecto", "kibi", "mebi", "gibi")
_POWER = {"2": "square", "3": "cubic"}


def _spell(name: str) -> str:
    """Lowercase, pint's underscores as spaces, British spellings, aliases applied; a currency
    (code, name or symbol) under the one name :func:`numcheck.currencies.currency_name` gives it."""
    s = name.strip().lower().replace("_", " ")
    s = re.sub(r"meter\b", "metre", s)
    s = re.sub(r"liter\b", "litre", s)
    s = UNIT_ALIASES.get(s, s)
    code = currency_code(s) if s and not s[0].isdigit() else None
    if code:
        return currency_name(code)
    return UNIT_ALIASES.get(_catalogue_spelling(s), _catalogue_spelling(s))


@cache
def _catalogue_spelling(name: str) -> str:
    """quantulum3's name for a unit written as one of its surfaces or symbols ("feet",
    "mph", "kWh"), or pint's for a plural pint spells out ("kilometres"); else unchanged."""
    from .units import quantulum3_surface_names, quantulum3_unit_names, ureg

    if not name or name in quantulum3_unit_names() or name in KNOWN_UNITS:
        return name
    if name in quantulum3_surface_names():
        return quantulum3_surface_names()[name]
    word = re.sub(r"litre", "liter", re.sub(r"metre", "meter", name)).replace(" ", "_")
    try:
        readings = ureg().parse_unit_name(word)
    except Exception:  # noqa: BLE001 - pint raises several error types for odd names
        return name
    for prefix, unit, _ in readings:
        if word in (prefix + unit + "s", prefix + unit + "es"):
            spelt = (prefix + unit).replace("_", " ")
            return re.sub(r"liter\b", "litre", re.sub(r"meter\b", "metre", spelt))
    return name


def _factor(text: str) -> str:
    """One pint factor: ``meter ** 2`` -> ``square metre``."""
    base, _, power = (p.strip() for p in text.partition("^"))
    word = _spell(base)
    return f"{_POWER[power]} {word}" if power in _POWER else word


def canonical_unit(name: str) -> str:
    """A unit name in the shared vocabulary (pint strings, ISO codes and gold names alike).

    >>> canonical_unit("kilometer / hour"), canonical_unit("USD"), canonical_unit("degree Celsius")
    ('kilometre per hour', 'dollar', 'celsius')
    >>> canonical_unit("meter ** 2"), canonical_unit("1 / second"), canonical_unit("year of age")
    ('square metre', 'inverse second', 'year')
    """
    s = _spell(name).replace("**", "^")
    if "/" in s or "*" in s or "^" in s:
        num, *dens = (part.strip() for part in s.split("/"))
        head = " ".join(_factor(f) for f in num.split("*"))
        tail = [" ".join(_factor(f) for f in d.split("*")) for d in dens]
        if head == "1" and tail:
            head, tail = f"inverse {tail[0]}", tail[1:]
        s = " per ".join([head, *tail])
    return " per ".join(_spell(part) for part in s.split(" per ")) if " per " in s else _spell(s)


def _known_word(word: str) -> bool:
    if word in KNOWN_UNITS or currency_code(word) or _catalogue_unit(word):
        return True
    return any(word.startswith(p) and word[len(p):] in KNOWN_UNITS for p in _SI_PREFIXES)


@cache
def _catalogue_unit(name: str) -> bool:
    """A unit of pint's registry or quantulum3's catalogue (not a dimensionless count word).

    pint reads "nautical mile", "troy ounce", "megawatt hour".  Only a reading that spells
    the word out counts (prefix + unit name, US spelling): pint also reads "unit" as
    micro-nit and "bus" as bushels (the symbol "bu" plus a plural s).

    >>> _catalogue_unit("nautical mile"), _catalogue_unit("megawatt hour"), _catalogue_unit("bus")
    (True, True, False)
    >>> _catalogue_unit("celsius"), _catalogue_unit("unit")
    (True, False)
    """
    from .units import quantulum3_unit_names, ureg

    if name in quantulum3_unit_names():
        return True
    word = re.sub(r"litre\b", "liter", re.sub(r"metre\b", "meter", name)).replace(" ", "_")
    try:
        readings = ureg().parse_unit_name(word)
    except Exception:  # noqa: BLE001 - pint raises several error types for odd names
        return False
    return any(word == prefix + spelt for prefix, unit, _ in readings
               for spelt in _spelt_names(unit))


def _spelt_names(unit: str) -> tuple[str, ...]:
    """A pint unit's name and its aliases ("degree_Celsius", "celsius", "degC"); pint keeps
    the aliases in its definitions table only (no public accessor), so it is read defensively."""
    from .units import ureg

    definition = getattr(ureg(), "_units", {}).get(unit)
    return (unit, *getattr(definition, "aliases", ()))


def is_known_unit(key: str) -> bool:
    """True for a physical or monetary unit, False for a counted noun (``people``).

    The head decides: ``dollar per share`` is a unit, ``assist per game`` a counted noun.

    >>> is_known_unit("kilometre per square second"), is_known_unit("Kia Hyundai vehicle")
    (True, False)
    """
    if key in KNOWN_UNITS or currency_code(key) or _catalogue_unit(key):
        return True
    head = re.sub(r"^(square|cubic|inverse) ", "", key.split(" per ")[0])
    return _known_word(head) or all(_known_word(w) for w in head.split())


def _count_key(words: str) -> str:
    lemmas = sorted(lemmas_of(words))
    return "count:" + " ".join(lemmas) if lemmas else ""


def gold_unit_key(unit: str | None) -> str:
    """Key of a gold unit (CQE or quantulum3 vocabulary)."""
    if unit is None or unit.strip() in ("", "-"):
        return ""
    if unit.strip().lower() in ("count", "dimensionless"):
        return "count"
    if unit.startswith("%"):
        return "percentage"
    key = canonical_unit(unit)
    return key if is_known_unit(key) else _count_key(unit)


def claim_unit_key(claim: Claim) -> str:
    """Key of a numcheck claim's unit: pint unit, or ``count:<noun>`` for counts."""
    kind = str(claim.kind)
    if kind in ("date", "year"):
        return "date"
    key = canonical_unit(claim.unit) if claim.unit else ""
    if kind in ("count", "ordinal") or key in ("", "count"):
        if kind == "count" and claim.noun:
            noun = canonical_unit(claim.noun)
            if noun != claim.noun and is_known_unit(noun) and noun != "count":
                return noun  # a noun that spells a unit another way: "mpg" -> "mile per gallon"
            return _count_key(" ".join((claim.noun, *_folded_into(claim.noun.split()[-1]))))
        return ""
    return key


def _folded_into(noun: str) -> tuple[str, ...]:
    """The words numcheck's noun synonyms (``lexicon.toml``) fold into ``noun`` ("troop" into
    "soldier"): the claim keeps the folded noun, the gold the word as written, so a count
    is keyed by both."""
    from .extract.lexicon import lexicon

    return tuple(word for word, canon in lexicon().noun_synonyms.items() if canon == noun)


def quantulum3_unit_key(name: str) -> str:
    key = canonical_unit(name)
    return "" if key in ("", "count") else key


@cache
def _pint_units(key: str):
    """The pint unit a known-unit key names (pint reads "kilometre per hour", "cubic
    centimetre"), or None for counts, CQE-only names and anything pint does not know."""
    if not key or key.startswith("count"):
        return None
    from .units import ureg

    for text in (key, re.sub(r"\binverse (\w+)", r"1 / \1", key), key.replace(" ", "_")):
        try:
            return ureg().parse_units(text)
        except Exception:  # noqa: BLE001 - pint raises several error types for unknown names
            continue
    return None


def same_unit(a: str, b: str) -> bool:
    """Two known-unit keys that pint converts 1:1 (``millilitre`` and ``cubic centimetre``,
    ``ton`` and ``short ton``, ``rad`` and ``radian``); offset scales never (0 °C is not 0 K).

    >>> same_unit("millilitre", "cubic centimetre"), same_unit("rad", "radian")
    (True, True)
    >>> same_unit("celsius", "kelvin"), same_unit("metre", "foot")
    (False, False)
    """
    ua, ub = _pint_units(a), _pint_units(b)
    if ua is None or ub is None:
        return False
    if ua == ub:
        return True
    from .units import ureg

    try:
        factor = ureg().Quantity(1.0, ua).to(ub).magnitude
    except Exception:  # noqa: BLE001 - other dimensions, or offset units pint refuses
        return False
    return math.isclose(factor, 1.0, rel_tol=1e-9)


def units_agree(gold: str, pred: str) -> bool:
    """Whether a prediction's unit key satisfies a gold unit key (rules in the module docstring).

    >>> units_agree("count:people", "count:people"), units_agree("", "count:bus")
    (True, False)
    >>> units_agree("count", "count:bus"), units_agree("degree", "celsius")
    (True, True)
    >>> units_agree("millilitre", "cubic centimetre")
    True
    """
    if gold == pred:
        return True
    if same_unit(gold, pred):
        return True
    if gold == "count":
        return pred == "" or pred.startswith("count:")
    if gold == "degree":
        return pred in ("celsius", "fahrenheit")
    if pred.startswith("count:"):
        gold_words = set(gold.removeprefix("count:").split())
        return bool(gold_words & set(pred.removeprefix("count:").split()))
    if gold.startswith("count:") and " " not in pred:
        # a counted noun the registry also names ("chain", "point", "cup") against a longer
        # gold noun phrase ("hotel chain"): the same lemma rule as above, read the other way
        return pred in gold.removeprefix("count:").split()
    return False


# -- lemmas and qualifiers ----------------------------------------------------------------------

_STOPWORDS = frozenset("a an the of in on for to and or with by at from as per its their".split())
_LEMMA_FOLDS = {"person": "people"}


@cache
def _lemma(word: str) -> str:
    from lemminflect import getLemma

    found = getLemma(word, upos="NOUN") if word.isalpha() else ()
    lemma = found[0] if found and found[0] else word
    return _LEMMA_FOLDS.get(lemma, lemma)


def lemmas_of(text: str) -> frozenset[str]:
    """Lowercase noun lemmas of a phrase, stopwords and one-letter tokens dropped.

    The CQE authors' own scorer (``evaluate_models.py`` in satya77/CQE_Evaluation)
    intersects lower-cased words without lemmas; reading every word as a noun
    (lemminflect) only adds singular/plural agreement ("homes" ~ "home").  Verb and
    adjective readings are deliberately not added: "charging" does not meet "charge".

    >>> sorted(lemmas_of("price, typical homes"))
    ['home', 'price', 'typical']
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(_lemma(w) for w in words if len(w) > 1 and w not in _STOPWORDS)


#: numcheck qualifier -> gold qualifier (a bound takes precedence over a change up/down).
QUALIFIER_TO_GOLD: dict[str, str] = {
    # NewsQuant marks vague plurals ("dozens of", "millions of") as "=", with the range as value
    "exact": "=", "range": "=", "about": "~", "vague": "=", "more_than": ">", "at_least": ">",
    "less_than": "<", "at_most": "<", "nearly": "~",
}
#: numcheck's ``nearly`` covers "nearly"/"almost" (NewsQuant: ``~``) and "just under"/"shy of"
#: (NewsQuant: ``<``); the wording tells them apart.
_BELOW_WORDING = re.compile(r"(?:just|slightly|a little|a bit)\s+(?:under|below)\b|(?:just\s+)?shy of\b"
                            r"|short of\b|not quite\b", re.IGNORECASE)


def claim_qualifier(claim: Claim) -> str:
    """The gold's "change" symbol for a claim: a bound wins over a change, as the gold
    marks it ("up about 19%" is ``~``, "lost more than 60%" is ``>``); then up/down.

    "nearly 3,000" and "almost half" are ``~`` (NewsQuant's reading of "nearly"), "just
    under 3,000" is ``<``.  A range keeps ``=`` even when it is worded as a change ("rose from $5 to $7"):
    NewsQuant gives such a range the qualifier ``=`` and its bounds as the value;
    numcheck still records the direction in the ``change`` column.
    """
    bound = QUALIFIER_TO_GOLD.get(str(claim.qualifier), "=")
    if str(claim.qualifier) == "nearly" and _BELOW_WORDING.match(claim.surface):
        bound = "<"
    if bound in ("~", ">", "<") or str(claim.qualifier) == "range":
        return bound
    change = str(claim.change)
    return change if change in ("up", "down") else bound


# -- predictions from each system -------------------------------------------------------------


def claim_to_prediction(claim: Claim) -> Prediction:
    words = " ".join((claim.noun, *claim.modifiers, *claim.context, claim.subject))
    return Prediction(
        value=claim.value, low=claim.interval.low, high=claim.interval.high,
        unit=claim_unit_key(claim), qualifier=claim_qualifier(claim), lemmas=lemmas_of(words),
        kind=str(claim.kind), start=claim.start, end=claim.end)


def quantity_to_prediction(quantity) -> Prediction:
    """A quantulum3 ``Quantity``: ``value ± uncertainty`` is its interval; qualifier is ``=``."""
    value, spread = float(quantity.value), float(quantity.uncertainty or 0.0)
    start, end = quantity.span
    return Prediction(value=value, low=value - spread, high=value + spread,
                      unit=quantulum3_unit_key(quantity.unit.name), start=start, end=end)


Predictor = Callable[[str], list[Prediction]]


def numcheck_predictor(extract: Callable[[str], list[Claim]] | None = None) -> Predictor:
    """Predictions of ``numcheck.extract_text`` (or of ``extract``, for tests), in text order."""
    if extract is None:
        from .extract import extract_text as extract

    def predict(text: str) -> list[Prediction]:
        claims = sorted(extract(text), key=lambda c: (c.start, c.end))
        return [claim_to_prediction(c) for c in claims]

    return predict


def quantulum3_predictor() -> Predictor:
    """Predictions of ``quantulum3.parser.parse``; its classifier warning is silenced here only."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
        from quantulum3 import parser

    def predict(text: str) -> list[Prediction]:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
            quantities = parser.parse(text)
        return sorted((quantity_to_prediction(q) for q in quantities), key=lambda p: p.start)

    return predict


def predictor(system: str, extract: Callable[[str], list[Claim]] | None = None) -> Predictor:
    if system == "numcheck":
        return numcheck_predictor(extract)
    if system == "quantulum3":
        return quantulum3_predictor()
    raise ValueError(f"system must be one of {SYSTEMS}, not {system!r}")


# -- gold files -------------------------------------------------------------------------------


def _gold_quantity(q: dict) -> GoldQuantity:
    low = high = None
    if q.get("range"):
        low, high = sorted(float(b) for b in q["range"])
    value = None if q.get("value") is None else float(q["value"])
    entity = q.get("entity")
    span = tuple(q["span"]) if q.get("span") else None
    return GoldQuantity(value=value, low=low, high=high, unit=gold_unit_key(q.get("unit")),
                        qualifier=q.get("qualifier"),
                        entity=lemmas_of(entity) if entity else None, surface=q.get("surface"), span=span)


def load_gold(path: str | Path) -> list[GoldSentence]:
    """Sentences of a gold JSONL file; raises :class:`InputError` naming the line on bad input."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(path, f"cannot read gold file: {exc.strerror or exc}") from exc
    sentences = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            raw = row["quantities"]
            sentences.append(GoldSentence(
                sid=str(row.get("id", number)), text=row["text"],
                quantities=tuple(_gold_quantity(q) for q in raw),
                has_qualifiers=any(q.get("qualifier") is not None for q in raw),
                has_entities=any(q.get("entity") is not None for q in raw)))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(path, f"not a gold sentence: {exc}", line=number,
                             hint="expected {'id', 'text', 'quantities': [...]}") from exc
    return sentences


# -- matching -------------------------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=0.0)


def values_agree(gold: GoldQuantity, pred: Prediction) -> bool:
    if gold.value is not None and _close(gold.value, pred.value):
        return True
    if gold.low is None or not (math.isfinite(pred.low) and math.isfinite(pred.high)):
        return False
    return _close(gold.low, pred.low) and _close(gold.high, pred.high)


def units_match(gold: GoldQuantity, pred: Prediction) -> bool:
    return values_agree(gold, pred) and units_agree(gold.unit, pred.unit)


def qualifiers_match(gold: GoldQuantity, pred: Prediction) -> bool:
    return values_agree(gold, pred) and gold.qualifier == pred.qualifier


def things_match(gold: GoldQuantity, pred: Prediction) -> bool:
    if not values_agree(gold, pred):
        return False
    return gold.entity is None or bool(gold.entity & (pred.lemmas or frozenset()))


AGREEMENT: dict[str, Callable[[GoldQuantity, Prediction], bool]] = {
    "value": values_agree, "value+unit": units_match,
    "value+qualifier": qualifiers_match, "value+measured-thing": things_match,
}


def match(gold: Sequence[GoldQuantity], preds: Sequence[Prediction],
          agree: Callable[[GoldQuantity, Prediction], bool] = values_agree) -> list[tuple[int, int]]:
    """Maximum matching of gold to predictions: sorted ``(gold index, prediction index)`` pairs."""
    edges = [[j for j, p in enumerate(preds) if agree(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def score_sentence(gold: Sequence[GoldQuantity], preds: Sequence[Prediction], task: str) -> Score:
    tp = len(match(gold, preds, AGREEMENT[task]))
    return Score.of(tp, len(preds) - tp, len(gold) - tp)


# -- exclusions -----------------------------------------------------------------------------------

Exclusion = Callable[[str, list[GoldQuantity], list[Prediction]],
                     tuple[list[GoldQuantity], list[Prediction]]]
_ONE_OF = re.compile(r"\bone of\b", re.IGNORECASE)
_ONE = re.compile(r"\bone\b|(?<![\d.,])\b1\b(?![.,]?\d)", re.IGNORECASE)


def one_of_as_one(text: str, gold: list[GoldQuantity],
                  preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant annotates "one of the ..." as the value 1; numcheck does not count it.

    In a sentence with "one of" and no other "one" or "1", gold values of 1 are
    dropped, and so are predictions of 1 that sit on a "one of".
    """
    spans = [m.span() for m in _ONE_OF.finditer(text)]
    if not spans or len(_ONE.findall(text)) > len(spans):
        return gold, preds
    kept_gold = [g for g in gold if not (g.value == 1 and g.low is None)]
    kept_preds = [p for p in preds
                  if not (p.value == 1 and any(a <= p.start < b for a, b in spans))]
    return kept_gold, kept_preds


def no_dates(text: str, gold: list[GoldQuantity],
             preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant does not annotate dates or years; numcheck's date and year claims are not scored."""
    return gold, [p for p in preds if p.kind not in ("date", "year")]


def no_ordinals(text: str, gold: list[GoldQuantity],
                preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant does not annotate ordinals ("the 22nd amendment", "a second call");
    numcheck's ordinal claims are not scored."""
    return gold, [p for p in preds if p.kind != "ordinal"]


_PERCENT_WORD = re.compile(r"%|per\s?cent|percent|\bpoints?\b|\bpc\b", re.IGNORECASE)


def fractions_as_ratio(text: str, gold: list[GoldQuantity],
                       preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant writes "half of", "a third of" as ratios (0.5); numcheck as percent (50).

    Fraction predictions (percent claims spelt without digits and without a
    percent word, so "five percent" stays 5) are scored as ratios.
    """
    out = []
    for p in preds:
        surface = text[p.start:p.end]
        if p.kind == "percent" and not any(ch.isdigit() for ch in surface) \
                and not _PERCENT_WORD.search(surface):
            p = dataclasses.replace(p, value=p.value / 100, low=p.low / 100, high=p.high / 100)
        out.append(p)
    return gold, out


def fractions_as_numbers(text: str, gold: list[GoldQuantity],
                         preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3's tests write "two thirds" as the plain number 0.667 (dimensionless);
    numcheck's percent reading of a spelt fraction is scored as that ratio, without unit."""
    _, rescaled = fractions_as_ratio(text, gold, preds)
    return gold, [dataclasses.replace(r, unit="") if r is not p else p for r, p in zip(rescaled, preds)]


def years_as_numbers(text: str, gold: list[GoldQuantity],
                     preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3's tests annotate a year ("Voyager 2 in 1979") as the plain number 1979;
    numcheck's year claims carry ordinal days, so they are scored by their year."""
    out = []
    for p in preds:
        surface = text[p.start:p.end]
        if p.kind == "year" and surface[:4].isdigit():
            year = float(surface[:4])
            p = dataclasses.replace(p, value=year, low=year, high=year, unit="")
        out.append(p)
    return gold, out


_ARTICLE = re.compile(r"(?i)an?\s")
_NAME_BEFORE = re.compile(r"(?:^|\s)[\"“'‘(]*(\S+?)[\"”'’]*\s+[\"“'‘]?$")


def articles_as_one(text: str, gold: list[GoldQuantity],
                    preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3 reads an article before a unit as the value 1 ("a gallon", "a dozen");
    numcheck reads an article as a number only before a scale word ("a million"), so that gold is not scored."""
    dropped = [g for g in gold if g.value == 1 and g.surface and _ARTICLE.match(g.surface)]
    return _without(gold, preds, dropped)


def _without(gold: list[GoldQuantity], preds: list[Prediction],
             dropped: list[GoldQuantity]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """Gold less ``dropped``, and predictions less those inside a dropped gold's span
    (the same for every system: what is not scored is not scored on either side)."""
    spans = [g.span for g in dropped if g.span]
    return ([g for g in gold if g not in dropped],
            [p for p in preds if not any(a <= p.start < b for a, b in spans)])


def labels_as_numbers(text: str, gold: list[GoldQuantity],
                      preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3 counts a bare number that names a thing ("Voyager 2", "Core i7 860") as a quantity;
    numcheck leaves such labels out by design, so a dimensionless gold right after a capitalised
    word or a letters-and-digits code is not scored."""
    dropped = []
    for g in gold:
        if g.unit == "count" and g.surface and g.surface.isdigit() and g.span:
            m = _NAME_BEFORE.search(text, 0, g.span[0])
            word = m.group(1) if m else ""
            if word[:1].isupper() or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word)):
                dropped.append(g)
    return _without(gold, preds, dropped)


#: Every documented convention, in the order the table reports them.
EXCLUSIONS: tuple[Exclusion, ...] = (one_of_as_one, no_dates, no_ordinals, fractions_as_ratio)
#: The conventions of quantulum3's own test sets.
QUANTULUM3_EXCLUSIONS: tuple[Exclusion, ...] = (fractions_as_numbers, years_as_numbers, articles_as_one,
                                                labels_as_numbers)
#: The conventions of the Recognizers-Text sets: like NewsQuant, they annotate no dates, years or ordinals.
RECOGNIZERS_EXCLUSIONS: tuple[Exclusion, ...] = (no_dates, no_ordinals)


def exclusion_name(exclusions: Sequence[Exclusion]) -> str:
    return "+".join(f.__name__.replace("_", "-") for f in exclusions) or NO_EXCLUSION


def exclusions_for(path: Path) -> tuple[Exclusion, ...]:
    """The exclusions that describe a file's conventions (NewsQuant, quantulum3's and
    Recognizers-Text's sets)."""
    stem = Path(path).stem
    if stem.startswith("newsquant"):
        return EXCLUSIONS
    if stem.startswith("recognizers_text"):
        return RECOGNIZERS_EXCLUSIONS
    return QUANTULUM3_EXCLUSIONS if stem.startswith("quantulum3") else ()


# -- scoring a file ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileResult:
    """Scores of one system on one file under one set of exclusions."""

    scores: dict[str, Score]
    n_gold: int
    n_pred: int
    excluded_gold: int = 0
    excluded_pred: int = 0


def tasks_for(sentences: Sequence[GoldSentence], system: str) -> tuple[str, ...]:
    """The tasks a file annotates and a system can be scored on."""
    tasks = ["value", "value+unit"]
    if any(s.has_qualifiers for s in sentences):
        tasks.append("value+qualifier")
    if any(s.has_entities for s in sentences) and system != "quantulum3":
        tasks.append("value+measured-thing")
    return tuple(tasks)


def evaluate(sentences: Sequence[GoldSentence], predictions: Sequence[Sequence[Prediction]],
             tasks: Sequence[str] = TASKS, exclusions: Sequence[Exclusion] = ()) -> FileResult:
    """Score predictions (one list per sentence, in order) against the gold sentences."""
    if len(sentences) != len(predictions):
        raise ValueError(f"predictions must give one list per sentence: "
                         f"{len(predictions)} lists for {len(sentences)} sentences")
    totals = {task: Score.of(0, 0, 0) for task in tasks}
    n_gold = n_pred = dropped_gold = dropped_pred = 0
    for sentence, preds in zip(sentences, predictions):
        gold, kept = list(sentence.quantities), list(preds)
        for exclude in exclusions:
            gold, kept = exclude(sentence.text, gold, kept)
        dropped_gold += len(sentence.quantities) - len(gold)
        dropped_pred += len(preds) - len(kept)
        n_gold, n_pred = n_gold + len(gold), n_pred + len(kept)
        for task in tasks:
            totals[task] = totals[task] + score_sentence(gold, kept, task)
    return FileResult(totals, n_gold, n_pred, dropped_gold, dropped_pred)


def predict_all(sentences: Sequence[GoldSentence], predict: Predictor,
                system: str = "") -> list[list[Prediction]]:
    """One prediction list per sentence; a sentence the system fails on warns and predicts nothing."""
    out = []
    for sentence in sentences:
        try:
            out.append(predict(sentence.text))
        except Exception as exc:  # noqa: BLE001 - one bad sentence must not stop the bench
            warnings.warn(f"{system or 'system'} failed on {sentence.sid}: {exc!r}", RuntimeWarning,
                          stacklevel=2)
            out.append([])
    return out


def score_file(path: str | Path, *, system: str = "numcheck", exclusions: Sequence[Exclusion] = (),
               extract: Callable[[str], list[Claim]] | None = None) -> dict[str, Score]:
    """Score one system on one gold file: ``{task: Score}`` for the tasks the file annotates.

    ``extract`` replaces ``numcheck.extract_text`` (tests).  quantulum3 has no
    ``value+measured-thing`` entry.
    """
    sentences = load_gold(path)
    predictions = predict_all(sentences, predictor(system, extract), system)
    return evaluate(sentences, predictions, tasks_for(sentences, system), exclusions).scores


# -- the table ------------------------------------------------------------------------------------

FILE, SYSTEM, TASK, PRECISION, RECALL, F1 = "file", "system", "task", "precision", "recall", "f1"
N_GOLD, N_PRED, EXCLUSION = "n_gold", "n_pred", "exclusion"
EXCLUDED_GOLD, EXCLUDED_PRED = "excluded_gold", "excluded_pred"
#: Columns of :func:`run`'s frame (P/R/F1 in percent; counts are after exclusions).
COLUMNS = (FILE, SYSTEM, TASK, PRECISION, RECALL, F1, N_GOLD, N_PRED, EXCLUSION,
           EXCLUDED_GOLD, EXCLUDED_PRED)

#: CQE dataset -> gold file stems; CQE task -> our task; CQE system -> row label.
PUBLISHED_DATASETS = {
    "NewsQuant": ("newsquant_dev", "newsquant_test"), "age-model": ("recognizers_text_age",),
    "currency-model": ("recognizers_text_currency",),
    "dimension-model": ("recognizers_text_dimension",),
    "temperature-model": ("recognizers_text_temperature",),
}
PUBLISHED_TASKS = {
    "value": "value", "value+unit": "value+unit", "value+change": "value+qualifier",
    "value+concept_partial": "value+measured-thing",
    "value+concept_complete": "value+measured-thing (complete)",
}
PUBLISHED_SYSTEMS = {"CQE-Numparser": "CQE (published)"}


def variants_for(path: Path) -> list[tuple[Exclusion, ...]]:
    """Raw, then each exclusion alone, then all of them together (when there are several)."""
    found = exclusions_for(path)
    variants: list[tuple[Exclusion, ...]] = [(), *((e,) for e in found)]
    return variants + [found] if len(found) > 1 else variants


def _row(path: Path, system: str, task: str, exclusion: str, result: FileResult | None) -> dict:
    row = {FILE: path.name, SYSTEM: system, TASK: task, EXCLUSION: exclusion}
    score = result.scores.get(task) if result else None
    row.update({PRECISION: 100 * score.precision if score else math.nan,
                RECALL: 100 * score.recall if score else math.nan,
                F1: 100 * score.f1 if score else math.nan})
    if result:
        row.update({N_GOLD: result.n_gold, N_PRED: result.n_pred,
                    EXCLUDED_GOLD: result.excluded_gold, EXCLUDED_PRED: result.excluded_pred})
    return row


def system_rows(path: Path, system: str, sentences: Sequence[GoldSentence],
                predictions: Sequence[Sequence[Prediction]]) -> list[dict]:
    tasks = tasks_for(sentences, system)
    rows = []
    for exclusions in variants_for(path):
        result = evaluate(sentences, predictions, tasks, exclusions)
        rows += [_row(path, system, t, exclusion_name(exclusions), result) for t in tasks]
    if any(s.has_entities for s in sentences) and "value+measured-thing" not in tasks:
        rows.append(_row(path, system, "value+measured-thing", NO_EXCLUSION, None))
    return rows


def published_rows(path: Path) -> list[dict]:
    """The CQE authors' scores for the dataset a gold file comes from (next to it on disk)."""
    table = path.parent / PUBLISHED_CSV
    if not table.is_file():
        return []
    with table.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    rows = []
    for rec in records:
        if path.stem not in PUBLISHED_DATASETS.get(rec["dataset"], ()):
            continue
        name = PUBLISHED_SYSTEMS.get(rec["system"], f"{rec['system']} (published)")
        rows.append({FILE: path.name, SYSTEM: name, EXCLUSION: NO_EXCLUSION,
                     TASK: PUBLISHED_TASKS.get(rec["task"], rec["task"]),
                     PRECISION: float(rec["precision"]), RECALL: float(rec["recall"]),
                     F1: float(rec["f1"])})
    return rows


def run(paths: Iterable[str | Path], systems: Sequence[str] = SYSTEMS, *,
        extract: Callable[[str], list[Claim]] | None = None) -> pd.DataFrame:
    """Score each system on each gold file, beside the published rows: one row per
    file x system x task x exclusion (columns :data:`COLUMNS`, rates in percent)."""
    predictors = {system: predictor(system, extract) for system in systems}
    rows: list[dict] = []
    for path in map(Path, paths):
        sentences = load_gold(path)
        for system, predict in predictors.items():
            rows += system_rows(path, system, sentences, predict_all(sentences, predict, system))
        rows += published_rows(path)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in (N_GOLD, N_PRED, EXCLUDED_GOLD, EXCLUDED_PRED):
        frame[column] = frame[column].astype("Int64")
    return frame.astype({PRECISION: "float64", RECALL: "float64", F1: "float64"})


def _cell(value) -> str:
    if value is None or pd.isna(value):
        return "n/a" if isinstance(value, float) else ""
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _target_lines(part: pd.DataFrame) -> list[str]:
    """The 95% target, raw and with all the file's conventions (the last, longest exclusion)."""
    lines = []
    rows = part[(part[TASK] == "value+unit") & part[N_GOLD].notna()]
    variants = [NO_EXCLUSION] + [e for e in rows[EXCLUSION].unique() if e != NO_EXCLUSION][-1:]
    for variant in variants:
        for _, row in rows[rows[EXCLUSION] == variant].iterrows():
            verdict = "meets" if row[RECALL] >= 95 else "below"
            lines.append(f"- {row[SYSTEM]}, {variant}: {row[RECALL]:.1f}% of {row[N_GOLD]} gold quantities "
                         f"matched by value and unit ({verdict} the 95% target)")
    return lines


def format_table(frame: pd.DataFrame) -> str:
    """Plain-text (markdown) tables, one per file, tasks in :data:`TASKS` order."""
    head = ("| task | system | exclusion | P % | R % | F1 % | gold | pred | excl. gold | excl. pred |\n"
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    order = {task: i for i, task in enumerate(TASKS)}
    out = []
    for name in dict.fromkeys(frame[FILE]):
        part = frame[frame[FILE] == name]
        part = part.assign(_rank=part[TASK].map(lambda t: order.get(t, len(order))))
        part = part.sort_values("_rank", kind="stable")
        lines = [f"### {name}", "", head]
        for _, r in part.iterrows():
            cells = [r[TASK], r[SYSTEM], r[EXCLUSION], *(_cell(r[c]) for c in (
                PRECISION, RECALL, F1, N_GOLD, N_PRED, EXCLUDED_GOLD, EXCLUDED_PRED))]
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        if name.startswith("quantulum3"):
            lines += ["", *_target_lines(part)]
        if name.startswith("newsquant") and part[SYSTEM].str.endswith("(published)").any():
            lines += ["", "(published) rows: the CQE authors' scores on all of NewsQuant "
                          "(590 sentences), not on this half."]
        out.append("\n".join(lines))
    notes = []
    for title, listed in (("NewsQuant", EXCLUSIONS), ("quantulum3's test sets", QUANTULUM3_EXCLUSIONS),
                          ("Recognizers-Text sets", RECOGNIZERS_EXCLUSIONS)):
        notes.append(f"Exclusions ({title}):\n" + "\n".join(
            f"- {exclusion_name((e,))}: {(e.__doc__ or '').strip().splitlines()[0]}" for e in listed))
    return "\n\n".join(out + notes) + "\n"


def default_bench_dir() -> Path:
    """The shared bench folder beside the repository (``$NUMCHECK_BENCH`` overrides)."""
    import os

    env = os.environ.get("NUMCHECK_BENCH")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "bench"


if __name__ == "__main__":  # python -m numcheck.accuracy [FILES...]
    import sys

    files = [Path(a) for a in sys.argv[1:]] or sorted(default_bench_dir().glob("*.jsonl"))
    print(format_table(run(files)))
