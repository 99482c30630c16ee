"""Numbers as written in news text: digits, number words, scale words, currency signs.

Hand-written because no maintained library finds numbers *with spans* in
running text at this speed (quantulum3 parses ~350 sentences/s; dateparser
and price-parser parse a string you already isolated).  One compiled regex
finds every candidate; small ``parse_*`` functions turn its groups into values.

>>> [(m.surface, m.value) for m in find_numbers("It cost $227 million, or 3.5bn yen.")]
[('$227 million', 227000000.0), ('3.5bn', 3500000000.0)]
>>> [(m.surface, m.value) for m in find_numbers("seventy thousand people and a dozen eggs")]
[('seventy thousand', 70000.0), ('a dozen', 12.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import fractions, notation
from .number_context import code_before as _code_before, names_a_version as _names_a_version, \
    quantified_dozen as _quantified_dozen, range_currency as _range_currency
from .number_edges import clean_edges as _clean_edges, is_season as _is_season, millions_after as _millions_after
from .number_gates import may_have_prefix as _may_have_prefix, unread_in_dropped
from .spans import Spans
from ..records import slot_init

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000}
# "mln", "bln", "trln": the wire services' abbreviations ("24 bln euros"), spaced or glued
SCALE_ABBREV = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
                "bln": 1_000_000_000, "b": 1_000_000_000, "tn": 1_000_000_000_000, "tr": 1_000_000_000_000,
                "trn": 1_000_000_000_000, "trln": 1_000_000_000_000}
SCALE_WORDS_EXTRA = {"lakh": 100_000, "crore": 10_000_000}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "$US": "USD", "USD": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
                  "Y=": "JPY", "₹": "INR", "C$": "CAD", "A$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
                  "EUR": "EUR", "GBP": "GBP", "PS": "GBP", "RM": "MYR", "Rs": "INR", "Rs.": "INR", "R$": "BRL"}
SCALE_ABBREV.update({"mil": 1_000_000, "M": 1_000_000, "B": 1_000_000_000, "K": 1_000, "T": 1_000_000_000_000})

_WORD = (r"(?:" + "|".join(sorted(list(UNITS_WORDS) + list(TENS_WORDS), key=len, reverse=True))
         + r")(?:-(?:" + "|".join(UNITS_WORDS) + r")|)")
_SCALE = r"(?:hundred|thousand|million|billion|trillion|lakh|crore)"
# Indian grouping ("1,50,000", "2,34,500 crore": pairs of digits, then the last three) after the
# Western one, which never matches a number whose second group has two digits; "\d+" would cut it
# at the first comma
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+|)|\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])(?:\.\d+|)|\d+(?:\.\d+|)|\.\d+"
# Currency before the digits: signs, dollar prefixes ("HK$", "US $", "$US"; "A$" only glued, as
# "A $5 fee" is an article), codes glued or spaced,
# and the transliterations news text gets ("PS" for £, "Y=" for ¥ in NewsQuant-style copy; not
# "PS" before a lone digit: "PS5", "PS4" name game consoles, and no one writes £5 as "PS5").
_CUR = (r"(?:US|HK|NZ|C|S|R)\s?\$|A\$|\b(?:hk|nz|c)\s?\$|\$\s?US(?=\d)|\$|€|£|¥|₹|\bRM(?=\d)|\bPS(?=\d)(?!\d\b(?![.,]\d))|\bY=|\bUSD\s?"
        r"|\bEUR\s?|\bGBP\s?|\bRs\.?\s?")

# a number in digits: "1/2", "3/8", a fraction (the whole number before it, "2 1/2", is joined by
# fractions.join_whole; typeset text writes the slash as U+2044 FRACTION SLASH, "6 1⁄2"); or digits with
# a scale word or letter and an ordinal ending after them.
# In these patterns an optional part longer than one character is written "(?:X|)", not "(?:X)?":
# the same matches in the same order of trial (X first, then nothing), but re runs "?" after a
# group through its general repeat, which saves its state at every try, and an alternation
# through a plain branch (callgrind: the number patterns a fifth cheaper; tests/test_fast_paths.py
# compares them with the patterns written with "?")
_DIGIT_FORMS = rf"""
      (?P<fnum>\d{{1,3}})[/⁄](?P<fden>\d{{1,3}})(?![\d/⁄]|[.,]\d)
    |
      (?P<digits>{_DIGITS})
      (?:[\s-]?(?P<scale>(?i:(?:(?:hundred|thousand|lakh)\s+|)(?:thousand|million|billion|trillion|crore)s?|hundred|lakhs?))\b
         |(?P<abbr>(?i:k|m|mn|mln|mil|bn|bln|b|tn|trn|trln)|M|B|K|T)\b|\s(?P<sabbr>(?i:bn|bln|mn|mln|tn|trn|trln))\b|)
      (?:(?P<ord>st|nd|rd|th)|)
