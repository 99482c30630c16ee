"""export: column order, formula neutralisation, control characters, atomic writes."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import numcheck
from numcheck import export
from numcheck import schema as s
from numcheck.export import atomic_write_text, export_csv, neutralise, to_csv_text

COLUMNS = s.names(s.DISCREPANCY_COLUMNS)


def frame(**cells) -> pd.DataFrame:
    """A one-row discrepancies frame; ``cells`` override the defaults."""
    row = {c.name: (1.0 if c.dtype == "float64" else False if c.dtype == "bool" else f"<{c.name}>")
           for c in s.DISCREPANCY_COLUMNS}
    row.update(cells)
    return pd.DataFrame([row], columns=COLUMNS)


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


class Cell(NamedTuple):
    given: str
    written: str


CELLS = [  # OWASP's list: = + - @ tab CR, plus the full-width forms
    Cell("=1+1", "'=1+1"),
    Cell('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
    Cell("+1 555", "'+1 555"),
    Cell("-2+3", "'-2+3"),
    Cell("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    Cell("\t=1", "'\t=1"),
    Cell("\r=1", "'\r=1"),
    Cell("\uff1d1+1", "'\uff1d1+1"),
    Cell("-3000", "-3000"),  # genuine numbers stay numbers
    Cell("-2.5", "-2.5"),
    Cell("+1e3", "+1e3"),
    Cell("-3,000 children", "'-3,000 children"),
    Cell("nearly 3,000", "nearly 3,000"),
    Cell("a=1", "a=1"),
    Cell("bell\x07 and nul\x00 go", "bell and nul go"),
    Cell("\x00=1", "'=1"),  # stripping cannot uncover a formula
    Cell("line\nbreak", "line\nbreak"),
    Cell("", ""),
]


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: repr(c.given))
def test_neutralise(cell: Cell) -> None:
    assert neutralise(cell.given) == cell.written


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: repr(c.given))
def test_text_cells_are_neutralised_in_the_csv(cell: Cell) -> None:
    (row,) = read(to_csv_text(frame(sentence_a=cell.given, explanation=cell.given)))
    assert row["sentence_a"] == cell.written.replace("\r", "\n")  # a cell's line breaks are written as \n
    assert row["explanation"] == row["sentence_a"]


def test_numeric_cells_stay_numbers_even_negative_and_infinite() -> None:
    text = to_csv_text(frame(value_a=-3000.0, low_a=-math.inf, high_a=math.inf, value_b=math.nan))
    (row,) = read(text)
    assert (row["value_a"], row["low_a"], row["high_a"], row["value_b"]) == ("-3000.0", "-inf", "inf", "")
    assert float(row["value_a"]) == -3000.0


def test_column_order_is_the_schema_order_whatever_the_frame_order() -> None:
    shuffled = frame()[list(reversed(COLUMNS))].assign(extra="dropped")
    header = to_csv_text(shuffled).splitlines()[0]
    assert header.split(",") == COLUMNS


def test_missing_columns_and_wrong_types_are_named() -> None:
    with pytest.raises(ValueError, match="lacks the column.*explanation"):
        to_csv_text(frame().drop(columns=["explanation"]))
    with pytest.raises(TypeError, match="CheckResult or a discrepancies DataFrame, not list"):
        to_csv_text([])


def test_empty_frame_writes_the_header(tmp_path: Path) -> None:
    path = export_csv(frame().iloc[0:0], tmp_path / "empty.csv")
    assert path.read_text(encoding="utf-8") == ",".join(COLUMNS) + "\n"


def test_export_csv_writes_utf8(tmp_path: Path) -> None:
    path = export_csv(frame(sentence_a="«nearly 3,000» — niños"), tmp_path / "sub" / "d.csv")
    assert path == tmp_path / "sub" / "d.csv"
    (row,) = read(path.read_bytes().decode("utf-8"))
    assert row["sentence_a"] == "«nearly 3,000» — niños"


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "new\r\nlines\n")
    assert target.read_bytes() == b"new\r\nlines\n"  # newlines written as given
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch, failing: str) -> None:
    target = tmp_path / "d.csv"
    target.write_text("old contents", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export.os, failing, boom)
    with pytest.raises(OSError, match="disk full"):
        export_csv(frame(), target)
    assert target.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]


def test_failed_write_of_a_new_file_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(export.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("no")))
    with pytest.raises(OSError):
        atomic_write_text(tmp_path / "new.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_checks_its_arguments(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="path must be str or Path, not int"):
        atomic_write_text(3, "x")
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        atomic_write_text(tmp_path / "x", b"x")


def test_export_the_real_check(tmp_path: Path) -> None:
    result = numcheck.check(example="zero-tolerance")
    path = numcheck.export_csv(result, tmp_path / "d.csv")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == COLUMNS
    rows = read(text)
    assert len(rows) == len(result.discrepancies)
    for row in rows:
        assert row["severity"] in {"error", "warning", "info"}
