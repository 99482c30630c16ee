"""Which word of a sentence acts as a verb, read by the subject patterns (:mod:`.phrases`,
:mod:`.subjects`) without a statistical parser: a word that is also a noun ("fell", "range",
"show") is a verb by what stands around it (an auxiliary or a subject before it, an object or an
amount after it); and the digits and signs written inside a name ("FTSE/JSE 40"), which no verb
reading may split.

Split out of :mod:`.phrases` to keep it short; the names stay importable from there.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import lexicon
from .nouns import after_figure_compound
from .scan import NUMBER_WORDS
from .words import STOP, Token, is_adjish, is_nounish, is_plural, word_classes

_AUX = frozenset({"has", "have", "had", "is", "was", "were", "are", "be", "been", "being", "will", "would",
                  "could", "can", "may", "might", "should", "must", "did", "does", "do", "'s", "’s"})
# the negated auxiliaries, written as one token ("didn't slow", "hasn't risen"): the same verbs
_AUX = _AUX | frozenset(f"{w}{apostrophe}t" for w in ("didn", "doesn", "don", "isn", "aren", "wasn", "weren", "hasn",
                                                     "haven", "hadn", "won", "wouldn", "can", "couldn", "shouldn",
                                                     "mustn") for apostrophe in ("'", "’"))
# Adverbs that come before a verb and never before a noun ("now holds", "also owns"; not "only").
_VERB_ADVERBS = frozenset({"now", "also", "still", "already", "currently", "previously", "recently", "reportedly",
                           "typically", "usually", "often", "never", "once"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this",
                          "that", "these", "those", "some", "any", "each", "every", "all"})
# Verbs that link a thing to its figure; spelt out because several are also nouns ("cost", "hit").
_LINKING = frozenset({"is", "was", "were", "are", "be", "been", "totaled", "totalled", "reached", "stood",
                      "stands", "hit", "hits", "numbered", "cost", "costs", "worth", "peaked", "topped",
                      "remain", "remains", "remained", "range", "ranges", "ranged", "equals", "equaled",
                      "averaged", "averages", "amounted", "amounts", "came", "comes", "ended", "closed",
                      "opened", "finished", "traded", "trades", "settled", "added", "has", "have", "had"})

def _name_glue(tokens: list[Token], k: int) -> bool:
    """Digits and & / - written inside a name: "FTSE/JSE 40", "FTSE-100", "CAC 40"."""
    tok = tokens[k]
    if tok.text in ("&", "/", "-") and 0 < k < len(tokens) - 1:
        return tokens[k - 1].end == tok.start and tokens[k + 1].start == tok.end
    if tok.text[0].isdigit() and k > 0:
        prev = tokens[k - 1]
        return prev.text[0].isupper() or (prev.text in ("&", "/", "-") and prev.end == tok.start) or (
            prev.text[0].isalpha() and not word_classes(prev.lower) and prev.lower not in STOP)  # "ftse 100"
    return False


# -- verbs -----------------------------------------------------------------------------------------


_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})  # a closed class


def _acts_as_verb(tokens: list[Token], j: int) -> bool:
    """True when tokens[j] is the verb that governs a later figure.

    A word that is only a verb is one; a word that is also a noun ("fell", "range",
    "trades") is one when a noun phrase or an auxiliary stands before it, as in
    "rents fell", "fares range", "has been revised".
    """
    tok = tokens[j]
    w = tok.lower
    if not w[0].isalpha() or (tok.text[0].isupper() and j > 0):
        return False  # "May", "US": names inside a sentence
    if w in _AUX or w in ("up", "down"):
        return True
    if w in STOP:
        return False  # "over", "after": prepositions the dictionary also knows as verbs
    classes = word_classes(w)
    if "VERB" not in classes and w not in _LINKING:
        return False
    prev = tokens[j - 1] if j > 0 else None
    if w.endswith("ing") and prev is not None and _names_gerund(prev):
        return False  # "the spending", "household spending": a gerund used as a noun
    if not is_nounish(tok.text) or w == "worth":
        return True
    if prev is None or after_figure_compound(tokens, j - 1):
        return False
    if j + 1 < len(tokens) and tokens[j + 1].lower in _FINITE_AFTER_SUBJECT:
        return False  # "the tax cut is worth", "the pay rise was": a finite "be"/"have" follows its subject's head
    if prev.lower in ("which", "who"):
        return True  # "which runs 35 depots": a relative pronoun is followed by its verb
    if prev.lower == "that" and _before_object(tokens, j) and _is_third_person(w):
        return True  # "a robot that sorts 300 parcels": "that" as a relative pronoun, before a verb in -s
    if prev.lower in _AUX or (prev.lower == "to" and "VERB" in classes):
        return True  # "has been revised", "due to fall"
    if prev.lower in _SUBJECT_PRONOUNS:
        return True  # "it rose", "they cut": a subject pronoun is followed by its verb, never a noun
    if prev.lower in _VERB_ADVERBS and "VERB" in classes:
        return True  # "the fund now holds", "it also owns": these adverbs stand before verbs, not nouns
    if w not in _LINKING and not _change_verb(tokens, j) and not w.endswith("ed") and not _irregular_past(w, classes):
        return _third_person_verb(tokens, j) or _plural_subject_verb(tokens, j)
    if prev.text in (",", ")") and classes.get("VERB", (w,))[0] != w and _change_verb(tokens, j):
        return True  # "Shares of Acme, a robot maker, fell 7%", "the price index (CPI) rose 2%": an
        # inflected change verb after an aside or a bracketed abbreviation
    if prev.lower in STOP or prev.lower in _DETERMINERS or not prev.text[0].isalnum():
        return False
    if prev.text[0].isupper() and j > 1:
        return True  # "while the Nifty rose": a capitalised word inside the sentence is a name, no adjective
    return not (is_adjish(prev.text) and not is_nounish(prev.text))  # "the sharpest drop" is a noun


def _irregular_past(w: str, classes: dict) -> bool:
    """ "left", "found", "shot": a verb's past form not in -ed (its lemma is another word, and it is
    no -s or -ing form), which after a noun is that noun's verb as an -ed form is ("the storm left
    40,000 homes"); the dictionary's verb lemma decides, not a list."""
    lemma = classes.get("VERB", (w,))[0]
    return lemma != w and not w.endswith(("s", "ing"))


