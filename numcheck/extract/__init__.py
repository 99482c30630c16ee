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
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from datetime import date

from ..records import Change, Claim, Interval, Kind, Qualifier
from ..units import UnitName, dimension_of, unit_surfaces
from . import corrections
from .dates import MONTHS as MONTHS_LOWER, DateMatch, find_dates
from .lexicon import lexicon
from .nouns import (STOP, ClauseIndex, Token, context_for, event_lemma, is_nounish, is_plural, noun_before,
                    noun_lemma, noun_span_after, subject_for, tokenize, word_classes)
from .numbers import NumberMatch, ORDINAL_WORDS, find_numbers
from .qualifiers import DEFAULT, Semantics, find_qualifier_after, find_qualifier_before, find_vague, interval_for
from .scan import (CURRENCY_CODES, FRACTION_TRIGGERS, MONTH_WORDS, NUMBER_WORDS, ORDINALS, VAGUE_WORDS, scan,
                   starts)
from .sentences import find_sentences
from .spans import Spans

__all__ = ["extract", "extract_text", "Semantics"]

_PERCENT_RE = re.compile(r"^\s?(%|percent\b|per\s?cent\b|pct\b|percentage points?\b|points?\b(?= of\b))|^pc\b",
                         re.IGNORECASE)
_CLOCK_RE = re.compile(r"^\s?[ap]\.?m\b\.?", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\b", re.IGNORECASE)
_PART_NAME_RE = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3})(?:" + "|".join(sorted(lexicon().part_markers))
                           + r")\b")
_PART_IN_RE = re.compile(r"\b(?:" + "|".join(sorted(lexicon().part_markers))
                         + r")\s+(?:program\s+|programme\s+)?in\s+((?:[A-Z][a-z]+\s?){1,3})")
_ATTRIBUTION_WORDS = frozenset(lexicon().reporting) | {"according", "per", "citing", "data", "figures",
                                                       "numbers", "statistics", "records", ")"}
_PART_WORDS = frozenset(lexicon().part_markers) | {w.split()[0] for w in lexicon().bare_part_markers}
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
_AGENCY_RE = re.compile(r"\(([A-Z][\w&.]*(?: [A-Z][\w&.]*){0,3})\)\s*[.!?]?[\"”]?\s*$")
_DATA_FROM_RE = re.compile(r"\b((?:[Dd]ata|[Ff]igures|[Nn]umbers|[Ss]tatistics|[Rr]ecords) from "
                           r"(?:the )?[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,4})")


_BETWEEN_CHANGE_AND_FIGURE = frozenset({"by", "some", "about", "nearly", "almost", "roughly", "around",
                                        "more", "than", "over", "just", "under", "less", "fewer", "a",
                                        "an", "another", "further", "only", "at", "least", "approximately"})


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
    change: Change | None = None  # set when the wording itself is a change ("from 4.8 to 4.7")
    step: float = 1.0  # the rounding step of the digits, to recompute the interval


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
    not_figures = _not_figures(text, hits)
    dates = find_dates(text, published, masked, (starts(hits, MONTH_WORDS), digits))
    blocked = Spans(not_figures)
    dates = [d for d in dates if not blocked.overlaps(d.start, d.end)]
    numbers = find_numbers(text, masked + not_figures,
                           (starts(hits, NUMBER_WORDS | ORDINALS | CURRENCY_CODES, digits=True),
                            starts(hits, FRACTION_TRIGGERS)))
    dates = [d for d in dates if not (d.kind == "year" and _year_is_count(text, d))]
    in_dates = Spans((d.start, d.end) for d in dates)
    numbers = [n for n in numbers if not in_dates.covers(n.start)]
    numbers = _drop_overlaps(numbers)
    in_numbers = Spans((n.start, n.end) for n in numbers)
    vague = [v for v in find_vague(text, starts(hits, VAGUE_WORDS)) if not in_numbers.overlaps(v[0], v[1])]
    candidates = [n.start for n in numbers] + [d.start for d in dates] + [v[0] for v in vague]
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    claims: list[Claim] = []
    sentences = find_sentences(text, candidates)
    by_sentence = _partition(sentences, numbers, dates, vague)
    for (s_start, s_end), (s_numbers, s_dates, s_vague) in zip(sentences, by_sentence):
        if not (s_numbers or s_dates or s_vague):
            continue
        sentence = _Sentence(text, s_start, s_end, s_dates, bisect.bisect_right(line_starts, s_start))
        figures = [f for f in _figures(text, s_numbers, s_end, semantics) if f is not None]
        figures = [f for f in figures if not _is_label(text, f, s_start)]
        figures += [_vague_figure(text, v, s_end) for v in s_vague]
        for fig in _inherit_bounds(text, sorted(figures, key=lambda f: f.start), semantics):
            claim = sentence.claim_for_figure(fig)
            if claim is not None:
                claims.append(claim)
        for d in s_dates:
            claims.append(sentence.claim_for_date(d))
    return sorted(claims, key=lambda c: c.start)


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
    """ "just under 296 hp (224 kW / 300 PS)": a conversion in brackets keeps the bound of
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


def _partition(sentences: list[tuple[int, int]], *groups) -> list[tuple[list, ...]]:
    """Each group's items (sorted by start) split by sentence, in one pass per group."""
    starts = [a for a, _ in sentences]
    out = [tuple([] for _ in groups) for _ in sentences]
    for g, items in enumerate(groups):
        for x in items:
            i = bisect.bisect_right(starts, _start(x)) - 1
            if i >= 0 and _start(x) < sentences[i][1]:
                out[i][g].append(x)
    return out


