"""Measure labels: "children separated", "funding shortfall, 2019", "date: policy announced".

:func:`label_for` reads a measure's claims through :class:`_Rows` (plain column lists).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .. import schema as S
from ..records import Change, Kind


class _Rows:
    """The claims of one measure, column by column (what label_for and _unit read)."""

    def __init__(self, columns: dict[str, list], members: list[int]) -> None:
        self._columns, self._members = columns, members
        self.shared: tuple[str, ...] | None = None  # _shared_context, once per measure

    def __getitem__(self, column: str) -> list:
        values = self._columns[column]
        return [values[i] for i in self._members]

    def __len__(self) -> int:
        return len(self._members)

    def first(self, column: str):
        return self._columns[column][self._members[0]]


def _unit(rows: "_Rows") -> str:
    unit = rows.first(S.UNIT)
    return _canonical(unit) if unit and unit not in ("count", "percent") else unit


@lru_cache(maxsize=4096)
def _canonical(unit: str) -> str:
    """units.canonical_unit, once per unit string (it asks pint, and was most of _unit)."""
    from ..units import canonical_unit

    return canonical_unit(unit)


def _shared_context(rows: "_Rows") -> tuple[str, ...]:
    if rows.shared is None:
        contexts = rows[S.CONTEXT]
        if len(contexts) == 1:  # most measures have one claim
            rows.shared = tuple(sorted(set(contexts[0].split())))
        else:
            # each distinct context once: the claims of a measure mostly share theirs (it is
            # part of the key but for dates), and a large measure split it once per claim
            shared: set[str] | None = None
            for c in dict.fromkeys(contexts):
                if c:
                    shared = set(c.split()) if shared is None else shared.intersection(c.split())
                    if not shared:
                        break  # empty it stays: the other contexts need not be split
            rows.shared = tuple(sorted(shared)) if shared else ()
    return rows.shared


def label_for(rows: "_Rows", scope: str = "") -> str:
    """A readable label: "children separated", "funding shortfall, 2019", "date: policy announced"."""
    kind = rows.first(S.KIND)
    words = _shared_context(rows) or tuple(rows.first(S.CONTEXT).split())
    owners = [w[3:] for w in words if w.startswith("of:")]  # "parents of 628 children"
    events = [_participle(e) for e in words if not e.startswith("of:")]
    if kind in _DATED:
        shared = _shared_noun(rows[S.MODIFIERS])
        what = " ".join(shared + events[:2]) or rows.first(S.SURFACE)
        return f"date: {what}"
    noun = rows.first(S.NOUN)
    head = (_plural(noun) if kind == _COUNT else noun) if noun else _NOUNLESS.get(kind, "figure")
    if owners:
        head = f"{_plural(owners[0])} of {head}"
    label = " ".join([head] + events[:3])
    return f"{label}, {scope}" if scope else label


# the kinds as plain strings, looked up once: reading ``Kind.DATE`` goes through the Enum
# class's attribute machinery, and these tests run once per claim (a StrEnum member equals
# and hashes as its value, so the answers are the same)
_DATED = frozenset({Kind.DATE.value, Kind.YEAR.value})
_DATE = Kind.DATE.value
_COUNT = Kind.COUNT.value
_LEVEL = Change.NONE.value  # the change column of a level
_KINDS = {k.value: k for k in Kind}  # Kind(value) without Enum.__call__, once per measure


def _shared_noun(modifiers: list[str]) -> list[str]:
    """The commonest noun of a date measure's sentences (the first of the commonest), when
    every claim has it or there is one claim.  Most date measures have one claim whose words
    differ: its first word, without counting (a Counter per measure was a fifth of _assign)."""
    if len(modifiers) == 1:
        words = modifiers[0].split()
        if len(set(words)) == len(words):
            return words[:1]
    nouns = Counter(w for m in modifiers for w in m.split())
    return [w for w, c in nouns.most_common(1) if c == len(modifiers) or len(modifiers) == 1]


_NOUNLESS = {"money": "amount", "percent": "share", "duration": "duration", "measure": "quantity",
             "ordinal": "rank"}


@lru_cache(maxsize=16384)
def _participle(lemma: str) -> str:
    from lemminflect import getInflection

    if " " in lemma or lemma.endswith("ing"):
        return lemma
    forms = getInflection(lemma, tag="VBN")
    return forms[0] if forms else lemma


# lemminflect's first plural of "person" is the formal "persons"; news writes "people"
_USUAL_PLURAL = {"person": "people"}


@lru_cache(maxsize=16384)
def _plural(noun: str) -> str:
    """The plural of a noun phrase's head, for labels.

    >>> _plural("child"), _plural("hospital bed"), _plural("person")
    ('children', 'hospital beds', 'people')
    """
    from lemminflect import getInflection

    *mods, head = noun.split()
    forms = (_USUAL_PLURAL[head],) if head in _USUAL_PLURAL else getInflection(head, tag="NNS")
    return " ".join(mods + [forms[0] if forms else head])
