"""The one place where column names, dtypes and meanings live.

Three tables leave numcheck: **claims** (one row per figure), **measures**
(one row per quantity reported by one or more sources) and
**discrepancies** (one row per finding of a rule).  The README's column
tables are generated from the ``*_COLUMNS`` tuples below
(``python -m numcheck.schema``), so this module and the README cannot drift.
"""

from __future__ import annotations

import math
from typing import Iterable, NamedTuple

import pandas as pd

from .records import Claim, Finding, Measure


class Column(NamedTuple):
    name: str
    dtype: str
    meaning: str


# -- claims -------------------------------------------------------------------
CLAIM_ID = "claim_id"
DOC_ID = "doc_id"
SOURCE = "source"
PUBLISHED = "published"
START = "start"
END = "end"
LINE = "line"
SENTENCE = "sentence"
SENTENCE_START = "sentence_start"
SURFACE = "surface"
VALUE = "value"
LOW = "low"
HIGH = "high"
LOW_OPEN = "low_open"
HIGH_OPEN = "high_open"
QUALIFIER = "qualifier"
UNIT = "unit"
DIMENSION = "dimension"
KIND = "kind"
NOUN = "noun"
MODIFIERS = "modifiers"
CONTEXT = "context"
TIME_SCOPE = "time_scope"
PLACE_SCOPE = "place_scope"
CHANGE = "change"
ISO = "iso"
ATTRIBUTED_TO = "attributed_to"
SUBJECT = "subject"
# added by the measures stage
MEASURE_ID = "measure_id"
BOILERPLATE = "boilerplate"
DUPLICATE_OF = "duplicate_of"
INDEPENDENT_SOURCE = "independent_source"
STORY = "story"

CLAIM_COLUMNS: tuple[Column, ...] = (
    Column(CLAIM_ID, "string", "stable id of the claim: `doc_id@start`"),
    Column(DOC_ID, "string", "document id (relative path, or the table's id column)"),
    Column(SOURCE, "string", "who published the document (header, front matter or file name)"),
    Column(PUBLISHED, "datetime64[ns]", "publication date of the document, NaT when unknown"),
    Column(START, "int64", "offset of the figure in the document text"),
    Column(END, "int64", "end offset; `text[start:end] == surface`"),
    Column(LINE, "int64", "1-based line of the figure in the document"),
    Column(SENTENCE, "string", "the sentence the figure stands in"),
    Column(SENTENCE_START, "int64", "offset of the sentence in the document text"),
    Column(SURFACE, "string", "the figure as written, qualifier and unit included"),
    Column(VALUE, "float64", "the figure's value in `unit` (dates: ordinal day of the first day)"),
    Column(LOW, "float64", "lower bound of the interval the wording implies (-inf when unbounded)"),
    Column(HIGH, "float64", "upper bound of that interval (inf when unbounded)"),
    Column(LOW_OPEN, "bool", "True when `low` itself is excluded (\"more than\")"),
    Column(HIGH_OPEN, "bool", "True when `high` itself is excluded (\"nearly\", \"less than\")"),
    Column(QUALIFIER, "string", "exact, about, more_than, at_least, nearly, less_than, at_most, range, vague"),
    Column(UNIT, "string", "pint unit of value/low/high (`USD`, `day`, `percent`, `count`; empty for dates)"),
    Column(DIMENSION, "string", "pint dimensionality of the unit (`[currency_usd]`, `[time]`; counts `dimensionless`)"),
    Column(KIND, "string", "count, money, percent, measure, duration, date, year, ordinal"),
    Column(NOUN, "string", "what is counted or measured, lemmatised (`child`, `funding shortfall`)"),
    Column(MODIFIERS, "string", "words qualifying the noun, space-separated lemmas (`migrant`)"),
    Column(CONTEXT, "string", "event words around the figure, space-separated lemmas (`separate`)"),
    Column(TIME_SCOPE, "string", "the year the figure is about (or a span of years, '2010/2015'), when the text says"),
    Column(PLACE_SCOPE, "string", "the part the figure is limited to (a place, a pilot), when the text says"),
    Column(CHANGE, "string", "none for a level; up or down for a change (\"rose 5%\")"),
    Column(ISO, "string", "dates and years: ISO date at the precision given (`2018-04`)"),
    Column(ATTRIBUTED_TO, "string", "whom the text credits for the figure (\"the report\"), when it says"),
    Column(SUBJECT, "string", "whose figure it is: the subject or `of` phrase it belongs to, lemmas (`ford`)"),
)

