"""The table ``numcheck check`` prints for people: findings grouped by measure, each claim's
source, date and quoted sentence, the explanation, and the summary line; ANSI styles when
the CLI writes to a terminal."""

from __future__ import annotations

import re
from typing import Callable

from .. import schema as s
from ..records import CheckResult
from .cells import _discrepancies, _scalar, _text
from .counts import summary_line
from .findings import MARK, _claims_by_id, _grouped_rows, _side_quote, _where

# ANSI styles of the table (SGR codes; what rich would print for these style names)
_SGR = {"error": "1;31", "warning": "1;33", "info": "1;34", "accepted": "1;32", "label": "1;4",
        "dim": "2", "rule": "1", "side": "36", "figure": "1;7", "note": "32", "summary": "1"}
_MARKED = re.compile(f"{re.escape(MARK[0])}.*?{re.escape(MARK[1])}", re.S)


def render_table(result: CheckResult, *, width: int, color: bool) -> str:
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
