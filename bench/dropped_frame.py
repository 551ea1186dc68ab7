"""Textual drops the first frame of a mode's screen: a minimal reproduction.

The app has one mode, whose screen shows a page of rows in a DataTable. Textual
(8.2) mounts that screen inside the app's start-up ``batch_update()``; the
screen's first repaint runs while the batch is still open, and ``App._display``
throws the frame away, though the compositor counts it as drawn. The next frame
waits for the screen's update timer.

Run bare, the script launches the app in tmux, as it is and with Granska's
workaround (``tui.held_frames``), alternately, and prints for each when the rows
showed and what happened to the frames rendered. ``--child plain|held LOG`` is
the app itself.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

START = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

MARKER = "the first page of rows"


def drawn_text(update: Any) -> str:
    """The text a compositor update draws (a whole frame, or changed spans of lines)."""
    if hasattr(update, "strips"):  # LayoutUpdate: every line
        return "".join(strip.text for line in update.strips for strip in line)
    return "".join(strip.text for chop in update.chops for strip in chop.values() if strip)


def child(variant: str, log: Path) -> None:
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import DataTable

    from tui.held_frames import HeldFramesApp

    frames: list[dict[str, Any]] = []

    class Rows(Screen[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_column("rows")
            table.add_rows([(MARKER,)] * 15)

    base: type[App[None]] = HeldFramesApp if variant == "held" else App

    class Repro(base):  # type: ignore[valid-type,misc]
        MODES = {"rows": Rows}
        DEFAULT_MODE = "rows"

        def _display(self, screen: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append({"ms": round((time.perf_counter() - START) * 1000, 1),
                               "in_batch": bool(self._batch_count),
                               "kind": type(renderable).__name__,
                               "rows": MARKER in drawn_text(renderable)})
                log.write_text(json.dumps(frames))  # tmux ends the app once the text shows
            super()._display(screen, renderable)

    Repro().run()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "LOG"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0
    from common import tmux_time_to_marker

    shown: dict[str, list[float]] = {"plain": [], "held": []}
    in_batch = {"plain": " in the batch (dropped)", "held": " in the batch (written at its end)"}
    log = Path(tempfile.mkdtemp(prefix="granska-frame-")) / "frames.json"
    for _ in range(args.runs):
        for variant in shown:
            command = f"{sys.executable} {Path(__file__).resolve()} --child {variant} {log}"
            shown[variant].append(tmux_time_to_marker(command, MARKER))
            if log.exists():
                frames = json.loads(log.read_text())
                print(f"dropped_frame  {variant:5} frames: " + "; ".join(
                    f"{f['kind']} at {f['ms']} ms{in_batch[variant] if f['in_batch'] else ''}"
                    f"{' with the rows' if f['rows'] else ''}" for f in frames))
                log.unlink()
    for variant, times in shown.items():
        print(f"dropped_frame  {variant:5} the rows showed after: "
              f"best {min(times):.3f} s, median {statistics.median(times):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
