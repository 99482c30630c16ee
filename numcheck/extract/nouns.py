"""What a figure counts or measures.

numcheck has no statistical parser (spaCy's models are not installable on
the machines this runs on, see NOTES), so this module reads a sentence with
word-class lookups from lemminflect's dictionary (:mod:`.words`) and a few
phrase patterns:

* **noun after the figure**: "2,700 migrant families at" -> noun ``family``,
  modifiers ``migrant`` (a run of noun/adjective words; the head is the first
  plural noun for figures other than one, else the last noun of the run);
* **noun before the figure**: "a 2019 funding shortfall of $227 million" ->
  ``funding shortfall``; "migrant children—nearly 70,000 in all" -> ``child``.

The event words around the figure (its context) are read in :mod:`.events`.
"""

from __future__ import annotations

from functools import lru_cache

# the tokens, word classes, clauses and events, importable from numcheck.extract.nouns as before
# they moved to modules of their own (claims, figures, text, subjects and the tests import them here)
from .events import (_MAIN_AUXILIARIES, CLAUSE_BREAK, MODALS, ClauseIndex, _opens_relative,  # noqa: F401
                     clauses, context_for, event_lemma)
from .lexicon import lexicon
from .words import (_OBJECT_DETERMINERS, STOP, Token, is_adjish, is_nounish, is_plural, is_postmodifier, noun_lemma,  # noqa: F401
                    tokenize, word_classes)

# words that may stand between a number and what it counts ("eight other employees")
SKIPPABLE_BEFORE_NOUN = frozenset({"other", "more", "additional", "new", "extra", "further", "former"})
# adjectives of order the function words (words.STOP) hold: between a number and a plural noun
# they are read past ("50 previous years", "the 3 last games"), never before a singular one
# ("scored 12 last night": "last night" is a time)
ORDER_ADJECTIVES = frozenset({"previous", "last", "next"})


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
    return _noun_run_after(tokens, i, value)


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


def _noun_run_after(tokens: list[Token], i: int, value: float) -> tuple[str, tuple[str, ...], int]:
    run: list[Token] = []
    while i < len(tokens) and (tokens[i].lower in SKIPPABLE_BEFORE_NOUN or (
            tokens[i].lower in ORDER_ADJECTIVES and _order_before_plural(tokens, i))):
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
        if tok.lower in MEASURE_ADJECTIVES or tok.lower in TAKES_AN_AMOUNT \
                or not (_is_modifier_word(tok) or participle_before_noun(tokens, k)):
            break
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
    nouns = [k for k, t in enumerate(run) if is_nounish(t.text) and "." not in t.text]
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
    return " ".join(compound + [noun_lemma(run[head].text)]), modifiers, end


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


# Auxiliaries and the adverbs that stand between a subject and its verb, degree words of a change
# among them ("has more than doubled to $80 billion", "has nearly halved to 40"): closed classes.
_AUX_AND_DEGREE = frozenset({"has", "have", "had", "was", "were", "is", "are", "been", "will", "would", "also",
                             "now", "only", "just", "more", "than", "nearly", "almost", "roughly", "about",
                             # adverbs of degree before a participle: "were little changed at $41"
                             "little", "largely", "broadly", "mostly", "slightly", "barely"})


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
        if tokens[j].lower == "of" and j >= 1 and tokens[j - 1].lower in AMOUNT_HEADS:
            return "", ()  # "a record low of 89.2", "a total of 25": the head packages the figure
        if tokens[j].text == "(" and any(tokens[k].text[0].isdigit() for k in range(max(0, j - 3), j)):
            return "", ()  # "Rs 500 crore ($60 million)": a restated amount, its unit is no noun
        return _noun_run_before(tokens, j - 1, participle_clause=tokens[j].lower == "of")
    while j >= 0 and tokens[j].lower in _BEFORE_FIGURE:
        j -= 1
    if after_change and j >= 1 and tokens[j + 1].lower == "to":
        by = _amount_start(tokens, j) - 1
        verb = _change_before_object(tokens, by - 1) if by >= 1 and tokens[by].lower == "by" else -1
        if verb >= 0:  # "raised its key rate by 0.25 points to 4.5%": the level the object reached
            return _noun_run_before(tokens[verb + 1:by], by - verb - 2)
        j = _past_change_amount(tokens, j)
    verb = _change_before_object(tokens, j) if j >= 0 and tokens[j + 1].lower == "by" else -1
    if verb >= 0:  # "cut bus fares by 10%", "cut the risk of a stroke by 30%": the object's run
        # (before the linking verbs: in "cut costs by 10%" "costs" is the object, not a verb)
        return _noun_run_before(tokens[verb + 1:j + 1], j - verb - 1)
    if j >= 0 and tokens[j].lower in _LINKING or (j >= 0 and _verb_form(tokens[j]) and (
            not is_nounish(tokens[j].text) or j >= 1 and tokens[j - 1].lower in MODALS)  # "would stay at"
            and (after_change or tokens[j].lower in lexicon().change or tokens[j + 1].lower in _LEVEL_PREPOSITIONS)):
        j -= 1
        while j >= 0 and tokens[j].lower in _AUX_AND_DEGREE:
            j -= 1
        return _noun_run_before(tokens, _subject_head(tokens, j))
    if j >= 0 and (tokens[j + 1].lower == "at" or not after_change and tokens[j + 1].lower == "to") \
            and _object_before_at(tokens, j):  # "put the death toll at 212", "kept rates at 5%"; a count
        return _noun_run_before(tokens, j)  # a verb takes to a level: "bringing the death toll to 41"
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


