"""The claims store: each document's claims, kept so a re-check extracts only what changed.

One SQLite file (standard library ``sqlite3``), by default ``.numcheck/claims.sqlite``
beside the corpus (``numcheck check stories/`` uses ``stories/.numcheck/``; the
corpus loader skips hidden folders), or in the folder given with ``--cache-dir``.

Key
    ``doc_key``: the SHA-256 of what :func:`numcheck.extract_text` reads from a
    document, its text and its publication date (the date pins relative dates);
    and ``version``: :data:`EXTRACTOR_VERSION`, numcheck's version plus a hash of
    the extractor's source (``numcheck/extract/*.py``, the word lists and unit tables
    in ``numcheck/data/``, ``units.py``, ``records.py``, ``slots.py``) and of the payload format (``payloads.py``),
    so any change to the extractor misses every old entry.  Entries of other
    versions are deleted the first time a run writes.
Value
    The document's claims as zlib-compressed JSON (:mod:`numcheck.payloads`): one array per claim, the
    :class:`~numcheck.records.Claim` fields in :data:`FIELDS` order, without
    the document fields (doc id, source, date: the same text may sit at two
    paths).  A surface or sentence that is the document's own text at its
    offsets is stored as ``null`` or a length.  JSON, never pickle: reading a
    store runs no code, whoever wrote the file.
Other tables
    ``sketches`` (what the measures stage reads of a text, :class:`numcheck.measures.Sketch`),
    ``frames`` (the last check's whole claims frame, Arrow IPC) and ``findings`` (the rules'
    findings per measure digest, JSON): see :mod:`numcheck.incremental`.  Same keys, same
    promises.
Concurrency
    WAL journal, a 60 s busy timeout, and one ``BEGIN IMMEDIATE`` transaction
    per batch of writes: two runs at once on one store both finish and leave it
    whole.  WAL needs a local file system (not NFS); put the store elsewhere with
    ``--cache-dir`` when the corpus sits on a network share.
Damage
    A file that is not a database, or whose pages are corrupt, is deleted and
    created anew with a :class:`CacheWarning`; the run goes on (the store is only
    a cache, so results never depend on it).  A store that stays locked or
    cannot be written is left alone with a warning and the run goes on without it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import warnings
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import CacheWarning  # re-exported: callers import it from here too
# the stored form of claims, in a module of its own; re-exported (the engine and the tests import it here)
from .payloads import FIELDS, FORMAT, decode_claims, encode_claims  # noqa: F401

STORE_DIR = ".numcheck"
STORE_FILE = "claims.sqlite"
_EXTRACTOR_SOURCES = ("extract/*.py", "data/*.toml", "data/*.txt", "data/*.json", "units.py", "records.py", "slots.py",
                      "currencies.py", "payloads.py")
_BATCH = 500
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _extractor_version() -> str:
    from . import __version__

    root = Path(__file__).parent
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for pattern in _EXTRACTOR_SOURCES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:16]}"


EXTRACTOR_VERSION = _extractor_version()


def document_key(text: str, published: date | None) -> str:
    """The store key of a document: SHA-256 of its publication date and text.

    >>> document_key("Nearly 3,000 children.", None)[:12]
    'e1d53b8c2d3d'
    """
    head = (published.isoformat() if published else "") + "\n"
    return hashlib.sha256(head.encode() + text.encode("utf-8", "surrogatepass")).hexdigest()


# -- the SQLite file ----------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS claims (
    doc_key TEXT NOT NULL,
    version TEXT NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (doc_key, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sketches (
    doc_key TEXT NOT NULL,
    version TEXT NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (doc_key, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS frames (
    doc_key TEXT NOT NULL,
    version TEXT NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (doc_key, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
    doc_key TEXT NOT NULL,
    version TEXT NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (doc_key, version)
) WITHOUT ROWID;
"""
# sketches: what the measures stage reads of a text (measures.Sketch); frames: the last check's
# claims frame; findings: the rules' findings per measure digest (both numcheck.incremental)
TABLES = ("claims", "sketches", "frames", "findings")


