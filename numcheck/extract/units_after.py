"""The unit written after a figure's number, and rates ("$3.80 per gallon", "four times a week").

:func:`_unit_after` reads the kind and pint unit of the words after a number (units from
quantulum3's catalogue, :func:`numcheck.units.unit_surfaces`; refusals in :mod:`.corrections`),
:func:`_with_rate` turns such a unit into a rate; the currency words and CLDR currency names
around a number are :mod:`.currency_after`'s.  Split out of the package module :mod:`numcheck.extract`.
"""

from __future__ import annotations

import re

from ..units import UnitName, currency_code, unit_surfaces
from . import corrections, unitexpr
from .nouns import is_nounish, noun_lemma, word_classes
from .currency_after import _currency_before, _currency_word
from .numbers import NumberMatch
from .two_word_units import _dimension, _no_longer_unit, _registry_unit, _two_word_unit  # noqa: F401  (_dimension: read by other stages)

_PERCENT_RE = re.compile(r"^\s?(%|percent\b|per\s?cent\b|pct\b|percentage points?\b|points?\b(?= of\b))|^pc\b",
                         re.IGNORECASE)
_CLOCK_RE = re.compile(r"^\s?(?:[ap]\.?m\b\.?|o['’]?\s?clock\b)", re.IGNORECASE)  # "5 p.m.", "7 o'clock", "7 oclock"

_SIGN_CURRENCY_NAME_RE = re.compile(r"\s?(dollars?|euros?|pounds?)\b", re.IGNORECASE)
_PLURAL_S_RE = re.compile(r"s\b")
_SMALL_CHANGE_RE = re.compile(r"[pc]\b(?![.'’]?\w)")
# an amount in pence or cents below 100 ("62p", "45c"), which makes a larger glued "p" pence too
_SMALL_CHANGE_FIGURE_RE = re.compile(r"(?<![\d.,])\d{1,2}(?:\.\d+)?[pc]\b")
# a "/" before a number ends the unit, the same measure given in another unit: "402 hp/300 kW",
# "30 miles/48 km" give "hp", "miles" (a "/" before letters is the compound reader's, unitexpr.py)
_UNIT_WORDS_RE = re.compile(r"(\s?|-)((?:[^\s,;:()/-]|/(?!\s?\d))+)(?:[\s-]((?:[^\s,;:()/-]|/(?!\s?\d))+))?"
                            r"(?:\s((?:[^\s,;:()/]|/(?!\s?\d))+))?")


