"""The HTML report: execute ``notebooks/report.ipynb`` with nbclient, export it with nbconvert.

:func:`render_report` injects the parameters after the cell tagged
``parameters`` (as papermill does), runs the notebook in a ``python3``
kernel and writes the HTML atomically.  The notebook itself holds no logic:
it calls :func:`numcheck.check` and the small view helpers below
(:func:`claims_view`, :func:`measures_view`, :func:`findings_html`,
:func:`plot_measure`), so what it shows is what the CLI and the tests check.

The master copy of the notebook is ``notebooks/report.ipynb`` in a source
checkout; an installed package uses its identical copy in
``numcheck/data/report.ipynb`` (a test keeps the two the same).

``reports/example.html`` is made by one command::

    numcheck report --example zero-tolerance -o reports/example.html
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

import pandas as pd

from . import schema as s
from .errors import InputError
from .records import CheckResult, Kind, Severity

__all__ = ["render_report", "notebook_path", "claims_view", "measures_view", "disputed_measures",
           "findings_html", "plot_measure", "figure_png", "figure_html", "NO_DISCREPANCIES"]

NO_DISCREPANCIES = "No discrepancies found."
KERNEL = "python3"
TIMEOUT = 600  # seconds per cell
_HERE = Path(__file__).resolve().parent


def notebook_path() -> Path:
    """The report notebook: the checkout's ``notebooks/report.ipynb``, else the packaged copy."""
    for candidate in (_HERE.parent / "notebooks" / "report.ipynb", _HERE / "data" / "report.ipynb"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("numcheck's report notebook is missing (notebooks/report.ipynb, "
                            "numcheck/data/report.ipynb)")


# -- running the notebook ------------------------------------------------------------

def _as_parameter(inputs: Any) -> str | list[str] | None:
    if inputs is None:
        return None
    if isinstance(inputs, (str, os.PathLike)):
        paths = [inputs]
    elif isinstance(inputs, Sequence) and all(isinstance(p, (str, os.PathLike)) for p in inputs):
        paths = list(inputs)
    else:
        raise TypeError("inputs must be a path or a list of paths (str or Path), "
                        f"not {type(inputs).__name__}")
    resolved = []
    for p in paths:
        path = Path(p).resolve()
        if not path.exists():
            raise InputError(p, "no such file or folder")
        resolved.append(str(path))
    return resolved[0] if len(resolved) == 1 else resolved


def _inject(nb, parameters: dict[str, Any]) -> None:
    """Add a cell tagged ``injected-parameters`` after the ``parameters`` cell (papermill's way)."""
    import nbformat

    source = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)


