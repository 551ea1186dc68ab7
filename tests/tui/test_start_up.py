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
