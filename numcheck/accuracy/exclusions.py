"""Exclusions: the conventions where numcheck deliberately differs from a gold set, one named function each."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from .records import NO_EXCLUSION, GoldQuantity, Prediction

Exclusion = Callable[[str, list[GoldQuantity], list[Prediction]],
                     tuple[list[GoldQuantity], list[Prediction]]]
_ONE_OF = re.compile(r"\bone of\b", re.IGNORECASE)
_ONE = re.compile(r"\bone\b|(?<![\d.,])\b1\b(?![.,]?\d)", re.IGNORECASE)


def one_of_as_one(text: str, gold: list[GoldQuantity],
                  preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant annotates "one of the ..." as the value 1; numcheck does not count it.

    In a sentence with "one of" and no other "one" or "1", gold values of 1 are
    dropped, and so are predictions of 1 that sit on a "one of".
    """
    spans = [m.span() for m in _ONE_OF.finditer(text)]
    if not spans or len(_ONE.findall(text)) > len(spans):
        return gold, preds
    kept_gold = [g for g in gold if not (g.value == 1 and g.low is None)]
    kept_preds = [p for p in preds
                  if not (p.value == 1 and any(a <= p.start < b for a, b in spans))]
    return kept_gold, kept_preds


def no_dates(text: str, gold: list[GoldQuantity],
             preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant does not annotate dates or years; numcheck's date and year claims are not scored."""
    return gold, [p for p in preds if p.kind not in ("date", "year")]


def no_ordinals(text: str, gold: list[GoldQuantity],
                preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant does not annotate ordinals ("the 22nd amendment", "a second call");
    numcheck's ordinal claims are not scored."""
    return gold, [p for p in preds if p.kind != "ordinal"]


# a person's age set off by commas after a name: "Jane Roe, 41, said"
_AGE_APPOSITION = re.compile(r"\b[A-Z][\w'’.-]*,\s(\d{1,3}),")


def no_ages_in_apposition(text: str, gold: list[GoldQuantity],
                          preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant does not annotate a person's age set off by commas after a name ("Jane Roe,
    41, said"), where it annotates "41 years old" and "aged 41"; numcheck reads the age as a
    claim (two sources giving the same person two ages disagree).  Predictions on such an age
    are not scored, nor is a gold of its value when the text writes that number only there."""
    spans = [m.span(1) for m in _AGE_APPOSITION.finditer(text)]
    if not spans:
        return gold, preds
    values = {float(text[a:b]) for a, b in spans}
    once = {v for v in values if len(re.findall(rf"(?<![\d.,]){int(v)}(?![\d]|[.,]\d)", text)) == 1}
    kept_gold = [g for g in gold if not (g.value in once and g.low is None)]
    kept_preds = [p for p in preds if not any(a <= p.start < b for a, b in spans)]
    return kept_gold, kept_preds


_GENERATION = re.compile(r"(?<![\w.])(\d{1,2})G\b")


def generations_as_names(text: str, gold: list[GoldQuantity],
                         preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant annotates "5G", "3G and 4G" as a count of wireless generations; numcheck reads
    such a name of a technology as no figure (as it reads "Boeing 737" or "Windows 10"), so the
    gold of a generation written so is not scored, nor a prediction on it."""
    spans = [m.span() for m in _GENERATION.finditer(text)]
    if not spans:
        return gold, preds
    values = {float(m.group(1)) for m in _GENERATION.finditer(text)}
    kept_gold = [g for g in gold if not (g.value in values and "generation" in g.unit)]
    kept_preds = [p for p in preds if not any(a <= p.start < b for a, b in spans)]
    return kept_gold, kept_preds


_PERCENT_WORD = re.compile(r"%|per\s?cent|percent|\bpoints?\b|\bpc\b", re.IGNORECASE)
_RATIO_WORDS = re.compile(r"\d\s+(?:in|out\s+of)\s", re.IGNORECASE)


def fractions_as_ratio(text: str, gold: list[GoldQuantity],
                       preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """NewsQuant writes "half of", "a third of" as ratios (0.5); numcheck as percent (50).

    Fraction predictions (percent claims spelt without digits and without a
    percent word, so "five percent" stays 5, and shares written as a ratio of
    two counts, "4 in 10", "one in five") are scored as ratios.
    """
    out = []
    for p in preds:
        surface = text[p.start:p.end]
        if p.kind == "percent" and not _PERCENT_WORD.search(surface) \
                and (not any(ch.isdigit() for ch in surface) or _RATIO_WORDS.search(surface)):
            p = dataclasses.replace(p, value=p.value / 100, low=p.low / 100, high=p.high / 100)
        out.append(p)
    return gold, out


def fractions_as_numbers(text: str, gold: list[GoldQuantity],
                         preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3's tests write "two thirds" as the plain number 0.667 (dimensionless);
    numcheck's percent reading of a spelt fraction is scored as that ratio, without unit."""
    _, rescaled = fractions_as_ratio(text, gold, preds)
    return gold, [dataclasses.replace(r, unit="") if r is not p else p for r, p in zip(rescaled, preds)]


def years_as_numbers(text: str, gold: list[GoldQuantity],
                     preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3's tests annotate a year ("Voyager 2 in 1979") as the plain number 1979;
    numcheck's year claims carry ordinal days, so they are scored by their year."""
    out = []
    for p in preds:
        surface = text[p.start:p.end]
        if p.kind == "year" and surface[:4].isdigit():
            year = float(surface[:4])
            p = dataclasses.replace(p, value=year, low=year, high=year, unit="")
        out.append(p)
    return gold, out


_ARTICLE = re.compile(r"(?i)an?\s")
_NAME_BEFORE = re.compile(r"(?:^|\s)[\"“'‘(]*(\S+?)[\"”'’]*\s+[\"“'‘]?$")


def articles_as_one(text: str, gold: list[GoldQuantity],
                    preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3 reads an article before a unit as the value 1 ("a gallon", "a dozen");
    numcheck reads an article as a number only before a scale word ("a million"), so that gold is not scored."""
    dropped = [g for g in gold if g.value == 1 and g.surface and _ARTICLE.match(g.surface)]
    return _without(gold, preds, dropped)


def _without(gold: list[GoldQuantity], preds: list[Prediction],
             dropped: list[GoldQuantity]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """Gold less ``dropped``, and predictions less those inside a dropped gold's span
    (the same for every system: what is not scored is not scored on either side)."""
    spans = [g.span for g in dropped if g.span]
    return ([g for g in gold if g not in dropped],
            [p for p in preds if not any(a <= p.start < b for a, b in spans)])


def labels_as_numbers(text: str, gold: list[GoldQuantity],
                      preds: list[Prediction]) -> tuple[list[GoldQuantity], list[Prediction]]:
    """quantulum3 counts a bare number that names a thing ("Voyager 2", "Core i7 860") as a quantity;
    numcheck leaves such labels out by design, so a dimensionless gold right after a capitalised
    word or a letters-and-digits code is not scored."""
    dropped = []
    for g in gold:
        if g.unit == "count" and g.surface and g.surface.isdigit() and g.span:
            m = _NAME_BEFORE.search(text, 0, g.span[0])
            word = m.group(1) if m else ""
            if word[:1].isupper() or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word)):
                dropped.append(g)
    return _without(gold, preds, dropped)


#: Every documented convention, in the order the table reports them.
EXCLUSIONS: tuple[Exclusion, ...] = (one_of_as_one, no_dates, no_ordinals, fractions_as_ratio, no_ages_in_apposition,
                                     generations_as_names)
#: The conventions of quantulum3's own test sets.
QUANTULUM3_EXCLUSIONS: tuple[Exclusion, ...] = (fractions_as_numbers, years_as_numbers, articles_as_one,
                                                labels_as_numbers)
#: The conventions of the Recognizers-Text sets: like NewsQuant, they annotate no dates, years or ordinals.
RECOGNIZERS_EXCLUSIONS: tuple[Exclusion, ...] = (no_dates, no_ordinals)


def exclusion_name(exclusions: Sequence[Exclusion]) -> str:
    return "+".join(f.__name__.replace("_", "-") for f in exclusions) or NO_EXCLUSION


def exclusions_for(path: Path) -> tuple[Exclusion, ...]:
    """The exclusions that describe a file's conventions (NewsQuant, quantulum3's and
    Recognizers-Text's sets)."""
    stem = Path(path).stem
    if stem.startswith("newsquant"):
        return EXCLUSIONS
    if stem.startswith("recognizers_text"):
        return RECOGNIZERS_EXCLUSIONS
    return QUANTULUM3_EXCLUSIONS if stem.startswith("quantulum3") else ()


def variants_for(path: Path) -> list[tuple[Exclusion, ...]]:
    """Raw, then each exclusion alone, then all of them together (when there are several)."""
    found = exclusions_for(path)
    variants: list[tuple[Exclusion, ...]] = [(), *((e,) for e in found)]
    return variants + [found] if len(found) > 1 else variants
