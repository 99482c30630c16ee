"""Copies and boilerplate (numcheck.measures): syndicated stories count as one source, and
text a publisher repeats is marked, without losing a figure of the story.

The edited copies are made here from the bundled example corpus (our own articles):
each edit is one a wire desk makes (a new headline, a few words changed per paragraph,
a different footer, a dropped paragraph), and a different story on the same topic must
stay apart.  Work is counted (calls seen by ``sys.setprofile``), never timed.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import numcheck
from numcheck import measures
from numcheck import schema as S
from numcheck.corpus import load
from numcheck.measures import (BOILERPLATE_MIN_WORDS, DUPLICATE_CONTAINMENT, DUPLICATE_SHARE, find_boilerplate,
                               find_duplicates)
from numcheck.records import Document

EXAMPLES = {d.doc_id.removesuffix(".txt"): d for d in load(example="zero-tolerance")}
WIRE = EXAMPLES["wire_inspector_general"]
FOOTER = "(c) Capitol Wire. Reuse by subscribers only."


def doc(doc_id: str, text: str, source: str | None = None, published: date | None = None) -> Document:
    return Document(doc_id=doc_id, source=source or doc_id, text=text, published=published)


def paragraphs(text: str) -> list[str]:
    return [p for p in text.strip().split("\n\n") if p.strip()]


def story(d: Document) -> list[str]:
    """The paragraphs of an example article after its header: headline, body, footer."""
    return paragraphs(d.text)


def change_words(paragraph: str, every: int) -> str:
    """Every ``every``-th word replaced (an editor's light touch when ``every`` is large)."""
    words = paragraph.split(" ")
    return " ".join("edited" if i % every == every - 1 else w for i, w in enumerate(words))


def edited(paragraphs_: list[str], *, headline: bool = False, words: int = 0, footer: bool = False,
           drop: bool = False) -> str:
    parts = list(paragraphs_)
    if headline:
        parts[0] = "Watchdog finds Sessions ignored warnings on family separations"
    if words:
        parts[1:-1] = [change_words(p, words) for p in parts[1:-1]]
    if footer:
        parts[-1] = "This story was distributed by the Valley News Exchange. Sign up for our evening email."
    if drop:
        del parts[-3]  # the shortest body paragraph: "Sessions resigned in November 2018 ..."
    return "\n\n".join(parts)


ORIGINAL = doc("wire.txt", "\n\n".join(story(WIRE)), "Capitol Wire", date(2021, 1, 14))

LIGHT_EDITS = {
    "new headline": dict(headline=True),
    "a word in 40 changed": dict(words=40),
    "different footer": dict(footer=True),
    "dropped paragraph": dict(drop=True),
    "all of these": dict(headline=True, words=40, footer=True, drop=True),
}


@pytest.mark.parametrize("edit", list(LIGHT_EDITS))
def test_lightly_edited_copy_is_linked_to_the_original(edit: str) -> None:
    copy = doc("copy.txt", edited(story(WIRE), **LIGHT_EDITS[edit]), "Valley Gazette", date(2021, 1, 15))
    assert find_duplicates([copy, ORIGINAL]) == {"copy.txt": "wire.txt"}


@pytest.mark.parametrize("every", [4, 3])
def test_rewritten_copy_is_not_linked(every: int) -> None:
    """A word in four changed breaks most 5-word shingles: that is a rewrite, not a copy."""
    copy = doc("copy.txt", edited(story(WIRE), words=every), "Valley Gazette", date(2021, 1, 15))
    assert find_duplicates([copy, ORIGINAL]) == {}


def test_different_story_on_the_same_topic_is_not_linked() -> None:
    """The ledger's draft-report story and the wire's final-report story share names, dates and
    phrases ("zero tolerance", "inspector general", "El Paso in 2017") but not their text."""
    ledger = EXAMPLES["ledger_draft_report"]
    own = doc("own.txt", "A watchdog report on the zero tolerance policy says more than 3,000 children were "
                         "separated from their families. The inspector general said Thursday that the approach "
                         "had been tried first in El Paso in 2017 and that Sessions took office as attorney "
                         "general in February 2017. Judges and prosecutors complained, the report found, and "
                         "the Marshals Service warned of a funding shortfall.", "Harbor Post", date(2021, 1, 15))
    assert find_duplicates([ORIGINAL, ledger, own]) == {}
    assert find_duplicates(list(EXAMPLES.values())) == {"gazette_campaign_ad_copy.txt": "dispatch_campaign_ad.txt"}


def test_the_thresholds_are_documented() -> None:
    assert (DUPLICATE_CONTAINMENT, DUPLICATE_SHARE, measures.SHINGLE) == (0.8, 0.5, 5)
    assert "DUPLICATE_CONTAINMENT" in find_duplicates.__doc__ or "threshold" in find_duplicates.__doc__
    assert "0.8" in measures.__doc__


def test_the_original_is_the_earliest_then_the_first_id() -> None:
    copy = edited(story(WIRE), headline=True)
    later = doc("a.txt", copy, "A", date(2021, 2, 1))
    undated = doc("0.txt", copy, "Zero")
    assert find_duplicates([later, undated, ORIGINAL]) == {"a.txt": "wire.txt", "0.txt": "wire.txt"}
    same_day = [replace(ORIGINAL, doc_id="b.txt"), replace(ORIGINAL, doc_id="c.txt")]
    assert find_duplicates(same_day) == {"c.txt": "b.txt"}


def test_copy_of_a_copy_links_to_the_original() -> None:
    first = doc("first.txt", edited(story(WIRE), headline=True), "B", date(2021, 1, 15))
    second = doc("second.txt", edited(story(WIRE), headline=True, footer=True), "C", date(2021, 1, 16))
    assert find_duplicates([second, first, ORIGINAL]) == {"first.txt": "wire.txt", "second.txt": "wire.txt"}


def test_long_article_quoting_a_short_one_in_full_is_not_its_copy() -> None:
    brief = doc("brief.txt", "\n\n".join(story(WIRE)[1:4]), "Capitol Wire", date(2021, 1, 14))
    longer = doc("update.txt", "\n\n".join(story(WIRE)[1:4] + story(EXAMPLES["ledger_draft_report"])[1:]),
                 "Capitol Wire", date(2021, 1, 15))
    assert find_duplicates([brief, longer]) == {}
    shorter = doc("excerpt.txt", "\n\n".join(story(WIRE)[1:7]), "Metro Ledger", date(2021, 1, 16))
    assert find_duplicates([ORIGINAL, shorter]) == {"excerpt.txt": "wire.txt"}


def test_short_texts_are_never_copies() -> None:
    a = doc("a.txt", "Officials said nearly 3,000 children were separated.", "A")
    b = doc("b.txt", "Officials said nearly 3,000 children were separated.", "B")
    assert find_duplicates([a, b]) == {}


def test_a_shared_blurb_makes_no_copy() -> None:
    blurb = "\n\nHELP US CLOSE THE GAP\n\n" + paragraphs(EXAMPLES["dispatch_campaign_ad"].text)[-3]
    one = doc("one.txt", "\n\n".join(story(WIRE)[1:3]) + blurb + blurb, "Civic Dispatch", date(2021, 1, 14))
    two = doc("two.txt", "\n\n".join(story(EXAMPLES["ledger_draft_report"])[1:3]) + blurb + blurb,
              "Civic Dispatch", date(2021, 1, 15))
    assert find_duplicates([one, two]) == {}


def test_a_wire_story_run_by_sixty_outlets_is_one_source() -> None:
    """More copies than COMMON_SHINGLE: copies are never indexed, so the story's shingles stay rare."""
    copies = [doc(f"outlet{n:02d}.txt", edited(story(WIRE), headline=n % 2 == 0, footer=n % 3 == 0),
                  f"Outlet {n}", date(2021, 1, 15)) for n in range(60)]
    assert find_duplicates([ORIGINAL] + copies) == {c.doc_id: "wire.txt" for c in copies}


def test_a_passage_most_documents_carry_still_counts_between_a_copy_and_its_original() -> None:
    """Shingles held by more than COMMON_SHINGLE originals find no candidates, but they still
    count when a copy is compared with its original."""
    notice = ("Under the state's open records law, the agency must answer requests for documents "
              "within ten working days, and it may charge only for the cost of copying them. Requests "
              "may be sent by mail or by email to the records officer, who keeps a public log of every "
              "request, the date it arrived, the date it was answered and the number of pages released.")
    words = sorted(set(re.findall(r"[a-z]+", " ".join(d.text.lower() for d in EXAMPLES.values()))))
    others = []
    for n in range(60):
        rng = random.Random(n)
        story_ = " ".join(rng.choice(words) for _ in range(120))
        others.append(doc(f"other{n:02d}.txt", story_ + "\n\n" + notice, f"Outlet {n}", date(2021, 1, 1)))
    body = story(WIRE)[3] + "\n\n" + notice  # more notice than story
    original = doc("wire.txt", body, "Capitol Wire", date(2021, 1, 14))
    copy = doc("copy.txt", "A new headline\n\n" + body + "\n\n" + notice.replace("ten", "10"),
               "Valley Gazette", date(2021, 1, 15))
    assert find_duplicates(others + [original, copy]) == {"copy.txt": "wire.txt"}


def test_long_texts_are_sampled_and_still_linked() -> None:
    body = "\n\n".join(f"Paragraph {n}: " + change_words(p, 97 + n) for n in range(700) for p in story(WIRE)[1:-1])
    assert len(body) > 1_000_000
    big = doc("big.txt", body, "A", date(2021, 1, 1))
    copy = doc("big-copy.txt", "A new headline\n\n" + body + "\n\nA new footer.", "B", date(2021, 1, 2))
    other = doc("other.txt", "\n\n".join(story(EXAMPLES["ledger_draft_report"])) * 3, "C", date(2021, 1, 3))
    big_hashes, big_step = measures._shingles(big.text)
    assert big_step > measures._shingles(other.text)[1] and len(big_hashes) < 2 * measures.SHINGLE_SAMPLE
    assert find_duplicates([big, copy, other]) == {"big-copy.txt": "big.txt"}


def test_shingles_are_the_same_in_every_process() -> None:
    """The sample a long text keeps must not depend on Python's per-process hash seed."""
    code = ("from numcheck.measures import _shingles; "
            "print(sorted(_shingles('the report said that ' * 50 + 'nearly 3,000 children')[0])[:5])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert len(runs) == 1 and runs != {""}


def test_copies_count_as_the_original_source_in_check() -> None:
    copy = edited(story(WIRE), headline=True, footer=True).replace("more than 3,000 children",
                                                                   "nearly 3,000 children")
    frame = pd.DataFrame({
        "id": ["wire", "copy", "other"], "source": ["Capitol Wire", "Valley Gazette", "Metro Ledger"],
        "published": ["2021-01-14", "2021-01-15", "2021-01-16"],
        "text": [ORIGINAL.text, copy, "Officials said nearly 3,000 children were separated from their families."]})
    claims = numcheck.check(frame).claims
    rows = claims[claims[S.DOC_ID] == "copy"]
    assert set(rows[S.DUPLICATE_OF]) == {"wire"} and set(rows[S.INDEPENDENT_SOURCE]) == {"Capitol Wire"}
    assert set(claims.loc[claims[S.DOC_ID] == "other", S.DUPLICATE_OF]) == {""}


def test_seeds_as_pages_and_table_rows_are_copies_of_the_seed_files(tmp_path: Path, seeds_dir: Path,
                                                                    saved_page) -> None:
    for seed in seeds_dir.glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    seeds = load(seeds_dir)
    (tmp_path / "pages").mkdir()
    for n, d in enumerate(seeds):
        (tmp_path / "pages" / d.doc_id.replace(".txt", ".html")).write_text(saved_page(d, n), encoding="utf-8")
    pd.DataFrame({"id": [d.doc_id[:3] for d in seeds], "published": [d.published or "" for d in seeds],
                  "text": [(seeds_dir / d.doc_id).read_text(encoding="utf-8") for d in seeds]}
                 ).to_csv(tmp_path / "seeds.csv", index=False)
    copies = find_duplicates(load(tmp_path))
    root = {d.doc_id: copies.get(d.doc_id, d.doc_id) for d in load(tmp_path)}
    for d in seeds:
        family = {k for k, v in root.items() if v == root[d.doc_id]}
        assert {f"pages/{d.doc_id[:-4]}.html", f"seeds.csv#{d.doc_id[:3]}", d.doc_id} <= family, family
    assert set(copies.values()) == {"000_1baa3f050055ad49.txt", "002_629ffa57cfc0d820.txt",
                                    "003_1ffd0588f33bd2ed.txt", "004_a7613cb33c941bf4.txt"}


# -- boilerplate ----------------------------------------------------------------------------------------

BLURB = ("SUPPORT LOCAL NEWS\n\n"
         "We need to raise $120,000 from readers by May 31 to keep this newsroom open. "
         "Every gift counts, and 2,000 readers have already given.")
STORY = ("The county opened 14 new shelters this winter, officials said on Monday.\n\n"
         "Each shelter has about 40 beds, and the county plans 6 more by spring.\n\n"
         "Volunteers served 9,000 meals in the first month, the county said.")


def marked(text: str, **kwargs) -> list[str]:
    """The boilerplate spans of one document as text."""
    d = doc(kwargs.pop("doc_id", "a.txt"), text, **kwargs)
    return [text[a:b] for a, b in find_boilerplate([d], {}).get(d.doc_id, [])]


def flagged(frame: pd.DataFrame, surface: str) -> list[bool]:
    return frame.loc[frame[S.SURFACE] == surface, S.BOILERPLATE].tolist()


def test_blurb_printed_twice_is_boilerplate() -> None:
    text = STORY + "\n\n" + BLURB + "\n\n" + BLURB + "\n\nSubscribe"
    assert marked(text) == [BLURB + "\n\n" + BLURB]


def test_blurb_printed_once_in_each_of_two_stories_by_one_outlet_is_boilerplate() -> None:
    a = doc("a.txt", STORY + "\n\n" + BLURB, "County Courier")
    b = doc("b.txt", "The bridge reopened after 3 months of repairs, the county said on Friday.\n\n" + BLURB,
            "County Courier")
    spans = find_boilerplate([a, b], {})
    blurb_line = BLURB.split("\n\n")[1]
    assert [a.text[s:e] for s, e in spans["a.txt"]] == [blurb_line]
    assert [b.text[s:e] for s, e in spans["b.txt"]] == [blurb_line]


def test_a_paragraph_two_outlets_share_is_the_story() -> None:
    """A quote both outlets carry word for word: its figure is the story's, not furniture."""
    quote = '"As a result, more than 3,000 children were separated from their families," the report said.'
    a = doc("a.txt", "The report came out Thursday.\n\n" + quote, "Capitol Wire")
    b = doc("b.txt", "A watchdog faulted the department.\n\n" + quote, "Metro Ledger")
    assert find_boilerplate([a, b], {}) == {}


def test_pull_quote_repeated_once_keeps_its_figure() -> None:
    pull = "\u201cWe turned away 300 families in a single week,\u201d the shelter director said."
    text = ("Shelters across the county are full.\n\n" + pull + "\n\n"
            "The director described the worst week of the winter.\n\n" + pull + "\n\n"
            "The county has promised more beds by spring.")
    assert marked(text) == []
    frame = numcheck.check(pd.DataFrame({"text": [text, "Officials said 250 families were turned away."],
                                         "source": ["A", "B"]})).claims
    assert flagged(frame, "300") == [False, False]


def test_story_printed_twice_keeps_its_first_copy() -> None:
    text = STORY + "\n\n" + STORY
    assert find_boilerplate([doc("a.txt", text)], {}) == {"a.txt": [(len(STORY) + 2, len(text))]}


def test_a_repeated_pair_of_short_lines_is_not_boilerplate() -> None:
    assert BOILERPLATE_MIN_WORDS == 8
    assert marked("Photo: AP\n\nMore\n\n" + STORY + "\n\nPhoto: AP\n\nMore") == []


def test_copies_do_not_make_their_shared_text_boilerplate() -> None:
    a = doc("a.txt", STORY, "County Courier", date(2021, 1, 1))
    b = doc("b.txt", STORY + "\n\nFirst published by the County Courier.", "County Courier", date(2021, 1, 2))
    copies = find_duplicates([a, b])
    assert copies == {"b.txt": "a.txt"} and find_boilerplate([a, b], copies) == {}


def test_seed_fund_raising_figures_are_boilerplate_and_story_figures_are_not(seeds_dir: Path) -> None:
    claims = numcheck.check(seeds_dir).claims
    texts = {d.doc_id: d.text for d in load(seeds_dir)}
    for doc_id, rows in claims.groupby(S.DOC_ID):
        blurb_at = texts[doc_id].find("WE'LL BE BLUNT")
        in_blurb = [blurb_at >= 0 and start >= blurb_at for start in rows[S.START]]
        assert rows[S.BOILERPLATE].tolist() == in_blurb, doc_id
    assert {"$390,000", "June 30"} <= set(claims.loc[claims[S.BOILERPLATE] & claims[S.DOC_ID].str.startswith("001"),
                                                     S.SURFACE])
    assert {"$253,000", "October 7", "$1 million", "10 percent"} <= set(
        claims.loc[claims[S.BOILERPLATE] & claims[S.DOC_ID].str.startswith("003"), S.SURFACE])


def test_spans_are_merged_and_sorted() -> None:
    spans = find_boilerplate([doc("a.txt", STORY + "\n\n" + BLURB + "\n\n" + BLURB)], {})["a.txt"]
    assert spans == sorted(spans) and len(spans) == 1


# -- work grows with the corpus, not with its square --------------------------------------------------

def corpus_of(n: int) -> list[Document]:
    """``n`` different articles (each its own story), a fifth of them with a copy, all with one blurb."""
    words = re.findall(r"[a-z]+", " ".join(d.text.lower() for d in EXAMPLES.values()))
    docs = []
    for i in range(n):
        body = " ".join(words[(i * 37 + k * 11) % len(words)] + str(i * 1000 + k) for k in range(120))
        docs.append(doc(f"d{i:05d}.txt", body + "\n\n" + BLURB, f"Outlet {i % 9}", date(2021, 1, 1)))
        if i % 5 == 0:
            docs.append(doc(f"d{i:05d}-copy.txt", "New headline\n\n" + body, f"Outlet {i % 7}", date(2021, 1, 2)))
    return docs


@pytest.mark.parametrize("function", ["find_duplicates", "find_boilerplate"])
def test_work_roughly_doubles_with_the_number_of_documents(function: str, count_work) -> None:
    def run(docs: list[Document]) -> None:
        copies = find_duplicates(docs)
        if function == "find_boilerplate":
            find_boilerplate(docs, copies)

    small, large = corpus_of(200), corpus_of(400)
    assert len(find_duplicates(large)) == 80
    assert count_work(lambda: run(large)) / count_work(lambda: run(small)) <= 2.3
