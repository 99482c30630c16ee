"""Matching within one sentence: value agreement, each task's extra test, maximum matching."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .records import GoldQuantity, Prediction, Score
from .unit_keys import units_agree


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=0.0)


def values_agree(gold: GoldQuantity, pred: Prediction) -> bool:
    if gold.value is not None and _close(gold.value, pred.value):
        return True
    if gold.low is None or not (math.isfinite(pred.low) and math.isfinite(pred.high)):
        return False
    return _close(gold.low, pred.low) and _close(gold.high, pred.high)


def units_match(gold: GoldQuantity, pred: Prediction) -> bool:
    return values_agree(gold, pred) and units_agree(gold.unit, pred.unit)


def qualifiers_match(gold: GoldQuantity, pred: Prediction) -> bool:
    return values_agree(gold, pred) and gold.qualifier == pred.qualifier


def things_match(gold: GoldQuantity, pred: Prediction) -> bool:
    if not values_agree(gold, pred):
        return False
    return gold.entity is None or bool(gold.entity & (pred.lemmas or frozenset()))


AGREEMENT: dict[str, Callable[[GoldQuantity, Prediction], bool]] = {
    "value": values_agree, "value+unit": units_match,
    "value+qualifier": qualifiers_match, "value+measured-thing": things_match,
}


def match(gold: Sequence[GoldQuantity], preds: Sequence[Prediction],
          agree: Callable[[GoldQuantity, Prediction], bool] = values_agree) -> list[tuple[int, int]]:
    """Maximum matching of gold to predictions: sorted ``(gold index, prediction index)`` pairs."""
    edges = [[j for j, p in enumerate(preds) if agree(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def score_sentence(gold: Sequence[GoldQuantity], preds: Sequence[Prediction], task: str) -> Score:
    tp = len(match(gold, preds, AGREEMENT[task]))
    return Score.of(tp, len(preds) - tp, len(gold) - tp)
