"""Noun phrases and verbs, as the subject patterns (:mod:`.subjects`) read them.

A phrase is read back from its last word (:func:`_np_before`) or on from its first
(:func:`_np_after`): at most a few words of nouns, adjectives, names and digits
written inside a name ("FTSE/JSE 40"), ending at its head noun and stopping at a verb
(:func:`_acts_as_verb` tells a word that is also a noun, "fell", "range", by what
stands before it).  :func:`_subject_np` adds a subject's ``of``/``for`` complement;
:func:`_render` joins the lemmas users read in the claims' ``subject`` column.
"""

from __future__ import annotations

from .lexicon import lexicon
from .nouns import coordinated, participle_before_noun
from .scan import NUMBER_WORDS
# which word acts as a verb, in a module of its own; importable from here as before (the other readers do)
from .verbs import (_AUX, _DETERMINERS, _LINKING, _VERB_ADVERBS, _acts_as_verb, _before_object,  # noqa: F401
                    _change_verb, _name_glue, _names_gerund, _plural_subject_verb, _third_person_verb)
from .words import CLOSING_QUOTES, STOP, Token, is_adjish, is_nounish, is_plural, is_postmodifier, word_classes

_ADVERBS = frozenset({"also", "now", "only", "just", "still", "already", "not", "then", "currently",
                      "previously", "recently", "nearly", "almost", "reportedly", "expected", "estimated",
                      # of degree, before a participle: "were little changed at $41", "broadly unchanged"
                      "little", "largely", "broadly", "mostly", "slightly", "barely"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Prepositions inside a subject phrase: kept ("cost of a pass", "revenue per room": a rate's base) or
# dropped ("turnover in the half").
_KEEP_PREP = frozenset({"of", "for", "per"})
_DROP_PREP = frozenset({"in", "at", "on", "across", "during", "among", "from", "within", "around",
                        "under", "over", "throughout",  # "revenue during the quarter under review"
                        # the other prepositions of place and manner (closed class; not those that also
                        # open a clause, "after its engine failed"): "oil rigs off the shore pumped",
                        # "homes near the river sold", "a survey by the union found"
                        "off", "near", "outside", "inside", "beyond", "behind", "along", "alongside", "beside",
                        "below", "above", "beneath", "toward", "towards", "through", "via", "amid", "amongst",
                        "between", "by", "with", "without"})
_MAX_WORDS = 4
# The unions the patterns test against, built once (they were built on every call, some for
# every token: a few percent of subject_for, profiled).
_PREPOSITIONS = _KEEP_PREP | _DROP_PREP
_OF = frozenset({"of"})
# the prepositions after an adjective or participle that follows its noun ("attributable to", "linked to",
# "associated with"): the phrase describes the noun before it
_POSTMODIFIER_PREPOSITIONS = frozenset({"to", "with", "in", "at", "on", "from", "by"})  # "cars built in Mexico"
_COMMA = frozenset({","})


def _skip_back(tokens: list[Token], j: int, words: frozenset[str]) -> int:
    while j >= 0 and tokens[j].lower in words and not (j > 0 and tokens[j].text[0].isupper()):
        j -= 1
    return j


# -- a subject's phrase and its complement ---------------------------------------------------------


def _antecedent_end(tokens: list[Token], k: int) -> int:
    """Index of the last word of the noun before a relative pronoun, commas and a parenthesis skipped."""
    k = _skip_back(tokens, k, _COMMA)
    if k >= 0 and tokens[k].text == ")":
        while k >= 0 and tokens[k].text != "(":
            k -= 1
        k -= 1
    return k


def _subject_np(tokens: list[Token], k: int, drop: bool = True,
                first: tuple[list[tuple[Token, str]], int] | None = None) -> list[tuple[Token, str]]:
    """The noun phrase ending at tokens[k], with its ``of``/``for`` complement:
    "the cost of a weekly bus pass" -> ``cost of weekly bus pass``; "turnover in the half" -> ``turnover``
    (``drop``: a phrase after in/at/on belongs to a head before it; not so for a phrase that
    may itself be a verb's complement; ``first``: ``_np_before(tokens, k)``, already read)."""
    words, j = first if first is not None else _np_before(tokens, _phrase_end(tokens, k))
    for _ in range(3):  # "turnover of the group during the half under review": three phrases
        j = _skip_back(tokens, j, _DETERMINERS)
        if drop and words and j >= 2 and tokens[j].lower in _POSTMODIFIER_PREPOSITIONS \
                and is_postmodifier(tokens[j - 1].lower):
            # "net profit attributable to shareholders", "the highest reading ever taken at the dam"
            head, before = _np_before(tokens, _skip_adverbs(tokens, j - 2))
            if head:
                words, j = head, before
            break
        if not words or j < 1 or tokens[j].lower not in (_PREPOSITIONS if drop else _OF) and not (
                drop and tokens[j].lower == "to" and _noun_before_to(tokens, j)) and not (
                drop and tokens[j].lower in _CLAUSE_OR_PREPOSITION and _opens_clause(tokens, j - 1)):
            break
        head, before = _np_before(tokens, _skip_back(tokens, j - 1, _DETERMINERS))
        if not head or len(head) + len(words) > _MAX_WORDS + 2:
            break
        words = head + ([(tokens[j], tokens[j].lower)] + words if tokens[j].lower in _KEEP_PREP else [])
        j = before
    return words


# Words that open a clause ("after its engine failed") or a phrase ("the toll after the storm")
_CLAUSE_OR_PREPOSITION = frozenset({"after", "before", "since", "until"})
_CLAUSE_OPENERS = frozenset({",", ";", ":", "(", "—", "–", "\"", "“", "that"})


def _opens_clause(tokens: list[Token], k: int) -> bool:
    """Whether a noun phrase ending at tokens[k] opens its clause (sentence start, a comma, "that" or
    a reporting verb before it): then an "after"/"before"/"since"/"until" right after it is a
    preposition of that phrase, not a conjunction ("the death toll after the storm was 64",
    "profit before tax rose 10%"), since a clause opened by the conjunction would leave the phrase
    without a verb of its own."""
    head, before = _np_before(tokens, k)
    if not head or not is_nounish(head[-1][0].text):
        return False
    while before >= 0 and tokens[before].text.isalpha() and tokens[before].text.islower() and (
            tokens[before].lower.endswith("ed") or is_adjish(tokens[before].text)):
        before -= 1  # "the confirmed toll": a participle before the noun describes it
    before = _skip_back(tokens, before, _DETERMINERS)
    return before < 0 or tokens[before].lower in _CLAUSE_OPENERS or tokens[before].lower in lexicon().reporting


def _skip_adverbs(tokens: list[Token], k: int) -> int:
    """Index of the last word before the adverbs (words the dictionary files only as adverbs)
    ending at tokens[k]: "ever", "recently", "widely" describe the participle after them
    ("the lowest figure ever measured at", "a bridge recently built over")."""
    while k >= 1 and tokens[k].text.isalpha() and tokens[k].text.islower() and word_classes(tokens[k].lower).keys() == {"ADV"}:
        k -= 1
    return k


def _noun_before_to(tokens: list[Token], j: int) -> bool:
    """ "exports to China", "flights to the region": "to" after a plural common noun that
    is no verb ("plans to", "is to" are verbs with an infinitive) opens a phrase of that noun."""
    prev = tokens[j - 1]
    return prev.text[1:].islower() and is_plural(prev.text) and is_nounish(prev.text) and not _acts_as_verb(tokens, j - 1)


def _phrase_end(tokens: list[Token], k: int) -> int:
    """Where the noun phrase a subject ends at ``tokens[k]`` really ends: before a closing
    parenthesis or a comma-delimited aside."""
    if k >= 0 and tokens[k].text == ")":
        return _antecedent_end(tokens, k)  # "the London Stock Exchange (LSE) closed"
    if k >= 0 and tokens[k].text == ",":  # "household spending, excluding fuel, was"
        c, depth = k - 1, 0
        # an aside may hold a bracket ("measles, a disease of the lungs and skin (spread by coughing), is"),
        # skipped whole; 14 tokens reach a relative clause or an apposition with its own phrase
        while c > 0 and k - c <= 14 and (depth or tokens[c].text != ","):
            depth += (tokens[c].text == ")") - (tokens[c].text == "(")
            c -= 1
        return c - 1 if c > 0 and tokens[c].text == "," else k
    return k


# -- noun phrases ----------------------------------------------------------------------------------


def _word(tok: Token) -> str:
    """A known noun's lemma ("Prices" -> ``price``), else the lower-case word, possessive dropped
    ("Scania's" -> ``scania``, "Ftse" -> ``ftse``)."""
    w = tok.lower
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    classes = word_classes(w)
    if w[:1].isalpha() and "NOUN" in classes:
        return classes["NOUN"][0].lower()  # the word's own lemma: no synonym folding in a label users read
    return w


def _np_word(tokens: list[Token], k: int) -> bool:
    tok = tokens[k]
    if (tok.lower in STOP and not (k > 0 and tok.text[0].isupper() and len(tok.text) > 1)) \
            or tok.lower in _DETERMINERS or tok.lower in _ADVERBS:
        return False  # a capitalised "May" or "US" inside a sentence is a name
    if tok.lower in NUMBER_WORDS and not (k > 0 and tokens[k - 1].lower.endswith(("'s", "’s"))):
        return False  # "three new albums", but "the club's eleven"
    if tok.text[0].isalpha():
        return tok.text[0].isupper() or is_nounish(tok.text) or is_adjish(tok.text) or not word_classes(tok.lower) \
            or _gerund_modifier(tokens, k) or (tok.lower.endswith("ing") and k > 0 and _names_gerund(tokens[k - 1]))
    return False


def _gerund_modifier(tokens: list[Token], k: int) -> bool:
    """ "operating loss", "paving contract": an -ing word right before a noun modifies it."""
    return tokens[k].lower.endswith("ing") and k + 1 < len(tokens) and tokens[k + 1].lower not in STOP \
        and tokens[k + 1].text[0].isalpha() and is_nounish(tokens[k + 1].text) and not is_adjish(tokens[k + 1].text)


def _np_before(tokens: list[Token], k: int) -> tuple[list[tuple[Token, str]], int]:
    """The noun phrase ending at tokens[k] (at most a few words) and the index before it."""
    found: list[int] = []
    words = 0  # the tokens of found that open with a letter, counted as they are added
    if k >= 1 and tokens[k].text in CLOSING_QUOTES and k + 1 < len(tokens) and tokens[k + 1].lower == "of":
        k -= 1  # 'a "community service obligation" of $12 million': the quoted phrase is the phrase
    start = k
    while k >= 0 and words < _MAX_WORDS:
        if tokens[k].lower in _POSSESSIVE and found:
            k -= 1
            continue
        if not (_np_word(tokens, k) or _name_glue(tokens, k)):
            break
        if _acts_as_verb(tokens, k) and (not is_nounish(tokens[k].text) or tokens[k - 1].lower in _AUX) \
                and not (found and _gerund_modifier(tokens, k)):
            break  # "would lift bus fares": the verb is not part of the phrase
        found.append(k)
        words += tokens[k].text[0].isalpha()
        k -= 1
    found.reverse()
    if len(found) > 2 and k >= 0 and tokens[found[0]].text == "-" and tokens[k].text[0].isdigit() \
            and tokens[k].end == tokens[found[0]].start and tokens[found[1]].text.isalpha():
        found = found[2:]  # "the yield on 10-year bonds": the figure and its unit describe the noun
        k -= 1
    while found and not tokens[found[0]].text[0].isalnum():
        found.pop(0)
    while found and not _head_like(tokens[found[-1]]) and not (
            tokens[found[-1]].lower.endswith("ing") and found[-1] > 0 and _names_gerund(tokens[found[-1] - 1])):
        found.pop()  # the phrase ends in its head noun ("household spending" too)
    if not found and 0 <= k < start and tokens[k].lower == "the" and is_adjish(tokens[k + 1].text):
        found = [k + 1]  # "the smallest was 12": an adjective used as a noun
    return [(tokens[i], _word(tokens[i])) for i in found], k


def _np_after(tokens: list[Token], k: int) -> list[tuple[Token, str]]:
    """The noun phrase starting at tokens[k], determiners and numbers before it skipped."""
    while k < len(tokens) and (tokens[k].lower in _DETERMINERS or tokens[k].text[0].isdigit()):
        k += 1
    end, found = k, []
    while end < len(tokens) and len(found) < _MAX_WORDS:
        if found and coordinated(tokens, end, k):
            end += 1  # "paved and unpaved trails": the second describing word joins the phrase
            continue
        if not (_np_word(tokens, end) or _name_glue(tokens, end) or participle_before_noun(tokens, end)):
            break
        last = tokens[found[-1]] if found else None
        if last is not None and is_nounish(last.text) and not last.text[0].isupper() \
                and not is_nounish(tokens[end].text) and not tokens[end].text[0].isupper():
            break  # "sales rose": the phrase ended at the noun
        found.append(end)
        end += 1
    while found and not _head_like(tokens[found[-1]]):
        found.pop()
    return [(tokens[i], _word(tokens[i])) for i in found]


def _describes_figure(tokens: list[Token], words: list[tuple[Token, str]], before: int) -> bool:
    """ "lost a staggering 18%", "a hefty $3 billion", "the remaining 40%": a phrase of
    adjectives (participles among them) alone between an article and a figure describes the figure (the article
    counts it as one amount); it names nothing the figure measures.  The last word must be no
    noun ("a new home 500,000" is no such phrase), and after "the" no word may be one."""
    if not words or before < 0 or tokens[before].lower not in ("a", "an", "the") or is_nounish(words[-1][0].text):
        return False
    return all((is_adjish(t.text) or t.lower.endswith(("ing", "ed")) and "VERB" in word_classes(t.lower))
               and not (tokens[before].lower == "the" and is_nounish(t.text)) for t, _ in words)


def _head_like(tok: Token) -> bool:
    """A word that can end a noun phrase: a noun (possessive or not), a name, or digits in a name."""
    text = tok.text[:-2] if tok.lower.endswith(("'s", "’s")) else tok.text
    return bool(text) and (text[0].isupper() or text[0].isdigit() or is_nounish(text))


def _render(words: list[tuple[Token, str]]) -> str:
    """Lemmas joined by spaces; tokens written together stay together ("ftse/jse 40")."""
    out, prev_end = [], None
    for tok, lemma in words:
        if out and prev_end == tok.start and (not tok.text[0].isalpha() or not out[-1][-1:].isalpha()):
            out[-1] += lemma
        else:
            out.append(lemma)
        prev_end = tok.end
    return " ".join(out)
