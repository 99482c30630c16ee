"""Units written in two words after a figure that quantulum3's catalogue has no name for: two units
joined by a hyphen ("lb-ft", "pound-feet"), a unit pint spells out in two words ("troy ounces",
"imperial gallons"), a power of a length ("sq feet"); and whether a word opens any unit of
several words at all (most words after a figure open none, so the longer lookups are skipped).

Split out of :mod:`.units_after` to keep it short; every lookup here is pure and cached.
"""

from __future__ import annotations

from functools import lru_cache

from ..units import UnitName, dimension_of, unit_surfaces
from . import unitexpr
from .nouns import noun_lemma

@lru_cache(maxsize=65536)  # a pure lookup of the two words after a figure
def _two_word_unit(first: str, second: str, hyphen: bool) -> UnitName | None:
    """A unit of two words the catalogue has no name for: two units joined by a hyphen
    (:func:`_product_unit`), or a unit pint spells out in two words (:func:`_registry_unit`).
    The catalogue's own two-word surfaces ("metric tons") are read by the plain reader."""
    table = unit_surfaces()
    plain = second.rstrip(".")
    if f"{first} {plain}" in table or f"{first} {noun_lemma(plain.lower())}" in table:
        return None
    if hyphen and (table.get(first) or table.get(first.rstrip(".").lower())):
        return _product_unit(first, second)
    if first in _POWER_WORDS:
        return _power_of_length(_POWER_WORDS[first], plain)
    if not hyphen and first.isalpha() and first.islower() and noun_lemma(first) == first \
            and getattr(table.get(plain.lower()), "kind", "") == "duration":
        return _product_unit(first, second)  # "900 megawatt hours": a singular unit name before a time
    if plain.lower() in table and first not in table and first.isalpha() and first.islower():
        return _registry_unit(first, plain)
    if not hyphen and first.lower() in _TORQUE_FIRST and _dimension(getattr(
            table.get(plain) or table.get(plain.lower()), "pint_unit", "")) == "[length]":
        return _product_unit(first, second)  # "475 pound feet", "350 lb ft", "400 newton metres": a torque
    return None


# Units of force (or the pound a torque names) written before a length, without the hyphen, in a
# torque ("pound feet", "lb ft", "newton metres"): closed by what a torque is, force times length.
_TORQUE_FIRST = frozenset({"pound", "lb", "newton", "kilonewton"})

# the words, and their abbreviations ("sq feet", "cu metres"), that square or cube the length after them
_POWER_WORDS = {"square": "square", "cubic": "cubic", "sq": "square", "cu": "cubic"}


def _power_of_length(power: str, word: str) -> UnitName | None:
    """ "31 square km", "850 square ft", "12 cubic m": "square"/"cubic" before a length's symbol
    or name is that length squared or cubed (the catalogue lists "sq km" and "square
    kilometres", not every mix of the word and a symbol).

    >>> _power_of_length("square", "km").pint_unit, _power_of_length("square", "kg")
    ('square kilometre', None)
    """
    table = unit_surfaces()
    unit = table.get(word) or table.get(word.lower()) or table.get(noun_lemma(word.lower()))
    if unit is None or unit.kind != "measure" or " " in unit.pint_unit or _dimension(unit.pint_unit) != "[length]":
        return None
    name = f"{power} {unit.pint_unit}"
    return UnitName(name, "measure", unit.symbol) if _dimension(name) else None


@lru_cache(maxsize=4096)  # a pure lookup of two words after a figure
def _registry_unit(first: str, second: str) -> UnitName | None:
    """A unit of two words pint's registry spells out and quantulum3's catalogue lacks ("troy
    ounce", "imperial gallons"): pint's name, when pint reads the words joined by "_" as one
    unit spelt out (its name, or that name plus a plural "s"), not as a prefix and a unit.

    >>> _registry_unit("troy", "ounces").pint_unit, _registry_unit("big", "ounces")
    ('troy_ounce', None)
    """
    from ..units import ureg

    word = f"{first}_{second}".lower()
    try:
        readings = ureg().parse_unit_name(word)
    except Exception:  # noqa: BLE001 - pint raises several error types for unknown names
        return None
    for prefix, unit, _ in readings:
        if not prefix and word in (unit, unit + "s", unit + "es") and not _dimension(unit).startswith("[currency"):
            return UnitName(unit, "measure", False)
    return None


@lru_cache(maxsize=4096)  # a pure lookup of two words after a figure
def _product_unit(first: str, second: str) -> UnitName | None:
    """Two units joined by a hyphen ("lb-ft", "pound-feet", "newton-metres", "watt-hours"; a
    time only as the second), or a singular unit name and a time ("megawatt hours"): their product,
    as pint reads it, when the catalogue has no name for the pair.  A pound joined to a
    length is the pound-force of a torque (SAE's "lb-ft", pint's foot_pound): a pound-mass
    times a length measures nothing.  Each word is read as the plain reader reads one
    (symbols with their case, names in any case, plurals through the noun lemma).

    >>> _product_unit("lb", "ft").pint_unit, _product_unit("pound", "feet").pint_unit
    ('foot_pound', 'foot_pound')
    >>> _product_unit("newton", "metres").pint_unit, _product_unit("km", "long")
    ('newton * metre', None)
    >>> _product_unit("watt", "hours").pint_unit, _product_unit("hour", "watts")
    ('watt * hour', None)
    """
    table = unit_surfaces()
    units, symbols = [], set()
    for word in (first.rstrip("."), second.rstrip(".")):
        if word.lower() in unitexpr.ENGLISH_SYMBOLS:
            return None  # "104 degrees in Phoenix": "in" is a word here
        unit = table.get(word) or table.get(word.lower()) or table.get(noun_lemma(word.lower()))
        if unit is not None and unit.pint_unit == "GBP" and word.lower() in ("pound", "pounds"):
            unit = UnitName("pound", "measure", False)  # the catalogue's "pound" is sterling first
        if unit is None or unit.kind not in ("measure", "duration" if units else "measure") \
                or " " in unit.pint_unit or (unit.symbol and table.get(word) is None):
            return None  # a time may only come second: "watt-hours", "megawatt hours"
        units.append(unit.pint_unit)
        symbols.add(unit.symbol)
    if len(symbols) > 1:
        return None  # a name joins a name, a symbol a symbol ("pound-feet", "lb-ft")
    if units[0] == "pound" and _dimension(units[1]) == "[length]":
        return UnitName("foot_pound", "measure", False) if units[1] == "foot" else None
    name = f"{units[0]} * {units[1]}"
    return UnitName(name, "measure", False) if _dimension(name) else None


@lru_cache(maxsize=65536)  # a pure lookup of the word after a figure
def _no_longer_unit(first: str) -> bool:
    """True when no unit surface of more than one word can start with ``first``, the word after a
    figure.  In _unit_after a surface of two or three words is the words joined by a space (the
    end stripped of a dot, a power or a plural "s") or that lower-cased, and the first word stays
    as it is written but for the micro sign, so a table key that reads it holds a space and
    starts with that word or its lower case."""
    word = first.replace("μ", "µ")
    starts = _longer_unit_starts()
    return word not in starts and word.lower() not in starts


@lru_cache(maxsize=1)
def _longer_unit_starts() -> frozenset[str]:
    return frozenset(surface.split(" ", 1)[0] for surface in unit_surfaces() if " " in surface)


def _dimension(unit: str) -> str:
    try:
        return dimension_of(unit)
    except Exception:  # an unusual pint unit name from quantulum3's catalogue; keep the claim
        return ""
