"""Paths or a DataFrame in, a list of :class:`~numcheck.records.Document` out.

``load("stories/")`` reads every file it knows under a folder (recursively,
hidden files and folders left out, sorted by relative path), ``load("a.txt")``
one file, ``load(["a.txt", "more/"])`` several, and ``load(frame)`` the rows
of a DataFrame with a ``text`` column.  ``load(example="zero-tolerance")``
reads the bundled example corpus: short articles written by the numcheck
team, in its own words, from public facts about the US "zero tolerance"
border policy.  Five more examples are invented stories, outlets and figures,
written to try numcheck on stories it was not developed on: ``earthquake`` (a
disaster), ``city-budget`` (a city budget), ``cooker-recall`` (a product
recall), ``election`` (a disputed vote count), ``earnings`` (a company's
quarterly results and job cuts) and ``health-study`` (a drug trial); their truth is
``tests/cases/stories/*.toml``.

Files
    ``.txt`` and ``.md``: one document each.  ``.html`` and ``.htm``: a saved
    web page, one document (see HTML pages).  ``.csv``, ``.tsv``, ``.jsonl``
    and ``.parquet``: a table, one document per row (see Tables).

Document ids
    The path relative to the folder given, with ``/`` separators; for a single
    file, its file name; for a list, the path relative to the deepest folder
    holding every item.  A table row is ``<file id>#<row id>``; a DataFrame row
    its row id.  The row id is the ``id`` (or ``doc_id``) column, else
    ``row-<n>`` with ``n`` the 0-based row position.

Metadata, read from the top of the text
    Front matter: a first line ``---``, then ``key: value`` lines, then ``---``.
    Or header lines: consecutive lines at the top such as ``source: Capitol
    Wire`` or ``date: 2021-01-14``, where ``date YYYY-MM-DD`` may also stand
    without a colon and with the article going on in the same line. Keys:
    ``source`` (or ``publisher``), ``date`` (or ``published``), ``title``,
    ``url``; other keys are ignored.  Metadata of a page or a table row wins
    over headers.  Without a ``source``, a file's source is its file stem and a
    row's its id.

Header blanking
    Front matter and header lines are *blanked*, not removed: every character
    of them except newlines becomes a space. Offsets and line numbers in
    ``Document.text`` are therefore those of the decoded file, and no header
    figure (a date, a URL) reaches the extractor.

Datelines
    With no date in the metadata, a wire dateline near the top
    (``Jan. 14 (UPI) --``, ``RENO, Nev., June 25 (AP) -``) gives month and
    day, resolved with dateparser (``RELATIVE_BASE`` pinned, dates from the
    past preferred). A year in the dateline is used as it is. Otherwise the
    year is the earliest one, from the latest 4-digit year the text mentions
    up to six years after, in which the dateline day is the weekday named in
    the lead sentence or the day after it (wire leads say "said Thursday");
    with no weekday in the lead or no such year, the latest year mentioned.
    With no year in the text, ``published`` is None.

Decoding and cleaning
    UTF-8; UTF-8, UTF-16 or UTF-32 with a byte-order mark (the mark is
    dropped); for a page, the charset its ``<meta>`` declares; otherwise
    CP1252 (then Latin-1), with a :class:`~numcheck.errors.DecodingFallback`
    warning naming the file.  CRLF and CR line ends become LF, and control
    characters (C0 but tab and newline, DEL, bidirectional overrides) become
    spaces, in files, pages and DataFrame text alike: nothing invisible reaches
    a terminal, a spreadsheet or a report.

HTML pages
    The article text is what trafilatura keeps of the page (navigation, ads,
    related links and comment threads dropped); ``source`` is the site name
    (``og:site_name``, else the host of the page's URL), ``published`` the
    publication date (``article:published_time`` and the like; htmldate with
    its latest date pinned, so the result never depends on today), ``title``
    and ``url`` (``og:url`` or the canonical link) those of the page.  Offsets
    are into that text.  When trafilatura finds no article (a page of bare
    text, markup nested too deeply for lxml), the text outside scripts, styles,
    navigation, headers, footers, asides and forms is used.  Scripts, styles
    and ``data:`` URIs are dropped first; a page with more than
    ``HTML_LIMIT`` characters of markup left is skipped.  A table cell holding
    a whole HTML page (``<html``, ``<!doctype html``) is read the same way.

Tables
    CSV (``.tsv``: tab-separated), JSON Lines (one object per line) and
    Parquet (needs pyarrow).  Columns are found by the names given to
    :func:`load` (``text_column="body"``…), then case-insensitively, then,
    for the default names, by the header-key aliases (``doc_id``,
    ``publisher``, ``date``).  A named column that is missing is an error;
    a row that cannot be used (empty text, a repeated id, a published value
    that is not a date, a malformed CSV or JSON line) is skipped with a
    warning naming the file and the row or line.  A table passed as a
    DataFrame is the caller's: there, a repeated id or a bad date raises.

Bad files
    A missing path given by the caller raises :class:`~numcheck.errors.InputError`.
    Inside a folder, an empty, binary (NUL bytes in the first 8 KB),
    unreadable or non-regular file is skipped with a
    :class:`~numcheck.errors.SkippedDocument` warning and the rest is loaded.
    Symlinked folders are followed once each, so a link loop ends; a file
    reached twice (by a link or by two inputs) is loaded once.  Nothing read
    is ever executed: no eval, no pickle.
"""

