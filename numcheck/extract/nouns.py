"""What a figure counts or measures, and the event words around it.

numcheck has no statistical parser (spaCy's models are not installable on
the machines this runs on, see NOTES), so this module reads a sentence with
word-class lookups from lemminflect's dictionary and a few phrase patterns:

* **noun after the figure**: "2,700 migrant families at" -> noun ``family``,
  modifiers ``migrant`` (a run of noun/adjective words; the head is the first
  plural noun for figures other than one, else the last noun of the run);
* **noun before the figure**: "a 2019 funding shortfall of $227 million" ->
  ``funding shortfall``; "migrant children—nearly 70,000 in all" -> ``child``;
* **context**: the event words (verbs, and nouns made from verbs such as
  "separation") of the figure's clause, lemmatised and folded through the
  event synonyms of ``data/lexicon.toml``; light verbs ("be", "lead to",
  "say") are left out.  A clause with no event word borrows from its nearest
  neighbours.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import NamedTuple

from .lexicon import lexicon
from .numbers import ORDINAL_WORDS, SCALE_WORDS, TENS_WORDS, UNITS_WORDS

# a token: an initialism ("U.S."), a word (inner apostrophes, dots and hyphens), a letter, a number, a
# mark.  The branches that open with a letter share it, and so do the number's ("\d[\d,.]*\d|\d"):
# written so, re reads the first character once per token, not once per branch (the same
# tokens, checked in tests/test_fast_paths.py; tokenising was a twentieth of the extraction)
TOKEN_RE = re.compile(r"[A-Za-z](?:(?:\.[A-Za-z])+\.?|[A-Za-z'’.\-]*[A-Za-z]|\.?)|\d(?:[\d,.]*\d)?|[^\sA-Za-z\d]")
CLAUSE_BREAK = frozenset({",", ";", ":", "—", "–", "(", ")", "\"", "“", "”", "and", "but", "while",
                          "whereas", "although", "though", "because", "who", "which"})
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
# words that may stand between a number and what it counts ("eight other employees")
SKIPPABLE_BEFORE_NOUN = frozenset({"other", "more", "additional", "new", "extra", "further", "former"})
# adjectives of measurement that end a noun run ("5 km long", "3 feet tall")
MEASURE_ADJECTIVES = frozenset({"long", "tall", "wide", "deep", "high", "old", "thick", "away", "short",
                                "heavy", "across", "apart", "early", "late", "ago", "later", "earlier"})
PREPOSITIONS_OF = frozenset({"of"})
_OF_OR_BREAK = PREPOSITIONS_OF | {"—", "–", ":", "("}  # built once: noun_before tests it per figure


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
    """The tokens of ``text``, their offsets shifted by ``offset``.

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


