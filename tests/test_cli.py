"""The numcheck command: exit codes, formats, files it writes, the store, progress."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from numcheck import cli

CLEAN = {"a.txt": "source: Wire A\n\nMore than 3,000 children were separated from their parents.\n",
         "b.txt": "source: Wire B\n\nAbout 3,100 children were separated from their parents.\n"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    folder = tmp_path / "clean"
    folder.mkdir()
    for name, text in CLEAN.items():
        (folder / name).write_text(text)
    return folder


# -- exit codes ----------------------------------------------------------------------------------

def test_clean_corpus_exits_0(capsys, clean: Path) -> None:
    code, out, err = run(capsys, "check", str(clean), "--no-cache")
    assert code == 0, err
    assert "0 error" in out


def test_seeds_exit_1_with_the_children_error(capsys, seeds_dir: Path) -> None:
    code, out, _ = run(capsys, "check", str(seeds_dir), "--no-cache")
    assert code == 1
    assert "children separated" in out and "NC101 interval_conflict" in out
    assert out.count("NC201 date_conflict") == 2


@pytest.mark.parametrize("argv, message", [
    (["check", "no/such/folder"], "no such file or folder"),
    (["check"], "give PATHS"),
    (["check", "--example", "nope"], "no such example"),
    (["bench", "sideways"], "unknown bench"),
])
def test_bad_usage_exits_2(capsys, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith("numcheck: error: ") and message in err
    assert "Traceback" not in err


def test_bad_config_exits_2_naming_file_and_key(capsys, tmp_path: Path, clean: Path) -> None:
    config = tmp_path / "numcheck.toml"
    config.write_text("[rules.tolerance]\nrelativ = 0.1\n")
    code, _, err = run(capsys, "check", str(clean), "--rules", str(config), "--no-cache")
    assert code == 2
    assert str(config) in err and "relativ" in err


def test_argparse_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["check", "--workers", "0", "x"])
    assert caught.value.code == 2
    assert "positive whole number" in capsys.readouterr().err


# -- formats -------------------------------------------------------------------------------------

def test_format_json(capsys, seeds_dir: Path) -> None:
    code, out, _ = run(capsys, "check", str(seeds_dir), "--format", "json", "--no-cache")
    rows = json.loads(out)
    assert code == 1
    assert [r["rule_name"] for r in rows if r["severity"] == "error"] == ["interval_conflict"]


def test_format_csv(capsys, seeds_dir: Path) -> None:
    code, out, _ = run(capsys, "check", str(seeds_dir), "--format", "csv", "--no-cache")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1 and len(rows) == 3
    assert next(iter(rows[0])) == "measure_id"


def test_format_table_on_the_example(capsys) -> None:
    code, out, _ = run(capsys, "check", "--example", "zero-tolerance", "--format", "table")
    assert code in (0, 1)
    assert "documents from" in out


# -- files written -------------------------------------------------------------------------------

def test_export_writes_the_csv_atomically(capsys, tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "reports" / "discrepancies.csv"
    out.parent.mkdir()
    out.write_text("old\n")
    code, _, err = run(capsys, "export", str(seeds_dir), "-o", str(out), "--no-cache")
    assert code == 1
    assert "wrote 3 discrepancies" in err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3
    assert sorted(p.name for p in out.parent.iterdir()) == ["discrepancies.csv"]  # no temporary left


def test_extract_out_writes_the_claims(capsys, tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "claims.csv"
    code, _, err = run(capsys, "extract", str(seeds_dir), "--out", str(out), "--no-cache")
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and f"wrote {len(rows)} claims" in err
    assert {"doc_id", "surface", "value", "low", "high"} <= set(rows[0])


def test_extract_prints_a_table(capsys) -> None:
    code, out, _ = run(capsys, "extract", "--example", "zero-tolerance")
    assert code == 0 and "surface" in out and "3,000" in out


def test_rules_lists_every_rule(capsys) -> None:
    from numcheck.rules import REGISTRY

    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(REGISTRY)


# -- the store -----------------------------------------------------------------------------------

def test_the_store_is_kept_beside_the_corpus_and_cleared(capsys, clean: Path) -> None:
    store = clean / ".numcheck" / "claims.sqlite"
    assert run(capsys, "check", str(clean))[0] == 0
    assert store.is_file()
    code, out, _ = run(capsys, "cache", "info", str(clean))
    assert code == 0 and "2 documents" in out
    code, _, err = run(capsys, "cache", "clear", str(clean))
    assert code == 0 and "removed" in err and not store.exists()
    assert "no store" in run(capsys, "cache", "clear", str(clean))[2]


def test_no_cache_and_cache_dir(capsys, clean: Path, tmp_path: Path) -> None:
    assert run(capsys, "check", str(clean), "--no-cache")[0] == 0
    assert not (clean / ".numcheck").exists()
    assert run(capsys, "check", str(clean), "--cache-dir", str(tmp_path / "elsewhere"))[0] == 0
    assert (tmp_path / "elsewhere" / "claims.sqlite").is_file() and not (clean / ".numcheck").exists()
    assert "2 documents" in run(capsys, "cache", "info", str(clean), "--cache-dir", str(tmp_path / "elsewhere"))[1]


def test_a_damaged_store_is_named_in_a_warning(capsys, clean: Path) -> None:
    (clean / ".numcheck").mkdir()
    (clean / ".numcheck" / "claims.sqlite").write_bytes(b"garbage" * 500)
    code, out, err = run(capsys, "check", str(clean))
    assert code == 0
    assert "numcheck: warning: claims store" in err and "rebuilt" in err
    assert run(capsys, "check", str(clean))[2] == ""


def test_engine_dask_gives_the_same_output(capsys, seeds_dir: Path) -> None:
    local = run(capsys, "check", str(seeds_dir), "--no-cache", "--format", "json")
    dask = run(capsys, "check", str(seeds_dir), "--no-cache", "--format", "json", "--engine", "dask",
               "--workers", "1")
    assert dask[0] == local[0] == 1
    assert json.loads(dask[1]) == json.loads(local[1])


# -- progress ------------------------------------------------------------------------------------

class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(capsys, monkeypatch, clean: Path) -> None:
    terminal = Terminal()
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    assert cli.main(["check", str(clean), "--no-cache"]) == 0
    shown = terminal.getvalue()
    assert "\r\033[K" in shown and "numcheck: load: 2 documents" in shown and "measures checked" in shown
    assert shown.endswith("\r\033[K")  # the line is wiped before the report

    quiet = Terminal()
    monkeypatch.setattr(cli.sys, "stderr", quiet)
    assert cli.main(["check", str(clean), "--no-cache", "--quiet"]) == 0
    assert quiet.getvalue() == ""


def test_no_progress_when_not_a_terminal(capsys, clean: Path) -> None:
    code, _, err = run(capsys, "check", str(clean), "--no-cache")
    assert code == 0 and err == ""


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("numcheck ")


def test_python_dash_m(tmp_path: Path, clean: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "numcheck", "check", str(clean), "--no-cache", "--quiet"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr
