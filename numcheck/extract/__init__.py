"""Extract every figure of a text into claims.

``extract_text(text)`` returns :class:`numcheck.Claim` records;
``extract(inputs)`` loads documents (:mod:`numcheck.corpus`) and returns the
claims DataFrame (columns: :mod:`numcheck.schema`).

Per sentence: numbers (:mod:`.numbers`), dates and years (:mod:`.dates`) and
vague amounts are found first; each figure then takes the qualifier before or
after it (:mod:`.qualifiers`), a unit from quantulum3's catalogue mapped to
pint (:mod:`numcheck.units`, refusals in :mod:`.corrections`), what it counts
and the events around it (:mod:`.nouns`), and a time and place scope.

>>> [(c.surface, c.kind.value, c.noun, c.qualifier.value, str(c.interval))
...  for c in extract_text("The policy separated nearly 3,000 children.")]
[('nearly 3,000', 'count', 'child', 'nearly', '[2,700, 3,000)')]

Where the time goes (``numcheck bench``'s texts, 1 MB, CPU time inclusive of callees,
measured with timers at the call sites, 2026-11-23): turning figures into claims 28%
(the subject phrase 8%, the context events 5%, the counted noun 3%, building the
Claim records 3%), setting up each sentence with a figure 12% (tokenising 7%),
reading numbers 12%, date claims 8%, the scan for where figures start 5%, dates and
sentence ends 3% each, not-figure phrases 2%.  Most of it is Python bytecode spread
over many small steps per figure; the regex engine is under a fifth of the
instructions (callgrind: 18%; searches that tried a pattern at every offset, such as
the prefix, "X said", phrase and sentence-end searches, were a tenth more before they
were gated or reshaped).  The fast paths that skip work (the scan, the gates before
the prefix, season, phrase and "X said" searches, the lazy subject patterns) each say
at their site why they give the same result, and tests/test_fast_paths.py checks
them against the plain code.

Why the figures of a sentence are not read in one shared pass (measured 2026-11-23 on the
same texts): a sentence that yields claims yields 1.35 of them on average (58 claims in 42
sentences), and the noun, subject and context readings look at a few tokens around their
figure, so reading every token of the sentence once for all its figures would do more work,
not less; what the figures of a sentence do share (tokens, clauses, the events of a clause,
attribution and place) is already built once per sentence.  What is left is spread thin:
under callgrind the extraction of 0.3 MB of these texts is about 1,300M instructions, a
fifth of them in the regex engine (the cyclic garbage collector, 5% of a first pass, is
negligible once the word caches are warm, as in ``numcheck bench``).  Of the numbers the
number regex matches, 44% lie inside dates, which drop them: the plain ones that touch no
fraction are no longer read (number_gates.unread_in_dropped says why that is exact).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from datetime import date

from ..records import Change, Claim, Interval, Kind, Qualifier, slot_init
from ..units import UnitName, currency_code, dimension_of, unit_surfaces
from . import corrections, unitexpr
from .dates import MONTHS as MONTHS_LOWER, DateMatch, find_dates
from .ellipsis import inherit_from_whole, inherit_unit
from .governors import money_governs, unmask_durations
from .lexicon import lexicon
from .nouns import (STOP, ClauseIndex, Token, context_for, event_lemma, is_nounish, is_plural, noun_before,
                    noun_lemma, noun_span_after, tokenize, word_classes)
from .subjects import subject_for
from .numbers import SCALE_WORDS, NumberMatch, ORDINAL_WORDS, find_numbers
from .qualifiers import DEFAULT, Semantics, find_qualifier_after, find_qualifier_before, find_vague, interval_for
from .scan import (CURRENCY_CODES, FRACTION_TRIGGERS, MONTH_WORDS, NUMBER_WORDS, ORDINALS, VAGUE_WORDS, scan,
                   starts)
from .sentences import find_sentences
from .spans import Spans

__all__ = ["extract", "extract_text", "Semantics"]

_PERCENT_RE = re.compile(r"^\s?(%|percent\b|per\s?cent\b|pct\b|percentage points?\b|points?\b(?= of\b))|^pc\b",
                         re.IGNORECASE)
_CLOCK_RE = re.compile(r"^\s?(?:[ap]\.?m\b\.?|o['’]\s?clock\b)", re.IGNORECASE)  # "5 p.m.", "7 o'clock"
_ORDINAL_RE = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\b", re.IGNORECASE)
_PART_NAME_RE = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3})(?:" + "|".join(sorted(lexicon().part_markers))
                           + r")\b")
_PART_IN_RE = re.compile(r"\b(?:" + "|".join(sorted(lexicon().part_markers))
                         + r")\s+(?:program\s+|programme\s+)?in\s+((?:[A-Z][a-z]+\s?){1,3})")
_ATTRIBUTION_WORDS = frozenset(lexicon().reporting) | {"according", "per", "citing", "data", "figures",
                                                       "numbers", "statistics", "records", ")"}
_PART_WORDS = frozenset(lexicon().part_markers) | {w.split()[0] for w in lexicon().bare_part_markers} | {"alone"}
# "in Kelmor alone", "California alone": a name before "alone" limits the figure to that part
_ALONE_RE = re.compile(r"\b((?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+) alone\b")
_NOT_PLACES = frozenset({"He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "The"})
_BARE_PART_RE = re.compile(r"\b(" + "|".join(sorted(lexicon().bare_part_markers, key=len, reverse=True))
                           + r")\b", re.IGNORECASE)
_ACCORDING_RE = re.compile(r"\b(?:according to|per|citing) ((?:the |a |an )?[^,;:\"“”()]{2,150}?)(?=[,;:\"“”()]|"
                           r"\.(?:\s|$)|$)", re.IGNORECASE)
_TIME_PHRASE = r"(?: (?:last|this|next) (?:week|month|year|spring|summer|fall|autumn|winter)| yesterday| today)?"
_SAID_RE = re.compile(r"((?:[Tt]he |[Aa]n? )?(?:[\w’'-]+ ){0,3}?[\w’'-]+" + _TIME_PHRASE
                      + r") (?:has |have |had )?(?:first |also )?(?:" + "|".join(sorted(lexicon().reporting)) + r")\b")
# _SAID_RE must end in " <reporting word>", and the words before it hold at most 9 spaces
# (article, 4 words, a time phrase, "has", "also"): see _said_search
_REPORTING_RE = re.compile(r" (?:" + "|".join(sorted(lexicon().reporting)) + r")\b")
_SAID_MAX_SPACES = 12
_SAID_BLOCK_RE = re.compile(r".*[^\w’' -]", re.DOTALL)  # up to the last mark no _SAID_RE match holds
_AGENCY_RE = re.compile(r"\(([A-Z][\w&.]*(?: [A-Z][\w&.]*){0,3})\)\s*[.!?]?[\"”]?\s*$")
_DATA_FROM_RE = re.compile(r"\b((?:[Dd]ata|[Ff]igures|[Nn]umbers|[Ss]tatistics|[Rr]ecords) from "
                           r"(?:the )?[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,4})")

# the patterns the figure readers use per number, compiled once (``re.match(str, ...)`` looks
# each up in re's cache on every call: 3% of the extraction time, profiled)
_NEXT_WORD_RE = re.compile(r"\s*([A-Za-z]+)")
_YEAR_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")
_YEAR_RANGE_AFTER_RE = re.compile(r"\s*(?:-|–|to)\s*\d{3,4}\b")
_PERCENT_WORD_RE = re.compile(r"%|per\s?cent|percent|\bpc\b", re.IGNORECASE)
_BY_END_RE = re.compile(r"\bby$")
_SIGN_CURRENCY_NAME_RE = re.compile(r"\s?(dollars?|euros?|pounds?)\b", re.IGNORECASE)
_PLURAL_S_RE = re.compile(r"s\b")
_UNIT_WORDS_RE = re.compile(r"(\s?|-)([^\s,;:()-]+)(?:[\s-]([^\s,;:()-]+))?(?:\s([^\s,;:()]+))?")
_OF_CURRENCY_RE = re.compile(r"\s+of\s+(dollars|euros|pounds)\b", re.IGNORECASE)
_TIME_PHRASE_END_RE = re.compile(_TIME_PHRASE + "$")


# Kind by value: a dict lookup, where ``Kind(value)`` runs the enum's Python __call__ (per figure)
_KINDS = {kind.value: kind for kind in Kind}

_NUMBER_OPENERS = NUMBER_WORDS | ORDINALS | CURRENCY_CODES  # the words a number may start with

_BETWEEN_CHANGE_AND_FIGURE = frozenset({"by", "some", "about", "nearly", "almost", "roughly", "around",
                                        "more", "than", "over", "just", "under", "less", "fewer", "a",
                                        "an", "another", "further", "only", "at", "least", "approximately",
                                        # adjectives of an amount: "grew by an annual 5.2%", "rose a record 9%"
                                        "annual", "annualised", "annualized", "average", "record", "estimated",
                                        "additional", "combined", "total", "extra"})


@dataclass(frozen=True, slots=True)
class _Figure:
    """A number with its unit reading, before nouns and scopes are attached."""

    start: int
    end: int
    value: float
    interval: Interval
    qualifier: Qualifier
    kind: Kind
    unit: str
    written: bool
    change: Change | None = None  # set when the wording itself is a change ("from 6.1 to 5.9")
    step: float = 1.0  # the rounding step of the digits, to recompute the interval


# _Figure.__init__: the fields stored through their slots (records.slot_init says why)
def _figure_init(self, start, end, value, interval, qualifier, kind, unit, written, change=None, step=1.0):
    set_ = _FIGURE_SLOTS
    set_[0](self, start)
    set_[1](self, end)
    set_[2](self, value)
    set_[3](self, interval)
    set_[4](self, qualifier)
    set_[5](self, kind)
    set_[6](self, unit)
    set_[7](self, written)
    set_[8](self, change)
    set_[9](self, step)


_FIGURE_SLOTS = slot_init(_Figure, _figure_init)


def extract_text(text: str, *, published: date | None = None,
                 semantics: Semantics = DEFAULT) -> list[Claim]:
    """Every figure in ``text``, in text order.  Text with no figures gives ``[]``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
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
    numbers = [n for n in numbers if not in_dates.covers(n.start)]
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
        figures = _join_from_to(text, [f for f in figures if not _is_label(text, f, s_start)])
        figures += [_vague_figure(text, v, s_end) for v in s_vague]
        earlier: list[Claim] = []
        for fig in _inherit_bounds(text, _join_cents(text, sorted(figures, key=lambda f: f.start)), semantics):
            claim = sentence.claim_for_figure(fig)
            if claim is not None:
                earlier.append(inherit_unit(claim, earlier) if not fig.written else claim)
        claims += inherit_from_whole(text, earlier)
        for d in s_dates:
            claims.append(sentence.claim_for_date(d))
    return sorted(claims, key=lambda c: c.start)


