"""numcheck's build backend: setuptools' own, plus the extractor's modules compiled by Cython.

pyproject.toml holds all the metadata and names this module as an in-tree backend
(``backend-path``): the design card allows no ``setup.py`` at the top level, and setuptools
reads extension modules only from one (or from pyproject tables that cannot run Cython).
This module is setuptools.build_meta with its ``run_setup`` step calling ``setup()`` with
the extensions below instead of executing a setup.py; every other hook is setuptools'.

Why compiled: extraction is many small Python steps per figure (profile in
numcheck/extract/__init__.py); the same source compiled by Cython runs about a fifth
faster, and the character loops below make the compiled extraction about 1.4 times as fast
as the source (``numcheck bench``, 2026-11-24).  The modules stay plain Python: type annotations are ignored
(``annotation_typing=False``: the code's annotations are documentation, and a ``list``
annotation would otherwise reject a list subclass), and the source runs unchanged with
``NUMCHECK_PURE_PYTHON=1`` (numcheck/compiled.py).  Where a loop over characters is worth
C, a ``.pxd`` beside the module (an "augmenting" declaration file, which Cython reads on
its own) types that one function's locals, and the module runs the loop only when compiled
(numcheck/extract/*.pxd: the scan for where a figure may start, the tokeniser, the sentence
ends, the phone-number hint).  A module's hash in
the manifest is that of its ``.py``; after editing only a ``.pxd``, rebuild.

Each extension is optional: where there is no C compiler the build warns and installs the
source alone.  ``NUMCHECK_PURE_PYTHON=1`` at build time compiles nothing.  The build writes
``numcheck/_compiled.json`` (each compiled module's source hash) beside the extensions, so
that a compiled module whose source has since been edited is not used (numcheck/compiled.py).

An in-place build (``pip install -e .``) leaves the generated ``.c`` files beside the sources
(git ignores them) and regenerates only those older than their source; after changing the
directives below, delete them (``rm numcheck/*.c numcheck/extract/*.c``) before rebuilding.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from setuptools import Extension, setup
from setuptools import build_meta as _setuptools
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parents[2]  # the project root (this file is numcheck/_build/)
# the extractor's stages (the package __init__ keeps the API uncompiled) and the records and
# units it builds for every figure
SOURCES = sorted(p for p in (HERE / "numcheck" / "extract").glob("*.py") if p.name != "__init__.py") + [
    HERE / "numcheck" / "records.py", HERE / "numcheck" / "units.py", HERE / "numcheck" / "currencies.py"]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(HERE).with_suffix("").parts)


class BuildWithManifest(build_ext):
    """build_ext that records, beside the extensions it built, the hash of each one's source."""

    def run(self) -> None:
        super().run()
        built = {}
        for ext in self.extensions:
            if os.path.exists(self.get_ext_fullpath(ext.name)):  # an optional one may have failed
                source = HERE.joinpath(*ext.name.split(".")).with_suffix(".py")
                built[ext.name] = hashlib.sha256(source.read_bytes()).hexdigest()
        if built:
            manifest = Path(self.get_ext_fullpath("numcheck.records")).parent / "_compiled.json"
            manifest.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n")


def extensions() -> list[Extension]:
    if os.environ.get("NUMCHECK_PURE_PYTHON") == "1":
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # only without build isolation: pyproject.toml asks for Cython
        print("numcheck: Cython is not installed; installing the source only (slower extraction)")
        return []
    exts = [Extension(module_name(p), [str(p.relative_to(HERE))]) for p in SOURCES]
    built = cythonize(exts, nthreads=os.cpu_count() or 1, quiet=True,
                      # autotestdict off: the doctests are found on the functions, as in the source;
                      # Cython's __test__ copies would run each one twice
                      compiler_directives={"language_level": 3, "annotation_typing": False,
                                           "autotestdict": False})
    for ext in built:
        ext.optional = True  # set on cythonize's copies: it does not carry the flag over
    return built


class _Backend(_setuptools._BuildMetaBackend):
    def run_setup(self, setup_script: str = "setup.py") -> None:
        setup(ext_modules=extensions(), cmdclass={"build_ext": BuildWithManifest})


_BACKEND = _Backend()
get_requires_for_build_wheel = _BACKEND.get_requires_for_build_wheel
get_requires_for_build_sdist = _BACKEND.get_requires_for_build_sdist
get_requires_for_build_editable = _BACKEND.get_requires_for_build_editable
prepare_metadata_for_build_wheel = _BACKEND.prepare_metadata_for_build_wheel
prepare_metadata_for_build_editable = _BACKEND.prepare_metadata_for_build_editable
build_wheel = _BACKEND.build_wheel
build_sdist = _BACKEND.build_sdist
build_editable = _BACKEND.build_editable
