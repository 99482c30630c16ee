"""The claims store: JSON payloads, keys and versions, damage, two runs at once, incremental checks."""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import sqlite3
import stat
import threading
import warnings
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import numcheck.engine.claims as engine_claims  # where extract_text is called
import numcheck.store
from numcheck.corpus import load
from numcheck.engine import check, extract_claims
from numcheck.extract import extract_text
from numcheck.records import Claim, Document, Interval, Kind
from numcheck.store import (EXTRACTOR_VERSION, FIELDS, CacheWarning, ClaimStore, decode_claims, document_key,
                            encode_claims, remove_store_files, store_path)

TEXT = ("Officials said nearly 3,000 children were separated in 2018. The agency wants $227 million "
        "by May 2019, and dozens of families are still waiting; more than 20 days later it said so.")


def same(a: list[Claim], b: list[Claim]) -> bool:
    """Equal claims, NaN values included (a date with no day has value NaN)."""
    return [repr(c) for c in a] == [repr(c) for c in b]


def located(doc: Document) -> list[Claim]:
    return [c.located(doc_id=doc.doc_id, source=doc.source, published=doc.published)
            for c in extract_text(doc.text, published=doc.published)]


# -- payloads ----------------------------------------------------------------------------------

def test_payload_round_trip_gives_equal_claims(example_corpus: Path) -> None:
    documents = load(example_corpus)
    for doc in documents:
        claims = located(doc)
        assert same(decode_claims(encode_claims(claims, doc.text), doc), claims)


def test_payload_keeps_infinite_bounds_tuples_enums_and_odd_surfaces() -> None:
    doc = Document(doc_id="d", source="S", text=TEXT, published=date(2020, 1, 2))
    claims = located(doc)
    assert any(math.isinf(c.interval.high) for c in claims)
    odd = Claim(start=0, end=9, surface="Officials", value=math.nan,
                interval=Interval(-math.inf, math.inf, True, True), kind=Kind.COUNT,
                modifiers=("a", "b"), sentence="not the document's sentence", sentence_start=3,
                doc_id="d", source="S", published=date(2020, 1, 2))
    claims.append(odd)
    assert same(decode_claims(encode_claims(claims, doc.text), doc), claims)


def test_payload_is_json_and_carries_no_document_fields() -> None:
    import json
    import zlib

    doc = Document(doc_id="d", source="Some Source", text=TEXT)
    rows = json.loads(zlib.decompress(encode_claims(located(doc), doc.text)))
    assert rows and all(len(r) == len(FIELDS) for r in rows)
    assert "Some Source" not in json.dumps(rows)
    assert "doc_id" not in FIELDS and "published" not in FIELDS


def test_a_payload_that_does_not_fit_is_refused() -> None:
    doc = Document(doc_id="d", source="S", text=TEXT)
    with pytest.raises(ValueError, match="unreadable"):
        decode_claims(b"not zlib", doc)
    import json
    import zlib
    with pytest.raises(ValueError, match="fields"):
        decode_claims(zlib.compress(json.dumps([[1, 2]]).encode()), doc)


def test_document_key_reads_text_and_date() -> None:
    a = document_key("3,000 children", None)
    assert a == document_key("3,000 children", None)
    assert a != document_key("3,001 children", None)
    assert a != document_key("3,000 children", date(2020, 1, 1))
    assert len(a) == 64


def test_extractor_version_names_the_package_version() -> None:
    from numcheck import __version__

    assert EXTRACTOR_VERSION.startswith(__version__ + "+")


# -- the file ----------------------------------------------------------------------------------

def test_get_and_put(tmp_path: Path) -> None:
    with ClaimStore(tmp_path / "s" / "claims.sqlite") as store:
        assert store.get_many(["a"]) == {}
        assert store.put_many([("a", b"1"), ("b", b"2")]) == 2
        assert store.get_many(["a", "b", "c"]) == {"a": b"1", "b": b"2"}
        assert store.count() == 2
    with ClaimStore(tmp_path / "s" / "claims.sqlite") as store:  # it persists
        assert store.get_many(["b"]) == {"b": b"2"}


