"""Labels: a bare number that names something ("iPhone 11", "Section 427", "S&P 500", "(4)")
is not a figure; a score after a name ("the Hawks 98-91") still is.

Split out of the package module :mod:`numcheck.extract`.
"""

from __future__ import annotations

import re

from ..records import Kind, Qualifier
from .dates import MONTHS as MONTHS_LOWER, WEEKDAYS as _WEEKDAYS
from . import numbers
from .figures import _Figure
from .lexicon import lexicon
from .nouns import STOP, is_adjish, is_nounish, is_plural, word_classes

_GLUED_LETTER_RE = re.compile(r"\d{1,4}[A-Z]")
_LABEL_BEFORE_RE = re.compile(r"(?:\b([A-Za-z][\w&.'’-]*)|(\())\s?$")
_NOT_LABEL_WORDS = frozenset({"about", "around", "nearly", "almost", "over", "under", "some", "roughly",
                              "approximately", "only", "just", "more", "less", "than", "at", "least", "up",
                              "to", "by", "of", "in", "on", "for", "from", "and", "or", "the", "a", "an",
                              "with", "between", "were", "was", "is", "are", "had", "has", "have", "after",
                              "since", "until", "within", "per", "as", "all", "by", "minus", "plus", "each",
                              "another", "those", "these", "its", "their", "his", "her", "our", "your",
                              "my", "that", "this", "than", "no", "nearly", "top", "aged", "age", "page"})


_NEXT_CAPITAL_RE = re.compile(r" [A-Z][a-z]")
_LOWER_OR_QUOTE_BEFORE_RE = re.compile(r"(?:\b[a-z]+\s+[\"“‘']?|\s[\"“‘'])$")
_SCORE_AFTER_RE = re.compile(r"(?:[-–]|\s+to\s+)(\d{1,3})(?![\w/-]|[.,]\d)")


def _is_score(text: str, fig: _Figure) -> bool:
    """ "98-91", "52-48", "3-3", "61 to 38": a score or a tally, written high first (a range is written
    low first, "737-800" is a model and its variant)."""
    m = _SCORE_AFTER_RE.match(text, fig.end)
    return m is not None and int(m.group(1)) <= fig.value


#: Prepositions that the noun dictionary does not list and STOP leaves out (a closed class).
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


_COUNT_BEFORE_RE = re.compile(r"(?<![\w.,$€£¥-])(?:\d{1,3}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|"
                              r"eleven|twelve|[a-z]+ty(?:-[a-z]+)?|dozen))\s+(?:([a-z]+ly)\s+)?(?:([a-z]+)\s+)?$")


def _after_a_count(text: str, fig: _Figure, sentence_start: int) -> bool:
    """ "three 777 Freighter planes", "20 new 787 Dreamliners", "two A320 planes" (the last one a code
    already): a bare number of two digits or more right after a count, with at most an adjective
    between, and before a word, names a model.  English puts one numeral before a noun, so a
    second one in the same noun phrase is part of a name, not a second amount.  An adverb in -ly may
    stand before the adjective, which may then be a participle ("71 fully loaded 747 planes").  (A year before
    a count, "in 2019 300 people", has four digits and is no count here; "2 3-pointers" is
    hyphened and read as a compound.)

    >>> from numcheck import extract_text
    >>> [c.surface for c in extract_text("The carrier grounded three 777 Freighter planes.")]
    ['three']
    """
    if fig.end - fig.start < 2 or not _SPACE_WORD_RE.match(text, fig.end):
        return False
    m = _COUNT_BEFORE_RE.search(text, max(sentence_start, fig.start - 24), fig.start)
    # the word between is an adjective of the noun phrase; a function word is not ("60 off 41
    # balls": a preposition opens a phrase of its own, with a figure of its own)
    # (a participle after an adverb is an adjective: "fully loaded")
    if m is None or m.group(2) is None:
        return m is not None
    word = m.group(2)
    if m.group(1) is not None and word.endswith(("ed", "en")):
        return True
    return is_adjish(word) and word not in STOP and not _inflected_verb(word)


