"""The discrepancies CSV: fixed column order, formula cells neutralised, atomic write.

The columns are :data:`numcheck.schema.DISCREPANCY_COLUMNS`, in that order,
whatever order the frame handed in has.  Text cells are made safe to open in
a spreadsheet, following OWASP's CSV injection guidance: control characters
are stripped, and a cell that would start a formula (``=``, ``+``, ``-``,
``@``, tab, carriage return, or their full-width forms) gets a leading ``'``.
A cell that is a plain number, negative or not, stays a number.  Line breaks
inside a cell are written as ``\n`` in a quoted cell; rows end with ``\n``.

Files are written atomically: the text goes to a temporary file in the
target's folder, which then replaces the target in one ``os.replace``, so a
reader never sees half a file and a failed write leaves the old file intact.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from . import schema
from .records import CheckResult

__all__ = ["export_csv", "to_csv_text", "neutralise", "atomic_write_text"]

# Characters a spreadsheet may read as the start of a formula (OWASP), plus the
# full-width forms some spreadsheets fold onto them.
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# C0 controls and DEL, except tab, line feed and carriage return (kept: they are
# legal inside a quoted CSV cell; a leading tab or CR is neutralised instead).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """A text cell made safe for spreadsheets; plain numbers pass unchanged.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-3000"), neutralise("-1.5e3"), neutralise("-3,000 children")
    ('-3000', '-1.5e3', "'-3,000 children")
    >>> neutralise("@SUM(A1)"), neutralise("\\tx"), neutralise("a\\x00b\\x1bc")
    ("'@SUM(A1)", "'\\tx", 'abc')
    """
    cell = _CONTROL.sub("", cell)
    if cell and cell[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _frame_of(result_or_frame: CheckResult | pd.DataFrame) -> pd.DataFrame:
    if isinstance(result_or_frame, CheckResult):
        frame = result_or_frame.discrepancies
    elif isinstance(result_or_frame, pd.DataFrame):
        frame = result_or_frame
    else:
        raise TypeError("result_or_frame must be a CheckResult or a discrepancies DataFrame, "
                        f"not {type(result_or_frame).__name__}")
    columns = schema.names(schema.DISCREPANCY_COLUMNS)
    if frame is None:
        return pd.DataFrame(columns=columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"the discrepancies frame lacks the column(s) {', '.join(missing)}")
    return frame[columns]


def _safe_cell(value: object) -> object:
    # Line breaks inside a cell become "\n" so the CSV writer quotes the cell
    # (it leaves a bare "\r" unquoted, which splits the row for most readers).
    if isinstance(value, str):
        return neutralise(value).replace("\r\n", "\n").replace("\r", "\n")
    return value


def to_csv_text(result_or_frame: CheckResult | pd.DataFrame) -> str:
    """The discrepancies as CSV text (columns in schema order, text cells neutralised)."""
    return safe_csv_text(_frame_of(result_or_frame))


def safe_csv_text(frame: pd.DataFrame) -> str:
    """Any table (the claims too) as CSV text with its text cells neutralised."""
    frame = frame.copy()
    for column in frame.columns:
        if not (pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column])):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "").map(_safe_cell)
    return frame.to_csv(index=False, lineterminator="\n")


def export_csv(result_or_frame: CheckResult | pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write the discrepancies CSV (UTF-8) to ``path`` atomically and return the path.

    ``result_or_frame`` is a :class:`~numcheck.CheckResult` or its
    ``discrepancies`` DataFrame.  Parent folders are created.
    """
    return atomic_write_text(path, to_csv_text(result_or_frame))


def atomic_write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``.

    Either the whole new text is at ``path`` afterwards or, when anything
    fails, the old file is untouched and no temporary file is left behind.
    Newlines are written as given.  A file that existed keeps its permission
    bits; a new one gets ``0o644``.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be str or Path, not {type(path).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o644
