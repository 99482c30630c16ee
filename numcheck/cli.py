"""The ``numcheck`` command: extract | check | export | report | rules | cache | bench.

Exit codes (as sqlfluff's): 0 clean, 1 an error-level finding, 2 bad usage or input.
The library never prints; this module owns stderr, stdout and exit codes.

``check``, ``export`` and ``extract`` keep each document's claims in a store beside
the corpus (``.numcheck/claims.sqlite``; ``--cache-dir`` elsewhere, ``--no-cache``
not at all), so a re-check extracts only new or changed documents.  Progress
goes to stderr as one updating line, only on a terminal and never with ``--quiet``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _corpus_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="files or folders (.txt, .md, .html, .csv, .tsv, .jsonl, .parquet), or a numcheck.toml")
    p.add_argument("--example", metavar="NAME", help="use a bundled example corpus (zero-tolerance, earthquake, city-budget, cooker-recall, election, earnings, health-study)")
    p.add_argument("--rules", metavar="FILE", dest="config", help="a numcheck.toml with rules, tolerances, "
                                                                 "references and accepted findings")
    p.add_argument("--quiet", action="store_true", help="no progress or warnings on stderr")


def _engine_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this machine, extraction on --workers processes (default); "
                        "dask: a Dask cluster (--scheduler, or a LocalCluster started here)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler of a running "
                                                         "cluster, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--workers", type=_positive_int, metavar="N", help="processes for extraction "
                                                                       "(default: one per CPU)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the claims store")
    p.add_argument("--cache-dir", metavar="DIR", help="keep the claims store in DIR "
                                                      "(default: .numcheck/ beside the corpus)")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="numcheck", description="Find where sources disagree about a figure.")
    parser.add_argument("--version", action="version", version=f"numcheck {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="write the claims table (one row per figure)")
    _corpus_args(p)
    _engine_args(p)
    p.add_argument("--out", "-o", metavar="FILE", help="write CSV here (default: print a table)")

    p = sub.add_parser("check", help="print the discrepancies; exit 1 when there is an error-level one")
    _corpus_args(p)
    _engine_args(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")

    p = sub.add_parser("export", help="write the discrepancies CSV")
    _corpus_args(p)
    _engine_args(p)
    p.add_argument("--out", "-o", metavar="FILE", required=True)

    p = sub.add_parser("report", help="execute the notebook report and write HTML")
    _corpus_args(p)
    p.add_argument("--out", "-o", metavar="FILE", default="reports/report.html")
    p.add_argument("--ipynb", action="store_true", help="also keep the executed notebook beside the HTML")
    p.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")

    p = sub.add_parser("rules", help="list the rules")
    p.add_argument("--list", action="store_true", help="(default) one line per rule")

    p = sub.add_parser("cache", help="the claims store: 'clear' deletes it, 'info' describes it")
    p.add_argument("action", choices=("clear", "info"))
    p.add_argument("path", nargs="?", default=".", help="the corpus whose store is meant (default: .)")
    p.add_argument("--cache-dir", metavar="DIR", help="the store in DIR instead of beside the corpus")

    p = sub.add_parser("bench", help="speed against quantulum3, a scale run (--docs N), or accuracy")
    p.add_argument("what", nargs="*", help="'accuracy FILES...' for the accuracy table; nothing for speed")
    p.add_argument("--mb", type=float, default=5.0, help="speed: MB of text to extract (default 5)")
    p.add_argument("--corpus", metavar="PATH", help="speed: texts to repeat (default: the bundled example)")
    p.add_argument("--docs", type=_positive_int, metavar="N", help="scale: generate N synthetic articles "
                                                                   "and time every stage of a check")
    p.add_argument("--seed", type=int, default=0, help="scale: seed of the synthetic corpus (default 0)")
    p.add_argument("--out", metavar="DIR", help="scale: write the corpus here (default: a temporary folder)")
    p.add_argument("--workers", type=_positive_int, metavar="N", help="scale: extraction processes "
                                                                       "(default: one per CPU)")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .errors import NumcheckError

    status = StatusLine(sys.stderr) if _show_progress(args) else None
    args.progress = status
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code = _COMMANDS[args.command](args)
            finally:
                if status is not None:
                    status.close()
        _print_warnings(caught, getattr(args, "quiet", False))
        return code
    except NumcheckError as exc:
        print(f"numcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (TypeError, ValueError, FileNotFoundError) as exc:
        print(f"numcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _print_warnings(caught, quiet: bool) -> None:
    from .errors import CacheWarning, DecodingFallback, SkippedDocument

    for w in caught:
        if issubclass(w.category, (SkippedDocument, DecodingFallback, CacheWarning)) and not quiet:
            print(f"numcheck: warning: {w.message}", file=sys.stderr)


def _inputs(args):
    paths = args.paths or None
    if paths and len(paths) == 1:
        paths = paths[0]
    if paths is None and not args.example and not args.config:
        raise ValueError("give PATHS, --example NAME or --rules numcheck.toml (see numcheck --help)")
    return paths


def _show_progress(args) -> bool:
    return not getattr(args, "quiet", False) and args.command in ("check", "export", "extract", "bench") \
        and sys.stderr.isatty()


class StatusLine:
    """Progress as one line on a terminal, rewritten in place and wiped at the end."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, message: str) -> None:
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns - 1
        self.stream.write("\r\033[K" + f"numcheck: {message}"[:width])
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _cache(args):
    if args.no_cache:
        return False
    return args.cache_dir or True


