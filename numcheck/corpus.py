"""Paths or a DataFrame in, a list of :class:`~numcheck.records.Document` out.

``load("stories/")`` reads every ``.txt`` and ``.md`` file under a folder
(recursively, hidden files and folders left out, sorted by relative path),
``load("a.txt")`` one file, ``load(["a.txt", "more/"])`` several, and
``load(frame)`` the rows of a DataFrame with a ``text`` column.
``load(example="zero-tolerance")`` reads the bundled example corpus: short
articles written by the numcheck team, in its own words, from public facts
about the US "zero tolerance" border policy.

Document ids
    The path relative to the folder given, with ``/`` separators; for a single
    file, its file name; for a list, the path relative to the deepest folder
    holding every item. For a DataFrame, the ``id`` (or ``doc_id``) column,
    else ``row-<n>`` with ``n`` the 0-based row position.

Metadata, read from the top of the text
    Front matter: a first line ``---``, then ``key: value`` lines, then ``---``.
    Or header lines: consecutive lines at the top such as ``source: Capitol
    Wire`` or ``date: 2021-01-14``, where ``date YYYY-MM-DD`` may also stand
    without a colon and with the article going on in the same line. Keys:
    ``source`` (or ``publisher``), ``date`` (or ``published``), ``title``,
    ``url``; other keys are ignored. Columns of a DataFrame win over headers.
    Without a ``source``, a file's source is its file stem and a row's its id.

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

Decoding
    UTF-8; UTF-8, UTF-16 or UTF-32 with a byte-order mark (the mark is
    dropped); otherwise CP1252 (then Latin-1), with a
    :class:`~numcheck.errors.DecodingFallback` warning naming the file. CRLF
    and CR line ends become LF, in files and DataFrame text alike.

Bad files
    A missing path given by the caller raises :class:`~numcheck.errors.InputError`.
    Inside a folder, an empty, binary (NUL bytes in the first 8 KB),
    unreadable or non-regular file is skipped with a
    :class:`~numcheck.errors.SkippedDocument` warning and the rest is loaded.
    Symlinked folders are followed once each, so a link loop ends; a file
    reached twice (by a link or by two inputs) is loaded once.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator

from .errors import DecodingFallback, InputError, SkippedDocument
from .records import Document

EXAMPLES = MappingProxyType({"zero-tolerance": "zero_tolerance"})
SUFFIXES = (".txt", ".md")
_BINARY_PROBE = 8192
_DATELINE_WINDOW = 2000
_INPUTS_TYPE = "inputs must be str, Path, a list of them or a DataFrame with a 'text' column"
_BOMS = (("utf-32", b"\xff\xfe\x00\x00"), ("utf-32", b"\x00\x00\xfe\xff"),
         ("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))
_KEYS = {"source": "source", "publisher": "source", "date": "published",
         "published": "published", "title": "title", "url": "url"}


@dataclass(frozen=True, slots=True)
class _Header:
    """Metadata found at the top of a text, and the text with it blanked."""

    text: str
    source: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None


def load(inputs: Any = None, *, example: str | None = None, text_column: str = "text",
         id_column: str = "id", source_column: str = "source",
         published_column: str = "published") -> list[Document]:
    """Documents from paths, a DataFrame or a bundled example (rules in the module docstring)."""
    for name, value in (("text_column", text_column), ("id_column", id_column),
                        ("source_column", source_column), ("published_column", published_column)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be str, not {type(value).__name__}")
    if example is not None:
        if inputs is not None:
            raise TypeError("pass inputs or example, not both")
        inputs = example_path(example)
    elif inputs is None:
        raise TypeError("load() needs inputs (paths or a DataFrame) or example=")
    if _is_frame(inputs):
        columns = (text_column, id_column, source_column, published_column)
        return list(iter_rows(inputs, *columns))
    return list(iter_documents(_to_paths(inputs)))


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
    """Text files under ``folder``, sorted; each symlinked folder is entered once."""
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


def iter_documents(paths: list[Path]) -> Iterator[Document]:
    """Documents of files and folders, skipping (with a warning) files that cannot be used."""
    if not paths:
        return
    base = os.path.commonpath([os.path.abspath(p if p.is_dir() else p.parent) for p in paths])
    loaded: set[str] = set()
    for path in paths:
        for file in (iter_files(path) if path.is_dir() else [path]):
            real = os.path.realpath(file)
            if real in loaded:
                continue
            loaded.add(real)
            doc_id = Path(os.path.relpath(os.path.abspath(file), base)).as_posix()
            try:
                yield load_document(file, doc_id)
            except InputError as error:
                _skip(file, error.reason)


def _skip(where: Any, reason: str) -> None:
    warnings.warn(SkippedDocument(f"{where}: {reason}; skipped"), stacklevel=4)


# -- one file -----------------------------------------------------------------

def load_document(path: Path, doc_id: str) -> Document:
    """One file as a Document; raises InputError when it cannot be read or is empty."""
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


def to_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decoded text and the encoding used (rules in the module docstring)."""
    if not data:
        raise InputError(path, "empty file")
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            try:
                return _newlines(data.decode(encoding)), encoding
            except UnicodeDecodeError as error:
                raise InputError(path, f"not valid {encoding.upper()}") from error
    if b"\x00" in data[:_BINARY_PROBE]:
        raise InputError(path, "binary file (NUL bytes in the first 8 KB)")
    try:
        return _newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    warnings.warn(DecodingFallback(f"{path}: not valid UTF-8; decoded as {encoding}"), stacklevel=5)
    return _newlines(text), encoding


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
_FIELD = re.compile(r"[ \t]*([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_KEY_LINE = re.compile(r"[ \t]*(source|publisher|date|published|title|url)[ \t]*:[ \t]*(\S[^\n]*?)"
                       r"[ \t]*(?:\n|\Z)", re.I)
