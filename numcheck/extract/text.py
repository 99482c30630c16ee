"""Drive a text's extraction: find its numbers, dates and vague amounts, split them by
sentence, and turn each sentence's figures into claims (:mod:`.claims`).

Split out of the package module :mod:`numcheck.extract` (whose docstring says where the
time goes) so that it is compiled with the other stages (see ``setup.py``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from ..records import Claim
from . import corrections, fractions
from .dates import DateMatch, find_dates
from .ellipsis import inherit_from_whole, inherit_gapped_change, inherit_noun_back, inherit_unit
from .figure_joins import inherit_bounds, join_and_a_half, join_cents, join_from_to, join_slash_pairs
from .figures import _figures, _not_inside, _vague_figure
from .governors import unmask_durations
from .labels import _is_label
from .lexicon import lexicon
from .nouns import AMOUNT_HEADS, STOP, is_adjish, is_nounish, is_plural, word_classes
from .numbers import NumberMatch, find_numbers
from .qualifiers import DEFAULT, Semantics, find_qualifier_before, find_vague
from .scan import CURRENCY_CODES, FRACTION_TRIGGERS, MONTH_WORDS, NUMBER_WORDS, ORDINALS, VAGUE_WORDS, scan, starts
from .claims import _Sentence
from .sentences import find_sentences
from .spans import Spans
from .truecase import truecase
from .units_after import _unit_after

# the words after a year-shaped number: "2000 people", "2000 new and used trucks"
_YEAR_NEXT_WORDS_RE = re.compile(r"\s+([A-Za-z]+)(?:,?\s+([A-Za-z]+))?(?:,?\s+([A-Za-z]+))?(?:\s+([A-Za-z]+))?")
_TIME_PREPOSITION_BEFORE_RE = re.compile(r"\b((?i:in|since|by|until|during|before|after|from|through))\s+$")
_A_TOTAL_OF_RE = re.compile(r"\b[Aa]n?\s+([A-Za-z]+)\s+of\s+$")
_YEAR_RANGE_AFTER_RE = re.compile(r"\s*(?:-|–|to)\s*\d{3,4}\b")


_NUMBER_OPENERS = NUMBER_WORDS | ORDINALS | CURRENCY_CODES  # the words a number may start with


def extract_text(text: str, *, published: date | None = None,
                 semantics: Semantics = DEFAULT) -> list[Claim]:
    """Every figure in ``text``, in text order.  Text with no figures gives ``[]``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if text.islower() or text.isupper():  # no case at all: a feed, a transcript, a headline in capitals
        cased = truecase(text.lower())  # the same length: offsets carry over (truecase.py)
        if cased != text and len(cased) == len(text):
            return [_in_original(c, text) for c in extract_text(cased, published=published, semantics=semantics)]
    hits = scan(text)
    if not hits:
        return []
    digits = starts(hits, digits=True)
    masked = corrections.find_masked(text, digits)
    not_figures = unmask_durations(text, _not_figures(text, hits))  # "lasted one day" is a figure
    dates = find_dates(text, published, masked, (starts(hits, MONTH_WORDS), digits))
    blocked = Spans(not_figures)
    dates = [d for d in dates if not blocked.overlaps(d.start, d.end)]
    dates = [d for d in dates if not (d.kind == "year" and _year_is_count(text, d))]
    in_dates = Spans((d.start, d.end) for d in dates)
    numbers = find_numbers(text, masked + not_figures,
                           (starts(hits, _NUMBER_OPENERS, digits=True),
                            starts(hits, FRACTION_TRIGGERS)), dropped=in_dates)
    numbers = fractions.join_ratios(text, [n for n in numbers if not in_dates.covers(n.start)])  # "one in four"
    in_numbers = Spans((n.start, n.end) for n in numbers)
    vague = [v for v in find_vague(text, starts(hits, VAGUE_WORDS)) if not in_numbers.overlaps(v[0], v[1])]
    candidates = [n.start for n in numbers] + [d.start for d in dates] + [v[0] for v in vague]
    line, counted = 1, 0  # the line of the last sentence start, and the offset counted up to
    claims: list[Claim] = []
    sentences = find_sentences(text, candidates)
    by_sentence = _partition(sentences, numbers, dates, vague)
    for (s_start, s_end), (s_numbers, s_dates, s_vague) in zip(sentences, by_sentence):
        if not (s_numbers or s_dates or s_vague):
            continue
        # the sentences come in text order: the line breaks are counted on from the last start
        line, counted = line + text.count("\n", counted, s_start), s_start
        sentence = _Sentence(text, s_start, s_end, s_dates, line)
        figures = _not_inside(text, (f for f in _figures(text, s_numbers, s_end, semantics) if f is not None))
        figures = join_from_to(text, [f for f in figures if not _is_label(text, f, s_start)])
        if len(figures) > 1 and text.find("/", s_start, s_end) >= 0:  # one C scan: most sentences have no "/"
            figures = join_slash_pairs(text, figures)
        figures += [_vague_figure(text, v, s_end) for v in s_vague]
        earlier: list[Claim] = []
        figures = join_and_a_half(text, sorted(figures, key=lambda f: f.start), s_end, semantics)
        for fig in inherit_bounds(text, join_cents(text, figures), semantics):
            claim = sentence.claim_for_figure(fig)
            if claim is not None:
                # a number in words takes a unit only with a scale ("$4 million in 2018 and six million in 2019")
                earlier.append(inherit_unit(claim, earlier) if not fig.written or claim.value >= 1000
                               else inherit_noun_back(claim, earlier))
        claims += inherit_gapped_change(text, inherit_from_whole(text, earlier)) if len(earlier) > 1 else earlier
        for d in s_dates:
            claims.append(sentence.claim_for_date(d))
    return sorted(claims, key=lambda c: c.start)


def _in_original(claim: Claim, text: str) -> Claim:
    """A claim read from a truecased copy of ``text``, with the original's surface and sentence."""
    return replace(claim, surface=text[claim.start:claim.end],
                   sentence=text[claim.sentence_start:claim.sentence_start + len(claim.sentence)])


def _partition(sentences: list[tuple[int, int]], *groups) -> list[tuple[list, ...]]:
    """Each group's items (sorted by start) split by sentence, in one pass per group."""
    starts = [a for a, _ in sentences]
    # one list per sentence and group, grouped into tuples by zip in C (a generator building each
    # sentence's tuple was most of this, profiled: most sentences hold nothing)
    columns = [[[] for _ in sentences] for _ in groups]
    for column, items in zip(columns, groups):
        for x in items:
            at = _start(x)
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < sentences[i][1]:
                column[i].append(x)
    return list(zip(*columns)) if groups else [() for _ in sentences]


def _not_figures(text: str, hits) -> list[tuple[int, int]]:
    """Spans of fixed phrases ("zero tolerance", "one of") near the hits: the matches of the
    phrase pattern in the window ``[h - 16, h + 24)`` around each hit h that cover it."""
    pattern, spans = lexicon().not_figures, []
    gate = _not_figure_gate()
    for h in hits:
        if gate is not None and not _may_be_in_phrase(text, h, gate):
            continue  # no phrase can cover this hit: skip the search (most hits: "3,000", "May")
        lo, hi, at = max(0, h.start - 16), h.start + 24, -1
        # the window's matches as finditer finds them (leftmost, each after the last), up to
        # those that start after the hit, which cover no hit: a phrase opens a word ("\b" and a
        # letter or digit), so the pattern is matched only where a word starts, not searched
        # for from every offset of the window (profiled: that search was two thirds of this)
        for word in _WORD_START_RE.finditer(text, lo, h.start + 1):
            if word.start() < at:
                continue
            m = pattern.match(text, word.start(), hi)
            if m is not None:
                at = m.end()
                if h.start < m.end() and (m.start(), m.end()) not in spans:
                    spans.append((m.start(), m.end()))
    return spans


_WORD_START_RE = re.compile(r"\b\w")


@lru_cache(maxsize=1)
def _not_figure_gate() -> tuple[frozenset[str], str] | None:
    """What a hit must be for a not-figure phrase to cover it: (the substrings of the
    phrases' letter and digit runs, the other characters of the phrases); None (no gate)
    when the phrases are not plain ASCII.

    Why (profiled): searching the phrase regex around every hit was a tenth of the
    extraction time, and nearly every hit ("3,000", "May", "twenty") is in no phrase.
    A phrase match that covers a hit holds the hit's whole word (the phrase ends at
    ``\b``, and the hit's word is a maximal run of ASCII letters or digits), so that
    word, lower-cased, is a substring of one of the phrase's words; a currency-sign hit
    needs the sign in a phrase.  Hits that fail this cannot be covered, and skipping
    them leaves the spans unchanged.
    """
    source = "|".join(lexicon().not_figure_phrases).lower()
    if not source.isascii():
        return None
    runs = re.findall(r"[a-z]+|\d+", source)
    pieces = frozenset(run[i:j] for run in runs for i in range(len(run)) for j in range(i + 1, len(run) + 1))
    return pieces, re.sub(r"[a-z\d]", "", source)


