"""The compiled extractor (numcheck/compiled.py, numcheck/_build/numcheck_backend.py).

The compiled and the source builds must give the same claims; a compiled module older than
its source must never run.  ``NUMCHECK_REQUIRE_COMPILED=1`` (set in CI) turns the skip of
the comparison, when no compiled build is installed, into a failure.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
import warnings
from collections import Counter
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pandas as pd
import pytest

import numcheck
from numcheck import compiled
from numcheck.compiled import ModuleBuild, _SourceWhenStale, choose, manifest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def module_pair(tmp_path):
    """A package with a module's source and a (fake) compiled file beside it."""
    pkg = tmp_path / "pkg_nc_compiled"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    source = pkg / "mod.py"
    source.write_text("WHERE = 'source'\n")
    so = pkg / f"mod{EXTENSION_SUFFIXES[0]}"
    so.write_bytes(b"not a real extension")
    return tmp_path, source, so


@pytest.mark.parametrize("present, pure, same, state, reason", [
    (True, False, True, "compiled", ""),
    (True, False, False, "source", "changed since"),
    (True, True, True, "source", "NUMCHECK_PURE_PYTHON=1"),
    (False, False, False, "compiled", ""),  # only the compiled module was installed
])
def test_choose(module_pair, present, pure, same, state, reason):
    _, source, so = module_pair
    expected = _sha(source.read_text()) if same else _sha("an older source")
    if not present:
        source.unlink()
    build = choose("pkg_nc_compiled.mod", so, source, expected, pure=pure)
    assert build.state == state and reason in build.reason
    if reason == "changed since":
        assert str(source) in build.reason and so.name in build.reason


@pytest.mark.parametrize("content, expected", [
    (None, {}),
    ("not json", {}),
    ("[1, 2]", {}),
    ('{"a.b": "ff", "c": 3}', {"a.b": "ff"}),
])
def test_manifest_never_fails(tmp_path, content, expected):
    path = tmp_path / "_compiled.json"
    if content is not None:
        path.write_text(content)
    assert manifest(path) == expected


def test_stale_compiled_module_is_not_imported(module_pair, monkeypatch):
    root, source, so = module_pair
    monkeypatch.syspath_prepend(str(root))
    finder = _SourceWhenStale({"pkg_nc_compiled.mod": _sha("an older source")}, pure=False)
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    with pytest.warns(RuntimeWarning, match=r"mod\.py changed since .*pip install -e \."):
        import pkg_nc_compiled.mod as mod
    try:
        assert mod.WHERE == "source" and mod.__file__ == str(source)
        assert finder.seen["pkg_nc_compiled.mod"].state == "source"
    finally:
        sys.modules.pop("pkg_nc_compiled.mod", None)
        sys.modules.pop("pkg_nc_compiled", None)


def test_current_compiled_module_is_the_one_found(module_pair, monkeypatch):
    root, source, so = module_pair
    monkeypatch.syspath_prepend(str(root))
    finder = _SourceWhenStale({"pkg_nc_compiled.mod": _sha(source.read_text())}, pure=False)
    import pkg_nc_compiled  # noqa: F401  (the package, so its path is known)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            spec = finder.find_spec("pkg_nc_compiled.mod", pkg_nc_compiled.__path__)
        assert spec.origin == str(so)  # not loaded: the fake file is no extension
        assert finder.find_spec("pkg_nc_compiled.other", pkg_nc_compiled.__path__) is None
    finally:
        sys.modules.pop("pkg_nc_compiled", None)


def test_test_file_names_are_unique():
    # conftest.py sets PY_IGNORE_IMPORTMISMATCH, which would also hide two test files of one name
    names = Counter(p.name for p in ROOT.joinpath("tests").rglob("test_*.py"))
    assert [n for n, k in names.items() if k > 1] == []


_CLAIMS_OF_EVERYTHING = """
import pickle, sys
import numcheck
from numcheck import compiled
from numcheck.corpus import EXAMPLES
from numcheck.synthetic import generate
frames = [numcheck.extract(example=name) for name in sorted(EXAMPLES)]
frames += [numcheck.extract(p) for p in sys.argv[2:]]
generate("synthetic", n_docs=200, seed=3)
frames.append(numcheck.extract("synthetic"))
with open(sys.argv[1], "wb") as f:
    pickle.dump((compiled.builds(), frames), f)
"""


def test_compiled_and_source_give_the_same_claims(tmp_path):
    built = manifest()
    if not built:
        if os.environ.get("NUMCHECK_REQUIRE_COMPILED") == "1":
            pytest.fail("no compiled build is installed (numcheck/_compiled.json) and NUMCHECK_REQUIRE_COMPILED=1")
        pytest.skip("no compiled build installed")
    runs = {}
    for pure in ("0", "1"):
        out = tmp_path / f"pure{pure}.pickle"
        env = {**os.environ, compiled.PURE_ENV: pure}
        seeds = [str(SEEDS)] if SEEDS.is_dir() else []  # the four examples are enough without them
        (tmp_path / pure).mkdir()
        subprocess.run([sys.executable, "-c", _CLAIMS_OF_EVERYTHING, str(out), *seeds],
                       env=env, check=True, cwd=tmp_path / pure)
        runs[pure] = pickle.loads(out.read_bytes())
    (compiled_builds, compiled_frames), (source_builds, source_frames) = runs["0"], runs["1"]
    assert {b.module for b in compiled_builds} == set(built)  # extraction imports every compiled module
    assert {b.state for b in compiled_builds} == {"compiled"}
    assert source_builds == [ModuleBuild(m, "source", "NUMCHECK_PURE_PYTHON=1") for m in sorted(built)]
    assert sum(len(f) for f in compiled_frames) > 2000
    for ours, theirs in zip(compiled_frames, source_frames, strict=True):
        pd.testing.assert_frame_equal(ours, theirs)


def test_this_process_runs_what_the_manifest_says():
    numcheck.extract_text("Nearly 3,000 children were separated.")
    built = manifest()
    states = {b.module: b.state for b in compiled.builds()}
    if not built:
        assert states == {} and compiled.describe().startswith("source")
    elif os.environ.get(compiled.PURE_ENV) != "1":
        # extraction imported every compiled module; each runs compiled unless its source changed
        assert set(states) == set(built)
        stale = [m for m, s in states.items() if s == "source"]
        assert stale == [] or "changed since" in compiled.describe()


def test_backend_compiles_the_extractor_and_keeps_the_api_as_source():
    sys.path.insert(0, str(ROOT / "numcheck" / "_build"))
    try:
        import numcheck_backend as backend
    finally:
        sys.path.pop(0)
    names = {backend.module_name(p) for p in backend.SOURCES}
    assert {"numcheck.extract.claims", "numcheck.extract.text", "numcheck.records"} <= names
    assert "numcheck.extract" not in names and "numcheck.extract.__init__" not in names
    assert all(p.is_file() for p in backend.SOURCES)
    if manifest():
        assert set(manifest()) == names
