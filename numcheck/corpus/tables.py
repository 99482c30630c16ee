"""Tables (CSV, TSV, JSON Lines, Parquet and DataFrames) as documents; rules under *Tables* in :mod:`numcheck.corpus`."""

from __future__ import annotations

import io
import json
import re
import sys
import warnings
from collections import Counter
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import InputError
from ..records import Document
from .pages import parse_page
from .text import (
    _ALIASES,
    _DEFAULT_COLUMNS,
    Columns,
    _cell,
    _first_line,
    _skip,
    clean_text,
    load_bytes,
    parse_date,
    to_document,
    to_text,
)


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
