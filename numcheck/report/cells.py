"""The cells of a result's frames as the views of :mod:`numcheck.report` read them: a missing
value as None or "", an Arrow or NumPy scalar as a Python value."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .. import schema as s
from ..records import CheckResult


def _discrepancies(result: CheckResult) -> pd.DataFrame:
    d = result.discrepancies
    if d is None:
        return pd.DataFrame(columns=s.names(s.DISCREPANCY_COLUMNS))
    return d


def _scalar(value: Any) -> Any:
    try:
        if value is None or pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def _text(value: Any) -> str:
    if type(value) is str:
        return value
    value = _scalar(value)
    return "" if value is None else str(value)


def _jsonable(value: Any) -> Any:
    """JSON-safe value: missing and infinite numbers become null (an unbounded end)."""
    value = _scalar(value)
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    return value
