"""What a figure counts or measures.

numcheck has no statistical parser (spaCy's models are not installable on
the machines this runs on, see NOTES), so this module reads a sentence with
word-class lookups from lemminflect's dictionary (:mod:`.words`) and a few
phrase patterns:

* **noun after the figure**: "2,700 migrant families at" -> noun ``family``,
  modifiers ``migrant`` (a run of noun/adjective words; the head is the first
  plural noun for figures other than one, else the last noun of the run);
* **noun before the figure**: "a 2019 funding shortfall of $227 million" ->
  ``funding shortfall``; "migrant children—nearly 70,000 in all" -> ``child``
  (in :mod:`.nouns_before`).

The event words around the figure (its context) are read in :mod:`.events`.
"""

from __future__ import annotations

from functools import lru_cache

# the tokens, word classes, clauses and events, importable from numcheck.extract.nouns as before
# they moved to modules of their own (claims, figures, text, subjects and the tests import them here)
from .events import (_MAIN_AUXILIARIES, CLAUSE_BREAK, MODALS, ClauseIndex, _opens_relative,  # noqa: F401
                     clauses, context_for, event_lemma)
from .counted import verb_s_as_plural
from .lexicon import lexicon
from .scan import NUMBER_WORDS
from .words import (_OBJECT_DETERMINERS, STOP, Token, is_adjish, is_nounish, is_plural, is_postmodifier, noun_lemma,  # noqa: F401
                    tokenize, word_classes)

# words that may stand between a number and what it counts ("eight other employees")
SKIPPABLE_BEFORE_NOUN = frozenset({"other", "more", "additional", "new", "extra", "further", "former"})
# adjectives of order the function words (words.STOP) hold: between a number and a plural noun
# they are read past ("50 previous years", "the 3 last games"), never before a singular one
# ("scored 12 last night": "last night" is a time)
ORDER_ADJECTIVES = frozenset({"previous", "last", "next"})


def _such_before_noun(tokens: list[Token], i: int) -> bool:
    """True for the determiner "such" between a number and what it counts ("three such games",
    "one such case"): a postdeterminer, never the counted thing; not "such as"/"such that", which
    open an example or a clause after the figure."""
    return tokens[i].lower == "such" and i + 1 < len(tokens) and tokens[i + 1].lower not in ("as", "that") \
        and tokens[i + 1].text[:1].isalpha()


def _order_before_plural(tokens: list[Token], i: int) -> bool:
    return tokens[i].lower in ORDER_ADJECTIVES and i + 1 < len(tokens) and is_plural(tokens[i + 1].text) \
        and tokens[i + 1].text[:1].islower()


# adjectives of measurement that end a noun run ("5 km long", "3 feet tall")
MEASURE_ADJECTIVES = frozenset({"long", "tall", "wide", "deep", "high", "old", "thick", "away", "short",
                                "heavy", "across", "apart", "early", "late", "ago", "later", "earlier"}) \
    | frozenset(  # the compass points, adverbs after a distance ("25 miles northeast of the capital"), as "away"
        f"{a}{sep}{b}" for a in ("north", "south") for b in ("", "east", "west") for sep in (("",) if not b else ("", "-"))) \
    | frozenset({"east", "west"})
# "worth" takes an amount as its object, as a preposition does ("60 jets worth $6 billion",
# "shares worth about $5"): it ends the noun phrase before it (a closed class of one word)
TAKES_AN_AMOUNT = frozenset({"worth"})
# Heads of "<head> of N" that name the figure itself, not what it counts ("a total of 25", "a record
# high of 4,812", "an average of 30", "a combined 40"): the figure's noun is left to the words around
# it, and after a change verb they name the change's amount ("rose by an average of 9%": claims.py)
AMOUNT_HEADS = frozenset({"total", "sum", "tally", "count", "figure", "amount", "level", "maximum", "minimum",
                          "high", "low", "average", "peak", "record", "combined"})
PREPOSITIONS_OF = frozenset({"of"})
_OF_OR_BREAK = PREPOSITIONS_OF | {"—", "–", ":", "("}  # built once: noun_before tests it per figure


