"""numcheck's word lists (``data/lexicon.toml``), read once into frozen lookups."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    qualifiers_before: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest first
    qualifiers_after: tuple[tuple[str, str], ...]
    vague: dict[str, tuple[float, float]]
    change: dict[str, str]  # every form of a change verb, and the particles "up"/"down" -> up | down
    noun_synonyms: dict[str, str]
    event_synonyms: dict[str, str]
    light_verbs: frozenset[str]
    reporting: frozenset[str]
    part_markers: frozenset[str]
    bare_part_markers: tuple[str, ...]
    not_figures: re.Pattern
    currency_words: dict[str, str]
    label_words: frozenset[str] = frozenset()
    change_with_by: dict[str, str] = field(default_factory=dict)  # "higher", "raised" -> up: changes only with "by"
    not_figure_phrases: tuple[str, ...] = ()  # the phrases of not_figures, longest first
    duration_verbs: frozenset[str] = frozenset()  # every form: "lasted", "took" (governors.py)
    money_verbs: frozenset[str] = frozenset()  # every form: "invested", "cost", "raised" (governors.py)
    completive_up: frozenset[str] = frozenset()  # every form: "made", "ate" (+ "up": no change; claims.py)
    surrendering_up: frozenset[str] = frozenset()  # every form: "gave" (+ "up": a fall; change_words.py)


def _pairs(table: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    pairs = [(phrase.lower(), key) for key, phrases in table.items() for phrase in phrases]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _fold(table: dict[str, list[str]]) -> dict[str, str]:
    return {syn: canon for canon, syns in table.items() for syn in syns}


def _inflected(table: dict[str, list[str]], keep_out: frozenset[str] = frozenset()) -> dict[str, str]:
    """``{direction: [base verb, ...]}`` -> every form of each verb (lemminflect) -> direction.

    A word list of inflected forms always misses some ("dove", "sank", "slides"); the
    verb's paradigm does not.  Forms in ``keep_out`` are left out (the comparative
    "lower", which is also a form of the verb "lower").

    >>> d = _inflected({"up": ["rise"], "down": ["lower"]}, frozenset({"lower"}))
    >>> sorted(d), d["rose"], "lower" in d
    (['lowered', 'lowering', 'lowers', 'rise', 'risen', 'rises', 'rising', 'rose'], 'up', False)
    """
    from lemminflect import getAllInflections

    out = {}
    for direction, verbs in table.items():
        for verb in verbs:
            forms = {verb, *(f for fs in getAllInflections(verb, upos="VERB").values() for f in fs)}
            out.update((form, direction) for form in forms if form not in keep_out)
    return out


def _with_verb_forms(phrases: dict[str, list[str]], verbs: dict[str, list[str]]) -> dict[str, list[str]]:
    """The qualifier phrases plus every form of the qualifier verbs that is not also an adjective.

    >>> _with_verb_forms({"more_than": ["over"]}, {"more_than": ["top"]})["more_than"]
    ['over', 'topped', 'topping', 'tops']
    """
    from .nouns import word_classes

    out = {name: list(words) for name, words in phrases.items()}
    for name, forms in _invert(_inflected(verbs)).items():
        out.setdefault(name, []).extend(sorted(f for f in forms if "ADJ" not in word_classes(f)
                                               and f not in out[name]))
    return out


def _invert(table: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for word, name in table.items():
        out.setdefault(name, []).append(word)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = tomllib.loads((resources.files("numcheck") / "data" / "lexicon.toml").read_text("utf-8"))
    phrases = sorted(raw["not_figures"]["phrases"], key=len, reverse=True)
    return Lexicon(
        qualifiers_before=_pairs(_with_verb_forms(raw["qualifiers"], raw["qualifier_verbs"])),
        qualifiers_after=_pairs(raw["qualifiers_after"]),
        vague={k: (float(v[0]), float(v[1])) for k, v in raw["vague"].items()},
        change=_inflected(raw["change"], frozenset(_fold(raw["change_comparatives"])))
        | _fold(raw["change_particles"]),
        change_with_by=_fold(raw["change_comparatives"]) | _inflected(raw["change_with_by"]),
        noun_synonyms=_fold(raw["nouns"]),
        event_synonyms=_fold(raw["events"]),
        light_verbs=frozenset(raw["light_verbs"]["words"]),
        reporting=frozenset(raw["reporting"]["words"]),
        part_markers=frozenset(raw["part_markers"]["words"]),
        bare_part_markers=tuple(raw["part_markers"]["bare"]),
        currency_words=_fold(raw["currency_words"]),
        label_words=frozenset(raw["labels"]["words"]),
        not_figure_phrases=tuple(phrases),
        duration_verbs=frozenset(_inflected({"": raw["duration_verbs"]["words"]})),
        money_verbs=frozenset(_inflected({"": raw["money_verbs"]["words"]})) | set(raw["money_verbs"]["other"]),
        not_figures=_phrase_pattern(phrases),
        completive_up=frozenset(_inflected({"": raw["completive_up"]["words"]})),
        surrendering_up=frozenset(_inflected({"": raw["surrendering_up"]["words"]})),
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
