"""Start-up: `granska` on a 10,000-case database against a bare Textual app, both in tmux.

Budget: Granska's best of 5 ≤ 1.3 × the bare app's best of 5, where each is
the time from launch until its first screen shows the marker "Granska".
It also prints when the first page of cases is on screen: the case list
paints first and reads its rows right after, so that figure has no budget
but shows what the first frame does not include.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BIN, big_review_db, tmux_time_to_marker, tmux_times_to_markers, verdict

RUNS = 5


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
    for package in ("tui", "store", "review_protocols", "samples", "tallies"):
        compileall.compile_dir(root / package, quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="granska-bench-"))
    db = big_review_db(folder / "startup.db", args.cases, current_user())
    # alternate the two so that a busy moment on a shared machine hits both alike
    bare_times, granska_times, rows_times = [], [], []
    for _ in range(args.runs):
        bare_times.append(tmux_time_to_marker(
            f"{sys.executable} {Path(__file__).parent / 'bare_app.py'}", "Granska"))
        # the marker, and the first page of cases (its "rows 1–N of M" line) that follows it
        first, rows = tmux_times_to_markers(f"{BIN / 'granska'} --db {db}",
                                            ["Granska", "rader 1–"])
        granska_times.append(first)
        rows_times.append(rows)
    shutil.rmtree(folder, ignore_errors=True)
    bare, granska = min(bare_times), min(granska_times)
    ratio = granska / bare
    print(f"startup  bare Textual {bare:.3f} s  granska ({args.cases:,} cases) {granska:.3f} s  "
          f"(best of {args.runs} each)  ratio {ratio:.2f}")
    print(f"startup  granska's first page of cases shown after {min(rows_times):.3f} s "
          f"(best of {args.runs}; no budget: the rows follow the first frame)")
    print(verdict(f"start-up, granska / bare Textual ({args.cases:,} cases)", ratio, 1.3, "×"))
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
