"""What the stored entries of :mod:`numcheck.incremental` are keyed by: digests of the code
that makes them (versions), of the configuration the rules read, and of runs of rows."""

from __future__ import annotations

import dataclasses
import hashlib
from importlib.metadata import version
from pathlib import Path
from typing import Any, Sequence

import numpy as np

# what the rules' findings are made by: the rules, the records and columns they read, the unit
# conversion before them (engine.findings.to_measure_unit, units.py, pint) and this package's format
_RULES_SOURCES = ("rules/*.py", "rules/base/*.py", "records.py", "units.py", "schema.py", "data/units.txt",
                  "incremental/*.py", "engine/*.py")
_FRAME_SOURCES = ("schema.py", "incremental/*.py", "measures/*.py")


def _sources_digest(patterns: Sequence[str]) -> str:
    root = Path(__file__).parent.parent  # the numcheck package
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


RULES_VERSION = f"rules+{_sources_digest(_RULES_SOURCES)}+pint{version('pint')}"
FRAME_VERSION = "frame+" + _sources_digest(_FRAME_SOURCES)  # joined to the extractor's version


def config_digest(config: Any) -> str:
    """What of a Config the rules read (acceptances are applied after them, so left out)."""
    kept = dataclasses.replace(config, accepted=(), paths=(), example=None)
    return hashlib.sha256(repr(kept).encode()).hexdigest()


_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)


def run_sums(rows: np.ndarray, bounds: np.ndarray) -> tuple[list[int], list[int]]:
    """For each run ``rows[bounds[k]:bounds[k+1]]`` of row hashes: the hashes mixed with each
    row's place in the run and summed (wrapping), and the run's length."""
    starts = bounds[:-1]
    runs = np.diff(bounds)
    place = np.arange(len(rows), dtype=np.uint64) - np.repeat(starts, runs).astype(np.uint64)
    with np.errstate(over="ignore"):
        mixed = (rows ^ ((place + np.uint64(1)) * _MIX2)) * _MIX
        mixed ^= mixed >> np.uint64(29)
    sums = np.add.reduceat(mixed, starts) if len(rows) else np.zeros(len(starts), dtype=np.uint64)
    return sums.tolist(), runs.tolist()
