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
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Callable, Iterable, Mapping

import pandas as pd

from . import schema as s
from .records import CheckResult, Severity

__all__ = ["quote", "quote_findings", "format_finding", "format_findings", "summarize",
           "summary_line", "documents_table", "render", "FORMATS"]

FORMATS = ("table", "json", "csv")
MARK = ("«", "»")
_SEVERITY_ORDER = {Severity.ERROR.value: 0, Severity.WARNING.value: 1, Severity.INFO.value: 2}
_SPACE = re.compile(r"\s+")


# -- quoting -------------------------------------------------------------------

def quote(sentence: str, sentence_start: int, start: int, end: int,
          mark: tuple[str, str] = MARK, *, escape: Callable[[str], str] | None = None) -> str:
    """The sentence with the figure at document offsets ``start:end`` marked.

    Offsets are into the document, as in the claims table; ``sentence_start``
    is where the sentence begins.  Runs of whitespace are shown as one space.
    When the offsets do not span part of the sentence it comes back unmarked.
    ``escape`` (e.g. ``html.escape``) is applied to the text, not the marks.

    >>> quote("It separated nearly 3,000 children.", 100, 113, 125)
    'It separated «nearly 3,000» children.'
    >>> quote("A <b> 5\\n\\n  and 6", 0, 6, 7, ("<mark>", "</mark>"), escape=lambda t: t.replace("<", "&lt;"))
    'A &lt;b> <mark>5</mark> and 6'
    >>> quote("No figure here.", 0, 50, 52)
    'No figure here.'
    """
    esc = escape or (lambda text: text)
    sentence = sentence if isinstance(sentence, str) else ""
    try:
        lo, hi = int(start) - int(sentence_start), int(end) - int(sentence_start)
    except (TypeError, ValueError):
        lo, hi = -1, -1
    if not 0 <= lo < hi <= len(sentence):
        return esc(_SPACE.sub(" ", sentence).strip())
    before, figure, after = sentence[:lo], sentence[lo:hi], sentence[hi:]
    before, figure, after = (_SPACE.sub(" ", p) for p in (before, figure, after))
    return (esc(before.lstrip()) + mark[0] + esc(figure) + mark[1] + esc(after.rstrip()))


def _claims_by_id(claims: pd.DataFrame | None, findings: pd.DataFrame | None = None
                  ) -> dict[str, Mapping[str, Any]]:
    """claim_id -> the columns a quote needs; with ``findings``, only the claims they name."""
    if claims is None or len(claims) == 0 or s.CLAIM_ID not in claims.columns:
        return {}
    wanted = [c for c in (s.CLAIM_ID, s.SENTENCE, s.SENTENCE_START, s.START, s.END) if c in claims.columns]
    if findings is not None and len(findings):
        named = set()
        for side in ("claim_id_a", "claim_id_b"):
            if side in findings.columns:
                named.update(map(str, findings[side].dropna().tolist()))
        # positions by a set lookup over the id list: Series.isin on Arrow strings hashed
        # each of 150,000 ids through pandas, and was most of this function's time
        ids = claims[s.CLAIM_ID].tolist()
        claims = claims.iloc[[i for i, c in enumerate(ids) if c in named]]
    columns = [claims[c].tolist() for c in wanted]  # column lists zipped: quicker than to_dict
    return {str(values[0]): dict(zip(wanted, values)) for values in zip(*columns)}


def _side_quote(row: Mapping[str, Any], side: str, by_id: Mapping[str, Mapping[str, Any]],
                mark: tuple[str, str], escape: Callable[[str], str] | None) -> str:
    claim = by_id.get(_text(row.get(f"claim_id_{side}")))
    if claim is not None and _text(claim.get(s.SENTENCE)):
        return quote(claim[s.SENTENCE], claim.get(s.SENTENCE_START), claim.get(s.START),
                     claim.get(s.END), mark, escape=escape)
    sentence, surface = _text(row.get(f"sentence_{side}")), _text(row.get(f"surface_{side}"))
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return quote(sentence, 0, -1, -1, mark, escape=escape)
    return quote(sentence, 0, at, at + len(surface), mark, escape=escape)