def _unit_after(text: str, n: NumberMatch, limit: int) -> tuple[str, str, int]:
    """(kind, pint unit, end) of the unit written after a number; kind "" when none."""
    after = text[n.end:min(limit, n.end + 60)]
    if n.fraction:
        return "percent", "percent", n.end
    m = _PERCENT_RE.match(after)
    if m:
        return "percent", "percent", n.end + m.end()
    if after[:1] == "¢":  # "99¢": the cent sign (pint and quantulum3 know no such symbol)
        return "money", "USD_cent", n.end + 1
    at = n.start - 1 if n.start and text[n.start - 1] != " " else n.start - 2
    # a capital right before the number may be a currency's letters ("SEK 2", "NT$5"); most have none
    currency = _currency_before(text, n) if at >= 0 and (text[at].isupper() or (
        at == n.start - 1 and text[at].isalpha())) else n.currency
    if currency:
        m = _SIGN_CURRENCY_NAME_RE.match(after)
        return "money", currency, n.end + (m.end() if m else 0)
    word = _currency_word(after, n.scale > 1)
    if word is not None:
        return "money", word[0], n.end + word[1]
    code = _CODE_RE.match(after)
    if code and currency_code(code.group(1), True) and not word_classes(code.group(1)):  # "20 usd", "6.25 BTC"
        return "money", currency_code(code.group(1), True), n.end + code.end(1)
    compound = unitexpr.read_compound(text, n.end, limit)  # "km/s2", "s-1", "kWh": unitexpr.py
    if compound is not None:
        return compound
    glued = bool(after[:1].isalpha())
    if glued and after[0] in "pc" and _SMALL_CHANGE_RE.match(after) and not n.written and \
            (n.value < 100 or (n.value < 10000 and (corrections.MONEY_CONTEXT.search(text, 0, limit)
                                                     or _SMALL_CHANGE_FIGURE_RE.search(text, 0, limit)))):
        # "85p", "45c": pence and cents.  quantulum3's catalogue reads a glued "p" as pints and
        # "c" as the speed of light, which news never writes so.  Change is below 100, or a
        # price in pence in a money sentence ("shares closed at 340p") or beside a smaller
        # amount in pence ("down 62p at 1,450p"); "1080p" elsewhere is a screen resolution and
        # keeps the catalogue's reading
        return "money", "GBP_penny" if after[0] == "p" else "USD_cent", n.end + 1
    if (_CLOCK_RE.match(after) and corrections.may_be_clock(n.surface)) or (glued and _PLURAL_S_RE.match(after)):
        return "reject", "", n.end  # "2 p.m.", "10pm": a time of day; "Model 3s", "5s": a plural
    words = _UNIT_WORDS_RE.match(after)
    if not words:  # punctuation next: no unit word, but "aged 60," is still an age
        age = corrections.age_in_years(text, n.start, n.end, limit)
        return ("duration", "year", age) if age is not None else ("", "", n.end)
    table = unit_surfaces()
    parts = [w for w in words.groups()[1:] if w]
    if len(parts) > 1:  # "lb-ft", "pound-feet"; "troy ounces", "imperial gallons"
        two = _two_word_unit(parts[0], parts[1], after[words.end(2):words.end(2) + 1] == "-")
        if two is not None:
            return "measure", two.pint_unit, n.end + after.index(parts[1]) + len(parts[1].rstrip("."))
    if len(parts) > 1 and _no_longer_unit(parts[0]):
        del parts[1:]  # no surface of two or three words starts with this word: read it alone
    for size in range(len(parts), 0, -1):
        surface = " ".join(parts[:size]).rstrip(".")
        power = ""
        if surface[-1:] in "23²³" and surface[:-1].rstrip("^").isalpha():
            power = {"2": "2", "²": "2", "3": "3", "³": "3"}[surface[-1]]  # "km2", "m²", "km^3"
            surface = surface[:-1].rstrip("^")
        surface = surface.replace("μ", "µ")  # Greek mu typed for the micro sign ("352 μm")
        unit = table.get(surface) or table.get(surface.lower())
        if unit is None and surface[-1:] in "'’s" and size == 1:
            unit = _possessive_time(surface, table)  # "two years' time", "three weeks’ notice"
            surface = surface if unit is None else surface.rstrip("s").rstrip("'’")
        if unit is None:
            surface, unit = corrections.plural_symbol(surface, table)  # "20yrs", "6 secs"
        if unit is not None and power:
            if unit.kind != "measure" or not unit.symbol or (glued and surface.isupper() and len(surface) == 1):
                continue  # "24H2": a capital letter and a digit glued to a number make a code (as in unitexpr)
            unit = UnitName(f"{unit.pint_unit} ** {power}", "measure", True)
        if unit is None:
            continue
        rest = after[after.index(parts[size - 1]) + len(parts[size - 1].rstrip(".")):]
        if words.group(1) == "-" and rest[:1].isalpha():
            continue
        if table.get(surface) is None and unit.symbol:
            if not corrections.capitalised_symbol(surface, word_classes):
                continue  # symbols match with their case only
            surface = surface.lower()  # "300 Km": a capital first letter
        if not (corrections.accept_unit(surface, rest, glued, unit) or corrections.metric_not_clock(surface, n.surface)) \
                or corrections.closing_quote(surface, n.written):
            continue
        end = n.end + after.index(parts[size - 1]) + len(parts[size - 1].rstrip("."))
        pint_unit = unit.pint_unit
        if surface.lower() in ("pound", "pounds"):
            pint_unit = corrections.pounds_unit(text[max(0, n.start - 3):n.start], text[max(0, n.start - 80):limit])
            return ("money" if pint_unit == "GBP" else "measure"), pint_unit, end
        pint_unit, end = corrections.temperature_scale(pint_unit, text, end, limit)  # "40 deg C"
        return unit.kind, pint_unit, end
    if _MULTIPLE_RE.match(after) and not n.written:
        return "", "", n.end + 1  # "3x faster", "a 10× return": a multiple, like "3 times"
    if glued:
        return "reject", "", n.end
    age = corrections.age_in_years(text, n.start, n.end, limit)  # "aged 30", "age of 91", "87 yo"
    return ("duration", "year", age) if age is not None else _frequency(text, n.end, limit)