def _not_figures(text: str, hits) -> list[tuple[int, int]]:
    """Spans of fixed phrases ("zero tolerance", "one of") near the hits."""
    pattern, spans = lexicon().not_figures, []
    gate = _not_figure_gate(pattern)
    for h in hits:
        if gate is not None and not _may_be_in_phrase(text, h, gate):
            continue  # no phrase can cover this hit: skip the search (most hits: "3,000", "May")
        for m in pattern.finditer(text, max(0, h.start - 16), h.start + 24):
            if m.start() <= h.start < m.end() and (m.start(), m.end()) not in spans:
                spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=4)
def _not_figure_gate(pattern: re.Pattern) -> tuple[frozenset[str], str] | None:
    """What a hit must be for a phrase of ``pattern`` to cover it: (the substrings of the
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
    source = pattern.pattern.lower()
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


def _drop_overlaps(numbers: list[NumberMatch]) -> list[NumberMatch]:
    """Prefer fractions ("two-thirds") over the number words inside them."""
    fractions = Spans((o.start, o.end) for o in numbers if o.fraction)
    if not len(fractions):
        return numbers
    return [n for n in numbers if n.fraction or not fractions.contains(n.start, n.end)]


def _year_is_count(text: str, d: DateMatch) -> bool:
    """ "2000 people": a year-shaped number followed by a plural noun is a count."""
    if re.match(r"\s*(?:-|–|to)\s*\d", text[d.end:d.end + 8]) and d.iso.isdigit():
        return True  # "2000 - 2500 calories"
    m = re.match(r"\s+([A-Za-z]+)", text[d.end:d.end + 30])
    if not m:
        return False
    word = m.group(1)
    return word.lower() not in ("and", "to") and is_nounish(word) and is_plural(word) \
        and "VERB" not in word_classes(word)


# -- figures: number + qualifier + unit ----------------------------------------------------------

_JOIN_RE = re.compile(r"^\s*(?:%|percent|per\s?cent|pc)?\s*-?\s*(?P<join>-|–|—|to|and|or)\s*"
                      r"(?:US|HK|NZ|C|A|S)?\s?[$€£¥]?\s*$", re.IGNORECASE)


def _range_join(text: str, a: NumberMatch, b: NumberMatch) -> str | None:
    """How two numbers form a range, or None.

    "2,000 to 3,000", "2,000-3,000", "5% to 6%", "$10 to $15 billion"; "between 5 and 10"
    (``and`` only after "between"); "three or four years" (``or`` only for close neighbours);
    "from 4.8 to 4.7 percent" (``from``: a change, reported in ``change``).
    """
    if a.ordinal or b.ordinal or a.fraction or b.fraction:
        return None
    m = _JOIN_RE.match(text[a.end:b.start])
    if m is None:
        return None
    join = m.group("join").lower()
    between = text[a.end:b.start]
    if re.search(r"%|per\s?cent|percent|\bpc\b", between, re.IGNORECASE) and \
            not _PERCENT_RE.match(text[b.end:b.end + 12]):
        return None  # "up 9.4 per cent to $84": a change, then a level in another unit
    before = text[max(0, a.start - 12):a.start].lower().rstrip()
    if join == "and" and not before.endswith("between"):
        return None
    if join == "or" and not (0 < a.value < b.value <= 2 * a.value):
        return None
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
        if join is not None:
            yield _range_figure(text, n, nxt, limit, join)
            k += 2
            continue
        yield _figure(text, n, limit, semantics)
        k += 1


def _unit_after(text: str, n: NumberMatch, limit: int) -> tuple[str, str, int]:
    """(kind, pint unit, end) of the unit written after a number; kind "" when none."""
    after = text[n.end:min(limit, n.end + 60)]
    if n.fraction:
        return "percent", "percent", n.end
    m = _PERCENT_RE.match(after)
    if m:
        return "percent", "percent", n.end + m.end()
    if n.currency:
        m = re.match(r"\s?(dollars?|euros?|pounds?)\b", after, re.IGNORECASE)
        return "money", n.currency, n.end + (m.end() if m else 0)
    word = _currency_word(after)
    if word is not None:
        return "money", word[0], n.end + word[1]
    glued = bool(after[:1].isalpha())
    if _CLOCK_RE.match(after) or (glued and re.match(r"s\b", after)):
        return "reject", "", n.end  # "2 p.m.", "10pm": a time of day; "Model 3s", "5s": a plural
    words = re.match(r"(\s?|-)([^\s,;:()-]+)(?:[\s-]([^\s,;:()-]+))?(?:\s([^\s,;:()]+))?", after)
    if not words:
        return "", "", n.end
    table = unit_surfaces()
    parts = [w for w in words.groups()[1:] if w]
    for size in range(len(parts), 0, -1):
        surface = " ".join(parts[:size]).rstrip(".")
        power = ""
        if surface[-1:] in "23²³" and surface[:-1].rstrip("^").isalpha():
            power = {"2": "2", "²": "2", "3": "3", "³": "3"}[surface[-1]]  # "km2", "m²", "km^3"
            surface = surface[:-1].rstrip("^")
        unit = table.get(surface) or table.get(surface.lower())
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
        if not corrections.accept_unit(surface, rest, glued, unit):
            continue
        end = n.end + after.index(parts[size - 1]) + len(parts[size - 1].rstrip("."))
        pint_unit = unit.pint_unit
        if surface.lower() in ("pound", "pounds"):
            pint_unit = corrections.pounds_unit(text[max(0, n.start - 3):n.start], text[n.start:limit])
            return ("money" if pint_unit == "GBP" else "measure"), pint_unit, end
        return unit.kind, pint_unit, end
    if glued:
        return "reject", "", n.end
    return "", "", n.end


_RATE_RE = re.compile(r"\s?(?:per|a|an|each|/)\s?([A-Za-z]+)\b")
_CURRENCY_WORD_RE = re.compile(r"\s?((?:[A-Za-z]+\s)?[A-Za-z]+)\b")


def _currency_word(after: str) -> tuple[str, int] | None:
    """ "9 billion shekels", "7.5 million Danish crowns", "19 cents" -> (ISO code, length)."""
    words = lexicon().currency_words
    m = _CURRENCY_WORD_RE.match(after)
    if m is None:
        return None
    phrase = m.group(1).lower()
    for candidate, length in ((phrase, m.end()), (phrase.split()[0], m.start(1) + len(phrase.split()[0]))):
        if candidate in words:
            return words[candidate], length
    return None


def _with_rate(text: str, kind: str, unit: str, end: int, limit: int) -> tuple[str, int]:
    """ "$58.24 per barrel", "$14.95 a month", "$6 per share": the unit becomes a rate."""
    if kind in ("", "reject") or unit in ("", "count"):
        return unit, end
    m = _RATE_RE.match(text, end, limit)
    if m is None:
        return unit, end
    word = m.group(1)
    table = unit_surfaces()
    den = table.get(word.lower()) or table.get(noun_lemma(word))
    if den is not None and not den.symbol and den.kind in ("duration", "measure"):
        return f"{unit} / {den.pint_unit}", m.end()
    if den is None and kind == "money" and word.islower() and is_nounish(word) and m.group(0).strip()[:1] != "a":
        return f"{unit} / {noun_lemma(word)}", m.end()  # "per share", "per head"
    return unit, end


def _figure(text: str, n: NumberMatch, limit: int, semantics: Semantics) -> _Figure | None:
    kind, unit, end = _unit_after(text, n, limit)
    unit, end = _with_rate(text, kind, unit, end, limit)
    if kind == "reject":
        return None
    if n.ordinal:
        return _Figure(n.start, n.end, n.value, Interval.point(n.value), Qualifier.EXACT, Kind.ORDINAL,
                       "", n.written)
    start, qualifier = n.start, Qualifier.EXACT
    q = find_qualifier_before(text[max(0, n.start - 40):n.start])
    if q is not None:
        qualifier, start = q[0], n.start - q[1]
    q_after = find_qualifier_after(text[end:min(limit, end + 30)])
    if q_after is not None and qualifier is Qualifier.EXACT:
        qualifier, end = q_after[0], end + q_after[1]
    kind_enum = Kind(kind) if kind else Kind.COUNT
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
        first = a.value * b.scale  # "$10 to $15 billion", "1 to 2 thousand": the scale covers both
    if not kind and a.currency:
        kind, unit = "money", a.currency
    low, high = sorted((first, b.value))
    start = a.start
    if join == "from":
        start = text.rfind("from", 0, a.start)
    elif join == "and":
        start = text.lower().rfind("between", 0, a.start)
    q = find_qualifier_before(text[max(0, start - 40):start])
    if q is not None and q[0] is Qualifier.ABOUT:
        start -= q[1]
    kind_enum = Kind(kind) if kind else Kind.COUNT
    change = Change.NONE if join != "from" else (Change.UP if b.value > first else Change.DOWN)
    return _Figure(start, end, low, Interval(low, high), Qualifier.RANGE, kind_enum,
                   unit or "count", a.written and b.written, change)


_LABEL_BEFORE_RE = re.compile(r"(?:\b([A-Za-z][\w&.'’-]*)|(\())\s?$")
_NOT_LABEL_WORDS = frozenset({"about", "around", "nearly", "almost", "over", "under", "some", "roughly",
                              "approximately", "only", "just", "more", "less", "than", "at", "least", "up",
                              "to", "by", "of", "in", "on", "for", "from", "and", "or", "the", "a", "an",
                              "with", "between", "were", "was", "is", "are", "had", "has", "have", "after",
                              "since", "until", "within", "per", "as", "all", "by", "minus", "plus", "each",
                              "another", "those", "these", "its", "their", "his", "her", "our", "your",
                              "my", "that", "this", "than", "no", "nearly", "top", "aged", "age", "page"})


def _is_label(text: str, fig: _Figure, sentence_start: int) -> bool:
    """ "iPhone 11", "Section 427", "S&P 500", "Big 12", "Part 3", "(4)": a bare number that
    names something is not a figure.

    A plain count (no unit, no qualifier, digits) right after a capitalised word or
    a name-like token that is not the sentence's first word, or alone in brackets.
    """
    if fig.kind is not Kind.COUNT or fig.qualifier is not Qualifier.EXACT:
        return False
    surface = text[fig.start:fig.end]
    if not (surface[:1].isdigit() or (fig.written and surface[:1].isupper() and " " not in surface)):
        return False
    m = _LABEL_BEFORE_RE.search(text, max(sentence_start, fig.start - 30), fig.start)
    if m is None:
        return False
    if m.group(2):  # "(4)": a number alone in brackets
        return text[fig.end:fig.end + 1] == ")"
    word = m.group(1)
    if m.start() == sentence_start or word.lower() in _NOT_LABEL_WORDS:
        return False
    if word.lower().rstrip(".") in MONTHS_LOWER:
        return False
    return word[0].isupper() or any(ch.isupper() for ch in word[1:]) or "&" in word


def _vague_figure(text: str, v, limit: int) -> _Figure:
    start, end, surface, interval = v
    after = text[end:limit]
    m = re.match(r"\s+of\s+(dollars|euros|pounds)\b", after, re.IGNORECASE)
    if m:
        unit = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}[m.group(1).lower()]
        return _Figure(start, end + m.end(), interval.low, interval, Qualifier.VAGUE, Kind.MONEY, unit, True)
    return _Figure(start, end, interval.low, interval, Qualifier.VAGUE, Kind.COUNT, "count", True)


# -- the sentence around a figure: noun, context, scopes ------------------------------------------

class _Sentence:
    """One sentence, tokenised once, that turns figures and dates into claims."""

    def __init__(self, text: str, start: int, end: int, dates: list[DateMatch], line: int = 1) -> None:
        self.text, self.start, self.end = text, start, end
        self.sentence = text[start:end]
        self.tokens: list[Token] = tokenize(self.sentence, start)
        self._token_ends = [t.end for t in self.tokens]
        self._clauses: ClauseIndex | None = None
        self.years = sorted((d for d in dates if d.kind == "year" or d.iso[:1].isdigit()), key=lambda d: d.start)
        self._year_starts = [d.start for d in self.years]
        self._in_years = Spans((d.start, d.end) for d in self.years)
        self.line = line
        # the attribution and part regexes are the slowest per sentence; a word lookup
        # first skips the (most) sentences that cannot match
        words = {t.lower for t in self.tokens}
        self.attributed_to = _attribution(self.sentence) if words & _ATTRIBUTION_WORDS else ""
        self.place_scope = _place_scope(self.sentence) if words & _PART_WORDS else ""

    @cached_property
    def common_nouns(self) -> tuple[str, ...]:
        """A date's modifiers: the common nouns of its sentence, what happened on it."""
        lemmas = map(_common_noun, [t.text for t in self.tokens])
        return tuple(dict.fromkeys(lemma for lemma in lemmas if lemma is not None))

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @property
    def clause_index(self) -> ClauseIndex:
        if self._clauses is None:
            self._clauses = ClauseIndex(self.tokens)
        return self._clauses

    def _index(self, offset: int) -> int:
        """Index of the first token ending after ``offset``."""
        return bisect.bisect_right(self._token_ends, offset)

    def claim_for_figure(self, fig: _Figure) -> Claim | None:
        first, after = self._index(fig.start), self._index(fig.end)
        noun, modifiers = "", ()
        skip = set(range(first, after))
        noun_end = after
        if fig.kind in (Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.MEASURE, Kind.ORDINAL):
            at = after
            if fig.kind in (Kind.PERCENT, Kind.COUNT) and at < len(self.tokens) and self.tokens[at].lower == "of":
                at += 2 if at + 1 < len(self.tokens) and self.tokens[at + 1].lower in ("the", "their", "its", "all") else 1
            noun, modifiers, end = noun_span_after(self.tokens, at, fig.value)
            if noun:
                noun_end = end
            skip |= set(range(at, at + len(modifiers) + (1 if noun else 0)))
            if not noun and fig.kind is not Kind.ORDINAL:
                noun, modifiers = noun_before(self.tokens, first)
        if self._names_a_place(fig, after, noun_end if noun else after):
            return None
        if fig.written and not noun and fig.kind in (Kind.COUNT, Kind.ORDINAL) and \
                fig.qualifier is not Qualifier.VAGUE and fig.value < 13:
            return None  # "one cannot", "the two butted heads": a small number word needs a noun
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
            subject=subject_for(self.tokens, first, noun_end) if self.tokens else "")

    def claim_for_date(self, d: DateMatch) -> Claim:
        k = self._index(d.start)
        nouns = self.common_nouns
        starts = self._token_starts  # the tokens starting inside the date, found by bisection
        skip = set(range(bisect.bisect_left(starts, d.start), bisect.bisect_left(starts, d.end)))
        context = context_for(self.tokens, k, skip, self.clause_index) if self.tokens else ()
        value = d.low if math.isfinite(d.low) else math.nan
        return Claim(
            start=d.start, end=d.end, surface=d.surface, value=value, interval=Interval(d.low, d.high),
            kind=Kind(d.kind), unit="", dimension="", noun="", modifiers=nouns, context=context,
            iso=d.iso, line=self.line, sentence=self.sentence, sentence_start=self.start, place_scope=self.place_scope,
            attributed_to=self.attributed_to)

    def _names_a_place(self, fig: _Figure, after: int, noun_end: int) -> bool:
        """ "575 Wilbraham Road", "the 90049 ZIP Code": digits before a capitalised singular
        name are an address or a code, not a count (a plural keeps it: "300 Border Patrol agents")."""
        if fig.kind is not Kind.COUNT or fig.written or fig.qualifier is not Qualifier.EXACT:
            return False
        if after >= len(self.tokens) or not self.tokens[after].text[:1].isupper():
            return False
        head = self.tokens[max(after, noun_end - 1)]
        return not is_plural(head.text)

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
            if i < len(self.years) and self.years[i].start < hi and \
                    (n == at or not self._has_other_figure(a, b)):
                return self.years[i].iso[:4]
        return ""

    def _has_other_figure(self, a: int, b: int) -> bool:
        """True when tokens a..b hold a number that is not one of the sentence's years."""
        return any(t.text[0].isdigit() and not self._in_years.covers(t.start) for t in self.tokens[a:b])

    def _change(self, k: int) -> Change:
        """ "rose 5%", "fell by 2.5 points", "up nearly 3%": a change word right before the
        figure, with only "by" or qualifier words between."""
        change = lexicon().change
        j = k - 1
        while j >= 0 and self.tokens[j].lower in _BETWEEN_CHANGE_AND_FIGURE:
            j -= 1
        if j >= 0 and self.tokens[j].lower in change:
            return Change(change[self.tokens[j].lower])
        return Change.NONE


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
        head = re.sub(_TIME_PHRASE + "$", "", " ".join(words)).split()
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
    before its start, and the search from there finds the same match.
    """
    first = _REPORTING_RE.search(sentence)
    if first is None:
        return None
    start = first.start()
    for _ in range(_SAID_MAX_SPACES - 1):
        start = sentence.rfind(" ", 0, start)
        if start < 0:
            break
    return _SAID_RE.search(sentence, start + 1 if start >= 0 else 0)
