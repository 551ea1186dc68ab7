"""Start-up: the first usable screen of `granska` (10,000 cases) against a bare Textual app.

Both are launched the same way in the same run, in tmux, alternately. The bare
app's figure is its first paint (its one Static shows). Granska's is its first
usable screen: the first page of case rows is on screen (the "rader 1–N av M"
line below the rows, drawn in the same frame) and a key acts on it: the moment
the rows show, the script presses `s` (the status filter) and waits for the
filter line to say so; a key that did nothing would stop the script. Budget:
Granska's best of N ≤ 1.5 × the bare app's best of N; the spread of every run
is printed too, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BIN, big_review_db, tmux_time_to_marker, tmux_times_to_markers, verdict

RUNS = 5
BUDGET = 1.5
ROWS = "rader 1–"  # the list's "rows 1–N of M" line, Swedish being the default language
KEY, ACTED = "s", "Status: ej påbörjad"  # the status filter's first step, on the same line


def spread(times: list[float]) -> str:
    return (f"best {min(times):.3f} s, median {statistics.median(times):.3f} s, "
            f"worst {max(times):.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--quick", action="store_true", help="best of 2")
    args = parser.parse_args()
    if args.quick:
        args.runs = min(args.runs, 2)
    from store import current_user

    # Start both apps from compiled bytecode, as installed apps do: pip compiled Textual
    # when it installed it, but an editable Granska has its bytecode written on first
    # run only, and never where PYTHONDONTWRITEBYTECODE is set (as in some shells).
    root = Path(__file__).resolve().parents[1]
    for package in sorted(p.parent for p in root.glob("*/__init__.py")):
        compileall.compile_dir(package, quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="granska-bench-"))
    db = big_review_db(folder / "startup.db", args.cases, current_user())
    # alternate the two so that a busy moment on a shared machine hits both alike
    bare_times, usable_times, key_times = [], [], []
    for _ in range(args.runs):
        bare_times.append(tmux_time_to_marker(
            f"{sys.executable} {Path(__file__).parent / 'bare_app.py'}", "Granska"))
        rows, acted = tmux_times_to_markers(f"{BIN / 'granska'} --db {db}", [ROWS, ACTED],
                                            keys_after={ROWS: KEY})
        usable_times.append(rows)
        key_times.append(acted - rows)
    shutil.rmtree(folder, ignore_errors=True)
    bare, usable = min(bare_times), min(usable_times)
    ratio = usable / bare
    print(f"startup  bare Textual first paint: {spread(bare_times)}")
    print(f"startup  granska first usable screen ({args.cases:,} cases): {spread(usable_times)}")
    print(f"startup  '{KEY}' pressed as the rows showed acted {spread(key_times)} later")
    print(f"startup  ratio of the bests {ratio:.2f} (each run: "
          + ", ".join(f"{u / b:.2f}" for u, b in zip(usable_times, bare_times, strict=True))
          + ")")
    print(verdict(f"start-up, first usable screen / bare Textual first paint "
                  f"({args.cases:,} cases, best of {args.runs})", ratio, BUDGET, "×"))
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
