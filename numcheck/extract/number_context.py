"""What stands around a number and changes how :func:`.numbers.find_numbers` reads it: an ISO
currency code before it ("CHF 1.2 billion"), the currency of the range it closes ("€2-3m"), a
vague quantifier before "dozen" ("a few dozen").

Split out of :mod:`.numbers` (the number reader itself); each reading runs only where its
cheap first test (a capital letter before the digits, a glued scale letter, the word "dozen")
holds, so plain numbers pay one character test.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .numbers import NumberMatch


_SCALE_RANGE_JOIN_RE = re.compile(r"\s*(?:-|–|—|to|(and))\s*$", re.IGNORECASE)
_VAGUE_QUANTIFIER_END_RE = re.compile(r"\b(?:few|several|many|couple(?:\s+of)?)\s+$", re.IGNORECASE)


def quantified_dozen(text: str, nm: NumberMatch) -> bool:
    """True for a bare "dozen" after a vague quantifier ("a few dozen", "several dozen", "a couple
    of dozen"): that is no 12 but a vague multiple of twelve, which numcheck does not read (as it
    reads no "several hundred" or "a few thousand": a scale word alone is no number).

    >>> from numcheck.extract.numbers import find_numbers
    >>> [m.surface for m in find_numbers("A few dozen homes and a dozen shops")]
    ['a dozen']
    """
    return nm.surface.lower() == "dozen" and \
        _VAGUE_QUANTIFIER_END_RE.search(text, max(0, nm.start - 12), nm.start) is not None


def range_currency(text: str, found: list[NumberMatch], start: int) -> str:
    """The currency of the number right before ``start`` when the two are joined as a range
    ("€2-3m", "$4 to 5bn"), else "".  A glued "m", "b" or "T" after a number without a currency
    sign is read as metres, bytes or tesla; after an amount in a range it is the same scale the
    writer left off the first number (the range reader then scales both ends).

    >>> from numcheck.extract.numbers import find_numbers
    >>> [n.surface for n in find_numbers("Repairs will cost €2-3m.")]
    ['€2', '3m']
    """
    if not found or not found[-1].currency:
        return ""
    join = _SCALE_RANGE_JOIN_RE.match(text[found[-1].end:start])
    if join is None or (join.group(1) and not text[max(0, found[-1].start - 8):found[-1].start].lower()
                        .rstrip().endswith("between")):
        return ""  # "and" joins a range only after "between" ("$5 and 6m away" is two figures)
    return found[-1].currency


def code_before(text: str, pos: int) -> tuple[str, int] | None:
    """(currency, start) when an ISO 4217 code in capitals stands right before the digits at
    ``pos``, spaced or glued ("CHF 1.2 billion", "SGD2m", "INR 500 crore"), else None.

    General: any code numcheck's currency registry defines (:func:`numcheck.units.currency_code`),
    not a list of favourites (the number regex itself knows only USD, EUR and GBP); a code that
    is also an English word ("TRY", "CAD", "RUB") is left alone, as the unit reader after a
    number does ("20 usd"), because a headline in capitals would read "TRY 3 TIMES" as money.
    Only a capital letter right before the digits or before one space is looked at, so plain
    numbers cost one character test.

    >>> code_before("raised CHF 1.2 billion", 11), code_before("raised CHF1.2bn", 10)
    (('CHF', 7), ('CHF', 7))
    >>> code_before("the NFL 2 titles", 8), code_before("TRY 3 TIMES", 4), code_before("rub 5", 4)
    (None, None, None)
    """
    end = pos - 1 if pos >= 1 and text[pos - 1] == " " else pos
    if end < 3 or not text[end - 1].isupper():
        return None
    word = text[end - 3:end]
    if not word.isupper() or not word.isalpha() or (end > 3 and text[end - 4].isalnum()):
        return None
    code = _currency_code_word(word)
    return (code, end - 3) if code else None


@lru_cache(maxsize=1024)
def _currency_code_word(word: str) -> str:
    """The currency an upper-case code names, "" when none or when it is also an English word
    (a pure word-level lookup, cached)."""
    from ..units import currency_code
    from .words import word_classes

    code = currency_code(word)
    return code if code and not word_classes(word.lower()) else ""


_VERSION_RE = re.compile(r"\d(?:\.\d)?")
_SECOND_BOUND_RE = re.compile(r"\s*(?:-|–|to|and|or)\s*\d")


def names_a_version(text: str, nm: NumberMatch) -> bool:
    """True for a number that, after a currency code, is a product's version, not an amount:
    one digit with at most one decimal, no scale word and no second bound after it ("PHP 8",
    "PHP 8.2"; not "CHF 2 and 3 million").  Amounts in a code are written with their cents,
    more digits or a scale ("PHP 8.50", "EUR 40", "CHF 2 billion"); none of the shape above is
    among the bench's code amounts."""
    return nm.scale == 1 and _VERSION_RE.fullmatch(nm.plain_digits) is not None \
        and _SECOND_BOUND_RE.match(text, nm.end) is None
