"""The bottom line of every screen: the keys that work here, drawn as one line of text.

It looks as Textual's Footer does (a test compares the two cell by cell), but it
is one widget. Where the Footer cuts keys at the right edge ("^q Avs" at 80
columns), it puts them closer together, then leaves out whole keys from the end,
keeping ? (every key) and quit. The Footer builds a widget per key, after the first frame and
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

# Kept when the line is too narrow for every key: the one that lists all keys (?), and quit.
KEPT_ACTIONS = frozenset({"keys", "quit"})


def _width(items: list[tuple[Text, str, bool]]) -> int:
    return sum(text.cell_len for text, _key, _kept in items)


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

    def _shown(self) -> tuple[list[tuple[Binding, bool, bool]], tuple[Binding, bool] | None]:
        """The keys to show, one per action as the Footer does, each with whether it is
        enabled and whether it is kept when the line is too narrow; and the palette's key."""
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool, bool]] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show:
                kept = binding.action in KEPT_ACTIONS
                by_action.setdefault(binding.action, (binding, enabled, kept))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding, enabled)
        return list(by_action.values()), palette

    def render(self) -> Text:
        """Every key whole: spaced as the Footer spaces them when they fit, closer when
        not, and then, from the end, the screen's keys that are not kept are left out."""
        keys, palette = self._shown()
        width = self.size.width
        for compact in (False, True):
            items = [(self._item(binding, enabled, compact), binding.key, kept)
                     for binding, enabled, kept in keys]
            right = self._palette_item(*palette, compact) if palette is not None else Text()
            if _width(items) + right.cell_len <= width:
                break
        while _width(items) + right.cell_len > width and any(not k for _, _, k in items):
            last_dropped = max(i for i, (_, _, kept) in enumerate(items) if not kept)
            del items[last_dropped]
        line = Text(no_wrap=True, overflow="crop", end="")
        self._keys = []
        for text, key, _kept in items:
            start = line.cell_len
            line.append_text(text)
            self._keys.append((start, line.cell_len, key))
        if palette is not None:  # on the right, after a thin line
            room = max(line.cell_len, width - right.cell_len)
            line.append(" " * (room - line.cell_len))
            self._keys.append((room, room + right.cell_len, palette[0].key))
            line.append_text(right)
        line.stylize_before(self.rich_style)
        return line

    def _styles(self, enabled: bool) -> tuple[Style, Style, Style]:
        item = self.get_component_rich_style("key-bar--item")
        dim = Style() if enabled else Style(dim=True)
        return (item, item + self.get_component_rich_style("key-bar--key") + dim,
                item + self.get_component_rich_style("key-bar--description") + dim)

    def _item(self, binding: Binding, enabled: bool, compact: bool) -> Text:
        item, key_style, description_style = self._styles(enabled)
        key = self.app.get_key_display(binding)
        if compact:  # one space before each key, one between it and what it does
            text = Text.assemble((" ", item), (key, key_style))
            if binding.description:
                text.append(f" {binding.description}", description_style)
            return text
        text = Text.assemble((f" {key} ", key_style))  # the key's style, not the whole item's
        if binding.description:
            text.append(f"{binding.description} ", description_style)
        return text

    def _palette_item(self, binding: Binding, enabled: bool, compact: bool) -> Text:
        item, key_style, description_style = self._styles(enabled)
        return Text.assemble(
            ("▏", item + self.get_component_rich_style("key-bar--separator")),
            (self.app.get_key_display(binding), key_style),
            (f" {binding.description}", description_style),
            ("" if compact else " ", item),  # its right padding, given up when narrow
        )

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
