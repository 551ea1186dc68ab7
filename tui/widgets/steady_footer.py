"""A Footer that shows and hides its keys in place instead of rebuilding them."""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _signature(widget: Widget) -> tuple | None:
    """What a key shows (None for anything that is not a plain key)."""
    if not isinstance(widget, FooterKey):
        return None
    # "-compact" follows the footer's own setting, set on the widget after it is made
    return (widget.key, widget.key_display, widget.description, widget.action,
            str(widget.tooltip), frozenset(widget.classes) - {"-compact"})


class SteadyFooter(Footer):
    """Textual's Footer, rebuilt only when it must show a key it does not hold.

    Footer removes and mounts every key widget whenever the bindings change, which
    is every time focus moves (into the case list's search field and back): with
    the list's keys that is 25 - 50 ms of styling, paid by whatever key comes
    next. Focus moving into a field mostly hides keys (the field takes Enter):
    when the keys to show are the keys held, in the same order with some left
    out, this hides and shows those widgets instead (the same picture on screen);
    anything else rebuilds as Footer does.
    """

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        held = list(self.children)
        if not held:
            await self.recompose()
            return
        wanted = [_signature(widget) for widget in self.compose()]
        have = [_signature(widget) for widget in held]
        shown: set[int] = set()
        index = 0
        for signature in wanted:
            while index < len(have) and (have[index] is None or have[index] != signature):
                index += 1
            if signature is None or index == len(have):
                await self.recompose()
                return
            shown.add(index)
            index += 1
        for index, widget in enumerate(held):
            widget.display = index in shown
