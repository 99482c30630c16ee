"""The Dask engine: ``numcheck check PATH --engine dask``, the same check on a cluster.

``check_dask`` runs the stages of :func:`numcheck.engine.check` with the heavy
ones as Dask tasks on a ``dask.distributed`` cluster, and returns the same
:class:`~numcheck.records.CheckResult`: the claims, measures and discrepancies
frames are equal to the local engine's (``tests/test_distributed.py``).

load
    The client lists the files (as :func:`numcheck.corpus.load` would, same
    order and document ids) and cuts the list into partitions of
    ``partition_size`` files; each partition is read and decoded on a worker.
    Skipped files and decoding warnings come back with the partition and are
    warned about on the client.  A DataFrame input is already in the client's
    memory: it is loaded there and scattered to the workers in partitions.
extract
    The loaded partitions stay on the workers; the client looks up the claims
    store (only the client touches the store file), then asks each partition
    for the claims of its documents the store does not hold.  Payloads come
    back in the store's JSON form and are written to the store by the client.
measures
    On the client (:func:`numcheck.measures.group` needs every claim and
    document: copies and boilerplate are corpus-wide facts).
rules
    A grouped step: the claims are split by measure and the measures are sent
    in groups of ``measures_per_task``; each task runs the selected rules on its
    measures.  Findings are put back in measure order.

Pointing it at a cluster
    Start a scheduler and workers where the corpus is readable at the same path
    (``dask scheduler`` on one machine, ``dask worker tcp://HOST:8786`` on each
    of the others, numcheck installed in every environment, the corpus on a
    shared file system), then ``numcheck check /shared/corpus --engine dask
    --scheduler tcp://HOST:8786``.  Without ``--scheduler``, a LocalCluster is
    started in-process, with one single-threaded worker process per CPU (or
    ``--workers``), and closed at the end.

At 10 million articles (about 40 GB of text)
    * partitions: 1,000-5,000 files each (a few MB to tens of MB of text, so
      the per-task overhead of ~1 ms is nothing and 2,000-10,000 tasks spread
      over the workers); here ``partition_size`` defaults to 256;
    * the client cannot hold every text: loading and extraction must hand on
      only claims (about 15 per article, 150 million rows: a Dask DataFrame
      written to Parquet, not a pandas frame), and the copy and boilerplate
      detection must run on the workers too, from per-document shingle hashes
      shuffled by hash (MinHash/LSH buckets), not from the texts on one machine;
    * the claims store moves off the corpus folder: one SQLite file per worker
      (or per partition) on local disk, keyed as now, or a server database;
      SQLite's WAL does not work on a network file system;
    * what is shuffled: the claims, once, by measure key (kind, unit, noun,
      event words, time scope), so each measure's claims meet on one worker for
      the rules; nothing else crosses the network except the shingle hashes
      and the findings, which are few.
"""

from __future__ import annotations

import logging
import os
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from . import schema as S
from .config import Config
from .corpus import example_path, iter_file, iter_planned_files, load, to_paths
from .engine import (
    Progress,
    Run,
    assemble,
    check_slices,
    extract_payloads,
    measure_slices,
    open_store,
)
from .errors import InputError, SkippedDocument
from .measures import group
from .records import CheckResult, Document

DEFAULT_PARTITION_SIZE = 256
MEASURES_PER_TASK = 200


def check_dask(inputs: Any, config: Config, *, example: str | None = None, scheduler: Any = None,
               workers: int | None = None, cache: bool | str | Path = False,
               partition_size: int = DEFAULT_PARTITION_SIZE, progress: Progress | None = None,
               timings: dict[str, float] | None = None) -> CheckResult:
    """The check of :func:`numcheck.engine.check` on a Dask cluster (see the module docstring).

    ``scheduler``: a scheduler address (``tcp://host:8786``), a ``distributed.Client``,
    or None to start a LocalCluster here with ``workers`` processes (default: one per CPU).
    """
    if not isinstance(partition_size, int) or partition_size < 1:
        raise ValueError(f"partition_size must be a positive int, not {partition_size!r}")
    run = Run(progress, timings)
    with _client(scheduler, workers) as client:
        with run.stage("load"):
            partitions, sizes, documents = load_partitions(client, inputs, example, config, partition_size, run)
        with run.stage("extract"), open_store(inputs, example, config, cache) as store:
            claims = extract_partitions(client, list(zip(partitions, sizes)), documents, store, run)
        with run.stage("measures"):
            frame, measures = group(claims, documents)
            run.say(f"measures: {len(measures):,} measures")
        with run.stage("rules"):
            findings = check_measures(client, frame, measures, config, run)
    return assemble(frame, measures, findings, documents, config)