"""

# "minus 5" is negative; "plus or minus 5%" is a tolerance, no sign; a dash right after a percent
# sign joins two figures ("10%-15%", "54%-44%"), no sign either
NUMBER_RE = re.compile(
    rf"""
    (?:(?P<sign>(?<![\w.,%])[-−+](?=[$€£¥\d])|(?<!\w)(?i:minus)(?<!(?i:plus or minus))[\s-](?=\d))|)
    (?:(?P<cur>{_CUR})\s?(?:(?P<csign>[-−](?=\d))|)|)
    (?:{_DIGIT_FORMS}
    |
      # number words; "and" joins them only after a scale word ("two hundred and five", not
      # "between three and four")
      \b(?P<words>(?i:(?:a\s+(?=(?:hundred|thousand|million|billion|trillion|lakh|crore|dozen)\b)|)
                      (?:(?:{_WORD}|dozen)[\s-]*|{_SCALE}(?:\s+and\s+|[\s-]+|))*(?:{_WORD}|{_SCALE}|dozen)))\b
    )
    """,
    re.VERBOSE,
)
# NUMBER_RE where its match starts at an ASCII digit: the sign, currency and number-word
# alternatives cannot match there, so they are groups that never match (the groups keep their
# numbers, read by the _G_ indexes below)
_DIGITS_NUMBER_RE = re.compile(
    rf"""
    (?:(?!)(?P<sign>)(?P<cur>)(?P<csign>)|)
    (?:{_DIGIT_FORMS}
    |
      (?P<words>(?!))
    )
    """,
    re.VERBOSE,
)
# NUMBER_RE's groups by position: find_numbers takes ``m.groups()`` once per number and the readers
# below index it, where a ``m.group(name)`` call each (about twenty per number) was a tenth of
# find_numbers (measured: a named group() call costs as much as groups() and five indexes)
(_G_SIGN, _G_CUR, _G_CSIGN, _G_FNUM, _G_FDEN, _G_DIGITS, _G_SCALE, _G_ABBR, _G_SABBR, _G_ORD,
 _G_WORDS) = range(11)
if NUMBER_RE.groupindex != _DIGITS_NUMBER_RE.groupindex or NUMBER_RE.groupindex != {name: i + 1 for i, name in enumerate(
        ("sign", "cur", "csign", "fnum", "fden", "digits", "scale", "abbr", "sabbr", "ord", "words"))}:
    raise ImportError("NUMBER_RE's groups moved: renumber the _G_ indexes")
_SPACES_RE = re.compile(r"\s+")
_ORDINAL_WORD_RE = re.compile(r"\b(?:" + "|".join(ORDINAL_WORDS) + r")\b", re.IGNORECASE)
_PREFIX_RE = re.compile(
    r"(?:(?<![\w.,%])[-−+]|(?<!\w)(?i:minus)(?<!(?i:plus or minus))[\s-])?(?:(?:US|HK|NZ|C|S|R)\s?|A|\b(?:hk|nz|c)\s?(?=\$)|\bRM|\bPS|\bY=|"
    r"\bUSD\s?|\bEUR\s?|\bGBP\s?|\bRs\.?\s?)?[$€£¥₹]?(?:\s?US)?\s?(?:(?<=[$€£¥₹])[-−])?$|(?:(?<![\w.,%])[-−+]|(?<!\w)(?i:minus)(?<!(?i:plus or minus))[\s-])$")
_WORD_SPLIT_RE = re.compile(r"[\s-]+")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found in text; ``step`` is the rounding unit its digits imply."""

    start: int
    end: int
    surface: str
    value: float
    step: float
    currency: str = ""
    written: bool = False  # spelt out in words
    ordinal: bool = False
    fraction: bool = False
    plain_digits: str = ""  # the digit string without currency/scale, for year tests
    scale: float = 1.0  # the scale word's factor ("million" -> 1e6), 1 when none