def render_report(inputs: Any = None, out: str | os.PathLike = "reports/report.html", *,
                  example: str | None = None, config_path: str | os.PathLike | None = None,
                  keep_ipynb: bool = False, show_code: bool = False,
                  progress: Callable[[str], None] | None = None) -> Path:
    """Execute the report notebook on a corpus and write it as HTML; return the HTML's path.

    ``inputs`` are corpus paths (relative paths are taken from the current
    folder), ``example`` a bundled example's name, ``config_path`` a
    ``numcheck.toml``.  ``keep_ipynb`` also writes the executed notebook next
    to the HTML; ``show_code`` keeps the code cells in the HTML.
    ``progress`` is called with a short line at each step.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    from .export import atomic_write_text

    if inputs is None and example is None and config_path is None:
        raise TypeError("render_report() needs inputs (paths), example= or config_path=")
    say = progress or (lambda line: None)
    config = None
    if config_path is not None:
        from .config import load_config
        load_config(config_path)  # a bad config is reported here, not from inside the kernel
        config = str(Path(config_path).resolve())
    parameters = {"corpus": _as_parameter(inputs), "example": example, "config": config}
    out = Path(out)

    source = notebook_path()
    say(f"reading {source.name}")
    nb = nbformat.read(source, as_version=4)
    _inject(nb, parameters)
    n_code = sum(c.cell_type == "code" for c in nb.cells)

    def on_cell_execute(cell, cell_index, **_):
        on_cell_execute.count += 1
        say(f"running cell {on_cell_execute.count}/{n_code}")
    on_cell_execute.count = 0

    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name=KERNEL, on_cell_execute=on_cell_execute,
                            resources={"metadata": {"path": str(Path.cwd())}})
    say(f"starting the {KERNEL} kernel")
    try:
        client.execute()
    except CellExecutionError as exc:
        raise RuntimeError(f"the report notebook failed: {exc.ename}: {exc.evalue}") from exc

    say(f"writing {out}")
    exporter = HTMLExporter(exclude_input=not show_code, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "numcheck report"}})
    if keep_ipynb:
        atomic_write_text(out.with_suffix(".ipynb"), nbformat.writes(nb))
    return atomic_write_text(out, body)


# -- views the notebook shows ----------------------------------------------------------

CLAIM_VIEW = (s.CLAIM_ID, s.SOURCE, s.PUBLISHED, s.SURFACE, s.KIND, s.VALUE, s.LOW, s.HIGH, s.QUALIFIER,
              s.UNIT, s.NOUN, s.TIME_SCOPE, s.MEASURE_ID, s.BOILERPLATE, s.DUPLICATE_OF)


def claims_view(result: CheckResult) -> pd.DataFrame:
    """The claims table with the columns a reader scans first."""
    claims = result.claims
    return claims[[c for c in CLAIM_VIEW if c in claims.columns]].reset_index(drop=True)


def measures_view(result: CheckResult) -> pd.DataFrame:
    """Measures, most widely reported first."""
    m = result.measures
    return m.sort_values([s.N_SOURCES, s.N_CLAIMS, s.MEASURE_ID], ascending=[False, False, True],
                         kind="stable").reset_index(drop=True)


def disputed_measures(result: CheckResult) -> list[tuple[str, str]]:
    """``(measure_id, label)`` of every measure with a finding, worst severity first."""
    from .report.findings import _by_measure

    return [key for key, _ in _by_measure(result.discrepancies)]


_COLOURS = {Severity.ERROR.value: "#b00020", Severity.WARNING.value: "#a86400", Severity.INFO.value: "#1f5fa8"}


def findings_html(result: CheckResult, measure_id: str) -> str:
    """The findings about one measure as HTML; every text from the corpus is escaped."""
    from .report import quote_findings

    d = quote_findings(result, mark=("<mark>", "</mark>"), escape=html.escape)
    d = d[d[s.MEASURE_ID] == measure_id]
    parts = []
    for r in d.to_dict("records"):
        severity = str(r[s.SEVERITY])
        colour = _COLOURS.get(severity, "#444")
        accepted = bool(r[s.ACCEPTED])
        tag = f"accepted {severity}" if accepted else severity
        parts.append(f'<div class="numcheck-finding" style="margin:0.6em 0 1em 0">'
                     f'<p><strong style="color:{colour}">{html.escape(tag.upper())}</strong> '
                     f'<code>{html.escape(str(r[s.RULE]))}</code> {html.escape(str(r[s.RULE_NAME]))}</p><ul>')
        for side in ("a", "b"):
            if not str(r.get(f"claim_id_{side}") or ""):
                continue
            who = html.escape(str(r[f"source_{side}"] or "unknown source"))
            when = html.escape(str(r[f"published_{side}"] or "date unknown"))
            doc = html.escape(str(r[f"doc_{side}"]))
            parts.append(f'<li><strong>{who}</strong>, {when} <small>({doc})</small>'
                         f'<blockquote style="margin:0.2em 0 0.4em 1em">{r[f"quote_{side}"]}</blockquote></li>')
        parts.append(f"</ul><p>{html.escape(str(r[s.EXPLANATION]))}</p>")
        if accepted:
            parts.append(f"<p><em>Accepted: {html.escape(str(r[s.ACCEPTED_REASON]) or 'no reason given')}</em></p>")
        parts.append("</div>")
    return "".join(parts)


def _measure_claims(result: CheckResult, measure_id: str) -> pd.DataFrame:
    claims = result.claims
    mine = claims[claims[s.MEASURE_ID] == measure_id]
    kept = mine
    if s.BOILERPLATE in mine.columns:
        kept = kept[~kept[s.BOILERPLATE].astype(bool)]
    if s.DUPLICATE_OF in mine.columns:
        kept = kept[kept[s.DUPLICATE_OF].fillna("").astype(str) == ""]
    return kept if len(kept) else mine


_DATED = (Kind.DATE.value, Kind.YEAR.value)


def _x_axis(kind: str) -> Callable[[float], float]:
    """Ordinal day numbers (dates, years) -> matplotlib date numbers; other values as they are."""
    if kind not in _DATED:
        return lambda x: x
    import matplotlib.dates as mdates

    offset = mdates.date2num(date(1970, 1, 1)) - date(1970, 1, 1).toordinal()
    return lambda x: x + offset


def plot_measure(result: CheckResult, measure_id: str):
    """A matplotlib Figure: each claim of the measure as an interval, one row per claim.

    Rows are labelled by source and publication date (oldest at the top).
    Closed ends are filled dots, open ends hollow dots, unbounded ends arrows
    at the edge of the plot; claims in a finding are drawn in red.
    """
    from matplotlib.figure import Figure

    claims = _measure_claims(result, measure_id).sort_values([s.PUBLISHED, s.SOURCE], na_position="last")
    d = result.discrepancies
    flagged = set(d.loc[d[s.MEASURE_ID] == measure_id, ["claim_id_a", "claim_id_b"]].astype(str).values.ravel())
    measure = result.measures[result.measures[s.MEASURE_ID] == measure_id]
    label = str(measure[s.LABEL].iloc[0]) if len(measure) else measure_id
    kind = str(measure[s.KIND].iloc[0]) if len(measure) else ""
    to_x = _x_axis(kind)
    lo_lim, hi_lim = _limits(claims, dated=kind in _DATED)

    fig = Figure(figsize=(8, 0.6 * len(claims) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    rows = claims.to_dict("records")
    for y, c in enumerate(rows):
        colour = "#b00020" if str(c[s.CLAIM_ID]) in flagged else "#1f5fa8"
        _draw_interval(ax, y, c, lo_lim, hi_lim, to_x, colour)
    ax.set_yticks(range(len(rows)), [_row_label(c) for c in rows])
    ax.invert_yaxis()
    ax.set_xlim(to_x(lo_lim), to_x(hi_lim))
    ax.set_ylim(len(rows) - 0.4, -0.8)
    if kind in _DATED:
        ax.xaxis_date()
    else:
        ax.xaxis.set_major_formatter("{x:,.6g}")
    unit = str(measure[s.UNIT].iloc[0]) if len(measure) else ""
    ax.set_xlabel(unit if unit and unit != "count" else "")
    ax.set_title(label)
    ax.grid(axis="x", alpha=0.3)
    return fig


def _limits(claims: pd.DataFrame, *, dated: bool) -> tuple[float, float]:
    """x limits: the finite bounds and values plus a margin; infinite bounds are clipped to them."""
    values = [v for col in (s.LOW, s.HIGH, s.VALUE) for v in claims[col].astype(float) if math.isfinite(v)]
    if not values:
        return -1.0, 1.0
    lo, hi = min(values), max(values)
    span = (hi - lo) or (30.0 if dated else max(abs(hi) * 0.2, 1.0))
    return lo - 0.25 * span, hi + 0.25 * span


def _draw_interval(ax, y: int, c: dict, lo_lim: float, hi_lim: float, to_x, colour: str) -> None:
    low, high = float(c[s.LOW]), float(c[s.HIGH])
    left, right = max(low, lo_lim), min(high, hi_lim)
    ax.plot([to_x(left), to_x(right)], [y, y], color=colour, linewidth=3, solid_capstyle="butt")
    for value, is_open, arrow in ((low, bool(c[s.LOW_OPEN]), "<"), (high, bool(c[s.HIGH_OPEN]), ">")):
        if math.isinf(value):
            at = lo_lim if value < 0 else hi_lim
            ax.plot([to_x(at)], [y], marker=arrow, markersize=10, color=colour, clip_on=False)
        else:
            ax.plot([to_x(value)], [y], marker="o", markersize=7, color=colour,
                    markerfacecolor="white" if is_open else colour, markeredgewidth=2)
    middle = (left + right) / 2
    ax.annotate(str(c[s.SURFACE]), (to_x(middle), y), xytext=(0, 7), textcoords="offset points",
                ha="center", va="bottom", fontsize=8)


def _row_label(c: dict) -> str:
    published = c.get(s.PUBLISHED)
    when = "date unknown" if published is None or pd.isna(published) else pd.Timestamp(published).date().isoformat()
    source = c.get(s.INDEPENDENT_SOURCE) or c.get(s.SOURCE) or "unknown source"
    return f"{source}\n{when}"


def figure_png(fig) -> bytes:
    """A Figure as PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def figure_html(fig, alt: str) -> str:
    """A Figure as an ``<img>`` with the PNG inline and an alternative text (escaped)."""
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'