def _is_modifier_word(tok: Token) -> bool:
    w = tok.lower
    if not w[0].isalpha() or w in STOP and not (len(w) > 1 and tok.text.isupper()):
        return False  # an initialism is no function word: "45 US utilities", "IT staff"
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
    return _noun_run_after(tokens, i, value, codes_name=premodifiers)


# adverbs of degree before an adjective in a noun phrase ("the most fertile districts", "very
# large firms"): a closed class, function words (words.STOP) the noun run stops at otherwise
_DEGREE_WORDS = frozenset({"most", "least", "very", "less", "so", "too", "extremely"})


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
        if set(classes) == {"ADV"} and w.endswith("ly") or w in _DEGREE_WORDS and k + 1 < len(tokens) \
                and (is_adjish(tokens[k + 1].text) or participle_before_noun(tokens, k + 1)):
            k += 1  # "highly", "newly", "most" ("most fertile"): an adverb of the next modifier
        elif w not in STOP and set(classes) == {"VERB"} and w.endswith("ing"):
            lemmas.append(classes["VERB"][0].lower())
            k += 1
        else:
            break
    return k, tuple(lemmas)


def _noun_run_after(tokens: list[Token], i: int, value: float,
                    codes_name: bool = True) -> tuple[str, tuple[str, ...], int]:
    """The counted noun of the run of words at ``i``; ``codes_name``: a code of capitals and digits
    may be the head ("a 3.5-liter V6"; not after an ordinal: "his second T20" ranks no code)."""
    run: list[Token] = []
    while i < len(tokens) and (tokens[i].lower in SKIPPABLE_BEFORE_NOUN or (
            tokens[i].lower in ORDER_ADJECTIVES and _order_before_plural(tokens, i)) or (
            tokens[i].lower == "such" and _such_before_noun(tokens, i))):
        i += 1
    glued_end = -1
    codes: dict[int, int] = {}  # run index of a name with digits glued to it -> the code's end offset
    verbal_plural = -1  # run index of a plural noun the dictionary knows only as a verb ("assists")
    k = i
    while k < len(tokens) and len(run) < 5:
        tok = tokens[k]
        if tok.start == glued_end and (tok.text[0].isdigit() or tok.text == "-"):
            glued_end = tok.end  # "RAV4", "F-150": digits glued to a name are part of it
            if codes_name and tok.text[0].isdigit():
                codes[len(run) - 1] = tok.end
            k += 1
            continue
        if codes and len(run) - 1 in codes and _verb_form(tok) and is_plural(tok.text):
            break  # "a 6.2-liter V-8 drives the wheels": after a code, a verb in -s is the clause's verb
        if coordinated(tokens, k, i):
            k += 1  # "new and used cars", "damaged or destroyed homes": the second modifier joins the run
            continue
        if tok.lower in MEASURE_ADJECTIVES or tok.lower in TAKES_AN_AMOUNT or tok.lower in NUMBER_WORDS \
                or not (_is_modifier_word(tok) or participle_before_noun(tokens, k)):
            # "19 league assists last season": a plural the dictionary knows only as a verb ends the
            # phrase (counted.verb_s_as_plural); "the 40-acre farm employs 12 people": a verb
            if run and value != 1 and tok.lower[-1] == "s" and verb_s_as_plural(tokens, k) \
                    and not _before_amount(tokens, k):
                verbal_plural = len(run)
                run.append(tok)
            break  # a number word opens the next figure ("59% four years earlier"), as digits do
        if k + 1 < len(tokens) and tokens[k + 1].lower == "than" and is_adjish(tok.text):
            break  # "20% better than", "10% worse than": a comparative before "than", not a noun
        if run and _verb_form(tok) and (not is_nounish(tok.text) or _before_amount(tokens, k)) \
                and not participle_before_noun(tokens, k):
            break
        if _verb_acts(tokens, k, bool(run)):
            break
        run.append(tok)
        glued_end = tok.end if tok.text[0].isupper() else -1
        k += 1
    # a code of capitals and digits names a thing as a noun does ("a 3.5-liter V6", "the V-8")
    nouns = [k for k, t in enumerate(run) if (is_nounish(t.text) or k in codes or k == verbal_plural)
             and "." not in t.text]
    if not nouns:
        return "", (), i
    head = nouns[-1]
    if value != 1:
        plural = [k for k in nouns if is_plural(run[k].text)]
        head = plural[0] if plural else head
        while plural and head + 1 in plural and run[head + 1].text.islower():
            head += 1  # "200 police officers", "20 people smugglers": a plural noun modifying the next
    # nouns that can only be nouns, right before the head, make a compound with it
    # ("attorney general", "funding shortfall"); adjective-like words stay modifiers ("migrant")
    first = head
    while first > 0 and _compound_part(run[first - 1].text):
        first -= 1
    modifiers = tuple(_modifier_lemma(t.text) for t in run[:first])
    compound = [t.text.lower() for t in run[first:head]]
    end = tokens.index(run[head], i) + 1
    if head == verbal_plural:
        return " ".join(compound + [word_classes(run[head].lower)["VERB"][0].lower()]), modifiers, end
    if head in codes:  # "V6", "V-8": the code with its digits is the head (its own lemma)
        while end < len(tokens) and tokens[end].end <= codes[head]:
            end += 1
        return " ".join(compound + [_code_text(tokens, run[head], codes[head])]), modifiers, end
    return " ".join(compound + [noun_lemma(run[head].text)]), modifiers, end