def _inflected_verb(word: str) -> bool:
    """A word that is also a verb's past or participle form ("fell", "closed"): between a number
    and a figure it is more likely the clause's verb ("the FTSE 100 fell 42.6 points") than an
    adjective of one noun phrase ("three new 777 planes")."""
    return any(lemma != word for lemma in word_classes(word).get("VERB", ()))


_SPACE_WORD_RE = re.compile(r" [A-Za-z]")


_VARIANT_RE = re.compile(r"\d{2,}-\d{2,}")


def _model_variant(surface: str, fig: _Figure) -> bool:
    """ "737-800", "777-300": two numbers of two digits or more joined by a hyphen with no
    space, read as a range, name a model and its variant when a name stands before them
    (the checks of :func:`_is_label`): a bare range of counts right after a name, with
    no unit and no noun before it, is rare in news, and a score is written high first
    (:func:`_is_score`: "the Hawks 98-91" stays a figure)."""
    return fig.qualifier is Qualifier.RANGE and _VARIANT_RE.fullmatch(surface) is not None


def _is_footnote_mark(text: str, fig: _Figure) -> bool:
    """ "Turnout was 80%.[3]", "the largest in Europe [12]": one to three digits alone in square
    brackets mark a reference (web and encyclopaedia text), whatever unit a list before them would
    lend; news prose puts words, not bare numbers, in square brackets."""
    return fig.start > 0 and text[fig.start - 1] == "[" and text[fig.end:fig.end + 1] == "]" \
        and 1 <= fig.end - fig.start <= 3 and text[fig.start:fig.end].isdigit()


def _describing_compound(word: str) -> bool:
    """A hyphenated compound whose last part is a lower-case adjective or participle ("NFL-best",
    "NBA-leading", "EU-funded", "Fed-induced"): English builds such adjectives from a name and a
    describing word, and one before a number describes what the number counts; a name that labels a
    number ends in a name or a digit ("Covid-19", "Wi-Fi 6", "F-150").

    >>> _describing_compound("NFL-best"), _describing_compound("EU-funded"), _describing_compound("Wi-Fi")
    (True, True, False)
    """
    last = word.rsplit("-", 1)[-1] if "-" in word else ""
    return last.isalpha() and last.islower() and (is_adjish(last) or last.endswith(("ing", "ed")))


_MINUTE_MARKS_RE = re.compile(r"\((?:\d{1,3}(?:\+\d{1,2})?[’'′](?:,\s*|\s+)?)+\)")
_PRIME_OR_PLUS = frozenset("’'′+")


def _is_minute_mark(text: str, fig: _Figure) -> bool:
    """ "(15’)", "(90+2')", "(23', 67')": minutes with a prime, alone in brackets after a name or an
    event, mark when something happened in a match, a time like a time of day, not an amount (a
    duration is written in words: "after 15 minutes").  Only read where a prime or a "+" touches
    the number, so the bracket is looked for only there.

    >>> from numcheck import extract_text
    >>> [c.surface for c in extract_text("Okafor scored twice (15’, 67’) in the cup tie.")]
    []
    """
    if not (text[fig.end - 1:fig.end] in _PRIME_OR_PLUS or text[fig.end:fig.end + 1] in _PRIME_OR_PLUS):
        return False
    open_at = text.rfind("(", max(0, fig.start - 24), fig.start)
    close_at = text.find(")", fig.end - 1, fig.end + 24)
    return open_at >= 0 and close_at >= 0 and _MINUTE_MARKS_RE.fullmatch(text, open_at, close_at + 1) is not None


_RANK_MARK_RE = re.compile(r"(?<![\w.])No\.?\s$")


