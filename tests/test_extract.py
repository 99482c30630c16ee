"""Extraction, table-driven from tests/cases/extract/*.toml.

Two shapes of case file:

* a **document** file (``seed_002.toml``, ``example_<stem>.toml``) names one text
  (``corpus = "seeds"`` for ``../shared/seeds``, ``"example"`` for the bundled
  corpus; ``document = "<file name>"``) and lists every figure a careful reader
  finds in it as ``[[figure]]`` rows, plus ``not_figures``: phrases no claim may
  have as its surface or start inside (an entry is a string, or
  ``{ surface = "...", xfail = "reason" }``);
* ``phrases.toml`` (and ``phrases_<topic>.toml``) holds ``[[phrase]]`` rows: a short ``text`` (our own
  sentences), optionally ``published`` (a TOML date), and either the expected
  figure fields or ``none = true`` when the text holds no figure.

A figure row names its claim by ``surface`` (the exact span, qualifier and unit
included) and ``occurrence`` (1-based: which match of ``surface`` in the text,
counting every match, also those inside longer figures; default 1), and gives
only the fields it asserts: ``kind``, ``value``, ``low``/``high``/``low_open``/
``high_open`` (``inf`` for unbounded), ``iso`` (dates and years), ``qualifier``,
``unit``, ``noun``, ``noun_counted`` (the noun is what the figure counts, not what it is),
``modifiers`` and ``context_has`` (each listed lemma must be
among the claim's), ``time_scope``, ``place_scope``, ``change``.  ``xfail =
"reason"`` marks a known miss (strict: the fix flips it).  When only some fields
of a figure are wrong, the figure gets two rows: one with the right fields, and
one with ``id`` and ``xfail`` holding only the wrong ones.  Ids default to the
surface (``#n`` added for later occurrences) or, for phrases, the text; they must
be unique per file.  A malformed file raises while this module is collected.
"""

from __future__ import annotations

import math
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import pytest

import numcheck
from numcheck import schema as S
from numcheck.records import Change, Claim, Kind, Qualifier
from numcheck.units import conversion_factor

CASES_DIR = Path(__file__).parent / "cases" / "extract"

FIGURE_KEYS = {"id", "surface", "occurrence", "xfail", "note", "kind", "value", "low", "high", "low_open",
               "high_open", "iso", "qualifier", "unit", "noun", "noun_counted", "modifiers", "context_has",
               "time_scope", "place_scope", "change"}
PHRASE_KEYS = FIGURE_KEYS | {"text", "published", "none"}
DOCUMENT_FILE_KEYS = {"corpus", "document", "note", "figure", "not_figures"}
PHRASE_FILE_KEYS = {"note", "phrase"}
CORPORA = {"seeds": "seeds_dir", "example": "example_corpus"}
_ENUMS = {"kind": Kind, "qualifier": Qualifier, "change": Change}
_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,), "surface": (str,), "occurrence": (int,), "xfail": (str,), "note": (str,),
    "kind": (str,), "value": (int, float), "low": (int, float), "high": (int, float),
    "low_open": (bool,), "high_open": (bool,), "iso": (str,), "qualifier": (str,), "unit": (str,),
    "noun": (str,), "noun_counted": (bool,), "modifiers": (list,), "context_has": (list,), "time_scope": (str,),
    "place_scope": (str,), "change": (str,), "text": (str,), "published": (date,), "none": (bool,),
}
ASSERTED = ("kind", "value", "low", "high", "low_open", "high_open", "iso", "qualifier", "unit", "noun",
            "noun_counted", "modifiers", "context_has", "time_scope", "place_scope", "change")


class Source(NamedTuple):
    """Where a case's text comes from: a corpus document, or the phrase itself."""

    corpus: str  # seeds | example | phrase
    document: str = ""
    text: str = ""
    published: date | None = None