_LEAD_RE = re.compile(r"[\s$€£¥₹+\-−]*")  # what may stand before a figure's number: a sign, a currency


def _not_inside(text: str, figures) -> list[_Figure]:
    """Figures less those whose number starts inside the figure before them: a digit in a unit's
    power ("4e14 s-1", "20 J/m^2", "5 km^3") or any number the wording of a figure already took.
    A currency sign two figures share ("10 $ 30 $") does not count."""
    out: list[_Figure] = []
    for fig in sorted(figures, key=lambda f: f.start):
        if out and _LEAD_RE.match(text, fig.start).end() < out[-1].end:
            continue
        out.append(fig)
    return out


def extract(inputs=None, *, example: str | None = None, semantics: Semantics = DEFAULT):
    """Claims DataFrame for a file, folder, list of paths, DataFrame of documents, or example."""
    from ..corpus import load
    from ..schema import claims_frame

    documents = inputs if _is_documents(inputs) else load(inputs, example=example)
    return claims_frame(iter_document_claims(documents, semantics))


def iter_document_claims(documents, semantics: Semantics = DEFAULT):
    for doc in documents:
        for claim in extract_text(doc.text, published=doc.published, semantics=semantics):
            yield replace(claim, doc_id=doc.doc_id, source=doc.source, published=doc.published)


def _is_documents(inputs) -> bool:
    from ..records import Document

    return isinstance(inputs, (list, tuple)) and bool(inputs) and all(isinstance(d, Document) for d in inputs)


_CONVERSION_GAP_RE = re.compile(r"^\s*(?:\(|\[|/|\(\s*[^()]*?/)\s*(?:US|HK|C|A)?\s?$")


