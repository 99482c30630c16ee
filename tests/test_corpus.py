"""numcheck.corpus: ids, sources and dates of real files; hostile files made in tmp_path."""

from __future__ import annotations

import os
import warnings
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from numcheck.corpus import EXAMPLES, example_path, load, parse_dateline, parse_header, parse_page
from numcheck.errors import DecodingFallback, InputError, SkippedDocument

DATA = Path(__file__).parent / "data" / "corpus"

# doc_id, source, published: the seed articles as fact-checkers collected them.
SEEDS = [
    ("000_1baa3f050055ad49.txt", "000_1baa3f050055ad49", date(2020, 2, 20)),  # " date 2020-02-20 In a new ad"
    ("001_85032605eca48a54.txt", "001_85032605eca48a54", None),
    ("002_629ffa57cfc0d820.txt", "002_629ffa57cfc0d820", None),
    ("003_1ffd0588f33bd2ed.txt", "003_1ffd0588f33bd2ed", None),
    ("004_a7613cb33c941bf4.txt", "004_a7613cb33c941bf4", date(2021, 1, 14)),  # "Jan. 14 (UPI) -- ... said Thursday"
]

EXAMPLE_FILES = [
    ("courier_school_speech.txt", "Westward Courier", date(2018, 6, 25)),
    ("dispatch_campaign_ad.txt", "Civic Dispatch", date(2020, 2, 20)),
    ("gazette_campaign_ad_copy.txt", "Valley Gazette", None),
    ("ledger_draft_report.txt", "Metro Ledger", date(2020, 10, 7)),
    ("wire_inspector_general.txt", "Capitol Wire", date(2021, 1, 14)),
]

# The example corpus must carry these figures (other stages' tests rely on them).
EXAMPLE_FIGURES = {
    "courier_school_speech.txt": ["1,000 school resource officers", "More than 2,300 children",
                                  "more than 20 days", "$253,000", "October 7", "10 percent"],
    "dispatch_campaign_ad.txt": ["May 2018", "more than 2,700 migrant families", "Nearly 70,000 migrant children",
                                 "six migrant children", "$390,000", "June 30"],
    "gazette_campaign_ad_copy.txt": ["May 2018", "more than 2,700 migrant families", "$390,000"],
    "ledger_draft_report.txt": ["nearly 3,000 children", "April 2018", "El Paso in 2017", "five federal prosecutors",
                                "A week later", "second call"],
    "wire_inspector_general.txt": ["more than 3,000 children", "April 2018", "approximately 280 families",
                                   "funding shortfall of $227 million in 2019", "about 3,000 beds",
                                   "628 migrant children", "November 2018"],
}

# the small hand-made folder: every .txt/.md, hidden files and other suffixes left out
DATA_DOCS = [
    ("a_front_matter.md", "Harbor Post", date(2019, 7, 2)),
    ("b_headers.txt", "Plains Herald", date(2018, 6, 25)),
    ("nested/c_dateline.txt", "c_dateline", date(2020, 3, 3)),  # floor 2019; 3 March is a Tuesday in 2020
    ("nested/deeper/d_plain.txt", "d_plain", None),
]


def by_id(docs):
    return {d.doc_id: d for d in docs}


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# -- real files -------------------------------------------------------------------

@pytest.mark.parametrize("doc_id, source, published", SEEDS, ids=[s[0][:3] for s in SEEDS])
def test_seed_metadata(seeds_dir, doc_id, source, published):
    doc = by_id(load(seeds_dir))[doc_id]
    assert (doc.source, doc.published, doc.encoding) == (source, published, "utf-8")


def test_seed_header_is_blanked_and_offsets_kept(seeds_dir):
    raw = (seeds_dir / SEEDS[0][0]).read_text(encoding="utf-8")
    doc = load(seeds_dir / SEEDS[0][0])[0]
    assert doc.doc_id == SEEDS[0][0]
    assert len(doc.text) == len(raw)
    assert doc.text[:17].isspace() and doc.text[17:] == raw[17:]
    assert "2020-02-20" not in doc.text


@pytest.mark.parametrize("doc_id, source, published", EXAMPLE_FILES, ids=[e[0] for e in EXAMPLE_FILES])
def test_example_metadata(doc_id, source, published):
    doc = by_id(load(example="zero-tolerance"))[doc_id]
    assert (doc.source, doc.published) == (source, published)
    for figure in EXAMPLE_FIGURES[doc_id]:
        assert figure in doc.text, figure