MEASURE_COLUMNS_ADDED: tuple[Column, ...] = (
    Column(MEASURE_ID, "string", "the measure the claim belongs to (`m001`)"),
    Column(BOILERPLATE, "bool", "True when the figure sits in text repeated across or within documents"),
    Column(DUPLICATE_OF, "string", "doc_id of the document this one is a copy of, else empty"),
    Column(INDEPENDENT_SOURCE, "string", "source after folding copies: the source of the original"),
    Column(STORY, "int64", "the story of the document (1, 2...): documents linked by tf-idf similarity; "
           "a measure never joins two stories"),
)

# -- measures -----------------------------------------------------------------
LABEL = "label"
N_CLAIMS = "n_claims"
N_SOURCES = "n_sources"

MEASURE_COLUMNS: tuple[Column, ...] = (
    Column(MEASURE_ID, "string", "id of the measure"),
    Column(LABEL, "string", "readable label (`children separated`, `funding shortfall, 2019`)"),
    Column(KIND, "string", "kind shared by its claims"),
    Column(UNIT, "string", "unit its claims are compared in"),
    Column(NOUN, "string", "counted or measured noun"),
    Column(CONTEXT, "string", "event words shared by its claims"),
    Column(TIME_SCOPE, "string", "time scope shared by its claims, if any"),
    Column(N_CLAIMS, "int64", "number of claims (boilerplate excluded)"),
    Column(N_SOURCES, "int64", "number of independent sources"),
)

# -- discrepancies --------------------------------------------------------------
MEASURE = "measure"
RULE = "rule"
RULE_NAME = "rule_name"
SEVERITY = "severity"
EXPLANATION = "explanation"
ACCEPTED = "accepted"
ACCEPTED_REASON = "accepted_reason"

_SIDE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("doc", "string", "document id"),
    ("source", "string", "source"),
    ("published", "string", "publication date (ISO), empty when unknown"),
    ("surface", "string", "the figure as written"),
    ("value", "float64", "value"),
    ("low", "float64", "lower bound"),
    ("high", "float64", "upper bound"),
    ("sentence", "string", "the quoted sentence"),
    ("claim_id", "string", "claim id"),
)

# the claim columns a finding's rows are read for: the discrepancies table's sides (_side) and
# an [[accepted]] entry's documents (doc_id); findings kept in the claims store keep only these
FINDING_CLAIM_FIELDS: tuple[str, ...] = (DOC_ID, INDEPENDENT_SOURCE, SOURCE, PUBLISHED, SURFACE, VALUE, LOW, HIGH,
                                         SENTENCE, CLAIM_ID)

DISCREPANCY_COLUMNS: tuple[Column, ...] = (
    Column(MEASURE_ID, "string", "id of the measure"),
    Column(MEASURE, "string", "label of the measure"),
    Column(RULE, "string", "rule code (`NC101`)"),
    Column(RULE_NAME, "string", "rule name (`interval_conflict`)"),
    Column(SEVERITY, "string", "error, warning or info"),
    *(Column(f"{f}_a", t, f"claim A: {m}") for f, t, m in _SIDE_FIELDS),
    *(Column(f"{f}_b", t, f"claim B: {m} (empty for one-claim findings)") for f, t, m in _SIDE_FIELDS),
    Column(EXPLANATION, "string", "one sentence a person can read"),
    Column(ACCEPTED, "bool", "True when an `[[accepted]]` entry of the config covers the finding"),
    Column(ACCEPTED_REASON, "string", "the reason recorded with the acceptance"),
)


def names(columns: Iterable[Column]) -> list[str]:
    return [c.name for c in columns]


def _typed(frame: pd.DataFrame, columns: Iterable[Column]) -> pd.DataFrame:
    for c in columns:
        if c.name not in frame.columns:
            continue
        if c.dtype == "string":
            frame[c.name] = frame[c.name].fillna("").astype(str).astype("string")
        elif c.dtype.startswith("datetime"):
            frame[c.name] = pd.to_datetime(frame[c.name], errors="coerce").astype(c.dtype)
        else:
            frame[c.name] = frame[c.name].astype(c.dtype)
    return frame