def test_another_extractor_version_misses_and_is_dropped_on_write(tmp_path: Path) -> None:
    path = tmp_path / "claims.sqlite"
    with ClaimStore(path, version="old") as old:
        old.put_many([("a", b"old")])
    with ClaimStore(path, version="new") as new:
        assert new.get_many(["a"]) == {}
        new.put_many([("b", b"new")])
    with ClaimStore(path, version="old") as old:
        assert old.count() == 0


def test_many_keys_in_one_lookup(tmp_path: Path) -> None:
    with ClaimStore(tmp_path / "claims.sqlite") as store:
        store.put_many((f"k{i}", str(i).encode()) for i in range(2100))
        found = store.get_many(f"k{i}" for i in range(0, 2100, 1))
    assert len(found) == 2100 and found["k2099"] == b"2099"


def test_a_file_that_is_not_a_database_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "claims.sqlite"
    path.write_bytes(b"this is not a database, it is a text file " * 200)
    with pytest.warns(CacheWarning, match="damaged.*rebuilt"):
        with ClaimStore(path) as store:
            assert store.get_many(["a"]) == {}
            assert store.put_many([("a", b"1")]) == 1
    with ClaimStore(path) as store:
        assert store.get_many(["a"]) == {"a": b"1"}


def test_corrupt_pages_are_rebuilt_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "claims.sqlite"
    with ClaimStore(path) as store:
        store.put_many((f"key-{i:05d}", os.urandom(300)) for i in range(3000))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):  # wreck every third page after the first two
        data[offset:offset + page] = b"\x5a" * page
    path.write_bytes(bytes(data))
    with pytest.warns(CacheWarning, match="damaged"):
        with ClaimStore(path) as store:
            store.get_many([f"key-{i:05d}" for i in range(3000)])
            store.put_many([("x", b"1")])
    with ClaimStore(path) as store:
        assert store.get_many(["x"]) == {"x": b"1"}
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


def test_a_store_that_cannot_be_created_is_skipped_with_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the store's folder should be")
    with pytest.warns(CacheWarning, match="cannot be used"):
        store = ClaimStore(blocker / "claims.sqlite")
        assert store.get_many(["a"]) == {}
        assert store.put_many([("a", b"1")]) == 0


def test_remove_store_files(tmp_path: Path) -> None:
    path = tmp_path / "claims.sqlite"
    with ClaimStore(path) as store:
        store.put_many([("a", b"1")])
    assert path.exists()
    assert path in remove_store_files(path)
    assert not path.exists() and not Path(f"{path}-wal").exists()
    assert remove_store_files(path) == []


def _hammer(path: str, worker: int, rounds: int) -> int:
    """Write and read overlapping keys; return how many reads came back wrong."""
    wrong = 0
    with ClaimStore(path, timeout=120) as store:
        for r in range(rounds):
            batch = [(f"k{(worker * 7 + r * 13 + i) % 400}", f"v{(worker * 7 + r * 13 + i) % 400}".encode() * 50)
                     for i in range(40)]
            store.put_many(batch)
            got = store.get_many(k for k, _ in batch)
            wrong += sum(1 for k, v in batch if got.get(k) != v)
    return wrong


def test_two_processes_at_once_leave_it_whole(tmp_path: Path) -> None:
    path = str(tmp_path / "claims.sqlite")
    context = multiprocessing.get_context("spawn")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        with context.Pool(2) as pool:
            wrong = pool.starmap(_hammer, [(path, 0, 60), (path, 1, 60)])
    assert wrong == [0, 0]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = dict(conn.execute("SELECT doc_key, payload FROM claims"))
    conn.close()
    assert rows and all(bytes(v) == f"v{k[1:]}".encode() * 50 for k, v in rows.items())


def _open_and_write(path: str, i: int) -> None:
    with ClaimStore(path, timeout=30) as store:
        store.put_many([(f"k{i}", b"x")])
        assert store.get_many([f"k{i}"]) == {f"k{i}": b"x"}


