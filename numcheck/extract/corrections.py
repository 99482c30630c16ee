"""Where quantulum3's knowledge misleads a news reader, each fix a named function.

numcheck takes its unit surfaces from quantulum3's catalogue
(:func:`numcheck.units.unit_surfaces`), and with them quantulum3's known traps:
"2,700 migrant" read as a unit, "five U.S." read as atomic mass units, "a real"
read as Brazilian real, "in" read as inches.  Each fix below is one function,
listed in ``UNIT_CHECKS`` and tested in tests/cases/extract/phrases.toml.
"""

from __future__ import annotations

import re

from ..units import UnitName

# Spans whose digits are never figures: links, handles, e-mail addresses, hashtags.
MASK_RE = re.compile(
    r"\b\d{1,2}:\d{2}(?:[:.]\d+)*|https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|gov|edu|io|co|uk|ly|be)/\S*|pic\.twitter\.com/\S+"
    r"|[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@\w+|(?<!\w)#\w+"
    r"|\b(?!(?:USD|EUR|GBP|RM|PS|HK|US|NZ|Rs)\d)[A-Z]{2,}-?\d+[A-Z\d-]*\b"
)

# Symbols that are also English words or abbreviation letters; they count as
# units only when glued to the digits ("5in", "3m") or written as words.
AMBIGUOUS_SYMBOLS = frozenset({"in", "a", "at", "as", "is", "it", "or", "on", "s", "m", "U", "u", "b", "by",
                               "h", "d", "t", "l", "g", "c", "C", "F", "K", "P", "Pa", "ha", "da",
                               "are", "bar", "cup", "pt", "st", "ct", "ly", "pc", "pm", "am", "Mo", "mo"})
# Unit names that, after a number in news text, are usually everyday nouns
# ("a real silver lining", "two points", "three cases", "five rounds").
COMMON_WORD_UNITS = frozenset({"league", "leagues", "real", "reals", "point", "points", "mark", "marks", "rand", "won", "line",
                               "lines", "hand", "hands", "grain", "grains", "stone", "stones", "case",
                               "cases", "set", "sets", "pair", "pairs", "unit", "units", "cell", "cells",
                               "shot", "shots", "round", "rounds", "block", "blocks",
                               "tick", "ticks", "bit", "bits", "quarter", "quarters", "crown", "crowns",
                               "score", "scores", "dozen", "gross", "cord", "cords", "step", "steps",
                               "drop", "drops", "sheet", "sheets", "ream", "reams", "bolt", "bolts",
                               "barn", "barns", "shake", "shakes"})  # physics' barn (area), shake (time)
# (not "knots": after a number news means the speed of a wind, a ship or a plane, "gusts of 63 knots")
MONEY_CONTEXT = re.compile(r"\b(?:cost|costs|paid|pay|price|spent|spend|budget|fund|funds|worth|fine|"
                           r"fined|salary|raise|raised|donat\w*|revenue|sterling|£|profits?|loss|losses|"
                           r"sales|earnings|income|deal|bid|loans?|debts?|tax|taxes|fees?|charge|contract|"
                           r"invest\w*|shares?|dividends?|bonus)\b", re.IGNORECASE)


def reject_abbreviation_letter(surface: str, after: str, glued: bool, unit: UnitName) -> bool:
    """ "five U.S. prosecutors": a capital letter followed by "." and a letter opens an
    abbreviation; "ran 10 km." and "at 300 Hz." end a sentence."""
    return len(surface) <= 2 and surface[:1].isupper() and re.match(r"\.[A-Za-z]", after) is not None \
        and not glued


# After a spaced symbol that is also a word, what makes it a unit: a dimension adjective
# ("2 in thick"), the end of the sentence ("2 in."), or another figure of a product or a
# compound length ("1 m x 2 m", "12 m 2 dm").  English grammar, not a list of sentences.
_SYMBOL_CONTEXT = re.compile(r"\s*(?:$|[.!?;]\s*$|[.!?;]\s+[A-Z\"“]|(?:thick|thin|long|wide|tall|high|deep|across|"
                             r"in diameter|of rain|of snow)\b|[x×]\s*\d)")
_NEXT_FIGURE = re.compile(r"\s\d")
# lower-case letter symbols that are neither English words nor scale letters (k, m, b are)
_LOWER_LETTER_UNITS = frozenset({"t", "g", "l"})
# temperature scale letters: capitals that start no English word of their own
_SCALE_LETTERS = frozenset({"C", "F"})
_LOWER_NEXT = re.compile(r"\s+[a-z]|\s*[,;:)]")
_WORD_SYMBOLS = frozenset({"a", "at", "as", "is", "it", "or", "on", "by", "are", "am", "pm", "Mo", "mo", "bar",
                           "cup", "U", "u"})


