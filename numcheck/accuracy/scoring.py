"""Scoring one system on one file: per-sentence matches summed into one :class:`Score` per task."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..records import Claim
from .exclusions import Exclusion
from .gold import load_gold
from .matching import score_sentence
from .predictions import predict_all, predictor
from .records import TASKS, FileResult, GoldSentence, Prediction, Score


def tasks_for(sentences: Sequence[GoldSentence], system: str) -> tuple[str, ...]:
    """The tasks a file annotates and a system can be scored on."""
    tasks = ["value", "value+unit"]
    if any(s.has_qualifiers for s in sentences):
        tasks.append("value+qualifier")
    if any(s.has_entities for s in sentences) and system != "quantulum3":
        tasks.append("value+measured-thing")
    return tuple(tasks)


def evaluate(sentences: Sequence[GoldSentence], predictions: Sequence[Sequence[Prediction]],
             tasks: Sequence[str] = TASKS, exclusions: Sequence[Exclusion] = ()) -> FileResult:
    """Score predictions (one list per sentence, in order) against the gold sentences."""
    if len(sentences) != len(predictions):
        raise ValueError(f"predictions must give one list per sentence: "
                         f"{len(predictions)} lists for {len(sentences)} sentences")
    totals = {task: Score.of(0, 0, 0) for task in tasks}
    n_gold = n_pred = dropped_gold = dropped_pred = 0
    for sentence, preds in zip(sentences, predictions):
        gold, kept = list(sentence.quantities), list(preds)
        for exclude in exclusions:
            gold, kept = exclude(sentence.text, gold, kept)
        dropped_gold += len(sentence.quantities) - len(gold)
        dropped_pred += len(preds) - len(kept)
        n_gold, n_pred = n_gold + len(gold), n_pred + len(kept)
        for task in tasks:
            totals[task] = totals[task] + score_sentence(gold, kept, task)
    return FileResult(totals, n_gold, n_pred, dropped_gold, dropped_pred)


def score_file(path: str | Path, *, system: str = "numcheck", exclusions: Sequence[Exclusion] = (),
               extract: Callable[[str], list[Claim]] | None = None) -> dict[str, Score]:
    """Score one system on one gold file: ``{task: Score}`` for the tasks the file annotates.

    ``extract`` replaces ``numcheck.extract_text`` (tests).  quantulum3 has no
    ``value+measured-thing`` entry.
    """
    sentences = load_gold(path)
    predictions = predict_all(sentences, predictor(system, extract), system)
    return evaluate(sentences, predictions, tasks_for(sentences, system), exclusions).scores