def quote_findings(result: CheckResult, *, mark: tuple[str, str] = MARK,
                   escape: Callable[[str], str] | None = None) -> pd.DataFrame:
    """The discrepancies with ``quote_a`` and ``quote_b``: each sentence with its figure marked.

    ``quote_b`` is empty for one-claim findings.  For HTML pass
    ``mark=("<mark>", "</mark>"), escape=html.escape``.
    """
    frame = _discrepancies(result).copy()
    by_id = _claims_by_id(result.claims, frame)
    rows = frame.to_dict("records")
    frame["quote_a"] = pd.Series([_side_quote(r, "a", by_id, mark, escape) for r in rows],
                                 index=frame.index, dtype="string")
    frame["quote_b"] = pd.Series(
        [_side_quote(r, "b", by_id, mark, escape) if _text(r.get("claim_id_b") or r.get("surface_b")) else ""
         for r in rows], index=frame.index, dtype="string")
    return frame


# -- plain text of a finding (pytest failures, InconsistentClaims) --------------

def format_finding(row: Mapping[str, Any], claims: pd.DataFrame | None = None, *,
                   _by_id: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """One finding as plain text: rule, each claim with source, date and quote, explanation.

    ``row`` is a row of the discrepancies table (a dict or Series); ``claims``
    (the claims table) lets the quote use exact offsets.
    """
    by_id = _by_id if _by_id is not None else _claims_by_id(claims)
    severity = _text(row.get(s.SEVERITY))
    head = f"{severity} {_text(row.get(s.RULE))} {_text(row.get(s.RULE_NAME))}".strip()
    if bool(_scalar(row.get(s.ACCEPTED))):
        head += f" (accepted: {_text(row.get(s.ACCEPTED_REASON)) or 'no reason given'})"
    lines = [head]
    for side in ("a", "b"):
        if not _text(row.get(f"claim_id_{side}")) and not _text(row.get(f"surface_{side}")):
            continue
        lines.append(f"  {side.upper()}: {_where(row, side)}")
        lines.append(f"     \"{_side_quote(row, side, by_id, MARK, None)}\"")
    lines.append(f"  {_text(row.get(s.EXPLANATION))}")
    return "\n".join(lines)


def format_findings(findings: pd.DataFrame, claims: pd.DataFrame | None = None) -> str:
    """Findings grouped by measure as plain text (the pytest failure text)."""
    by_id = _claims_by_id(claims, findings)
    blocks = []
    for (measure_id, label), rows in _grouped_rows(findings):
        body = "\n".join(format_finding(r, _by_id=by_id) for r in rows)
        blocks.append(f"measure: {label} ({measure_id})\n{body}")
    return "\n\n".join(blocks)


def _where(row: Mapping[str, Any], side: str) -> str:
    source = _text(row.get(f"source_{side}")) or "unknown source"
    published = _text(row.get(f"published_{side}")) or "date unknown"
    doc = _text(row.get(f"doc_{side}"))
    return f"{source}, {published}" + (f" ({doc})" if doc else "")


def _by_measure(findings: pd.DataFrame) -> Iterable[tuple[tuple[str, str], pd.DataFrame]]:
    """(measure id, label) and its findings, worst measure first, errors first within one."""
    ordered = _ordered(findings)
    if ordered is None:
        return []
    return [(key, ordered.iloc[a:b]) for key, a, b in _spans(ordered)]


_SHOWN = frozenset([s.SEVERITY, s.RULE, s.RULE_NAME, s.EXPLANATION, s.ACCEPTED, s.ACCEPTED_REASON]
                   + [f"{field}_{side}" for side in "ab"
                      for field in ("claim_id", "surface", "sentence", "source", "published", "doc")])


def _grouped_rows(findings: pd.DataFrame) -> list[tuple[tuple[str, str], list[dict]]]:
    """As :func:`_by_measure`, with each group's rows as dicts of the columns in ``_SHOWN``
    (one conversion for all)."""
    ordered = _ordered(findings)
    if ordered is None:
        return []
    # the columns a view of a finding reads, as lists zipped: quicker than to_dict, the same values
    columns = [c for c in ordered.columns if c in _SHOWN]
    rows = [dict(zip(columns, values)) for values in zip(*(ordered[c].tolist() for c in columns))]
    return [(key, rows[a:b]) for key, a, b in _spans(ordered)]


def _ordered(findings: pd.DataFrame) -> pd.DataFrame | None:
    if findings is None or len(findings) == 0:
        return None
    rank = findings[s.SEVERITY].map(lambda v: _SEVERITY_ORDER.get(str(v), 3))
    worst = rank.groupby(findings[s.MEASURE_ID]).transform("min")
    ordered = findings.assign(_rank=rank, _worst=worst).sort_values(
        ["_worst", s.MEASURE_ID, "_rank", s.RULE], kind="stable")
    return ordered.drop(columns=["_rank", "_worst"])


def _spans(ordered: pd.DataFrame) -> list[tuple[tuple[str, str], int, int]]:
    """((measure id, label), start, end) of each measure's run of rows in ``ordered``."""
    ids = ordered[s.MEASURE_ID].astype(str).tolist()
    labels = ordered[s.MEASURE].tolist()
    spans, start = [], 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or ids[i] != ids[start]:
            spans.append(((ids[start], _text(labels[start]) or ids[start]), start, i))
            start = i
    return spans


# -- counts ---------------------------------------------------------------------

def summarize(result: CheckResult) -> dict[str, int]:
    """Counts of what was read and found.

    Keys: ``documents``, ``sources`` (independent ones), ``duplicates``
    (documents that copy another), ``claims``, ``boilerplate`` (claims set
    aside as repeated text), ``measures``, ``error``/``warning``/``info``
    (findings not accepted) and ``accepted``.
    """
    claims, d = result.claims, _discrepancies(result)
    has = (lambda col: claims is not None and col in claims.columns)
    docs = {doc.doc_id for doc in result.documents}
    copies = set()
    if has(s.DUPLICATE_OF) and has(s.DOC_ID):
        copied = claims[s.DUPLICATE_OF].fillna("").astype(str) != ""
        copies = set(map(str, claims.loc[copied, s.DOC_ID].unique()))  # distinct first: 150,000 rows
    sources = {doc.source for doc in result.documents if doc.doc_id not in copies}
    if has(s.INDEPENDENT_SOURCE):
        sources = set(map(str, claims[s.INDEPENDENT_SOURCE].dropna().unique())) - {""} or sources
    accepted = d[s.ACCEPTED].astype(bool) if len(d) else pd.Series(dtype=bool)
    counts = {
        "documents": len(docs) if docs else (claims[s.DOC_ID].nunique() if has(s.DOC_ID) else 0),
        "sources": len(sources), "duplicates": len(copies),
        "claims": 0 if claims is None else len(claims),
        "boilerplate": int(claims[s.BOILERPLATE].astype(bool).sum()) if has(s.BOILERPLATE) else 0,
        "measures": 0 if result.measures is None else len(result.measures),
        "accepted": int(accepted.sum()),
    }
    for severity in Severity:
        counts[severity.value] = int(((d[s.SEVERITY] == severity.value) & ~accepted).sum()) if len(d) else 0
    return counts


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(result: CheckResult) -> str:
    """One line: documents, claims, measures, findings by severity, what was set aside."""
    c = summarize(result)
    findings = f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} info"
    line = (f"{_plural(c['documents'], 'document')} from {_plural(c['sources'], 'source')}, "
            f"{_plural(c['claims'], 'claim')}, {_plural(c['measures'], 'measure')}; "
            f"findings: {findings}")
    if c["accepted"]:
        line += f" (and {c['accepted']} accepted)"
    line += (f"; set aside: {_plural(c['duplicates'], 'duplicate document')}, "
             f"{_plural(c['boilerplate'], 'boilerplate claim')}")
    return line


