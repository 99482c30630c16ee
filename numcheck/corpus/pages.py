"""Saved web pages (``.html``, ``.htm``) as documents; rules under *HTML pages* in :mod:`numcheck.corpus`."""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import astuple
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import InputError
from ..records import Document
from .text import (
    _cell,
    _Found,
    clean_text,
    load_bytes,
    parse_date,
    to_document,
    to_text,
)

HTML_LIMIT = 5_000_000  # characters of markup left once scripts, styles and data: URIs are dropped
_HEAVY = re.compile(r"<(/?)(script|style|svg|template)\b([^<>]*)>", re.I)
_DATA_URI = re.compile(r"""\b(src|href|srcset|poster)\s*=\s*(["'])data:[^"'<>]*\2""", re.I)
_CHARSET = re.compile(rb"""<meta\b[^<>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
_SKIP_TAGS = frozenset({"head", "nav", "header", "footer", "aside", "form", "button", "select",
                        "iframe", "object", "noscript", "title", "figcaption"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                         "section", "article", "main", "blockquote", "pre", "ul", "ol", "table", "dd", "dt"})
_SPACES = re.compile(r"[ \t\u00a0]+")
_CONTAINER = re.compile(r"<(/?)(?:div|span|section|article|main|table|ul|ol|blockquote|font|center)\b[^<>]*>", re.I)
_MAX_NESTING = 200
# htmldate compares dates with a latest date that defaults to today: pinned, so a page reads the same any day
_DATE_PARAMS = MappingProxyType({"extensive_search": False, "original_date": True,
                                 "min_date": "1995-01-01", "max_date": "2099-12-31"})


def load_page(path: Path, doc_id: str) -> Document:
    """One saved web page as a Document (rules in the module docstring)."""
    data = load_bytes(path)
    markup, encoding = to_text(data, path, declared_charset(data))
    page = parse_page(markup, str(path))
    if page is None:
        raise InputError(path, "no article text in the page")
    return to_document(page.text, doc_id=doc_id, default_source=path.stem, path=str(path), encoding=encoding,
                       source=page.source, published=page.published, title=page.title, url=page.url)


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` names in its first 2 KB, if Python knows it.

    >>> declared_charset(b'<meta charset="ISO-8859-1">'), declared_charset(b"<p>x</p>")
    ('iso8859-1', None)
    """
    m = _CHARSET.search(data, 0, 2048)
    if m is None:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except LookupError:
        return None


def parse_page(markup: str, where: str = "<page>") -> _Found | None:
    """The article text and metadata of a page; None when it holds no text.

    ``where`` names the page in the error raised for a page too large to read.
    """
    markup = strip_heavy(markup)
    if len(markup) > HTML_LIMIT:
        raise InputError(where, f"page too large ({len(markup):,} characters of markup; "
                                f"numcheck reads up to {HTML_LIMIT:,})", hint="save the article as .txt")
    found = _trafilatura(markup, article=nesting(markup) <= _MAX_NESTING)
    if found is None or not found.text.strip():
        text = fallback_text(markup)
        found = _Found(text, *(astuple(found)[1:] if found else ()))
    return found if found.text.strip() else None


def nesting(markup: str) -> int:
    """How deep container elements (``div``, ``span``, ``table``…) nest in the markup.

    lxml stops building the tree some 255 levels down, and trafilatura then finds its
    article in whatever is left (a menu); past ``_MAX_NESTING`` the fallback reads the page.

    >>> nesting("<div><div><span>x</span></div><p>y</div>")
    3
    """
    depth = deepest = 0
    for m in _CONTAINER.finditer(markup):
        depth = max(0, depth - 1) if m[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _trafilatura(markup: str, article: bool = True) -> _Found | None:
    """trafilatura's article text (empty unless ``article``) and metadata of a page."""
    import trafilatura  # imported here: it costs a second, and most corpora are plain text

    try:
        doc = None
        if article:
            doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                              include_tables=True, deduplicate=False,
                                              date_extraction_params=dict(_DATE_PARAMS))
        if doc is None:  # no article found: the metadata still names the page
            doc = trafilatura.extract_metadata(markup, date_config=dict(_DATE_PARAMS), extensive=False)
    except Exception:  # a parser failing on hostile markup: the fallback reads the page instead
        return None
    if doc is None:
        return None
    host = (doc.hostname or "").removeprefix("www.") or None
    return _Found(clean_text(doc.text or ""), _tidy(doc.sitename) or host, parse_date(doc.date or ""),
                  _tidy(doc.title), _tidy(doc.url))


def _tidy(value: Any) -> str | None:
    return _cell(clean_text(value)) if isinstance(value, str) else None


def strip_heavy(markup: str) -> str:
    """The markup without comments, scripts (JSON-LD kept), styles, SVG, templates and ``data:`` URIs.

    One pass over the tags, so unclosed or nested tags cost no more than the page's length.

    >>> strip_heavy('<p>a<script>x="<style>"</script>b<!-- c --></p><img src="data:image/png;base64,AAA">')
    '<p>ab</p><img >'
    """
    out: list[str] = []
    keep_from, inside, depth = 0, "", 0
    for m in _HEAVY.finditer(markup):
        closing, name, alone = bool(m[1]), m[2].lower(), m[0].endswith("/>")
        if inside:  # script and style are raw text: only their own end tag counts
            if name == inside:
                depth += -1 if closing else int(not alone and name not in ("script", "style"))
                inside, keep_from = (inside, keep_from) if depth else ("", m.end())
            continue
        if closing or (name == "script" and "ld+json" in m[3].lower()):
            continue  # JSON-LD holds the page's dates and names
        out.append(markup[keep_from:m.start()])
        keep_from, inside, depth = m.end(), ("" if alone else name), int(not alone)
    if not inside:
        out.append(markup[keep_from:])
    markup = _drop_comments("".join(out))
    return _DATA_URI.sub("", markup) if "data:" in markup else markup


def _drop_comments(markup: str) -> str:
    out, pos = [], 0
    while (start := markup.find("<!--", pos)) >= 0:
        out.append(markup[pos:start])
        end = markup.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        pos = end + 3
    out.append(markup[pos:])
    return "".join(out)


def fallback_text(markup: str) -> str:
    """The text of a page outside its head, navigation, headers, footers, asides and forms.

    A single pass over the tags with a depth count, linear in the page's length.

    >>> fallback_text("<nav>Home 5</nav><p>More than 3,000 &amp; more</p>Tail<footer>(c) 2020</footer>")
    'More than 3,000 & more\\nTail'
    """
    out: list[str] = []
    pos, skipping = 0, 0
    for m in _TAG.finditer(markup):
        if not skipping:
            out.append(markup[pos:m.start()])
        name = m[2].lower()
        if name in _SKIP_TAGS and not m[0].endswith("/>"):
            skipping = max(0, skipping - 1) if m[1] else skipping + 1
        elif name in _BLOCK_TAGS and not skipping:
            out.append("\n")
        pos = m.end()
    if not skipping:
        out.append(markup[pos:])
    lines = (_SPACES.sub(" ", line).strip() for line in html.unescape("".join(out)).split("\n"))
    return clean_text("\n".join(line for line in lines if line))


# -- tables -----------------------------------------------------------------------
