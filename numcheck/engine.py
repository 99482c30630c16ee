"""check(): corpus -> extract -> measures -> rules -> accepted findings.

>>> import pandas as pd
>>> r = check(pd.DataFrame({"text": ["Officials said nearly 3,000 children were separated.",
...                                  "A report found more than 3,000 children were separated."],
...                         "source": ["A", "B"]}))
>>> r.discrepancies[["measure", "rule_name", "severity"]].values.tolist()
[['children separated', 'interval_conflict', 'error']]

Stages, each a function here so that ``numcheck bench`` and the Dask engine
(:mod:`numcheck.distributed`) run exactly the code ``check()`` runs:

``load_documents``   paths, a DataFrame or an example -> documents (:mod:`numcheck.corpus`)
``extract_claims``   documents -> claims frame; each document's claims come from the
                     claims store when its text was seen before (:mod:`numcheck.store`),
                     the others are extracted, on ``workers`` processes when there are many
``sketch_documents`` documents -> what measures reads of each text (store, or workers)
``group``            claims -> measures (:mod:`numcheck.measures`)
``iter_findings``    measures -> findings of the selected rules, one measure at a time
``assemble``         acceptances applied; the three frames of the :class:`CheckResult`

With a store, a re-check reuses what did not change (:mod:`numcheck.incremental`): the
claims rows of unchanged documents, their copy-of results, the story pass (resumed where
a change reaches), the measures of stories whose claims are as they were, and the findings
of measures whose claims are as they were.
"""

from __future__ import annotations

import gc
import math
import os
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from . import schema as S
from .config import Config, apply_acceptances, load_config
from .corpus import load
from .extract import DEFAULT, extract_text
from .measures import group
from .records import CheckResult, Claim, Document, Finding, Measure
from .rules import select
from .units import conversion_factor

CONFIG_NAME = "numcheck.toml"
ENGINES = ("local", "dask")
PARALLEL_MIN_DOCS = 64      # fewer documents to extract than this: one process is quicker
_CHUNK_DOCS = 32            # documents per task sent to a worker process
_TICK_SECONDS = 0.2         # least time between two progress lines of one stage

Progress = Callable[[str], None]


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
        from .distributed import check_dask

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
    Extraction workers turn it back on (:func:`_in_workers`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- progress and timing ------------------------------------------------------------------------

class Run:
    """Progress lines (at most one per ``_TICK_SECONDS`` within a stage) and stage timings."""

    def __init__(self, progress: Progress | None = None, timings: dict[str, float] | None = None) -> None:
        self.progress = progress
        self.timings = timings
        self._last = 0.0

    def say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)
            self._last = time.monotonic()

    def tick(self, message: Callable[[], str]) -> None:
        """Report ``message()`` unless a line went out less than a tick ago."""
        if self.progress is not None and time.monotonic() - self._last >= _TICK_SECONDS:
            self.say(message())

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


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


# -- extract ------------------------------------------------------------------------------------

@contextmanager
def open_store(inputs: Any, example: str | None, config: Config, cache: bool | str | Path):
    """The claims store ``cache`` asks for, or None (no cache, or no folder to keep it in)."""
    if cache is False or cache is None:
        yield None
        return
    from .store import ClaimStore, store_path

    where = None if cache is True else cache
    path = store_path(inputs if example is None else None, where,
                      config_paths=config.paths if inputs is None and example is None else ())
    if path is None or (cache is True and not _writable(path.parent)):
        yield None  # no folder of its own, or a read-only corpus: no store unless cache names one
        return
    store = ClaimStore(path)
    try:
        yield store
    finally:
        store.close()