@lru_cache(maxsize=65536)
def word_classes(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by universal POS for a word (lower-cased lookup)."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word.lower()) or {}


# the plural of an initialism or a camel-case name: "SUVs", "CEOs", "GPUs", "iPhones" (English
# writes such plurals with a lower-case s after the capitals)
_CAPS_PLURAL_RE = re.compile(r"(?:[A-Z][A-Z\d]+|[a-z]+[A-Z][A-Za-z]*[a-rt-z])s")


@lru_cache(maxsize=65536)  # a pure lookup of the word, asked for most words of a sentence
def is_nounish(word: str) -> bool:
    """True for words the dictionary knows as nouns, for unknown lower-case words
    (out-of-vocabulary words in news are mostly nouns: "cops", "bitcoin"), and for
    plurals of initialisms and camel-case names ("SUVs", "iPhones")."""
    classes = word_classes(word)
    if not classes:
        return word.isalpha() and len(word) > 2 and (word.islower() or word[1:].islower()) \
            or _CAPS_PLURAL_RE.fullmatch(word) is not None
    return "NOUN" in classes or "PROPN" in classes


@lru_cache(maxsize=65536)  # a pure lookup of the word, asked for most words of a sentence
def is_adjish(word: str) -> bool:
    return "ADJ" in word_classes(word)


@lru_cache(maxsize=65536)
def noun_lemma(word: str) -> str:
    """Singular lemma, synonyms folded: "kids" -> "child"."""
    if _CAPS_PLURAL_RE.fullmatch(word) and not word_classes(word):
        return word[:-1].lower()  # "SUVs" -> "suv", "GPUs" -> "gpu"
    w = word.lower().strip("'’")
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
    w = word.lower()
    lemma = (word_classes(w).get("NOUN") or (_oov_lemma(w),))[0].lower()
    return lemma != w or w in ("people", "police", "staff", "cattle", "personnel")


def _is_modifier_word(tok: Token) -> bool:
    w = tok.lower
    if w in STOP or not w[0].isalpha():
        return False
    if "." in w and len(w) <= 5:  # abbreviations such as "U.S."
        return True
    classes = word_classes(w)
    if not classes:
        return tok.text[0].isupper() or "-" in w or is_nounish(tok.text)  # names, "zero-tolerance"
    return "NOUN" in classes or "ADJ" in classes or "PROPN" in classes


def noun_after(tokens: list[Token], i: int, value: float) -> tuple[str, tuple[str, ...]]:
    """Counted noun and modifiers in the run of words starting at tokens[i]."""
    noun, modifiers, _ = noun_span_after(tokens, i, value)
    return noun, modifiers


def noun_span_after(tokens: list[Token], i: int, value: float,
                    premodifiers: bool = True) -> tuple[str, tuple[str, ...], int]:
    """Like :func:`noun_after`, plus the index of the token after the noun (``i`` when none).

    Pre-modifiers the word-class run stops at are read first when a noun follows them
    (:func:`_premodifiers`): "40 remaining hostages", "300 highly skilled engineers".
    ``premodifiers=False`` (ordinals: "the first commercially available lens" is a rank,
    not an amount) reads the plain run only.
    """
    j, before = _premodifiers(tokens, i) if premodifiers else (i, ())
    if i < j < len(tokens) and tokens[j].text[:1].islower():  # "40 marching Sunday": a verb, then a name
        noun, modifiers, end = _noun_run_after(tokens, j, value)
        if noun:
            return noun, before + modifiers, end
    return _noun_run_after(tokens, i, value)


def _premodifiers(tokens: list[Token], i: int) -> tuple[int, tuple[str, ...]]:
    """(index after, lemmas) of the pre-modifiers of a noun phrase the noun run does not
    take: -ly adverbs ("highly", "newly") and present participles ("remaining", "protesting");
    past participles and joined adjectives the run reads itself (:func:`participle_before_noun`,
    :func:`coordinated`).  English puts these between a number and the noun it counts; the
    caller keeps them only when a noun follows.  (Adjectives that are also function words,
    "previous", "next", are not read: the dictionary files "about", "after" and "under" as
    adjectives too.)"""
    lemmas: list[str] = []
    k = i
    while k < len(tokens) and k - i < 4:
        tok, classes = tokens[k], word_classes(tokens[k].lower)
        w = tok.lower
        if not w.isalpha() or tok.text[0].isupper():
            break
        if set(classes) == {"ADV"} and w.endswith("ly"):
            k += 1  # "highly", "newly": an adverb of the next modifier
        elif w not in STOP and set(classes) == {"VERB"} and w.endswith("ing"):
            lemmas.append(classes["VERB"][0].lower())
            k += 1
        else:
            break
    return k, tuple(lemmas)


def _noun_run_after(tokens: list[Token], i: int, value: float) -> tuple[str, tuple[str, ...], int]:
    run: list[Token] = []
    while i < len(tokens) and tokens[i].lower in SKIPPABLE_BEFORE_NOUN:
        i += 1
    glued_end = -1
    k = i
    while k < len(tokens) and len(run) < 5:
        tok = tokens[k]
        if tok.start == glued_end and (tok.text[0].isdigit() or tok.text == "-"):
            glued_end = tok.end  # "RAV4", "F-150": digits glued to a name are part of it
            k += 1
            continue
        if coordinated(tokens, k, i):
            k += 1  # "new and used cars", "damaged or destroyed homes": the second modifier joins the run
            continue
        if tok.lower in MEASURE_ADJECTIVES or not (_is_modifier_word(tok) or participle_before_noun(tokens, k)):
            break
        if run and _verb_form(tok) and not is_nounish(tok.text) and not participle_before_noun(tokens, k):
            break
        run.append(tok)
        glued_end = tok.end if tok.text[0].isupper() else -1
        k += 1
    nouns = [k for k, t in enumerate(run) if is_nounish(t.text) and "." not in t.text]
    if not nouns:
        return "", (), i
    head = nouns[-1]
    if value != 1:
        plural = [k for k in nouns if is_plural(run[k].text)]
        head = plural[0] if plural else head
    # nouns that can only be nouns, right before the head, make a compound with it
    # ("attorney general", "funding shortfall"); adjective-like words stay modifiers ("migrant")
    first = head
    while first > 0 and _compound_part(run[first - 1].text):
        first -= 1
    modifiers = tuple(_modifier_lemma(t.text) for t in run[:first])
    compound = [t.text.lower() for t in run[first:head]]
    end = tokens.index(run[head], i) + 1
    return " ".join(compound + [noun_lemma(run[head].text)]), modifiers, end


def participle_before_noun(tokens: list[Token], k: int) -> bool:
    """ "45 refurbished electric buses": a past participle right before a noun or adjective
    describes it, like an adjective ("45 injured were" has no noun after it)."""
    tok = tokens[k]
    if not tok.lower.endswith(("ed", "en")) or tok.text[0].isupper() or "VERB" not in word_classes(tok.lower):
        return False
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is not None and nxt.lower in ("and", "or") and k + 2 < len(tokens):
        k, nxt = k + 1, tokens[k + 2]  # "damaged or destroyed homes"
    if nxt is None or nxt.lower in STOP or not nxt.text[0].isalpha():
        return False
    if "ADV" in word_classes(nxt.lower) and not is_plural(nxt.text):
        return False  # "200 gathered outside the embassy": an adverb, not what the figure counts
    return is_nounish(nxt.text) or is_adjish(nxt.text) or participle_before_noun(tokens, k + 1)


def coordinated(tokens: list[Token], k: int, start: int) -> bool:
    """ "and"/"or" between two describing words before the counted noun: "rare and fragile
    manuscripts" (not "120 passengers and 30 cars": a noun ends the phrase)."""
    if tokens[k].lower not in ("and", "or") or k <= start - 1 or k == 0 or k + 2 >= len(tokens):
        return False
    prev, nxt = tokens[k - 1], tokens[k + 1]
    describing = (lambda t, j: t.text[0].isalpha() and (
        ("ADJ" in word_classes(t.lower) and not is_plural(t.text)) or participle_before_noun(tokens, j)))
    return k > 0 and (k - 1 >= start or prev.lower in SKIPPABLE_BEFORE_NOUN) and describing(prev, k - 1) \
        and describing(nxt, k + 1)


def _compound_part(word: str) -> bool:
    classes = word_classes(word)
    return "NOUN" in classes and "ADJ" not in classes and "VERB" not in classes and "." not in word \
        and word.islower()


def _modifier_lemma(word: str) -> str:
    w = word.lower()
    if "." in w:
        return w
    classes = word_classes(w)
    if "ADJ" in classes:
        return classes["ADJ"][0].lower()
    return noun_lemma(w)


def noun_before(tokens: list[Token], i: int, after_change: bool = True) -> tuple[str, tuple[str, ...]]:
    """Noun (and modifiers) ending just before tokens[i].

    "a 2019 funding shortfall of $227 million" -> ``funding shortfall``;
    "migrant children—nearly 70,000" -> ``child``, modifiers ``migrant``;
    "Revenue rose to €3.5bn", "The trail is 5 km" -> the subject before the verb;
    with ``after_change``, also the level a change reached: "Revenue rose 4% to €3.5bn"
    (a bare count is left out: "the shares rose 5% to 3.65" does not count shares).
    """
    j = i - 1
    if j >= 0 and tokens[j].lower in _OF_OR_BREAK:
        return _noun_run_before(tokens, j - 1)
    while j >= 0 and tokens[j].lower in _BEFORE_FIGURE:
        j -= 1
    if after_change and j >= 1 and tokens[j + 1].lower == "to":
        j = _past_change_amount(tokens, j)
    if j >= 0 and tokens[j].lower in _LINKING or (j >= 0 and _verb_form(tokens[j]) and (
            not is_nounish(tokens[j].text) or j >= 1 and tokens[j - 1].lower in MODALS)):  # "would stay at"
        j -= 1
        while j >= 0 and tokens[j].lower in ("has", "have", "had", "was", "were", "is", "are", "been",
                                             "will", "would", "also", "now", "only", "just"):
            j -= 1
        return _noun_run_before(tokens, _subject_head(tokens, j))
    if j >= 0 and tokens[j + 1].lower == "at" and _object_before_at(tokens, j):
        return _noun_run_before(tokens, j)  # "put the death toll at 212", "kept rates at 5%"
    verb = _change_before_object(tokens, j) if j >= 0 and tokens[j + 1].lower == "by" else -1
    if verb >= 0:  # "cut bus fares by 10%", "cut the risk of a stroke by 30%": the object's run
        return _noun_run_before(tokens[verb + 1:j + 1], j - verb - 1)
    return "", ()


def _change_before_object(tokens: list[Token], j: int) -> int:
    """The index of a change verb whose object ends at token j before "by <figure>", else -1:
    the verb, then a noun phrase that may hold "of" and determiners ("cut bus fares by 10%",
    "lowered its prices by 5%", "raised parking fees by 5%", "cut the risk of a second stroke
    by 30%"): what changed is the object, as the subject is for "fares rose 10%".  At most
    eight words between."""
    change, with_by = lexicon().change, lexicon().change_with_by
    k = j
    while k >= 1 and j - k < 8 and tokens[k].lower not in change and tokens[k].lower not in with_by and (
            tokens[k].lower in _OBJECT_DETERMINERS or tokens[k].lower == "of" or _is_modifier_word(tokens[k])):
        k -= 1
    verb = tokens[k]
    if k < j and (verb.lower in change or verb.lower in with_by) and verb.text.islower() and is_nounish(tokens[j].text):
        return k
    return -1


def _past_change_amount(tokens: list[Token], j: int) -> int:
    """For a level reached by a change ("unemployment fell 0.2 points to 3.5%", "shares rose
    5% to $20"), where tokens up to j are the amount of the change before "to": the index of
    the change verb, so the level measures the verb's subject as "fell to 3.5%" does; else j.
    The amount is a number with at most two words after it ("0.2 points", "8 per cent"),
    after the verb or "by"."""
    k = j
    while k > j - 2 and k >= 0 and not tokens[k].text[0].isdigit() and tokens[k].text[0] not in "$€£¥":
        k -= 1
    if k < 1 or not (tokens[k].text[0].isdigit() or tokens[k].text[0] in "$€£¥"):
        return j
    v = k - 1 if tokens[k - 1].lower != "by" else k - 2
    if v >= 0 and tokens[v].lower in lexicon().change:
        return v
    return j


_OBJECT_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "a", "an"})