class FigureCase(NamedTuple):
    origin: str  # case-file stem: seed_002, phrases, example_wire_inspector_general
    id: str
    source: Source
    surface: str | None  # None: the text holds no figure (phrases only)
    occurrence: int = 1
    xfail: str | None = None
    expect: dict[str, Any] = {}


class NotFigure(NamedTuple):
    origin: str
    source: Source
    surface: str
    xfail: str | None = None


class CaseFile(NamedTuple):
    path: Path
    source: Source | None  # None for phrases.toml (each row carries its text)
    figures: list[FigureCase]
    not_figures: list[NotFigure]


def _fail(path: Path, where: str, message: str):
    raise ValueError(f"{path.name} {where}: {message}")


def _check_row(path: Path, where: str, raw: dict, allowed: set[str]) -> None:
    unknown = set(raw) - allowed
    if unknown:
        hint = " (top-level keys such as not_figures go before the first [[figure]])" \
            if unknown & DOCUMENT_FILE_KEYS else ""
        _fail(path, where, f"unknown keys {sorted(unknown)}{hint}")
    for key, value in raw.items():
        types = _TYPES[key]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            _fail(path, where, f"{key} = {value!r} is not {' or '.join(t.__name__ for t in types)}")
        if key in _ENUMS:
            try:
                _ENUMS[key](value)
            except ValueError:
                _fail(path, where, f"{key} = {value!r} is not one of {[e.value for e in _ENUMS[key]]}")
        if key in ("modifiers", "context_has") and not all(isinstance(v, str) for v in value):
            _fail(path, where, f"{key} must be a list of strings")
    if raw.get("occurrence", 1) < 1:
        _fail(path, where, "occurrence is 1-based")
    if "xfail" in raw and not raw["xfail"].strip():
        _fail(path, where, "xfail needs a reason")


def _figure(path: Path, raw: dict, source: Source, where: str) -> FigureCase:
    if raw.get("none"):
        if set(raw) - {"text", "published", "none", "note", "id", "xfail"}:
            _fail(path, where, "a `none = true` row asserts no figure fields")
        return FigureCase(path.stem, raw.get("id", source.text.rstrip(".")), source, None,
                          xfail=raw.get("xfail"))
    if not raw.get("surface"):
        _fail(path, where, "needs a non-empty surface (or `none = true`)")
    expect = {k: raw[k] for k in ASSERTED if k in raw}
    if len(expect) == 0:
        _fail(path, where, "asserts nothing: give at least kind")
    if source.corpus == "phrase" and source.text.count(raw["surface"]) < raw.get("occurrence", 1):
        _fail(path, where, f"surface {raw['surface']!r} is not in the text {raw.get('occurrence', 1)} times")
    occurrence = raw.get("occurrence", 1)
    default_id = (source.text.rstrip(".") if source.corpus == "phrase"
                  else raw["surface"] + (f" #{occurrence}" if occurrence > 1 else ""))
    return FigureCase(path.stem, raw.get("id", default_id), source, raw["surface"], occurrence,
                      raw.get("xfail"), expect)