def test_many_opening_a_new_store_at_once_all_use_it(tmp_path: Path) -> None:
    # before the set-up was retried, 13 of 600 such opens gave up ("database is locked") and
    # checked without the store; this test failed 2 runs in 3 on that code
    with warnings.catch_warnings(record=True) as caught:  # one catcher for all the threads
        warnings.simplefilter("always")
        for n in range(120):
            path = str(tmp_path / f"s{n}.sqlite")
            threads = [threading.Thread(target=_open_and_write, args=(path, i)) for i in range(6)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    assert [str(w.message) for w in caught] == []


# -- where it lives --------------------------------------------------------------------------

def test_store_path(tmp_path: Path) -> None:
    (tmp_path / "corpus" / "sub").mkdir(parents=True)
    (tmp_path / "corpus" / "a.txt").write_text("x")
    beside = tmp_path / "corpus" / ".numcheck" / "claims.sqlite"
    assert store_path(tmp_path / "corpus") == beside
    assert store_path(str(tmp_path / "corpus" / "a.txt")) == beside
    assert store_path([tmp_path / "corpus" / "a.txt", tmp_path / "corpus" / "sub"]) == beside
    assert store_path(tmp_path / "corpus", cache_dir=tmp_path / "c") == tmp_path / "c" / "claims.sqlite"
    assert store_path(None, cache_dir=tmp_path / "x.sqlite") == tmp_path / "x.sqlite"
    assert store_path(pd.DataFrame({"text": ["a"]})) is None
    assert store_path(None) is None
    assert store_path(None, config_paths=[tmp_path / "corpus"]) == beside


# -- incremental checks --------------------------------------------------------------------------

def _corpus(folder: Path, n: int) -> Path:
    from numcheck.synthetic import generate

    generate(folder, n, seed=3)
    return folder


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The texts extract_text is called on (extraction in this process: workers=1)."""
    calls: list[str] = []
    real = engine_claims.extract_text

    def counting(text, **kw):
        calls.append(text)
        return real(text, **kw)

    monkeypatch.setattr(engine_claims, "extract_text", counting)
    return calls


def test_a_recheck_extracts_only_the_new_document(tmp_path: Path, counted: list[str]) -> None:
    corpus = _corpus(tmp_path / "corpus", 12)
    first = check(corpus, cache=True, workers=1)
    assert len(counted) == 12
    assert (corpus / ".numcheck" / "claims.sqlite").is_file()
    (corpus / "new.txt").write_text("source: Late Wire\n\nThe report found nearly 3,000 children were separated.\n")
    counted.clear()
    second = check(corpus, cache=True, workers=1)
    assert len(counted) == 1 and "nearly 3,000" in counted[0]
    assert len(second.documents) == 13
    uncached = check(corpus, workers=1)
    for name in ("claims", "measures", "discrepancies"):
        pd.testing.assert_frame_equal(getattr(second, name), getattr(uncached, name))
    assert len(first.claims) < len(second.claims)


def test_an_edited_document_is_extracted_again(tmp_path: Path, counted: list[str]) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("More than 3,000 children were separated.\n")
    (corpus / "b.txt").write_text("Nearly 70,000 children were held.\n")
    check(corpus, cache=tmp_path / "store", workers=1)
    (corpus / "a.txt").write_text("More than 2,000 children were separated.\n")
    counted.clear()
    result = check(corpus, cache=tmp_path / "store", workers=1)
    assert counted == ["More than 2,000 children were separated.\n"]
    assert "more than 2,000" in set(result.claims["surface"].str.lower())
    assert not (corpus / ".numcheck").exists()  # the store went where it was told


def test_no_cache_and_read_only_folders_write_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "ro"
    corpus.mkdir()
    (corpus / "a.txt").write_text("More than 3,000 children were separated.\n")
    check(corpus)
    assert not (corpus / ".numcheck").exists()
    corpus.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        check(corpus, cache=True)
        assert not (corpus / ".numcheck").exists()
    finally:
        corpus.chmod(stat.S_IRWXU)


def test_a_damaged_store_beside_the_corpus_is_rebuilt_and_the_result_unchanged(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("More than 3,000 children were separated.\n")
    (corpus / "b.txt").write_text("Nearly 3,000 children were separated.\n")
    clean = check(corpus, cache=True)
    (corpus / ".numcheck" / "claims.sqlite").write_bytes(b"\0garbage" * 1000)
    remove = [Path(f"{corpus / '.numcheck' / 'claims.sqlite'}{s}") for s in ("-wal", "-shm")]
    for p in remove:
        p.unlink(missing_ok=True)
    with pytest.warns(CacheWarning, match="rebuilt"):
        again = check(corpus, cache=True)
    pd.testing.assert_frame_equal(clean.discrepancies, again.discrepancies)


def test_identical_texts_are_extracted_once(tmp_path: Path, counted: list[str]) -> None:
    docs = [Document(doc_id=f"d{i}", source=f"S{i}", text="More than 3,000 children were separated.")
            for i in range(3)]
    frame = extract_claims(docs, workers=1)
    assert len(counted) == 1
    assert list(frame["doc_id"]) == ["d0", "d1", "d2"]


def _frames(result) -> None:
    return {name: getattr(result, name) for name in ("claims", "measures", "discrepancies")}


def test_a_warm_check_after_adding_changing_and_removing_documents_is_the_cold_check(
        tmp_path: Path, counted: list[str], monkeypatch) -> None:
    """Rows reused from the stored claims frame and findings reused per measure give exactly
    the frames of a check without a store, whatever changed (numcheck.incremental)."""
    from numcheck.synthetic import iter_articles

    corpus = _corpus(tmp_path / "corpus", 40)
    store = tmp_path / "store"
    check(corpus, cache=store, workers=1)
    extra = next(iter_articles(1, seed=9))
    (corpus / "00020_added.txt").write_text(extra.text, encoding="utf-8")  # in the middle of the order
    names = sorted(p.name for p in corpus.glob("0*.txt"))
    changed = corpus / names[5]
    changed.write_text(changed.read_text(encoding="utf-8").replace("\n\n", "\n\nOfficials counted "
                                                                   "more than 4,200 households in 2019.\n\n", 1),
                       encoding="utf-8")
    (corpus / names[30]).unlink()
    (corpus / names[7]).unlink()  # the original of a syndicated copy in this corpus
    copied = (corpus / names[3]).read_text(encoding="utf-8") + "\nShared with permission.\n"
    (corpus / (names[3][:5] + "b_copy.txt")).write_text(copied, encoding="utf-8")  # a copy of names[3]
    counted.clear()
    decoded: list[str] = []
    real_decode = numcheck.store.decode_claims
    monkeypatch.setattr(numcheck.store, "decode_claims", lambda p, doc: decoded.append(doc.doc_id) or real_decode(p, doc))
    lines: list[str] = []
    warm = check(corpus, cache=store, workers=1, progress=lines.append)
    assert len(counted) == 3 and len(decoded) == 3  # the added and changed documents: the others' rows were reused
    reused = [int(m[1].replace(",", "")) for m in map(re.compile(r"; the findings of ([\d,]+) from the store").search, lines) if m]
    assert reused and reused[0] > 0
    cold = check(corpus, workers=1)
    for name, frame in _frames(cold).items():
        pd.testing.assert_frame_equal(_frames(warm)[name], frame)
    assert len(cold.discrepancies) > 0
    assert names[3] in set(cold.claims["duplicate_of"])
    again = check(corpus, cache=store, workers=1)  # nothing changed: everything from the store
    for name, frame in _frames(cold).items():
        pd.testing.assert_frame_equal(_frames(again)[name], frame)


def test_a_damaged_claims_frame_or_findings_entry_is_made_again(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 12)
    store = tmp_path / "store" / "claims.sqlite"
    cold = check(corpus, cache=store, workers=1)
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE frames SET payload = x'00ff'")
        conn.execute("UPDATE findings SET payload = x'00ff'")
    warm = check(corpus, cache=store, workers=1)
    for name, frame in _frames(cold).items():
        pd.testing.assert_frame_equal(_frames(warm)[name], frame)
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM findings WHERE payload = x'00ff'").fetchone()[0] == 0


_LATE_ARTICLE = ("source: Late Wire\ndate: {date}\n\nThe Marrow Creek levee board said on Friday that "
                 "nearly 1,200 homes had been cleared for return, three weeks after the flood. Crews "
                 "pumped water from 40 streets, and the board put repairs at more than $3 million.\n")


def _dates(corpus: Path) -> list[str]:
    return sorted(re.search(r"^date: (\S+)", p.read_text(encoding="utf-8"), re.M)[1]
                  for p in corpus.glob("0*.txt") if re.search(r"^date: ", p.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("edit", ["latest", "middle", "changed", "removed"])
def test_a_warm_check_after_one_edit_is_the_cold_check(tmp_path: Path, edit: str, monkeypatch) -> None:
    """One document added after all the others, added in the middle of publication order,
    changed or removed: the warm check's frames are the cold check's, and the measures of the
    stories that did not change come from the store (tests/test_stories.py: the story pass)."""
    from numcheck import measures

    corpus = _corpus(tmp_path / "corpus", 40)
    store = tmp_path / "store"
    check(corpus, cache=store, workers=1)
    dates = _dates(corpus)
    names = sorted(p.name for p in corpus.glob("0*.txt"))
    if edit == "latest":
        (corpus / "zz_late.txt").write_text(_LATE_ARTICLE.format(date="2031-01-02"), encoding="utf-8")
    elif edit == "middle":
        (corpus / "00000_mid.txt").write_text(_LATE_ARTICLE.format(date=dates[len(dates) // 2]), encoding="utf-8")
    elif edit == "changed":
        path = corpus / names[20]
        path.write_text(path.read_text(encoding="utf-8").replace("\n\n", "\n\nThe agency later counted "
                                                                 "about 900 more cases.\n\n", 1), encoding="utf-8")
    else:
        (corpus / names[20]).unlink()
    grouped = []
    real_block = measures._block
    monkeypatch.setattr(measures.grouping, "_block", lambda *a: grouped.append(1) or real_block(*a))
    warm = check(corpus, cache=store, workers=1)
    assert 0 < len(grouped) < warm.claims["story"].nunique() / 2  # the others came from the store
    cold = check(corpus, workers=1)
    for name, frame in _frames(cold).items():
        pd.testing.assert_frame_equal(_frames(warm)[name], frame)


def test_new_documents_rows_go_to_a_delta_until_it_grows_too_large(tmp_path: Path) -> None:
    """A re-check after adding a document writes only that document's rows (the stored frame
    stays as it was) and the next check reads both; once the rows added and gone pass
    DELTA_SHARE of the frame, the frame is written anew.  Every check equals a cold check."""
    from numcheck.incremental import CLAIMS_DELTA, CLAIMS_FRAME

    corpus = _corpus(tmp_path / "corpus", 40)
    store = tmp_path / "store" / "claims.sqlite"
    check(corpus, cache=store, workers=1)

    def stored(name: str) -> bytes:
        with sqlite3.connect(store) as conn:
            return conn.execute("SELECT payload FROM frames WHERE doc_key = ?", (name,)).fetchone()[0]

    frame_before = stored(CLAIMS_FRAME)
    for n, day in enumerate(("2031-01-02", "2008-05-06")):
        (corpus / f"zz_late{n}.txt").write_text(_LATE_ARTICLE.format(date=day), encoding="utf-8")
        warm = check(corpus, cache=store, workers=1)
        assert stored(CLAIMS_FRAME) == frame_before and len(stored(CLAIMS_DELTA)) > 0
        for name, frame in _frames(check(corpus, workers=1)).items():
            pd.testing.assert_frame_equal(_frames(warm)[name], frame)
    for path in sorted(corpus.glob("0*.txt"))[:12]:  # more than a fifth of the rows gone
        path.unlink()
    warm = check(corpus, cache=store, workers=1)
    assert stored(CLAIMS_FRAME) != frame_before
    for name, frame in _frames(check(corpus, workers=1)).items():
        pd.testing.assert_frame_equal(_frames(warm)[name], frame)
    again = check(corpus, cache=store, workers=1)
    for name, frame in _frames(warm).items():
        pd.testing.assert_frame_equal(_frames(again)[name], frame)
