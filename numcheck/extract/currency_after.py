"""The currency of a figure from the words around its number: the letters before it ("NT$5",
"SEK 2 billion", "Rmb5bn") and the currency words or CLDR names after it ("4 billion rupees",
"2.5 million Swedish crowns", "3 million Hong Kong dollars", "168 U.S. dollars").

Split out of :mod:`.units_after`, whose :func:`.units_after._unit_after` asks these first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..currencies import dollar_prefix_code
from ..units import currency_code
from .lexicon import lexicon
from .nouns import STOP, is_adjish, is_nounish, word_classes
from .number_context import names_a_version
from .numbers import NumberMatch


# letters written before a number: a country's against a dollar sign ("NT$5"), or an ISO code
_LETTERS_BEFORE_RE = re.compile(r"(?<![A-Za-z])([A-Z]{2})$|(?<![A-Za-z])([A-Z]{3} ?|[A-Z][a-z]{2})$")


def _currency_before(text: str, n: NumberMatch) -> str:
    """The currency of a number from what is written before it: its own sign ("$", "HK$", "EUR"),
    a country's letters against a "$" the number reader does not know ("NT$", "AU$",
    :func:`numcheck.currencies.dollar_prefix_code`), or an ISO 4217 code numcheck's registry
    defines ("SEK 2 billion", "CHF 40", glued: "Rmb5bn"); "" when none."""
    if n.currency and (n.currency != "USD" or n.surface[:1] != "$"):
        return n.currency
    if not (n.currency or n.surface[:1].isdigit()):
        return ""
    m = _LETTERS_BEFORE_RE.search(text, max(0, n.start - 4), n.start)
    if m is None:
        return n.currency
    if m.group(1) and n.currency:
        code = dollar_prefix_code(m.group(1))
        return code if code and currency_code(code, True) else n.currency
    if m.group(2) and not n.currency:
        if names_a_version(text, n):
            return ""  # "PHP 8.2": a name and its version
        word = m.group(2).strip()
        # a code that is also an English word ("TRY 3 TIMES A DAY", "CAD", "RUB") is left alone, as
        # number_context.code_before leaves it
        return "" if word_classes(word.lower()) else (currency_code(word, True) or "")
    return n.currency


_CURRENCY_WORD_RE = re.compile(r"\s?((?:[A-Za-z]+\s)?[A-Za-z]+)\b")


def _currency_word(after: str, scaled: bool = False) -> tuple[str, int] | None:
    """ "4 billion rupees", "2.5 million Swedish crowns", "19 cents" -> (ISO code, length).
    A country's initials written with dots are read as without them ("168 U.S. dollars")."""
    if after[2:3] == "." and after[:1] == " " and (dotted := _DOTTED_RE.match(after)) is not None:
        initials = dotted.group(1)
        found = _currency_word(" " + initials.replace(".", "") + after[dotted.end():], scaled)
        if found is not None and found[1] > len(initials.replace(".", "")) + 1:
            return found[0], found[1] + initials.count(".")
        return None
    words = lexicon().currency_words
    # the words both readings below take are among the first three words after the figure
    # (_CURRENCY_NAME_RE's); most figures have no currency word there, and one set test skips them
    named = _CURRENCY_NAME_RE.match(after)
    if named is None or _currency_words_gate().isdisjoint(map(str.lower, filter(None, named.groups()))):
        return None
    m = _CURRENCY_WORD_RE.match(after)
    if m is None:
        return None
    phrase = m.group(1).lower()
    for candidate, length in ((phrase, m.end()), (phrase.split()[0], m.start(1) + len(phrase.split()[0]))):
        if candidate in words:
            return words[candidate], length
    return _named_currency(after, scaled)


_CURRENCY_NAME_RE = re.compile(r"\s?([A-Za-z]+)(?:\s([A-Za-z]+))?(?:\s([A-Za-z]+))?")
_DOTTED_RE = re.compile(r" ((?:[A-Z]\.){2,})(?= )")  # " U.S. ": initials with dots before a currency name


@lru_cache(maxsize=1)
def _currency_words_gate() -> frozenset[str]:
    """Every lower-case word a currency phrase of _currency_word can hold: the words of the
    lexicon's currency words and of the CLDR currency names (_named_currency)."""
    from ..currencies import cldr_words

    return frozenset(w.lower() for phrase in lexicon().currency_words for w in phrase.split()) | cldr_words()


def _phrase_ends(words: list[str]) -> bool:
    """True when no lower-case noun or adjective follows the first word ("45 billion won in
    fines"), which would make it a modifier ("3 million real estate loans")."""
    nxt = words[1] if len(words) > 1 else ""
    return not (nxt.islower() and nxt not in STOP and (is_nounish(nxt) or is_adjish(nxt)))


def _named_currency(after: str, scaled: bool = False) -> tuple[str, int] | None:
    """ "3 million Hong Kong dollars", "2 billion naira": a currency named as CLDR names it
    (:func:`numcheck.currencies.currency_code`), longest name first, when numcheck's registry
    defines the code.  A single word is read only when it is no English word ("naira",
    "rupiah"): "won", "real" and "rand" are words first, but not after a scale word ("45 billion
    won": a verb or an adjective does not follow "billion", a noun does; ``scaled``)."""
    from ..currencies import cldr_words, currency_code as named_code
    from .units_after import _dimension

    m = _CURRENCY_NAME_RE.match(after)
    if m is None:
        return None
    words = [w for w in m.groups() if w]
    known = cldr_words()
    for size in range(len(words), 0, -1):
        if size == 1 and ((word_classes(words[0]) and not (scaled and _phrase_ends(words))) or not words[0].islower()):
            break
        if words[size - 1].lower() not in known:
            continue  # no currency name ends so: skip the lookups
        code = named_code(" ".join(words[:size]), quantulum3=False)
        if code and _dimension(code).startswith("[currency"):  # (imported here: units_after imports this module)
            return code, m.end(size)
    return None
