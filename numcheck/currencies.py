"""Currency names and codes: which ISO 4217 code a written currency name means.

Three catalogues, no word list of our own:

* numcheck's pint registry (``data/units.txt``: the codes numcheck writes and
  their aliases, "RMB", "BTC");
* quantulum3's unit catalogue (its currency units carry ``currency_code``; their
  surfaces give the everyday words: "yen", "roubles", "rmb");
* CLDR's English currency names, shipped with babel (singular and plural display
  names of every ISO 4217 code: "Malaysian Ringgit", "Swedish kronor").

:func:`currency_code` reads a name in this order: the registry's codes, quantulum3's names and
surfaces (its choice decides ambiguous words: "rupee" is the Indian rupee),
then CLDR's full names, then the last word of a CLDR name when only one current
currency has it ("ringgit", "shekel"), then a CLDR name whose words each begin
like the given ones ("singaporean dollar" ~ "Singapore Dollar", "lao kip" ~
"Laotian Kip").  :func:`currency_name` gives the one English name a code is
compared under (quantulum3's when it has one, else CLDR's, lower case).
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

_HISTORIC = re.compile(r"\(")  # CLDR marks withdrawn currencies with their years: "Israeli Shekel (1980–1985)"
_PREFIX = 5  # letters two words must share to be one name's variants ("singaporean" ~ "singapore")


@lru_cache(maxsize=1)
def _quantulum3_currencies() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name or surface -> code, code -> quantulum3 name) for its coded currencies."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns about its optional classifier on import
        from quantulum3 import load
        catalogue = load.units("en_US")
    names: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for name, unit in catalogue.names.items():
        code = (unit.currency_code or "").upper() if unit.entity.name == "currency" else ""
        if code:
            names.setdefault(name.lower(), code)
            by_code.setdefault(code, name.lower())
    for index in (catalogue.surfaces_all, catalogue.symbols):
        for surface, units in index.items():
            # a surface that also names another kind of unit ("pound": mass or sterling) is left out
            codes = {(u.currency_code or "").upper() if u.entity.name == "currency" else "" for u in units}
            if len(codes) == 1 and "" not in codes:
                names.setdefault(surface.lower(), codes.pop())
    return names, by_code


@lru_cache(maxsize=1)
def _cldr_currencies() -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """(lower-case CLDR name, singular or plural -> code; code -> CLDR name;
    last word -> codes) for current currencies."""
    from babel import Locale
    from babel.numbers import get_currency_name

    names: dict[str, str] = {}
    by_code: dict[str, str] = {}
    last: dict[str, set[str]] = {}
    for code, name in Locale("en").currencies.items():
        if _HISTORIC.search(name):
            continue
        by_code[code] = _unaccented(name.lower())
        for form in (name, get_currency_name(code, count=2, locale="en")):
            names.setdefault(form.lower(), code)
            names.setdefault(_unaccented(form.lower()), code)  # "icelandic krona" for "Icelandic Króna"
            # the last word, singular or plural ("cedi", "cedis"), read alone when one currency has it
            last.setdefault(_unaccented(form.lower()).split()[-1], set()).add(code)
    return names, by_code, last


def _unaccented(text: str) -> str:
    """``text`` without its accents (NFKD, combining marks dropped): English text writes
    CLDR's "Króna", "Złoty" plainly."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _registry_reading(text: str) -> str | None:
    """The code numcheck's pint registry gives a name ("usd", "RMB", "bitcoin"), "" when the
    registry knows it as a unit of another dimension ("dram", "pound"), None when unknown."""
    from .units import currency_code as registry_code, ureg

    code = registry_code(text)
    if code:
        return code
    try:
        unit = ureg().parse_units(text.replace(" ", "_"))
    except Exception:  # noqa: BLE001 - pint raises several error types for unknown names
        return None
    dimension = str(unit.dimensionality)
    return str(unit) if dimension.startswith("[currency") else ""


