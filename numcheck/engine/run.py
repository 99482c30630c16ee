"""What every stage of a check shares: progress lines and stage timings (:class:`Run`), worker
processes (:func:`in_workers`) and the claims store a check asks for (:func:`open_store`)."""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from ..config import Config

PARALLEL_MIN_DOCS = 64      # fewer documents to extract than this: one process is quicker
_CHUNK_DOCS = 32            # documents per task sent to a worker process
_TICK_SECONDS = 0.2         # least time between two progress lines of one stage

Progress = Callable[[str], None]


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


# -- worker processes ---------------------------------------------------------------------------

def in_workers(fn: Callable[[list], list], items: list, workers: int | None) -> Iterator[list]:
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


# -- the claims store ---------------------------------------------------------------------------

@contextmanager
def open_store(inputs: Any, example: str | None, config: Config, cache: bool | str | Path):
    """The claims store ``cache`` asks for, or None (no cache, or no folder to keep it in)."""
    if cache is False or cache is None:
        yield None
        return
    from ..store import ClaimStore, store_path

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
