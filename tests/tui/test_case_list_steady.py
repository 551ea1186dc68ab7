"""The case list's quicker redraws show exactly what the plain ones showed.

Filtering updates only what changed (the table's rows, the filter line, without
laying the screen out again for it) and its key bar is one line of text instead
of Textual's Footer of a widget per key; the screen must look the same, cell by
cell, step by step, as with Textual's Footer and a full layout for every line.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import REVIEWER

STEPS = (("d",), ("s", "s"), ("slash",), ("1",), ("enter",), ("r",), ("slash", "2"),
         ("escape",), ("d", "d", "d"), ("slash", "x", "y", "z", "enter"), ("r",))


def cells(app) -> list[list[tuple[str, object]]]:
    """Every cell of the screen as it looks: its character and its style (for a blank,
    only what shows: its background, and underline or reverse)."""
    from rich.style import Style

    def looks(char: str, style: Style | None) -> Style | None:
        if style is None:
            return None
        style = style.clear_meta_and_links()
        if char == " " and not (style.underline or style.reverse or style.strike):
            return Style(bgcolor=style.bgcolor)
        return style

    return [[(char, looks(char, segment.style)) for segment in strip for char in segment.text]
            for strip in app.screen._compositor.render_strips()]


async def settled(pilot) -> list:
    """The screen once it has stopped changing (the footer and the rows are updated after
    a refresh, later than a pause on a busy machine)."""
    from textual.widgets import Footer

    footer = pilot.app.screen.query(Footer)
    shot, same = cells(pilot.app), 0
    for _ in range(100):
        await pilot.pause()  # every message handled first: a busy machine is slow at it
        await pilot.pause(0.04)
        again = cells(pilot.app)
        ready = not footer or footer.first().children
        same = same + 1 if again == shot and ready else 0
        if same == 4:
            break
        shot = again
    return shot


async def screens(app) -> list[str]:
    """The screen after the list is shown and after each step, as wide as every key in the
    key bar needs (narrower, the key bar keeps keys whole where the Footer cuts them:
    tests/tui/test_case_screen_faults.py)."""
    from textual.widgets import Input

    def steady_cursor() -> None:  # a blinking cursor is not what is compared
        for field in app.screen.query(Input):
            field.cursor_blink = False

    async with app.run_test(size=(200, 24)) as pilot:
        steady_cursor()
        shots = [await settled(pilot)]
        for keys in STEPS:
            await pilot.press(*keys)
            steady_cursor()
            shots.append(await settled(pilot))
    return shots


async def test_filtering_and_searching_look_as_with_textuals_footer(review_db, monkeypatch):
    from textual.widgets import Footer, Static

    from jobs.config import Config
    from tui.app import GranskaApp
    from tui.screens import case_list
    from tui.widgets.key_bar import KeyBar

    steady = await screens(GranskaApp(Config(), review_db, user=REVIEWER))
    monkeypatch.setattr(case_list, "KeyBar", Footer)
    update = Static.update  # and every line laid out again when it changes, as before
    monkeypatch.setattr(Static, "update", lambda self, content="", *, layout=True:
                        update(self, content, layout=True))
    plain = await screens(GranskaApp(Config(), review_db, user=REVIEWER))
    assert len(steady) == len(STEPS) + 1
    for step, (mine, theirs) in enumerate(zip(steady, plain, strict=True)):
        differ = [(y, x, a, b) for y, (line, other) in enumerate(zip(mine, theirs, strict=True))
                  for x, (a, b) in enumerate(zip(line, other, strict=True)) if a != b]
        assert not differ, (f"the screens differ after {STEPS[step - 1] if step else 'start'}:"
                            f" {differ[:3]}")
    assert KeyBar is not Footer


@pytest.mark.parametrize("keys", [("slash",), ("slash", "escape")])
async def test_footer_keys_follow_focus(make_app, keys):
    from tui.widgets.key_bar import KeyBar

    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        typing = keys[-1] == "slash"  # in the search field: letters and Enter are its own
        bar = pilot.app.screen.query_one(KeyBar)
        for _ in range(100):  # the bar follows after the next refresh
            await pilot.pause(0.02)
            shown = str(bar.render())
            if (" d Stadsdel" in shown) is not typing:
                break
        assert (" d Stadsdel" in shown) is not typing and ("Öppna" in shown) is not typing
        assert " / Sök" in shown


async def test_no_match_says_so_and_clearing_brings_the_rows_back(make_app):
    from textual.widgets import Static

    from tui.screens.case_list import CaseTable

    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        empty = screen.query_one("#cases-empty", Static)
        assert not empty.display and screen.query_one(CaseTable).row_count
        await pilot.press("slash", "x", "y", "z", "enter")
        assert empty.display and "Inga ärenden att granska." in str(empty.render())
        assert screen.query_one(CaseTable).row_count == 0
        assert "rader 0–0 av 0" in str(screen.query_one("#filters").render())
        await pilot.press("d")  # another filter while nothing matches: still says so
        assert empty.display and "Inga ärenden att granska." in str(empty.render())
        await pilot.press("r")
        assert not empty.display and screen.query_one(CaseTable).row_count == screen.page_size