def _code_text(tokens: list[Token], first: Token, end: int) -> str:
    """The lower-case text of a code from its first token to ``end`` ("v6", "v-8")."""
    k = tokens.index(first)
    parts = []
    while k < len(tokens) and tokens[k].end <= end:
        parts.append(tokens[k].lower)
        k += 1
    return "".join(parts)


def _before_amount(tokens: list[Token], k: int) -> bool:
    """True when a figure (digits or a currency sign) follows tokens[k] directly: a noun phrase
    does not run into a number, so a word that may be a verb there is the clause's verb
    ("a 2.0-liter engine makes 255 horsepower", "the 40-acre farm employs 12 people"); a
    participle in -ing may have a qualifier between ("one bag weighing up to 7kg")."""
    if k + 1 >= len(tokens):
        return False
    j = k + 1
    if tokens[k].lower.endswith("ing"):
        words = _qualifier_words()
        while j < len(tokens) and j - k <= 3 and tokens[j].lower in words:
            j += 1
    return j < len(tokens) and tokens[j].text[0] in "0123456789$€£¥"


@lru_cache(maxsize=1)
def _qualifier_words() -> frozenset[str]:
    """The words of the lexicon's qualifier phrases before a figure ("up", "to", "about")."""
    return frozenset(w for phrase, _ in lexicon().qualifiers_before for w in phrase.split())


def after_figure_compound(tokens: list[Token], k: int) -> bool:
    """ "a 300-mile range", "a 10-point lead": tokens[k] ends a compound of a figure, a hyphen
    and a word, an adjective English puts only before a noun (the word names the figure's unit
    or counted noun, not what the phrase is about)."""
    return k >= 2 and tokens[k - 1].text == "-" and tokens[k - 2].end == tokens[k - 1].start \
        and tokens[k - 1].end == tokens[k].start and tokens[k - 2].text[0].isdigit()


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


# what follows a verb and never a counted noun: the agent of a passive ("14 hit by falling rocks"),
# and, after the noun run has begun, the verb's object ("a 6.1 tremor hit the valley")
_AFTER_VERB_ONLY = frozenset({"a", "an", "the", "its", "their", "his", "her"})


def _verb_acts(tokens: list[Token], k: int, in_run: bool) -> bool:
    """True when ``tokens[k]``, a word that is both a noun and a verb ("hit", "set", "cut"), acts as
    the verb: singular, and right after the figure followed by "by" (a passive: "14 hit by
    falling rocks") or, after a noun ("tremor hit the valley"), by a determiner that opens its object."""
    nxt = tokens[k + 1].lower if k + 1 < len(tokens) else ""
    if not (nxt in _AFTER_VERB_ONLY if in_run else nxt == "by"):
        return False  # "a second heart attack by 40%": after a noun, "by" opens the change's amount
    tok = tokens[k]
    return _verb_form(tok) and not is_plural(tok.text)


def _verb_form(tok: Token) -> bool:
    return "VERB" in word_classes(tok.lower) and not tok.text[0].isupper()