def _object_before_at(tokens: list[Token], j: int) -> bool:
    """True when tokens up to j are a verb's object before "at <figure>": a verb, a determiner,
    then a noun run ending at j ("put the magnitude at 7.1", "set its fee at $40"): the object
    names what the figure measures."""
    k = j
    while k >= 0 and j - k < 4 and tokens[k].lower not in _OBJECT_DETERMINERS and _is_modifier_word(tokens[k]):
        k -= 1
    return k < j and k >= 1 and tokens[k].lower in _OBJECT_DETERMINERS and is_nounish(tokens[j].text) \
        and "VERB" in word_classes(tokens[k - 1].lower) and not tokens[k - 1].text[0].isupper()


# Prepositions that attach a phrase to the subject's head noun: "exports to China rose 5%",
# "the death toll from the flood in Amberley rose to 41", "shares of the company fell 9%".
_SUBJECT_PREPOSITIONS = frozenset({"of", "in", "from", "to", "for", "at", "on", "across", "among", "with"})
# heads that only count what their "of" phrase names ("the number of cases in the county")
_TRANSPARENT_HEADS = frozenset({"number", "total", "count", "tally"})


def _subject_head(tokens: list[Token], j: int) -> int:
    """Index of the last word of the subject's head noun phrase, for a subject ending at j: the
    phrases after the head ("from the flood", "in Amberley") are walked back over, at most three."""
    for _ in range(3):
        k = j
        while k >= 0 and j - k < 5 and tokens[k].lower not in _SUBJECT_PREPOSITIONS and (
                tokens[k].lower in ("the", "a", "an") or tokens[k].lower.endswith(("'s", "’s"))
                or tokens[k].text[0].isdigit() or _is_modifier_word(tokens[k])):
            k -= 1
        if k == j or k < 1 or tokens[k].lower not in _SUBJECT_PREPOSITIONS:
            return j
        head = tokens[k - 1]
        if head.lower in STOP or not head.text[0].isalpha() or not is_nounish(head.text) \
                or (tokens[k].lower == "of" and head.lower in _TRANSPARENT_HEADS):
            return j
        j = k - 1
    return j


