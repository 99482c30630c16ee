"""Numbers in notations the main number regex (:mod:`.numbers`) leaves out.

* scientific notation: "4e14", "-1e-3", "2.48×10−5", "3 x 10^4", "8x2^10";
* slash and mixed fractions: "1/4 inch", "2 1/2 in", "7 3/4 %" (a proper
  fraction only, so "24/7" and "50/50" stay out);
* Unicode vulgar fractions: "½ teaspoon", "2½ miles" (values from
  :func:`unicodedata.numeric`);
* thousands grouped by spaces before a unit: "10 000 dollars";
* a fraction of a scale word: "half a million", "a quarter million", "three quarters billion";
* "and a half" after a number ("two and a half miles"), and a number word
  joined to a fraction word before a noun or unit ("one-half mile").

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
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numbers imports this module; the type only is needed here
    from .numbers import NumberMatch

VULGAR = {ch: unicodedata.numeric(ch) for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")

# after the mantissa's digits: "e14", "E-3"; "×10−5", "x 10^4", "*10**3", "×10⁻⁵", "x2^10"
_SCI_TAIL = re.compile(
    r"[eE](?P<e>[-−+]?\d{1,3})(?![\w.])"
    r"|\s?[×xX·*]\s?(?P<base>10|2)(?:\s?(?:\^|\*\*)\s?(?P<e2>[-−+]?\d{1,3})"
    r"|(?P<e3>[-−]\d{1,3}|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))(?![\w.])")
_SCI_STARTS = frozenset("eE×xX·* ")
_SLASH = re.compile(r"/(?P<den>\d{1,3})(?![\d/]|[.,]\d)")
_AND_A_HALF = re.compile(r"\s+and\s+(?:a|one)\s+(?P<frac>half|quarter|third)\b", re.IGNORECASE)
_AND_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
_WORD_FRACTION = re.compile(r"-(?P<den>half|third|quarter|fourth|fifth|sixth|eighth|tenth)s?\b(?!\s+of\b)",
                            re.IGNORECASE)
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "eighth": 8,
                 "tenth": 10}


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
    if " " in g.group("groups") and not (word.lower() in unit_surfaces() or word in unit_surfaces()):
        return None
    if _NAME_BEFORE.search(m.string, max(0, m.start() - 24), m.start()):
        return None  # "May 5 100 km", "Route 9 200 miles": a name's number, then another
    digits = m.group("digits") + re.sub(r"\D", "", g.group("groups"))
    sign = -1.0 if m.group("sign") and m.group("sign") != "+" else 1.0
    end = g.end("groups")
    return make(m.start(), end, m.string[m.start():end], sign * float(digits), 1.0, plain_digits=digits)


def slash_fraction(m: re.Match, make) -> NumberMatch | None:
    """ "1/4", "3/8": a proper fraction of small whole numbers right after the digits."""
    at = m.end("digits")
    if at < 0 or m.string[at:at + 1] != "/" or not _plain_integer(m) or m.group("cur"):
        return None
    s = _SLASH.match(m.string, m.end("digits"))
    if s is None:
        return None
    num, den = int(m.group("digits")), int(s.group("den"))
    if not 0 < num < den:
        return None
    return make(m.start(), s.end(), m.string[m.start():s.end()], num / den, 1.0 / den)


def vulgar_fraction(text: str, pos: int, make) -> NumberMatch | None:
    """ "½" at ``pos``."""
    value = VULGAR.get(text[pos]) if pos < len(text) else None
    if value is None or (pos + 1 < len(text) and text[pos + 1].isalnum()):
        return None
    return make(pos, pos + 1, text[pos], value, value)


def join_mixed(text: str, whole: NumberMatch, part: NumberMatch) -> NumberMatch | None:
    """ "2 1/2", "2½", "101 1/4": a whole number (below 1000, so no year) and a fraction."""
    gap = text[whole.end:part.start]
    if gap not in ("", " ") or whole.written or whole.ordinal or whole.fraction or not part.value < 1:
        return None
    if not (whole.plain_digits.isdigit() and whole.scale == 1.0 and 0 <= abs(whole.value) < 1000):
        return None
    sign = -1.0 if whole.value < 0 else 1.0
    return replace(whole, end=part.end, surface=text[whole.start:part.end],
                   value=whole.value + sign * part.value, step=part.step)


def and_a_half(text: str, nm: NumberMatch) -> NumberMatch:
    """ "two and a half", "3 and a quarter": the fraction joins the number before it."""
    if nm.ordinal or nm.fraction or nm.scale != 1.0:
        return nm
    if text[nm.end:nm.end + 5].lower() != " and ":
        return nm
    a = _AND_A_HALF.match(text, nm.end)
    if a is None:
        return nm
    part = _AND_FRACTIONS[a.group("frac").lower()]
    return replace(nm, end=a.end(), surface=text[nm.start:a.end()], value=nm.value + part, step=part)


def word_fraction(text: str, nm: NumberMatch) -> NumberMatch:
    """ "one-half mile", "three-quarters inch": a number word joined to a fraction word
    (not followed by "of", which :func:`.numbers.iter_fractions` reads as a share)."""
    if not nm.written or nm.ordinal or nm.fraction or not 0 < nm.value < 10:
        return nm
    if text[nm.end:nm.end + 1] != "-":
        return nm
    w = _WORD_FRACTION.match(text, nm.end)
    if w is None:
        return nm
    value = nm.value / _DENOMINATORS[w.group("den").lower()]
    return replace(nm, end=w.end(), surface=text[nm.start:w.end()], value=value, step=value)


_SCALED_FRACTION = re.compile(
    r"(?P<num>a|one|two|three)?[\s-]?(?P<den>half|thirds?|quarters?)\s+(?:of\s+)?(?:an?\s+)?"
    r"(?P<scale>hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}


def _whole_and(text: str, found: list[NumberMatch], scaled: NumberMatch, make) -> NumberMatch:
    """ "two and a half million": the number that and_a_half already joined to "a half" takes the
    scale too (2.5 million), instead of the scaled fraction being read alone (half a million)."""
    for n in found:
        if n.start < scaled.start < n.end <= scaled.end and text[n.start:scaled.start].lower().endswith(" and "):
            value = n.value * scaled.scale
            return make(n.start, scaled.end, text[n.start:scaled.end], value, scaled.step, written=True,
                        scale=scaled.scale)
    return scaled


def scaled_fractions(text: str, found: list[NumberMatch], starts: list[int],
                     make) -> tuple[list[NumberMatch], list[tuple[int, int]]]:
    """ "half a million", "a quarter million", "three quarters of a billion": one number, which
    replaces the scale word's own match ("a million") in ``found``; also their spans."""
    added = []
    for pos in starts:
        m = _SCALED_FRACTION.search(text, max(0, pos - 6), pos + 40)
        if m is None or m.start("den") != pos:
            continue
        den = m.group("den").lower().rstrip("s")
        count = _COUNTS[(m.group("num") or "a").lower()]
        value = count * {"half": 0.5, "third": 1 / 3, "quarter": 0.25}[den] * _SCALES[m.group("scale").lower()]
        start = m.start("num") if m.group("num") else m.start("den")
        added.append(make(start, m.end(), text[start:m.end()], value, value, written=True,
                          scale=_SCALES[m.group("scale").lower()]))
    if not added:
        return found, []
    added = [_whole_and(text, found, a, make) for a in added]
    kept = [n for n in found if not any(a.start <= n.start < a.end or n.start <= a.start < n.end for a in added)]
    return sorted(kept + added, key=lambda n: n.start), [(a.start, a.end) for a in added]