def documents_table(result: CheckResult) -> pd.DataFrame:
    """One row per document read: id, source, published, claims, boilerplate claims, copy of."""
    claims = result.claims if result.claims is not None else pd.DataFrame()
    rows = []
    for doc in result.documents:
        mine = claims[claims[s.DOC_ID] == doc.doc_id] if s.DOC_ID in claims.columns else claims.iloc[0:0]
        copy_of = ""
        if s.DUPLICATE_OF in mine.columns and len(mine):
            copy_of = next((v for v in mine[s.DUPLICATE_OF].fillna("").astype(str) if v), "")
        boiler = int(mine[s.BOILERPLATE].astype(bool).sum()) if s.BOILERPLATE in mine.columns else 0
        rows.append({s.DOC_ID: doc.doc_id, s.SOURCE: doc.source,
                     s.PUBLISHED: doc.published.isoformat() if doc.published else "",
                     "claims": len(mine), s.BOILERPLATE: boiler, s.DUPLICATE_OF: copy_of})
    return pd.DataFrame(rows, columns=[s.DOC_ID, s.SOURCE, s.PUBLISHED, "claims", s.BOILERPLATE, s.DUPLICATE_OF])


# -- render ---------------------------------------------------------------------

def render(result: CheckResult, fmt: str = "table", *, width: int = 120, color: bool = False) -> str:
    """The result as text: ``table`` (for people), ``json`` (records) or ``csv`` (as exported).

    ``color=True`` adds ANSI styles to the table; the CLI asks for it only
    when writing to a terminal.
    """
    if not isinstance(result, CheckResult):
        raise TypeError(f"result must be a CheckResult, not {type(result).__name__}")
    if fmt == "table":
        return _render_table(result, width=width, color=color)
    if fmt == "json":
        records = [{k: _jsonable(v) for k, v in r.items()} for r in _discrepancies(result).to_dict("records")]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        from .export import to_csv_text
        return to_csv_text(result)
    raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")


