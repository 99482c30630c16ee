"""check(): corpus -> extract -> measures -> rules -> accepted findings.

>>> import pandas as pd
>>> r = check(pd.DataFrame({"text": ["Officials said nearly 3,000 children were separated.",
...                                  "A report found more than 3,000 children were separated."],
...                         "source": ["A", "B"]}))
>>> r.discrepancies[["measure", "rule_name", "severity"]].values.tolist()
[['children separated', 'interval_conflict', 'error']]

Stages, each a function of this package so that ``numcheck bench`` and the Dask engine
(:mod:`numcheck.distributed`) run exactly the code ``check()`` runs:

``load_documents``   paths, a DataFrame or an example -> documents (:mod:`numcheck.corpus`)
``extract_claims``   documents -> claims frame; each document's claims come from the
                     claims store when its text was seen before (:mod:`numcheck.store`),
                     the others are extracted, on ``workers`` processes when there are many
                     (:mod:`numcheck.engine.claims`)
``sketch_documents`` documents -> what measures reads of each text (store, or workers)
``group``            claims -> measures (:mod:`numcheck.measures`; both in
                     :mod:`numcheck.engine.grouping`)
``iter_findings``    measures -> findings of the selected rules, one measure at a time
                     (:mod:`numcheck.engine.findings`)
``assemble``         acceptances applied; the three frames of the :class:`CheckResult`

Progress lines, stage timings, worker processes and the store a check opens are in
:mod:`numcheck.engine.run`.

With a store, a re-check reuses what did not change (:mod:`numcheck.incremental`): the
claims rows of unchanged documents, their copy-of results, the story pass (resumed where
a change reaches), the measures of stories whose claims are as they were, and the findings
of measures whose claims are as they were.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import pandas as pd

from .. import schema as S
from ..config import Config, apply_acceptances, load_config
from ..corpus import load
from ..records import CheckResult, Document, Finding, Measure
# the stages and their machinery, importable from numcheck.engine as before they moved to the
# modules of this package (the CLI, numcheck.bench, numcheck.distributed and the tests import them here)
from .claims import extract_claims, extract_payloads, iter_payloads  # noqa: F401
from .findings import check_slices, iter_findings, measure_slices, to_measure_unit  # noqa: F401
from .grouping import group_documents, sketch_documents  # noqa: F401
from .run import PARALLEL_MIN_DOCS, Progress, Run, in_workers, open_store  # noqa: F401

CONFIG_NAME = "numcheck.toml"
ENGINES = ("local", "dask")


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
          progress: Progress | None = None, engine: str = "local", scheduler: str | None = None,
          workers: int | None = None, cache: bool | str | Path = False,
          timings: dict[str, float] | None = None) -> CheckResult:
    """Check a corpus: the claims, the measures and the discrepancies between sources.

    ``inputs``: a file, folder, list of paths, DataFrame with a ``text`` column, a
    ``numcheck.toml`` or a folder containing one.  Disagreement is a result, never an exception.

    ``engine``: ``"local"`` (this process, plus up to ``workers`` processes for extraction;
    default: one per CPU) or ``"dask"`` (:func:`numcheck.distributed.check_dask`, on the
    cluster at ``scheduler``, or on a LocalCluster started here).  Both give the same frames.
    ``cache``: False (default), True for the claims store beside the corpus
    (``.numcheck/claims.sqlite``; none for a DataFrame, an example or a read-only folder),
    or a folder (or ``.sqlite`` file) to keep it in.
    ``progress`` is called with short lines ("extract: 1,200/10,000 documents, 15,873 claims");
    ``timings``, when given, receives the seconds each stage took.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise ValueError(f"workers must be a positive int or None, not {workers!r}")
    if scheduler is not None and engine != "dask":
        raise ValueError("scheduler= is for engine='dask'")
    inputs, config = resolve_config(inputs, config)
    if engine == "dask":
        from ..distributed import check_dask

        return check_dask(inputs, config, example=example, scheduler=scheduler, workers=workers,
                          cache=cache, progress=progress, timings=timings)
    run = Run(progress, timings)
    with gc_paused():
        with run.stage("load"):
            documents = load_documents(inputs, example, config, run)
        with run.stage("extract"), open_store(inputs, example, config, cache) as store:
            claims = extract_claims(documents, store=store, workers=workers, run=run)
        with run.stage("measures"), open_store(inputs, example, config, cache) as store:
            frame, measures = group_documents(claims, documents, store=store, workers=workers)
            run.say(f"measures: {len(measures):,} measures")
        with run.stage("rules"), open_store(inputs, example, config, cache) as store:
            findings = list(iter_findings(frame, measures, config, run, store=store))
        return assemble(frame, measures, findings, documents, config)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a check runs, as it was after.

    Why: a check holds millions of objects that live to its end (documents, claims, the
    words of each text), and the collector walks all of them each time allocations pass its
    threshold; on a re-check of 10,000 documents that was a fifth of the time (4.6-4.9 s ->
    3.8-3.9 s CPU, measured 2026-11-23).  Objects are still freed as their last reference
    goes; only reference cycles wait for the collector, which runs again after the check.
    Extraction workers turn it back on (:func:`numcheck.engine.run.in_workers`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- load ---------------------------------------------------------------------------------------

def load_documents(inputs: Any, example: str | None, config: Config, run: Run | None = None) -> list[Document]:
    """The documents of a check: ``inputs``, else ``example``, else the config's paths or example."""
    run = run or Run()
    if inputs is None and example is None:
        if config.paths:
            inputs = list(config.paths)
        else:
            example = config.example
            if example is None:
                raise TypeError("check() needs inputs (paths or a DataFrame), example=, or a config with paths")
    documents = load(inputs, example=example)
    run.say(f"load: {len(documents):,} documents")
    return documents


# -- the result ---------------------------------------------------------------------------------

def assemble(frame: pd.DataFrame, measures: list[Measure], findings: list[Finding],
             documents: Sequence[Document], config: Config) -> CheckResult:
    """Acceptances applied, and the three frames of the result."""
    by_id = {m.measure_id: m for m in measures}
    findings, unused = apply_acceptances(findings, by_id, config.accepted)
    notes = tuple(f"accepted entry for measure {a.measure!r} matched no finding ({a.reason})" for a in unused)
    labels = {m.measure_id: m.label for m in measures}
    return CheckResult(claims=frame, measures=S.measures_frame(measures),
                       discrepancies=S.discrepancies_frame(findings, labels),
                       documents=tuple(documents), notes=notes)
