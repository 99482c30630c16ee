"""The systems under test, numcheck and quantulum3, each reduced to :class:`Prediction` lists."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence

from ..records import Claim
from .lemmas import lemmas_of
from .records import SYSTEMS, GoldSentence, Prediction
from .unit_keys import _folded_into, claim_unit_key, quantulum3_unit_key

# -- qualifiers ----------------------------------------------------------------------------------

#: numcheck qualifier -> gold qualifier (a bound takes precedence over a change up/down).
QUALIFIER_TO_GOLD: dict[str, str] = {
    # NewsQuant marks vague plurals ("dozens of", "millions of") as "=", with the range as value
    "exact": "=", "range": "=", "about": "~", "vague": "=", "more_than": ">", "at_least": ">",
    "less_than": "<", "at_most": "<", "nearly": "~",
}
#: numcheck's ``nearly`` covers "nearly"/"almost" (NewsQuant: ``~``) and "just under"/"shy of"
#: (NewsQuant: ``<``); the wording tells them apart.
_BELOW_WORDING = re.compile(r"(?:just|slightly|a little|a bit)\s+(?:under|below)\b|(?:just\s+)?shy of\b"
                            r"|short of\b|not quite\b", re.IGNORECASE)


def claim_qualifier(claim: Claim) -> str:
    """The gold's "change" symbol for a claim: a bound wins over a change, as the gold
    marks it ("up about 19%" is ``~``, "lost more than 60%" is ``>``); then up/down.

    "nearly 3,000" and "almost half" are ``~`` (NewsQuant's reading of "nearly"), "just
    under 3,000" is ``<``.  A range keeps ``=`` even when it is worded as a change ("rose from $5 to $7"):
    NewsQuant gives such a range the qualifier ``=`` and its bounds as the value;
    numcheck still records the direction in the ``change`` column.
    """
    bound = QUALIFIER_TO_GOLD.get(str(claim.qualifier), "=")
    if str(claim.qualifier) == "nearly" and _BELOW_WORDING.match(claim.surface):
        bound = "<"
    if bound in ("~", ">", "<") or str(claim.qualifier) == "range":
        return bound
    change = str(claim.change)
    return change if change in ("up", "down") else bound


# -- predictions from each system -------------------------------------------------------------


def claim_to_prediction(claim: Claim) -> Prediction:
    """A claim as the matcher sees it; its measured thing is the lemmas of its noun, modifiers,
    context and subject, with the words numcheck's noun synonyms folded into the noun undone
    (a claim counting ``family`` also offers ``household``), as for the unit key."""
    noun = claim.noun.split()[-1] if claim.noun else ""
    words = " ".join((claim.noun, *_folded_into(noun), *claim.modifiers, *claim.context, claim.subject))
    return Prediction(
        value=claim.value, low=claim.interval.low, high=claim.interval.high,
        unit=claim_unit_key(claim), qualifier=claim_qualifier(claim), lemmas=lemmas_of(words),
        kind=str(claim.kind), start=claim.start, end=claim.end)


def quantity_to_prediction(quantity) -> Prediction:
    """A quantulum3 ``Quantity``: ``value ± uncertainty`` is its interval; qualifier is ``=``."""
    value, spread = float(quantity.value), float(quantity.uncertainty or 0.0)
    start, end = quantity.span
    return Prediction(value=value, low=value - spread, high=value + spread,
                      unit=quantulum3_unit_key(quantity.unit.name), start=start, end=end)


Predictor = Callable[[str], list[Prediction]]


def numcheck_predictor(extract: Callable[[str], list[Claim]] | None = None) -> Predictor:
    """Predictions of ``numcheck.extract_text`` (or of ``extract``, for tests), in text order."""
    if extract is None:
        from ..extract import extract_text as extract

    def predict(text: str) -> list[Prediction]:
        claims = sorted(extract(text), key=lambda c: (c.start, c.end))
        return [claim_to_prediction(c) for c in claims]

    return predict


def quantulum3_predictor() -> Predictor:
    """Predictions of ``quantulum3.parser.parse``; its classifier warning is silenced here only."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
        from quantulum3 import parser

    def predict(text: str) -> list[Prediction]:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
            quantities = parser.parse(text)
        return sorted((quantity_to_prediction(q) for q in quantities), key=lambda p: p.start)

    return predict


def predictor(system: str, extract: Callable[[str], list[Claim]] | None = None) -> Predictor:
    if system == "numcheck":
        return numcheck_predictor(extract)
    if system == "quantulum3":
        return quantulum3_predictor()
    raise ValueError(f"system must be one of {SYSTEMS}, not {system!r}")


def predict_all(sentences: Sequence[GoldSentence], predict: Predictor,
                system: str = "") -> list[list[Prediction]]:
    """One prediction list per sentence; a sentence the system fails on warns and predicts nothing."""
    out = []
    for sentence in sentences:
        try:
            out.append(predict(sentence.text))
        except Exception as exc:  # noqa: BLE001 - one bad sentence must not stop the bench
            warnings.warn(f"{system or 'system'} failed on {sentence.sid}: {exc!r}", RuntimeWarning,
                          stacklevel=2)
            out.append([])
    return out
