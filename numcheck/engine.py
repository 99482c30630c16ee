"""check(): corpus -> extract -> measures -> rules -> accepted findings.

>>> import pandas as pd
>>> r = check(pd.DataFrame({"text": ["Officials said nearly 3,000 children were separated.",
...                                  "A report found more than 3,000 children were separated."],
...                         "source": ["A", "B"]}))
>>> r.discrepancies[["measure", "rule_name", "severity"]].values.tolist()
[['children separated', 'interval_conflict', 'error']]
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

from . import schema as S
from .config import Config, apply_acceptances, load_config
from .corpus import load
from .extract import DEFAULT, iter_document_claims
from .measures import group
from .records import CheckResult, Document, Finding, Measure
from .rules import select
from .units import conversion_factor

CONFIG_NAME = "numcheck.toml"


def resolve_config(inputs: Any, config: Config | str | Path | None) -> tuple[Any, Config]:
    """Turn (inputs, config) into what to load and a Config.

    ``inputs`` may itself be a numcheck.toml, or a folder holding one; a config
    path is loaded; with no inputs, the config's ``paths`` or ``example`` are used.
    """
    if isinstance(config, (str, Path)):
        config = load_config(config)
    if isinstance(inputs, (str, Path)):
        p = Path(inputs)
        if p.name == CONFIG_NAME and p.is_file():
            config, inputs = load_config(p), None
        elif p.is_dir() and (p / CONFIG_NAME).is_file() and config is None:
            config = load_config(p / CONFIG_NAME)
            inputs = None if (config.paths or config.example) else inputs
    if config is None:
        config = Config()
    elif not isinstance(config, Config):
        raise TypeError(f"config must be a Config, a path to numcheck.toml or None, not {type(config).__name__}")
    return inputs, config


def check(inputs: Any = None, *, config: Config | str | Path | None = None, example: str | None = None,
          progress: Callable[[str], None] | None = None) -> CheckResult:
    """Check a corpus: the claims, the measures and the discrepancies between sources.

    ``inputs``: a file, folder, list of paths, DataFrame with a ``text`` column, a
    ``numcheck.toml`` or a folder containing one.  Disagreement is a result, never an exception.
    """
    inputs, config = resolve_config(inputs, config)
    note = progress or (lambda message: None)
    documents = _documents(inputs, example, config)
    note(f"read {len(documents)} documents")
    claims = S.claims_frame(iter_document_claims(documents, DEFAULT))
    note(f"found {len(claims)} figures")
    frame, measures = group(claims, documents)
    note(f"grouped into {len(measures)} measures")
    findings = list(iter_findings(frame, measures, config))
    by_id = {m.measure_id: m for m in measures}
    findings, unused = apply_acceptances(findings, by_id, config.accepted)
    notes = tuple(f"accepted entry for measure {a.measure!r} matched no finding ({a.reason})" for a in unused)
    labels = {m.measure_id: m.label for m in measures}
    return CheckResult(claims=frame, measures=S.measures_frame(measures),
                       discrepancies=S.discrepancies_frame(findings, labels),
                       documents=tuple(documents), notes=notes)


def _documents(inputs: Any, example: str | None, config: Config) -> list[Document]:
    if inputs is None and example is None:
        if config.paths:
            return load(list(config.paths))
        example = config.example
        if example is None:
            raise TypeError("check() needs inputs (paths or a DataFrame), example=, or a config with paths")
    return load(inputs, example=example)


def iter_findings(frame: pd.DataFrame, measures: Iterable[Measure], config: Config) -> Iterable[Finding]:
    """Run the selected rules on every measure with claims from two or more independent sources,
    or with a configured reference value."""
    rules = select(config)
    live = frame[~frame[S.BOILERPLATE].astype(bool) & (frame[S.DUPLICATE_OF].fillna("") == "")]
    referenced = {r.measure.lower() for r in config.references}
    slices = dict(tuple(live.groupby(S.MEASURE_ID, sort=False)))
    for measure in measures:
        claims = slices.get(measure.measure_id)
        if claims is None or claims.empty:
            continue
        wanted = measure.label.lower() in referenced or measure.measure_id.lower() in referenced
        if claims[S.INDEPENDENT_SOURCE].nunique() < 2 and not wanted:
            continue
        claims = to_measure_unit(claims, measure.unit)
        for rule in rules:
            yield from rule.check(measure, claims)


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
