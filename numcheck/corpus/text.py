"""Bytes to a :class:`~numcheck.records.Document`: decoding, cleaning, header metadata, datelines.

The rules are in the docstring of :mod:`numcheck.corpus` (Metadata, Datelines,
Decoding and cleaning); :mod:`numcheck.corpus.pages` and
:mod:`numcheck.corpus.tables` build on what is here.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import DecodingFallback, InputError, SkippedDocument
from ..records import Document

_BINARY_PROBE = 8192
_DATELINE_WINDOW = 2000
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

def _skip(where: Any, reason: str) -> None:
    warnings.warn(SkippedDocument(f"{where}: {reason}; skipped"), stacklevel=4)


def _cell(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


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
