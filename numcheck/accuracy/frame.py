"""run(): every system on every gold file, beside the published scores, as one DataFrame."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd

from ..records import Claim
from .exclusions import exclusion_name, variants_for
from .gold import load_gold
from .predictions import predict_all, predictor
from .records import NO_EXCLUSION, SYSTEMS, FileResult, GoldSentence, Prediction
from .scoring import evaluate, tasks_for

#: The CQE authors' published scores, read from beside the gold files.
PUBLISHED_CSV = "cqe_published_scores.csv"

FILE, SYSTEM, TASK, PRECISION, RECALL, F1 = "file", "system", "task", "precision", "recall", "f1"
N_GOLD, N_PRED, EXCLUSION = "n_gold", "n_pred", "exclusion"
EXCLUDED_GOLD, EXCLUDED_PRED = "excluded_gold", "excluded_pred"
#: Columns of :func:`run`'s frame (P/R/F1 in percent; counts are after exclusions).
COLUMNS = (FILE, SYSTEM, TASK, PRECISION, RECALL, F1, N_GOLD, N_PRED, EXCLUSION,
           EXCLUDED_GOLD, EXCLUDED_PRED)

#: CQE dataset -> gold file stems; CQE task -> our task; CQE system -> row label.
PUBLISHED_DATASETS = {
    "NewsQuant": ("newsquant_dev", "newsquant_test"), "age-model": ("recognizers_text_age",),
    "currency-model": ("recognizers_text_currency",),
    "dimension-model": ("recognizers_text_dimension",),
    "temperature-model": ("recognizers_text_temperature",),
}
PUBLISHED_TASKS = {
    "value": "value", "value+unit": "value+unit", "value+change": "value+qualifier",
    "value+concept_partial": "value+measured-thing",
    "value+concept_complete": "value+measured-thing (complete)",
}
PUBLISHED_SYSTEMS = {"CQE-Numparser": "CQE (published)"}


def _row(path: Path, system: str, task: str, exclusion: str, result: FileResult | None) -> dict:
    row = {FILE: path.name, SYSTEM: system, TASK: task, EXCLUSION: exclusion}
    score = result.scores.get(task) if result else None
    row.update({PRECISION: 100 * score.precision if score else math.nan,
                RECALL: 100 * score.recall if score else math.nan,
                F1: 100 * score.f1 if score else math.nan})
    if result:
        row.update({N_GOLD: result.n_gold, N_PRED: result.n_pred,
                    EXCLUDED_GOLD: result.excluded_gold, EXCLUDED_PRED: result.excluded_pred})
    return row


def system_rows(path: Path, system: str, sentences: Sequence[GoldSentence],
                predictions: Sequence[Sequence[Prediction]]) -> list[dict]:
    tasks = tasks_for(sentences, system)
    rows = []
    for exclusions in variants_for(path):
        result = evaluate(sentences, predictions, tasks, exclusions)
        rows += [_row(path, system, t, exclusion_name(exclusions), result) for t in tasks]
    if any(s.has_entities for s in sentences) and "value+measured-thing" not in tasks:
        rows.append(_row(path, system, "value+measured-thing", NO_EXCLUSION, None))
    return rows


def published_rows(path: Path) -> list[dict]:
    """The CQE authors' scores for the dataset a gold file comes from (next to it on disk)."""
    table = path.parent / PUBLISHED_CSV
    if not table.is_file():
        return []
    with table.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    rows = []
    for rec in records:
        if path.stem not in PUBLISHED_DATASETS.get(rec["dataset"], ()):
            continue
        name = PUBLISHED_SYSTEMS.get(rec["system"], f"{rec['system']} (published)")
        rows.append({FILE: path.name, SYSTEM: name, EXCLUSION: NO_EXCLUSION,
                     TASK: PUBLISHED_TASKS.get(rec["task"], rec["task"]),
                     PRECISION: float(rec["precision"]), RECALL: float(rec["recall"]),
                     F1: float(rec["f1"])})
    return rows


def whole_datasets(paths: Sequence[Path]) -> list[tuple[Path, tuple[Path, ...]]]:
    """The published datasets split over several of ``paths`` and all given: a name for
    their union (``newsquant_dev+newsquant_test.jsonl``, beside its parts) and the parts.

    The CQE authors scored all of NewsQuant, both halves; only the union is scored on
    the same sentences as their published rows.  It mixes in the half numcheck was
    developed on, so it is a like-for-like comparison with the published figures, not
    a held-out score (that is the test half's own table)."""
    by_stem = {p.stem: p for p in paths}
    unions = []
    for stems in PUBLISHED_DATASETS.values():
        if len(stems) > 1 and all(stem in by_stem for stem in stems):
            parts = tuple(by_stem[stem] for stem in stems)
            unions.append((parts[0].with_name("+".join(stems) + parts[0].suffix), parts))
    return unions


def run(paths: Iterable[str | Path], systems: Sequence[str] = SYSTEMS, *,
        extract: Callable[[str], list[Claim]] | None = None) -> pd.DataFrame:
    """Score each system on each gold file, beside the published rows: one row per
    file x system x task x exclusion (columns :data:`COLUMNS`, rates in percent).

    When every part of a published dataset is given (both NewsQuant halves), their
    union is scored as well, under the name :func:`whole_datasets` gives it; its
    predictions are the parts' own, not made again."""
    paths = [Path(p) for p in paths]
    predictors = {system: predictor(system, extract) for system in systems}
    rows: list[dict] = []
    scored: dict[Path, tuple[list[GoldSentence], dict[str, list]]] = {}
    for path in paths:
        sentences = load_gold(path)
        predicted = {system: predict_all(sentences, predict, system) for system, predict in predictors.items()}
        scored[path] = (sentences, predicted)
        for system in predictors:
            rows += system_rows(path, system, sentences, predicted[system])
        rows += published_rows(path)
    for union, parts in whole_datasets(paths):
        sentences = [s for part in parts for s in scored[part][0]]
        for system in predictors:
            predicted = [p for part in parts for p in scored[part][1][system]]
            rows += system_rows(union, system, sentences, predicted)
        rows += [{**row, FILE: union.name} for row in published_rows(parts[0])]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in (N_GOLD, N_PRED, EXCLUDED_GOLD, EXCLUDED_PRED):
        frame[column] = frame[column].astype("Int64")
    return frame.astype({PRECISION: "float64", RECALL: "float64", F1: "float64"})
