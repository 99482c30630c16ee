"""Every error numcheck raises on purpose, and its warning classes.

Errors carry their facts as attributes (``path``, ``line``, ``reason``,
``hint``) so the CLI, the pytest plugin and the notebook can format them
without parsing strings.  Each one also inherits from the builtin a caller
would naturally catch (``ValueError``, ``TypeError``, ``AssertionError``).
"""

from __future__ import annotations

from pathlib import Path


class NumcheckError(Exception):
    """Base for every error numcheck raises on purpose."""


class InputError(NumcheckError, ValueError):
    """A file, table or argument numcheck cannot use.

    >>> str(InputError("stories/a.txt", "not valid UTF-8", line=3, hint="save it as UTF-8"))
    'stories/a.txt:3: not valid UTF-8 (save it as UTF-8)'
    """

    def __init__(self, path: str | Path | None, reason: str, *, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(path, reason, line, hint)
        self.path, self.reason, self.line, self.hint = path, reason, line, hint

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.reason}" + (f" ({self.hint})" if self.hint else "")


class ConfigError(InputError):
    """A numcheck.toml that cannot be used; names the file, the key and what is allowed."""


class RuleDefinitionError(NumcheckError, TypeError):
    """A rule class that breaks the rule contract (code, name, docstring sections)."""


class InconsistentClaims(NumcheckError, AssertionError):
    """Raised by :func:`numcheck.assert_consistent`; ``.discrepancies`` holds the findings."""

    def __init__(self, message: str, discrepancies) -> None:  # discrepancies: pandas.DataFrame
        super().__init__(message)
        self.discrepancies = discrepancies


class SkippedDocument(UserWarning):
    """An unreadable, empty or binary file was skipped; the message names the path and why."""


class DecodingFallback(UserWarning):
    """A file was not UTF-8 and was decoded with a fallback encoding (named in the message)."""


class CacheWarning(UserWarning):
    """The claims store was damaged and rebuilt, or could not be used (the run went on without it)."""


class NumcheckWarning(UserWarning):
    """A warning-level finding, raised as a Python warning by the pytest plugin."""