def test_example_corpus_shape(example_corpus):
    docs = load(example_corpus)
    assert [d.doc_id for d in docs] == [e[0] for e in EXAMPLE_FILES]
    assert load(example="zero_tolerance") == docs
    assert list(EXAMPLES) == ["zero-tolerance", "earthquake", "city-budget", "cooker-recall", "election", "earnings", "health-study"] and example_path("zero-tolerance") == example_corpus
    assert sorted(p.suffix for p in example_corpus.iterdir()) == [".txt"] * len(EXAMPLE_FILES)
    texts = by_id(docs)
    assert texts["dispatch_campaign_ad.txt"].text.count("$390,000") == 2
    assert texts["courier_school_speech.txt"].text.count("$253,000") == 2


def test_front_matter_keeps_line_numbers(example_corpus):
    path = example_corpus / "wire_inspector_general.txt"
    doc = load(path)[0]
    raw = path.read_text(encoding="utf-8")
    assert doc.text.splitlines()[5:] == raw.splitlines()[5:]
    assert doc.text.count("\n") == raw.count("\n")
    assert doc.title.startswith("Inspector general says")


# -- folders, lists, ids -----------------------------------------------------------

def test_folder_is_recursive_sorted_and_filtered():
    docs = load(DATA)
    assert [(d.doc_id, d.source, d.published) for d in docs] == DATA_DOCS
    assert by_id(docs)["a_front_matter.md"].url == "https://example.org/harbor/42"
    assert load(str(DATA)) == docs  # str and Path alike, and deterministic


@pytest.mark.parametrize("inputs, ids", [
    ([DATA / "b_headers.txt"], ["b_headers.txt"]),
    (DATA / "nested" / "deeper" / "d_plain.txt", ["d_plain.txt"]),
    ([DATA / "nested", DATA / "b_headers.txt"], ["nested/c_dateline.txt", "nested/deeper/d_plain.txt", "b_headers.txt"]),
    ((DATA / "nested" / "c_dateline.txt", DATA / "nested" / "deeper"), ["c_dateline.txt", "deeper/d_plain.txt"]),
    ([DATA / "b_headers.txt", DATA / "b_headers.txt"], ["b_headers.txt"]),
    ([], []),
], ids=["one-in-list", "single-file", "folder-and-file", "tuple", "same-file-twice", "empty-list"])
def test_ids_are_relative_to_the_common_folder(inputs, ids):
    assert [d.doc_id for d in load(inputs)] == ids


def test_empty_folder_gives_no_documents(tmp_path):
    assert load(tmp_path) == []


# -- DataFrame ---------------------------------------------------------------------

def test_dataframe_columns():
    frame = pd.DataFrame({
        "id": ["a", 7],
        "text": ["Nearly 3,000 children.", "source: Header Name\n\nMore than 3,000 children.\r\n"],
        "source": ["Metro Ledger", None],
        "published": ["2020-10-07", pd.NaT],
        "url": ["https://example.org/a", None],
        "title": [None, "Seven"],
    })
    a, b = load(frame)
    assert (a.doc_id, a.source, a.published, a.url, a.title) == ("a", "Metro Ledger", date(2020, 10, 7),
                                                                 "https://example.org/a", None)
    assert (b.doc_id, b.source, b.published, b.title) == ("7", "Header Name", None, "Seven")
    assert b.text.endswith("More than 3,000 children.\n") and a.path is None


def test_dataframe_defaults_and_named_columns():
    frame = pd.DataFrame({"body": ["One figure: 5.", "Another: 6."],
                          "when": [pd.Timestamp("2021-01-14"), date(2018, 6, 25)]})
    docs = load(frame, text_column="body", published_column="when")
    assert [(d.doc_id, d.source, d.published) for d in docs] == [
        ("row-0", "row-0", date(2021, 1, 14)), ("row-1", "row-1", date(2018, 6, 25))]
    with_doc_id = pd.DataFrame({"doc_id": ["x"], "text": ["Five."]})
    assert load(with_doc_id)[0].doc_id == "x"