# Finite forms of "be" and "have" and the modals: a word filed as noun and verb right before one
# is the head of the subject, not a verb (closed classes)
_FINITE_AFTER_SUBJECT = frozenset({"is", "was", "are", "were", "has", "have", "had", "will", "would", "could",
                                   "may", "might", "should", "must", "can"})
# What may follow a verb as its object or complement at once: an amount, a determiner, a
# qualifier word, "by" (closed classes)
_OBJECT_OPENERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those",
                             "some", "about", "roughly", "nearly", "almost", "around", "more", "less"})


def _third_person_verb(tokens: list[Token], j: int) -> bool:
    """ "the recall covers about 85,000 trucks", "Vodafone plans to cut": a noun-and-verb word in
    its verb's third-person form right after a subject (a singular noun after a determiner or a
    possessive, or a name, with at most a few nouns or names before it: "the ferry crossing
    takes", "Intel's Core i9 chip boosts", "Python 3.12 runs"), and before an amount, a
    determiner, a qualifier word or "to" + a verb or an amount, is that noun's verb: English
    puts no object right after such a noun phrase; nor after the comma that closes an aside
    ("the crossover, priced from $24,995, returns 31 mpg").  A noun phrase that does not open
    so is itself inside a phrase and makes a compound ("cut bus fares 10%", "reduced heart
    attacks by 30%"), and a plural noun one too ("bus routes")."""
    # the cheap token tests first: this runs for words filed as noun and verb near a figure
    if j < 1 or j + 1 >= len(tokens) or not tokens[j].lower.endswith("s"):
        return False
    prev = tokens[j - 1]
    if not _before_object(tokens, j):
        return False
    if prev.text == "," and j >= 3:
        return _is_third_person(tokens[j].lower)  # "the crossover, priced from $24,995, returns 31 mpg": after an aside
    k = j - 2
    while k >= 0 and j - k <= 4 and (_name_glue(tokens, k) or (
            tokens[k].text[0].isalpha() and tokens[k].lower not in STOP
            and (is_nounish(tokens[k].text) or is_adjish(tokens[k].text)) and not is_plural(tokens[k].text))):
        k -= 1  # the adjectives, singular nouns and names of a longer subject: "the ferry crossing", "the
        # hard drive", "the James Webb telescope" (a word in -s may be a verb: "the council cuts bus fares 10%")
    opener = tokens[k] if k >= 0 else None
    if not (prev.text[0].isupper() or opener is None or opener.lower in _DETERMINERS
            or opener.lower.endswith(("'s", "’s")) or opener.text in (",", ";", ":")
            or _hyphenated(tokens, k)):
        return False
    if prev.lower in STOP or is_plural(prev.text) and not prev.text[0].isupper() or not (
            prev.text.isalpha() and is_nounish(prev.text) or _name_glue(tokens, j - 1)):
        return False
    return _is_third_person(tokens[j].lower)


