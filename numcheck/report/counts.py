"""Counts of what a check read and found (:func:`summarize`, :func:`summary_line`) and the
documents it read (:func:`documents_table`)."""

from __future__ import annotations

import pandas as pd

from .. import schema as s
from ..records import CheckResult, Severity
from .cells import _discrepancies


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