# ANSI styles of the table (SGR codes; what rich would print for these style names)
_SGR = {"error": "1;31", "warning": "1;33", "info": "1;34", "accepted": "1;32", "label": "1;4",
        "dim": "2", "rule": "1", "side": "36", "figure": "1;7", "note": "32", "summary": "1"}
_MARKED = re.compile(f"{re.escape(MARK[0])}.*?{re.escape(MARK[1])}", re.S)


def _render_table(result: CheckResult, *, width: int, color: bool) -> str:
    """The table, built as strings: one pass over the findings, wrapping with textwrap.

    Rendering each finding through rich's Console cost about 0.7 ms to 5 ms a finding (its
    layout engine measures every segment), which made the report the slowest stage of a
    large check; the same text built here costs a few microseconds a line.
    """
    paint = _painter(color)
    by_id = _claims_by_id(result.claims, _discrepancies(result))
    wrap4, wrap7 = _wrapper(width, 4), _wrapper(width, 7)
    out: list[str] = []
    quotes: dict[tuple[str, str, str], str] = {}  # a claim is quoted by each of its findings: wrapped once
    groups = _grouped_rows(_discrepancies(result))
    for (measure_id, label), rows in groups:
        out.append(paint(label, "label") + paint(f"  {measure_id}", "dim"))
        for row in rows:
            severity = _text(row.get(s.SEVERITY))
            accepted = bool(_scalar(row.get(s.ACCEPTED)))
            tag = f"accepted {severity}" if accepted else severity
            out.append(paint("  " + tag.upper().ljust(8), "accepted" if accepted else severity) + " "
                       + paint(_text(row.get(s.RULE)), "rule") + " " + _text(row.get(s.RULE_NAME)))
            for side in ("a", "b"):
                claim_id, surface = _text(row.get(f"claim_id_{side}")), _text(row.get(f"surface_{side}"))
                if not claim_id and not surface:
                    continue
                out.append(paint(wrap4(f"{side.upper()}  {_where(row, side)}"), "side"))
                key = (claim_id, surface, _text(row.get(f"sentence_{side}")))
                quoted = quotes.get(key)
                if quoted is None:
                    quoted = quotes[key] = wrap7("“" + _side_quote(row, side, by_id, MARK, None) + "”")
                out.append(_MARKED.sub(lambda m: paint(m.group(0), "figure"), quoted) if color else quoted)
            out.append(wrap4(_text(row.get(s.EXPLANATION))))
            if accepted:
                reason = _text(row.get(s.ACCEPTED_REASON)) or "no reason given"
                out.append(paint(wrap4("accepted: " + reason), "note"))
        out.append("")
    if not groups:
        out.append("No discrepancies found.")
    out.append(paint(summary_line(result), "summary"))
    return "\n".join(line.rstrip() for line in "\n".join(out).splitlines()) + "\n"