def load_case_file(path: Path) -> CaseFile:
    """One case file as typed rows; raises ValueError on anything malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: not valid TOML: {exc}") from exc
    figures: list[FigureCase] = []
    not_figures: list[NotFigure] = []
    if path.stem.startswith("phrases"):
        if set(data) - PHRASE_FILE_KEYS or not data.get("phrase"):
            _fail(path, "", f"holds [[phrase]] rows only; got {sorted(data)}")
        source = None
        for n, raw in enumerate(data["phrase"], 1):
            where = f"phrase {n} ({raw.get('text', '')!r})"
            _check_row(path, where, raw, PHRASE_KEYS)
            if not raw.get("text"):
                _fail(path, where, "needs text")
            row_source = Source("phrase", text=raw["text"], published=raw.get("published"))
            figures.append(_figure(path, raw, row_source, where))
    else:
        if set(data) - DOCUMENT_FILE_KEYS:
            _fail(path, "", f"unknown top-level keys {sorted(set(data) - DOCUMENT_FILE_KEYS)}")
        if data.get("corpus") not in CORPORA or not isinstance(data.get("document"), str):
            _fail(path, "", f"needs corpus (one of {sorted(CORPORA)}) and document")
        if not data.get("figure"):
            _fail(path, "", "lists no [[figure]]")
        source = Source(data["corpus"], data["document"])
        for n, raw in enumerate(data["figure"], 1):
            where = f"figure {n} ({raw.get('surface', '')!r})"
            _check_row(path, where, raw, FIGURE_KEYS)
            figures.append(_figure(path, raw, source, where))
        for entry in data.get("not_figures", []):
            if isinstance(entry, dict):
                _check_row(path, f"not_figures {entry!r}", entry, {"surface", "xfail", "note"})
                if not entry.get("surface"):
                    _fail(path, f"not_figures {entry!r}", "needs surface")
                not_figures.append(NotFigure(path.stem, source, entry["surface"], entry.get("xfail")))
            elif isinstance(entry, str) and entry:
                not_figures.append(NotFigure(path.stem, source, entry))
            else:
                _fail(path, "not_figures", f"{entry!r} is neither a phrase nor a table with surface")
    ids = [f.id for f in figures]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        _fail(path, "", f"ids repeat (give `id` or `occurrence`): {repeated}")
    return CaseFile(path, source, figures, not_figures)


CASE_FILES = [load_case_file(p) for p in sorted(CASES_DIR.glob("*.toml"))]
FIGURES = [f for cf in CASE_FILES for f in cf.figures]
NOT_FIGURES = [n for cf in CASE_FILES for n in cf.not_figures]


def _param(case: FigureCase | NotFigure, id_: str):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=id_, marks=marks)


# -- running the extractor -------------------------------------------------------------------

@lru_cache(maxsize=None)
def _document(path: str) -> tuple[str, tuple[Claim, ...]]:
    docs = numcheck.load(path)
    assert len(docs) == 1, path
    doc = docs[0]
    return doc.text, tuple(numcheck.extract_text(doc.text, published=doc.published))


def _text_and_claims(source: Source, request: pytest.FixtureRequest) -> tuple[str, tuple[Claim, ...]]:
    if source.corpus == "phrase":
        return source.text, tuple(numcheck.extract_text(source.text, published=source.published))
    folder = request.getfixturevalue(CORPORA[source.corpus])
    path = Path(folder) / source.document
    assert path.is_file(), f"case file names a missing document: {path}"
    return _document(str(path))


def _offset(text: str, surface: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(surface, at + 1)
        if at < 0:
            raise AssertionError(f"case error: {surface!r} is not in the text {occurrence} times")
    return at


def _show(c: Claim) -> str:
    return (f"{c.surface!r}@{c.start} kind={c.kind.value} value={c.value:g} {c.interval} "
            f"q={c.qualifier.value} unit={c.unit!r} noun={c.noun!r} modifiers={c.modifiers} "
            f"context={c.context} time_scope={c.time_scope!r} change={c.change.value} iso={c.iso!r}")


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return got is want or got == want
    if isinstance(want, (int, float)):
        if math.isinf(want):
            return got == want
        return got == pytest.approx(want, rel=1e-9, abs=1e-9)
    return got == want


def _actual(claim: Claim, field: str) -> Any:
    iv = claim.interval
    return {"kind": claim.kind.value, "value": claim.value, "low": iv.low, "high": iv.high,
            "low_open": iv.low_open, "high_open": iv.high_open, "iso": claim.iso,
            "qualifier": claim.qualifier.value, "unit": claim.unit, "noun": claim.noun,
            "noun_counted": claim.noun_counted, "modifiers": claim.modifiers, "context_has": claim.context, "time_scope": claim.time_scope,
            "place_scope": claim.place_scope, "change": claim.change.value}[field]


# -- the table-driven cases ------------------------------------------------------------------

@pytest.mark.parametrize("case", [_param(f, f"{f.origin}::{f.id}") for f in FIGURES])
def test_figure(case: FigureCase, request: pytest.FixtureRequest) -> None:
    text, claims = _text_and_claims(case.source, request)
    if case.surface is None:
        assert [_show(c) for c in claims] == []
        return
    at = _offset(text, case.surface, case.occurrence)
    found = [c for c in claims if c.start == at and c.surface == case.surface]
    near = [_show(c) for c in claims if c.start < at + len(case.surface) + 20 and at - 20 < c.end]
    assert found, f"no claim spans {case.surface!r} at {at}; claims nearby: {near}"
    claim = found[0]
    wrong = {}
    for field, want in case.expect.items():
        got = _actual(claim, field)
        if field in ("modifiers", "context_has"):
            ok = set(want) <= set(got)
        else:
            ok = _same(got, want)
        if not ok:
            wrong[field] = (got, want)
    assert not wrong, f"{_show(claim)}\n(got, expected) per field: {wrong}"


@pytest.mark.parametrize("case", [_param(n, f"{n.origin}::not:{n.surface}") for n in NOT_FIGURES])
def test_not_a_figure(case: NotFigure, request: pytest.FixtureRequest) -> None:
    text, claims = _text_and_claims(case.source, request)
    lowered, needle = text.lower(), case.surface.lower()
    spans, at = [], lowered.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = lowered.find(needle, at + 1)
    assert spans, f"case error: {case.surface!r} is not in the text"
    bad = [_show(c) for c in claims
           if c.surface.lower() == needle or any(a <= c.start < b for a, b in spans)]
    assert bad == []


@pytest.mark.parametrize("case_file", [cf for cf in CASE_FILES if cf.source is not None],
                         ids=lambda cf: cf.path.stem)
def test_case_file_surfaces_are_in_the_document(case_file: CaseFile, request: pytest.FixtureRequest) -> None:
    """Not xfail-able: a row whose surface is not in the text is a broken case, not a miss."""
    text, _ = _text_and_claims(case_file.source, request)
    missing = [f"{f.surface!r} x{f.occurrence}" for f in case_file.figures
               if text.count(f.surface) < f.occurrence]
    missing += [f"not_figures {n.surface!r}" for n in case_file.not_figures
                if n.surface.lower() not in text.lower()]
    assert missing == []


def test_seed_and_example_case_files_cover_their_corpora(request: pytest.FixtureRequest) -> None:
    documents = {(cf.source.corpus, cf.source.document) for cf in CASE_FILES if cf.source}
    example = request.getfixturevalue("example_corpus")
    assert {("example", p.name) for p in Path(example).glob("*.txt")} <= documents
    seeds = request.getfixturevalue("seeds_dir")
    assert {("seeds", p.name) for p in Path(seeds).glob("*.txt")} <= documents


def test_malformed_case_file_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "seed_999.toml"
    bad.write_text('corpus = "seeds"\ndocument = "x.txt"\n[[figure]]\nsurface = "5"\nkind = "count"\nnoum = "x"\n')
    with pytest.raises(ValueError, match="noum"):
        load_case_file(bad)
    bad.write_text('corpus = "seeds"\ndocument = "x.txt"\n[[figure]]\nkind = "count"\n')
    with pytest.raises(ValueError, match="surface"):
        load_case_file(bad)
    bad.write_text('corpus = "seeds"\ndocument = "x.txt"\n[[figure]]\nsurface = "5"\nkind = "amount"\n')
    with pytest.raises(ValueError, match="kind"):
        load_case_file(bad)
    bad.write_text('corpus = "seeds"\ndocument = "x.txt"\n[[figure]]\nsurface = "5"\nkind = "count"\n'
                   '[[figure]]\nsurface = "5"\nkind = "count"\n')
    with pytest.raises(ValueError, match="ids repeat"):
        load_case_file(bad)
    phrases = tmp_path / "phrases.toml"
    phrases.write_text('[[phrase]]\ntext = "It cost $5."\nsurface = "$6"\nkind = "money"\n')
    with pytest.raises(ValueError, match="not in the text"):
        load_case_file(phrases)
    phrases.write_text('[[phrase]]\ntext = "No figure."\nnone = true\nkind = "count"\n')
    with pytest.raises(ValueError, match="none"):
        load_case_file(phrases)


def test_case_files_have_enough_rows() -> None:
    by_origin = {cf.path.stem: cf for cf in CASE_FILES}
    assert {f"seed_{n:03d}" for n in range(5)} <= set(by_origin)
    assert len(by_origin["phrases"].figures) >= 40


# -- properties of every claim ---------------------------------------------------------------

@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_claim_spans_its_surface(corpus: str, request: pytest.FixtureRequest) -> None:
    folder = request.getfixturevalue(CORPORA[corpus])
    documents = numcheck.load(folder)
    assert documents
    bad = []
    for doc in documents:
        for c in numcheck.extract_text(doc.text, published=doc.published):
            if doc.text[c.start:c.end] != c.surface:
                bad.append((doc.doc_id, c.start, c.surface, doc.text[c.start:c.end]))
    assert bad == []


@pytest.mark.parametrize("text", sorted({f.source.text for f in FIGURES if f.source.corpus == "phrase"}))
def test_every_phrase_claim_spans_its_surface(text: str) -> None:
    for c in numcheck.extract_text(text):
        assert text[c.start:c.end] == c.surface


def _assert_claims_frame(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == S.names(S.CLAIM_COLUMNS)
    got = {name: str(frame[name].dtype) for name in frame.columns}
    assert got == {c.name: c.dtype for c in S.CLAIM_COLUMNS}


def test_claims_frame_has_the_documented_columns_and_dtypes(example_corpus: Path) -> None:
    frame = numcheck.extract(example_corpus)
    assert len(frame) > 0
    _assert_claims_frame(frame)
    assert (frame[S.CLAIM_ID] == frame[S.DOC_ID] + "@" + frame[S.START].astype(str)).all()


def test_claims_frame_of_a_text_without_figures_keeps_columns_and_dtypes(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("The council met and talked about the weather.\n")
    frame = numcheck.extract(tmp_path)
    assert len(frame) == 0
    _assert_claims_frame(frame)


@pytest.mark.parametrize("text", ["", "   \n", "The council met and talked about the weather.",
                                  "No one came, one way or another."])
def test_text_without_figures_gives_an_empty_list(text: str) -> None:
    assert numcheck.extract_text(text) == []


def test_extract_text_rejects_bytes() -> None:
    with pytest.raises(TypeError):
        numcheck.extract_text(b"3,000 children")  # type: ignore[arg-type]


# -- the same quantity written two ways ------------------------------------------------------

def _only(text: str) -> Claim:
    claims = numcheck.extract_text(text)
    assert len(claims) == 1, [_show(c) for c in claims]
    return claims[0]


def test_millions_and_billions_are_the_same_money() -> None:
    a = _only("The city set aside $227 million for the bridge.")
    b = _only("The city set aside $0.227 billion for the bridge.")
    assert (a.kind, a.unit) == (b.kind, b.unit) == (Kind.MONEY, "USD")
    assert a.value == pytest.approx(b.value) == pytest.approx(227_000_000)


def test_days_and_hours_are_the_same_duration() -> None:
    days = _only("The strike lasted 20 days.")
    hours = _only("The strike lasted 480 hours.")
    assert days.kind == hours.kind == Kind.DURATION
    assert days.value * conversion_factor(days.unit, hours.unit) == pytest.approx(hours.value)
    assert hours.value * conversion_factor(hours.unit, days.unit) == pytest.approx(days.value)