def claim_row(claim: Claim) -> dict:
    iv = claim.interval
    return {
        CLAIM_ID: claim.claim_id, DOC_ID: claim.doc_id or "", SOURCE: claim.source or "",
        PUBLISHED: claim.published, START: claim.start, END: claim.end, LINE: claim.line,
        SENTENCE: claim.sentence, SENTENCE_START: claim.sentence_start, SURFACE: claim.surface,
        VALUE: claim.value, LOW: iv.low, HIGH: iv.high, LOW_OPEN: iv.low_open, HIGH_OPEN: iv.high_open,
        QUALIFIER: claim.qualifier.value, UNIT: claim.unit, DIMENSION: claim.dimension,
        KIND: claim.kind.value, NOUN: claim.noun, MODIFIERS: " ".join(claim.modifiers),
        CONTEXT: " ".join(claim.context), TIME_SCOPE: claim.time_scope,
        PLACE_SCOPE: claim.place_scope, CHANGE: claim.change.value, ISO: claim.iso,
        ATTRIBUTED_TO: claim.attributed_to, SUBJECT: claim.subject,
    }


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """The claims DataFrame, with the documented columns in order and typed."""
    frame = pd.DataFrame([claim_row(c) for c in claims], columns=names(CLAIM_COLUMNS))
    return _typed(frame, CLAIM_COLUMNS)


def measures_frame(measures: Iterable[Measure]) -> pd.DataFrame:
    rows = [{MEASURE_ID: m.measure_id, LABEL: m.label, KIND: m.kind.value, UNIT: m.unit,
             NOUN: m.noun, CONTEXT: " ".join(m.context), TIME_SCOPE: m.time_scope,
             N_CLAIMS: m.n_claims, N_SOURCES: m.n_sources} for m in measures]
    return _typed(pd.DataFrame(rows, columns=names(MEASURE_COLUMNS)), MEASURE_COLUMNS)


def _side(row: dict | None, suffix: str) -> dict:
    if row is None:
        return {f"{f}_{suffix}": (math.nan if t == "float64" else "") for f, t, _ in _SIDE_FIELDS}
    published = row.get(PUBLISHED)
    published = "" if published is None or pd.isna(published) else pd.Timestamp(published).date().isoformat()
    return {
        f"doc_{suffix}": row.get(DOC_ID, ""), f"source_{suffix}": row.get(INDEPENDENT_SOURCE) or row.get(SOURCE, ""),
        f"published_{suffix}": published, f"surface_{suffix}": row.get(SURFACE, ""),
        f"value_{suffix}": row.get(VALUE, math.nan), f"low_{suffix}": row.get(LOW, math.nan),
        f"high_{suffix}": row.get(HIGH, math.nan), f"sentence_{suffix}": row.get(SENTENCE, ""),
        f"claim_id_{suffix}": row.get(CLAIM_ID, ""),
    }


def discrepancies_frame(findings: Iterable[Finding], labels: dict[str, str]) -> pd.DataFrame:
    rows = []
    for f in findings:
        rows.append({MEASURE_ID: f.measure_id, MEASURE: labels.get(f.measure_id, ""),
                     RULE: f.rule_code, RULE_NAME: f.rule_name, SEVERITY: f.severity.value,
                     **_side(f.claim_a, "a"), **_side(f.claim_b, "b"),
                     EXPLANATION: f.explanation, ACCEPTED: f.accepted,
                     ACCEPTED_REASON: f.accepted_reason})
    frame = pd.DataFrame(rows, columns=names(DISCREPANCY_COLUMNS))
    return _typed(frame, DISCREPANCY_COLUMNS)


def markdown_table(columns: Iterable[Column]) -> str:
    lines = ["| column | dtype | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{c.name}` | {c.dtype} | {c.meaning} |" for c in columns]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m numcheck.schema  -> the README's column tables
    print("### claims\n\n" + markdown_table(CLAIM_COLUMNS + MEASURE_COLUMNS_ADDED))
    print("\n### measures\n\n" + markdown_table(MEASURE_COLUMNS))
    print("\n### discrepancies\n\n" + markdown_table(DISCREPANCY_COLUMNS))
