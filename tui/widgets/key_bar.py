"""The bottom line of every screen: the keys that work here, drawn as one line of text.

It looks as Textual's Footer does (a test compares the two cell by cell), but it
is one widget. The Footer builds a widget per key, after the first frame and
again whenever focus moves; on the first screen that delayed the first full
frame by tens of milliseconds (bench/RESULTS.md, "Start-up"), and every move
into or out of the search field restyled a dozen widgets.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES = {"key-bar--item", "key-bar--key", "key-bar--description",
                         "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--item { background: $footer-item-background; }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--separator { color: $foreground 20%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[tuple[int, int, str]] = []  # (first cell, end, key) to click

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The keys to show, one per action as the Footer does, and the palette's key."""
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding, enabled)
        return list(by_action.values()), palette

    def render(self) -> Text:
        item = self.get_component_rich_style("key-bar--item")
        key_style = item + self.get_component_rich_style("key-bar--key")
        description_style = item + self.get_component_rich_style("key-bar--description")
        keys, palette = self._shown()
        line = Text(no_wrap=True, overflow="crop", end="")
        self._keys = []
        for binding, enabled in keys:
            start = line.cell_len
            dim = Style() if enabled else Style(dim=True)
            line.append(f" {self.app.get_key_display(binding)} ", key_style + dim)
            if binding.description:
                line.append(f"{binding.description} ", description_style + dim)
            self._keys.append((start, line.cell_len, binding.key))
        if palette is not None:  # on the right, after a thin line, without padding
            binding, enabled = palette
            dim = Style() if enabled else Style(dim=True)
            right = Text.assemble(
                ("▏", item + self.get_component_rich_style("key-bar--separator")),
                (self.app.get_key_display(binding), key_style + dim),
                (f" {binding.description}", description_style + dim),
            )
            room = max(0, self.size.width - right.cell_len - 1)  # 1: its right padding
            line.truncate(room)
            line.append(" " * (room - line.cell_len))
            # keys cut off by the palette's key are not there to click
            self._keys = [(start, min(end, room), key) for start, end, key in self._keys
                          if start < room]
            self._keys.append((room, room + right.cell_len + 1, binding.key))
            line.append_text(right)
            line.append(" ", item)  # its right padding
        line.stylize_before(self.rich_style)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