_INLINE_DATE = re.compile(r"[ \t]*(?:date|published)[ \t]*:?[ \t]+(\d{4}-\d\d-\d\d)\b[ \t]*", re.I)
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")


def parse_header(text: str) -> _Header:
    """Front matter or header lines at the top of ``text``, blanked out of it.

    >>> h = parse_header(" date 2020-02-20 In a new ad")
    >>> h.published, h.text
    (datetime.date(2020, 2, 20), '                 In a new ad')
    >>> h = parse_header("---\\nsource: 'Capitol Wire'\\ndate: 2021-01-14\\n---\\nBody")
    >>> h.source, h.published, h.text.lstrip()
    ('Capitol Wire', datetime.date(2021, 1, 14), 'Body')
    """
    fields: dict[str, str] = {}
    front = _FRONT.match(text)
    if front:
        for line in front[1].splitlines():
            m = _FIELD.match(line)
            if m and m[1].lower() in _KEYS:
                fields.setdefault(_KEYS[m[1].lower()], m[2].strip("'\""))
        end = front.end()
    else:
        end = _scan_header_lines(text, fields)
    if not (front or fields):
        return _Header(text)
    blanked = re.sub(r"[^\n]", " ", text[:end]) + text[end:]
    return _Header(blanked, fields.get("source") or None, parse_date(fields.get("published", "")),
                   fields.get("title") or None, fields.get("url") or None)


def _scan_header_lines(text: str, fields: dict[str, str]) -> int:
    """Fill ``fields`` from header lines at the top; the offset where the header ends."""
    pos = end = _BLANK_LINES.match(text).end()
    while True:
        inline = _INLINE_DATE.match(text, pos)
        if inline and "published" not in fields:
            fields["published"] = inline[1]
            pos = end = inline.end()
            if not text.startswith("\n", pos):
                return end  # the article goes on in the same line
            pos = end = pos + 1
            continue
        line = _KEY_LINE.match(text, pos)
        if line is None:
            return end
        fields.setdefault(_KEYS[line[1].lower()], line[2].strip("'\""))
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
    return _dateparse(value, 2000, ["day", "month", "year"]) if value.strip() else None


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


# -- DataFrame ------------------------------------------------------------------

def iter_rows(frame: Any, text_column: str, id_column: str, source_column: str,
              published_column: str) -> Iterator[Document]:
    """Documents from the rows of a DataFrame; empty texts are skipped with a warning."""
    if text_column not in frame.columns:
        raise InputError("<DataFrame>", f"no {text_column!r} column",
                         hint=f"its columns are {list(map(str, frame.columns))}; name one with text_column=")
    if id_column not in frame.columns and "doc_id" in frame.columns:
        id_column = "doc_id"
    ids = ([str(v) for v in frame[id_column]] if id_column in frame.columns
           else [f"row-{n}" for n in range(len(frame))])
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InputError("<DataFrame>", f"column {id_column!r} repeats {repeated[:3]}",
                         hint="document ids must be unique")
    for doc_id, row in zip(ids, frame.to_dict("records")):
        text = row[text_column]
        if not isinstance(text, str) or not text.strip():
            _skip(f"<DataFrame> row {doc_id}", "empty text")
            continue
        given = {"source": _cell(row.get(source_column)), "title": _cell(row.get("title")),
                 "url": _cell(row.get("url")),
                 "published": to_date(row.get(published_column), f"<DataFrame> row {doc_id}")}
        yield to_document(_newlines(text), doc_id=doc_id, default_source=doc_id, **given)


def _cell(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def to_date(value: Any, where: str) -> date | None:
    """A DataFrame cell as a date: None for empty cells, InputError for anything not a date."""
    import pandas as pd  # already imported: the value comes from a DataFrame

    if (not value.strip()) if isinstance(value, str) else pd.isna(value):
        return None  # NaN, None, NaT (a datetime) or blank
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise InputError(where, f"published value {value!r} is not a date", hint="use YYYY-MM-DD")
    return parsed