def _is_rank_mark(text: str, fig: _Figure, sentence_start: int) -> bool:
    """ "the world No 3", "No. 1 seed", "Android No. 500 million": "No." or "No" with a capital
    inside a sentence, right before a number, abbreviates "number" and labels the number after it,
    scaled or not (a rank or a serial, not an amount); at the start of a sentence "No" may be the
    determiner ("No 3 cases are alike"), so there only "No." with its period is read so."""
    m = _RANK_MARK_RE.search(text, max(sentence_start, fig.start - 5), fig.start)
    return m is not None and (m.start() > sentence_start or text[m.start() + 2:m.start() + 3] == ".")


_THE_TOP_RE = re.compile(r"\b[Tt]he\s+(?:[Tt]op|[Bb]ottom)\s$")
_WORD_OR_MARK_AFTER_RE = re.compile(r"\s*(?:([A-Za-z]+)|[.,;:!?)]|$)")


def _rank_band(text: str, fig: _Figure) -> bool:
    """ "debuted in the top 10.", "the Top 10 was worth more": "the top N" (or "the bottom N") with no
    noun after it names a band of a ranking, a name like "the Big 12", not an amount; with a noun it
    counts ("the top 10 banks", "the top 50 of the albums")."""
    if _THE_TOP_RE.search(text, max(0, fig.start - 12), fig.start) is None:
        return False
    m = _WORD_OR_MARK_AFTER_RE.match(text, fig.end)
    if m is None:
        return False
    word = m.group(1)
    return word is None or (word.lower() in STOP and word.lower() not in _NOUN_PHRASE_GOES_ON)


# function words after "the top N" that go on into its noun phrase ("the top 10 of the albums", "the
# top 10 most visited sites", "the top 5 and 10 banks")
_NOUN_PHRASE_GOES_ON = frozenset({"of", "and", "or", "most", "more", "least", "less", "other"})


_GLUED_WORD_BEFORE_RE = re.compile(r"(?<![\w-])([A-Za-z]+)-$")


def _glued_number_word(text: str, fig: _Figure) -> bool:
    """ "a figure-eight course", "from day-one", "a top-ten finish": a number word glued by a hyphen
    to a word before it that is no number word (unlike "twenty-five") is part of a compound name,
    not a count (English writes a count before its noun, not after a hyphen)."""
    m = _GLUED_WORD_BEFORE_RE.search(text, max(0, fig.start - 20), fig.start)
    if m is None:
        return False
    word = m.group(1).lower()
    return word not in numbers.UNITS_WORDS and word not in numbers.TENS_WORDS and word not in ("and", "a", "an")