_BEFORE_FIGURE = frozenset({"to", "by", "at", "about", "nearly", "almost", "around", "some", "roughly",
                            "approximately", "more", "than", "over", "under", "less", "just", "only",
                            "up", "down", "a", "an", "of"})
_LINKING = frozenset({"is", "was", "were", "are", "be", "been", "totaled", "totalled", "reached",
                      "stood", "hit", "numbered", "rose", "fell", "grew", "climbed", "dropped", "jumped",
                      "declined", "increased", "decreased", "gained", "lost", "cost", "costs"})


def _noun_run_before(tokens: list[Token], j: int) -> tuple[str, tuple[str, ...]]:
    words: list[str] = []
    while j >= 0 and len(words) < 3:
        tok = tokens[j]
        if tok.text[0].isdigit():
            j -= 1
            continue
        if tok.lower in STOP or not tok.text[0].isalpha() or not _is_modifier_word(tok):
            break
        if _verb_form(tok) and not is_nounish(tok.text):
            break
        words.append(tok.text)
        j -= 1
    while words and not is_nounish(words[0]):
        words.pop(0)  # the head is the last word before the figure, and must be a noun
    if not words:
        return "", ()
    words.reverse()
    head = noun_lemma(words[-1])
    compound = [w.lower() for w in words[:-1] if "NOUN" in word_classes(w) and "ADJ" not in word_classes(w)]
    modifiers = tuple(_modifier_lemma(w) for w in words[:-1]
                      if not ("NOUN" in word_classes(w) and "ADJ" not in word_classes(w)))
    return " ".join(compound + [head]), modifiers


