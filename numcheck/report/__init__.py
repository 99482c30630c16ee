"""Render a :class:`~numcheck.CheckResult` for people: a table, JSON or CSV text.

Every view of a finding is built here, so the CLI, ``assert_consistent``,
the pytest plugin and the notebook say the same thing the same way:

- :func:`quote` marks a figure inside the sentence it stands in;
- :func:`quote_findings` adds ``quote_a``/``quote_b`` to the discrepancies;
- :func:`format_findings` is the plain text the pytest failure and
  :class:`~numcheck.InconsistentClaims` show;
- :func:`summarize` / :func:`summary_line` count what was read and found;
- :func:`render` is what ``numcheck check --format table|json|csv`` prints.

The library never prints: these functions return strings.

One module a part: :mod:`~numcheck.report.findings` (quotes and the plain text of findings),
:mod:`~numcheck.report.counts` (counts and the documents table), :mod:`~numcheck.report.table`
(the table) and :mod:`~numcheck.report.cells` (cell values as the views read them).
"""

from __future__ import annotations

import json

from ..records import CheckResult
from .cells import _discrepancies, _jsonable
# the parts' public names, importable from numcheck.report as before they moved to the modules
# of this package (the CLI, the pytest plugin, numcheck.testing, the notebook and the tests)
from .counts import documents_table, summarize, summary_line
from .findings import MARK, format_finding, format_findings, quote, quote_findings  # noqa: F401
from .table import render_table

__all__ = ["quote", "quote_findings", "format_finding", "format_findings", "summarize",
           "summary_line", "documents_table", "render", "FORMATS"]

FORMATS = ("table", "json", "csv")


def render(result: CheckResult, fmt: str = "table", *, width: int = 120, color: bool = False) -> str:
    """The result as text: ``table`` (for people), ``json`` (records) or ``csv`` (as exported).

    ``color=True`` adds ANSI styles to the table; the CLI asks for it only
    when writing to a terminal.
    """
    if not isinstance(result, CheckResult):
        raise TypeError(f"result must be a CheckResult, not {type(result).__name__}")
    if fmt == "table":
        return render_table(result, width=width, color=color)
    if fmt == "json":
        records = [{k: _jsonable(v) for k, v in r.items()} for r in _discrepancies(result).to_dict("records")]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        from ..export import to_csv_text
        return to_csv_text(result)
    raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
