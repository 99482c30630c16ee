"""The claims store: each document's claims, kept so a re-check extracts only what changed.

One SQLite file (standard library ``sqlite3``), by default ``.numcheck/claims.sqlite``
beside the corpus (``numcheck check stories/`` uses ``stories/.numcheck/``; the
corpus loader skips hidden folders), or in the folder given with ``--cache-dir``.

Key
    ``doc_key``: the SHA-256 of what :func:`numcheck.extract_text` reads from a
    document, its text and its publication date (the date pins relative dates);
    and ``version``: :data:`EXTRACTOR_VERSION`, numcheck's version plus a hash of
    the extractor's source (``numcheck/extract/*.py``, the word lists and unit tables
    in ``numcheck/data/``, ``units.py``, ``records.py``) and of this payload format,
    so any change to the extractor misses every old entry.  Entries of other
    versions are deleted the first time a run writes.
Value
    The document's claims as zlib-compressed JSON: one array per claim, the
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
import json
import math
import os
import sqlite3
import time
import typing
import warnings
import zlib
from dataclasses import fields
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import CacheWarning  # re-exported: callers import it from here too
from .records import Claim, Document, Interval

FORMAT = 1
STORE_DIR = ".numcheck"
STORE_FILE = "claims.sqlite"
_DOC_FIELDS = frozenset({"doc_id", "source", "published"})
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Claim) if f.name not in _DOC_FIELDS)
_EXTRACTOR_SOURCES = ("extract/*.py", "data/*.toml", "data/*.txt", "data/*.json", "units.py", "records.py",
                      "currencies.py")
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


# -- payloads: claims <-> JSON ----------------------------------------------------------------

def encode_claims(claims: Sequence[Claim], text: str) -> bytes:
    """The stored form of one document's claims (``text`` is the text they were found in)."""
    rows = [[_encode(name, getattr(c, name), c, text) for name in FIELDS] for c in claims]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode_claims(payload: bytes, document: Document) -> list[Claim]:
    """The claims of ``payload``, located in ``document`` (doc id, source and date filled in).

    Raises ValueError when the payload does not fit the document or the Claim record.
    """
    try:
        rows = json.loads(zlib.decompress(payload))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable claims payload: {exc}") from exc
    text, where = document.text, (document.doc_id, document.source, document.published)
    out = []
    for row in rows:
        if len(row) != len(FIELDS):
            raise ValueError(f"a stored claim has {len(row)} fields, not {len(FIELDS)}")
        for i, convert in _DECODERS:
            row[i] = convert(row[i])
        if row[_SURFACE] is None:
            row[_SURFACE] = text[row[_START]:row[_END]]
        if isinstance(row[_SENTENCE], int):
            start = row[_SENTENCE_START]
            row[_SENTENCE] = text[start:start + row[_SENTENCE]]
        out.append(Claim(*row, *where))  # FIELDS are Claim's fields in order, then the document's
    return out


def _encode(name: str, value: Any, claim: Claim, text: str) -> Any:
    if name == "surface":
        return None if text[claim.start:claim.end] == value else value
    if name == "sentence":
        start = claim.sentence_start
        return len(value) if text[start:start + len(value)] == value else value
    if isinstance(value, Interval):
        return [_number(value.low), _number(value.high), value.low_open, value.high_open]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float):
        return _number(value)
    return value


def _number(x: float) -> float | str:
    # JSON has no inf or NaN; strings keep them exact and standard
    return x if math.isfinite(x) else repr(x)


def _float(x: Any) -> Any:
    """A stored number as it was: ints stay ints, "inf"/"-inf"/"nan" become floats."""
    return float(x) if isinstance(x, str) else x


def _interval(value: list) -> Interval:
    low, high, low_open, high_open = value
    return Interval(_float(low), _float(high), bool(low_open), bool(high_open))


def _decoder(hint: Any):
    """How a JSON value becomes the Claim field of type ``hint`` (None: as it is)."""
    if hint is Interval:
        return _interval
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {member.value: member for member in hint}.__getitem__
    if typing.get_origin(hint) is tuple:
        return tuple
    if hint is float:
        return _float
    return None


_HINTS = typing.get_type_hints(Claim)
_DECODERS = tuple((i, fn) for i, name in enumerate(FIELDS) if (fn := _decoder(_HINTS[name])) is not None)
_START, _END, _SURFACE, _SENTENCE, _SENTENCE_START = map(FIELDS.index, ("start", "end", "surface", "sentence",
                                                                        "sentence_start"))
assert tuple(f.name for f in fields(Claim)) == FIELDS + ("doc_id", "source", "published")


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
