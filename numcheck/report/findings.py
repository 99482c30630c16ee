"""Every view of one finding: the quoted sentence with its figure marked (:func:`quote`,
:func:`quote_findings`), the plain text of a finding (:func:`format_finding`,
:func:`format_findings`), and findings grouped by measure, worst first."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping

import pandas as pd

from .. import schema as s
from ..records import CheckResult, Severity
from .cells import _discrepancies, _scalar, _text

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
