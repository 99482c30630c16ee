"""The sentence around a figure: one sentence, tokenised once, turns its figures and dates into
:class:`numcheck.Claim` records with their noun, context events, subject, time and place scope.

Split out of the package module :mod:`numcheck.extract`.
"""

from __future__ import annotations

import bisect
import math
from itertools import compress
from operator import attrgetter

from ..records import Change, Claim, Interval, Kind, Qualifier, new_claim
from .change_words import NOUN_DETERMINERS, change_before, level_reached
from .claim_words import (IN_ALL, ORDER_WORDS, _ELLIPSIS_END, _OF_DETERMINERS, _PLURAL_AFTER_NUMBER, _REDUPLICATING,
                          _TALLY_END, _adjective_as_noun, _is_number_token, _reduplicated, _whole_number_at)
from .counted import SCALE_OPENERS, SET_OFF, not_counted_after, scale_noun_before, verb_base_as_noun, verb_s_as_plural
from .date_claims import (_TOKEN_TEXT, _common_noun, _heads_after_determiner, _opens_noun_phrase, _weekday_before,
                          _writes_year)
from .dates import DateMatch
from .ellipsis import in_tally
from .figures import _KINDS, _Figure
from .labels import past_model
from .nouns import (AMOUNT_HEADS, STOP, ClauseIndex, Token, context_for, event_lemma, is_nounish, is_plural, noun_lemma,
                    noun_span_after, tokenize, word_classes)
from .nouns_before import noun_before
from .numbers import SCALE_WORDS
from .scopes import _ATTRIBUTION_WORDS, _PART_WORDS, _attribution, _place_scope
from .spans import Spans
from .subjects import subject_for
from .units_after import _dimension
from .words import is_adjish

