"""``python -m numcheck.accuracy [FILES...]``: the tables for FILES, or for every gold file of the bench."""

import sys
from pathlib import Path

from . import default_bench_dir, format_table, run


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or sorted(default_bench_dir().glob("*.jsonl"))
    print(format_table(run(files)))


if __name__ == "__main__":
    main(sys.argv[1:])
