"""Shared fixtures: the bundled example corpus and the shared folder beside the repo.

``shared_dir`` and ``seeds_dir`` skip the tests that need them when the folder
is missing, and fail them instead when ``NUMCHECK_REQUIRE_SHARED=1`` (set it
in CI, where the folder must be there).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from numcheck.corpus import example_path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _require(path: Path) -> Path:
    if path.is_dir():
        return path
    message = f"{path} is missing"
    if os.environ.get("NUMCHECK_REQUIRE_SHARED") == "1":
        pytest.fail(f"{message} and NUMCHECK_REQUIRE_SHARED=1")
    pytest.skip(message)


@pytest.fixture(scope="session")
def example_corpus() -> Path:
    """The folder of the bundled zero-tolerance corpus."""
    return example_path("zero-tolerance")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the repository (``../shared``)."""
    return _require(SHARED)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles in ``../shared/seeds``."""
    return _require(SHARED / "seeds")


@pytest.fixture(scope="session")
def ureg():
    """numcheck's single pint UnitRegistry (imported lazily: only unit tests need pint)."""
    from numcheck.units import ureg as registry

    return registry()