def _verb_form(tok: Token) -> bool:
    return "VERB" in word_classes(tok.lower) and not tok.text[0].isupper()


# Nominalisations of actions ("separation", "deportation", "removal") name events;
# -ment/-ance/-ence/-ure nouns mostly name institutions or things ("government",
# "department", "conference", "departure") and are left out.
_DEVERBAL = (("ation", "ate"), ("ation", ""), ("ation", "e"), ("ition", ""), ("tion", "te"),
             ("sion", "d"), ("sion", "de"), ("al", ""))


# Numerals are a closed class of English grammar, never verbs in a sentence with a figure,
# though the dictionary files some as verbs too ("third" only as a verb and an adverb, so it
# was read as an event): "in the third quarter" names no event.
NUMERALS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | frozenset(SCALE_WORDS) | frozenset(ORDINAL_WORDS)


@lru_cache(maxsize=65536)
def event_lemma(word: str) -> str:
    """The event a word names ("separated", "separation" -> "separate"), or "".

    >>> event_lemma("separated"), event_lemma("third"), event_lemma("second")
    ('separate', '', '')
    """
    w = word.lower()
    folded = lexicon().event_synonyms
    if w in STOP or len(w) < 3 or w in NUMERALS:
        return ""
    classes = word_classes(w)
    if "VERB" in classes and "NOUN" not in classes:
        if "ADJ" in classes and w.endswith("ing"):
            lemma = classes["ADJ"][0]  # "missing"
        else:
            lemma = classes["VERB"][0]
    elif "NOUN" in classes and "VERB" not in classes:
        lemma = ""
        for suffix, repl in _DEVERBAL:
            if w.endswith(suffix) and "VERB" in word_classes(w[: -len(suffix)] + repl):
                lemma = word_classes(w[: -len(suffix)] + repl)["VERB"][0]
                break
        if not lemma:
            return folded.get(w, "")
    elif "VERB" in classes and (w.endswith("ed") or w in ("held", "died", "killed")):
        lemma = classes["VERB"][0]
    else:
        return folded.get(w, "")
    lemma = lemma.lower()
    lemma = folded.get(lemma, lemma)
    return "" if lemma in lexicon().light_verbs else lemma


