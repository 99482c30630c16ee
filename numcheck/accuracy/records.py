"""Records of the accuracy bench: gold quantities and sentences, predictions, scores.

Also the names shared by every stage: the tasks, the systems, the label of the raw score.
"""

from __future__ import annotations

from dataclasses import dataclass

TASKS = ("value", "value+unit", "value+qualifier", "value+measured-thing")
SYSTEMS = ("numcheck", "quantulum3")
NO_EXCLUSION = "none"


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates of one task on one file (rates are fractions, 0 when undefined).

    >>> s = Score.of(3, 1, 2)
    >>> s.precision, s.recall, round(s.f1, 4)
    (0.75, 0.6, 0.6667)
    """

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    def __post_init__(self) -> None:
        for name in ("tp", "fp", "fn"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> Score:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(tp, fp, fn, p, r, f)

    def __add__(self, other: Score) -> Score:
        return Score.of(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    """One gold quantity; ``low``/``high`` are the sorted range bounds when the gold gives a range."""

    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""  # a unit key (see the module docstring)
    qualifier: str | None = None  # = ~ > < up down; None when the set has no qualifiers
    entity: frozenset[str] | None = None  # lemmas; None when the gold names no measured thing
    surface: str | None = None  # as written (quantulum3's sets only)
    span: tuple[int, int] | None = None  # offsets of ``surface`` in the sentence (quantulum3's sets only)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    sid: str
    text: str
    quantities: tuple[GoldQuantity, ...]
    has_qualifiers: bool = False
    has_entities: bool = False


@dataclass(frozen=True, slots=True)
class Prediction:
    """One system's figure, reduced to what the matcher compares."""

    value: float
    low: float
    high: float
    unit: str = ""
    qualifier: str = "="
    lemmas: frozenset[str] | None = None  # None: the system gives no measured thing
    kind: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class FileResult:
    """Scores of one system on one file under one set of exclusions."""

    scores: dict[str, Score]
    n_gold: int
    n_pred: int
    excluded_gold: int = 0
    excluded_pred: int = 0