def _possessive_time(surface: str, table) -> UnitName | None:
    """The unit of time in a possessive ("years'", "year’s", "weeks’"): English measures a
    span as the possessor of the noun after it ("in two years' time", "a month's notice")."""
    stem = surface[:-2] if surface[-2:] in ("'s", "’s") else surface[:-1] if surface[-1:] in "'’" else ""
    unit = table.get(stem.lower()) if stem.isalpha() else None
    return unit if unit is not None and not unit.symbol and unit.kind == "duration" else None


_MULTIPLE_RE = re.compile(r"[x×](?![\w.,-]?\d|[A-Za-z])")
_FREQUENCY_RE = re.compile(r"\s+times?\s+(?:per|a|an|each)\s+([a-z]+)\b")


def _frequency(text: str, end: int, limit: int) -> tuple[str, str, int]:
    """ "four times a week", "3 times per day": a count per unit of time."""
    m = _FREQUENCY_RE.match(text, end, limit)
    den = unit_surfaces().get(m.group(1)) if m else None
    if den is None or den.kind != "duration" or den.symbol:
        return "", "", end
    return "measure", f"count / {den.pint_unit}", m.end()


_CODE_RE = re.compile(r"\s?([A-Za-z]{3})\b")
# "per square foot" reads two words; "a year earlier/ago" is a time, not a rate
# a second word joined by a hyphen or a space is kept when the two name one unit ("per kilowatt-hour")
# a rate written as one hyphenated compound ("a $5-a-day wage", "$80-a-barrel oil") joins its words
# with hyphens; "/" may take a unit symbol ("$80/bbl"), the words only a spelt-out unit
_RATE_RE = re.compile(r"(?:\s?|-(?=(?:per|an?)-))(?:(?:[Pp]er|an|a|each|for\seach|for\severy)\b[\s-]?|/\s?)"
                      r"((?:square\s|cubic\s)?[A-Za-z]+)\b"
                      r"(?!\s+(?:earlier|ago|before|later|after|prior|previously)\b)([-\s][A-Za-z]+\b)?")


# "a <noun>" is a rate only where the noun phrase ends: "$1.23 a share, up from", not "$5 a record high"
# (a punctuation mark or a bracket, a preposition, a conjunction, a determiner or a verb "be" ends it: closed classes)
_RATE_END_RE = re.compile(r"\s*(?:[,.;:()—–]|$|(?:in|on|for|and|or|from|at|to|compared|versus|vs|last|this|"
                          r"a|an|the|was|were|is|are|up|down|during|until|through|throughout|since|after|"
                          r"before|over|under|with|by|across|into|amid|despite|within|without|including|"
                          r"plus|but|while|when|if|than|because)\b)", re.IGNORECASE)
_BRACKET_AFTER_RE = re.compile(r"\s?\([^()]{1,30}\)")


_OF_RATE_RE = re.compile(r"\s+of\s+(?:[A-Za-z\d-]+\s+){1,3}?(a|an|per|each)\s+([a-z]+)\b"
                         r"(?!\s+(?:earlier|ago|later|before|after)\b)")