def _similar_words(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(x[:_PREFIX] == y[:_PREFIX] if min(len(x), len(y)) >= _PREFIX
                                    else x.startswith(y) or y.startswith(x) for x, y in zip(a, b))


@lru_cache(maxsize=1)
def cldr_words() -> frozenset[str]:
    """Every lower-case word of a current CLDR currency name, singular or plural: a cheap
    test of whether a phrase can name a currency at all (the extractor asks at every figure)."""
    from babel.numbers import get_currency_name

    names, by_code, _ = _cldr_currencies()
    words = {w for name in names for w in name.split()}
    return frozenset(words | {w for code in by_code for w in get_currency_name(code, count=2, locale="en").lower().split()})


@lru_cache(maxsize=4096)
def currency_code(name: str, quantulum3: bool = True) -> str | None:
    """The ISO 4217 code a currency name, code or symbol means, else None.

    >>> currency_code("Malaysian ringgit"), currency_code("rubles"), currency_code("RMB")
    ('MYR', 'RUB', 'CNY')
    >>> currency_code("shekel"), currency_code("singaporean dollar"), currency_code("metre")
    ('ILS', 'SGD', None)

    ``quantulum3=False`` leaves quantulum3's catalogue out (loading it takes seconds; the
    extractor reads quantulum3's surfaces from its own shipped table instead).
    """
    text = " ".join(name.strip().lower().replace("_", " ").split())
    if not text:
        return None
    registry = _registry_reading(text)
    if registry is not None:
        return registry or None  # "" : the registry knows it as another unit ("dram", "pound")
    q_names = _quantulum3_currencies()[0] if quantulum3 else {}
    c_names, c_by_code, c_last = _cldr_currencies()
    if text in q_names:
        return q_names[text]
    if text in c_names:
        return c_names[text]
    if text.upper() in c_by_code and len(text) == 3:
        return text.upper()
    words = text.split()
    codes = c_last.get(words[-1], set())
    if len(codes) == 1 and (len(words) == 1 or _similar_words(words, c_by_code[next(iter(codes))].split())):
        return next(iter(codes))
    similar = [c for c in codes if _similar_words(words, c_by_code[c].split())]
    return similar[0] if len(similar) == 1 else None


def currency_name(code: str) -> str:
    """The English name a code is compared under: quantulum3's, else CLDR's (lower case).

    >>> currency_name("USD"), currency_name("GBP"), currency_name("MYR")
    ('dollar', 'pound sterling', 'malaysian ringgit')
    """
    _, q_by_code = _quantulum3_currencies()
    _, c_by_code, _ = _cldr_currencies()
    return q_by_code.get(code) or c_by_code.get(code) or code.lower()


@lru_cache(maxsize=1)
def _cldr_symbols() -> dict[str, str]:
    """CLDR's English currency symbols that are not the code itself -> code ("NT$" -> "TWD",
    "CA$" -> "CAD", "₪" -> "ILS")."""
    from babel import Locale

    locale = Locale("en")
    return {symbol: code for code, symbol in locale.currency_symbols.items()
            if symbol != code and code in locale.currencies and not _HISTORIC.search(locale.currencies[code])}


@lru_cache(maxsize=256)
def dollar_prefix_code(letters: str) -> str | None:
    """The code of a dollar written with its country's letters against the sign ("NT$", "AU$",
    "CA$", "SG$"): CLDR's English symbol, else ISO 4217's rule that a currency's code is its
    country's ISO 3166 code and a letter, here "D" for a current currency CLDR calls a dollar.

    >>> dollar_prefix_code("NT"), dollar_prefix_code("AU"), dollar_prefix_code("SG"), dollar_prefix_code("ZZ")
    ('TWD', 'AUD', 'SGD', None)
    """
    code = _cldr_symbols().get(letters + "$")
    if code:
        return code
    _, by_code, _ = _cldr_currencies()
    guess = letters.upper() + "D"
    return guess if len(letters) == 2 and by_code.get(guess, "").endswith("dollar") else None
