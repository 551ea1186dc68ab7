"""Long work started from a screen (a draw, an export): in a thread worker, on a
connection of its own, with a progress line, so the screen stays responsive.

The worker's connection is its own because the screen's goes on reading while the
work writes; the UI connection sees the result once the work has committed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen
from textual.widgets import Static

from jobs.i18n import grouped, t
from tui.session import session_of

if TYPE_CHECKING:
    from samples.tabular import ProgressCallback
    from store.database import Database

Result = TypeVar("Result")
REPAINT_SECONDS = 0.1  # the line is redrawn at most this often


class ProgressLine(Static):
    """One line under the screen's content, shown only while long work runs."""

    DEFAULT_CSS = """
    ProgressLine { height: 1; display: none; padding: 0 1; background: $boost; }
    ProgressLine.-busy { display: block; }
    """

    @property
    def busy(self) -> bool:
        return self.has_class("-busy")


def progress_text(what: str, done: int, total: int | None) -> str:
    if total:
        return t("progress.line", what=what, done=grouped(done), total=grouped(total))
    return t("progress.line_unknown", what=what, done=grouped(done))


def run_long(screen: Screen, what: str,
             job: Callable[[Database, ProgressCallback], Result],
             done: Callable[[Result], None],
             failed: Callable[[Exception], None]) -> bool:
    """Run ``job(db, on_progress)`` in a worker; ``done(result)`` or ``failed(error)`` then
    runs on the UI thread. False (and nothing started) while the screen's last work runs."""
    line = screen.query_one(ProgressLine)
    if line.busy:
        screen.notify(t("progress.busy"), severity="warning")
        return False
    line.add_class("-busy")
    line.update(f"{what} …")
    session = session_of(screen)
    path, timeout = session.db.path, session.config.database.busy_timeout_ms
    app = screen.app

    def idle() -> None:
        line.remove_class("-busy")
        line.update("")

    def succeeded(result: Result) -> None:
        idle()
        done(result)

    def went_wrong(error: Exception) -> None:
        idle()
        failed(error)

    def work() -> None:
        from store import open_database

        shown = [0.0]

        def on_progress(count: int, total: int | None) -> None:
            now = time.monotonic()
            if now - shown[0] >= REPAINT_SECONDS or count == total:
                shown[0] = now
                app.call_from_thread(line.update, progress_text(what, count, total))

        try:
            db = open_database(path, busy_timeout_ms=timeout, create=False)
            try:
                result = job(db, on_progress)
            finally:
                db.conn.close()
        except Exception as error:  # shown by ``failed``, on the screen that asked
            app.call_from_thread(went_wrong, error)
            return
        app.call_from_thread(succeeded, result)

    screen.run_worker(work, thread=True, group="long-work")
    return True
