"""Things a sentence names: a proper name written before a common noun ("the Home First
order", "the Boston office", "the Senate bill").

Dates join on an event and a noun of their sentence (``grouping._date_clusters``), so "the
Home First order was announced in July" and "the Open Doors order was announced in
November" would join on (announce, order) and be reported as two dates of one event.  A
name before the noun says which order: two dates whose sentences give the same noun
different names are about different things and stay apart.  A sentence that names no
order ("the order was announced in May") still joins either.

Grammar, not a list: a determiner or possessive ("the", "a", "its", "their"...), then one
to four capitalised words, then a lower-case word the dictionary knows as a noun.  The
determiner keeps a sentence's first word and the names of people who act ("Brooks
announced") out of it.

>>> named_heads("The mayor announced the Home First order in July 2018.")
(('order', 'home first'),)
>>> named_heads("The Open Doors order was announced in November 2018 by the mayor.")
(('order', 'open doors'),)
>>> named_heads("The order was announced in May by the city's Housing Office.")
()
"""

from __future__ import annotations

import re
from functools import lru_cache

# determiners and possessive pronouns (a closed class), a name of one to four capitalised
# words, and the next word (a noun when the dictionary says so)
_NAMED_RE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+"
                       r"((?:[A-Z][\w'’.-]*\s+){1,4})([a-z][a-z-]+)\b")


@lru_cache(maxsize=65536)
def named_heads(sentence: str) -> tuple[tuple[str, str], ...]:
    """(noun lemma, name) for each common noun the sentence writes after a proper name."""
    from ..extract.nouns import is_nounish, noun_lemma

    found = []
    for m in _NAMED_RE.finditer(sentence):
        name, noun = m.group(1).split(), m.group(2)
        if is_nounish(noun):
            found.append((noun_lemma(noun), " ".join(w.lower() for w in name)))
    return tuple(found)


def conflict(a: dict[str, str], b: dict[str, str]) -> bool:
    """True when the two give one noun different names."""
    if len(b) < len(a):
        a, b = b, a
    return any(b.get(noun, name) != name for noun, name in a.items())
