"""Start-up: `granska` on a 10,000-case database against a bare Textual app, both in tmux.

Budget: Granska's best of 5 ≤ 1.3 × the bare app's best of 5, where each is
the time from launch until its first screen shows the marker "Granska".
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BIN, big_review_db, tmux_time_to_marker

RUNS = 5


def main() -> None:
    from store import current_user

    folder = Path(tempfile.mkdtemp(prefix="granska-bench-"))
    db = big_review_db(folder / "startup.db", 10_000, current_user())
    bare = min(tmux_time_to_marker(f"{sys.executable} {Path(__file__).parent / 'bare_app.py'}",
                                   "Granska") for _ in range(RUNS))
    granska = min(tmux_time_to_marker(f"{BIN / 'granska'} --db {db}", "Granska")
                  for _ in range(RUNS))
    ratio = granska / bare
    verdict = "ok" if ratio <= 1.3 else "OVER BUDGET"
    print(f"startup  bare Textual {bare:.3f} s  granska (10,000 cases) {granska:.3f} s  "
          f"ratio {ratio:.2f}  budget ≤ 1.30  {verdict}")


if __name__ == "__main__":
    main()
