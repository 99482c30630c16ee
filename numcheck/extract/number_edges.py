"""The edges of a number in running text: what is glued to it, and what a glued letter means.

Split out of :mod:`.numbers`, whose :func:`.numbers.find_numbers` asks these of every candidate
its pattern finds: whether the digits are glued into an identifier ("3Hw8_02", "Covid-19"), a
season ("2019-20"), and whether a glued "m" counts millions ("1.2m people") or metres ("a 5m wall").
"""

from __future__ import annotations

import re

from ..currencies import currency_code
from .words import STOP, is_adjish, is_nounish, is_plural

_LEADING_ZERO_RE = re.compile(r"0\d")
_LETTERS_RE = re.compile(r"[A-Za-z]+")
_WORDS_AFTER_RE = re.compile(r"\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?(?:\s+([A-Za-z]+))?")


def millions_after(text: str, end: int) -> bool:
    """A glued "m" counts millions, not metres, when "of" or a noun phrase whose head is a plural
    or a currency follows: "35m of its devices", "1.2m people", "3m real estate loans", "4m
    Norwegian kroner", "5m yuan"; "a 5m wall", "5m high", "1m is" are metres.  The dictionary
    decides (words.py), not a list of what news counts."""
    m = _WORDS_AFTER_RE.match(text, end)
    if m is None:
        return False
    if m.group(1) == "of":
        return True
    for word in m.groups():
        if word is None or word.lower() in STOP:
            return False
        if is_plural(word) or (not is_adjish(word) and currency_code(word)):
            return True
        if not (is_adjish(word) or is_nounish(word)):
            return False
    return False


_SEASON_RE = re.compile(r"((?:19|20)\d\d)[-–/]((?:19|20)?\d\d)\b")


def is_season(text: str, m: re.Match) -> bool:
    """ "the 2019-20 season", "fiscal 2023/24", "the 2026-2027 school year": a year and the
    next one (its last two digits or all four) name a span of time, not two figures."""
    at = m.start()
    # the patterns are tried only where they can match (this runs for every number in digits):
    # a season starts with "19" or "20", and its second part follows a separator
    s = _SEASON_RE.match(text, at) if text.startswith(("19", "20"), at) else None
    if s is None:
        if not (at > 0 and text[at - 1] in "-–/"):
            return False
        s = _SEASON_RE.match(text, max(0, at - 5))
        if s is None or s.start(2) != at:
            return False
    second = int(s.group(2))
    return int(s.group(1)) + 1 == second if second >= 1900 else (int(s.group(1)) + 1) % 100 == second


_NAME_HYPHEN_RE = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*-$")
_TAIL_RE = re.compile(r"[A-Za-z]*[0-9_@]?")  # compiled once: these run for every number (profiled)


def clean_edges(text: str, m: re.Match, digits: str | None, fden: str | None, cur: str | None,
                coded: bool = False) -> bool:
    """Reject numbers glued into identifiers, handles, model names and video ids.

    Letters right after digits are allowed only as a short run ("5km", "1990s"),
    which the unit reader then has to recognise; "3Hw8_02" is refused here (``digits``, ``fden``, ``cur``:
    the groups of ``m`` for digits, a fraction's denominator and a currency; ``coded``: a currency code
    is glued before it, "CHF12m").
    """
    if not (digits or fden):
        return True
    before = text[m.start() - 1] if m.start() > 0 else " "
    if not cur and not coded and (before.isalnum() or before in "_/#@"):
        return before.isalpha() and _glued_code(text, m.start())  # "Rmb5bn"; "A380", "#5" no
    if digits and _LEADING_ZERO_RE.match(digits):
        return False  # "0199", "007": a leading zero writes a code, not an amount
    if before == "-" and not cur and _NAME_HYPHEN_RE.search(text, max(0, m.start() - 12), m.start()):
        return False  # "Covid-19", "F-35", "G-20": a name with a number in it (not "sub-500", "now-18")
    after = text[m.end()] if m.end() < len(text) else " "
    # the tail pattern is matched only where a letter, digit, "_" or "@" follows (most numbers are
    # followed by a space or a mark, and this runs for every number: profiled)
    tail = _TAIL_RE.match(text, m.end(), m.end() + 8).group(0) if after.isalnum() or after in "_@" else ""
    if tail and (tail[-1].isdigit() or tail[-1] in "_@" or len(tail) > 4):
        # "32m2", "5km2", "10cm3": a unit symbol with its power is a unit, not an identifier
        if not (tail[-1] in "23" and 1 <= len(tail) - 1 <= 2 and tail[:-1].isalpha()):
            return False
    if after == "/" and m.end() + 1 < len(text) and text[m.end() + 1].isalnum():
        return _unit_word_at(text, m.end() + 1)  # "24/7" no; "$15/hour", "3 km/h" yes
    return True


_GLUED_CODE_RE = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]{2}$")


def _glued_code(text: str, pos: int) -> bool:
    """True when a currency code numcheck's registry defines is glued to the digits at ``pos``
    ("Rmb5bn", as some papers write the renminbi): the letters are the amount's currency
    (currency_after._currency_before reads it), not an identifier's."""
    from ..units import currency_code

    m = _GLUED_CODE_RE.search(text, max(0, pos - 4), pos)
    return m is not None and currency_code(m.group(0), True) is not None


def _unit_word_at(text: str, pos: int) -> bool:
    """True when a unit name or symbol of numcheck's catalogue starts at ``pos``."""
    from ..units import unit_surfaces

    m = _LETTERS_RE.match(text[pos:pos + 20])
    table = unit_surfaces()
    word = m.group(0) if m is not None else ""
    # "MMBtu": a million of a unit, as the energy trade writes it (units_after._scaled_unit)
    return bool(word) and (word in table or word.lower() in table or (word[:2] in ("MM", "mm") and word[2:] in table))