from __future__ import annotations

import os
import sys
from dataclasses import astuple, fields
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Sequence

from ..errors import InputError
from ..records import Document
from .pages import HTML_LIMIT, load_page, parse_page  # noqa: F401  (public: tests and callers)
from .tables import iter_rows, iter_table  # noqa: F401
from .text import (  # noqa: F401
    _DEFAULT_COLUMNS,
    Columns,
    _first_line,
    _skip,
    load_document,
    parse_dateline,
    parse_header,
)

EXAMPLES = MappingProxyType({"zero-tolerance": "zero_tolerance", "earthquake": "earthquake",
                             "city-budget": "city_budget", "cooker-recall": "cooker_recall",
                             "election": "election", "earnings": "earnings",
                             "health-study": "health_study"})
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES
_INPUTS_TYPE = "inputs must be str, Path, a list of them or a DataFrame with a 'text' column"


def load(inputs: Any = None, *, example: str | None = None, text_column: str = "text",
         id_column: str = "id", source_column: str = "source", published_column: str = "published",
         title_column: str = "title", url_column: str = "url") -> list[Document]:
    """Documents from paths, a DataFrame or a bundled example (rules in the module docstring).

    The ``*_column`` options name the columns of a DataFrame and of table files.
    """
    columns = Columns(text_column, id_column, source_column, published_column, title_column, url_column)
    for field, value in zip(fields(Columns), astuple(columns)):
        if not isinstance(value, str):
            raise TypeError(f"{field.name}_column must be str, not {type(value).__name__}")
    if example is not None:
        if inputs is not None:
            raise TypeError("pass inputs or example, not both")
        inputs = example_path(example)
    elif inputs is None:
        raise TypeError("load() needs inputs (paths or a DataFrame) or example=")
    if _is_frame(inputs):
        return list(iter_rows(inputs, columns))
    return list(iter_documents(to_paths(inputs), columns))


def example_path(name: str) -> Path:
    """The folder of a bundled example corpus.

    >>> example_path("zero-tolerance").name
    'zero_tolerance'
    """
    if not isinstance(name, str):
        raise TypeError(f"example must be str, not {type(name).__name__}")
    folder = EXAMPLES.get(name.replace("_", "-"))
    if folder is None:
        raise InputError(name, "no such example", hint=f"choose from: {', '.join(EXAMPLES)}")
    return Path(os.fspath(resources.files("numcheck").joinpath("data", "examples", folder)))


# -- paths --------------------------------------------------------------------

def _is_frame(value: Any) -> bool:
    pandas = sys.modules.get("pandas")  # a DataFrame exists only once pandas is imported
    return pandas is not None and isinstance(value, pandas.DataFrame)