# NumberMatch.__init__: the fields stored through their slots (records.slot_init says why)
def _number_match_init(self, start, end, surface, value, step, currency="", written=False, ordinal=False,
                       fraction=False, plain_digits="", scale=1.0):
    set_ = _NUMBER_MATCH_SLOTS
    set_[0](self, start)
    set_[1](self, end)
    set_[2](self, surface)
    set_[3](self, value)
    set_[4](self, step)
    set_[5](self, currency)
    set_[6](self, written)
    set_[7](self, ordinal)
    set_[8](self, fraction)
    set_[9](self, plain_digits)
    set_[10](self, scale)


_NUMBER_MATCH_SLOTS = slot_init(NumberMatch, _number_match_init)


def parse_words(text: str) -> float | None:
    """Value of a run of number words, or None.

    >>> parse_words("seventy thousand"), parse_words("a dozen"), parse_words("two hundred and five")
    (70000.0, 12.0, 205.0)
    >>> parse_words("twenty-five million"), parse_words("a")
    (25000000.0, None)
    """
    tokens = [t for t in _WORD_SPLIT_RE.split(text.lower()) if t and t != "and"]
    if not tokens or tokens == ["a"]:
        return None
    if all(t.rstrip("s") in SCALE_WORDS or t.rstrip("s") in SCALE_WORDS_EXTRA for t in tokens):
        return None  # "several hundred", "parts per million": a scale word alone is not a number
    total, current, seen, chunk = 0.0, 0.0, False, 0.0
    for i, tok in enumerate(tokens):
        if tok == "a" and i == 0:
            current = 1.0
        elif tok in UNITS_WORDS:
            current += UNITS_WORDS[tok]
            seen = True
        elif tok in TENS_WORDS:
            current += TENS_WORDS[tok]
            seen = True
        elif tok == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif tok.rstrip("s") in SCALE_WORDS or tok.rstrip("s") in SCALE_WORDS_EXTRA:
            scale = SCALE_WORDS.get(tok.rstrip("s")) or SCALE_WORDS_EXTRA[tok.rstrip("s")]
            if not current and chunk:  # "five lakh crore": a scale of the scale before it
                total, current = total - chunk, chunk
            current = (current or 1.0) * scale
            seen = True
            if scale >= 1000:
                total, chunk, current = total + current, current, 0.0
        else:
            return None
    return total + current if seen else None


def parse_digits(text: str) -> tuple[float, float] | None:
    """Value and rounding step of a digit string ("3,000" -> (3000, 1000)), or None.

    >>> parse_digits("3,000"), parse_digits("2,700"), parse_digits("3.5"), parse_digits("280")
    ((3000.0, 1000.0), (2700.0, 100.0), (3.5, 0.1), (280.0, 10.0))
    """
    clean = text.replace(",", "")
    try:
        value = float(clean)
    except ValueError:
        return None
    if "." in clean:
        return value, 10.0 ** -len(clean.split(".", 1)[1])
    stripped = clean.lstrip("0") or "0"
    zeros = len(stripped) - len(stripped.rstrip("0")) if stripped != "0" else 0
    return value, 10.0 ** zeros