def test_dataframe_empty_text_is_skipped():
    frame = pd.DataFrame({"text": ["Five.", None, "  "]})
    with pytest.warns(SkippedDocument) as record:
        docs = load(frame)
    assert [d.doc_id for d in docs] == ["row-0"]
    assert [str(w.message) for w in record] == ["<DataFrame> row row-1: empty text; skipped",
                                                "<DataFrame> row row-2: empty text; skipped"]


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"body": ["x"]}), r"<DataFrame>: no 'text' column \(its columns are \['body'\]"),
    (pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"]}), r"column 'id' repeats \['a'\]"),
    (pd.DataFrame({"text": ["x"], "published": ["soon"]}), r"row row-0: published value 'soon' is not a date"),
], ids=["no-text-column", "repeated-id", "bad-published"])
def test_dataframe_errors(frame, message):
    with pytest.raises(InputError, match=message):
        load(frame)


# -- encodings ---------------------------------------------------------------------

TEXT = "Café: more than 3,000 children\u2014in 2018.\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-32"), "utf-32"),
    (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
], ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom", "crlf"])
def test_unicode_encodings(tmp_path, data, encoding):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = load(write(tmp_path, "story.txt", data))[0]
    assert (doc.text, doc.encoding) == (TEXT, encoding)


@pytest.mark.parametrize("data, text, encoding", [
    (TEXT.encode("cp1252"), TEXT, "cp1252"),
    (b"a \x81 b\rc", "a \x81 b\nc", "latin-1"),  # 0x81 is unassigned in CP1252
], ids=["cp1252", "latin-1"])
def test_fallback_decoding_warns(tmp_path, data, text, encoding):
    path = write(tmp_path, "old.txt", data)
    with pytest.warns(DecodingFallback, match=rf"old\.txt: not valid UTF-8; decoded as {encoding}"):
        doc = load(tmp_path)[0]
    assert (doc.text, doc.encoding, doc.path) == (text, encoding, str(path))


# -- hostile files -------------------------------------------------------------------

