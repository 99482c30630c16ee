"""Which of numcheck's modules run compiled, and never a compiled one older than its source.

The build (numcheck/_build/numcheck_backend.py) compiles the extractor's modules with
Cython and writes ``numcheck/_compiled.json``: for each compiled module, the sha256 of the
source it was compiled from.  A compiled module lies beside its ``.py`` file and Python
would import it first, so after an edit to the source (in a ``pip install -e .`` checkout)
the old compiled code would run.  :func:`install` puts a finder first on ``sys.meta_path``
that imports the source instead when:

- the source's hash differs from the one the module was compiled from (a warning names
  the module and says how to rebuild), or
- ``NUMCHECK_PURE_PYTHON=1`` is set (the same code, uncompiled: for debugging, profiling
  with Python profilers, and the test that compares the two builds' claims).

Hashing the ~25 sources costs about a millisecond, once per process.  Without the manifest
(a source-only install) nothing is checked and nothing changes.

>>> sorted({b.state for b in builds()}) in (["compiled"], ["source"], [])
True
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import warnings
from dataclasses import dataclass
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec, PathFinder
from pathlib import Path

PURE_ENV = "NUMCHECK_PURE_PYTHON"
MANIFEST = Path(__file__).with_name("_compiled.json")


@dataclass(frozen=True, slots=True)
class ModuleBuild:
    """How one module of the compiled set was imported (or will be)."""

    module: str
    state: str   # "compiled" or "source"
    reason: str  # why the source, when it is


def manifest(path: Path = MANIFEST) -> dict[str, str]:
    """Module name -> sha256 of the source it was compiled from; {} without a compiled build."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(data, dict) else {}


def choose(module: str, compiled: Path, source: Path, expected: str, *, pure: bool) -> ModuleBuild:
    """Compiled or source, for a module compiled at ``compiled`` from a source hashed ``expected``."""
    if not source.is_file():
        return ModuleBuild(module, "compiled", "")  # only the compiled module was installed
    if pure:
        return ModuleBuild(module, "source", f"{PURE_ENV}=1")
    if hashlib.sha256(source.read_bytes()).hexdigest() != expected:
        return ModuleBuild(module, "source", f"{source} changed since {compiled.name} was built")
    return ModuleBuild(module, "compiled", "")


class _SourceWhenStale(MetaPathFinder):
    def __init__(self, hashes: dict[str, str], pure: bool):
        self.hashes, self.pure = hashes, pure
        self.seen: dict[str, ModuleBuild] = {}

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        expected = self.hashes.get(fullname)
        if expected is None:
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin or not spec.origin.endswith(tuple(EXTENSION_SUFFIXES)):
            return None  # not compiled here: the usual import
        compiled = Path(spec.origin)
        source = compiled.parent / (fullname.rpartition(".")[2] + ".py")
        build = self.seen[fullname] = choose(fullname, compiled, source, expected, pure=self.pure)
        if build.state == "compiled":
            return spec
        if not self.pure:
            warnings.warn(f"numcheck: {build.reason}; running the source (slower). Rebuild the "
                          f"compiled modules with: pip install -e .", RuntimeWarning, stacklevel=2)
        return importlib.util.spec_from_file_location(fullname, source)


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once per process)."""
    if any(isinstance(f, _SourceWhenStale) for f in sys.meta_path):
        return
    hashes = manifest()
    if hashes:
        sys.meta_path.insert(0, _SourceWhenStale(hashes, os.environ.get(PURE_ENV) == "1"))


def builds() -> list[ModuleBuild]:
    """How each module of the compiled set was imported in this process (imported ones only)."""
    finder = next((f for f in sys.meta_path if isinstance(f, _SourceWhenStale)), None)
    return sorted(finder.seen.values(), key=lambda b: b.module) if finder else []


def describe() -> str:
    """One line for reports and benchmarks: compiled, source, or a mix (with why)."""
    found = builds()
    if not found:
        return "source (no compiled build installed)"
    compiled = sum(b.state == "compiled" for b in found)
    if compiled == len(found):
        return f"compiled with Cython ({compiled} modules)"
    reasons = sorted({b.reason for b in found if b.state == "source"})
    return f"source for {len(found) - compiled} of {len(found)} modules ({'; '.join(reasons)})"
