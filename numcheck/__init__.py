"""numcheck: find where sources disagree about the same figure.

The pipeline is corpus -> extract -> measures -> rules -> report::

    import numcheck
    claims = numcheck.extract("stories/")          # one row per figure
    result = numcheck.check("stories/")            # claims, measures, discrepancies
    numcheck.assert_consistent("stories/")         # raises InconsistentClaims
"""

from __future__ import annotations

from . import compiled as _compiled

_compiled.install()  # before the compiled modules are first imported: never a stale one

from .errors import (ConfigError, InconsistentClaims, InputError, NumcheckError, NumcheckWarning,  # noqa: E402
                     RuleDefinitionError, SkippedDocument)
from .records import (Change, CheckResult, Claim, Document, Finding, Interval, Kind, Measure,  # noqa: E402
                      Qualifier, Severity)

from .extract import extract, extract_text  # noqa: E402  (binds the names over the subpackage)

__version__ = "0.1.0"

__all__ = [
    "extract", "extract_text", "check", "assert_consistent", "load", "export_csv", "render_report",
    "load_config", "Config",
    "Claim", "Document", "Finding", "Interval", "Measure", "CheckResult",
    "Kind", "Qualifier", "Severity", "Change",
    "NumcheckError", "InputError", "ConfigError", "RuleDefinitionError", "InconsistentClaims",
    "SkippedDocument", "NumcheckWarning", "__version__",
]


def __getattr__(name: str):
    # The later stages (rules, notebooks) are imported on first use, which keeps
    # `import numcheck` (and pytest's plugin loading) cheap.  `extract` is bound
    # eagerly above: the function shares its name with the subpackage.
    if name == "check":
        from .engine import check
        return check
    if name == "load":
        from .corpus import load
        return load
    if name == "assert_consistent":
        from .testing import assert_consistent
        return assert_consistent
    if name == "export_csv":
        from .export import export_csv
        return export_csv
    if name == "render_report":
        from .notebook import render_report
        return render_report
    if name in ("load_config", "Config"):
        from . import config as _c
        return getattr(_c, name)
    raise AttributeError(f"module 'numcheck' has no attribute {name!r}")
