"""Widgets that skip logic shows and hides, without a repaint the layout does not need."""

from __future__ import annotations

from typing import Self

from textual.geometry import Region
from textual.widget import Widget


class ShownByAnswers(Widget):
    """A question, or a section of them, that answers show and hide (``set_applies``).

    Textual repaints a widget whose display changes, and to repaint one it asks the
    compositor where the widget is; for a widget off the screen that arranges every
    question of the protocol, most of a skip-logic keystroke. A widget being hidden needs
    no paint, and one shown again draws what it drew before, unless it changed while
    hidden (then it is repainted as it is shown); the layout places it either way.
    """

    _toggling = False  # set_applies is showing or hiding it
    _stale = False  # it changed while hidden: paint it anew when it is shown

    def set_applies(self, applies: bool) -> None:
        if applies == self.display:
            return
        self._toggling = not self._stale
        try:
            self.display = applies
        finally:
            self._toggling = False
        if applies:
            self._stale = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._toggling or not self.display:
            self._stale = self._stale or (repaint and not self._toggling)
            return super().refresh(layout=layout, repaint=False, recompose=recompose)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
