"""Rows of a narrow gutter and a text that wraps beside it, with its lines hung under itself.

A question's number sits in the gutter and its text, options and notes wrap to the
right of it. A Rich grid lays that out too, but measures its columns and pads every
cell on each render; a question is rendered once to measure its height and once to
paint it, on every answer, so the case screen draws its questions with this instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text


class HangingRows:
    """``rows`` of (gutter, body); the gutter is cut or padded to ``gutter_width`` cells
    and followed by one space, and every wrapped line of the body starts after it."""

    def __init__(self, rows: Sequence[tuple[Text, Text]], gutter_width: int) -> None:
        self.rows = rows
        self.gutter_width = gutter_width

    @property
    def indent(self) -> int:
        return self.gutter_width + 1

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = max(1, options.max_width - self.indent)
        blank_gutter = Segment(" " * self.indent)
        separator = Segment(" ")
        new_line = Segment.line()
        for gutter, body in self.rows:
            for index, line in enumerate(body.wrap(console, width)):
                if index == 0:
                    shown = gutter.copy()
                    shown.truncate(self.gutter_width, pad=True)
                    yield from _render(console, shown)
                    yield separator
                else:
                    yield blank_gutter
                line.truncate(width)
                segments = list(_render(console, line))
                if line.cell_len < width:
                    segments.append(Segment(" " * (width - line.cell_len)))
                yield from Segment.simplify(segments)
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((body.cell_len for _gutter, body in self.rows), default=0)
        return Measurement(self.indent + 1, self.indent + widest)


def _render(console: Console, text: Text) -> Iterable[Segment]:
    """A line's segments with its own style under its spans' (``Text.render`` leaves the
    base style to ``Text.__rich_console__``)."""
    segments = text.render(console)
    return Segment.apply_style(segments, console.get_style(text.style)) if text.style \
        else segments