def reject_ambiguous_symbol(surface: str, after: str, glued: bool, unit: UnitName) -> bool:
    """ "20 in the city": short symbols that are words count only when glued ("20in"), or
    when what follows makes them a unit ("2 in thick", "a 1 m x 2 m sheet", "12 m 2 dm")."""
    if not (unit.symbol and surface in AMBIGUOUS_SYMBOLS and not glued):
        return False
    if surface in _WORD_SYMBOLS:
        return True
    if surface in _LOWER_LETTER_UNITS and _LOWER_NEXT.match(after):
        return False  # "278,000 t valued at", "40 g, then": no word and no scale letter, so a unit
    if surface in _SCALE_LETTERS and _LOWER_NEXT.match(after):
        return False  # "fell to 4 C overnight", "hit 95 F, a record": a temperature scale
    return not (_SYMBOL_CONTEXT.match(after) or (len(surface) == 1 and _NEXT_FIGURE.match(after)))


def reject_glued_generation(surface: str, after: str, glued: bool, unit: UnitName) -> bool:
    """ "5G networks", "4G": a glued capital G is a generation, not gauss."""
    return glued and surface == "G"


# Two capitals: an SI prefix of a million or more, then ampere, volt or farad ("TV", "PA", "MA", "GA",
# "EA", "TA"): pint's and quantulum3's catalogues spell every prefixed unit, but currents, voltages
# and capacitances of that size are outside what news measures
_OUTSIZE_ELECTRICAL_RE = re.compile(r"[MGTPEZY][AVF]")


def reject_outsize_electrical_symbol(surface: str, after: str, glued: bool, unit: UnitName) -> bool:
    """ "4 TV channels", "5 PA schools", "3 EA games": two capitals after a spaced number that
    would name a mega-or-larger ampere, volt or farad are an abbreviation (a state, a company,
    television), not a unit; glued ("4TV") is left to the catalogue."""
    return unit.symbol and not glued and _OUTSIZE_ELECTRICAL_RE.fullmatch(surface) is not None


def reject_glued_variant_letter(surface: str, after: str, glued: bool, unit: UnitName) -> bool:
    """ "the Pixel 8a", "Article 5a", "Route 9a": a lone "a" glued to a number names a variant,
    not years (the annum's symbol "a" is science's, "4.5 Ga" aside, never news')."""
    return glued and surface == "a"


def reject_common_word_unit(surface: str, after: str, glued: bool, unit: UnitName) -> bool:
    """ "a real silver lining", "two points", "three cases": unit names that are everyday nouns."""
    return surface.lower() in COMMON_WORD_UNITS


UNIT_CHECKS = (reject_abbreviation_letter, reject_ambiguous_symbol, reject_glued_generation,
               reject_common_word_unit, reject_outsize_electrical_symbol, reject_glued_variant_letter)


_TEMPERATURE_SCALES = {"c": "degree_Celsius", "f": "degree_Fahrenheit"}
_SCALE_WORD = re.compile(r"\s?([A-Za-z]+)\b\.?")


def temperature_scale(pint_unit: str, text: str, end: int, limit: int) -> tuple[str, int]:
    """ "40 deg celsius", "98.6 degrees F", "100° Celsius": a degree followed by a scale is
    that temperature scale (the scale's name from the unit catalogue; "C"/"F" as letters)."""
    if pint_unit != "degree":
        return pint_unit, end
    m = _SCALE_WORD.match(text, end, limit)
    if m is None:
        return pint_unit, end
    from ..units import unit_surfaces

    word = m.group(1)
    scale = _TEMPERATURE_SCALES.get(word.lower()) if len(word) == 1 else None
    named = unit_surfaces().get(word.lower())
    if scale is None and named is not None and not named.symbol and named.pint_unit in (
            "degree_Celsius", "degree_Fahrenheit", "kelvin"):
        scale = named.pint_unit
    return (scale, m.end(1)) if scale else (pint_unit, end)


_CLOCK_NUMBER = re.compile(r"\d{1,2}(?:[.:][0-5]\d)?")


def may_be_clock(number: str) -> bool:
    """ "2 pm", "10.30 am", "22pm" (a clipped "5.22pm") can be times of day; "2.1 pm" or
    "2.123 am" cannot."""
    return bool(_CLOCK_NUMBER.fullmatch(number.strip()))


def metric_not_clock(surface: str, number: str) -> bool:
    """ "2.1 pm", "2.123 am": after a number that is no time of day, pm and am are the
    picometre and attometre of the catalogue."""
    return surface in ("pm", "am") and not may_be_clock(number)