def _before_object(tokens: list[Token], j: int) -> bool:
    """An amount, a determiner, a qualifier word, "to" + a verb or an amount, or "at"/"from"/
    "up to" + an amount right after tokens[j]: what follows a verb, not a noun ("flies at
    40 km/h", "start from $999", "go up to 2TB")."""
    if j + 1 >= len(tokens):
        return False
    nxt = tokens[j + 1]
    if nxt.lower == "to":
        after = tokens[j + 2] if j + 2 < len(tokens) else None
        return after is not None and (_amount_opens(after)
                                      or word_classes(after.lower).get("VERB", ("",))[0] == after.lower)
    if nxt.lower in ("at", "from") or (nxt.lower == "up" and j + 2 < len(tokens) and tokens[j + 2].lower == "to"):
        k = j + 2 if nxt.lower != "up" else j + 3
        return k < len(tokens) and _amount_opens(tokens[k])
    if nxt.lower in _AMOUNT_QUALIFIERS and j + 2 < len(tokens) and _amount_opens(tokens[j + 2]):
        return True  # "the latest counts show only 610": a qualifier word, then the amount
    return _amount_opens(nxt) or nxt.lower in _OBJECT_OPENERS


# Qualifier words that stand between a verb and its amount and never after a noun's head
# before an amount ("show only 610", "lists just $45"; closed class)
_AMOUNT_QUALIFIERS = frozenset({"just", "only", "barely", "exactly", "approximately", "some"})


def _amount_opens(tok: Token) -> bool:
    """Digits, a currency sign or a number word ("lists two seats") open an amount."""
    return tok.text[0].isdigit() or tok.text[0] in "$€£¥" or (tok.lower in NUMBER_WORDS and tok.text.islower())


def _plural_subject_verb(tokens: list[Token], j: int) -> bool:
    """ "prices start at $999", "storage options go up to 2TB", "oil prices rise 5%": a
    noun-and-verb word in its base form right after a plural noun, and before what follows a
    verb (:func:`_before_object`), is that noun's verb: subject and verb agree in number, and
    English builds no compound noun on a plural ("price index", not "prices index")."""
    if j < 1 or not _before_object(tokens, j):
        return False
    prev, w = tokens[j - 1], tokens[j].lower
    return word_classes(w).get("VERB", ("",))[0] == w and prev.text.isalpha() and prev.lower not in STOP \
        and is_plural(prev.text) and is_nounish(prev.text) and not _object_phrase(tokens, j - 1)


def _object_phrase(tokens: list[Token], k: int) -> bool:
    """True when the noun phrase ending at tokens[k] follows a verb ("raised its annual sales
    target to $40 billion"): it is that verb's object, and an object is followed by no verb of
    its own, so a plural in it ("sales") is a compound's first part, not a subject."""
    i = k - 1
    while i >= 0 and k - i <= 4 and (tokens[i].lower in _DETERMINERS or tokens[i].text.isalpha() and (
            is_adjish(tokens[i].text) or is_nounish(tokens[i].text)) and "VERB" not in word_classes(tokens[i].lower)):
        i -= 1
    return i >= 0 and i < k - 1 and tokens[i].text.islower() and "VERB" in word_classes(tokens[i].lower) \
        and not is_nounish(tokens[i].text)


def _hyphenated(tokens: list[Token], k: int) -> bool:
    """ "a 2.0-liter engine makes", "an all-electric sedan offers": tokens[k] ends a hyphenated
    compound adjective, which like a determiner opens the noun phrase the next noun heads."""
    tok = tokens[k]
    if "-" in tok.text[1:-1] and tok.text[0].isalnum():
        return True
    return k >= 1 and tokens[k - 1].text == "-" and tokens[k - 1].end == tok.start and tok.text[0].isalpha()


@lru_cache(maxsize=4096)
def _is_third_person(lower: str) -> bool:
    """True when ``lower`` is the third-person singular present of a verb ("covers", "trails")."""
    from lemminflect import getInflection

    verb = word_classes(lower).get("VERB")
    return bool(verb) and lower in getInflection(verb[0], tag="VBZ")


def _change_verb(tokens: list[Token], j: int) -> bool:
    """A form of a change verb, unless it is a singular noun right after a figure and its unit:
    "rents rise" is a verb, "a 40 km hike", "a 5% drop" are nouns the figure describes."""
    w = tokens[j].lower
    if w not in lexicon().change:
        return False
    classes = word_classes(w)
    base = classes.get("NOUN", ("",))[0] == w == classes.get("VERB", ("",))[0]  # "hike", not "rose"
    return not (base and any(tokens[i].text[0].isdigit() for i in range(max(0, j - 3), j)))


def _names_gerund(prev: Token) -> bool:
    """A word before an -ing word that makes it a noun: a determiner, a possessive, or a
    singular noun or adjective ("consumer lending"; not "prices rising", "has been growing")."""
    if prev.lower in _DETERMINERS or prev.lower.endswith(("'s", "’s")):
        return True
    return prev.text[0].isalpha() and prev.lower not in STOP and prev.lower not in _AUX \
        and (is_nounish(prev.text) or is_adjish(prev.text)) and not is_plural(prev.text) \
        and "VERB" not in word_classes(prev.lower)
