"""A rule's docstring, read: its sections and the examples they hold.

Docstring format
----------------
The first docstring line is the one-sentence description.  Two sections are
required, ``Consistent::`` and ``Inconsistent::``; each holds at least two
indented example lines, from at least two sources, of the form::

    "<a short sentence with a figure>"  (<source>)
    "<a short sentence with a figure>"  (<source>, <YYYY-MM-DD publication date>)

:func:`docstring_examples` parses them; ``tests/test_rule_docs.py`` runs each
block through the real pipeline, one document per line, and expects no
warning or error of the rule for the consistent block and at least one for the
inconsistent block (info findings, such as a superseded figure, are notes and
count as neither).  A rule whose examples need configuration adds a
``Config::`` section holding ``numcheck.toml`` text (see :func:`docstring_config`).
"""

from __future__ import annotations

import inspect
import re
from datetime import date
from typing import NamedTuple


class Example(NamedTuple):
    """One docstring example line: the text, its source and (optionally) its publication date."""

    text: str
    source: str
    published: date | None = None


SECTIONS = ("Consistent", "Inconsistent")
_HEADER = re.compile(r"^\s*(?P<name>[A-Z][A-Za-z ]*)::\s*$")
_EXAMPLE = re.compile(r'^\s+"(?P<text>.+)"\s+\((?P<source>[^,()]+?)'
                      r'(?:,\s*(?P<published>\d{4}-\d{2}-\d{2}))?\)\s*$')


def docstring_sections(rule_cls: type) -> dict[str, list[str]]:
    """The indented lines under each ``Name::`` header of a docstring, blank lines dropped."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in inspect.cleandoc(rule_cls.__doc__ or "").splitlines():
        header = _HEADER.match(line)
        if header:
            current = sections.setdefault(header["name"].strip().lower(), [])
        elif line.startswith((" ", "\t")) and current is not None:
            current.append(line)
        elif line.strip():
            current = None
    return sections


def docstring_examples(rule_cls: type) -> dict[str, list[Example]]:
    """``{"consistent": [...], "inconsistent": [...]}`` from the rule's docstring.

    Raises ValueError naming the line that does not follow the format in the module docstring.
    """
    sections = docstring_sections(rule_cls)
    examples = {}
    for section in SECTIONS:
        parsed = []
        for line in sections.get(section.lower(), []):
            match = _EXAMPLE.match(line)
            if not match:
                raise ValueError(f"{section}:: line {line.strip()!r} is not "
                                 f'"<text>"  (<source>[, YYYY-MM-DD])')
            published = date.fromisoformat(match["published"]) if match["published"] else None
            parsed.append(Example(match["text"], match["source"].strip(), published))
        examples[section.lower()] = parsed
    return examples


def docstring_config(rule_cls: type) -> str:
    """The ``numcheck.toml`` text of the rule's ``Config::`` section, or "" when it has none."""
    lines = docstring_sections(rule_cls).get("config", [])
    indent = min((len(line) - len(line.lstrip()) for line in lines), default=0)
    return "\n".join(line[indent:] for line in lines)
