"""The rules stage of a check: measures -> findings of the selected rules, one measure at a time,
each measure's claims in the measure's unit; with a store, the findings of a measure whose
claims are as they were come back from the store (:mod:`numcheck.incremental`)."""

from __future__ import annotations

import math
from typing import Any, Iterable, Iterator

import numpy as np
import pandas as pd

from .. import schema as S
from ..config import Config
from ..records import Finding, Measure
from ..rules import select
from ..units import conversion_factor
from .run import Run


def measure_slices(frame: pd.DataFrame, measures: Iterable[Measure], config: Config
                   ) -> Iterator[tuple[Measure, pd.DataFrame]]:
    """(measure, its claims in the measure's unit) for every measure the rules look at: claims
    from two or more independent sources, or a configured reference value.

    Measures of one source are dropped before any slicing (counted with one groupby), and the
    rest are cut from one frame sorted by measure: a positional slice each, with the rows as
    dicts converted once for all the rules (``rules.base.rows_of``).  Slicing a groupby per
    measure and ``to_dict`` per rule were most of the rules stage before.
    """
    live, runs, _ = _checked_runs(frame, measures, config)
    rows = live.to_dict("records")
    for measure, start, end in runs:
        yield measure, _slice(live, measure, start, end, rows[start:end])


def _checked_runs(frame: pd.DataFrame, measures: Iterable[Measure], config: Config
                  ) -> tuple[pd.DataFrame, list[tuple[Measure, int, int]], np.ndarray]:
    """The claims the rules read, sorted by measure; (measure, start, end) of each checked
    measure in ``measures`` order; and the runs' bounds in the sorted frame's order."""
    # positions first, from three columns; the whole frame is cut once, at the end
    mask = (~frame[S.BOILERPLATE].astype(bool) & (frame[S.DUPLICATE_OF].fillna("") == "")).to_numpy()
    ids = frame[S.MEASURE_ID][mask]
    referenced = {r.measure.lower() for r in config.references}
    measures = list(measures)
    wanted = {m.measure_id for m in measures
              if m.label.lower() in referenced or m.measure_id.lower() in referenced}
    n_sources = frame[S.INDEPENDENT_SOURCE][mask].groupby(ids, sort=False).nunique()
    keep = set(n_sources.index[n_sources >= 2]) | (wanted & set(n_sources.index))
    kept = ids.isin(keep).to_numpy()
    positions = np.flatnonzero(mask)[kept]
    codes, uniques = pd.factorize(ids[kept], sort=False)
    order = np.argsort(codes, kind="stable")
    live = frame.iloc[positions[order]]
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    where = {str(m): (int(bounds[k]), int(bounds[k + 1])) for k, m in enumerate(uniques)}
    runs = [(m, *where[m.measure_id]) for m in measures if m.measure_id in where]
    return live, runs, bounds


def _slice(live: pd.DataFrame, measure: Measure, start: int, end: int, rows: list[dict] | None = None
           ) -> pd.DataFrame:
    """One measure's claims in its unit, with their rows as dicts kept for the rules."""
    from ..rules.base import ROWS, CachedRows

    part = live.iloc[start:end]
    claims = to_measure_unit(part, measure.unit)
    claims.attrs[ROWS] = CachedRows(rows if rows is not None and claims is part else claims.to_dict("records"))
    return claims


def iter_findings(frame: pd.DataFrame, measures: Iterable[Measure], config: Config,
                  run: Run | None = None, store: Any = None) -> Iterator[Finding]:
    """Run the selected rules on every measure of :func:`measure_slices`.

    With a store, a measure whose claims, record, rules and configuration are those of a
    measure checked before gets that check's findings back (:mod:`numcheck.incremental`);
    their claim rows then hold the columns of ``schema.FINDING_CLAIM_FIELDS`` only."""
    from ..incremental import encode_findings, finding_keys, known_findings

    run = run or Run()
    rules = select(config)
    measures = list(measures)
    live, runs, bounds = _checked_runs(frame, measures, config)
    keys, known = finding_keys(live, runs, bounds, config, store)
    rows = live.to_dict("records") if len(known) < len(runs) / 2 else None
    fresh: list[tuple[str, bytes]] = []
    checked = [0]
    for measure, start, end in runs:
        key = keys.get(measure.measure_id)
        found = known_findings(known.get(key), measure.measure_id)
        if found is None:
            claims = _slice(live, measure, start, end, rows[start:end] if rows is not None else None)
            found = [f for rule in rules for f in rule.check(measure, claims)]
            if key is not None:
                fresh.append((key, found))
        yield from found
        checked[0] += 1
        run.tick(lambda: f"rules: {checked[0]:,} measures checked")
    if fresh:
        store.put_many([(k, p) for k, found in fresh if (p := encode_findings(found)) is not None],
                       table="findings")
    run.say(f"rules: {checked[0]:,} of {len(measures):,} measures checked (the others have one source"
            + (f"; the findings of {len(runs) - len(fresh):,} from the store)" if store is not None else ")"))


def check_slices(slices: Iterable[tuple[Measure, pd.DataFrame]], config: Config) -> list[Finding]:
    """The findings of the selected rules on some (measure, claims) slices (a Dask task)."""
    rules = select(config)
    return [f for measure, claims in slices for rule in rules for f in rule.check(measure, claims)]


def to_measure_unit(claims: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The claims with value/low/high converted into the measure's unit ("20 days" vs "480 hours")."""
    if not unit or unit in ("count", "percent") or (claims[S.UNIT] == unit).all():
        return claims
    out = claims.copy()
    factors = [_factor(u, unit) for u in out[S.UNIT]]
    for col in (S.VALUE, S.LOW, S.HIGH):
        out[col] = [v * f if not math.isinf(v) else v for v, f in zip(out[col], factors)]
    out[S.UNIT] = unit
    return out


def _factor(unit: str, to_unit: str) -> float:
    try:
        return conversion_factor(unit, to_unit)
    except Exception:  # pint cannot convert (offset units): compare as written
        return 1.0
