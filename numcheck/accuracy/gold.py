"""Gold files: the shared bench's JSONL schema read into :class:`GoldSentence` records."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import InputError
from .lemmas import lemmas_of
from .records import GoldQuantity, GoldSentence
from .unit_keys import gold_unit_key


def _gold_quantity(q: dict) -> GoldQuantity:
    low = high = None
    if q.get("range"):
        low, high = sorted(float(b) for b in q["range"])
    value = None if q.get("value") is None else float(q["value"])
    entity = q.get("entity")
    span = tuple(q["span"]) if q.get("span") else None
    return GoldQuantity(value=value, low=low, high=high, unit=gold_unit_key(q.get("unit")),
                        qualifier=q.get("qualifier"),
                        entity=lemmas_of(entity) if entity else None, surface=q.get("surface"), span=span)


def load_gold(path: str | Path) -> list[GoldSentence]:
    """Sentences of a gold JSONL file; raises :class:`InputError` naming the line on bad input."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(path, f"cannot read gold file: {exc.strerror or exc}") from exc
    sentences = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            raw = row["quantities"]
            sentences.append(GoldSentence(
                sid=str(row.get("id", number)), text=row["text"],
                quantities=tuple(_gold_quantity(q) for q in raw),
                has_qualifiers=any(q.get("qualifier") is not None for q in raw),
                has_entities=any(q.get("entity") is not None for q in raw)))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(path, f"not a gold sentence: {exc}", line=number,
                             hint="expected {'id', 'text', 'quantities': [...]}") from exc
    return sentences


def default_bench_dir() -> Path:
    """The shared bench folder beside the repository (``$NUMCHECK_BENCH`` overrides)."""
    env = os.environ.get("NUMCHECK_BENCH")
    # this file is numcheck/accuracy/gold.py: parents[3] is the folder holding the repository
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "bench"