def _amount_start(tokens: list[Token], j: int) -> int:
    """The index of the number of an amount ending at token j with at most two words after
    it ("0.2 points", "8 per cent", "$5"), else j + 1."""
    k = j
    while k > j - 2 and k >= 0 and not tokens[k].text[0].isdigit() and tokens[k].text[0] not in "$€£¥":
        k -= 1
    return k if k >= 0 and (tokens[k].text[0].isdigit() or tokens[k].text[0] in "$€£¥") else j + 1


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


def _object_before_at(tokens: list[Token], j: int) -> bool:
    """True when tokens up to j are a verb's object before "at <figure>": a verb, a determiner,
    then a noun run ending at j ("put the magnitude at 7.1", "set its fee at $40"): the object
    names what the figure measures."""
    k = j
    while k >= 0 and j - k < 4 and tokens[k].lower not in _OBJECT_DETERMINERS and _is_modifier_word(tokens[k]):
        k -= 1
    return k < j and k >= 1 and tokens[k].lower in _OBJECT_DETERMINERS and is_nounish(tokens[j].text) \
        and "VERB" in word_classes(tokens[k - 1].lower) and not tokens[k - 1].text[0].isupper() \
        and not _time_unit(tokens[j].lower)


@lru_cache(maxsize=4096)
def _time_unit(word: str) -> bool:
    """A unit of time in pint's registry ("year", "weeks"): "end the year at 5,200", "start the
    day at 40" time the figure, they are not what it measures."""
    from .units_after import _dimension

    return _dimension(noun_lemma(word)) == "[time]"


# Prepositions that attach a phrase to the subject's head noun: "exports to China rose 5%",
# "the death toll from the flood in Amberley rose to 41", "shares of the company fell 9%",
# "revenue during the quarter under review rose 42%" (a phrase of time or circumstance).
_SUBJECT_PREPOSITIONS = frozenset({"of", "in", "from", "to", "for", "at", "on", "across", "among", "with",
                                   "during", "under", "over", "within", "throughout"})
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
        if k >= 2 and is_postmodifier(head.lower) and is_nounish(tokens[k - 2].text) \
                and tokens[k - 2].lower not in STOP:
            j = k - 2  # "net profit attributable to shareholders", "bonds linked to inflation"
            continue
        if head.lower in STOP or not head.text[0].isalpha() or not is_nounish(head.text) \
                or (tokens[k].lower == "of" and head.lower in _TRANSPARENT_HEADS):
            return j
        j = k - 1
    return j


# a count's verb passes its subject on only as a linking verb, a change or a level ("stood at
# 41", "climbed to 41"); another verb's count is its object ("the blast killed 12": not blasts)
_LEVEL_PREPOSITIONS = frozenset({"to", "at"})
_BEFORE_FIGURE = frozenset({"to", "by", "at", "about", "nearly", "almost", "around", "some", "roughly",
                            "approximately", "more", "than", "over", "under", "less", "just", "only",
                            "up", "down", "a", "an", "of"})
_LINKING = frozenset({"is", "was", "were", "are", "be", "been", "totaled", "totalled", "reached",
                      "stood", "hit", "numbered", "rose", "fell", "grew", "climbed", "dropped", "jumped",
                      "declined", "increased", "decreased", "gained", "lost", "cost", "costs"})


def _noun_run_before(tokens: list[Token], j: int, participle_clause: bool = False) -> tuple[str, tuple[str, ...]]:
    """The noun (compound nouns kept) and modifiers of the run of words ending at token j.
    ``participle_clause``: the run is the object of "of <figure>", and an -ing verb that opens
    it right after a comma opens a participle clause ("92 cents a share, beating forecasts of
    85 cents": ``forecast``), not a compound noun."""
    words: list[str] = []
    while j >= 0 and len(words) < 3:
        tok = tokens[j]
        if tok.text[0].isdigit():
            j -= 1
            continue
        if tok.lower in STOP or not tok.text[0].isalpha() or not _is_modifier_word(tok):
            break
        if _verb_form(tok) and not is_nounish(tok.text) or after_figure_compound(tokens, j):
            break  # a verb; or the unit of "a 1.5-litre engine": the figure's, not the noun's
        words.append(tok.text)
        j -= 1
    if participle_clause and len(words) > 1 and j >= 0 and tokens[j].text == "," \
            and words[-1].endswith("ing") and _verb_form(tokens[j + 1]):
        words.pop()
    while words and not is_nounish(words[0]):
        words.pop(0)  # the head is the last word before the figure, and must be a noun
    if not words:
        return "", ()
    words.reverse()
    head = noun_lemma(words[-1])
    nounal = [("NOUN" in word_classes(w) and "ADJ" not in word_classes(w)) for w in words[:-1]]
    # a compound's nouns stand right before its head: a noun before an adjective modifies the
    # whole phrase ("Apples new phone", a possessive whose apostrophe the page lost: apple)
    last_adj = max((k for k, nominal in enumerate(nounal) if not nominal), default=-1)
    compound = [w.lower() for k, w in enumerate(words[:-1]) if nounal[k] and k > last_adj]
    modifiers = tuple(_modifier_lemma(w) for k, w in enumerate(words[:-1]) if not nounal[k] or k < last_adj)
    return " ".join(compound + [head]), modifiers


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
