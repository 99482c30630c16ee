"""Sentence spans of a text: line breaks, then sentence ends not after an abbreviation.

>>> t = "Sen. Doug Jones won. The U.S. border saw 3,000 arrests in Jan. 2019! Next line\\nNew one."
>>> [t[a:b] for a, b in find_sentences(t)]
['Sen. Doug Jones won.', 'The U.S. border saw 3,000 arrests in Jan. 2019!', 'Next line', 'New one.']
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset("""
mr mrs ms dr st sen rep gov gen lt col sgt capt cmdr adm maj prof rev hon pres jr sr inc corp co ltd
jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc fig approx est dept univ ave blvd mt ft
u.s u.k u.n e.u a.m p.m d.c i.e e.g
""".split())
# "[.!?][.!?]*" rather than "[.!?]+" (the same matches): a pattern that opens with a plain
# character set lets re skip, in its C loop, the characters that cannot start a match; a
# repeat first makes it try the whole pattern at every offset (twice the time, measured)
_END_RE = re.compile(r"[.!?][.!?]*[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
# a line, and the lines after it that a single line break wraps into it: text wrapped at a fixed
# width ("cleared 80 acres (32.4\nhectares)") goes on in lower case, while a heading, a list
# item or a paragraph starts with a capital, a digit or a mark, or after a blank line
_LINE_RE = re.compile(r"[^\n]+(?:\n(?=[ \t]*[a-z])[^\n]+)*")


def find_sentences(text: str, near: list[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence; whitespace around sentences is left out.

    With ``near`` (offsets), only the lines holding one of them are split.
    """
    spans: list[tuple[int, int]] = []
    for a, b in _lines(text, near):
        begin = a
        # str(): the typed loop takes an exact str; a subclass (numpy.str_) is read as one
        for end in (_end_marks(str(text), a, b) if COMPILED else [m.end() for m in _END_RE.finditer(text, a, b)]):
            last = _last_word(text, begin, end)
            if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            spans.append(_strip(text, begin, end))
            begin = end
        if begin < b:
            spans.append(_strip(text, begin, b))
    # the spans are stripped already, so one no longer than MAX_SENTENCE is its own only piece
    # (what _cut returns for it), without a call per sentence
    return [piece for a, b in spans if b > a
            for piece in (((a, b),) if b - a <= MAX_SENTENCE else _cut(text, a, b))]


_CLOSERS = "\"”’')]"

# Compiled (numcheck/compiled.py), the sentence ends are found by a loop over the characters
# typed by sentences.pxd, as scan.py's scan is and for the same reason; as source, _END_RE.
COMPILED = not __file__.endswith(".py")


def _end_marks(text: str, a: int, b: int) -> list[int]:
    """The ends of ``_END_RE``'s matches in ``text[a:b]``: a run of end marks, closing quotes
    and brackets, white space (at least one), and then, not taken, a capital or a digit,
    perhaps after an opening quote or bracket.  Every character of a run of end marks gives
    the same match (the characters after the run decide it), so a failed run is passed whole."""
    ends: list[int] = []
    i = a
    while i < b:
        c = text[i]
        if not (c == "." or c == "!" or c == "?"):
            i += 1
            continue
        q = i + 1
        while q < b and (text[q] == "." or text[q] == "!" or text[q] == "?"):
            q += 1
        r = q
        while r < b and text[r] in _CLOSERS:
            r += 1
        s = r
        while s < b and text[s].isspace():
            s += 1
        if s > r and s < b:
            c = text[s]
            if c in "\"“‘([" and s + 1 < b:
                c = text[s + 1]
            if ("A" <= c <= "Z") or ("0" <= c <= "9"):
                ends.append(s)
                i = s
                continue
        i = q
    return ends
_WORD_STR = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."


def _last_word(text: str, begin: int, end: int) -> str:
    r"""The word before the sentence end that closes at ``end`` ("Jan" in "in Jan. 2019"),
    lower case, dots stripped; "" when none.

    This is the first group of ``([A-Za-z.]+)[.!?]*["”’')\]]*\s+$`` searched in
    ``text[begin:end]``, read backwards from the end: that search, anchored with ``$``, was
    tried from every offset of the sentence (a fifth of find_sentences' time on the
    bundled corpus), while the answer only depends on the characters before the
    end mark: the trailing white space, closing quotes and brackets, end marks
    (``[.!?]``, whose dots may belong to the word), then the run of letters and
    dots.  The leftmost match starts where that run starts, so both give the same
    word once trailing dots are stripped (tests/test_sentences.py checks it).
    """
    i = end
    while i > begin and text[i - 1].isspace():
        i -= 1
    if i == end:
        return ""  # the pattern ends in white space (so does every match of _END_RE)
    while i > begin and text[i - 1] in _CLOSERS:
        i -= 1
    while i > begin and text[i - 1] in ".!?":
        i -= 1
    # the run of letters and dots before ``i``: what ``rstrip`` of those characters leaves off the
    # text from ``begin`` (one C call, where a Python step per letter was half of this function)
    before = text[begin:i]
    return before[len(before.rstrip(_WORD_STR)):].lower().rstrip(".")


MAX_SENTENCE = 800  # characters; a "sentence" longer than this (a table, a run-on list) is cut


def _cut(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of at most MAX_SENTENCE characters, cut at the last separator (';', ',', space) before
    the limit, so a text without sentence ends is not one huge quote in every claim."""
    pieces = []
    while b - a > MAX_SENTENCE:
        window = text[a:a + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "))
        if cut < MAX_SENTENCE // 2:
            cut = window.rfind(" ")
        cut = a + (cut + 1 if cut > 0 else MAX_SENTENCE)
        pieces.append(_strip(text, a, cut))
        a = cut
    pieces.append(_strip(text, a, b))
    return [p for p in pieces if p[1] > p[0]]


def _lines(text: str, near: list[int] | None) -> list[tuple[int, int]]:
    if near is None:
        return [(m.start(), m.end()) for m in _LINE_RE.finditer(text)]
    lines: list[tuple[int, int]] = []
    last = len(text) - 1
    for pos in sorted(near):
        if lines and pos < lines[-1][1]:
            continue
        a = text.rfind("\n", 0, pos) + 1
        # the first character of a line, by a set's lookup, rules out most lines at once
        while a >= 2 and text[a] in _WRAP_STARTS and text[a - 2] != "\n" and _WRAPPED_RE.match(text, a):
            a = text.rfind("\n", 0, a - 1) + 1  # a wrapped line: its line goes on from the one before
        b = text.find("\n", pos)
        while 0 <= b < last and text[b + 1] in _WRAP_STARTS and _WRAPPED_RE.match(text, b + 1):
            b = text.find("\n", b + 1)
        lines.append((a, len(text) if b < 0 else b))
    return lines


_WRAPPED_RE = re.compile(r"[ \t]*[a-z]")  # the start of a line a single line break wraps (_LINE_RE)
_WRAP_STARTS = frozenset("abcdefghijklmnopqrstuvwxyz \t")


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