def _scale_of(g: tuple) -> float:
    """ "million" -> 1e6, "hundred million" -> 1e8, "bn" -> 1e9, "M" -> 1e6 (``g``: NUMBER_RE's groups)."""
    if g[_G_SCALE]:
        factor = 1.0
        for word in g[_G_SCALE].lower().split():
            word = word.rstrip("s")  # "millions", "crores", "lakhs"; "lakh crore" is 1e5 x 1e7
            factor *= SCALE_WORDS.get(word) or SCALE_WORDS_EXTRA[word]
        return factor
    if g[_G_ABBR] or g[_G_SABBR]:  # "3.5bn", "$5 bn" (spaced only where unambiguous)
        abbr = g[_G_ABBR] or g[_G_SABBR]
        return SCALE_ABBREV.get(abbr) or SCALE_ABBREV[abbr.lower()]
    return 1.0


def _from_match(m: re.Match, g: tuple, code: str = "", range_currency: str = "") -> NumberMatch | None:
    """The number NUMBER_RE's match ``m`` reads (``g``: its groups), or None; ``code``: the
    currency of an ISO code written before it (:func:`.number_context.code_before`);
    ``range_currency``: the currency of the number this one closes a range with
    (:func:`.number_context.range_currency`)."""
    cur = g[_G_CUR]
    currency = code  # most numbers have no currency: no sub, no lookups ("" is no key of CURRENCY_SIGNS)
    if cur:
        cur = _SPACES_RE.sub("", cur)
        currency = CURRENCY_SIGNS.get(cur) or CURRENCY_SIGNS.get(cur.upper(), "")
    sign = -1.0 if (g[_G_SIGN] and g[_G_SIGN] != "+") or g[_G_CSIGN] else 1.0  # "-$5", "$-5"
    if g[_G_FDEN]:  # a fraction: fractions.py
        value = fractions.parse_slash(g[_G_FNUM], g[_G_FDEN])
        if value is None:
            return None
        return NumberMatch(m.start(), m.end(), m.group(0), sign * value, 0.0, currency)  # exact as written
    if g[_G_DIGITS]:
        if g[_G_ABBR] == "m" and not currency and _millions_after(m.string, m.end()):
            pass  # "35m of its devices", "5m people": millions, not metres
        elif g[_G_ABBR] in ("m", "b", "T") and not currency and range_currency:
            currency = range_currency  # "€2-3m", "$4 to 5bn": the range's currency, so a scale
        elif g[_G_ABBR] in ("m", "b", "T") and not currency:
            # "37m" without a currency sign is 37 metres: the number ends before the "m",
            # and the unit reader takes it from there
            digits = g[_G_DIGITS]
            parsed = parse_digits(digits)
            end = m.start("abbr")
            return NumberMatch(m.start(), end, m.string[m.start():end], sign * parsed[0], parsed[1],
                               plain_digits=digits) if parsed else None
        parsed = parse_digits(g[_G_DIGITS])
        if parsed is None:
            return None
        value, step = parsed
        scale = _scale_of(g)
        ordinal = bool(g[_G_ORD])
        return NumberMatch(m.start(), m.end(), m.group(0), sign * value * scale, step * scale, currency,
                           ordinal=ordinal, plain_digits=g[_G_DIGITS], scale=scale)
    words = g[_G_WORDS]
    value = parse_words(words)
    if value is None:
        return None
    return NumberMatch(m.start(), m.end(), m.group(0), value, 1.0 if value < 100 else _word_step(value),
                       currency, written=True)


def _word_step(value: float) -> float:
    step = 1.0
    while value % (step * 10) == 0 and step < value:
        step *= 10
    return step


