"""numcheck's word lists (``data/lexicon.toml``), read once into frozen lookups."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    qualifiers_before: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest first
    qualifiers_after: tuple[tuple[str, str], ...]
    vague: dict[str, tuple[float, float]]
    change: dict[str, str]
    noun_synonyms: dict[str, str]
    event_synonyms: dict[str, str]
    light_verbs: frozenset[str]
    reporting: frozenset[str]
    part_markers: frozenset[str]
    bare_part_markers: tuple[str, ...]
    not_figures: re.Pattern
    currency_words: dict[str, str]
    label_words: frozenset[str] = frozenset()


def _pairs(table: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    pairs = [(phrase.lower(), key) for key, phrases in table.items() for phrase in phrases]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _fold(table: dict[str, list[str]]) -> dict[str, str]:
    return {syn: canon for canon, syns in table.items() for syn in syns}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = tomllib.loads((resources.files("numcheck") / "data" / "lexicon.toml").read_text("utf-8"))
    phrases = sorted(raw["not_figures"]["phrases"], key=len, reverse=True)
    return Lexicon(
        qualifiers_before=_pairs(raw["qualifiers"]),
        qualifiers_after=_pairs(raw["qualifiers_after"]),
        vague={k: (float(v[0]), float(v[1])) for k, v in raw["vague"].items()},
        change=_fold(raw["change"]),
        noun_synonyms=_fold(raw["nouns"]),
        event_synonyms=_fold(raw["events"]),
        light_verbs=frozenset(raw["light_verbs"]["words"]),
        reporting=frozenset(raw["reporting"]["words"]),
        part_markers=frozenset(raw["part_markers"]["words"]),
        bare_part_markers=tuple(raw["part_markers"]["bare"]),
        currency_words=_fold(raw["currency_words"]),
        label_words=frozenset(raw["labels"]["words"]),
        not_figures=re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE),
    )
