"""Frames rendered during Textual's start-up batch are kept and written when it ends.

Textual 8.2 mounts the first screen of a mode inside the app's start-up
``batch_update()``. The screen's first layout asks for a repaint with
``call_later``; that runs while the batch is still open, so the screen renders
its whole first frame and ``App._display`` throws it away (``_batch_count`` is
not 0), while the compositor counts it as drawn. The next full frame waits for
the screen's update timer, a whole refresh period later, and the rows, though
ready, are not on the screen meanwhile. ``bench/dropped_frame.py`` shows it with
a one-Static app. Holding the frames and writing them, in order, when the batch
ends keeps what a batch promises (no repaint until its end) without losing one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.screen import Screen


class HeldFramesApp(App[None]):
    """An App that writes the frames rendered in a batch when the batch ends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_frames: list[tuple[Screen[Any], RenderableType]] = []

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None and self._batch_count:
            self._held_frames.append((screen, renderable))
            return
        super()._display(screen, renderable)

    def _end_batch(self) -> None:
        super()._end_batch()
        if self._batch_count or not self._held_frames:
            return
        held, self._held_frames = self._held_frames, []
        for screen, renderable in held:
            if screen is self.screen:  # a screen gone since draws nothing now
                super()._display(screen, renderable)