_AGE_BEFORE = re.compile(r"\b(?:aged|ages?(?: of)?)\s$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s?(?:yo|y\.o\.|yrs? old)\b", re.IGNORECASE)


_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s$")


def age_in_years(text: str, start: int, end: int, limit: int) -> int | None:
    """ "a man aged 30", "at the age of 91", "a 87 yo man", "Jane Roe, 41, said": a bare number
    that is an age in years; the end of the figure (after "yo"), or None.  A whole number below
    120 set off by commas right after a name is that person's age (the apposition English news
    gives an age in; :func:`numcheck.extract.subjects._apposition` reads the name)."""
    after = _AGE_AFTER.match(text, end, limit)
    if after is not None:
        return after.end()
    if _AGE_BEFORE.search(text, max(0, start - 8), start):
        return end
    if end < limit and text[end] == "," and text[start:end].isdigit() and int(text[start:end]) < 120 \
            and _NAME_COMMA_BEFORE.search(text, max(0, start - 40), start):
        return end
    return None


def plural_symbol(surface: str, table) -> tuple[str, UnitName | None]:
    """ "20yrs", "6.2secs", "45 mins": a lower-case abbreviation of two letters or more with a
    plural "s" is that abbreviation (not one that is also a word or a letter: "5pts" is points,
    not pints).  Returns the singular surface and its unit, or the surface and None."""
    stem = surface[:-1]
    if len(stem) >= 2 and surface.endswith("s") and (stem.islower() or stem.isupper()) \
            and stem not in AMBIGUOUS_SYMBOLS:  # "RPMs", "MPHs": capitals take a lower-case plural "s"
        unit = table.get(stem)
        if unit is not None and unit.symbol:
            return stem, unit
    return surface, None


def capitalised_symbol(surface: str, is_word) -> bool:
    """ "300 Km", "20 Kg": a lower-case symbol of two letters or more written with a capital first
    letter (as at the start of a word) is still that symbol, when the catalogue has no symbol of
    its own in that case ("Mm" is the megametre) and the lower-case letters are no English word
    ("5 In" is no inch).  ``is_word``: the dictionary's test for a word."""
    lower = surface.lower()
    return len(surface) >= 2 and surface[0].isupper() and surface[1:].islower() \
        and lower not in AMBIGUOUS_SYMBOLS and not is_word(lower)


def closing_quote(surface: str, written: bool) -> bool:
    """ '"one hundred and two" at the time': a quote mark after a spelt-out number closes
    a quotation; it is no inch or second sign."""
    return written and surface in ('"', "''", "”", "″")


def accept_unit(surface: str, after: str, glued: bool, unit: UnitName) -> bool:
    """True when no correction refuses this unit reading."""
    return not any(check(surface, after, glued, unit) for check in UNIT_CHECKS)


def pounds_unit(before: str, sentence: str) -> str:
    """ "pounds" is sterling after "£" or in a money sentence, else the mass unit."""
    if before.rstrip().endswith("£") or MONEY_CONTEXT.search(sentence):
        return "GBP"
    return "pound"


_MAY_BE_MASKED = re.compile(r"[:/@#]|www\.|[A-Z]{2}|\.(?:com|org|net|gov|edu|io|co|uk|ly|be)\b")


# Telephone numbers: "(212) 555-0190", "212-555-0190", "1-800-555-0190", "212.555.0190", "+44 20 7946 0018"
# (an area code in brackets or three groups of digits; a bare "555-0190" could be a range); and
# statute or plan identifiers with a bracketed letter: "401(k)", "501(c)(3)".
PHONE_RE = re.compile(r"(?<![\w.,-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{1,4}[.-]){0,2}\d{3}[.-]\d{4}(?![\w.,-]?\d)"
                      r"|(?<![\w.,-])\+\d{1,3}(?: \d{2,4}){2,4}(?![\w.,-]?\d)"
                      r"|\b\d+(?:\([a-z]\))+(?:\(\d+\))*")
# "\d[.-]\d{4}|\+\d|\d\([a-z]\)", written to open with one character set (a digit or "+"),
# so re skips in its C loop the characters no hint starts with: the alternation first made
# it try every offset of every text (3% of the extraction time, measured)
_PHONE_HINT = re.compile(r"[\d+](?:(?<=\d)(?:[.-]\d{4}|\([a-z]\))|(?<=\+)\d)")


