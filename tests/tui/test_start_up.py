"""Start-up: the title bar every screen shows, and the collector back after the first screen."""

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


async def test_garbage_collection_is_back_once_the_first_screen_is_filled(
        make_app, monkeypatch) -> None:
    """``granska`` starts with the collector off; the filled case list turns it back on,
    with start-up's objects frozen out of later collections."""
    import gc

    import tui.app

    monkeypatch.setattr(tui.app, "_start_up_frozen", False)
    threshold = gc.get_threshold()
    gc.disable()
    try:
        async with make_app().run_test(size=(80, 24)) as pilot:
            await rows_in(pilot)
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        gc.enable()


async def test_a_search_typed_before_the_rows_is_applied(make_app) -> None:
    """A search typed the moment Granska opens (before its rows are read) is not lost:
    '/' opens the field at once, and Enter there is applied by the first read."""
    from tui.screens.case_list import CaseTable

    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "0", "0", "0", "1", "enter")
        await rows_in(pilot)
        screen = pilot.app.screen
        for _ in range(50):
            if screen.filters["search"]:
                break
            await pilot.pause(0.02)
        assert screen.filters["search"] == "0001"
        table = screen.query_one(CaseTable)
        assert table.row_count and all("0001" in str(table.get_row_at(i)[0])
                                       for i in range(table.row_count))


async def test_keys_typed_before_a_resumed_case_opens_do_not_answer_it(make_app,
                                                                        review_db) -> None:
    """Granska reopens the case left open; letters typed for the list must not become
    answers in it ('d' is an option key of the decision question)."""
    import json

    from store.reviews import list_reviews
    from store.state import POSITION_KEY, remember
    from tests.tui.conftest import REVIEWER
    from tui.screens.case import CaseScreen

    review_id = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]["id"]
    remember(review_db, REVIEWER, POSITION_KEY,
             json.dumps({"review": review_id, "question": "beslut", "open": True}))
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("d", "s")
        await rows_in(pilot)
        for _ in range(10):
            await pilot.pause(0.02)
        assert isinstance(pilot.app.screen, CaseScreen)
        answered = review_db.execute("SELECT count(*) FROM answers WHERE review_id = ?"
                                     " AND question_id = 'beslut'", [review_id]).fetchone()[0]
        assert answered == 0


async def test_clicking_a_key_in_the_key_bar_presses_it(make_app) -> None:
    from textual.command import CommandPalette

    from tui.widgets.key_bar import KeyBar

    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        screen = pilot.app.screen
        shown = str(screen.query_one(KeyBar).render())
        await pilot.click(KeyBar, offset=(shown.index("Stadsdel"), 0))
        assert screen.filters["district"] is not None
        await pilot.click(KeyBar, offset=(shown.index("palette"), 0))  # not ^q beside it
        assert pilot.app.is_running and isinstance(pilot.app.screen, CommandPalette)
