"""Start-up: the title bar every screen shows, and keys typed while Granska opens."""

from __future__ import annotations

from tests.tui.conftest import rows_in


async def test_the_title_follows_the_screen_and_the_icon_opens_the_palette(make_app) -> None:
    from textual.command import CommandPalette

    from tui.widgets.title_bar import TitleBar

    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        bar = pilot.app.screen.query_one(TitleBar)
        assert "Granska · Ärenden" in str(bar.render())
        pilot.app.screen.title = "Granska · Något annat"
        await pilot.pause()
        assert "Granska · Något annat" in str(bar.render())
        await pilot.press("f3")
        shown = pilot.app.screen.query_one(TitleBar).render()
        assert "Granska · Urval" in str(shown) and len(str(shown)) == 80
        await pilot.click(TitleBar, offset=(1, 0))
        assert isinstance(pilot.app.screen, CommandPalette)


def typed_while_starting(db, *keys: tuple[str, str | None]):
    """Granska with ``keys`` already waiting when it starts, as a terminal hands over
    everything typed while Granska was loading: all at once, before the first screen."""
    from textual import events

    from jobs.config import Config
    from tests.tui.conftest import REVIEWER
    from tui.app import GranskaApp

    class TypedAhead(GranskaApp):
        def on_load(self) -> None:
            for key, character in keys:
                event = events.Key(key, character)
                event.set_sender(self)
                self.post_message(event)

    return TypedAhead(Config(), db, user=REVIEWER)


async def test_a_search_typed_while_granska_starts_is_applied(review_db) -> None:
    """'/0001⏎' typed before the first screen is there: every letter goes into the search
    field (none to the list behind it), and the list shows the matching cases."""
    from tui.screens.case_list import CaseTable

    keys = [("slash", "/"), ("0", "0"), ("0", "0"), ("0", "0"), ("1", "1"), ("enter", None)]
    async with typed_while_starting(review_db, *keys).run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.filters["search"] == "0001"
        table = screen.query_one(CaseTable)
        assert table.row_count and all("0001" in str(table.get_row_at(i)[0])
                                       for i in range(table.row_count))
        assert "Sök: 0001" in str(screen.query_one("#filters").render())


async def test_a_resumed_case_is_the_first_screen_and_takes_the_keys(review_db) -> None:
    """Granska reopens the case left open, at the question it was at, before anything is
    shown: a key typed at once answers that question, the one on screen."""
    import json

    from store.reviews import list_reviews
    from store.state import POSITION_KEY, remember
    from tests.tui.conftest import REVIEWER
    from tui.screens.case import CaseScreen

    review_id = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]["id"]
    remember(review_db, REVIEWER, POSITION_KEY,
             json.dumps({"review": review_id, "question": "beslut", "open": True}))
    async with typed_while_starting(review_db, ("b", "b")).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, CaseScreen)
        assert pilot.app.screen.current != "beslut"  # answered, so it moved on
        stored = review_db.execute("SELECT value FROM answers WHERE review_id = ?"
                                   " AND question_id = 'beslut'", [review_id]).fetchone()
        assert stored is not None


async def test_clicking_a_key_in_the_key_bar_presses_it(make_app) -> None:
    from textual.command import CommandPalette

    from tui.widgets.key_bar import KeyBar

    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        screen = pilot.app.screen
        shown = str(screen.query_one(KeyBar).render())
        await pilot.click(KeyBar, offset=(shown.index("Stadsdel"), 0))
        assert screen.filters["district"] is not None
        await pilot.click(KeyBar, offset=(shown.index("Kommandon"), 0))  # not ^q beside it
        assert pilot.app.is_running and isinstance(pilot.app.screen, CommandPalette)