def _inherit_bounds(text: str, figures: list[_Figure], semantics: Semantics) -> list[_Figure]:
    """ "just over 150 hp (112 kW / 152 PS)": a conversion in brackets keeps the bound of
    the figure it converts."""
    out: list[_Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        if prev is not None and fig.qualifier is Qualifier.EXACT and prev.qualifier not in (
                Qualifier.EXACT, Qualifier.RANGE, Qualifier.VAGUE) and _CONVERSION_GAP_RE.match(
                text[prev.end:fig.start]):
            fig = replace(fig, qualifier=prev.qualifier,
                          interval=interval_for(prev.qualifier, fig.value, fig.step, semantics))
        out.append(fig)
    return out


#: What follows a number word that stands for its noun: a partitive "of", a plural verb.
_PLURAL_AFTER_NUMBER = frozenset({"of", "were", "are", "have", "had", "remain", "remained", "died", "survived"})
# A country prefix written against a currency sign ("US$", "HK$", "A$", "NZ$"); what may stand there.
_COUNTRY_PREFIX_RE = re.compile(r"(?<![A-Za-z])(?:US|U\.S\.|HK|NZ|AU|CA|A|C|S|NT|R)$")
_OF_DETERMINERS = frozenset({"the", "their", "its", "all", "his", "her", "our", "my", "your", "these", "those"})
_FROM_TO_GAP_RE = re.compile(r"^(?:\s*[^\s,;:()\[\]]+){0,5}?\s+to\s*$", re.IGNORECASE)
_BETWEEN_GAP_RE = re.compile(r"^\s+(?:and|to)\s+$", re.IGNORECASE)
_JOINED_RE = re.compile(r"\d\s*(?:-|–|—|to|and|or)\s*\D{0,3}\d")


def _join_from_to(text: str, figures: list[_Figure]) -> list[_Figure]:
    """ "from $62 a tonne to $58", "from 3.1% in March to 2.8%", "between 12 g and 15 g": a
    range whose first figure carries its own unit (and, after "from", a few words) before the
    "to" (adjacent numbers are joined in :func:`_range_join`).  Both figures must be of one
    kind and one unit dimension; only "from" makes a change."""
    out: list[_Figure] = []
    k = 0
    while k < len(figures):
        a = figures[k]
        b = figures[k + 1] if k + 1 < len(figures) else None
        if b is None or not _from_to_pair(text, a, b):
            out.append(a)
            k += 1
            continue
        unit = a.unit if b.unit == "count" or "/" in a.unit else b.unit
        low, high = sorted((a.value, b.value))
        start = max(text.lower().rfind("from", 0, a.start), text.lower().rfind("between", 0, a.start))
        change = Change.NONE if text.lower().startswith("between", start) else \
            Change.UP if b.value > a.value else Change.DOWN
        out.append(_Figure(start, b.end, low, Interval(low, high), Qualifier.RANGE, a.kind, unit, False, change))
        k += 2
    return out


def _from_to_pair(text: str, a: _Figure, b: _Figure) -> bool:
    opener = text[max(0, a.start - 9):a.start].lower().rstrip()
    if opener.endswith("from"):
        gap = _FROM_TO_GAP_RE
    elif opener.endswith("between"):
        gap = _BETWEEN_GAP_RE  # "between 12 g and 15 g"
    else:
        return False
    if Qualifier.RANGE in (a.qualifier, b.qualifier) or Qualifier.VAGUE in (a.qualifier, b.qualifier):
        return False
    if _JOINED_RE.search(text, a.start, a.end) or not gap.match(text[a.end:b.start]):
        return False
    if b.kind is Kind.COUNT and b.unit == "count":  # "to 4,500 this year", not "to 30 staff"
        word = _NEXT_WORD_RE.match(text[b.end:b.end + 20])
        return word is None or word.group(1).lower() in STOP
    if a.kind is not b.kind:
        return False
    if a.kind is Kind.MONEY:
        return a.unit.split(" / ")[0] == b.unit.split(" / ")[0]
    return _dimension(a.unit) == _dimension(b.unit)


_CENTS_GAP_RE = re.compile(r"\s*(?:and\s+)?$")
_CENTS_END_RE = re.compile(r"\s*(?:[.,;!?)]|$)")


def _join_cents(text: str, figures: list[_Figure]) -> list[_Figure]:
    """ "3 dollars 50 cents", "eleven dollars and twenty cents", "8 dollars 75.": a
    sum in dollars and the cents after it are one amount."""
    out: list[_Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        if prev is not None and prev.kind is Kind.MONEY and prev.qualifier is Qualifier.EXACT \
                and "/" not in prev.unit and prev.unit != "USD_cent" and prev.value == int(prev.value) \
                and 0 <= fig.value < 100 and fig.qualifier is Qualifier.EXACT \
                and _CENTS_GAP_RE.match(text, prev.end, fig.start) and (
                    fig.unit == "USD_cent" or (fig.kind is Kind.COUNT and _CENTS_END_RE.match(text, fig.end))):
            value = prev.value + fig.value / 100
            out[-1] = replace(prev, end=fig.end, value=value, interval=Interval.point(value), step=0.01)
            continue
        out.append(fig)
    return out


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
    """Spans of fixed phrases ("zero tolerance", "one of") near the hits."""
    pattern, spans = lexicon().not_figures, []
    gate = _not_figure_gate()
    for h in hits:
        if gate is not None and not _may_be_in_phrase(text, h, gate):
            continue  # no phrase can cover this hit: skip the search (most hits: "3,000", "May")
        for m in pattern.finditer(text, max(0, h.start - 16), h.start + 24):
            if m.start() <= h.start < m.end() and (m.start(), m.end()) not in spans:
                spans.append((m.start(), m.end()))
    return spans


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


def _year_is_count(text: str, d: DateMatch) -> bool:
    """ "2000 people": a year-shaped number followed by a plural noun is a count; "1900 km",
    "1850 kg": followed by a unit, a measure."""
    span = _YEAR_RANGE_AFTER_RE.match(text[d.end:d.end + 10])
    if span is not None and d.iso.isdigit():  # "1200 - 1500 steps", not "2018-2020" or "in 2011 to 31 mpg"
        return _year_is_count(text, replace(d, end=d.end + span.end()))
    if d.iso.isdigit() and d.surface.isdigit():
        number = NumberMatch(d.start, d.end, d.surface, float(d.surface), 1.0, plain_digits=d.surface)
        if _unit_after(text, number, min(len(text), d.end + 60))[0] in ("measure", "money"):
            return True
    m = _YEAR_NEXT_WORD_RE.match(text[d.end:d.end + 30])
    if not m:
        return False
    word = m.group(1)
    if word.lower() in ("and", "to") or not (is_nounish(word) and is_plural(word)):
        return False
    # "in 2019 costs rose": a plural that is also a verb follows a year, unless a qualifier
    # says the number is an amount ("some 2000 people")
    return "VERB" not in word_classes(word) or find_qualifier_before(text[max(0, d.start - 40):d.start]) is not None


# -- figures: number + qualifier + unit ----------------------------------------------------------

_JOIN_RE = re.compile(r"^\s*(?:%|percent|per\s?cent|pc)?\s*-?\s*(?P<join>-|–|—|to|and|or)\s*"
                      r"(?:US|HK|NZ|C|A|S)?\s?[$€£¥]?\s*$", re.IGNORECASE)


def _range_join(text: str, a: NumberMatch, b: NumberMatch) -> str | None:
    """How two numbers form a range, or None.

    "2,000 to 3,000", "2,000-3,000", "5% to 6%", "$4 to $6 billion"; "between 5 and 10"
    (``and`` only after "between"); "two or three weeks" (``or`` only for close neighbours);
    "from 6.1 to 5.9 percent" (``from``: a change, reported in ``change``).
    """
    if a.ordinal or b.ordinal or a.fraction or b.fraction:
        return None
    m = _JOIN_RE.match(text[a.end:b.start])
    if m is None:
        return None
    join = m.group("join").lower()
    between = text[a.end:b.start]
    if _PERCENT_WORD_RE.search(between) and \
            not _PERCENT_RE.match(text[b.end:b.end + 12]):
        return None  # "down 3.2 per cent to $57": a change, then a level in another unit
    before = text[max(0, a.start - 12):a.start].lower().rstrip()
    if join == "and" and not before.endswith("between"):
        return None
    if join == "to" and not before.endswith("from") and b.value < a.value and a.scale == b.scale:
        return None  # "the vote was 6 to 3": a tally; a range is written low to high
    if join == "to" and _BY_END_RE.search(before):
        return None  # "grew by 1.5 million to 67 million": a change, then the level it reached
    if join in ("-", "–") and between == join and not (a.written or b.written) and b.value <= a.value:
        return None  # "won 3-1", "drew 2-2", "passed 52-48", "the 2019-20 season": a score or a span, not a range
    if join == "or" and not (0 < a.value < b.value <= 2 * a.value):
        return None
    if join == "or" and text[a.end:a.end + 1] == "-":
        return None  # "a 7- or 8-inch screen", "3- or 4-bedroom flats": two sizes on offer, not a range
    if join in ("-", "–", "—") and text[a.end:b.start].strip() != text[a.end:b.start]:
        if not a.written and not b.written and abs(b.value) < abs(a.value):
            return None  # "50 -1.3%": a list, not a range
    return "from" if before.endswith("from") else join


def _figures(text: str, numbers: list[NumberMatch], limit: int, semantics: Semantics):
    k = 0
    while k < len(numbers):
        n = numbers[k]
        nxt = numbers[k + 1] if k + 1 < len(numbers) else None
        join = _range_join(text, n, nxt) if nxt is not None else None
        if nxt is not None and join is None:
            join = _unit_range_join(text, n, nxt, limit)
        if join is not None:
            yield _range_figure(text, n, nxt, limit, join)
            k += 2
            continue
        if nxt is not None and _UNCERTAINTY_RE.match(text, n.end, nxt.start):
            yield _uncertainty_figure(text, n, nxt, limit)
            k += 2
            continue
        yield _shared_unit(text, _figure(text, n, limit, semantics), nxt, limit)
        k += 1


_UNCERTAINTY_RE = re.compile(r"\s*(?:±|\+/-|\+-)\s*$")
_LIST_GAP_RE = re.compile(r"-?\s*(?:,|and|or)\s*$")  # "45 and 50 mg", "7- or 8-inch"


def _unit_range_join(text: str, a: NumberMatch, b: NumberMatch, limit: int) -> str | None:
    """ "12 g to 15 g", "between 3 km and 5 km", "from $210 per tonne to $260 per tonne": a range
    with its unit written after both numbers (the same unit twice)."""
    kind, unit, end = _unit_after(text, a, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind in ("", "reject", "percent") or not a.end < end <= b.start:
        return None
    kind_b, unit_b, _ = _unit_after(text, b, limit)
    if _with_rate(text, kind_b, unit_b, _, limit)[0] != unit:
        return None
    return _range_join(text, replace(a, end=end), b)


def _uncertainty_figure(text: str, n: NumberMatch, spread: NumberMatch, limit: int) -> _Figure | None:
    """ "9.83 ± 0.01 km", "5 +/- 0.1 m": the value, with value ± spread as its interval."""
    kind, unit, end = _unit_after(text, spread, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind == "reject":
        return None
    width = abs(spread.value)
    return _Figure(n.start, end, n.value, Interval(n.value - width, n.value + width), Qualifier.RANGE,
                   _KINDS[kind] if kind else Kind.COUNT, unit or "count", n.written)


def _shared_unit(text: str, fig: _Figure | None, nxt: NumberMatch | None, limit: int) -> _Figure | None:
    """ "45 and 50 mg", "3, 4 or 5 km": a bare number listed before a measured one shares its unit."""
    if fig is None or nxt is None or fig.kind is not Kind.COUNT or fig.qualifier is not Qualifier.EXACT \
            or not _LIST_GAP_RE.match(text, fig.end, nxt.start):
        return fig
    kind, unit, _ = _unit_after(text, nxt, limit)
    if kind != "measure":
        return fig
    return replace(fig, kind=Kind.MEASURE, unit=unit)


def _unit_after(text: str, n: NumberMatch, limit: int) -> tuple[str, str, int]:
    """(kind, pint unit, end) of the unit written after a number; kind "" when none."""
    after = text[n.end:min(limit, n.end + 60)]
    if n.fraction:
        return "percent", "percent", n.end
    m = _PERCENT_RE.match(after)
    if m:
        return "percent", "percent", n.end + m.end()
    if n.currency:
        m = _SIGN_CURRENCY_NAME_RE.match(after)
        return "money", n.currency, n.end + (m.end() if m else 0)
    word = _currency_word(after)
    if word is not None:
        return "money", word[0], n.end + word[1]
    code = _CODE_RE.match(after)
    if code and currency_code(code.group(1)) and not word_classes(code.group(1)):  # "20 usd", "6.25 BTC"
        return "money", currency_code(code.group(1)), n.end + code.end(1)
    compound = unitexpr.read_compound(text, n.end, limit)  # "km/s2", "s-1", "kWh": unitexpr.py
    if compound is not None:
        return compound
    glued = bool(after[:1].isalpha())
    if (_CLOCK_RE.match(after) and corrections.may_be_clock(n.surface)) or (glued and _PLURAL_S_RE.match(after)):
        return "reject", "", n.end  # "2 p.m.", "10pm": a time of day; "Model 3s", "5s": a plural
    words = _UNIT_WORDS_RE.match(after)
    if not words:  # punctuation next: no unit word, but "aged 60," is still an age
        age = corrections.age_in_years(text, n.start, n.end, limit)
        return ("duration", "year", age) if age is not None else ("", "", n.end)
    table = unit_surfaces()
    parts = [w for w in words.groups()[1:] if w]
    if len(parts) > 1 and _no_longer_unit(parts[0]):
        del parts[1:]  # no surface of two or three words starts with this word: read it alone
    for size in range(len(parts), 0, -1):
        surface = " ".join(parts[:size]).rstrip(".")
        power = ""
        if surface[-1:] in "23²³" and surface[:-1].rstrip("^").isalpha():
            power = {"2": "2", "²": "2", "3": "3", "³": "3"}[surface[-1]]  # "km2", "m²", "km^3"
            surface = surface[:-1].rstrip("^")
        surface = surface.replace("μ", "µ")  # Greek mu typed for the micro sign ("352 μm")
        unit = table.get(surface) or table.get(surface.lower())
        if unit is None:
            surface, unit = corrections.plural_symbol(surface, table)  # "20yrs", "6 secs"
        if unit is not None and power:
            if unit.kind != "measure" or not unit.symbol:
                continue
            unit = UnitName(f"{unit.pint_unit} ** {power}", "measure", True)
        if unit is None:
            continue
        rest = after[after.index(parts[size - 1]) + len(parts[size - 1].rstrip(".")):]
        if words.group(1) == "-" and rest[:1].isalpha():
            continue
        if table.get(surface) is None and unit.symbol:
            continue  # symbols match with their case only
        if not (corrections.accept_unit(surface, rest, glued, unit) or corrections.metric_not_clock(surface, n.surface)) \
                or corrections.closing_quote(surface, n.written):
            continue
        end = n.end + after.index(parts[size - 1]) + len(parts[size - 1].rstrip("."))
        pint_unit = unit.pint_unit
        if surface.lower() in ("pound", "pounds"):
            pint_unit = corrections.pounds_unit(text[max(0, n.start - 3):n.start], text[max(0, n.start - 80):limit])
            return ("money" if pint_unit == "GBP" else "measure"), pint_unit, end
        pint_unit, end = corrections.temperature_scale(pint_unit, text, end, limit)  # "40 deg C"
        return unit.kind, pint_unit, end
    if _MULTIPLE_RE.match(after) and not n.written:
        return "", "", n.end + 1  # "3x faster", "a 10× return": a multiple, like "3 times"
    if glued:
        return "reject", "", n.end
    age = corrections.age_in_years(text, n.start, n.end, limit)  # "aged 30", "age of 91", "87 yo"
    return ("duration", "year", age) if age is not None else _frequency(text, n.end, limit)


@lru_cache(maxsize=65536)  # a pure lookup of the word after a figure
def _no_longer_unit(first: str) -> bool:
    """True when no unit surface of more than one word can start with ``first``, the word after a
    figure.  In _unit_after a surface of two or three words is the words joined by a space (the
    end stripped of a dot, a power or a plural "s") or that lower-cased, and the first word stays
    as it is written but for the micro sign, so a table key that reads it holds a space and
    starts with that word or its lower case."""
    word = first.replace("μ", "µ")
    starts = _longer_unit_starts()
    return word not in starts and word.lower() not in starts


@lru_cache(maxsize=1)
def _longer_unit_starts() -> frozenset[str]:
    return frozenset(surface.split(" ", 1)[0] for surface in unit_surfaces() if " " in surface)


_MULTIPLE_RE = re.compile(r"[x×](?![\w.,-]?\d|[A-Za-z])")
_FREQUENCY_RE = re.compile(r"\s+times?\s+(?:per|a|an|each)\s+([a-z]+)\b")


def _frequency(text: str, end: int, limit: int) -> tuple[str, str, int]:
    """ "four times a week", "3 times per day": a count per unit of time."""
    m = _FREQUENCY_RE.match(text, end, limit)
    den = unit_surfaces().get(m.group(1)) if m else None
    if den is None or den.kind != "duration" or den.symbol:
        return "", "", end
    return "measure", f"count / {den.pint_unit}", m.end()


_CODE_RE = re.compile(r"\s?([A-Za-z]{3})\b")
# "per square foot" reads two words; "a year earlier/ago" is a time, not a rate
# a second word joined by a hyphen or a space is kept when the two name one unit ("per kilowatt-hour")
_RATE_RE = re.compile(r"\s?(?:(?:per|an|a|each|for\seach|for\severy)\b\s?|/\s?)((?:square\s|cubic\s)?[A-Za-z]+)\b"
                      r"(?!\s+(?:earlier|ago|before|later|after|prior|previously)\b)([-\s][A-Za-z]+\b)?")
_CURRENCY_WORD_RE = re.compile(r"\s?((?:[A-Za-z]+\s)?[A-Za-z]+)\b")


# "a <noun>" is a rate only where the noun phrase ends: "$1.23 a share, up from", not "$5 a record high"
_RATE_END_RE = re.compile(r"\s*(?:[,.;:)]|$|(?:in|on|for|and|or|from|at|to|compared|versus|vs|last|this|"
                          r"a|an|the|was|were|is|are|up|down)\b)", re.IGNORECASE)
_BRACKET_AFTER_RE = re.compile(r"\s?\([^()]{1,30}\)")


def _currency_word(after: str) -> tuple[str, int] | None:
    """ "4 billion rupees", "2.5 million Swedish crowns", "19 cents" -> (ISO code, length)."""
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
    return _named_currency(after)


_CURRENCY_NAME_RE = re.compile(r"\s?([A-Za-z]+)(?:\s([A-Za-z]+))?(?:\s([A-Za-z]+))?")


@lru_cache(maxsize=1)
def _currency_words_gate() -> frozenset[str]:
    """Every lower-case word a currency phrase of _currency_word can hold: the words of the
    lexicon's currency words and of the CLDR currency names (_named_currency)."""
    from ..currencies import cldr_words

    return frozenset(w.lower() for phrase in lexicon().currency_words for w in phrase.split()) | cldr_words()


def _named_currency(after: str) -> tuple[str, int] | None:
    """ "3 million Hong Kong dollars", "2 billion naira": a currency named as CLDR names it
    (:func:`numcheck.currencies.currency_code`), longest name first, when numcheck's registry
    defines the code.  A single word is read only when it is no English word ("naira",
    "rupiah"): "won", "real" and "rand" are words first."""
    from ..currencies import cldr_words, currency_code as named_code

    m = _CURRENCY_NAME_RE.match(after)
    if m is None:
        return None
    words = [w for w in m.groups() if w]
    known = cldr_words()
    for size in range(len(words), 0, -1):
        if size == 1 and (word_classes(words[0]) or not words[0].islower()):
            break
        if words[size - 1].lower() not in known:
            continue  # no currency name ends so: skip the lookups
        code = named_code(" ".join(words[:size]), quantulum3=False)
        if code and _dimension(code).startswith("[currency"):
            return code, m.end(size)
    return None


_OF_RATE_RE = re.compile(r"\s+of\s+(?:[A-Za-z\d-]+\s+){1,3}?(a|an|per|each)\s+([a-z]+)\b"
                         r"(?!\s+(?:earlier|ago|later|before|after)\b)")


def _rate_after_of(text: str, kind: str, unit: str, end: int, limit: int) -> str:
    """ "500,000 barrels of oil a day", "$5 million of aid a year": the rate comes after what is
    measured; the unit becomes the rate, the surface keeps its end (the noun follows it)."""
    if kind not in ("measure", "money"):
        return unit
    m = _OF_RATE_RE.match(text, end, limit)
    den = unit_surfaces().get(m.group(2)) if m else None
    if den is None or den.symbol:
        return unit
    # "of CO2 per kilometre": after an explicit "per" any unit is the denominator; "a"/"an"
    # only a time ("a day"), as "of oil a barrel" is no English
    per = m.group(1) == "per"
    return f"{unit} / {_one_unit(den.pint_unit)}" if den.kind == "duration" or (
        per and den.kind == "measure") else unit


def _with_rate(text: str, kind: str, unit: str, end: int, limit: int) -> tuple[str, int]:
    """ "$3.80 per gallon", "$9.99 a month", "$6 per share": the unit becomes a rate."""
    if kind in ("", "reject") or unit in ("", "count"):
        return unit, end
    m = _RATE_RE.match(text, end, limit)
    past = _BRACKET_AFTER_RE.match(text, end, limit) if m is None else None
    if past is not None:  # "C$6 (US$4.46) per share": the rate after a conversion is the first figure's
        m = _RATE_RE.match(text, past.end(), limit)
    if m is None:
        return _rate_after_of(text, kind, unit, end, limit), end
    table = unit_surfaces()
    word, word_end = m.group(1), m.end(1)
    joined = (word + m.group(2)).lower().replace("-", " ") if m.group(2) else ""
    if joined and table.get(joined) and not table[joined].symbol:
        word, word_end = joined, m.end(2)  # "per kilowatt-hour", "per kilowatt hour"
    new_end = word_end if past is None else end  # the bracket and its figure are not this one's
    den = table.get(word.lower()) or table.get(noun_lemma(word))
    if den is not None and den.kind == "money" and kind == "money":
        den = _non_currency_reading(word)  # "$4 a pound": money per money is no rate; a mass is
    if den is not None and not den.symbol and den.kind in ("duration", "measure"):
        return f"{unit} / {_one_unit(den.pint_unit)}", new_end
    if den is None and kind == "money" and word.islower() and is_nounish(word) and (
            m.group(0).strip()[:1] != "a" or _RATE_END_RE.match(text, word_end, limit)):
        return f"{unit} / {noun_lemma(word)}", new_end  # "per share", "per head", "$2 a share."
    if den is None and kind in ("measure", "duration") and m.group(0).strip()[:3] == "per" \
            and word.islower() and is_nounish(word) and _RATE_END_RE.match(text, word_end, limit):
        return f"{unit} / {noun_lemma(word)}", new_end  # "300 calories per serving": "per" only
    return unit, end


def _one_unit(name: str) -> str:
    """A unit name pint reads as one unit after a "/": "kilowatt hour" is "kilowatt_hour"
    (with a space, "USD / kilowatt hour" would read as dollars x hours / kilowatt)."""
    from ..units import ureg

    if " " not in name or name.startswith(("square ", "cubic ")):
        return name
    try:
        ureg().parse_units(name.replace(" ", "_"))
    except Exception:  # noqa: BLE001 - pint raises several error types for unknown names
        return name
    return name.replace(" ", "_")


def _non_currency_reading(word: str) -> UnitName | None:
    """The registry's reading of a word that is not a currency ("pound": the mass), else None."""
    from ..units import ureg

    try:
        unit = ureg().parse_units(word.lower())
    except Exception:  # noqa: BLE001 - pint raises several error types for unknown words
        return None
    return None if str(unit.dimensionality).startswith("[currency") else UnitName(str(unit), "measure", False)


def _figure(text: str, n: NumberMatch, limit: int, semantics: Semantics) -> _Figure | None:
    kind, unit, end = _unit_after(text, n, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind == "reject":
        return None
    if n.ordinal:
        return _Figure(n.start, n.end, n.value, Interval.point(n.value), Qualifier.EXACT, Kind.ORDINAL,
                       "", n.written)
    start, qualifier = n.start, Qualifier.EXACT
    glued = _COUNTRY_PREFIX_RE.search(text, max(0, n.start - 4), n.start) if n.surface[:1] in "$€£¥" else None
    at = glued.start() if glued else n.start  # "more than US$5 million": the country prefix is skipped
    q = find_qualifier_before(text[max(0, at - 40):at])
    if q is not None:
        qualifier, start = q[0], at - q[1]
    q_after = find_qualifier_after(text[end:min(limit, end + 30)])
    if q_after is not None and qualifier is Qualifier.EXACT:
        qualifier, end = q_after[0], end + q_after[1]
    kind_enum = _KINDS[kind] if kind else Kind.COUNT
    unit = unit or "count"
    interval = interval_for(qualifier, n.value, n.step, semantics)
    change = None
    if kind_enum is Kind.PERCENT and n.surface[:1] in "+-−":
        change = Change.UP if n.surface[0] == "+" else Change.DOWN  # "DAX -1.6%": a signed percent moved
    return _Figure(start, end, n.value, interval, qualifier, kind_enum, unit, n.written, change, n.step)


def _range_figure(text: str, a: NumberMatch, b: NumberMatch, limit: int, join: str) -> _Figure | None:
    kind, unit, end = _unit_after(text, b, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind == "reject":
        return None
    first = a.value
    if a.scale == 1.0 and b.scale > 1.0 and abs(a.value) < 1000:
        first = a.value * b.scale  # "$4 to $6 billion", "3 to 4 thousand": the scale covers both
    if not kind and a.currency:
        kind, unit = "money", a.currency
    if not kind and corrections.age_in_years(text, a.start, a.end, limit) is not None:
        kind, unit = "duration", "year"  # "children aged 5 to 11"
    low, high = sorted((first, b.value))
    start = a.start
    if join == "from":
        start = text.rfind("from", 0, a.start)
    elif join == "and":
        start = text.lower().rfind("between", 0, a.start)
    q = find_qualifier_before(text[max(0, start - 40):start])
    qualifier = Qualifier.RANGE
    if q is not None and q[0] is Qualifier.ABOUT:
        start -= q[1]
        qualifier = Qualifier.ABOUT  # "about 2,000-2,500": the bounds as written, the wording approximate
    kind_enum = _KINDS[kind] if kind else Kind.COUNT
    change = Change.NONE if join != "from" else (Change.UP if b.value > first else Change.DOWN)
    return _Figure(start, end, low, Interval(low, high), qualifier, kind_enum,
                   unit or "count", a.written and b.written, change)


_LABEL_BEFORE_RE = re.compile(r"(?:\b([A-Za-z][\w&.'’-]*)|(\())\s?$")
_NOT_LABEL_WORDS = frozenset({"about", "around", "nearly", "almost", "over", "under", "some", "roughly",
                              "approximately", "only", "just", "more", "less", "than", "at", "least", "up",
                              "to", "by", "of", "in", "on", "for", "from", "and", "or", "the", "a", "an",
                              "with", "between", "were", "was", "is", "are", "had", "has", "have", "after",
                              "since", "until", "within", "per", "as", "all", "by", "minus", "plus", "each",
                              "another", "those", "these", "its", "their", "his", "her", "our", "your",
                              "my", "that", "this", "than", "no", "nearly", "top", "aged", "age", "page"})


_SCORE_AFTER_RE = re.compile(r"[-–](\d{1,3})(?![\d/-]|[.,]\d)")


def _is_score(text: str, fig: _Figure) -> bool:
    """ "98-91", "52-48", "3-3": a score or a tally, written high first (a range is written
    low first, "737-800" is a model and its variant)."""
    m = _SCORE_AFTER_RE.match(text, fig.end)
    return m is not None and int(m.group(1)) <= fig.value


#: Prepositions that the noun dictionary does not list and STOP leaves out (a closed class).
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# a preposition (and "the") before the name: the name is where the figure is, not what it labels
_PLACE_BEFORE_RE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Oo]n|[Aa]cross|[Ff]rom|[Ff]or|[Ww]ith|[Ss]ince|[Dd]uring|"
                              r"[Tt]hroughout|[Ww]ithin|[Aa]mong|[Oo]utside|[Ii]nside)\s+(?:the\s+)?$")
_WORD_AFTER_RE = re.compile(r"\s+([a-z]+)\b")


def _plural_after(text: str, end: int) -> bool:
    """A lower-case plural noun right after ``end`` ("40 people", "12 cases")."""
    m = _WORD_AFTER_RE.match(text, end)
    return m is not None and is_plural(m.group(1)) and is_nounish(m.group(1))


_PREPOSITIONS = frozenset({"despite", "amid", "amidst", "versus", "whereas", "notwithstanding", "atop",
                           "aboard", "unto", "via", "circa"})


def _may_name(word: str) -> bool:
    """A sentence's first word that can name the number after it: a noun ("Windows 10"), or a
    word the dictionary does not know and that is no function word ("Apollo 11")."""
    lower = word.lower()
    if lower in STOP or lower in _PREPOSITIONS:
        return False
    classes = word_classes(word)
    return "NOUN" in classes or not classes


def _is_label(text: str, fig: _Figure, sentence_start: int) -> bool:
    """ "iPhone 11", "Section 427", "S&P 500", "Big 12", "Part 3", "(4)": a bare number that
    names something is not a figure.

    A plain count (no unit, no qualifier, digits) right after a capitalised word or
    a name-like token, or alone in brackets.  The sentence's first word is capitalised
    anyway, so there it names something only when it is a noun ("Windows 10 ships").
    """
    if fig.kind is not Kind.COUNT or fig.qualifier is not Qualifier.EXACT:
        return False
    surface = text[fig.start:fig.end]
    if not (surface[:1].isdigit() or (fig.written and surface[:1].isupper() and " " not in surface)):
        return False
    if not fig.written and ("," in surface or not surface.replace(".", "").isdigit()):
        return False  # "Acme 1,200", "Acme 1.5 million": a name's number has no grouping and no scale
    m = _LABEL_BEFORE_RE.search(text, max(sentence_start, fig.start - 30), fig.start)
    if m is None:
        return False
    if m.group(2):  # "(4)": a number alone in brackets
        return text[fig.end:fig.end + 1] == ")"
    if _is_score(text, fig):
        return False  # "the Hawks 98-91", "the Senate 52-48": a team or a house, then its score
    word = m.group(1)
    if word.lower() in lexicon().label_words and text[m.end():fig.start].strip() == "":
        return True  # "a category 4 storm", "Chapter 11"
    if word.lower() in _NOT_LABEL_WORDS or re.search(r"(?:['’]s|s['’])$", word):
        return False  # "the bloc's 27 members": a possessive owns the figure, it does not name it
    if m.start() == sentence_start and not _may_name(word):
        return False  # "Exactly 40 people", "Despite 40 warnings": a capital only because it starts the sentence
    if word.lower().rstrip(".") in MONTHS_LOWER or word.lower() in _WEEKDAYS:
        return False  # "On Monday 300 workers walked out": a day names no figure
    if _PLACE_BEFORE_RE.search(text, max(sentence_start, m.start() - 20), m.start()) and _plural_after(text, fig.end):
        return False  # "In Texas 40 people died", "at Acme 500 staff signed": a place, then a count
    return word[0].isupper() or any(ch.isupper() for ch in word[1:]) or "&" in word


def _vague_figure(text: str, v, limit: int) -> _Figure:
    start, end, surface, interval = v
    after = text[end:limit]
    m = _OF_CURRENCY_RE.match(after)
    if m:
        unit = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}[m.group(1).lower()]
        return _Figure(start, end + m.end(), interval.low, interval, Qualifier.VAGUE, Kind.MONEY, unit, True)
    if not re.match(r"\s+of\b", after, re.IGNORECASE) and money_governs(text, start, end):
        # "invest millions", "cost the city billions": money in a currency left unsaid
        return _Figure(start, end, interval.low, interval, Qualifier.VAGUE, Kind.MONEY, "", True)
    return _Figure(start, end, interval.low, interval, Qualifier.VAGUE, Kind.COUNT, "count", True)


# -- the sentence around a figure: noun, context, scopes ------------------------------------------

class _lazy:
    """``functools.cached_property`` without its lock: on Python 3.11 every first read takes
    an RLock, and a sentence with a date reads two such properties (profiled).  A
    _Sentence is never shared between threads, so the lock buys nothing here."""

    def __init__(self, func) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)  # later reads find it in the instance
        return value


_TOKEN_START, _TOKEN_END, _TOKEN_LOWER = attrgetter("start"), attrgetter("end"), attrgetter("lower")
_TOKEN_TEXT = attrgetter("text")
_DATE_START = attrgetter("start")


class _Sentence:
    """One sentence, tokenised once, that turns figures and dates into claims."""

    def __init__(self, text: str, start: int, end: int, dates: list[DateMatch], line: int = 1) -> None:
        self.text, self.start, self.end = text, start, end
        self.sentence = text[start:end]
        self.tokens: list[Token] = tokenize(self.sentence, start)
        # every sentence with a figure is set up here, most with no year in it (profiled: this
        # set-up was an eighth of the extraction): tokens are found by bisection on their
        # fields (no list of offsets per sentence), and what only years need is built only
        # when there are years
        self._clauses: ClauseIndex | None = None
        self.years = sorted((d for d in dates if d.kind == "year" or d.iso[:1].isdigit()),
                            key=_DATE_START) if dates else []
        self._year_starts = [d.start for d in self.years]
        self.line = line
        # the attribution and part regexes are the slowest per sentence; a word lookup
        # first skips the (most) sentences that cannot match
        words = set(map(_TOKEN_LOWER, self.tokens))
        self.attributed_to = _attribution(self.sentence) if words & _ATTRIBUTION_WORDS else ""
        self.place_scope = _place_scope(self.sentence) if words & _PART_WORDS else ""

    @_lazy
    def common_nouns(self) -> tuple[str, ...]:
        """A date's modifiers: the common nouns of its sentence, what happened on it."""
        # the distinct lemmas in order (maps and a dict, no Python step per token), less None
        lemmas = dict.fromkeys(map(_common_noun, map(_TOKEN_TEXT, self.tokens)))
        lemmas.pop(None, None)
        return tuple(lemmas)

    @_lazy
    def _in_years(self) -> Spans:
        return Spans((d.start, d.end) for d in self.years)

    @property
    def clause_index(self) -> ClauseIndex:
        if self._clauses is None:
            self._clauses = ClauseIndex(self.tokens)
        return self._clauses

    def _index(self, offset: int) -> int:
        """Index of the first token ending after ``offset``."""
        return bisect.bisect_right(self.tokens, offset, key=_TOKEN_END)

    def claim_for_figure(self, fig: _Figure) -> Claim | None:
        first, after = self._index(fig.start), self._index(fig.end)
        noun, modifiers = "", ()
        skip = set(range(first, after))
        noun_end = after
        if fig.kind in (Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.MEASURE, Kind.ORDINAL):
            at = after
            if fig.kind in (Kind.PERCENT, Kind.COUNT) and at < len(self.tokens) and self.tokens[at].lower == "of":
                at += 2 if at + 1 < len(self.tokens) and self.tokens[at + 1].lower in _OF_DETERMINERS else 1
                if fig.kind is Kind.COUNT and at + 2 < len(self.tokens) \
                        and self.tokens[at].lower.endswith(("'s", "’s")) and self.tokens[at + 1].text[0].isdigit():
                    at += 1  # "of the country's 3,100 counties": a possessive before the whole
                if fig.kind is Kind.COUNT and at < len(self.tokens) and self.tokens[at].text[0].isdigit():
                    at += 1  # "14 of the 20 wells": the part counts what the whole counts
                    while at + 1 < len(self.tokens) and self.tokens[at].lower in SCALE_WORDS:
                        at += 1  # "of the world's 7.8 billion people"
            elif fig.kind is Kind.PERCENT and fig.written and at < len(self.tokens) \
                    and self.tokens[at].lower in _OF_DETERMINERS:
                at += 1  # "half their income", "a third the size": a fraction before a determiner
            noun, modifiers, end = self._hyphen_noun(fig, at) or noun_span_after(
                self.tokens, at, fig.value, premodifiers=fig.kind is not Kind.ORDINAL)
            if noun:
                noun_end = end
            skip |= set(range(at, at + len(modifiers) + (1 if noun else 0)))
            if not noun and fig.kind is not Kind.ORDINAL:
                noun, modifiers = noun_before(self.tokens, first)
        if self._names_a_place(fig, after, noun_end if noun else after):
            return None
        if fig.written and not noun and fig.kind in (Kind.COUNT, Kind.ORDINAL) and \
                fig.qualifier is not Qualifier.VAGUE and fig.value < 13 and float(fig.value).is_integer() \
                and not self._counts_ellipsis(fig, after):
            # "one cannot", "the two butted heads": a small number word needs a noun; a fraction
            # in words ("one sixth", "three halves") names an amount by itself
            return None
        if fig.written and fig.kind is Kind.ORDINAL and not noun:
            return None
        context = context_for(self.tokens, min(first, len(self.tokens) - 1), skip, self.clause_index) \
            if self.tokens else ()
        owner = self._owner(first) if fig.kind is Kind.COUNT and noun else ""
        if owner:
            context = tuple(sorted(set(context) | {f"of:{owner}"}))
        surface = self.text[fig.start:fig.end]
        return Claim(
            start=fig.start, end=fig.end, surface=surface, value=fig.value, interval=fig.interval,
            kind=fig.kind, qualifier=fig.qualifier, unit=fig.unit, dimension=_dimension(fig.unit),
            noun=noun, modifiers=modifiers, context=context, time_scope=self._time_scope(first),
            place_scope=self.place_scope, change=fig.change or self._change(first), line=self.line,
            sentence=self.sentence,
            sentence_start=self.start, attributed_to=self.attributed_to,
            subject=subject_for(self.tokens, first, noun_end, after=after, money=fig.kind is Kind.MONEY,
                                 count=fig.kind is Kind.COUNT, head=noun))

    def claim_for_date(self, d: DateMatch) -> Claim:
        k = self._index(d.start)
        nouns = self.common_nouns
        tokens = self.tokens  # the tokens starting inside the date, found by bisection
        skip = set(range(bisect.bisect_left(tokens, d.start, key=_TOKEN_START),
                         bisect.bisect_left(tokens, d.end, key=_TOKEN_START)))
        context = context_for(self.tokens, k, skip, self.clause_index) if self.tokens else ()
        value = d.low if math.isfinite(d.low) else math.nan
        return Claim(
            start=d.start, end=d.end, surface=d.surface, value=value, interval=Interval(d.low, d.high),
            kind=_KINDS[d.kind], unit="", dimension="", noun="", modifiers=nouns, context=context,
            iso=d.iso, line=self.line, sentence=self.sentence, sentence_start=self.start, place_scope=self.place_scope,
            attributed_to=self.attributed_to)

    def _hyphen_noun(self, fig: _Figure, at: int) -> tuple[str, tuple[str, ...], int] | None:
        """ "a 10-point lead", "a 12-member board", "a 200-page report": a count joined by a
        hyphen to a noun counts that noun (English writes the noun singular there), not the
        noun the compound modifies; units so joined ("a 5-year plan") are read as units before."""
        tokens = self.tokens
        if fig.kind is not Kind.COUNT or fig.unit != "count" or at + 1 >= len(tokens):
            return None
        hyphen, word = tokens[at], tokens[at + 1]
        if hyphen.text != "-" or hyphen.start != fig.end or word.start != hyphen.end:
            return None
        if not word.text[:1].isalpha() or word.lower in STOP or not is_nounish(word.text):
            return None
        return noun_lemma(word.text), (), at + 2

    def _counts_ellipsis(self, fig: _Figure, after: int) -> bool:
        """ "three of them", "seven of the last ten", "two were killed", "four have left": a
        number word above one that stands for its noun, as a partitive or as the subject of
        a plural verb, still counts ("one" is also a pronoun: "one cannot")."""
        if fig.kind is not Kind.COUNT or fig.value < 2 or after >= len(self.tokens):
            return False
        return self.tokens[after].lower in _PLURAL_AFTER_NUMBER

    def _names_a_place(self, fig: _Figure, after: int, noun_end: int) -> bool:
        """ "221 Baker Street", "the 10115 Postal Code": digits before a capitalised singular
        name are an address or a code, not a count (a plural keeps it: "300 Border Patrol agents")."""
        if fig.kind is not Kind.COUNT or fig.written or fig.qualifier is not Qualifier.EXACT:
            return False
        if not self.text[fig.start:fig.end].replace(".", "").isdigit():
            return False  # "63,150 Model 3s", "70 million Galaxy phones": no address has "," or a scale
        if after >= len(self.tokens) or not self.tokens[after].text[:1].isupper():
            return False
        head = self.tokens[max(after, noun_end - 1)]
        if is_plural(head.text):
            return False
        return not self._names_then_plural(after)

    def _names_then_plural(self, k: int) -> bool:
        """ "10 Northwind shares", "50 Skyline A220 jets": up to three names or model codes,
        then a lower-case plural noun, which the number counts (an address ends in its name:
        "221 Baker Street")."""
        for tok in self.tokens[k:k + 4]:
            if tok.text[:1].isupper() or any(ch.isdigit() for ch in tok.text):
                continue
            return tok.text.islower() and is_plural(tok.text) and is_nounish(tok.text)
        return False

    def _owner(self, first: int) -> str:
        """ "the parents of 628 children": what the figure's count belongs to (``parent``).

        Such a figure does not measure the children themselves, so ``of:parent``
        joins its context and keeps it out of the children's measures.
        """
        if first >= 2 and self.tokens[first - 1].lower == "of":
            head = self.tokens[first - 2]
            if head.text[0].isalpha() and head.lower not in STOP and is_nounish(head.text) \
                    and not event_lemma(head.text) \
                    and head.lower not in ("number", "total", "count", "tally", "group", "lot", "dozens",
                                           "hundreds", "thousands", "millions", "sum", "figure"):
                return noun_lemma(head.text)
        return ""

    def _time_scope(self, k: int) -> str:
        if not self.years or not self.tokens:
            return ""
        index = self.clause_index
        at = index.clause_at(k)
        for n in (at, at + 1, at - 1):
            if not 0 <= n < len(index.spans):
                continue
            a, b = index.spans[n]
            lo, hi = self.tokens[a].start, self.tokens[b - 1].end
            i = bisect.bisect_left(self._year_starts, lo)
            while i < len(self.years) and self.years[i].start < hi and not _writes_year(self.years[i]):
                i += 1  # "on March 2": the year is the publication's, read in, not said
            if i < len(self.years) and self.years[i].start < hi and \
                    (n == at or not self._has_other_figure(a, b)):
                return self.years[i].iso[:4]
        return ""

    def _has_other_figure(self, a: int, b: int) -> bool:
        """True when tokens a..b hold a number that is not one of the sentence's years."""
        return any(t.text[0].isdigit() and not self._in_years.covers(t.start) for t in self.tokens[a:b])

    def _change(self, k: int) -> Change:
        """ "rose 5%", "fell by 2.5 points", "up nearly 3%": a change word right before the
        figure, with only "by" or qualifier words between; "cut costs by 10%": a change word
        before such a "by", across the verb's object ("lowered the speed limit by 10 mph").  Some
        words state a change only with "by": a comparative ("edged higher by 0.3%"; "higher than
        5%" is a bound) and verbs such as "raise" ("raised fares by 5%"; "raised $5 million" is
        an amount).  ("closed 2% lower", a comparative after the figure, is not read as a change:
        it lowered value+qualifier on dev half B.)"""
        change, with_by = lexicon().change, lexicon().change_with_by
        j = k - 1
        by = False
        while j >= 0 and self.tokens[j].lower in _BETWEEN_CHANGE_AND_FIGURE:
            by = by or self.tokens[j].lower == "by"
            j -= 1
        if j >= 0 and self.tokens[j].lower in change:
            return Change(change[self.tokens[j].lower])
        for i in range(j, max(-1, j - 6), -1) if by else ():
            word = self.tokens[i].lower
            if word in change or word in with_by:
                return Change(change.get(word) or with_by[word])
            gerund = word.endswith("ing") and is_nounish(self.tokens[i + 1].text)  # "parking fees"
            if not word[:1].isalpha() or word in _CLAUSE_WORDS or (_only_verb(word) and not gerund):
                break  # a comma, a figure, another verb: another clause ("forced it to reprice dues by")
        return Change.NONE


_CLAUSE_WORDS = frozenset({"and", "but", "or", "that", "which", "who", "while", "when", "as", "after", "before"})


_WRITTEN_YEAR_RE = re.compile(r"\d{4}|['’]\d\d\b|\byear\b", re.IGNORECASE)


def _writes_year(d: DateMatch) -> bool:
    """True when a date's text says its year ("April 2018", "2019", "Jan. '21", "May of that
    year"): only such a date scopes the figures beside it to a year; "March 2" takes its year
    from the publication date, which says nothing about which year's figure it is."""
    return d.kind == "year" or _WRITTEN_YEAR_RE.search(d.surface) is not None


def _only_verb(word: str) -> bool:
    """A word the dictionary knows as a verb and not as a noun or adjective ("forced", "plans" is a noun too)."""
    classes = word_classes(word)
    return "VERB" in classes and "NOUN" not in classes and "ADJ" not in classes


@lru_cache(maxsize=65536)
def _common_noun(word: str) -> str | None:
    """The lemma of a lower-case word that can only be a noun, else None (a pure lookup,
    cached: it runs for every token of a sentence with a date)."""
    lower = word.lower()
    if word[0].isalpha() and not word[0].isupper() and lower not in STOP \
            and "NOUN" in word_classes(word) and "VERB" not in word_classes(word) \
            and lower not in ("year", "month", "day", "week"):
        return noun_lemma(word)
    return None


def _dimension(unit: str) -> str:
    try:
        return dimension_of(unit)
    except Exception:  # an unusual pint unit name from quantulum3's catalogue; keep the claim
        return ""


def _place_scope(sentence: str) -> str:
    m = _ALONE_RE.search(sentence)
    if m and m.group(1).split()[0] not in _NOT_PLACES:
        return m.group(1)
    for m in _PART_NAME_RE.finditer(sentence):
        words = m.group(1).split()
        if m.start() == 0 or sentence[:m.start()].strip() in ("\"", "“", "'"):
            words = words[1:]  # a capital at the start of a sentence is not a name
        while words and words[0] in ("The", "A", "An", "This", "That", "Its", "Their"):
            words = words[1:]
        if words and not words[0].isupper():
            return " ".join(words)
    m = _PART_IN_RE.search(sentence)
    if m:
        return m.group(1).strip()
    m = _BARE_PART_RE.search(sentence)
    return m.group(1).lower() if m else ""


def _attribution(sentence: str) -> str:
    """Whom the sentence credits: "according to / per / citing X", "X said / reported / showed",
    "data from X", a closing "(Reuters)"."""
    for pattern in (_ACCORDING_RE, _DATA_FROM_RE, _AGENCY_RE):
        m = pattern.search(sentence)
        if m:
            return m.group(1).strip()
    m = _said_search(sentence)
    if m:
        who = m.group(1).strip()
        words = who.split()
        while words and words[0].lower() in ("and", "but", "that", "as", "which", "who", "it"):
            words.pop(0)
        while words and words[0].lower() in STOP and words[0].lower() not in ("the", "a", "an"):
            words.pop(0)
        head = _TIME_PHRASE_END_RE.sub("", " ".join(words)).split()
        if any(w.lower() in STOP for w in head[1:]):
            return ""
        who = " ".join(words)
        if who and who.lower() not in ("it", "he", "she", "they", "we", "i", "you"):
            return who
    return ""


def _said_search(sentence: str) -> re.Match | None:
    """``_SAID_RE.search(sentence)``, started a few words before the first reporting word.

    Searched from the sentence start, the pattern (up to four words, then the
    reporting word) is tried at every offset: 7% of the extraction time on the
    bundled corpus (profiled).  Every match ends in one of the " <reporting word>"
    that _REPORTING_RE finds, and holds at most 9 spaces; so none starts before
    the 10th space back from the first of them, the pattern looks at nothing
    before its start, and the search from there finds the same match.  Nor does
    one start at or before a mark other than a word character, an apostrophe, a
    hyphen or a space before that first reporting word (a comma, a quote): what a
    match holds before its reporting word is made of those, so the search starts
    after the last such mark (_SAID_BLOCK_RE finds it in one C call).
    """
    first = _REPORTING_RE.search(sentence)
    if first is None:
        return None
    start = first.start()
    for _ in range(_SAID_MAX_SPACES - 1):
        start = sentence.rfind(" ", 0, start)
        if start < 0:
            break
    begin = start + 1 if start >= 0 else 0
    block = _SAID_BLOCK_RE.match(sentence, begin, first.start())
    return _SAID_RE.search(sentence, block.end() if block is not None else begin)