PARTICLES = frozenset({"out", "up", "away", "apart", "off", "down", "in"})


def _phrasal(word: str, particle: str) -> str:
    """The event of a phrasal verb ``word`` + ``particle`` (both lower case), "-" for a light one."""
    if particle in PARTICLES:
        classes = word_classes(word)
        if "VERB" in classes:
            phrase = f"{classes['VERB'][0]} {particle}"
            if phrase in lexicon().light_verbs:
                return "-"  # "ended up": a light phrasal verb, no event
            return lexicon().event_synonyms.get(phrase, "")
    return ""


# A relative clause opened by "that" after a noun, with an inflected verb ("the storm that
# hit the coast on May 2 has killed 40"), ends at the main clause's auxiliary: its verb and
# date are not the figure's.  ("said that", "reported that", "so that": no noun before; "that
# hit" with "hit" a noun as well is left alone.)
_MAIN_AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were"})


def _opens_relative(tokens: list[Token], k: int) -> bool:
    """True when the "that" at k opens a relative clause: a noun before it, an inflected verb
    that is no noun after it ("struck", "flooded", "kills")."""
    if k == 0 or k + 1 >= len(tokens) or tokens[k - 1].lower in STOP:
        return False
    before, after = word_classes(tokens[k - 1].lower), word_classes(tokens[k + 1].lower)
    return "NOUN" in before and not tokens[k - 1].lower.endswith("ed") \
        and "VERB" in after and "NOUN" not in after and after["VERB"][0] != tokens[k + 1].lower


_CLAUSE_WORDS = CLAUSE_BREAK | _MAIN_AUXILIARIES | {"that"}  # the words clauses() acts on


