"""A progress bar on stderr for long CLI work, only when stderr is a terminal.

The core reports through a plain ``on_progress(done, total)`` callback and knows
nothing of this; scripts and CI, whose stderr is a pipe or a file, get nothing
extra. rich.progress is imported only when a bar is really shown.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from samples.tabular import ProgressCallback

LONG_WORK = 10_000  # rows: below this the work is over before a bar would help


@contextmanager
def progress_bar(label: str, *, at_least: int = LONG_WORK, stream: TextIO | None = None
                 ) -> Iterator[ProgressCallback | None]:
    """Yields the callback that moves the bar, or None when stderr is not a terminal.

    The bar appears once the work is known to reach ``at_least`` rows (by its
    total, or by the rows done), shows the rows done, the rate and the time
    left, and vanishes when the work ends, so only the command's summary stays.
    """
    stream = stream or sys.stderr
    if not stream.isatty():
        yield None
        return
    shown: list = []  # the rich Progress and its task, once started

    def advance(done: int, total: int | None) -> None:
        if not shown:
            if max(done, total or 0) < at_least:
                return
            shown.extend(_start(label, stream))
        bar, task = shown
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if shown:
            shown[0].stop()


def _start(label: str, stream: TextIO) -> tuple:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from jobs.i18n import grouped, t

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(t("progress.rate", rate=grouped(speed))
                        if speed else "")

    bar = Progress(TextColumn(label), BarColumn(), TaskProgressColumn(), MofNCompleteColumn(),
                   RateColumn(), TimeRemainingColumn(),
                   console=Console(file=stream), transient=True)
    task = bar.add_task(label, total=None)
    bar.start()
    return bar, task