def _check(args):
    from .engine import check

    return check(_inputs(args), config=args.config, example=args.example, progress=args.progress,
                 engine=args.engine, scheduler=args.scheduler, workers=args.workers, cache=_cache(args))


def cmd_extract(args) -> int:
    from .engine import Run, extract_claims, load_documents, open_store, resolve_config

    if args.engine == "dask" or args.scheduler:
        raise ValueError("numcheck extract runs on this machine; --engine dask is for check and export")
    inputs, config = resolve_config(_inputs(args), args.config)
    run = Run(args.progress)
    documents = load_documents(inputs, args.example, config, run)
    with open_store(inputs, args.example, config, _cache(args)) as store:
        frame = extract_claims(documents, store=store, workers=args.workers, run=run)
    if args.out:
        from .export import atomic_write_text, safe_csv_text

        atomic_write_text(args.out, safe_csv_text(frame))  # article text must not run in a spreadsheet
        if not args.quiet:
            print(f"numcheck: wrote {len(frame)} claims to {args.out}", file=sys.stderr)
    else:
        cols = ["doc_id", "line", "surface", "kind", "value", "low", "high", "qualifier", "unit", "noun",
                "context", "time_scope"]
        print(frame[cols].to_string(max_rows=200, max_colwidth=40))
    return EXIT_OK


def cmd_check(args) -> int:
    from .report import render

    result = _check(args)
    print(render(result, args.format))
    return EXIT_OK if result.ok else EXIT_FINDINGS


def cmd_export(args) -> int:
    from .export import export_csv

    result = _check(args)
    path = export_csv(result, args.out)
    if not args.quiet:
        print(f"numcheck: wrote {len(result.discrepancies)} discrepancies to {path}", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FINDINGS


def cmd_report(args) -> int:
    from .notebook import render_report

    inputs = args.paths[0] if len(args.paths) == 1 else (args.paths or None)
    path = render_report(inputs, args.out, example=args.example, config_path=args.config,
                         keep_ipynb=args.ipynb, show_code=args.show_code,
                         progress=None if args.quiet or not sys.stderr.isatty()
                         else (lambda m: print(f"numcheck: {m}", file=sys.stderr)))
    print(f"numcheck: wrote {path}", file=sys.stderr)
    return EXIT_OK


def cmd_cache(args) -> int:
    from .store import ClaimStore, remove_store_files, store_path

    path = store_path(args.path, args.cache_dir)
    if args.action == "clear":
        removed = remove_store_files(path)
        print(f"numcheck: removed {path}" if removed else f"numcheck: no store at {path}", file=sys.stderr)
        return EXIT_OK
    if not path.exists():
        print(f"{path}: no store")
        return EXIT_OK
    with ClaimStore(path) as store:
        print(f"{path}: {store.count():,} documents for extractor {store.version}, "
              f"{path.stat().st_size / 1e6:.1f} MB")
    return EXIT_OK


def cmd_rules(args) -> int:
    from .rules import REGISTRY

    for cls in REGISTRY.values():
        print(f"{cls.code}  {cls.name:<20} {cls.severity.value:<8} {cls.description}")
    return EXIT_OK


def cmd_bench(args) -> int:
    if args.what and args.what[0] == "accuracy":
        from .accuracy import format_table, run

        files = [Path(f) for f in args.what[1:]]
        if not files:
            raise ValueError("numcheck bench accuracy needs gold JSONL files, e.g. ../shared/bench/*.jsonl")
        print(format_table(run(files)))
        return EXIT_OK
    if args.what:
        raise ValueError(f"unknown bench {args.what[0]!r}; use 'numcheck bench' or 'numcheck bench accuracy FILES'")
    if args.docs:
        from .bench import run_scale

        print(run_scale(args.docs, seed=args.seed, out=args.out, workers=args.workers,
                        say=lambda line: print(line, file=sys.stderr, flush=True),
                        show_progress=args.progress is not None))
        return EXIT_OK
    from .bench import run_speed

    print(run_speed(mb=args.mb, corpus=args.corpus))
    return EXIT_OK


_COMMANDS = {"extract": cmd_extract, "check": cmd_check, "export": cmd_export, "report": cmd_report,
             "rules": cmd_rules, "cache": cmd_cache, "bench": cmd_bench}

if __name__ == "__main__":
    raise SystemExit(main())