# Compiled (numcheck/compiled.py), the hint is a loop over the characters typed by
# corrections.pxd, as scan.py's scan is and for the same reason (the hint's search over every
# text was a thirtieth of the compiled extraction, callgrind); as source, the regex.
COMPILED = not __file__.endswith(".py")


def _has_phone_hint(text: str, start: int, stop: int) -> bool:
    """Whether ``_PHONE_HINT`` starts in ``text[start:stop]``: a digit before "." or "-" and four
    digits, a digit before a bracketed lower-case letter, or "+" before a digit (``\\d`` is
    str.isdecimal, as in re)."""
    n = len(text)
    for i in range(start, min(stop, n - 1)):
        c = text[i]
        if c == "+":
            if text[i + 1].isdecimal():
                return True
        elif "0" <= c <= "9" or (c > "\x7f" and c.isdecimal()):  # ASCII first (see scan.py)
            d = text[i + 1]
            if (d == "." or d == "-") and i + 5 < n and text[i + 2].isdecimal() and text[i + 3].isdecimal() \
                    and text[i + 4].isdecimal() and text[i + 5].isdecimal():
                return True
            if d == "(" and i + 3 < n and "a" <= text[i + 2] <= "z" and text[i + 3] == ")":
                return True
    return False


def _hint_near(text: str, near: list[int] | None) -> bool:
    """Whether a phone hint starts in the words holding the offsets ``near`` (digits, and the
    character before each, a "+"), or anywhere when ``near`` is None.  A hint is a run of
    characters with no blank, so the words of the text's digits are all that can hold one:
    testing them, not every character of every text, was a hundredth of the extraction
    (callgrind)."""
    text = str(text)  # str(): see scan.scan
    if near is None:
        return _has_phone_hint(text, 0, len(text)) if COMPILED else _PHONE_HINT.search(text) is not None
    done = 0
    for pos in near:
        if pos < done:
            continue
        space, newline = text.find(" ", pos), text.find("\n", pos)
        if space < 0:  # the word ends at the first blank found, as in find_masked
            end = newline if newline >= 0 else len(text)
        else:
            end = space if newline < 0 else min(space, newline)
        a = max(done, pos - 1)
        if _has_phone_hint(text, a, end) if COMPILED else _PHONE_HINT.search(text, a, end) is not None:
            return True
        done = end
    return False


def find_phone_numbers(text: str, near: list[int] | None = None) -> list[tuple[int, int]]:
    """Spans of telephone numbers and bracketed-letter identifiers, whose digits are not figures
    (``near``: the offsets of the text's digits, as :func:`find_masked` takes them).

    A bare "555-0190" is kept out: without an area code it is as likely a range ("300-1200").

    >>> t = "Call (212) 555-0190 or 1-800-555-0134 about the 401(k) plan; 300-1200 staff."
    >>> [t[a:b] for a, b in find_phone_numbers(t)]
    ['(212) 555-0190', '1-800-555-0134', '401(k)']
    >>> find_phone_numbers(t, [6, 11, 15, 23, 25, 29, 33, 48, 61, 65]) == find_phone_numbers(t)
    True
    """
    if not _hint_near(text, near):
        return []
    spans = []
    for m in PHONE_RE.finditer(text):
        s = m.group(0)
        if s[0] == "(" or s[0] == "+" or s.count("-") + s.count(".") >= 2 or "(" in s:
            spans.append(m.span())
    return spans


def find_masked(text: str, near: list[int] | None = None) -> list[tuple[int, int]]:
    """Spans of links, handles, addresses and identifiers whose digits are not figures.

    With ``near`` (offsets of digits), only the whitespace-delimited words holding
    them are tested, which is all that matters and far cheaper than a full scan.

    >>> t = "See https://x.com/a/123 and @user42 for 5 facts"
    >>> [t[a:b] for a, b in find_masked(t)]
    ['https://x.com/a/123', '@user42']
    """
    phones = find_phone_numbers(text, near)
    if near is None:
        return [(m.start(), m.end()) for m in MASK_RE.finditer(text)] + phones
    spans: list[tuple[int, int]] = []
    for pos in near:
        if spans and pos < spans[-1][1]:
            continue
        a = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
        space, newline = text.find(" ", pos), text.find("\n", pos)  # the word ends at the first found
        if space < 0:
            b = newline if newline >= 0 else len(text)
        else:
            b = space if newline < 0 else min(space, newline)
        if not _MAY_BE_MASKED.search(text, a, b):  # the word text[a:b] (the pattern looks at nothing beside it)
            continue  # plain digits: the regex would only backtrack through them
        for m in MASK_RE.finditer(text, a, b):
            if m.start() <= pos < m.end():
                spans.append((m.start(), m.end()))
    return spans + phones