def find_numbers(text: str, masked: list[tuple[int, int]] | Spans | None = None, starts=None,
                 dropped: Spans | None = None) -> list[NumberMatch]:
    """Every number in ``text`` outside the ``masked`` spans, in text order.

    ``starts`` are the offsets where a number may begin (see :mod:`.scan`); the
    number regex is matched only there.  Without it the whole text is scanned.
    ``dropped``: spans (the text's dates) in which the caller drops every number that
    starts; a plain number there is not read when nothing else depends on it
    (:func:`.number_gates.unread_in_dropped`).
    """
    if starts is None:
        from .scan import FRACTION_TRIGGERS, NUMBER_WORDS, ORDINALS, scan, starts as _starts

        hits = scan(text)
        starts = _starts(hits, NUMBER_WORDS | ORDINALS | {"us", "usd", "eur", "gbp", "rs"}, digits=True)
        fraction_starts = _starts(hits, FRACTION_TRIGGERS)
    else:
        starts, fraction_starts = starts
    masked = masked if isinstance(masked, Spans) else Spans(masked or ())
    found: list[NumberMatch] = []
    covered = -1
    in_masked = masked.covers if masked else None
    for hit in starts:
        if hit < covered or (in_masked is not None and in_masked(hit)):
            # whatever is read at a start inside a masked span ("zero tolerance", "one of") holds
            # the start, so overlaps the span and is dropped below: nothing is read there at all
            continue
        pos = hit
        if text[pos].isalpha():
            if pos >= 2 and text[pos - 2:pos].lower() == "a " and (pos < 3 or not text[pos - 3].isalnum()):
                pos -= 2  # "a dozen", "a million"
        else:
            if pos and text[pos - 1] == "." and _bare_decimal_point(text, pos - 1):
                pos -= 1  # ".322", "$.50": the point opens the number
            back = _PREFIX_RE.search(text, max(0, pos - 9), pos) if _may_have_prefix(text, pos) else None
            if back is not None and back.start() >= covered:
                pos = back.start()  # "HK$", "US $", "RM", "minus", "-" before the digits
                while pos < hit and text[pos].isspace():
                    pos += 1  # " US" before "$2": the match may open on the blank before the prefix
        if text[hit] in fractions.VULGAR:  # "½", "2½": see fractions.py
            v = fractions.vulgar_at(text, hit)
            if v is not None and not _inside(v.start, v.end, masked):
                covered = _add_fraction(text, found, v)
            continue
        # at a digit, with no prefix before it, no sign, currency or number word can match: the
        # pattern without them gives the same match (tests/test_fast_paths.py), sooner
        m = (_DIGITS_NUMBER_RE if pos == hit and "0" <= text[pos] <= "9" else NUMBER_RE).match(text, pos)
        if pos != hit and (m is None or not m.group(0).strip() or m.end() <= hit):
            m = NUMBER_RE.match(text, hit)
        if m is None:
            o = _ORDINAL_WORD_RE.match(text, hit)
            if o is not None and not _inside(o.start(), o.end(), masked):
                value = float(ORDINAL_WORDS[o.group(0).lower()])
                found.append(NumberMatch(o.start(), o.end(), o.group(0), value, 1.0, written=True, ordinal=True))
                covered = o.end()
            continue
        if m is None or not m.group(0).strip() or _inside(m.start(), m.end(), masked):
            continue
        special = notation.scientific(m, NumberMatch) or notation.space_grouped(m, NumberMatch)
        if special is not None:  # "4e14", "2.48×10−5", "10 000": see notation.py
            covered = _append(found, special)
            continue
        g = m.groups()  # read by index: see _G_DIGITS
        if dropped and unread_in_dropped(text, m, g[_G_DIGITS] is not None and g.count(None) == len(g) - 1,
                                         hit, dropped, fraction_starts):
            covered = m.end()
            continue
        code = _code_before(text, m.start()) if g[_G_DIGITS] and not g[_G_CUR] else None
        if not _clean_edges(text, m, g[_G_DIGITS], g[_G_FDEN], g[_G_CUR], code is not None) \
                or (g[_G_DIGITS] and _is_season(text, m)):
            continue
        nm = _from_match(m, g, code[0] if code else "",
                         _range_currency(text, found, m.start()) if g[_G_ABBR] in ("m", "b", "T") else "")
        if nm is not None and nm.written and _quantified_dozen(text, nm):
            continue
        if nm is not None and code is not None and _names_a_version(text, nm):
            nm = NumberMatch(nm.start, nm.end, nm.surface, nm.value, nm.step, plain_digits=nm.plain_digits)
            code = None  # "PHP 8": a name and its version
        if nm is not None and code is not None and not (found and found[-1].end > code[1]):
            nm = NumberMatch(code[1], nm.end, text[code[1]:nm.end], nm.value, nm.step, nm.currency,
                             plain_digits=nm.plain_digits, scale=nm.scale)
        if nm is None and g[_G_FDEN]:
            pair = fractions.slash_pair(m, g[_G_FNUM], g[_G_FDEN])  # "19/29 mpg": two figures
            found.extend(pair)
            covered = m.end() if pair else covered
        if nm is not None:
            end = _add_fraction(text, found, nm) if g[_G_FDEN] else _append(found, _trim(nm))
            covered = max(m.end(), end)
    # fractions in words ("two and a half million", "one sixth", "a quarter of"): fractions.py
    return fractions.read_words(text, found, fraction_starts, masked)