def to_paths(inputs: Any) -> list[Path]:
    """The existing paths named by INPUTS (one path or a list); a bad item raises TypeError or InputError."""
    if isinstance(inputs, (str, os.PathLike)):
        items = [inputs]
    elif isinstance(inputs, (list, tuple)):
        items = list(inputs)
        for i, item in enumerate(items):
            if not isinstance(item, (str, os.PathLike)):
                raise TypeError(f"inputs[{i}] must be str or Path, not {type(item).__name__}")
    else:
        raise TypeError(f"{_INPUTS_TYPE}, not {type(inputs).__name__}")
    paths = []
    for item in items:
        if str(item) == "":
            raise InputError("''", "empty path", hint="name a file or folder")
        path = Path(item)
        if not path.exists():
            raise InputError(path, "no such file or folder", hint=f"relative paths start at {os.getcwd()}")
        if not (path.is_file() or path.is_dir()):
            raise InputError(path, "not a regular file or folder")
        paths.append(path)
    return paths


def iter_files(folder: Path) -> Iterator[Path]:
    """Files numcheck reads under ``folder``, sorted; each symlinked folder is entered once."""
    yield from (Path(dirpath, name) for _, dirpath, name, _ in _walk(folder))


def _walk(folder: Path) -> list[tuple[str, str, str, str]]:
    """(path relative to ``folder``, folder path, name, real path of the folder) of each file
    numcheck reads under ``folder``, sorted by relative path.  Plain strings, one real path
    and one relative path per folder: a Path and a realpath per file were most of finding
    10,000 files."""
    seen: set[str] = set()
    found: list[tuple[str, str, str, str]] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=_warn_walk):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = Path(dirpath).relative_to(folder).as_posix()
        found += [(f if rel == "." else f"{rel}/{f}", dirpath, f, real) for f in filenames
                  if not f.startswith(".") and f.lower().endswith(SUFFIXES)]
    found.sort(key=lambda entry: entry[0])
    return found


def _warn_walk(error: OSError) -> None:
    _skip(error.filename, f"cannot be read ({error.strerror})")


def iter_planned_files(paths: Sequence[Path]) -> Iterator[tuple[Path, str]]:
    """(file, doc_id) of every file ``load(paths)`` reads, in its order and with its ids:
    doc_ids are relative to the deepest folder holding all paths; a file reached twice
    (through a link) is read once.  The Dask engine plans its partitions with it."""
    if not paths:
        return
    base = os.path.commonpath([os.path.abspath(p if p.is_dir() else p.parent) for p in paths])
    seen: set[str] = set()
    ids: dict[str, str] = {}  # folder -> its path relative to base
    for path in paths:
        entries = _walk(path) if path.is_dir() else [(path.name, str(path.parent), path.name, None)]
        for _, dirpath, name, real_dir in entries:
            file = os.path.join(dirpath, name)
            # a file that is no link is where its folder really is: one lstat, not a realpath
            real = os.path.join(real_dir, name) if real_dir is not None and not os.path.islink(file) \
                else os.path.realpath(file)
            if real in seen:
                continue
            seen.add(real)
            if dirpath not in ids:
                ids[dirpath] = os.path.relpath(os.path.abspath(dirpath), base)
            folder = ids[dirpath]
            yield Path(file), Path(name if folder == "." else os.path.join(folder, name)).as_posix()


def iter_documents(paths: list[Path], columns: Columns = _DEFAULT_COLUMNS) -> Iterator[Document]:
    """Documents of files and folders, skipping (with a warning) files that cannot be used."""
    for file, doc_id in iter_planned_files(paths):
        try:
            yield from iter_file(file, doc_id, columns)
        except InputError as error:
            _skip(file, error.reason)
        except (ValueError, OSError, RecursionError, MemoryError) as error:  # a reader's own failure
            _skip(file, f"cannot be read ({type(error).__name__}: {_first_line(error)})")


def iter_file(path: Path, doc_id: str, columns: Columns = _DEFAULT_COLUMNS) -> Iterator[Document]:
    """The documents of one file by its suffix: a table's rows, a page or a text."""
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        yield from iter_table(path, doc_id, columns)
    elif suffix in HTML_SUFFIXES:
        yield load_page(path, doc_id)
    else:
        yield load_document(path, doc_id)