_DIGIT_RUN_RE = re.compile(r"\d+")


def _may_be_in_phrase(text: str, hit, gate: tuple[frozenset[str], str]) -> bool:
    pieces, others = gate
    if hit.word[0].isalpha():
        return hit.word in pieces
    if not text[hit.start].isdigit():
        return text[hit.start] in others  # "$5": the sign
    digits = _DIGIT_RUN_RE.match(text, hit.start)
    return digits is None or digits.group() in pieces


def _start(x) -> int:
    return x[0] if isinstance(x, tuple) else x.start


def _head_after_adjectives(words: list[str]) -> str | None:
    """The first word after the adjectives (and the "and"/"or" between them) of ``words``: the
    noun a number before them counts ("new and used trucks": trucks), or None."""
    for k, word in enumerate(words):
        lower = word.lower()
        if lower in ("and", "or") and k > 0:
            continue
        if lower in STOP or not word.isalpha():
            return None
        if is_adjish(word) and not is_plural(word) and k + 1 < len(words):
            continue  # "new", "used", "young" (the dictionary files some as nouns too)
        return word
    return None


_NO_UNIT_AFTER = frozenset(",.;:)]!?\"'’”")
_WORD_AFTER_RE = re.compile(r" ([A-Za-z]+)")


def _unit_may_follow(text: str, end: int) -> bool:
    """False when what follows a year-shaped number can be no unit: a stop ("in 2019,"), the
    text's end, or a function word ("in 2019 the"); the unit reader is the costliest test of a
    year (most years are followed so: callgrind)."""
    if end >= len(text) or text[end] in _NO_UNIT_AFTER:
        return False
    word = _WORD_AFTER_RE.match(text, end)
    return word is None or word.group(1).lower() not in STOP


def _year_is_count(text: str, d: DateMatch) -> bool:
    """ "2000 people": a year-shaped number followed by a plural noun is a count; "1900 km",
    "1850 kg": followed by a unit, a measure."""
    span = _YEAR_RANGE_AFTER_RE.match(text[d.end:d.end + 10])
    if span is not None and d.iso.isdigit():  # "1200 - 1500 steps", not "2018-2020" or "in 2011 to 31 mpg"
        return _year_is_count(text, replace(d, end=d.end + span.end()))
    if d.iso.isdigit() and d.surface.isdigit() and _unit_may_follow(text, d.end):
        number = NumberMatch(d.start, d.end, d.surface, float(d.surface), 1.0, plain_digits=d.surface)
        if _unit_after(text, number, min(len(text), d.end + 60))[0] in ("measure", "money"):
            return True
    head = _A_TOTAL_OF_RE.search(text, max(0, d.start - 24), d.start) if text.endswith("of ", 0, d.start) else None
    if head is not None and head.group(1).lower() in AMOUNT_HEADS:
        return True  # "a total of 1800", "an average of 2000": an amount, no year
    m = _YEAR_NEXT_WORDS_RE.match(text, d.end)
    if not m:
        return False
    words = [w for w in m.groups() if w]
    word = _head_after_adjectives(words)
    if word is None or not (is_nounish(word) and is_plural(word)):
        return False
    time = _TIME_PREPOSITION_BEFORE_RE.search(text, max(0, d.start - 10), d.start)
    if time is not None and time.group(1)[0].isupper():
        return False  # "In 2020 businesses closed": a sentence opens with the year
    if word is not words[0]:  # after adjectives a word is a noun ("2000 new and used trucks")...
        return time is None  # ...unless a preposition of time is before: "in 2020 small businesses closed"
    # "in 2019 costs rose": a plural that is also a verb follows a year, unless a qualifier
    # says the number is an amount ("some 2000 people")
    return "VERB" not in word_classes(word) or find_qualifier_before(text[max(0, d.start - 40):d.start]) is not None