def _rate_after_of(text: str, kind: str, unit: str, end: int, limit: int) -> str:
    """ "500,000 barrels of oil a day", "$5 million of aid a year": the rate comes after what is
    measured; the unit becomes the rate, the surface keeps its end (the noun follows it)."""
    if kind not in ("measure", "money"):
        return unit
    m = _OF_RATE_RE.match(text, end, limit)
    den = unit_surfaces().get(m.group(2)) if m else None
    if den is None or den.symbol:
        return unit
    # "of CO2 per kilometre": after an explicit "per" any unit is the denominator; "a"/"an"
    # only a time ("a day"), as "of oil a barrel" is no English
    per = m.group(1) == "per"
    return f"{unit} / {_one_unit(den.pint_unit)}" if den.kind == "duration" or (
        per and den.kind == "measure") else unit


def _with_rate(text: str, kind: str, unit: str, end: int, limit: int) -> tuple[str, int]:
    """ "$3.80 per gallon", "$9.99 a month", "$6 per share": the unit becomes a rate."""
    if kind in ("", "reject") or unit in ("", "count"):
        return unit, end
    m = _RATE_RE.match(text, end, limit)
    past = _BRACKET_AFTER_RE.match(text, end, limit) if m is None else None
    if past is not None:  # "C$6 (US$4.46) per share": the rate after a conversion is the first figure's
        m = _RATE_RE.match(text, past.end(), limit)
    if m is None:
        return _rate_after_of(text, kind, unit, end, limit), end
    table = unit_surfaces()
    word, word_end = m.group(1), m.end(1)
    joined = (word + m.group(2)).lower().replace("-", " ") if m.group(2) else ""
    if joined and table.get(joined) and not table[joined].symbol:
        word, word_end = joined, m.end(2)  # "per kilowatt-hour", "per kilowatt hour"
    elif joined and word.islower() and joined.count(" ") == 1 and table.get(noun_lemma(joined.split()[1])) is not None:
        # two words ("per troy ounce"); "per square foot in 2022" is three, read below as "square foot"
        named = _registry_unit(*joined.split())  # "per troy ounce"
        if named is not None:
            return f"{unit} / {named.pint_unit}", m.end(2) if past is None else end
    scaled = _scaled_unit(text, word, word_end, limit)
    if scaled is not None:  # "per million British thermal units", "per MMBtu"
        den, word_end = scaled
    else:
        den = table.get(word) if m.group(0).strip(" -")[:1] in "/p" else None
        den = den or table.get(word.lower()) or table.get(noun_lemma(word))
    new_end = word_end if past is None else end  # the bracket and its figure are not this one's
    if den is not None and den.kind == "money" and kind == "money":
        den = _non_currency_reading(word)  # "$4 a pound": money per money is no rate; a mass is
    # a symbol after "/" ("$80/bbl") or "per" ("$80 per bbl", "per kWh"); after "a" only a word
    symbol_ok = m.group(0).strip(" -")[:1] == "/" or (m.group(0).strip(" -")[:3] == "per" and len(word) > 1
                                                    and word.lower() not in unitexpr.ENGLISH_SYMBOLS)
    if den is not None and (not den.symbol or symbol_ok) and den.kind in ("duration", "measure"):
        return f"{unit} / {_one_unit(den.pint_unit)}", new_end
    if den is None and kind == "money" and not word.islower() and m.group(0).strip(" -")[:3].lower() == "per":
        named = _capitalised_denominator(word, m.group(2))
        if named is not None:  # "$2 Million Per Flight", "1,700 pence per ARM Share"
            return f"{unit} / {named[0]}", (m.end(2) if named[1] else word_end) if past is None else end
    if den is None and kind == "money" and word.islower() and is_nounish(word) and (
            m.group(0).strip(" -")[:1] != "a" or _RATE_END_RE.match(text, word_end, limit)):
        return f"{unit} / {noun_lemma(word)}", new_end  # "per share", "per head", "$2 a share."
    if den is None and kind in ("measure", "duration") and m.group(0).strip()[:3] == "per" \
            and word.islower() and is_nounish(word) and _RATE_END_RE.match(text, word_end, limit):
        return f"{unit} / {noun_lemma(word)}", new_end  # "300 calories per serving": "per" only
    return unit, end