def _painter(color: bool) -> Callable[[str, str], str]:
    """``paint(text, style)``: the text in an ANSI style (line by line), or as it is."""
    if not color:
        return lambda text, style: text

    def paint(text: str, style: str) -> str:
        code = _SGR.get(style)
        if not code or not text:
            return text
        return "\n".join(f"\x1b[{code}m{line}\x1b[0m" for line in text.split("\n"))
    return paint


def _wrapper(width: int, indent: int) -> Callable[[str], str]:
    """A function wrapping text to ``width`` with ``indent`` spaces before every line."""
    import textwrap

    wrapper = textwrap.TextWrapper(width=width, initial_indent=" " * indent, subsequent_indent=" " * indent,
                                   break_on_hyphens=False, replace_whitespace=True, drop_whitespace=True)
    room = width - indent
    pad = " " * indent

    def wrap(text: str) -> str:
        if len(text) <= room and "\n" not in text:
            return pad + text
        lines = _greedy(text, room)
        return wrapper.fill(text) if lines is None else "\n".join(pad + line for line in lines)
    return wrap


# whitespace other than one plain space: tabs, newlines, a no-break space (textwrap drops a
# chunk that str.strip empties, at a line's start or end), or two spaces in a row
_TEXTWRAP_SPACE = re.compile(r"[^\S ]|  ")


def _greedy(text: str, room: int) -> list[str] | None:
    """The lines textwrap.fill makes of ``text`` (break_on_hyphens=False) when its words are
    apart by single spaces, it has no space at either end and no word is longer than ``room``;
    None otherwise (textwrap does those).  The same greedy rule, without textwrap's regular
    expression over every chunk: it was most of the time of rendering a large report."""
    if text != text.strip(" ") or _TEXTWRAP_SPACE.search(text):
        return None
    lines, start = [], 0
    while len(text) - start > room:
        cut = text.rfind(" ", start, start + room + 1)  # the last space that leaves a line of <= room
        if cut <= start:
            return None  # a word longer than a line: textwrap breaks it
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


# -- small helpers ----------------------------------------------------------------

def _discrepancies(result: CheckResult) -> pd.DataFrame:
    d = result.discrepancies
    if d is None:
        return pd.DataFrame(columns=s.names(s.DISCREPANCY_COLUMNS))
    return d


def _scalar(value: Any) -> Any:
    try:
        if value is None or pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def _text(value: Any) -> str:
    if type(value) is str:
        return value
    value = _scalar(value)
    return "" if value is None else str(value)


def _jsonable(value: Any) -> Any:
    """JSON-safe value: missing and infinite numbers become null (an unbounded end)."""
    value = _scalar(value)
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    return value