def clauses(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges of the clauses of a sentence."""
    spans, begin, relative = [], 0, False
    # only the words that may end a clause are walked in Python, found by a map over the words
    # (a C-level loop; a Python step per token was most of setting up the clause index, profiled):
    # the loop body passes over every other word
    for k in compress(range(len(tokens)), map(_CLAUSE_WORDS.__contains__, map(_LOWER, tokens))):
        tok = tokens[k]
        if relative and tok.lower in _MAIN_AUXILIARIES:
            spans.append((begin, k))  # the relative clause ends where the main verb begins
            begin, relative = k, False
        if tok.lower == "that" and _opens_relative(tokens, k):
            relative = True
        elif tok.lower not in CLAUSE_BREAK:
            continue
        if k > begin:
            spans.append((begin, k))
        begin = k + 1
    if begin < len(tokens):
        spans.append((begin, len(tokens)))
    return spans or [(0, len(tokens))]


class ClauseIndex:
    """A sentence's clauses and the event word of each token, computed once per sentence
    (several figures of one sentence share them)."""

    __slots__ = ("tokens", "spans", "_starts", "_positions")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.spans = clauses(tokens)
        self._starts = [a for a, _ in self.spans]
        self._positions: dict[tuple[int, int], dict[str, list[int]]] = {}

    def clause_at(self, k: int) -> int:
        """Index of the clause holding token k (0 when none does)."""
        n = bisect.bisect_right(self._starts, k) - 1
        return n if n >= 0 and k < self.spans[n][1] else 0

    def clause_events(self, span: tuple[int, int], skip: set[int]) -> list[str]:
        """Event lemmas of a clause, in order, leaving out tokens in ``skip`` (the figure's own
        words).  The clause is walked once; each figure then costs its distinct events only."""
        positions = self._positions.get(span)
        if positions is None:
            # the event words of only the clauses asked for (a figure's and its neighbours'):
            # reading every token of the sentence was a fifth of claim_for_figure (profiled)
            positions = {}
            tokens = self.tokens
            a, b = span
            # each word's event by a map over the clause's words (a C-level loop; a Python loop
            # per token was most of clause_events, profiled), then only the words that have one
            # are walked in Python.  A word before a particle ("carried out") is read with it;
            # the particle may open the next clause.  A capitalised word after the first carries
            # no event ("United States", "Border Patrol" are names).
            lowers = list(map(_LOWER, tokens[a:b + 1]))
            events = list(map(_word_event, lowers[:b - a]))
            for i in compress(range(b - a), map(PARTICLES.__contains__, lowers[1:])):
                events[i] = _word_event(lowers[i], lowers[i + 1])
            for i in compress(range(1, b - a), map(MODALS.__contains__, lowers[:b - a - 1])):
                if not events[i] and tokens[a + i - 1].text.islower():
                    events[i] = _verb_event(lowers[i])  # "would recall", "will cut": a verb
            for i in compress(range(1, b - a), map(_PASSIVE_BE.__contains__, lowers[:b - a - 1])):
                if not events[i]:
                    events[i] = _participle_event(lowers[i])  # "were cast", "was cut": a passive
            for i in compress(range(1, b - a), map("to".__eq__, lowers[:b - a - 1])):
                if not events[i] and _infinitive(tokens, a + i):
                    events[i] = _verb_event(lowers[i])  # "plans to cut 2,700 jobs": a verb
            for k in compress(range(a, b), events):
                if k > 0 and tokens[k].text[:1].isupper():
                    continue
                positions.setdefault(events[k - a], []).append(k)
            self._positions[span] = positions
        # an event counts unless all its tokens are the figure's own (a C-level set test, no
        # generator per event)
        return [lemma for lemma, where in positions.items() if not skip.issuperset(where)]


# A modal is followed by a verb, so a word the dictionary files as both noun and verb
# ("recall", "cut", "increase"), which alone names no event, is the verb after one.
MODALS = frozenset({"will", "would", "can", "could", "may", "might", "shall", "should", "must"})


# A form of "be" before a past participle makes a passive ("votes were cast", "the budget was
# cut"): a word the dictionary files as noun and verb is the verb there when it is its verb's
# past participle (lemminflect's VBN forms; "was record", "were cuts" are no participles).
_PASSIVE_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


# "to" before a word the dictionary files as noun and verb opens an infinitive when the word is
# the verb's base form and an object follows it at once: a determiner or an amount ("plans to
# cut 2,700 jobs", "agreed to close the plant", "aims to fund about 40 clinics"); "rose to record
# highs", "a return to work" (no object) are left to the noun.
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that",
                          "these", "those", "some", "all", "every", "each"})


def _infinitive(tokens: list[Token], k: int) -> bool:
    """True when token k (after a "to") is a noun-and-verb word in its base form with an object
    after it: a determiner, an amount, or one word and then an amount ("to cut about 1,300")."""
    tok = tokens[k]
    verb = word_classes(tok.lower).get("VERB")
    if not verb or verb[0] != tok.lower or not tok.text.islower() or k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    if nxt.lower in _DETERMINERS or _amount_at(tokens, k + 1):
        return True
    return nxt.text.isalpha() and _amount_at(tokens, k + 2)


def _amount_at(tokens: list[Token], j: int) -> bool:
    """True when an amount begins at token j: digits, a sign before digits, or a number word."""
    if j + 1 < len(tokens) and not tokens[j].text[0].isalnum() and tokens[j + 1].text[0].isdigit():
        return True  # a currency sign: "$", the euro sign
    return j < len(tokens) and (tokens[j].text[0].isdigit() or tokens[j].lower in NUMERALS)


@lru_cache(maxsize=4096)
def _participle_event(lower: str) -> str:
    """The event of ``lower`` when it is the past participle of a verb, else ""."""
    from lemminflect import getInflection

    verb = word_classes(lower).get("VERB")
    if not verb or lower not in getInflection(verb[0], tag="VBN"):
        return ""
    return _verb_event(lower)


@lru_cache(maxsize=4096)
def _verb_event(lower: str) -> str:
    """The event of ``lower`` read as a verb (synonyms folded, light verbs none), or ""."""
    verb = word_classes(lower).get("VERB")
    if not verb:
        return ""
    lemma = verb[0].lower()
    lemma = lexicon().event_synonyms.get(lemma, lemma)
    return "" if lemma in lexicon().light_verbs else lemma


@lru_cache(maxsize=65536)
def _word_event(lower: str, particle: str = "") -> str:
    """A lower-case word's event before ``particle`` ("" when none follows); a pure lookup,
    cached, because it runs for nearly every token of a sentence with a figure (profiled).
    Keyed by the lower-case word alone (event_lemma lower-cases first), and by one
    argument when no particle follows, so the cache key is the string itself."""
    lemma = _phrasal(lower, particle) or event_lemma(lower)
    return "" if lemma == "-" else lemma


def context_for(tokens: list[Token], k: int, skip: set[int], index: ClauseIndex | None = None,
                figure: bool = False) -> tuple[str, ...]:
    """Event lemmas of the clause of token k; borrowed from neighbours when it has none.

    A neighbour opened by a subordinating conjunction ("after a recount requested by ...")
    tells of another event and lends nothing.  With ``figure`` (a figure's context, not a
    date's), a clause with a verb of its own lends the figure none from its neighbours,
    even when that verb names no event ("... registered voters, so turnout was 61.5
    percent": the turnout is not registered); a clause without a verb ("and Brandt 729,150",
    "children—70,000—being held") shares its neighbour's.  A date still borrows the verb of
    the clause it dates ("On May 2, the storm killed 14")."""
    index = index or ClauseIndex(tokens)
    spans = index.spans
    at = index.clause_at(k)
    events = index.clause_events(spans[at], skip)
    if not events and figure and _has_verb(tokens, spans[at], skip):
        return ()
    step = 1
    while not events and step <= 2:
        for n in (at + step, at - step):  # the predicate usually follows: "children—70,000—being held"
            if not events and 0 <= n < len(spans) and tokens[spans[n][0]].lower not in SUBORDINATORS:
                events = index.clause_events(spans[n], skip)
        step += 1
    return tuple(sorted(events))


# finite forms of "be" and "have" and the modals: a clause holding one has a verb of its own
_FINITE = frozenset({"is", "are", "was", "were", "am", "has", "have", "had"})


def _has_verb(tokens: list[Token], span: tuple[int, int], skip: set[int]) -> bool:
    """True when the clause holds a finite "be" or "have", a modal, or a lower-case word the
    dictionary knows only as a verb (outside the figure's own words)."""
    a, b = span
    return any(i not in skip and (tokens[i].lower in _FINITE or tokens[i].lower in MODALS
                                  or (tokens[i].text.islower() and _verb_only(tokens[i].lower))
                                  or _verb_between(tokens, i, a, b))
               for i in range(a, b))


def _verb_between(tokens: list[Token], i: int, a: int, b: int) -> bool:
    """A lower-case word the dictionary files as a verb (among other classes) between a noun
    or name and a determiner is the verb: "the pill cut the risk", "Acme set a record"; a noun
    is not followed by a determiner in English without a preposition between."""
    if not (a < i < b - 1 and tokens[i].text.islower() and tokens[i + 1].lower in _OBJECT_DETERMINERS):
        return False
    prev = tokens[i - 1]
    return "VERB" in word_classes(tokens[i].lower) and prev.text[:1].isalpha() and prev.lower not in STOP \
        and (prev.text[0].isupper() or is_nounish(prev.text))


@lru_cache(maxsize=65536)
def _verb_only(lower: str) -> bool:
    classes = word_classes(lower)
    return "VERB" in classes and "NOUN" not in classes and "ADJ" not in classes


# Subordinating conjunctions (a closed class of English grammar): a clause they open tells of
# another event, before, after or behind the main one ("certified the result on May 4, after a
# recount requested by the loser": May 4 is the certifying's day, not the request's), so a
# figure or a date without a verb of its own does not borrow that clause's.
SUBORDINATORS = frozenset({"after", "before", "since", "until", "till", "because", "although", "though",
                           "unless", "whereas", "once"})