class ClaimStore:
    """Stored claims per (document key, extractor version); see the module docstring.

    Every method degrades to "nothing stored" on trouble, with a :class:`CacheWarning`.
    """

    def __init__(self, path: str | os.PathLike, *, version: str = EXTRACTOR_VERSION,
                 timeout: float = 60.0) -> None:
        self.path = Path(path)
        self.version = version
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._pruned: set[str] = set()
        self._disabled = False

    # connection ------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:
                if not _is_corrupt(exc):
                    return self._disable(exc)
                self._rebuild(exc)
                try:
                    self._conn = self._open()
                except sqlite3.Error as again:
                    return self._disable(again)
            except OSError as exc:
                return self._disable(exc)
        return self._conn

    def _open(self) -> sqlite3.Connection:
        """A connection with the schema in place, waiting up to ``timeout`` for other processes.

        Processes that open a new store at the same moment race to switch it to WAL and to
        create its tables; SQLite answers some of those steps "database is locked" at once,
        without its busy handler (a lock upgrade that could deadlock), so the set-up is
        retried until ``timeout`` (measured: 13 of 600 simultaneous opens gave up without
        this).  The tables are created in one ``BEGIN IMMEDIATE`` transaction, which takes
        the write lock first and so waits in the busy handler instead of failing."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return self._open_once()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.02)

    def _open_once(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
                raise sqlite3.OperationalError("cannot use WAL journal mode here")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(f"BEGIN IMMEDIATE;\n{_SCHEMA}\nCOMMIT;")
            conn.execute("SELECT count(*) FROM claims WHERE doc_key = ''").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _disable(self, exc: BaseException) -> None:
        warnings.warn(CacheWarning(f"claims store {self.path} cannot be used ({exc}); "
                                   f"checking without it"), stacklevel=4)
        self._disabled = True
        self.close()
        return None

    def _rebuild(self, exc: BaseException) -> None:
        warnings.warn(CacheWarning(f"claims store {self.path} was damaged ({exc}); rebuilt empty"),
                      stacklevel=4)
        self.close()
        remove_store_files(self.path)

    def _recover(self, exc: sqlite3.Error) -> None:
        """After a failed statement: rebuild a corrupt file, else stop using the store."""
        if isinstance(exc, sqlite3.DatabaseError) and _is_corrupt(exc):
            self._rebuild(exc)
        else:
            self._disable(exc)

    # reads and writes --------------------------------------------------------------------------
    def _version(self, table: str) -> str:
        if table not in TABLES:
            raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
        if table == "sketches":
            from .measures import SKETCH_VERSION

            return SKETCH_VERSION
        if table in ("frames", "findings"):
            from .incremental import FRAME_VERSION, RULES_VERSION

            return f"{self.version}+{FRAME_VERSION}" if table == "frames" else RULES_VERSION
        return self.version

    def get_many(self, keys: Iterable[str], table: str = "claims") -> dict[str, bytes]:
        """The stored payloads of those keys that are in the store (``table``: claims or sketches)."""
        version = self._version(table)
        keys = list(dict.fromkeys(keys))
        conn = self._connect()
        found: dict[str, bytes] = {}
        if conn is None:
            return found
        try:
            for i in range(0, len(keys), _BATCH):
                chunk = keys[i:i + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT doc_key, payload FROM {table} WHERE version = ? "
                                    f"AND doc_key IN ({marks})", (version, *chunk))
                found.update((k, bytes(p)) for k, p in rows)
        except sqlite3.Error as exc:
            self._recover(exc)
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, bytes]], table: str = "claims") -> int:
        """Store payloads by key; returns how many were written (0 when the store is unusable)."""
        version = self._version(table)
        items = list(items)
        for attempt in (1, 2):
            conn = self._connect()
            if conn is None or not items:
                return 0
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    if table not in self._pruned:
                        conn.execute(f"DELETE FROM {table} WHERE version != ?", (version,))
                    conn.executemany(f"INSERT OR REPLACE INTO {table} (doc_key, version, payload) "
                                     "VALUES (?, ?, ?)", [(k, version, p) for k, p in items])
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                self._pruned.add(table)
                return len(items)
            except sqlite3.Error as exc:
                corrupt = isinstance(exc, sqlite3.DatabaseError) and _is_corrupt(exc)
                self._recover(exc)
                if not corrupt or attempt == 2:
                    return 0
        return 0

    def count(self) -> int:
        """Entries of this extractor version."""
        conn = self._connect()
        if conn is None:
            return 0
        try:
            return conn.execute("SELECT count(*) FROM claims WHERE version = ?", (self.version,)).fetchone()[0]
        except sqlite3.Error as exc:
            self._recover(exc)
            return 0

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def __enter__(self) -> "ClaimStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def remove_store_files(path: str | os.PathLike) -> list[Path]:
    """Delete a store file and its WAL and shared-memory files; the paths removed."""
    removed = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(f"{os.fspath(path)}{suffix}")
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
    return removed


# -- where the store lives ---------------------------------------------------------------------

def store_path(inputs: Any = None, cache_dir: str | os.PathLike | None = None,
               config_paths: Sequence[Any] = ()) -> Path | None:
    """The store file for a corpus: ``cache_dir/claims.sqlite`` when given, else
    ``.numcheck/claims.sqlite`` in the corpus folder (a file's folder; for several
    paths, the folder holding them all).  None for a DataFrame or a bundled example
    with no ``cache_dir``: they have no folder of their own to write in.

    >>> store_path("stories/a.txt", cache_dir="/tmp/cache").as_posix()
    '/tmp/cache/claims.sqlite'
    """
    if cache_dir is not None:
        p = Path(cache_dir)
        return p if p.suffix in (".sqlite", ".db") else p / STORE_FILE
    items = inputs if isinstance(inputs, (list, tuple)) else [inputs] if inputs is not None else []
    items = list(items) or list(config_paths)
    if not items or not all(isinstance(i, (str, os.PathLike)) for i in items):
        return None
    folders = []
    for item in items:
        p = Path(item).absolute()
        folders.append(p if p.is_dir() else p.parent)
    return Path(os.path.commonpath(folders)) / STORE_DIR / STORE_FILE
