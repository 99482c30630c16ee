"""Numbers in notations the main number regex (:mod:`.numbers`) leaves out.

* scientific notation: "4e14", "-1e-3", "2.48×10−5", "3 x 10^4", "8x2^10";
* thousands grouped by spaces before a unit: "10 000 dollars".

Fractions, in digits or words, are read in :mod:`.fractions`.

Hand-written for the same reason as :mod:`.numbers` (spans in running text);
each form is one small function, called by :func:`.numbers.find_numbers` at a
position where a number already starts, so the added cost is one anchored
regex match per number.

>>> from .numbers import find_numbers
>>> [(m.surface, m.value) for m in find_numbers("It was 2.5e3 m, or 2 1/2 km, or ½ mile.")]
[('2.5e3', 2500.0), ('2 1/2', 2.5), ('½', 0.5)]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numbers imports this module; the type only is needed here
    from .numbers import NumberMatch

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")

# after the mantissa's digits: "e14", "E-3"; "×10−5", "x 10^4", "*10**3", "×10⁻⁵", "x2^10"; a unit
# may be glued to the power ("3×10^8m/s"), not to an "e" exponent ("Flight 3e" is a label).  The
# one reader of exponents: the number regex stops at the mantissa's digits.
_SCI_TAIL = re.compile(
    r"[eE](?P<e>[-−+]?\d{1,3})(?![\w.])"
    r"|\s?[×xX·*]\s?(?P<base>10|2)(?:\s?(?:\^|\*\*)\s?(?P<e2>[-−+]?\d{1,3})"
    r"|(?P<e3>[-−]\d{1,3}|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))(?![\d.])")
_SCI_STARTS = frozenset("eE×xX·* ")


def _plain_integer(m: re.Match) -> bool:
    digits = m.group("digits") or ""
    return digits.isdigit() and not (m.group("scale") or m.group("abbr") or m.group("ord"))


def scientific(m: re.Match, make) -> NumberMatch | None:
    """ "4e14", "2.48×10−5": the number regex's digits with an exponent after them."""
    at = m.end("digits")
    if at < 0 or m.string[at:at + 1] not in _SCI_STARTS:
        return None  # the usual case, decided without a regex
    digits = m.group("digits")
    if m.group("scale") or m.group("abbr") or m.group("ord") or "," in digits:
        return None
    t = _SCI_TAIL.match(m.string, m.end("digits"))
    if t is None:
        return None
    base = 10 if t.group("e") is not None else int(t.group("base"))
    exponent = int((t.group("e") or t.group("e2") or t.group("e3")).translate(_SUPERSCRIPT))
    mantissa = float(digits)
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    sign = -1.0 if m.group("sign") and m.group("sign") != "+" else 1.0
    value = sign * mantissa * float(base) ** exponent
    step = 10.0 ** (exponent - decimals) if base == 10 else 1.0
    return make(m.start(), t.end(), m.string[m.start():t.end()], value, step, plain_digits=digits)


_SPACE_GROUPS = re.compile(r"(?P<groups>(?:[ \u00a0\u2009\u202f]\d{3})+)(?![\d,.]\d|\d)(?:\s?(?P<word>[A-Za-z]+))?")


_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]*\.?\s$")
_GROUP_END = frozenset(",;:)]!?")


def _groups_alone(text: str, start: int, g: re.Match, word: str) -> bool:
    """ "at least 12 000 residents", "315 420 were sown", "(IQR 2 100- 18 450)": a plain space also
    groups before a lower-case word (a counted noun, a verb) or a closing mark, where a second
    number would have nothing of its own; not before a hyphen ("3 100-metre heats", two numbers)
    or a name, nor after digits glued to a letter ("a Core i5 750 chip": a model and a number)."""
    if start > 0 and text[start - 1].isalnum():
        return False
    if word:
        return word.islower() and text[g.end("groups"):g.start("word")].isspace()
    nxt = text[g.end("groups"):g.end("groups") + 1]
    return nxt == "" or nxt in _GROUP_END or (nxt == "." and not text[g.end("groups") + 1:g.end("groups") + 2].isdigit())


def space_grouped(m: re.Match, make) -> NumberMatch | None:
    """ "10 000 dollars", "2 500 km": thousands grouped by spaces.  A plain space groups
    only before a unit or currency of the catalogue ("In 2019 250 people" stays two numbers);
    a no-break or thin space always does."""
    at = m.end("digits")
    if at < 0 or not m.string[at + 1:at + 2].isdigit() or not _plain_integer(m) or len(m.group("digits")) > 3:
        return None
    g = _SPACE_GROUPS.match(m.string, at)
    if g is None:
        return None
    from ..units import unit_surfaces

    word = g.group("word") or ""
    if " " in g.group("groups") and not (word.lower() in unit_surfaces() or word in unit_surfaces()
                                         or _groups_alone(m.string, m.start(), g, word)):
        return None
    if _NAME_BEFORE.search(m.string, max(0, m.start() - 24), m.start()):
        return None  # "May 5 100 km", "Route 9 200 miles": a name's number, then another
    digits = m.group("digits") + re.sub(r"\D", "", g.group("groups"))
    sign = -1.0 if m.group("sign") and m.group("sign") != "+" else 1.0
    end = g.end("groups")
    return make(m.start(), end, m.string[m.start():end], sign * float(digits), 1.0, plain_digits=digits)
