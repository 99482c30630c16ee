"""Compound units after a number: "km/s2", "J/m^2", "W/min", "s-1", "fb⁻¹", "km cubed", "MWh".

quantulum3's catalogue (:func:`numcheck.units.unit_surfaces`) names single
units; it composes the rest in its parser.  numcheck composes them here, from
the same catalogue, into a pint expression ("kilometre / second ** 2") that
pint checks: an expression pint cannot read is no unit.  Hand-written because
the grammar is small and pint's own parser needs the unit already isolated.

Grammar (no spaces inside, except before "squared"/"cubed")::

    expression := factor (("/" | "·" | "*" | "⋅") factor)*
    factor     := surface power?
    power      := ("^" | "**")? ("-" | "−")? digit | "²" | "³" | "⁻¹" ... | " squared" | " cubed"
    surface    := a catalogue surface, or a symbol glued to a time symbol ("Wh" = W·h, "Js" = J·s;
                  a length so glued is per time: "kmh" = km/h)

Only *compound* readings are returned (two factors, a power, or a glued pair);
a single plain unit is left to the reader in :mod:`numcheck.extract`.

>>> read_compound("9.8 m/s2 down", 3, 20)
('measure', 'metre / second ** 2', 8)
>>> read_compound("4e14 s-1", 4, 20), read_compound("4 km cubed", 1, 20)
(('measure', '1 / second', 8), ('measure', 'kilometre ** 3', 10))
>>> read_compound("50 MWh today", 2, 20), read_compound("5 km away", 1, 20)
(('measure', 'megawatt * hour', 6), None)
>>> read_compound("1.5 A/cm2 at most", 3, 20), read_compound("5 in/s", 1, 10)
(('measure', 'ampere / centimetre ** 2', 9), None)
>>> read_compound("5 A/B grades", 1, 12)
>>> read_compound("90 kmh on", 2, 20)
('measure', 'kilometre / hour', 6)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..units import UnitName, unit_surfaces

_TOKEN = re.compile(r"[A-Za-zµμΩ°$€£]+")
_POWER = re.compile(r"(?:\^|\*\*)?(?P<p>[-−]?[1-3])(?![\d.,]?\d)|(?P<sup>⁻?[¹²³])|(?P<word> squared| cubed)\b")
_SEPARATOR = re.compile(r"[/·*⋅]")
_LETTER_PAIR = re.compile(r"[A-Z](?:[/·*⋅][A-Z])+")
_SUPERSCRIPT = str.maketrans("¹²³⁻−", "123--")
# English words that are also unit symbols ("a" are, "in" inch, "at" a·t): never a factor here
ENGLISH_SYMBOLS = _WORDS = frozenset({"a", "an", "in", "at", "as", "is", "it", "or", "on", "by", "are", "am", "pm", "to", "do",
                    "no", "so", "he", "we", "me", "my", "of", "if", "us", "up", "go", "be", "ha", "hi"})


def _lookup(surface: str, bound: bool = False) -> UnitName | None:
    """The catalogue unit of one factor, or None.  ``bound``: the factor is followed by a
    separator or a power, so it is part of a compound, and a capital symbol that spells an
    English word in lower case is the symbol ("A/cm2" is amperes per square centimetre; a
    lone "A" after a number stays the article's)."""
    table = unit_surfaces()
    unit = table.get(surface)
    if unit is None:
        lower = table.get(surface.lower())
        unit = lower if lower is not None and not lower.symbol else None
    if unit is None or unit.kind == "percent" or " " in unit.pint_unit:
        return None
    if surface.lower() in _WORDS and not (bound and unit.symbol and not surface.islower()):
        return None
    return unit


@lru_cache(maxsize=1024)
def _split_glued(token: str) -> tuple[UnitName, UnitName] | None:
    """ "MWh" -> MW, h; "Js" -> J, s: a catalogue symbol times a time symbol, written together
    (only time: "PS" is metric horsepower, not poise times siemens; and never time by time:
    "yrs", "hrs" are plurals).  A lower-case surface of three letters or more with an "s" is its
    plural, not a product with seconds: "amps" is amperes, not ampere-seconds ("kWs", with a
    capital, stays kilowatt-seconds; so do symbols of two letters, "cds", as quantulum3 reads them).

    >>> _split_glued("amps") is None, [u.pint_unit for u in _split_glued("MWh")]
    (True, ['megawatt', 'hour'])
    """
    if not 2 <= len(token) <= 5 or token.lower() in _WORDS:
        return None
    if token[-1] == "s" and len(token) >= 4 and token[:-1].islower() and token[:-1] in unit_surfaces():
        return None  # a plural ("amps"): the plain reader's, through corrections.plural_symbol
    table = unit_surfaces()
    for cut in range(len(token) - 1, 0, -1):
        a, b = table.get(token[:cut]), table.get(token[cut:])
        if a is not None and b is not None and a.symbol and b.symbol and \
                a.kind == "measure" and b.kind == "duration" and \
                token[:cut].lower() not in _WORDS and token[cut:].lower() not in _WORDS and " " not in \
                a.pint_unit + b.pint_unit:
            return a, b
    return None


@lru_cache(maxsize=256)
def _is_length(unit: str) -> bool:
    from ..units import dimension_of

    return dimension_of(unit) == "[length]"


def _factor(text: str, pos: int, limit: int) -> tuple[list[tuple[str, int]], int, bool] | None:
    """[(pint unit, power)], end, compound? of one factor at ``pos``."""
    m = _TOKEN.match(text, pos, limit)
    if m is None:
        return None
    token, end = m.group(0), m.end()
    if token in unit_surfaces() or token.lower() in unit_surfaces():
        unit = _lookup(token, _SEPARATOR.match(text, end) is not None or _POWER.match(text, end, limit) is not None)
        if unit is None:
            return None  # a word, a percent or a multi-word pint name: the plain reader's
    else:
        unit = None
    parts = [(unit.pint_unit, 1)] if unit is not None else None
    compound = False
    if parts is None:
        pair = _split_glued(token)
        if pair is None:
            return None
        # a length glued to a time is a speed with its slash dropped ("120 kmh"): a length times
        # a time measures nothing; other symbols multiply ("MWh", "Js")
        per = -1 if _is_length(pair[0].pint_unit) else 1
        parts, compound = [(pair[0].pint_unit, 1), (pair[1].pint_unit, per)], True
    p = _POWER.match(text, end, limit)
    if p is not None:
        raw = (p.group("p") or p.group("sup") or "").translate(_SUPERSCRIPT)
        power = int(raw) if raw else (2 if p.group("word") == " squared" else 3)
        if power not in (0, 1):
            parts = [(u, k * power) for u, k in parts]
            compound, end = True, p.end()
    return parts, end, compound


def _pint_expression(parts: list[tuple[str, int]]) -> str:
    def term(unit: str, power: int) -> str:
        return unit if power == 1 else f"{unit} ** {power}"

    num = [term(u, k) for u, k in parts if k > 0]
    den = [term(u, -k) for u, k in parts if k < 0]
    return " / ".join([" * ".join(num) or "1", *den])


def read_compound(text: str, pos: int, limit: int) -> tuple[str, str, int] | None:
    """(kind, pint unit, end) of a compound unit right after a number ending at ``pos``
    (one space allowed between), or None.  ``kind`` is "money" when a factor is a currency."""
    start = pos + 1 if text[pos:pos + 1] == " " else pos
    first = _factor(text, start, limit)
    if first is None:
        return None
    parts, end, compound = first
    if start == pos and end - start == 2 and text[start].isupper() and text[start + 1].isdigit():
        return None  # "24H2", "3C2": a capital letter and a digit glued to a number make a code
    while end < limit and _SEPARATOR.match(text, end):
        sep = text[end]
        nxt = _factor(text, end + 1, limit)
        if nxt is None:
            break
        more, end, _ = nxt
        parts += [(u, -k) for u, k in more] if sep == "/" else more
        compound = True
    if not compound or (end < len(text) and text[end].isalnum()):
        return None
    if _LETTER_PAIR.fullmatch(text, start, end):
        return None  # "A/B", "C/D": capital letters paired are labels ("5 A/B grades"), not units
    expression = _pint_expression(parts)
    from ..units import dimension_of

    try:
        dimension = dimension_of(expression)
    except Exception:  # noqa: BLE001 - pint refuses the composition: no unit
        return None
    kind = "money" if "currency" in dimension else "measure"
    return kind, expression, end
