"""A sentence's tokens and the word classes of its words.

numcheck has no statistical parser (spaCy's models are not installable on
the machines this runs on, see NOTES): the extractor reads a sentence with
word-class lookups from lemminflect's dictionary.  This module holds what every
reading shares: the tokens (:func:`tokenize`), the function words (``STOP``),
and the lookups (:func:`word_classes`, :func:`is_nounish`, :func:`is_adjish`,
:func:`is_plural`, :func:`noun_lemma`), each cached by the word.  The counted noun
(:mod:`.nouns`), the events (:mod:`.events`) and the subject (:mod:`.subjects`)
are read with them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter
from typing import NamedTuple

from .lexicon import lexicon

# a token: an initialism ("U.S."), a word (inner apostrophes, dots and hyphens), a letter, a number, a
# mark.  The branches that open with a letter share it, and so do the number's ("\d[\d,.]*\d|\d"):
# written so, re reads the first character once per token, not once per branch (the same
# tokens, checked in tests/test_fast_paths.py; tokenising was a twentieth of the extraction)
TOKEN_RE = re.compile(r"[A-Za-z](?:(?:\.[A-Za-z])+\.?|[A-Za-z'’.\-]*[A-Za-z]|\.?)|\d(?:[\d,.]*\d)?|[^\sA-Za-z\d]")
# A closing double quote ends a quoted term ('a "congestion charge" of £15'): the phrase readers
# before "of <figure>" read the term it quotes (phrases._np_before, nouns_before._noun_run_before);
# elsewhere a quote ends a title or a quotation, which other readers handle
CLOSING_QUOTES = frozenset({'"', "\u201d", "\u00bb"})
STOP = frozenset("""
a an the this that these those their its his her our your my some any each every no all both
of in on at to for from by with about as into onto over under after before during since until
than then there here and or but nor so yet if when while where which who whom whose what whether
is are was were be been being am has have had do does did will would can could may might must
shall should not also only just even still already more most less least much many very too
he she it they we you i me him them us one per via up out off away back within without between among
across through against toward towards upon around near including such other another same own
last next previous each cannot can't won't don't doesn't didn't
despite amid amidst versus beneath beside besides unlike throughout beyond alongside
""".split())  # the last line: prepositions the dictionary does not know, which were read as nouns
# the determiners that open a verb's object ("put the toll at 212", "the pill cut the risk")
_OBJECT_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "a", "an"})


class Token(NamedTuple):
    """A word or mark of a sentence.  A named tuple, not a frozen dataclass: every
    sentence with a figure is tokenised, and building the tokens was a third of the
    sentence set-up (profiled; a tuple is built in one C call, a frozen dataclass
    sets each field through ``object.__setattr__``)."""

    start: int
    end: int
    text: str
    lower: str  # text.lower(), kept because every rule reads it


_LOWER = itemgetter(3)  # Token.lower

# TOKEN_RE as one group: ``split`` then gives the text between the tokens and the tokens, in turn
_TOKEN_SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of ``text`` (the matches of TOKEN_RE), their offsets shifted by ``offset``."""
    # str(): the typed loop takes an exact str; a subclass (numpy.str_) is read as one
    return _tokenize_chars(str(text), offset) if COMPILED else _tokenize_split(text, offset)


def _tokenize_split(text: str, offset: int = 0) -> list[Token]:
    """:func:`tokenize` by ``TOKEN_RE.split``: the fast path when this module runs as source.

    ``split`` on TOKEN_RE gives [between, token, between, token, ..., tail], so running
    sums of the pieces' lengths are the tokens' offsets, with no match object per token:
    the same tokens as ``finditer``, a third faster (profiled: tokenising was a third of
    setting up a sentence; ``split`` is a tenth faster again than the ``findall`` of
    (white space, token) pairs it replaced, and needs no check that the pairs cover the
    text).
    """
    parts = _TOKEN_SPLIT_RE.split(text)
    ends = list(accumulate(map(len, parts), initial=offset))
    words = parts[1::2]
    return list(map(tuple.__new__, repeat(Token), zip(ends[1::2], ends[2::2], words, map(str.lower, words))))