# Enum members read for every figure, bound once (records.py says why)
_CHANGE_NONE = Change.NONE
_KIND_COUNT = Kind.COUNT
_KIND_MEASURE = Kind.MEASURE
_KIND_MONEY = Kind.MONEY
_KIND_ORDINAL = Kind.ORDINAL
_KIND_PERCENT = Kind.PERCENT
_QUALIFIER_EXACT = Qualifier.EXACT
_QUALIFIER_VAGUE = Qualifier.VAGUE



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
        self.attributed_to = _attribution(self.sentence, words) if words & _ATTRIBUTION_WORDS else ""
        self.place_scope = _place_scope(self.sentence) if words & _PART_WORDS else ""

    @_lazy
    def common_nouns(self) -> tuple[str, ...]:
        """A date's modifiers: the common nouns of its sentence, what happened on it."""
        # the distinct lemmas in order (maps and a dict, no Python step per token), less None
        lemmas = dict.fromkeys(map(_common_noun, map(_TOKEN_TEXT, self.tokens)))
        lemmas.pop(None, None)
        tokens = self.tokens
        if "'" in self.sentence or "’" in self.sentence:  # a possessive may open a phrase too
            opens = compress(range(len(tokens) - 1), map(_opens_noun_phrase, map(_TOKEN_LOWER, tokens[:-1])))
        else:  # the determiners only, by a set's own lookup (no Python call per word)
            opens = compress(range(len(tokens) - 1), map(NOUN_DETERMINERS.__contains__, map(_TOKEN_LOWER, tokens[:-1])))
        for k in opens:
            for lemma in _heads_after_determiner(tokens, k + 1):
                lemmas.setdefault(lemma, None)
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
        noun, modifiers, whole = "", (), ""
        counted, owner = True, ()
        skip = set(range(first, after)) | level_reached(self.tokens, first)
        noun_end = after
        part = False  # "lost four of its last five games": a part of a whole, no amount of change
        if fig.kind in (_KIND_COUNT, _KIND_MONEY, _KIND_PERCENT, _KIND_MEASURE, _KIND_ORDINAL) and not (
                fig.kind is _KIND_COUNT and in_tally(self.text, fig.start, fig.end)):
            at = after
            if fig.kind in (_KIND_PERCENT, _KIND_COUNT) and at < len(self.tokens) and self.tokens[at].lower == "of":
                at += 2 if at + 1 < len(self.tokens) and self.tokens[at + 1].lower in _OF_DETERMINERS else 1
                if at + 1 < len(self.tokens) and self.tokens[at].lower.endswith(("'s", "’s")):
                    # "of the country's 3,100 counties", "two of the mayor's aides": a possessive
                    # determines the whole, as "the" does; its owner stays a modifier of the noun
                    owner, at = (self.tokens[at].lower[:-2],), at + 1
                whole_at = _whole_number_at(self.tokens, at)
                if whole_at >= 0:  # "14 of the 20 wells", "four of its last five games", "half of the 900
                    # staff": the part (or share) counts what the whole counts
                    at, part = whole_at + 1, fig.kind is _KIND_COUNT
                    while at + 1 < len(self.tokens) and self.tokens[at].lower in SCALE_WORDS:
                        at += 1  # "of the world's 7.8 billion people"
            elif fig.kind is _KIND_PERCENT and fig.written and at < len(self.tokens) \
                    and self.tokens[at].lower in _OF_DETERMINERS:
                at += 1  # "half their income", "a third the size": a fraction before a determiner
            if fig.kind is _KIND_COUNT:
                at = past_model(self.tokens, at)
            hyphen = self._hyphen_noun(fig, at) or (
                scale_noun_before(self.tokens, first, at) if fig.kind is _KIND_COUNT and first >= 2
                and self.tokens[first - 2].lower in SCALE_OPENERS and self.tokens[first - 1].lower not in STOP
                and _is_number_token(self.tokens[first]) else None)
            noun, modifiers, end = hyphen or noun_span_after(
                self.tokens, at, fig.value, premodifiers=fig.kind is not _KIND_ORDINAL)
            if hyphen:  # "a four-cylinder engine": the figure describes the engine
                whole = noun_span_after(self.tokens, end, 1.0, premodifiers=False)[0]
            elif fig.kind is _KIND_COUNT and noun in AMOUNT_HEADS and not modifiers and end == at + 1 \
                    and self.tokens[at].lower == noun:
                counted = False  # "the 120 level", "his 22 total": the head names the figure itself
            elif fig.kind is _KIND_COUNT and end == at + 1 and not modifiers and fig.value > 1 \
                    and not_counted_after(self.tokens, at):
                counted = False
            elif noun and end + 1 < len(self.tokens) and self.tokens[end].lower in _REDUPLICATING \
                    and _reduplicated(self.tokens, end, noun):
                noun, modifiers = "", ()  # "climbed 14.5% year over year": an adverb, no counted noun
            if noun:
                noun_end = end
            skip |= set(range(at, at + len(modifiers) + (1 if noun else 0)))
            if noun and owner:
                modifiers = owner + modifiers
            if not noun and fig.kind is _KIND_COUNT and _adjective_as_noun(self.tokens, at):
                noun, noun_end = self.tokens[at].lower, at + 1  # "three of the injured": its event stays
            elif not noun and fig.kind is _KIND_COUNT and (verb_s_as_plural(self.tokens, at) if fig.value > 1 else
                                                           fig.value == 1 and verb_base_as_noun(self.tokens, at)):
                noun, noun_end = word_classes(self.tokens[at].lower)["VERB"][0].lower(), at + 1
            if not noun and fig.kind is not _KIND_ORDINAL:
                noun, modifiers = noun_before(self.tokens, first, fig.kind is not _KIND_COUNT)
                # "the toll stood at 58", "a score of 64": a noun before a count names what the
                # figure is (it measures it), not what it counts; set off by a dash or a colon
                # ("migrant children—nearly 70,000") the phrase is one the count restates
                counted = not noun or first == 0 or self.tokens[first - 1].text in SET_OFF
        if self._names_a_place(fig, after, noun_end if noun else after):
            return None
        if fig.written and not noun and fig.kind in (_KIND_COUNT, _KIND_ORDINAL) and \
                fig.qualifier is not _QUALIFIER_VAGUE and fig.value < 13 and float(fig.value).is_integer() \
                and not self._counts_ellipsis(fig, after):
            # "one cannot", "the two butted heads": a small number word needs a noun; a fraction
            # in words ("one sixth", "three halves") names an amount by itself
            return None
        if fig.written and fig.kind is _KIND_ORDINAL and not noun:
            return None
        context = context_for(self.tokens, min(first, len(self.tokens) - 1), skip, self.clause_index,
                              figure=True) if self.tokens else ()
        owner = self._owner(first) if fig.kind is _KIND_COUNT and noun else ""
        if owner:
            context = tuple(sorted(set(context) | {f"of:{owner}"}))
        if noun and self._counts_a_whole(fig, first, after):
            context = tuple(sorted(set(context) | {IN_ALL}))
        surface = self.text[fig.start:fig.end]
        return new_claim(
            start=fig.start, end=fig.end, surface=surface, value=fig.value, interval=fig.interval,
            kind=fig.kind, qualifier=fig.qualifier, unit=fig.unit, dimension=_dimension(fig.unit),
            noun=noun, modifiers=modifiers, context=context, time_scope=self._time_scope(first),
            place_scope=self.place_scope, line=self.line,
            change=fig.change or (_CHANGE_NONE if part else change_before(self.tokens, first, fig.kind is not _KIND_COUNT, noun_end > after)),
            sentence=self.sentence,
            sentence_start=self.start, attributed_to=self.attributed_to,
            subject=whole or subject_for(self.tokens, first, noun_end, after=after, money=fig.kind is _KIND_MONEY,
                                          count=fig.kind is _KIND_COUNT, head=noun),
            noun_counted=counted)

    def claim_for_date(self, d: DateMatch) -> Claim:
        k = self._index(d.start)
        nouns = self.common_nouns
        tokens = self.tokens  # the tokens starting inside the date, found by bisection
        skip = set(range(bisect.bisect_left(tokens, d.start, key=_TOKEN_START),
                         bisect.bisect_left(tokens, d.end, key=_TOKEN_START)))
        context = context_for(self.tokens, k, skip, self.clause_index) if self.tokens else ()
        weekday = _weekday_before(tokens, k)
        if weekday != k:  # "on Tuesday, May 5": the weekday's clause too (see _weekday_before)
            context = tuple(sorted({*context, *context_for(tokens, weekday, skip, self.clause_index)}))
        value = d.low if math.isfinite(d.low) else math.nan
        return new_claim(
            start=d.start, end=d.end, surface=d.surface, value=value, interval=Interval(d.low, d.high),
            kind=_KINDS[d.kind], unit="", dimension="", noun="", modifiers=nouns, context=context,
            iso=d.iso, line=self.line, sentence=self.sentence, sentence_start=self.start, place_scope=self.place_scope,
            attributed_to=self.attributed_to)

    def _hyphen_noun(self, fig: _Figure, at: int) -> tuple[str, tuple[str, ...], int] | None:
        """ "a 10-point lead", "a 12-member board", "a 200-page report": a count joined by a
        hyphen to a noun counts that noun (English writes the noun singular there), not the
        noun the compound modifies, which is the figure's subject (what it describes: the board);
        units so joined ("a 5-year plan") are read as units before."""
        tokens = self.tokens
        if fig.kind is not _KIND_COUNT or fig.unit != "count" or at >= len(tokens):
            return None
        joined = tokens[at]
        if joined.start < fig.end < joined.end and joined.text[fig.end - joined.start] == "-":
            # "a four-cylinder engine": a number word and its noun are one token
            word = joined.text[fig.end - joined.start + 1:]
            if word.isalpha() and word.islower() and word not in STOP and is_nounish(word):
                return noun_lemma(word), (), at + 1
            return None
        if at + 1 >= len(tokens):
            return None
        hyphen, word = tokens[at], tokens[at + 1]
        if hyphen.text != "-" or hyphen.start != fig.end or word.start != hyphen.end:
            return None
        if not word.text[:1].isalpha() or word.lower in STOP or not is_nounish(word.text):
            return None
        return noun_lemma(word.text), (), at + 2

    def _counts_a_whole(self, fig: _Figure, first: int, after: int) -> bool:
        """ "won 38 of the 71 seats", "the 71-seat assembly": the figure is the size of the
        whole set, the part's figure (38) or another's share ("won 41 seats") is drawn from.

        Grammar, not words: a count after "of" + a determiner that itself follows a count
        (the partitive "N of the M X": M is the whole), or a count joined by a hyphen to a
        noun that modifies the next noun (a compound adjective: the size of that thing).
        Such a figure gets ``in all`` in its context, so it joins the other wholes, never
        the parts or the shares; a count with decimals never does.

        >>> from numcheck import extract_text
        >>> [c.context for c in extract_text("The 71-seat assembly met after a 6.8-magnitude quake.")]
        [('in all', 'meet'), ('meet',)]
        """
        if fig.kind is not _KIND_COUNT or not float(fig.value).is_integer():
            return False  # "a 6.8-magnitude quake": a set has a whole number of members
        tokens = self.tokens
        det = first - 2 if first >= 2 and tokens[first - 1].lower in ORDER_WORDS else first - 1
        if det >= 2 and tokens[det].lower in _OF_DETERMINERS and tokens[det - 1].lower == "of" \
                and _is_number_token(tokens[det - 2]):
            return True
        return after + 2 < len(tokens) and tokens[after].text == "-" and tokens[after].start == fig.end \
            and tokens[after + 2].text[:1].islower() and is_nounish(tokens[after + 2].text) \
            and not is_plural(tokens[after + 1].text) and tokens[after + 2].lower not in STOP

    def _counts_ellipsis(self, fig: _Figure, after: int) -> bool:
        """ "three of them", "seven of the last ten", "two were killed", "four have left", "two more": a
        number word above one that stands for its noun, as a partitive or as the subject of
        a plural verb, still counts ("one" is also a pronoun: "one cannot")."""
        if fig.kind is not _KIND_COUNT:
            return False
        if fig.value < 2:  # "including one from the wing": a subset of a count said before it
            return self._after_including(fig)
        if after >= len(self.tokens) or self.tokens[after].text in _ELLIPSIS_END:
            return self._describes_ellipsis(fig) or self._after_including(fig)
        return self.tokens[after].lower in _PLURAL_AFTER_NUMBER or self._after_including(fig)

    def _after_including(self, fig: _Figure) -> bool:
        """ "five sacks, including two from the rookie": a number word right after "including" (or
        "excluding") names a part of a count or list said before it, and stands for its noun; the
        pronoun reading of "one" ("one cannot") takes no such preposition before it."""
        k = bisect.bisect_left(self.tokens, fig.start, key=_TOKEN_START) - 1
        return k >= 0 and self.tokens[k].lower in ("including", "excluding")

    def _describes_ellipsis(self, fig: _Figure) -> bool:
        """ "an interception for a league-best five.", "Ruiz hit nine homers and Ortiz seven,": a
        number word that ends its clause after a describing word or a name stands for the noun the
        clause left out (after a preposition, "at five," it is a time or a score instead)."""
        k = next((i for i, t in enumerate(self.tokens) if t.start >= fig.start), 0) - 1
        if k < 0:
            return False
        prev = self.tokens[k]
        last = prev.text.rsplit("-", 1)[-1]  # "league-leading", "NFL-best": a describing compound
        if "-" in prev.text and last.isalpha() and last.islower():
            return is_adjish(last) or last.endswith(("ing", "ed"))
        return k > 0 and prev.text[:1].isupper() and prev.text.isalpha()  # "and Ortiz seven": a gapped clause's subject

    def _names_a_place(self, fig: _Figure, after: int, noun_end: int) -> bool:
        """ "221 Baker Street", "the 10115 Postal Code": digits before a capitalised singular
        name are an address or a code, not a count (a plural keeps it: "300 Border Patrol agents")."""
        if fig.kind is not _KIND_COUNT or fig.written or fig.qualifier is not _QUALIFIER_EXACT:
            return False
        if not self.text[fig.start:fig.end].replace(".", "").isdigit():
            return False  # "63,150 Model 3s", "70 million Galaxy phones": no address has "," or a scale
        if after >= len(self.tokens) or not self.tokens[after].text[:1].isupper():
            return False
        if fig.value < 1000 and (after + 1 >= len(self.tokens) or self.tokens[after + 1].text in _TALLY_END):
            return False  # "(6 Chile, 4 Peru, 10 Bolivia)": a tally by place; an address goes on after its name
        head = self.tokens[max(after, noun_end - 1)]
        if is_plural(head.text) or (head.text.isupper() and head.text.isalpha() and len(head.text) > 1):
            return False  # an initialism ends no address: "102 PS", "40 NHS trusts"
        return not self._names_then_plural(after)

    def _names_then_plural(self, k: int) -> bool:
        """ "10 Northwind shares", "50 Skyline A220 jets": up to three names or model codes,
        then a lower-case plural noun, which the number counts (an address ends in its name:
        "221 Baker Street").  After a model code (a token with digits: "60 A320neo aircraft",
        "30 Boeing 787 Dreamliners") the noun may be one whose plural is itself, or the plural
        name that ends the model: an address has no number after its name."""
        code, last = False, None
        for tok in self.tokens[k:k + 5]:
            if tok.text[:1].isupper() or any(ch.isdigit() for ch in tok.text) or (
                    last is not None and tok.start == last.end and tok.text.isalpha()):
                code = code or any(ch.isdigit() for ch in tok.text)
                last = tok
                continue
            if tok.text.islower() and is_nounish(tok.text) and (is_plural(tok.text) or code):
                return True
            break
        return code and last is not None and last.text[:1].isupper() and is_plural(last.text)

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
                iso = self.years[i].iso
                return iso if "/" in iso else iso[:4]  # a span of years ("2010/2015") is kept whole
        return ""

    def _has_other_figure(self, a: int, b: int) -> bool:
        """True when tokens a..b hold a number that is not one of the sentence's years."""
        return any(t.text[0].isdigit() and not self._in_years.covers(t.start) for t in self.tokens[a:b])
