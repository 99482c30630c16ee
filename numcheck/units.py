"""The single pint registry numcheck uses, and unit surfaces taken from quantulum3.

The registry is pint's default plus ``data/units.txt`` (currencies, each
its own dimension; counts use pint's dimensionless ``count``) plus the other current currencies
CLDR names (:func:`cldr_currency_codes`), built lazily once and never mutated afterwards.  Which words
name a unit ("km", "miles", "degrees Fahrenheit") comes from quantulum3's
unit catalogue, mapped onto pint names; the surfaces numcheck refuses
(single letters, common English words) are listed in
:mod:`numcheck.extract.corrections`.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pint

# Each dimension is compared in one unit, so claims of one measure line up.
CANONICAL_UNITS = {
    "[time]": "day",
    "[length]": "meter",
    "[mass]": "kilogram",
    "[length] ** 2": "meter ** 2",
    "[length] ** 3": "liter",
    "[temperature]": "degree_Celsius",
    "[length] / [time]": "kilometer / hour",
}


@lru_cache(maxsize=1)
def ureg() -> pint.UnitRegistry:
    """The registry: pint's defaults plus numcheck's data/units.txt (one per process)."""
    return build_registry()


def build_registry() -> pint.UnitRegistry:
    """A new registry: pint's defaults plus numcheck's data/units.txt.

    pint keeps its parsed definition files in the user's cache folder (``cache_folder=":auto:"``,
    pint's own cache keyed by each file's content): building the registry then takes about
    0.015 s instead of 0.115 s, paid by every process that reads a unit (a re-check of one new
    document, an extraction worker).  Where that folder cannot be made, the registry is built
    without it."""
    try:
        registry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except OSError:  # no writable cache folder (a read-only home, XDG_CACHE_HOME not a folder)
        registry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    path = resources.files("numcheck") / "data" / "units.txt"
    with resources.as_file(path) as p:
        registry.load_definitions(str(p))
    for code in cldr_currency_codes():
        if code not in registry:
            registry.define(f"{code} = [currency_{code.lower()}]")
    return registry


@lru_cache(maxsize=1)
def cldr_currency_codes() -> tuple[str, ...]:
    """The current ISO 4217 codes CLDR names in English (babel), each a currency dimension of
    the registry beside those data/units.txt gives aliases: a currency a text names ("5 billion
    Egyptian pounds", "CFA francs", "EGP 40") is then read whatever its country.  Left out: codes
    that are English words ("ALL", "TOP", "CUP": :func:`currency_code` upper-cases a word) and
    currencies whose CLDR name is one English word (the metals "Gold", "Silver")."""
    from babel import Locale

    from .extract.words import word_classes

    names = Locale("en").currencies
    return tuple(code for code, name in sorted(names.items())
                 if "(" not in name and code.isalpha() and len(code) == 3 and not word_classes(code.lower())
                 and not (" " not in name and word_classes(name.lower())))


@lru_cache(maxsize=4096)
def dimension_of(unit: str) -> str:
    """The pint dimensionality of a unit name, as text.

    >>> dimension_of("USD"), dimension_of("week"), dimension_of("count")
    ('[currency_usd]', '[time]', 'dimensionless')
    """
    if not unit:
        return ""
    return str(ureg().parse_units(unit).dimensionality) if unit != "percent" else ""


@lru_cache(maxsize=4096)
def currency_code(word: str, listed: bool = False) -> str | None:
    """The registry's name of a currency written as its code ("usd", "RMB", "BTC"), else None.

    ``listed``: only the currencies data/units.txt lists, the ones news writes as a bare code
    ("SEK 2 billion", "20 usd"); a code of :func:`cldr_currency_codes` alone may be an acronym
    ("3 AMD chips": the Armenian dram's code), so the extractor reads those by name only.

    >>> currency_code("usd"), currency_code("RMB"), currency_code("km"), currency_code("the")
    ('USD', 'CNY', None, None)
    >>> currency_code("AMD"), currency_code("AMD", listed=True)
    ('AMD', None)
    """
    if not (3 <= len(word) <= 4 and word.isalpha()):
        return None
    try:
        unit = ureg().parse_units(word.upper())
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError, AttributeError):
        return None
    if not str(unit.dimensionality).startswith("[currency"):
        return None
    return str(unit) if not listed or str(unit) in listed_currencies() else None


@lru_cache(maxsize=1)
def listed_currencies() -> frozenset[str]:
    """The currency codes data/units.txt defines (a line ``XXX = [currency_xxx] = ...``)."""
    text = (resources.files("numcheck") / "data" / "units.txt").read_text("utf-8")
    return frozenset(line.split("=")[0].strip() for line in text.splitlines()
                     if "[currency_" in line.split("#")[0])


def canonical_unit(unit: str) -> str:
    """The unit claims of this unit's dimension are compared in; a unit the registry cannot
    read, such as a rate per counted noun ("USD / share"), is compared as written.

    >>> canonical_unit("mile"), canonical_unit("USD / share")
    ('meter', 'USD / share')
    """
    try:
        dimension = dimension_of(unit)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError, AttributeError,
            TypeError, AssertionError):
        return unit
    return CANONICAL_UNITS.get(dimension, unit)


def conversion_factor(unit: str, to_unit: str) -> float:
    """Multiply a value in ``unit`` by this to get it in ``to_unit`` (offset units excluded).

    >>> conversion_factor("day", "hour")
    24.0
    """
    if unit == to_unit:
        return 1.0
    return float(ureg().Quantity(1.0, unit).to(to_unit).magnitude)


def to_quantity(value: float, unit: str) -> pint.Quantity:
    return ureg().Quantity(value, unit)


@dataclass(frozen=True, slots=True)
class UnitName:
    """One way of writing a unit: its pint name and whether it is a symbol."""

    pint_unit: str
    kind: str  # "money", "percent", "duration" or "measure"
    symbol: bool


_QU_CURRENCY = {"dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
                "japanese yen": "JPY", "renminbi": "CNY", "indian rupee": "INR",
                "canadian dollar": "CAD", "australian dollar": "AUD", "swiss franc": "CHF",
                "brazilian real": "BRL", "russian ruble": "RUB", "south korean won": "KRW",
                "mexican peso": "MXN"}
_DURATIONS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}


# quantulum3 unit names pint spells differently (or would misread: "degree fahrenheit"
# parses as degree x delta-Fahrenheit).
_PINT_ALIASES = {"degree fahrenheit": "degree_Fahrenheit", "pound-mass": "pound", "light-year": "light_year",
                 "degree angle": "degree", "horsepower-hour": "horsepower * hour", "ampere-hour": "ampere * hour",
                 "milliampere-hour": "milliampere * hour", "kilogram-force": "kilogram_force",
                 "pound-force": "pound_force", "ounce-force": "ounce_force", "gram-force": "gram_force",
                 "volt-ampere": "volt_ampere", "minute of arc": "arcminute", "second of arc": "arcsecond",
                 "inverse second": "1 / second", "solar mass": "solar_mass", "earth mass": "earth_mass",
                 "atomic mass unit": "atomic_mass_unit", "millimeter of mercury": "mmHg",
                 "inch of mercury": "inHg", "board-foot": "board_foot"}


def _pint_name(name: str) -> str | None:
    reg = ureg()
    for candidate in (_PINT_ALIASES.get(name, name), name.replace(" ", "_"), name.replace("metre", "meter")):
        try:
            reg.parse_units(candidate)
            return candidate
        except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError,
                AttributeError, TypeError, AssertionError):
            continue
    return None


_ENTITY_ORDER = ("currency", "dimensionless", "time", "length", "mass", "volume", "area", "speed",
                 "temperature", "power", "energy", "data storage", "force", "pressure")


def _preference(unit) -> tuple:
    entity = unit.entity.name
    rank = _ENTITY_ORDER.index(entity) if entity in _ENTITY_ORDER else len(_ENTITY_ORDER)
    return (rank, unit.name)


def _unit_name(unit) -> UnitName | None:
    name, entity = unit.name, unit.entity.name
    if entity == "currency":
        code = _QU_CURRENCY.get(name) or (unit.currency_code or "").upper()
        return UnitName(code, "money", False) if code and _pint_name(code) else None
    if name in ("percentage", "basis point", "percentage point"):
        return UnitName("percent" if name != "basis point" else "basis_point", "percent", False)
    if entity == "dimensionless":
        return None
    pint_unit = _pint_name(name)
    if not pint_unit:
        return None
    return UnitName(pint_unit, "duration" if name in _DURATIONS else "measure", False)


@lru_cache(maxsize=1)
def quantulum3_unit_names() -> frozenset[str]:
    """quantulum3's unit names (lower case) other than its dimensionless count words ("pair", "set")."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns about its optional classifier on import
        from quantulum3 import load
        catalogue = load.units("en_US")
    return frozenset(n.lower() for n, u in catalogue.names.items() if u.entity.name != "dimensionless")


@lru_cache(maxsize=1)
def quantulum3_surface_names() -> dict[str, str]:
    """Lower-case surface -> unit name, for quantulum3's surfaces and symbols that name one
    unit only ("feet" -> "foot", "mph" -> "mile per hour"; "pound", mass or sterling, is left out)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns about its optional classifier on import
        from quantulum3 import load
        catalogue = load.units("en_US")
    names: dict[str, set[str]] = {}
    for index in (catalogue.surfaces_all, catalogue.symbols):
        for surface, units in index.items():
            names.setdefault(surface.lower(), set()).update(u.name.lower() for u in units)
    return {surface: found.pop() for surface, found in names.items() if len(found) == 1}


TABLE = "unit_surfaces.json"


@lru_cache(maxsize=1)
def unit_surfaces() -> dict[str, UnitName]:
    """Surface -> unit: the table shipped in ``data/unit_surfaces.json`` when it was made
    from the installed quantulum3 version, else built from quantulum3 now.

    Why a shipped table: loading quantulum3's catalogue and pluralising its ~1,800
    surfaces takes 2–3 s per process (profiled), longer than checking a small corpus.
    The table is regenerated with ``python -m numcheck.units``, and
    tests/test_units.py checks that it equals what quantulum3 gives today.
    """
    try:
        shipped = json.loads((resources.files("numcheck") / "data" / TABLE).read_text("utf-8"))
    except (OSError, ValueError):
        shipped = None
    if shipped and shipped.get("quantulum3") == _quantulum3_version():
        table = {k: UnitName(u, kind, bool(sym)) for k, (u, kind, sym) in shipped["surfaces"].items()}
    else:
        table = build_unit_surfaces()
    return {**table, **registry_surfaces()}


@lru_cache(maxsize=1)
def registry_surfaces() -> dict[str, UnitName]:
    """Surfaces of the (non-currency) units numcheck defines in ``data/units.txt``: each
    definition's symbols and aliases ("bps", "mpg", "bpd").  They take precedence over
    quantulum3's reading of the same surface (quantulum3 reads "bps" as bits per second;
    news writes it for basis points, and numcheck's registry says so).  Currencies are
    read by code and name elsewhere (:func:`currency_code`, ``lexicon.toml``).
    """
    text = (resources.files("numcheck") / "data" / "units.txt").read_text("utf-8")
    out: dict[str, UnitName] = {}
    for line in text.splitlines():
        parts = [p.strip() for p in line.split("#")[0].split("=")]
        if len(parts) < 3 or parts[1].startswith("["):
            continue
        name = parts[0]
        if dimension_of(name).startswith("[currency"):
            continue
        kind = "percent" if dimension_of(name) == "" or ureg().parse_units(name).dimensionless else "measure"
        for surface in parts[2:]:
            if surface and surface != "_":
                out[surface] = UnitName(name, kind, True)
    out.update(ORDINAL_SIGN_SCALES)
    return out


# "2ºC": the masculine ordinal indicator º (U+00BA) written for the degree sign ° (U+00B0), which
# it resembles and which Spanish and Portuguese keyboards put where the degree sign is; copy
# typed on them carries it into English news.  Only before a scale's letter: a bare "1º" is an
# ordinal in those languages ("1º" = first), so "º" alone stays unread.
ORDINAL_SIGN_SCALES = {"ºC": UnitName("degree_Celsius", "measure", True),
                       "ºF": UnitName("degree_Fahrenheit", "measure", True)}


def _quantulum3_version() -> str:
    from importlib.metadata import version

    return version("quantulum3")


def write_unit_table(path: Path) -> int:
    """Write the surface table built from quantulum3 as JSON (``python -m numcheck.units``)."""
    table = build_unit_surfaces()
    data = {"quantulum3": _quantulum3_version(),
            "surfaces": {k: [u.pint_unit, u.kind, int(u.symbol)] for k, u in sorted(table.items())}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return len(table)


def build_unit_surfaces() -> dict[str, UnitName]:
    """Surface (as written, lower-cased for names) -> unit, from quantulum3's catalogue.

    Built once from quantulum3's surface and symbol indexes (prefixed and derived
    units included: "kW", "GB", "mph").  Where one surface names several units
    ("bp": base pair or basis point) the first by entity in ``_ENTITY_ORDER``
    wins.  Symbols keep their case ("m", "K"); names are lower-cased.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns about its optional classifier on import
        from quantulum3 import load
        catalogue = load.units("en_US")
    table: dict[str, UnitName] = {}
    for index, symbol in ((catalogue.surfaces_all, False), (catalogue.symbols, True)):
        for surface, units in index.items():
            for unit in sorted(units, key=_preference):
                named = _unit_name(unit)
                if named is None:
                    continue
                key = surface if symbol else surface.lower()
                table.setdefault(key, UnitName(named.pint_unit, named.kind, symbol))
                if not symbol:
                    table.setdefault(_plural(surface).lower(), UnitName(named.pint_unit, named.kind, False))
                break
    # a unit's own name is a surface too: quantulum3 lists "hectare" and "hectolitre" by name only
    for name, unit in sorted(catalogue.names.items()):
        named = _unit_name(unit)
        if named is not None:
            for surface in (name.lower(), _plural(name).lower()):
                table.setdefault(surface, UnitName(named.pint_unit, named.kind, False))
    return table


def _plural(word: str) -> str:
    from quantulum3.load import pluralize

    try:
        return pluralize(word)
    except Exception:  # quantulum3's inflect wrapper rejects some symbols; the singular stays
        return word


if __name__ == "__main__":  # python -m numcheck.units  -> regenerate data/unit_surfaces.json
    target = Path(__file__).parent / "data" / TABLE
    print(f"wrote {write_unit_table(target)} surfaces to {target}")