# Compiled (numcheck/compiled.py), tokenize reads the characters in a loop typed by words.pxd,
# as scan.py does and for the same reason: TOKEN_RE.split spent some 300 instructions per
# character inside re (callgrind: a twentieth of the compiled extraction), a typed loop a few.
# As source that loop would be a Python step per character, so the source keeps the split.
# Both give TOKEN_RE's tokens (tests/test_fast_paths.py, on tables and generated text).
COMPILED = not __file__.endswith(".py")


def _is_letter(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def _tokenize_chars(text: str, offset: int = 0) -> list[Token]:
    """:func:`tokenize` as a loop over the characters, branch by branch of TOKEN_RE: a letter
    opens an initialism ("U.S.": letter-dot pairs and a last dot), else a word (the longest run
    of letters, apostrophes, dots and hyphens that ends on a letter), else the letter and a dot
    after it; a digit opens the longest run of digits, "," and "." that ends on a digit; any
    other mark but white space is a token alone.  (re's ``\\d`` is str.isdecimal and ``\\s``
    str.isspace, as here.)"""
    tokens: list[Token] = []
    new = tuple.__new__
    n = len(text)
    lowered = text.lower() if text.isascii() else ""  # one lower() for all, where offsets keep
    i = 0
    while i < n:
        c = text[i]
        upper = True  # whether the token may hold a capital (else its lower case is itself)
        if ("a" <= c <= "z") or ("A" <= c <= "Z"):
            j = i + 1
            while j + 1 < n and text[j] == "." and _is_letter(text[j + 1]):
                j += 2  # "U.S": letter-dot pairs
            if j > i + 1:
                if j < n and text[j] == ".":
                    j += 1  # "U.S."
            else:
                upper = c <= "Z"
                last = i  # the last letter of the run of word characters
                k = i + 1
                while k < n:
                    c = text[k]
                    if "a" <= c <= "z":
                        last = k
                    elif "A" <= c <= "Z":
                        last, upper = k, True
                    elif not (c == "'" or c == "’" or c == "." or c == "-"):
                        break
                    k += 1
                if last > i:
                    j = last + 1
                elif i + 1 < n and text[i + 1] == ".":
                    j = i + 2  # "J." of "J. Smith"
        elif "0" <= c <= "9" or (c > "\x7f" and c.isdecimal()):  # ASCII first (see scan.py)
            last = i  # the last digit of the run of digits, "," and "."
            k = i + 1
            while k < n:
                c = text[k]
                if "0" <= c <= "9" or (c > "\x7f" and c.isdecimal()):
                    last = k
                elif not (c == "," or c == "."):
                    break
                k += 1
            j = last + 1
            upper = False  # digits, "," and "." have no case
        elif c.isspace():
            i += 1
            continue
        else:
            j = i + 1
        word = text[i:j]
        # no second string for a token with no capital (most): its lower case is the token
        lower = (lowered[i:j] if lowered else word.lower()) if upper else word
        tokens.append(new(Token, (i + offset, j + offset, word, lower)))
        i = j
    return tokens


@lru_cache(maxsize=65536)
def word_classes(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by universal POS for a word (lower-cased lookup)."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word.lower()) or {}


# the plural of an initialism or a camel-case name: "SUVs", "CEOs", "GPUs", "iPhones" (English
# writes such plurals with a lower-case s after the capitals)
_CAPS_PLURAL_RE = re.compile(r"(?:[A-Z][A-Z\d]+|[a-z]+[A-Z][A-Za-z]*[a-rt-z])s")


# an initialism the dictionary does not know: "SUV", "GPU", "NASA" name a thing, as nouns do
_INITIALISM_RE = re.compile(r"[A-Z]{2,5}")


@lru_cache(maxsize=65536)  # a pure lookup of the word, asked for most words of a sentence
def is_nounish(word: str) -> bool:
    """True for words the dictionary knows as nouns, for unknown lower-case words
    (out-of-vocabulary words in news are mostly nouns: "cops", "bitcoin"), and for
    plurals of initialisms and camel-case names ("SUVs", "iPhones")."""
    classes = word_classes(word)
    if not classes:
        return word.isalpha() and len(word) > 2 and (word.islower() or word[1:].islower()) \
            or _CAPS_PLURAL_RE.fullmatch(word) is not None or _INITIALISM_RE.fullmatch(word) is not None
    return "NOUN" in classes or "PROPN" in classes


@lru_cache(maxsize=65536)  # a pure lookup of the word, asked for most words of a sentence
def is_adjish(word: str) -> bool:
    return "ADJ" in word_classes(word)


def is_postmodifier(word: str) -> bool:
    """An adjective or participle, and no noun, that can follow its noun with a phrase of its own
    ("profit attributable to shareholders", "bonds linked to inflation", "cars built in Mexico");
    ``word`` lower-cased."""
    return word.isalpha() and word not in STOP and not is_nounish(word) and (
        is_adjish(word) or word.endswith("ed") or _irregular_participle(word))


@lru_cache(maxsize=4096)
def _irregular_participle(word: str) -> bool:
    """ "built", "sold", "made", "grown": a past participle not in -ed (lemminflect's VBN forms)."""
    from lemminflect import getInflection

    verb = word_classes(word).get("VERB")
    return bool(verb) and word in getInflection(verb[0], tag="VBN")


@lru_cache(maxsize=65536)
def noun_lemma(word: str) -> str:
    """Singular lemma, synonyms folded: "kids" -> "child"."""
    if _CAPS_PLURAL_RE.fullmatch(word) and not word_classes(word):
        return word[:-1].lower()  # "SUVs" -> "suv", "GPUs" -> "gpu"
    if _INITIALISM_RE.fullmatch(word) and not word_classes(word):
        return word.lower()  # "NHS", "GPS": an initialism's final S is a letter, no plural
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]  # "Germany's", "the city's": the possessive ending is no plural ("germany", not "germany'")
    w = w.strip("'’")
    classes = word_classes(w)
    lemma = (classes.get("NOUN") or classes.get("PROPN") or (_oov_lemma(w),))[0].lower()
    return lexicon().noun_synonyms.get(lemma, lexicon().noun_synonyms.get(w, lemma))


@lru_cache(maxsize=65536)
def _oov_lemma(word: str) -> str:
    """The singular of a word the dictionary does not know, by lemminflect's rules, kept only
    when it undoes a regular English plural ("cops" -> "cop", "bitcoins", "ponies" -> "pony");
    its Latin rules would turn a name into a noun that does not exist ("Toyota" -> "toyotum").

    >>> _oov_lemma("cops"), _oov_lemma("ponies"), _oov_lemma("toyota")
    ('cop', 'pony', 'toyota')
    """
    from lemminflect import getLemma

    lemma = (getLemma(word, upos="NOUN") or (word,))[0]
    if lemma == word or (word.endswith("s") and lemma == word[:-1]) or (
            word.endswith("es") and lemma == word[:-2]) or (word.endswith("ies") and lemma == word[:-3] + "y"):
        return lemma
    return word


@lru_cache(maxsize=65536)  # a pure lookup of the word, asked for most words of a sentence
def is_plural(word: str) -> bool:
    if _CAPS_PLURAL_RE.fullmatch(word) and not word_classes(word):
        return True
    if _INITIALISM_RE.fullmatch(word) and not word_classes(word):
        return False  # "NHS", "IRS": English writes an initialism's plural with a lower-case s ("SUVs")
    w = word.lower()
    lemma = (word_classes(w).get("NOUN") or (_oov_lemma(w),))[0].lower()
    return lemma != w or w in ("people", "police", "staff", "cattle", "personnel")
