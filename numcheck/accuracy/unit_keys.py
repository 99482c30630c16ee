"""Unit keys: gold, numcheck and quantulum3 units in one vocabulary, and when two agree.

The rules are listed in the docstring of :mod:`numcheck.accuracy`.
"""

from __future__ import annotations

import contextlib
import math
import re
from functools import cache

from ..currencies import currency_code, currency_name
from ..records import Claim
from .lemmas import lemmas_of

#: Names that differ between pint / ISO codes / CQE / quantulum3, mapped to one name.
UNIT_ALIASES: dict[str, str] = {
    # Names quantulum3's and pint's catalogues do not reconcile (plain spellings, plurals and
    # symbols, "feet", "mph", "lb", "°C", are read through them: :func:`_catalogue_spelling`).
    # a hundredth of a dollar, as numcheck's registry (USD_cent) and quantulum3 (usc) name it,
    # and of a pound (GBP_penny, quantulum3's "penny");
    # currencies themselves are read by numcheck.currencies (registry, quantulum3, CLDR)
    "usd cent": "cent", "usc": "cent", "gbp penny": "penny",
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


def _spell(name: str, written: str | None = None) -> str:
    """Lowercase, pint's underscores as spaces, British spellings, aliases applied; a currency
    (code, name or symbol) under the one name :func:`numcheck.currencies.currency_name` gives it."""
    s = name.strip().lower().replace("_", " ")
    s = re.sub(r"meter\b", "metre", s)
    s = re.sub(r"liter\b", "litre", s)
    s = UNIT_ALIASES.get(s, s)
    s = _unglued_prefix(s)
    code = _currency_code(s, (written or name).strip())
    if code:
        return currency_name(code)
    return UNIT_ALIASES.get(_catalogue_spelling(s), _catalogue_spelling(s))


def _currency_code(name: str, written: str | None = None) -> str | None:
    """The ISO code ``name`` means (:func:`numcheck.currencies.currency_code`), but a three-letter
    word ``written`` in lower case is no code: ISO 4217 codes are written in capitals, and many are
    also English words ("top", "all", "cup", "try", "pen"), so the counted noun of "eight of the
    top 10" is no Tongan paʻanga.  Currency words ("yen", "euro", "rupee") keep their reading.

    >>> _currency_code("top"), _currency_code("top", "TOP"), _currency_code("usd", "USD"), _currency_code("yen")
    (None, 'TOP', 'USD', 'JPY')
    >>> _currency_code("btc")
    'BTC'
    """
    if not name or name[0].isdigit():
        return None
    code = currency_code(name)
    written = name if written is None else written
    if code and len(name) == 3 and code == name.upper() and not written.isupper() and currency_name(code) != name:
        return None  # (a currency whose name is its code, "btc", keeps it)
    return code


def _unglued_prefix(name: str) -> str:
    """pint glues an SI prefix to a unit's name of several words ("megabritish_thermal_unit"),
    CQE writes it apart ("mega british thermal unit"): the prefix is set apart when the first
    word is no unit by itself and what follows the prefix is one.

    >>> _unglued_prefix("megabritish thermal unit"), _unglued_prefix("kilowatt hour")
    ('mega british thermal unit', 'kilowatt hour')
    """
    first, _, rest = name.partition(" ")
    if not rest or _catalogue_unit(first):
        return name
    for prefix in _SI_PREFIXES:
        if first.startswith(prefix) and _catalogue_unit(f"{first[len(prefix):]} {rest}"):
            return f"{prefix} {first[len(prefix):]} {rest}"
    return name


@cache
def _catalogue_spelling(name: str) -> str:
    """quantulum3's name for a unit written as one of its surfaces or symbols ("feet",
    "mph", "kWh"), or pint's for a plural pint spells out ("kilometres"); else unchanged."""
    from ..units import quantulum3_surface_names, quantulum3_unit_names, ureg

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


def _factor(text: str, codes: frozenset[str] = frozenset()) -> str:
    """One pint factor: ``meter ** 2`` -> ``square metre``; ``codes``: the words the whole name
    wrote in capitals (a currency code keeps its reading in "ILS / year")."""
    base, _, power = (p.strip() for p in text.partition("^"))
    word = _spell(base, base.upper() if base.upper() in codes else base)
    return f"{_POWER[power]} {word}" if power in _POWER else word


_CAPITAL_CODE_RE = re.compile(r"\b[A-Z]{3}\b")


def canonical_unit(name: str) -> str:
    """A unit name in the shared vocabulary (pint strings, ISO codes and gold names alike).

    >>> canonical_unit("kilometer / hour"), canonical_unit("USD"), canonical_unit("degree Celsius")
    ('kilometre per hour', 'dollar', 'celsius')
    >>> canonical_unit("meter ** 2"), canonical_unit("1 / second"), canonical_unit("year of age")
    ('square metre', 'inverse second', 'year')
    """
    s = _spell(name).replace("**", "^")
    codes = frozenset(_CAPITAL_CODE_RE.findall(name))  # a code keeps its capitals' reading in a rate
    if "/" in s or "*" in s or "^" in s:
        num, *dens = (part.strip() for part in s.split("/"))
        head = " ".join(_factor(f, codes) for f in num.split("*"))
        tail = [" ".join(_factor(f, codes) for f in d.split("*")) for d in dens]
        if head == "1" and tail:
            head, tail = f"inverse {tail[0]}", tail[1:]
        s = " per ".join([head, *tail])
    if " per " not in s:
        return _spell(s)
    return " per ".join(_spell(part, part.upper() if part.upper() in codes else part) for part in s.split(" per "))


def _known_word(word: str) -> bool:
    if word in KNOWN_UNITS or _currency_code(word) or _catalogue_unit(word):
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
    from ..units import quantulum3_unit_names, ureg

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
    from ..units import ureg

    definition = getattr(ureg(), "_units", {}).get(unit)
    return (unit, *getattr(definition, "aliases", ()))


def is_known_unit(key: str) -> bool:
    """True for a physical or monetary unit, False for a counted noun (``people``).

    The head decides: ``dollar per share`` is a unit, ``assist per game`` a counted noun.

    >>> is_known_unit("kilometre per square second"), is_known_unit("Kia Hyundai vehicle")
    (True, False)
    """
    if key in KNOWN_UNITS or _currency_code(key) or _catalogue_unit(key):
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
        if kind == "count" and claim.noun and claim.noun_counted:
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
    from ..extract.lexicon import lexicon

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
    from ..units import ureg

    for text in (key, re.sub(r"\binverse (\w+)", r"1 / \1", key), key.replace(" ", "_")):
        with contextlib.suppress(Exception):  # pint raises several error types for unknown names
            return ureg().parse_units(text)
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
    from ..units import ureg

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
