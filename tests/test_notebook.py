"""The report notebook: executed on the bundled example and on a clean corpus; its view helpers."""

from __future__ import annotations

import ast
import html
import math
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import numcheck
from numcheck.errors import ConfigError, InputError
from numcheck.notebook import (NO_DISCREPANCIES, disputed_measures, findings_html, notebook_path,
                               plot_measure, render_report)
from numcheck.report import quote_findings

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "notebooks" / "report.ipynb"
PACKAGED = ROOT / "numcheck" / "data" / "report.ipynb"
PLOT = re.compile(r'<img alt="claims about [^"]*" src="data:image/png;base64,')
ALLOWED_IMPORTS = {"html", "pandas", "IPython.display", "numcheck", "numcheck.notebook", "numcheck.report"}

CLEAN = {
    "one.txt": "---\nsource: Daily One\ndate: 2020-03-01\n---\n"
               "The policy separated more than 2,700 migrant families at the border, officials said.\n",
    "two.txt": "---\nsource: Evening Two\ndate: 2020-03-02\n---\n"
               "More than 2,700 families were split up under the policy, a report found on Monday.\n",
}
DISPUTE = pd.DataFrame({"text": ["Officials said nearly 3,000 children were separated.",
                                 "A report found more than 3,000 children were separated."],
                        "source": ["A", "B"]})


# -- the notebook file ----------------------------------------------------------------------

def test_packaged_copy_is_identical_to_the_master() -> None:
    assert PACKAGED.read_bytes() == MASTER.read_bytes()
    assert notebook_path() == MASTER


def test_notebook_has_a_parameters_cell_and_uses_only_numcheck_s_api() -> None:
    nb = nbformat.read(MASTER, as_version=4)
    nbformat.validate(nb)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert [line.split("=")[0].strip() for line in tagged[0].source.splitlines()] == ["corpus", "example", "config"]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not any(o for o in cell.get("outputs", [])), "the master notebook is stored without outputs"
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert {a.name for a in node.names} <= ALLOWED_IMPORTS
            elif isinstance(node, ast.ImportFrom):
                assert node.module in ALLOWED_IMPORTS
                assert not any(a.name.startswith("_") for a in node.names)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "numcheck":
                assert node.attr in numcheck.__all__


# -- executed -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_html(tmp_path_factory) -> tuple[str, list[str], Path]:
    out = tmp_path_factory.mktemp("report") / "example.html"
    lines: list[str] = []
    path = render_report(example="zero-tolerance", out=out, keep_ipynb=True, progress=lines.append)
    return path.read_text(encoding="utf-8"), lines, path


def test_example_report_holds_every_quote_and_a_plot_per_disputed_measure(example_html) -> None:
    text, _, _ = example_html
    result = numcheck.check(example="zero-tolerance")
    quotes = quote_findings(result, mark=("<mark>", "</mark>"), escape=html.escape)
    assert len(quotes) > 0
    for q in [*quotes["quote_a"], *quotes["quote_b"]]:
        if q:  # nbconvert re-serialises HTML outputs, writing &quot; and &#x27; in text as " and '
            assert q.replace("&quot;", '"').replace("&#x27;", "'") in text
    assert len(PLOT.findall(text)) == len(disputed_measures(result))
    for _, label in disputed_measures(result):
        assert f"<h3>{html.escape(label)} " in text
    assert NO_DISCREPANCIES not in text
    assert "What was read" in text and "dispatch_campaign_ad.txt" in text


def test_example_report_hides_code_and_reports_progress(example_html) -> None:
    text, lines, path = example_html
    assert 'class="highlight' not in text  # code cells are left out by default
    assert lines[0] == "reading report.ipynb" and lines[-1] == f"writing {path}"
    assert any(line.startswith("running cell 1/") for line in lines)


def test_keep_ipynb_writes_the_executed_notebook_with_injected_parameters(example_html) -> None:
    _, _, path = example_html
    nb = nbformat.read(path.with_suffix(".ipynb"), as_version=4)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = tags.index(["parameters"])
    assert tags[at + 1] == ["injected-parameters"]
    assert "example = 'zero-tolerance'" in nb.cells[at + 1].source
    assert "corpus = None" in nb.cells[at + 1].source
    assert all(o.output_type != "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_clean_corpus_says_no_discrepancies(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in CLEAN.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assert len(numcheck.check(corpus).discrepancies) == 0
    out = render_report(corpus, tmp_path / "out" / "clean.html", show_code=True)
    text = out.read_text(encoding="utf-8")
    assert NO_DISCREPANCIES in text
    assert not PLOT.search(text)
    assert "Daily One" in text and "Evening Two" in text
    assert 'class="highlight' in text  # show_code keeps the code


# -- arguments are checked before a kernel starts -------------------------------------------------

def test_bad_arguments_fail_fast(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        render_report(tmp_path / "missing", tmp_path / "r.html")
    with pytest.raises(TypeError, match="inputs must be a path or a list of paths"):
        render_report(DISPUTE, tmp_path / "r.html")
    bad = tmp_path / "numcheck.toml"
    bad.write_text("bogus = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'bogus'"):
        render_report(config_path=bad, out=tmp_path / "r.html")
    with pytest.raises(TypeError, match="needs inputs"):
        render_report(out=tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


# -- view helpers ------------------------------------------------------------------------------------

def test_findings_html_escapes_corpus_text() -> None:
    frame = DISPUTE.assign(text=["<script>x()</script> Officials said nearly 3,000 children were separated.",
                                 DISPUTE["text"][1]], source=["<b>A</b>", "B"])
    result = numcheck.check(frame)
    ((measure_id, _),) = disputed_measures(result)
    text = findings_html(result, measure_id)
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;A&lt;/b&gt;" in text
    assert "<mark>nearly 3,000</mark>" in text and "<mark>more than 3,000</mark>" in text


def test_plot_clips_unbounded_ends_and_marks_open_ones() -> None:
    result = numcheck.check(DISPUTE)
    ((measure_id, label),) = disputed_measures(result)
    fig = plot_measure(result, measure_id)
    (ax,) = fig.axes
    low, high = ax.get_xlim()
    assert math.isfinite(low) and math.isfinite(high) and low < 2700 and high > 3000
    markers = [(line.get_marker(), line.get_markerfacecolor(), *line.get_xdata()) for line in ax.lines
               if line.get_marker() not in (None, "None", "")]
    assert (">", "#b00020", high) in [(m, f, x) for m, f, x in markers]  # "more than": arrow at the edge
    open_ends = [x for m, f, x in markers if m == "o" and f == "white"]
    assert sorted(open_ends) == [3000, 3000]  # "nearly 3,000" and "more than 3,000" both exclude 3,000
    assert ax.get_title() == label
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A\ndate unknown", "B\ndate unknown"]
