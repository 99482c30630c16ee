"""The plain-text (markdown) tables ``numcheck bench accuracy`` prints."""

from __future__ import annotations

import pandas as pd

from .exclusions import (
    EXCLUSIONS,
    QUANTULUM3_EXCLUSIONS,
    RECOGNIZERS_EXCLUSIONS,
    exclusion_name,
)
from .frame import (
    EXCLUDED_GOLD,
    EXCLUDED_PRED,
    EXCLUSION,
    F1,
    FILE,
    N_GOLD,
    N_PRED,
    PRECISION,
    RECALL,
    SYSTEM,
    TASK,
)
from .records import NO_EXCLUSION, TASKS


def _cell(value) -> str:
    if value is None or pd.isna(value):
        return "n/a" if isinstance(value, float) else ""
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _target_lines(part: pd.DataFrame) -> list[str]:
    """The 95% target, raw and with all the file's conventions (the last, longest exclusion)."""
    lines = []
    rows = part[(part[TASK] == "value+unit") & part[N_GOLD].notna()]
    variants = [NO_EXCLUSION] + [e for e in rows[EXCLUSION].unique() if e != NO_EXCLUSION][-1:]
    for variant in variants:
        for _, row in rows[rows[EXCLUSION] == variant].iterrows():
            verdict = "meets" if row[RECALL] >= 95 else "below"
            lines.append(f"- {row[SYSTEM]}, {variant}: {row[RECALL]:.1f}% of {row[N_GOLD]} gold quantities "
                         f"matched by value and unit ({verdict} the 95% target)")
    return lines


_HEAD = ("| task | system | exclusion | P % | R % | F1 % | gold | pred | excl. gold | excl. pred |\n"
         "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
_NEWSQUANT_NOTE = ("(published) rows: the CQE authors' scores on all of NewsQuant "
                   "(590 sentences), not on this half.")
_NEWSQUANT_WHOLE_NOTE = ("Both halves together: the sentences the (published) rows were scored on. "
                         "numcheck was developed on the dev half, so this is a like-for-like "
                         "comparison, not a held-out score.")


def _file_table(name: str, part: pd.DataFrame) -> str:
    """One file's table, tasks in :data:`TASKS` order, with the notes its gold family needs."""
    order = {task: i for i, task in enumerate(TASKS)}
    part = part.assign(_rank=part[TASK].map(lambda t: order.get(t, len(order))))
    part = part.sort_values("_rank", kind="stable")
    lines = [f"### {name}", "", _HEAD]
    for _, r in part.iterrows():
        cells = [r[TASK], r[SYSTEM], r[EXCLUSION], *(_cell(r[c]) for c in (
            PRECISION, RECALL, F1, N_GOLD, N_PRED, EXCLUDED_GOLD, EXCLUDED_PRED))]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    if name.startswith("quantulum3"):
        lines += ["", *_target_lines(part)]
    if name.startswith("newsquant") and part[SYSTEM].str.endswith("(published)").any():
        lines += ["", _NEWSQUANT_WHOLE_NOTE if "+" in name else _NEWSQUANT_NOTE]
    return "\n".join(lines)


def _exclusion_notes() -> list[str]:
    """Each gold family's exclusions, named, with the first line of each one's docstring."""
    notes = []
    for title, listed in (("NewsQuant", EXCLUSIONS), ("quantulum3's test sets", QUANTULUM3_EXCLUSIONS),
                          ("Recognizers-Text sets", RECOGNIZERS_EXCLUSIONS)):
        notes.append(f"Exclusions ({title}):\n" + "\n".join(
            f"- {exclusion_name((e,))}: {(e.__doc__ or '').strip().splitlines()[0]}" for e in listed))
    return notes


def format_table(frame: pd.DataFrame) -> str:
    """Plain-text (markdown) tables, one per file, tasks in :data:`TASKS` order, then the exclusions."""
    tables = [_file_table(name, frame[frame[FILE] == name]) for name in dict.fromkeys(frame[FILE])]
    return "\n\n".join(tables + _exclusion_notes()) + "\n"
