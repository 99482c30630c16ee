"""numcheck.stories: a resumed story pass gives exactly what a pass from scratch gives."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from numcheck import stories as ST
from numcheck.stories import online as ST_online  # the pass itself
from numcheck.corpus import load
from numcheck.measures import find_duplicates, sketch
from numcheck.records import Document


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Document], dict, dict]:
    from numcheck.synthetic import generate

    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder, 120, seed=5)
    docs = load([str(folder)])
    terms = {d.doc_id: sketch(d.text).terms for d in docs}
    return docs, terms, _copies(docs)


def _copies(docs: list[Document]) -> dict[str, str]:
    sketches = {d.doc_id: sketch(d.text) for d in docs}
    return find_duplicates(docs, sketches={k: (v.shingles, v.step) for k, v in sketches.items()})


def _keys(docs: list[Document]) -> dict[str, str]:
    return {d.doc_id: f"{hash(d.text)} {d.published}" for d in docs}


def _placements(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the documents the pass places by measuring stories (``_Pass.nearest``)."""
    calls: list[int] = []
    real = ST_online._Pass.nearest
    monkeypatch.setattr(ST_online._Pass, "nearest",
                        lambda self, n, v, keys: calls.append(n) or real(self, n, v, keys))
    return calls


_LATE = ("Floodwater from the failed Marrow Creek dam forced residents of Alder Falls from their homes "
         "on Tuesday, county emergency officials said. The earthen dam gave way after three days of rain, "
         "and engineers had warned about seepage at the spillway since the spring inspection.")


def _later(docs: list[Document], days: int) -> date:
    return max(d.published for d in docs if d.published) + timedelta(days=days)


def _edited(docs: list[Document], terms: dict, edit: str) -> tuple[list[Document], dict]:
    """The corpus after one edit, and the terms of its texts."""
    docs, terms = list(docs), dict(terms)
    dated = sorted((d for d in docs if d.published), key=lambda d: d.published)
    if edit == "latest":  # a new article after all the others
        new = Document("new-latest", "Late Wire", _LATE, published=_later(docs, 3))
        docs.append(new)
    elif edit == "middle":  # a new article in the middle of publication order
        new = dataclasses.replace(dated[-40], doc_id="new-middle", text=dated[-40].text + "\n\nMore to come.")
        docs.insert(3, new)
    elif edit == "changed":
        k = docs.index(dated[20])
        docs[k] = new = dataclasses.replace(docs[k], text=docs[k].text.replace(" the ", " a ", 5))
    elif edit == "redated":
        k = docs.index(dated[15])
        docs[k] = new = dataclasses.replace(docs[k], published=_later(docs, 1))
    elif edit == "removed":
        docs.remove(dated[12])
        return docs, terms
    terms[new.doc_id] = sketch(new.text).terms
    return docs, terms


@pytest.mark.parametrize("edit", ["latest", "middle", "changed", "redated", "removed"])
def test_a_resumed_pass_is_the_pass_from_scratch(synthetic, edit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, terms, copies = synthetic
    _, before = ST.place_stories(docs, terms, copies, keys=_keys(docs))
    by_key = {k: terms[d] for d, k in _keys(docs).items()}
    docs2, terms2 = _edited(docs, terms, edit)
    copies2 = _copies(docs2)
    placed = _placements(monkeypatch)
    recounted, settled = [], []
    real_recounted, real_settled = ST._recounted, ST_online._settled
    monkeypatch.setattr(ST, "_recounted", lambda *a: recounted.append(real_recounted(*a)) or recounted[-1])
    monkeypatch.setattr(ST_online, "_settled", lambda *a: settled.append(real_settled(*a)) or settled[-1])
    resumed = ST.place_stories(docs2, terms2, copies2, keys=_keys(docs2), before=before,
                               gone=lambda keys: {k: by_key[k] for k in keys})
    assert recounted[0] is not None  # the counts were carried over from the earlier pass
    n_resumed = len(placed)
    scratch = ST.place_stories(docs2, terms2, copies2, keys=_keys(docs2))
    assert resumed == scratch
    if edit in ("changed", "redated"):  # documents settled by measuring new or touched candidates only
        assert any(found is not None for found in settled)
    if edit == "latest":
        assert n_resumed == 1 and len(placed) - n_resumed > 50  # one placement: the new document's
    # (in a corpus this small, a document's words cross idf steps often: a removal here moves
    # enough vectors to place every document again, which is still exact)


def test_a_pass_with_another_threshold_is_not_resumed(synthetic) -> None:
    docs, terms, copies = synthetic
    _, before = ST.place_stories(docs, terms, copies, similarity=0.9)
    assert ST.place_stories(docs, terms, copies, before=before) == ST.place_stories(docs, terms, copies)


def test_idf_moves_in_steps() -> None:
    """One document more leaves a word's idf alone unless its count crosses a step of 2^(1/4)."""
    idf = ST.idf_table({"flood": 40, "levee": 60, "dam": 1}, 100)
    assert ST.idf_table({"flood": 41}, 101)["flood"] == idf["flood"]  # 41 -> 42 documents
    assert ST.idf_table({"flood": 45}, 101)["flood"] < idf["flood"]  # 46 > 2^5.5: the next step
    assert idf["levee"] < idf["flood"]
    assert "dam" not in idf  # a word of one document is left out
    assert ST.idf_table({"flood": 40}, 128)["flood"] > idf["flood"]  # N doubled


def test_stories_are_named_by_their_first_member_in_document_order() -> None:
    texts = ["Floodwater from the failed Marrow Creek dam forced residents of Alder Falls from homes.",
             "The Ridgeview school board approved a budget that cuts classroom aides.",
             "Engineers had flagged seepage at the Marrow Creek dam before Alder Falls flooded."]
    docs = [Document(f"d{n}", f"S{n}", text, published=date(2020, 1, 3 - n)) for n, text in enumerate(texts)]
    found, story_pass = ST.place_stories(docs, {d.doc_id: sketch(d.text).terms for d in docs})
    assert found == {"d0": 1, "d1": 2, "d2": 1}
    assert [p.doc_id for p in story_pass.placed] == ["d2", "d1", "d0"]  # publication order
    assert {p.doc_id: p.story for p in story_pass.placed} == {"d2": "d2", "d1": "d1", "d0": "d2"}
