"""What a figure measures, read from the words before it: "a 2019 funding shortfall of $227 million"
-> ``funding shortfall``; "migrant children—nearly 70,000 in all" -> ``child`` (the second reading of
:mod:`.nouns`, whose docstring describes both).

Split out of :mod:`.nouns` to keep it short.
"""

from __future__ import annotations

from functools import lru_cache

from .events import MODALS
from .lexicon import lexicon
from .nouns import _OF_OR_BREAK, AMOUNT_HEADS, _is_modifier_word, _modifier_lemma, _verb_form, after_figure_compound
from .scan import NUMBER_WORDS
from .words import _OBJECT_DETERMINERS, CLOSING_QUOTES, STOP, Token, is_nounish, is_postmodifier, noun_lemma, word_classes

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
            and (after_change or tokens[j].lower in lexicon().change or _level_preposition(tokens, j + 1))):
        finite = not tokens[j].lower.endswith("ing")  # "adding $5" has no subject of its own to walk back to
        j -= 1
        while j >= 0 and tokens[j].lower in _AUX_AND_DEGREE:
            j -= 1
        return _noun_run_before(tokens, _subject_head(tokens, j, finite))
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


def _subject_head(tokens: list[Token], j: int, participles: bool = True) -> int:
    """Index of the last word of the subject's head noun phrase, for a subject ending at j: the
    phrases after the head ("from the flood", "in Amberley") are walked back over, at most three,
    and with ``participles`` (the subject of a finite verb) a participle clause ("the number of
    tourists visiting the park fell")."""
    for _ in range(3):
        k = j
        while k >= 0 and j - k < 5 and tokens[k].lower not in _SUBJECT_PREPOSITIONS and (
                tokens[k].lower in ("the", "a", "an") or tokens[k].lower.endswith(("'s", "’s"))
                or tokens[k].text[0].isdigit() or _is_modifier_word(tokens[k])):
            k -= 1
        if participles and k < j and k >= 1 and _present_participle(tokens[k]) and is_nounish(tokens[k - 1].text) \
                and tokens[k - 1].lower not in STOP:
            j = k - 1  # "the number of tourists visiting the park": a participle clause after the head
            continue
        if participles and k >= 2 and tokens[k].lower in _SUBJECT_PREPOSITIONS \
                and _past_participle_before_phrase(tokens, k - 1):
            j = k - 2  # "the price of condos completed in May": a past participle clause after the head
            continue
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


def _level_preposition(tokens: list[Token], k: int) -> bool:
    """ "stood at 41", "climbed to 41": a preposition of a level; "at" of "at least"/"at most" is
    a bound of the figure ("counted at least 212 dead": the verb's object, no level of its subject)."""
    w = tokens[k].lower
    return w in _LEVEL_PREPOSITIONS and not (w == "at" and k + 1 < len(tokens) and tokens[k + 1].lower in ("least", "most"))


# prepositions (a closed class) that may open the phrase after a past participle ("built near the river")
_PARTICIPLE_PREPOSITIONS = _SUBJECT_PREPOSITIONS | frozenset({
    "by", "near", "along", "beside", "since", "after", "before", "into", "onto", "through", "between", "around",
    "outside", "inside", "off", "against", "without", "behind", "above", "below", "beneath", "beyond", "toward",
    "towards", "upon", "via", "until"})


def _past_participle_before_phrase(tokens: list[Token], k: int) -> bool:
    """True when tokens[k] is a past participle that opens a reduced relative clause inside a
    subject, before a preposition ("the condos **completed** in May", "the mansion **built** over a
    decade"): a word the dictionary knows only as a verb, in a form other than its base, after a
    common noun.  A finite verb there would take an object, not a preposition, and the subject's
    own verb still follows (callers read subjects of finite verbs)."""
    if k < 1 or k + 1 >= len(tokens) or tokens[k + 1].lower not in _PARTICIPLE_PREPOSITIONS:
        return False
    w, prev = tokens[k].lower, tokens[k - 1]
    if not w.isalpha() or not tokens[k].text.islower() or w.endswith(("ing", "s")):
        return False
    classes = word_classes(w)
    return set(classes) == {"VERB"} and classes["VERB"][0].lower() != w and prev.text.isalpha() \
        and prev.lower not in STOP and is_nounish(prev.text)


def _present_participle(tok: Token) -> bool:
    """A word in -ing the dictionary knows only as a verb ("visiting", "living"; not "housing",
    "building", which are nouns too): inside a subject it opens a participle clause."""
    w = tok.lower
    return w.endswith("ing") and w.isalpha() and set(word_classes(w)) == {"VERB"}


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
    if j >= 1 and tokens[j].text in CLOSING_QUOTES and j + 1 < len(tokens) and tokens[j + 1].lower == "of":
        j -= 1  # 'a "congestion charge" of £15': the quoted term is the run
    while j >= 0 and len(words) < 3:
        tok = tokens[j]
        if tok.text[0].isdigit():
            j -= 1
            continue
        if tok.lower in STOP or not tok.text[0].isalpha() or not _is_modifier_word(tok) or tok.lower in NUMBER_WORDS:
            break  # a number word ends a figure ("incomes above $1 million will rise"), no noun
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
