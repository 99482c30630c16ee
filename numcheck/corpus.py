"""Paths or a DataFrame in, a list of :class:`~numcheck.records.Document` out.

``load("stories/")`` reads every file it knows under a folder (recursively,
hidden files and folders left out, sorted by relative path), ``load("a.txt")``
one file, ``load(["a.txt", "more/"])`` several, and ``load(frame)`` the rows
of a DataFrame with a ``text`` column.  ``load(example="zero-tolerance")``
reads the bundled example corpus: short articles written by the numcheck
team, in its own words, from public facts about the US "zero tolerance"
border policy.

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

import codecs
import html
import io
import json
import os
import re
import sys
import warnings
from collections import Counter
from dataclasses import astuple, dataclass, fields
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Sequence

from .errors import DecodingFallback, InputError, SkippedDocument
from .records import Document

EXAMPLES = MappingProxyType({"zero-tolerance": "zero_tolerance"})
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES
HTML_LIMIT = 5_000_000  # characters of markup left once scripts, styles and data: URIs are dropped
_BINARY_PROBE = 8192
_DATELINE_WINDOW = 2000
_INPUTS_TYPE = "inputs must be str, Path, a list of them or a DataFrame with a 'text' column"
_BOMS = (("utf-32", b"\xff\xfe\x00\x00"), ("utf-32", b"\x00\x00\xfe\xff"),
         ("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))
_KEYS = {"source": "source", "publisher": "source", "date": "published",
         "published": "published", "title": "title", "url": "url"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Columns:
    """The table columns that hold each field of a document (``load(..., text_column=...)``)."""

    text: str = "text"
    id: str = "id"
    source: str = "source"
    published: str = "published"
    title: str = "title"
    url: str = "url"


_DEFAULT_COLUMNS = Columns()
_ALIASES = {"id": "doc_id", "source": "publisher", "published": "date"}


@dataclass(frozen=True, slots=True)
class _Found:
    """Text with the metadata found in it (a header) or around it (a page)."""

    text: str
    source: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None


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
    return list(iter_documents(_to_paths(inputs), columns))


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


def _to_paths(inputs: Any) -> list[Path]:
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
    seen: set[str] = set()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=_warn_walk):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath, f) for f in filenames
                  if not f.startswith(".") and f.lower().endswith(SUFFIXES)]
    yield from sorted(found, key=lambda p: p.relative_to(folder).as_posix())


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
    for path in paths:
        for file in (iter_files(path) if path.is_dir() else [path]):
            real = os.path.realpath(file)
            if real in seen:
                continue
            seen.add(real)
            yield file, Path(os.path.relpath(os.path.abspath(file), base)).as_posix()


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


def _skip(where: Any, reason: str) -> None:
    warnings.warn(SkippedDocument(f"{where}: {reason}; skipped"), stacklevel=4)


# -- one file -----------------------------------------------------------------

def load_document(path: Path, doc_id: str) -> Document:
    """One text file as a Document; raises InputError when it cannot be read or is empty."""
    text, encoding = to_text(load_bytes(path), path)
    return to_document(text, doc_id=doc_id, default_source=path.stem, path=str(path),
                       encoding=encoding)


def load_bytes(path: Path) -> bytes:
    if not os.path.isfile(path):
        reason = "broken link" if os.path.islink(path) else "not a regular file"
        raise InputError(path, reason)
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from error


def to_text(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """Decoded, cleaned text and the encoding used (rules in the module docstring).

    ``declared`` is the charset a page names; it is tried before the fallbacks.
    """
    if not data:
        raise InputError(path, "empty file")
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            try:
                return clean_text(data.decode(encoding)), encoding
            except UnicodeDecodeError as error:
                raise InputError(path, f"not valid {encoding.upper()}") from error
    if b"\x00" in data[:_BINARY_PROBE]:
        raise InputError(path, "binary file (NUL bytes in the first 8 KB)")
    for encoding in dict.fromkeys(("utf-8", declared or "utf-8")):
        try:
            return clean_text(data.decode(encoding)), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    warnings.warn(DecodingFallback(f"{path}: not valid UTF-8; decoded as {encoding}"), stacklevel=5)
    return clean_text(text), encoding


def clean_text(text: str) -> str:
    """LF line ends, and control characters blanked (one space each, so offsets hold).

    >>> clean_text("a\\r\\nb\\rc\\x1b[31md\\u202ee\\tf")
    'a\\nb\\nc [31md e\\tf'
    """
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def to_document(text: str, *, doc_id: str, default_source: str, path: str | None = None,
                encoding: str = "utf-8", **given: Any) -> Document:
    """A Document from decoded text; ``given`` metadata (source, published…) wins over headers."""
    header = parse_header(text)
    if not header.text.strip():
        raise InputError(path or doc_id, "empty file" if path else "empty text")
    published = given.get("published") or header.published or parse_dateline(header.text)
    return Document(doc_id=doc_id, source=given.get("source") or header.source or default_source,
                    text=header.text, published=published, path=path, encoding=encoding,
                    title=given.get("title") or header.title, url=given.get("url") or header.url)


# -- metadata -----------------------------------------------------------------

_FRONT = re.compile(r"\A[ \t]*---[ \t]*\n((?:[^\n]*\n){0,40}?)[ \t]*---[ \t]*(?:\n|\Z)")
# values are taken whole and stripped after: a lazy match before trailing spaces would cost
# a line of spaces its length squared
_FIELD = re.compile(r"[ \t]*([A-Za-z][\w-]*)[ \t]*:(.*)")
_KEY_LINE = re.compile(r"[ \t]*(source|publisher|date|published|title|url)[ \t]*:[ \t]*(\S[^\n]*)(?:\n|\Z)",
                       re.I)
_INLINE_DATE = re.compile(r"[ \t]*(?:date|published)[ \t]*:?[ \t]+(\d{4}-\d\d-\d\d)\b[ \t]*", re.I)
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")


def parse_header(text: str) -> _Found:
    """Front matter or header lines at the top of ``text``, blanked out of it.

    >>> h = parse_header(" date 2020-02-20 In a new ad")
    >>> h.published, h.text
    (datetime.date(2020, 2, 20), '                 In a new ad')
    >>> h = parse_header("---\\nsource: 'Capitol Wire'\\ndate: 2021-01-14\\n---\\nBody")
    >>> h.source, h.published, h.text.lstrip()
    ('Capitol Wire', datetime.date(2021, 1, 14), 'Body')
    """
    fields_: dict[str, str] = {}
    front = _FRONT.match(text)
    if front:
        for line in front[1].splitlines():
            m = _FIELD.match(line)
            if m and m[1].lower() in _KEYS:
                fields_.setdefault(_KEYS[m[1].lower()], m[2].strip().strip("'\""))
        end = front.end()
    else:
        end = _scan_header_lines(text, fields_)
    if not (front or fields_):
        return _Found(text)
    blanked = re.sub(r"[^\n]", " ", text[:end]) + text[end:]
    return _Found(blanked, fields_.get("source") or None, parse_date(fields_.get("published", "")),
                  fields_.get("title") or None, fields_.get("url") or None)


def _scan_header_lines(text: str, found: dict[str, str]) -> int:
    """Fill ``found`` from header lines at the top; the offset where the header ends."""
    pos = end = _BLANK_LINES.match(text).end()
    while True:
        inline = _INLINE_DATE.match(text, pos)
        if inline and "published" not in found:
            found["published"] = inline[1]
            pos = end = inline.end()
            if not text.startswith("\n", pos):
                return end  # the article goes on in the same line
            pos = end = pos + 1
            continue
        line = _KEY_LINE.match(text, pos)
        if line is None:
            return end
        found.setdefault(_KEYS[line[1].lower()], line[2].strip().strip("'\""))
        pos = end = line.end()


def parse_date(value: str) -> date | None:
    """A full date written in a header; None when it is not one.

    >>> parse_date("2020-02-20"), parse_date("2020-02-20T10:00:00Z"), parse_date("June 25, 2018")
    (datetime.date(2020, 2, 20), datetime.date(2020, 2, 20), datetime.date(2018, 6, 25))
    >>> parse_date("2020-13-45") is None, parse_date("soon") is None
    (True, True)
    """
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)\b", value.strip())
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if not value.strip() or len(value) > 100:  # no date is written in more than 100 characters
        return None
    return _dateparse(value, 2000, ["day", "month", "year"])


def _dateparse(value: str, year: int, parts: list[str]) -> date | None:
    """dateparser with the settings pinned: missing parts come from ``year``, never from today."""
    import dateparser  # imported here: it costs a moment, and most dates are ISO headers

    settings = {"RELATIVE_BASE": datetime(year, 12, 31), "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": parts}
    parsed = dateparser.parse(value, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"^[ \t]*(?:[A-Z][A-Za-z.' -]*,[ \t]*(?:[A-Z][a-z]*\.?,[ \t]*)?)?"
    rf"(?P<day>{_MONTH}[ \t]+\d{{1,2}})(?:,?[ \t]+(?P<year>\d{{4}}))?"
    rf"[ \t]*\([^()\n]{{1,40}}\)[ \t]*(?:--|[-\u2013\u2014])", re.M)
_YEAR = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?!\d|,\d)")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b", re.I)
_LEAD = re.compile(r"[^\n]*?(?:[.!?](?=\s)|\n|\Z)")


def parse_dateline(text: str) -> date | None:
    """The date of a wire dateline near the top of ``text`` (rule in the module docstring).

    >>> parse_dateline("Jan. 14 (UPI) -- The report came out Thursday. It covers 2017 to 2019.")
    datetime.date(2021, 1, 14)
    >>> parse_dateline("Jan. 14 (UPI) -- The report covers 2017 to 2019.")
    datetime.date(2019, 1, 14)
    >>> parse_dateline("RENO, Nev., June 25, 2018 (AP) - Sessions spoke on Monday.")
    datetime.date(2018, 6, 25)
    >>> parse_dateline("Jan. 14 (UPI) -- No year anywhere.") is None
    True
    """
    m = _DATELINE.search(text, 0, _DATELINE_WINDOW)
    if m is None:
        return None
    years = [int(y) for y in _YEAR.findall(text)]
    year = int(m["year"]) if m["year"] else max(years, default=None)
    if year is None:
        return None
    day = _dateparse(m["day"], year, ["day", "month"])
    if day is None:
        return None
    weekday = _WEEKDAY.search(_LEAD.match(text, m.end())[0])
    if m["year"] or weekday is None:
        return day
    return _year_of_weekday(day, _WEEKDAYS.index(weekday[1].lower())) or day


def _year_of_weekday(day: date, weekday: int) -> date | None:
    """``day`` moved to the first year (up to 6 ahead) where it is ``weekday`` or the day after."""
    for year in range(day.year, day.year + 7):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        if (candidate.weekday() - weekday) % 7 in (0, 1):
            return candidate
    return None



# -- HTML pages -----------------------------------------------------------------

_HEAVY = re.compile(r"<(/?)(script|style|svg|template)\b([^<>]*)>", re.I)
_DATA_URI = re.compile(r"""\b(src|href|srcset|poster)\s*=\s*(["'])data:[^"'<>]*\2""", re.I)
_CHARSET = re.compile(rb"""<meta\b[^<>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
_SKIP_TAGS = frozenset({"head", "nav", "header", "footer", "aside", "form", "button", "select",
                        "iframe", "object", "noscript", "title", "figcaption"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                         "section", "article", "main", "blockquote", "pre", "ul", "ol", "table", "dd", "dt"})
_SPACES = re.compile(r"[ \t\u00a0]+")
_CONTAINER = re.compile(r"<(/?)(?:div|span|section|article|main|table|ul|ol|blockquote|font|center)\b[^<>]*>", re.I)
_MAX_NESTING = 200
# htmldate compares dates with a latest date that defaults to today: pinned, so a page reads the same any day
_DATE_PARAMS = MappingProxyType({"extensive_search": False, "original_date": True,
                                 "min_date": "1995-01-01", "max_date": "2099-12-31"})


def load_page(path: Path, doc_id: str) -> Document:
    """One saved web page as a Document (rules in the module docstring)."""
    data = load_bytes(path)
    markup, encoding = to_text(data, path, declared_charset(data))
    page = parse_page(markup, str(path))
    if page is None:
        raise InputError(path, "no article text in the page")
    return to_document(page.text, doc_id=doc_id, default_source=path.stem, path=str(path), encoding=encoding,
                       source=page.source, published=page.published, title=page.title, url=page.url)


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` names in its first 2 KB, if Python knows it.

    >>> declared_charset(b'<meta charset="ISO-8859-1">'), declared_charset(b"<p>x</p>")
    ('iso8859-1', None)
    """
    m = _CHARSET.search(data, 0, 2048)
    if m is None:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except LookupError:
        return None


def parse_page(markup: str, where: str = "<page>") -> _Found | None:
    """The article text and metadata of a page; None when it holds no text.

    ``where`` names the page in the error raised for a page too large to read.
    """
    markup = strip_heavy(markup)
    if len(markup) > HTML_LIMIT:
        raise InputError(where, f"page too large ({len(markup):,} characters of markup; "
                                f"numcheck reads up to {HTML_LIMIT:,})", hint="save the article as .txt")
    found = _trafilatura(markup, article=nesting(markup) <= _MAX_NESTING)
    if found is None or not found.text.strip():
        text = fallback_text(markup)
        found = _Found(text, *(astuple(found)[1:] if found else ()))
    return found if found.text.strip() else None


def nesting(markup: str) -> int:
    """How deep container elements (``div``, ``span``, ``table``…) nest in the markup.

    lxml stops building the tree some 255 levels down, and trafilatura then finds its
    article in whatever is left (a menu); past ``_MAX_NESTING`` the fallback reads the page.

    >>> nesting("<div><div><span>x</span></div><p>y</div>")
    3
    """
    depth = deepest = 0
    for m in _CONTAINER.finditer(markup):
        depth = max(0, depth - 1) if m[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _trafilatura(markup: str, article: bool = True) -> _Found | None:
    """trafilatura's article text (empty unless ``article``) and metadata of a page."""
    import trafilatura  # imported here: it costs a second, and most corpora are plain text

    try:
        doc = None
        if article:
            doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                              include_tables=True, deduplicate=False,
                                              date_extraction_params=dict(_DATE_PARAMS))
        if doc is None:  # no article found: the metadata still names the page
            doc = trafilatura.extract_metadata(markup, date_config=dict(_DATE_PARAMS), extensive=False)
    except Exception:  # a parser failing on hostile markup: the fallback reads the page instead
        return None
    if doc is None:
        return None
    host = (doc.hostname or "").removeprefix("www.") or None
    return _Found(clean_text(doc.text or ""), _tidy(doc.sitename) or host, parse_date(doc.date or ""),
                  _tidy(doc.title), _tidy(doc.url))


def _tidy(value: Any) -> str | None:
    return _cell(clean_text(value)) if isinstance(value, str) else None


def strip_heavy(markup: str) -> str:
    """The markup without comments, scripts (JSON-LD kept), styles, SVG, templates and ``data:`` URIs.

    One pass over the tags, so unclosed or nested tags cost no more than the page's length.

    >>> strip_heavy('<p>a<script>x="<style>"</script>b<!-- c --></p><img src="data:image/png;base64,AAA">')
    '<p>ab</p><img >'
    """
    out: list[str] = []
    keep_from, inside, depth = 0, "", 0
    for m in _HEAVY.finditer(markup):
        closing, name, alone = bool(m[1]), m[2].lower(), m[0].endswith("/>")
        if inside:  # script and style are raw text: only their own end tag counts
            if name == inside:
                depth += -1 if closing else int(not alone and name not in ("script", "style"))
                inside, keep_from = (inside, keep_from) if depth else ("", m.end())
            continue
        if closing or (name == "script" and "ld+json" in m[3].lower()):
            continue  # JSON-LD holds the page's dates and names
        out.append(markup[keep_from:m.start()])
        keep_from, inside, depth = m.end(), ("" if alone else name), int(not alone)
    if not inside:
        out.append(markup[keep_from:])
    markup = _drop_comments("".join(out))
    return _DATA_URI.sub("", markup) if "data:" in markup else markup


def _drop_comments(markup: str) -> str:
    out, pos = [], 0
    while (start := markup.find("<!--", pos)) >= 0:
        out.append(markup[pos:start])
        end = markup.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        pos = end + 3
    out.append(markup[pos:])
    return "".join(out)


def fallback_text(markup: str) -> str:
    """The text of a page outside its head, navigation, headers, footers, asides and forms.

    A single pass over the tags with a depth count, linear in the page's length.

    >>> fallback_text("<nav>Home 5</nav><p>More than 3,000 &amp; more</p>Tail<footer>(c) 2020</footer>")
    'More than 3,000 & more\\nTail'
    """
    out: list[str] = []
    pos, skipping = 0, 0
    for m in _TAG.finditer(markup):
        if not skipping:
            out.append(markup[pos:m.start()])
        name = m[2].lower()
        if name in _SKIP_TAGS and not m[0].endswith("/>"):
            skipping = max(0, skipping - 1) if m[1] else skipping + 1
        elif name in _BLOCK_TAGS and not skipping:
            out.append("\n")
        pos = m.end()
    if not skipping:
        out.append(markup[pos:])
    lines = (_SPACES.sub(" ", line).strip() for line in html.unescape("".join(out)).split("\n"))
    return clean_text("\n".join(line for line in lines if line))


# -- tables -----------------------------------------------------------------------

def iter_table(path: Path, doc_id: str, columns: Columns = _DEFAULT_COLUMNS) -> Iterator[Document]:
    """The rows of a CSV, TSV, JSON Lines or Parquet file as documents (rules in the module docstring)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        names, rows, encoding = *_parquet_rows(path), "utf-8"
    else:
        text, encoding = to_text(load_bytes(path), path)
        names, rows = _jsonl_rows(text, path) if suffix == ".jsonl" else _csv_rows(text, path, suffix)
    found = find_columns(names, columns, str(path))
    if not rows:
        raise InputError(path, "no rows")
    yield from _iter_records(rows, found, path=path, prefix=f"{doc_id}#", strict=False, encoding=encoding)


_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def _csv_rows(text: str, path: Path, suffix: str) -> tuple[list[str], list[tuple[str | None, dict]]]:
    import pandas as pd

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(io.StringIO(text), sep="\t" if suffix == ".tsv" else ",", dtype=str,
                                keep_default_na=False, index_col=False, on_bad_lines="warn")
        except ValueError as error:  # pandas' EmptyDataError and ParserError are ValueErrors
            raise InputError(path, f"not a readable table ({_first_line(error)})") from error
    bad = [m for w in caught for m in _BAD_LINE.finditer(str(w.message))]
    if bad and frame.empty:
        raise InputError(path, f"not a readable table (line {bad[0][1]} has {bad[0][3]} fields, "
                               f"the header {bad[0][2]})")
    for m in bad:
        _skip(f"{path}:{m[1]}", f"{m[3]} fields where the header has {m[2]}")
    return [str(c) for c in frame.columns], [(None, r) for r in frame.to_dict("records")]


def _jsonl_rows(text: str, path: Path) -> tuple[list[str], list[tuple[str | None, dict]]]:
    names: dict[str, None] = {}
    rows: list[tuple[str | None, dict]] = []
    bad: list[tuple[str, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_int=_json_int)
        except (ValueError, RecursionError) as error:  # JSONDecodeError, deep nesting
            bad.append((f"{path}:{number}", f"not valid JSON ({_first_line(error)})"))
            continue
        if not isinstance(record, dict):
            bad.append((f"{path}:{number}", f"a JSON {type(record).__name__}, not an object"))
            continue
        names.update(dict.fromkeys(record))
        rows.append((f"{path}:{number}", record))
    if not rows and bad:
        raise InputError(path, f"not JSON Lines (line {bad[0][0].rsplit(':', 1)[1]}: {bad[0][1]})")
    for where, reason in bad:
        _skip(where, reason)
    return list(names), rows


def _json_int(digits: str) -> int | str:
    """A JSON integer; one too long for ``int()`` (over 4,300 digits) stays a string."""
    return int(digits) if len(digits) <= 4000 else digits


def _parquet_rows(path: Path) -> tuple[list[str], list[tuple[str | None, dict]]]:
    import pandas as pd

    with open(path, "rb") as handle:
        if handle.read(4) != b"PAR1":
            raise InputError(path, "not a Parquet file")
    try:
        frame = pd.read_parquet(path)
    except ImportError as error:
        raise InputError(path, "reading Parquet needs pyarrow", hint="pip install pyarrow") from error
    except Exception as error:  # pyarrow's errors on a damaged file are of many kinds
        raise InputError(path, f"not a readable Parquet file ({_first_line(error)})") from error
    return [str(c) for c in frame.columns], [(None, r) for r in frame.to_dict("records")]


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def find_columns(names: Iterable[Any], columns: Columns, where: str) -> dict[str, Any]:
    """Field -> the column holding it (None when absent): the name given, then case-insensitively,
    then (for default names) the alias; a missing text column or named column raises InputError.

    >>> find_columns(["Body", "DATE"], Columns(text="body"), "t.csv")
    {'text': 'Body', 'id': None, 'source': None, 'published': 'DATE', 'title': None, 'url': None}
    """
    names = list(names)
    folded: dict[str, Any] = {}
    for name in names:
        folded.setdefault(str(name).strip().lower(), name)
    found: dict[str, Any] = {}
    for field in fields(Columns):
        wanted = getattr(columns, field.name)
        hit = wanted if wanted in names else folded.get(wanted.lower())
        default = wanted == field.default
        if hit is None and default and field.name in _ALIASES:
            hit = folded.get(_ALIASES[field.name])
        if hit is None and (field.name == "text" or not default):
            raise InputError(where, f"no {wanted!r} column", hint=f"its columns are {list(map(str, names))}; "
                                                                  f"name one with {field.name}_column=")
        found[field.name] = hit
    return found


def _iter_records(rows: Iterable[tuple[str | None, dict]], found: dict[str, Any], *, path: Path | None,
                  prefix: str, strict: bool, encoding: str = "utf-8") -> Iterator[Document]:
    """Documents from table rows.  A row without text is skipped with a warning; any other
    row that cannot be used raises (``strict``, for a caller's DataFrame) or is skipped too."""
    seen: set[str] = set()
    for n, (where, row) in enumerate(rows):
        row_id = _id_cell(row.get(found["id"])) if found["id"] is not None else None
        doc_id = prefix + (row_id or f"row-{n}")
        where = where or (f"{path}#{doc_id[len(prefix):]}" if path else f"<DataFrame> row {doc_id}")
        text = row.get(found["text"])
        problem = _text_problem(text)
        if problem:
            _skip(where, problem)
            continue
        try:
            if doc_id in seen:
                raise InputError(where, f"id {row_id!r} repeats an earlier row")
            seen.add(doc_id)
            yield _row_document(clean_text(text), row, found, doc_id, where, path, encoding)
        except InputError as error:
            if strict:
                raise
            _skip(where, error.reason)


def _row_document(text: str, row: dict, found: dict[str, Any], doc_id: str, where: str,
                  path: Path | None, encoding: str) -> Document:
    given = {key: _cell(row.get(found[key])) if found[key] is not None else None
             for key in ("source", "title", "url")}
    published = to_date(row.get(found["published"]), where) if found["published"] is not None else None
    if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        page = parse_page(text, where)
        if page is None:
            raise InputError(where, "no article text in the page")
        text, published = page.text, published or page.published
        given = {key: given[key] or getattr(page, key) for key in given}
    return to_document(text, doc_id=doc_id, default_source=doc_id, path=str(path) if path else None,
                       encoding=encoding, published=published, **given)


def _text_problem(text: Any) -> str | None:
    if isinstance(text, str):
        return None if text.strip() else "empty text"
    if text is None or _is_missing(text):
        return "empty text"
    return f"text is {type(text).__name__}, not a string"


def _is_missing(value: Any) -> bool:
    pandas = sys.modules.get("pandas")
    try:
        return bool(pandas is not None and pandas.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell
        return False


def _id_cell(value: Any) -> str | None:
    if value is None or isinstance(value, (list, dict)) or _is_missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _cell(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


# -- DataFrame ------------------------------------------------------------------

def iter_rows(frame: Any, columns: Columns = _DEFAULT_COLUMNS) -> Iterator[Document]:
    """Documents from the rows of a DataFrame; empty texts are skipped with a warning.

    A repeated id or a published value that is not a date raises InputError.
    """
    found = find_columns(frame.columns, columns, "<DataFrame>")
    if found["id"] is not None:
        counts = Counter(_id_cell(v) for v in frame[found["id"]])
        repeated = sorted(i for i, c in counts.items() if i is not None and c > 1)
        if repeated:
            raise InputError("<DataFrame>", f"column {found['id']!r} repeats {repeated[:3]}",
                             hint="document ids must be unique")
    rows = ((None, r) for r in frame.to_dict("records"))
    yield from _iter_records(rows, found, path=None, prefix="", strict=True)


def to_date(value: Any, where: str) -> date | None:
    """A table cell as a date: None for empty cells, InputError for anything not a date."""
    if value is None or (not value.strip() if isinstance(value, str) else _is_missing(value)):
        return None  # NaN, None, NaT (a datetime) or blank
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise InputError(where, f"published value {_short(value)!r} is not a date", hint="use YYYY-MM-DD")
    return parsed


def _short(value: Any) -> Any:
    return value if not isinstance(value, str) or len(value) <= 40 else value[:37] + "..."