def _writable(folder: Path) -> bool:
    """True when ``folder`` (or the nearest existing folder above it) may be written, by
    permission bits as well as by access: root can write anywhere, and is still kept out of
    a folder marked read-only."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK) and bool(folder.stat().st_mode & 0o222)


def extract_claims(documents: Sequence[Document], *, store: Any = None, workers: int | None = None,
                   run: Run | None = None) -> pd.DataFrame:
    """The claims frame of ``documents``, in document order.

    Each distinct (text, date) is extracted once; with a store, only those the store
    does not hold, and the new ones are written back.  With a store, the rows of every
    document the last check's claims frame holds are taken from it as they are
    (:mod:`numcheck.incremental`), and only the other documents' stored claims are read.
    """
    from .incremental import combine, load_snapshot, save_snapshot
    from .store import decode_claims, document_key

    run = run or Run()
    keys = [document_key(d.text, d.published) for d in documents]
    snapshot = load_snapshot(store)
    spans = snapshot.spans() if snapshot is not None else {}
    pieces = [spans.get((k, d.doc_id, d.source)) for k, d in zip(keys, documents)]
    rest = [(k, d) for k, d, p in zip(keys, documents, pieces) if p is None]
    stored = store.get_many(k for k, _ in rest) if store is not None and rest else {}
    todo = {k: d for k, d in rest if k not in stored}
    fresh: dict[str, bytes] = {}
    done = [len(documents) - len(todo), 0]  # documents ready, claims found
    for batch in iter_payloads(list(todo.items()), workers):
        for key, payload, n_claims in batch:
            fresh[key] = payload
            done[0] += 1
            done[1] += n_claims
        run.tick(lambda: f"extract: {done[0]:,}/{len(documents):,} documents "
                         f"({len(documents) - len(todo):,} from the store), {done[1]:,} new claims")
    if store is not None and fresh:
        store.put_many(fresh.items())
    payloads = {**stored, **fresh}
    claims: list[Claim] = []
    counts = []
    for key, doc in rest:
        found = decode_claims(payloads[key], doc)
        claims.extend(found)
        counts.append(len(found))
    fresh_rows = S.claims_frame(claims)
    frame = combine(pieces, fresh_rows, counts, snapshot.frames if snapshot is not None else ())
    if store is not None:
        made = iter(counts)
        kept = tuple((k, d.doc_id, d.source, next(made) if p is None else p[1] - p[0])
                     for k, d, p in zip(keys, documents, pieces))
        save_snapshot(store, snapshot, frame, fresh_rows, kept)
    run.say(f"extract: {len(documents):,} documents, {len(frame):,} claims "
            f"({len(todo):,} documents extracted, {len(documents) - len(todo):,} from the store)")
    return frame


def iter_payloads(items: list[tuple[str, Document]], workers: int | None = None
                  ) -> Iterator[list[tuple[str, bytes, int]]]:
    """(key, stored-form claims, number of claims) of each document, in batches as they are done.

    With ``workers`` > 1 (default: one per CPU) and enough documents, batches run in
    worker processes; results are the same either way.
    """
    yield from _in_workers(extract_payloads, items, workers)


def extract_payloads(items: Iterable[tuple[str, Document]]) -> list[tuple[str, bytes, int]]:
    """Extract each document: (key, stored-form claims, number of claims).  Runs in workers."""
    from .store import encode_claims

    out = []
    for key, doc in items:
        claims = extract_text(doc.text, published=doc.published, semantics=DEFAULT)
        out.append((key, encode_claims(claims, doc.text), len(claims)))
    return out


def group_documents(claims: pd.DataFrame, documents: Sequence[Document], *, store: Any = None,
                    workers: int | None = None) -> tuple[pd.DataFrame, list[Measure]]:
    """:func:`numcheck.measures.group` of the documents, with their sketches from the store
    and, with a store, copies found again only where something changed since the last check
    (``measures.find_duplicates`` with ``known``), and stories placed again only from
    where something changed (``stories.place_stories`` with ``before``)."""
    from .incremental import MeasureBlocks, known_copies, known_stories, save_copies, save_stories
    from .measures import find_duplicates
    from .stories import place_stories
    from .store import document_key

    keys = {d.doc_id: document_key(d.text, None) for d in documents}
    sketches = sketch_documents(documents, store=store, workers=workers, keys=keys)
    known, before = known_copies(store, documents, keys)
    copies = find_duplicates(list(documents), sketches={k: (v.shingles, v.step) for k, v in sketches.items()},
                             known=known)
    save_copies(store, documents, keys, copies, before)
    previous, stored = known_stories(store)
    dated = {d.doc_id: f"{keys[d.doc_id]} {d.published.isoformat() if d.published else ''}" for d in documents}
    stories, story_pass = place_stories(list(documents), _Terms(sketches, documents), copies, keys=dated,
                                        before=previous, gone=lambda old: _old_terms(store, old))
    save_stories(store, story_pass, stored)
    return group(claims, list(documents), sketches, copies=copies, stories=stories,
                 blocks=MeasureBlocks(store) if store is not None else None)


class _Terms(Mapping):
    """doc_id -> a document's content words, read from its sketch when asked for (a sketch
    from the store holds them as JSON until then; one that cannot be read is made again)."""

    def __init__(self, sketches: dict[str, Any], documents: Sequence[Document]) -> None:
        self.sketches, self.text = sketches, {d.doc_id: d.text for d in documents}

    def __getitem__(self, doc_id: str) -> dict[str, int]:
        from .measures import sketch

        try:
            return self.sketches[doc_id].terms
        except ValueError:
            return sketch(self.text[doc_id]).terms

    def __iter__(self) -> Iterator[str]:
        return iter(self.sketches)

    def __len__(self) -> int:
        return len(self.sketches)


def _old_terms(store: Any, keys: list[str]) -> dict[str, dict[str, int]]:
    """The content words of earlier texts, by their story-pass keys ("<sketch key> <date>"),
    for those whose sketch the store still holds."""
    from .measures import Sketch

    if store is None:
        return {}
    by_sketch = {k: k.split(" ", 1)[0] for k in keys}
    payloads = store.get_many(set(by_sketch.values()), table="sketches")
    out = {}
    for key, sketch_key in by_sketch.items():
        try:
            out[key] = Sketch.decode(payloads[sketch_key]).terms
        except (KeyError, ValueError, zlib.error):
            pass  # counted again
    return out


def sketch_documents(documents: Sequence[Document], *, store: Any = None, workers: int | None = None,
                     keys: dict[str, str] | None = None) -> dict[str, Any]:
    """doc_id -> :class:`numcheck.measures.Sketch` (what the measures stage reads of a text).

    Tokenising every text for copies, boilerplate and stories was most of the measures
    stage (about 2 ms a document): sketches come from the store when the text was seen
    before, and the others are made on ``workers`` processes when there are many.
    """
    from .measures import Sketch
    from .store import document_key

    keys = keys or {d.doc_id: document_key(d.text, None) for d in documents}
    stored = store.get_many(keys.values(), table="sketches") if store is not None else {}
    decoded = {}
    for key, payload in stored.items():
        try:
            decoded[key] = Sketch.decode(payload)
        except (ValueError, zlib.error):
            pass  # made again, and stored anew
    todo = {keys[d.doc_id]: d.text for d in documents if keys[d.doc_id] not in decoded}
    fresh: dict[str, bytes] = {}
    for batch in _in_workers(_sketch_payloads, list(todo.items()), workers):
        fresh.update(batch)
    if store is not None and fresh:
        store.put_many(fresh.items(), table="sketches")
    decoded.update((k, Sketch.decode(p)) for k, p in fresh.items())
    return {doc_id: decoded[key] for doc_id, key in keys.items()}


def _sketch_payloads(items: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    """(key, stored-form sketch) of each text.  Runs in workers."""
    from .measures import sketch

    return [(key, sketch(text).encode()) for key, text in items]


def _in_workers(fn: Callable[[list], list], items: list, workers: int | None) -> Iterator[list]:
    """``fn`` over chunks of ``items``, in worker processes when there are enough of them."""
    workers = workers or os.cpu_count() or 1
    chunks = [items[i:i + _CHUNK_DOCS] for i in range(0, len(items), _CHUNK_DOCS)]
    if workers < 2 or len(items) < PARALLEL_MIN_DOCS:
        yield from map(fn, chunks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context,
                             initializer=gc.enable) as pool:  # a worker's objects come and go
        yield from pool.map(fn, chunks)


# -- rules and the result ---------------------------------------------------------------------

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
    from .rules.base import ROWS, CachedRows

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
    from .incremental import encode_findings, finding_keys, known_findings

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