def _capitalised_denominator(word: str, second: str | None) -> tuple[str, bool] | None:
    """The counted noun after an explicit "per" written with a capital: a name and a noun ("per
    ARM Share", "per Apple device": the noun, which the name only specifies) or a noun in title
    case ("$2 Million Per Flight", a headline's case); (lemma, whether it is the second word), else None.
    Only "per" names a denominator whatever follows it ("a"/"an" before a capital opens a name).

    >>> _capitalised_denominator("ARM", " Share"), _capitalised_denominator("Flight", None)
    (('share', True), ('flight', False))
    >>> _capitalised_denominator("Share", " in"), _capitalised_denominator("Pfizer", None)
    (('share', False), None)
    """
    if second is not None:
        noun = second.strip(" -")
        if noun[:1].isalpha() and (noun.islower() or noun.istitle()) and is_nounish(noun.lower()) \
                and "NOUN" in word_classes(noun.lower()):
            return noun_lemma(noun.lower()), True
    if word.istitle() and "NOUN" in word_classes(word.lower()):
        return noun_lemma(word.lower()), False
    return None


#: a scale word before a unit is pint's SI prefix of that unit ("per million Btu" is per megaBtu)
_SCALE_PREFIXES = {"thousand": "kilo", "million": "mega", "billion": "giga"}
_SCALED_UNIT_RE = re.compile(r"\s([A-Za-z]+)(?:\s([A-Za-z]+))?(?:\s([A-Za-z]+))?")
#: "MM" before a unit symbol is a million in the energy trade's usage ("MMBtu", Roman M times M:
#: the US EIA glossary); read only before a symbol the catalogue knows
_MM_RE = re.compile(r"MM(?=[A-Za-z])", re.IGNORECASE)


def _scaled_unit(text: str, word: str, end: int, limit: int) -> tuple[UnitName, int] | None:
    """The denominator a scale word and a unit make ("per million British thermal units",
    "per thousand cubic feet"), or a unit symbol after "MM" ("per MMBtu"): (unit, end), else None."""
    table = unit_surfaces()
    if _MM_RE.match(word) and len(word) > 2:
        unit = table.get(word[2:])
        return (_prefixed("mega", unit), end) if unit is not None and unit.kind == "measure" else None
    prefix = _SCALE_PREFIXES.get(word.lower())
    m = _SCALED_UNIT_RE.match(text, end, limit) if prefix else None
    if m is None:
        return None
    words = [w for w in m.groups() if w]
    for size in range(len(words), 0, -1):
        surface = " ".join(words[:size])
        unit = table.get(surface) or table.get(surface.lower()) or table.get(
            " ".join([*words[:size - 1], noun_lemma(words[size - 1])]).lower())
        if unit is not None and unit.kind == "measure" and " " not in unit.pint_unit:
            return _prefixed(prefix, unit), m.end(size)
    return None


def _prefixed(prefix: str, unit: UnitName) -> UnitName | None:
    """``unit`` with a pint SI prefix glued to its name, when pint reads it ("megabritish_thermal_unit")."""
    from ..units import ureg

    name = prefix + unit.pint_unit
    try:
        ureg().parse_units(name)
    except Exception:  # noqa: BLE001 - pint raises several error types for unknown names
        return None
    return UnitName(name, "measure", False)


def _one_unit(name: str) -> str:
    """A unit name pint reads as one unit after a "/": "kilowatt hour" is "kilowatt_hour"
    (with a space, "USD / kilowatt hour" would read as dollars x hours / kilowatt)."""
    from ..units import ureg

    if " " not in name or name.startswith(("square ", "cubic ")):
        return name
    try:
        ureg().parse_units(name.replace(" ", "_"))
    except Exception:  # noqa: BLE001 - pint raises several error types for unknown names
        return name
    return name.replace(" ", "_")


def _non_currency_reading(word: str) -> UnitName | None:
    """The registry's reading of a word that is not a currency ("pound": the mass), else None."""
    from ..units import ureg

    try:
        unit = ureg().parse_units(word.lower())
    except Exception:  # noqa: BLE001 - pint raises several error types for unknown words
        return None
    return None if str(unit.dimensionality).startswith("[currency") else UnitName(str(unit), "measure", False)