def _is_label(text: str, fig: _Figure, sentence_start: int) -> bool:
    """ "iPhone 11", "Section 427", "S&P 500", "Big 12", "Part 3", "(4)", "[3]", "the Home First
    order": a bare number that names something is not a figure.

    A plain count (no unit, no qualifier, digits) right after a capitalised word or
    a name-like token, or alone in brackets.  The sentence's first word is capitalised
    anyway, so there it names something only when it is a noun ("Windows 10 ships").
    """
    surface = text[fig.start:fig.end]
    if fig.start and text[fig.start - 1] == "[" and _is_footnote_mark(text, fig):
        return True
    if (surface[-1:] in _PRIME_OR_PLUS or text[fig.end:fig.end + 1] in _PRIME_OR_PLUS) and _is_minute_mark(text, fig):
        return True
    if fig.start > 1 and text[fig.start - 2] in "o." and _is_rank_mark(text, fig, sentence_start):
        return True
    if fig.written and fig.start and text[fig.start - 1] == "-" and _glued_number_word(text, fig):
        return True
    if fig.kind is Kind.COUNT and fig.start > 4 and text[fig.start - 2] in "pPmM" and _rank_band(text, fig):
        return True
    if fig.kind is Kind.ORDINAL and fig.written and surface[:1].isupper() and " " not in surface:
        # "the Home First order", "the Third Street bridge", "the Second World War": a capitalised
        # ordinal word inside a sentence, before a capitalised word or after a name-like word
        # (below, as for a capitalised number word), is part of a name
        if fig.start > sentence_start and _NEXT_CAPITAL_RE.match(text, fig.end):
            return True
    elif fig.written and surface[:1].isupper() and fig.kind is Kind.COUNT and " " not in surface \
            and fig.start > sentence_start and _NEXT_CAPITAL_RE.match(text, fig.end) \
            and _LOWER_OR_QUOTE_BEFORE_RE.search(text, max(sentence_start, fig.start - 20), fig.start):
        # 'the album "Forty Licks"', "the film Seven Samurai": a capitalised number word inside a
        # sentence, before a capitalised word, is part of a title; the word before it is in lower
        # case (or an opening quote), so the sentence is not a headline in title case
        return True
    elif surface[-1:].isupper() and fig.qualifier is Qualifier.EXACT and _GLUED_LETTER_RE.fullmatch(surface):
        # "seat 14C", "Gate 10A", "gate 22B": one capital glued to the digits after a label word or a
        # name is an identifier, not a unit symbol (degrees Celsius, amperes) nor a scale (billion)
        m = _LABEL_BEFORE_RE.search(text, max(sentence_start, fig.start - 30), fig.start)
        word = m.group(1) if m is not None and text[m.end():fig.start].strip() == "" else None
        # a label word counts anywhere; a capital only inside the sentence (its first word has one anyway);
        # a capital inside a word ("iPhone 6S", "eBook 3X") marks a name anywhere, as for a plain number below
        return bool(word) and (word.lower() in lexicon().label_words or (word[0].isupper() and m.start() > sentence_start)
                               or any(ch.isupper() for ch in word[1:]) and word[0].islower())
    elif fig.kind is not Kind.COUNT or fig.qualifier is not Qualifier.EXACT and not _model_variant(surface, fig):
        return False
    if not (surface[:1].isdigit() or (fig.written and surface[:1].isupper() and " " not in surface)):
        return False
    if not fig.written and ("," in surface or not surface.replace(".", "").replace("-", "").isdigit()):
        return False  # "Acme 1,200", "Acme 1.5 million": a name's number has no grouping and no scale
    if _after_a_count(text, fig, sentence_start):
        return True  # "three 777 Freighter planes", "20 new 787 Dreamliners": a model after the count
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
    if _describing_compound(word):
        return False  # "an NFL-best 14 sacks", "a UN-backed 30 nations": the compound describes the count
    return word[0].isupper() or any(ch.isupper() for ch in word[1:]) or "&" in word


def past_model(tokens, at: int) -> int:
    """The index after a model name between a count and its noun ("four leased 767 Cargo planes",
    "60 A320neo aircraft", "45 Airbus A321 jets" -> the noun): an optional lower-case word, then
    up to four names and codes with at least one number among them (a number of two digits or
    more alone, which _after_a_count reads as a name, or digits written onto a letter or a
    hyphen: "A321", "F-150"), then a lower-case word; a capitalised plural that ends the model
    is its noun ("30 Boeing 787 Dreamliners").  ``at`` when there is none."""
    # the optional word is an adjective ("leased"), not a function word ("60 off 41 balls": two figures)
    k = at + 1 if at + 1 < len(tokens) and tokens[at].text.islower() and tokens[at].lower not in STOP else at
    start, code, prev = k, False, None
    while k < len(tokens) and k - start < 4:
        tok = tokens[k]
        glued = prev is not None and tok.start == prev.end
        if tok.text.isdigit():
            code = code or len(tok.text) > 1 or glued
        elif not (tok.text[:1].isupper() or (glued and (tok.text.isalpha() or tok.text == "-"))):
            break
        prev, k = tok, k + 1
    if not code or k == start:
        return at
    if k < len(tokens) and tokens[k].text.islower() and tokens[k].lower not in STOP:
        return k
    return k - 1 if tokens[k - 1].text[:1].isupper() and is_plural(tokens[k - 1].text) else at
