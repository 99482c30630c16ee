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
    not_figure_phrases: tuple[str, ...] = ()  # the phrases of ``not_figures``, longest first


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
        not_figures=_phrase_pattern(phrases),
        not_figure_phrases=tuple(phrases),
    )


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    """Any of ``phrases`` (longest first), as a whole-word match, ignoring case.

    ASCII phrases are written as a trie (:func:`.scan.trie_pattern`, lower-cased, as the
    match ignores case): the flat alternation tried all ~50 phrases at every word start
    around a figure, 5% of the extraction's instructions (callgrind).  At a start the
    trie takes the longest phrase that matches and ends a word, as the flat alternation
    sorted longest first does (tests/test_fast_paths.py compares the two).
    """
    from .scan import trie_pattern

    if all(p.isascii() for p in phrases):
        body = trie_pattern(p.lower() for p in phrases)
    else:
        body = "|".join(re.escape(p) for p in phrases)
    return re.compile(r"\b(?:" + body + r")\b", re.IGNORECASE)