@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\n", "empty file"),
    ("header-only.txt", b"source: X\ndate: 2020-01-01\n", "empty file"),
    ("binary.txt", b"GIF89a\x00\x01\x02 more than 3,000", r"binary file \(NUL bytes in the first 8 KB\)"),
    ("bad-utf16.txt", b"\xff\xfe\x41", "not valid UTF-16"),
], ids=["empty", "blank", "header-only", "binary", "bad-utf16"])
def test_unusable_file_is_skipped(tmp_path, name, data, reason):
    write(tmp_path, "good.txt", "Nearly 3,000 children.")
    write(tmp_path, name, data)
    with pytest.warns(SkippedDocument, match=rf"{name}: {reason}; skipped"):
        docs = load(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    write(tmp_path, "good.txt", "Nearly 3,000 children.")
    locked = write(tmp_path, "locked.txt", "More than 3,000 children.")
    read_bytes = Path.read_bytes

    def refuse(self):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.warns(SkippedDocument, match=r"locked\.txt: cannot be read \(Permission denied\); skipped"):
        docs = load(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_file_without_read_permission_is_skipped(tmp_path):
    write(tmp_path, "good.txt", "Nearly 3,000 children.")
    write(tmp_path, "locked.txt", "x").chmod(0)
    with pytest.warns(SkippedDocument, match=r"locked\.txt: cannot be read"):
        assert [d.doc_id for d in load(tmp_path)] == ["good.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_skipped_without_blocking(tmp_path):
    write(tmp_path, "good.txt", "Five.")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.warns(SkippedDocument, match=r"pipe\.txt: not a regular file; skipped"):
        assert [d.doc_id for d in load(tmp_path)] == ["good.txt"]


def test_symlink_loops_terminate_and_files_load_once(tmp_path):
    write(tmp_path, "sub/story.txt", "Nearly 3,000 children.")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "sub" / "story.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.warns(SkippedDocument, match=r"dangling\.txt: broken link; skipped"):
        docs = load(tmp_path)
    assert [d.doc_id for d in docs] == ["alias.txt"]  # sub/story.txt is the same file


def test_library_prints_nothing(tmp_path, capsys):
    write(tmp_path, "old.txt", "caf\xe9".encode("cp1252"))
    write(tmp_path, "empty.txt", b"")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load(tmp_path)
    assert capsys.readouterr() == ("", "")


# -- wrong arguments -----------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: load(3), "inputs must be str, Path, a list of them or a DataFrame with a 'text' column, not int"),
    (lambda: load({"text": "x"}), "inputs must be str, Path, a list of them or a DataFrame with a 'text' column, not dict"),
    (lambda: load(b"stories"), "not bytes"),
    (lambda: load(["a.txt", 3]), r"inputs\[1\] must be str or Path, not int"),
    (lambda: load(), r"load\(\) needs inputs"),
    (lambda: load(DATA, example="zero-tolerance"), "pass inputs or example, not both"),
    (lambda: load(DATA, text_column=1), "text_column must be str, not int"),
    (lambda: load(example=1), "example must be str, not int"),
], ids=["int", "dict", "bytes", "list-item", "nothing", "both", "text_column", "example"])
def test_wrong_argument_type(call, message):
    with pytest.raises(TypeError, match=message):
        call()


@pytest.mark.parametrize("inputs", ["no/such/stories", ["no/such/file.txt"], [DATA, "missing.txt"]],
                         ids=["str", "list", "second-item"])
def test_missing_path(inputs):
    with pytest.raises(InputError, match="no such file or folder") as info:
        load(inputs)
    assert str(info.value.path).endswith(("stories", "file.txt", "missing.txt"))
    assert "relative paths start at" in info.value.hint


def test_empty_path_and_unknown_example():
    with pytest.raises(InputError, match="empty path"):
        load("")
    with pytest.raises(InputError, match="no such example") as info:
        load(example="nope")
    assert info.value.hint == "choose from: zero-tolerance, earthquake, city-budget, cooker-recall, election, earnings, health-study"


# -- header and dateline rules ---------------------------------------------------------

@pytest.mark.parametrize("text, source, published, body", [
    ("---\nsource: A\ndate: 2020-01-02\n---\nBody", "A", date(2020, 1, 2), "Body"),
    ("---\npublisher: 'B'\npublished: 2020-01-02T08:00:00Z\ntitle: T\n---\nBody", "B", date(2020, 1, 2), "Body"),
    ("---\ntags: x\n---\nBody", None, None, "Body"),
    ("\nsource: C\ndate 2020-02-20\nBody", "C", date(2020, 2, 20), "Body"),
    (" date 2020-02-20 In a new ad", None, date(2020, 2, 20), "In a new ad"),
    ("Source: D\nDate: March 3, 2019\n\nBody", "D", date(2019, 3, 3), "Body"),
    ("date: 2020-13-45\nBody", None, None, "Body"),
    ("Body\nsource: not a header", None, None, "Body\nsource: not a header"),
    ("--- a rule, not front matter\nBody", None, None, "--- a rule, not front matter\nBody"),
], ids=["front-matter", "front-matter-aliases", "front-matter-unknown-keys", "header-lines",
        "inline-date", "header-long-date", "invalid-date", "not-at-top", "dash-line"])
def test_parse_header(text, source, published, body):
    header = parse_header(text)
    assert (header.source, header.published) == (source, published)
    assert header.text.strip() == body and len(header.text) == len(text)
    assert header.text.count("\n") == text.count("\n")


@pytest.mark.parametrize("text, expected", [
    ("Jan. 14 (UPI) -- The inspector general said Thursday in a report. Covers 2016 to 2019.", date(2021, 1, 14)),
    ("Jan. 15 (UPI) -- The inspector general said Thursday in a report. Covers 2016 to 2019.", date(2021, 1, 15)),
    ("Jan. 14 (UPI) -- The report covers 2017 and 2019.", date(2019, 1, 14)),
    ("Title\n\nWASHINGTON, Jan. 14 (Reuters) - Officials said on Monday. In 2018 it began.", date(2019, 1, 14)),
    ("RENO, Nev., June 25, 2018 (AP) \u2014 Sessions spoke Thursday about 2020 plans.", date(2018, 6, 25)),
    ("Feb. 29 (UPI) -- Officials said Saturday that 2019 was hard.", date(2020, 2, 29)),
    ("Jan. 14 (UPI) -- The report came out Thursday.", None),
    ("The report came out on Jan. 14 (UPI) in 2019.", None),
    ("No dateline, only 2019.", None),
], ids=["weekday", "weekday-next-day", "no-weekday", "place-and-agency", "explicit-year",
        "leap-day", "no-year", "not-a-dateline", "no-dateline"])
def test_parse_dateline(text, expected):
    assert parse_dateline(text) == expected


def test_dateline_is_used_only_without_a_date_header(tmp_path):
    text = "Jan. 14 (UPI) -- The inspector general said Thursday. It covers 2019."
    write(tmp_path, "wire.txt", text)
    write(tmp_path, "dated.txt", "date: 2021-01-15\n" + text)
    docs = by_id(load(tmp_path))
    assert docs["wire.txt"].published == date(2021, 1, 14)
    assert docs["dated.txt"].published == date(2021, 1, 15)


# -- HTML pages ---------------------------------------------------------------------------------------

HTML = Path(__file__).parent / "data" / "html"

# page -> (source, published, url) from its meta tags; the title is the example article's
PAGES = {
    "courier_school_speech.html": ("Westward Courier", date(2018, 6, 25),
                                   "https://westwardcourier.example/news/2018/06/25/sessions-school-safety-keynote"),
    "dispatch_campaign_ad.html": ("Civic Dispatch", date(2020, 2, 20),
                                  "https://civicdispatch.example/politics/sessions-ad-zero-tolerance"),
    "gazette_campaign_ad_copy.html": ("Valley Gazette", None, "https://valleygazette.example/wire/sessions-ad-families"),
    "ledger_draft_report.html": ("Metro Ledger", date(2020, 10, 7),
                                 "https://metroledger.example/2020/10/07/watchdog-draft-sessions-rosenstein"),
    "wire_inspector_general.html": ("Capitol Wire", date(2021, 1, 14),
                                    "https://capitolwire.example/2021/01/14/inspector-general-sessions"),
}
# what the pages hold around the article, and must not reach the text
PAGE_FURNITURE = ["Top 25 stories", "Save 60%", "1-800-555-0147", "More than 5,000 children may have been",
                  "Border arrests fell 40%", "10,000 children were separated", "1,500 families", "4,000 families",
                  "Nearly 90,000 children", "$249,000", "1200 Main Street", "Share on Facebook", "adSlots"]


def claim_keys(claims):
    return [(c.surface, c.kind.value, c.value, c.interval.low, c.interval.high, c.qualifier.value, c.unit, c.noun,
             c.modifiers, c.context, c.time_scope, c.place_scope, c.change.value, c.iso, c.attributed_to)
            for c in claims]


@pytest.mark.parametrize("page", list(PAGES))
def test_page_metadata(page):
    doc = load(HTML / page)[0]
    text = by_id(load(example="zero-tolerance"))[page.replace(".html", ".txt")]
    assert (doc.source, doc.published, doc.url) == PAGES[page]
    assert doc.title == text.title and doc.path == str(HTML / page)


@pytest.mark.parametrize("page", list(PAGES))
def test_saved_page_gives_the_same_claims_as_the_plain_text(page):
    from numcheck.extract import extract_text

    doc = load(HTML / page)[0]
    text = by_id(load(example="zero-tolerance"))[page.replace(".html", ".txt")]
    assert claim_keys(extract_text(doc.text, published=doc.published)) == \
        claim_keys(extract_text(text.text, published=text.published))
    for furniture in PAGE_FURNITURE:
        assert furniture not in doc.text, furniture


def test_page_dates_do_not_depend_on_today():
    """htmldate's latest allowed date is pinned: a page dated in the future still reads its date."""
    page = ('<html><head><meta property="article:published_time" content="2031-07-04T09:00:00Z"></head><body>'
            '<article><p>' + "The port handled 40 ships in a single day, the harbour master said on Friday. " * 5
            + "</p></article></body></html>")
    assert parse_page(page).published == date(2031, 7, 4)


def test_page_charset_and_fallback_text(tmp_path):
    (tmp_path / "latin.html").write_bytes(
        b'<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9: 12 tables.</p></body></html>')
    (tmp_path / "bare.htm").write_text("Just text in a file named .htm: 7 chairs.", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        docs = by_id(load(tmp_path))
    assert docs["latin.html"].encoding == "iso8859-1" and "Café: 12 tables." in docs["latin.html"].text
    assert docs["bare.htm"].text == "Just text in a file named .htm: 7 chairs."
    assert docs["bare.htm"].source == "bare"


# -- tables of documents --------------------------------------------------------------------------------

def test_csv_of_documents(tmp_path):
    pd.DataFrame({"id": [17, 18], "source": ["Metro Ledger", ""], "published": ["2020-10-07", ""],
                  "url": ["https://example.org/17", ""], "title": ["T", ""],
                  "text": ["Nearly 3,000 children.", "source: Header Name\n\nMore than 3,000 children."]}
                 ).to_csv(tmp_path / "docs.csv", index=False)
    a, b = load(tmp_path)
    assert (a.doc_id, a.source, a.published, a.url, a.title, a.path) == (
        "docs.csv#17", "Metro Ledger", date(2020, 10, 7), "https://example.org/17", "T", str(tmp_path / "docs.csv"))
    assert (b.doc_id, b.source, b.published, b.title) == ("docs.csv#18", "Header Name", None, None)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_thousands_of_documents_in_one_table(tmp_path, suffix):
    n = 5_000
    frame = pd.DataFrame({"doc_id": [f"a{i}" for i in range(n)], "publisher": [f"Outlet {i % 40}" for i in range(n)],
                          "date": pd.to_datetime(["2021-01-14"] * n) if suffix == ".parquet" else ["2021-01-14"] * n,
                          "text": [f"Story {i}: the council approved {i % 97} benches." for i in range(n)]})
    path = tmp_path / f"big{suffix}"
    if suffix == ".parquet":
        frame.to_parquet(path)
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_csv(path, index=False, sep="\t" if suffix == ".tsv" else ",")
    docs = load(path)
    assert len(docs) == n and len({d.doc_id for d in docs}) == n
    assert (docs[7].doc_id, docs[7].source, docs[7].published) == (f"big{suffix}#a7", "Outlet 7", date(2021, 1, 14))


def test_table_columns_named_by_option(tmp_path):
    pd.DataFrame({"Key": ["x1"], "Outlet": ["Plains Herald"], "When": ["June 25, 2018"], "Link": ["u"],
                  "Headline": ["H"], "Body": ["Officials counted 12 buses."]}).to_csv(tmp_path / "t.csv", index=False)
    doc = load(tmp_path / "t.csv", text_column="body", id_column="key", source_column="outlet",
               published_column="when", url_column="link", title_column="headline")[0]
    assert (doc.doc_id, doc.source, doc.published, doc.url, doc.title, doc.text) == (
        "t.csv#x1", "Plains Herald", date(2018, 6, 25), "u", "H", "Officials counted 12 buses.")


def test_table_without_its_text_column_is_skipped_with_the_columns_named(tmp_path):
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "t.csv", index=False)
    (tmp_path / "good.txt").write_text("Five.")
    with pytest.warns(SkippedDocument, match=r"t\.csv: no 'text' column; skipped"):
        assert [d.doc_id for d in load(tmp_path)] == ["good.txt"]
    with pytest.raises(InputError, match=r"no 'published_at' column \(its columns are \['body'\]; "
                                         r"name one with published_column="):
        load(pd.DataFrame({"body": ["x"]}), text_column="body", published_column="published_at")


def test_csv_in_utf16_with_crlf(tmp_path):
    (tmp_path / "excel.tsv").write_bytes("id\ttext\r\n1\tCafé owners counted 30 tables.\r\n".encode("utf-16"))
    doc = load(tmp_path)[0]
    assert (doc.doc_id, doc.text, doc.encoding) == ("excel.tsv#1", "Café owners counted 30 tables.", "utf-16")


def test_html_in_a_table_cell_is_read_as_a_page(tmp_path):
    cell = ('<!DOCTYPE html><html><head><meta property="og:site_name" content="Cell Times"></head><body>'
            '<nav>Home 99</nav><article><p>The council approved 12 new benches for the park on Tuesday, '
            'the mayor said in a statement after the vote.</p></article></body></html>')
    pd.DataFrame({"id": ["c"], "text": [cell]}).to_csv(tmp_path / "pages.csv", index=False)
    doc = load(tmp_path)[0]
    assert doc.source == "Cell Times" and doc.text.startswith("The council approved 12 new benches")


def test_control_characters_in_a_dataframe_are_blanked():
    doc = load(pd.DataFrame({"text": ["Five\x1b[2J buses\x07 and a \u202eflip."]}))[0]
    assert doc.text == "Five [2J buses  and a  flip."
