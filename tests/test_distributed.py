"""The Dask engine gives the local engine's frames: seeds, a generated corpus, a DataFrame, the store.

The cluster is in-process (``LocalCluster(processes=False, n_workers=1)``) so the
tests stay quick on a 2-core CI machine; the code path is the one a real cluster runs.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pandas as pd
import pytest

from numcheck.config import Config
from numcheck.distributed import check_dask, plan_files
from numcheck.engine import check
from numcheck.errors import SkippedDocument
from numcheck.synthetic import generate

distributed = pytest.importorskip("distributed")

FRAMES = ("claims", "measures", "discrepancies")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return Path(generate(tmp_path_factory.mktemp("gen"), 60, seed=5)[0]).parent


def assert_same(a, b) -> None:
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert [d.doc_id for d in a.documents] == [d.doc_id for d in b.documents]


def test_seeds_equal_local(client, seeds_dir: Path) -> None:
    local = check(seeds_dir)
    dask = check(seeds_dir, engine="dask", scheduler=client)
    assert_same(local, dask)
    assert len(dask.errors) == 1


def test_generated_corpus_equals_local_with_small_partitions(client, generated: Path) -> None:
    local = check(generated, workers=1)
    dask = check_dask(generated, Config(), scheduler=client, partition_size=7)
    assert_same(local, dask)
    assert len(local.claims) > 500


def test_dataframe_and_example_equal_local(client) -> None:
    frame = pd.DataFrame({"text": ["Nearly 3,000 children were separated.",
                                   "More than 3,000 children were separated.", "No figure here."],
                          "source": ["A", "B", "C"]})
    assert_same(check(frame), check_dask(frame, Config(), scheduler=client, partition_size=2))
    assert_same(check(example="zero-tolerance"),
                check_dask(None, Config(), example="zero-tolerance", scheduler=client))


def test_skipped_files_are_warned_about_on_the_client(client, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nearly 3,000 children were separated.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "b.txt").write_text("More than 3,000 children were separated.\n")
    with pytest.warns(SkippedDocument, match="empty.txt"):
        dask = check_dask(tmp_path, Config(), scheduler=client)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        local = check(tmp_path)
    assert_same(local, dask)


def test_the_store_is_used_and_results_do_not_change(client, generated: Path, tmp_path: Path) -> None:
    lines: list[str] = []
    first = check_dask(generated, Config(), scheduler=client, cache=tmp_path / "store")
    second = check_dask(generated, Config(), scheduler=client, cache=tmp_path / "store", progress=lines.append)
    assert_same(first, second)
    assert any("(0 extracted, 60 from the store)" in line for line in lines)


def test_plan_files_matches_load_order_and_ids(generated: Path, seeds_dir: Path) -> None:
    from numcheck.corpus import load

    for paths in ([generated], [seeds_dir], [seeds_dir / "002_629ffa57cfc0d820.txt", generated]):
        planned = [doc_id for _, doc_id in plan_files(paths)]
        assert planned == [d.doc_id for d in load(list(paths))]


def test_bad_partition_size(client, seeds_dir: Path) -> None:
    with pytest.raises(ValueError, match="partition_size"):
        check_dask(seeds_dir, Config(), scheduler=client, partition_size=0)