def _bare_decimal_point(text: str, dot: int) -> bool:
    """True when the "." at ``dot``, just before digits, is the decimal point of a number written
    without its leading zero (a batting average ".322", "$.50", "a .08 blood alcohol level").

    Why general: a full stop ends a sentence before a blank, and a point after a letter or digit
    belongs to a word or a number ("No.3", "v.2", "2.5"); a point after a blank, a bracket, a
    currency sign or the start of the text can only open a decimal fraction, which _DIGITS already
    reads (a point, then digits) once the match starts at the point instead of at the digits after it.

    >>> _bare_decimal_point("hit .322 in May", 4), _bare_decimal_point("No.3", 2), _bare_decimal_point("v..3", 2)
    (True, False, False)
    """
    if dot == 0:
        return True
    before = text[dot - 1]
    return not before.isalnum() and before not in ".,/_@#&"


def _append(found: list[NumberMatch], nm: NumberMatch) -> int:
    found.append(nm)
    return nm.end


def _add_fraction(text: str, found: list[NumberMatch], part: NumberMatch) -> int:
    """Append a fraction in digits or a vulgar sign, joined to the whole number right before it
    and to a scale word after it ("2 1/2", "2½ million"): :func:`.fractions.join_whole`."""
    n = fractions.join_whole(text, found[-1] if found else None, part)
    if found and n.start == found[-1].start:
        found[-1] = n
    else:
        found.append(n)
    return n.end


def _inside(start: int, end: int, spans) -> bool:
    """True when the span [start, end) overlaps one of ``spans`` (a :class:`.spans.Spans`)."""
    return bool(spans) and spans.overlaps(start, end)


def _trim(nm: NumberMatch) -> NumberMatch:
    """Drop trailing whitespace the regex may have taken."""
    surface = nm.surface.rstrip()
    if surface == nm.surface:
        return nm
    return NumberMatch(nm.start, nm.start + len(surface), surface, nm.value, nm.step, nm.currency,
                       nm.written, nm.ordinal, nm.fraction, nm.plain_digits, nm.scale)


# "2,000 to 3,000", "2,000-3,000", "between 2,000 and 3,000", "from 4.8 to 4.7"
RANGE_JOIN_RE = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*$", re.IGNORECASE)