@contextmanager
def _client(scheduler: Any, workers: int | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        yield client


# -- load ---------------------------------------------------------------------------------------

def plan_files(paths: Sequence[Path]) -> list[tuple[str, str]]:
    """(file, doc_id) of every file ``load(paths)`` reads, in its order and with its ids."""
    return [(str(file), doc_id) for file, doc_id in iter_planned_files(paths)]


def load_partition(files: Sequence[tuple[str, str]]) -> tuple[list[Document], list[tuple[type, str]]]:
    """Read some files on a worker: the documents, and the warnings to repeat on the client."""
    documents, notes = [], []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for file, doc_id in files:
            try:
                for document in iter_file(Path(file), doc_id):  # a text, a page or a table's rows
                    documents.append(document)
            except InputError as error:
                notes.append((SkippedDocument, f"{file}: {error.reason}; skipped"))
    notes += [(w.category, str(w.message)) for w in caught]
    return documents, notes


def load_partitions(client: Any, inputs: Any, example: str | None, config: Config, size: int,
                    run: Run) -> tuple[list[Any], list[int], list[Document]]:
    """Futures of the loaded partitions (kept on the workers), how many documents each
    holds, and all documents, in order."""
    from distributed import as_completed

    if inputs is None and example is None:
        if config.paths:
            inputs = list(config.paths)
        elif config.example is not None:
            example = config.example
        else:
            raise TypeError("check() needs inputs (paths or a DataFrame), example=, or a config with paths")
    if example is not None:
        if inputs is not None:
            raise TypeError("pass inputs or example, not both")
        inputs = example_path(example)
    if not isinstance(inputs, (str, os.PathLike, list, tuple)):  # a DataFrame: already here, so
        documents = load(inputs)                                  # load it here and scatter it
        parts = [(documents[i:i + size], []) for i in range(0, len(documents), size)]
        run.say(f"load: {len(documents):,} documents")
        return (client.scatter(parts) if parts else []), [len(p[0]) for p in parts], documents
    files = plan_files(to_paths(inputs))
    futures = client.map(load_partition, [files[i:i + size] for i in range(0, len(files), size)])
    results: dict[int, tuple] = {}
    index = {f.key: n for n, f in enumerate(futures)}
    count = 0
    for future in as_completed(futures):
        results[index[future.key]] = result = future.result()
        count += len(result[0])
        run.tick(lambda: f"load: {count:,}/{len(files):,} documents")
    documents, sizes = [], []
    for n in range(len(futures)):
        docs, notes = results[n]
        documents.extend(docs)
        sizes.append(len(docs))
        for category, message in notes:
            warnings.warn(category(message), stacklevel=2)
    run.say(f"load: {len(documents):,} documents")
    return futures, sizes, documents


# -- extract -------------------------------------------------------------------------------------

def extract_partition(loaded: tuple[list[Document], list], wanted: frozenset[str]
                      ) -> list[tuple[str, bytes, int]]:
    """On a worker: (key, payload, number of claims) of the partition's documents whose key is wanted."""
    from .store import document_key

    todo = {}
    for doc in loaded[0]:
        key = document_key(doc.text, doc.published)
        if key in wanted:
            todo.setdefault(key, doc)
    return extract_payloads(list(todo.items()))


def extract_partitions(client: Any, partitions: list[tuple[Any, int]], documents: list[Document],
                       store: Any, run: Run) -> Any:
    """The claims frame: stored payloads, and the rest extracted where the partitions live.

    ``partitions``: (future of a loaded partition, its number of documents), in document order.
    Each document not in the store is extracted once, by the first partition that holds it.
    """
    from distributed import as_completed

    from .store import decode_claims, document_key

    keys = [document_key(d.text, d.published) for d in documents]
    stored = store.get_many(keys) if store is not None else {}
    assigned: set[str] = set(stored)
    tasks, position = [], 0
    for future, size in partitions:
        wanted = frozenset(k for k in keys[position:position + size] if k not in assigned)
        assigned |= wanted
        position += size
        if wanted:
            tasks.append(client.submit(extract_partition, future, wanted, pure=False))
    fresh: dict[str, bytes] = {}
    done, found = len(stored), 0
    for future in as_completed(tasks):
        for key, payload, n_claims in future.result():
            fresh[key] = payload
            done += 1
            found += n_claims
        run.tick(lambda: f"extract: {done:,}/{len(documents):,} documents, {found:,} new claims")
    if store is not None and fresh:
        store.put_many(fresh.items())
    payloads = {**stored, **fresh}
    claims = [c for key, doc in zip(keys, documents) for c in decode_claims(payloads[key], doc)]
    run.say(f"extract: {len(documents):,} documents, {len(claims):,} claims "
            f"({len(fresh):,} extracted, {len(stored):,} from the store)")
    return S.claims_frame(claims)


# -- rules ---------------------------------------------------------------------------------------

def check_measures(client: Any, frame: Any, measures: list, config: Config, run: Run,
                   measures_per_task: int = MEASURES_PER_TASK) -> list:
    """The findings of the selected rules, measure groups checked as tasks, in measure order."""
    from distributed import as_completed

    slices = list(measure_slices(frame, measures, config))
    groups = [slices[i:i + measures_per_task] for i in range(0, len(slices), measures_per_task)]
    futures = client.map(check_slices, groups, config=config, pure=False)
    index = {f.key: n for n, f in enumerate(futures)}
    results: dict[int, list] = {}
    checked = 0
    for future in as_completed(futures):
        n = index[future.key]
        results[n] = future.result()
        checked += len(groups[n])
        run.tick(lambda: f"rules: {checked:,}/{len(slices):,} measures checked")
    run.say(f"rules: {len(slices):,} of {len(measures):,} measures checked (the others have one source)")
    return [f for n in range(len(groups)) for f in results[n]]
