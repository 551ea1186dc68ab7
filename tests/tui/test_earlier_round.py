"""A review of an earlier round is kept to compare with: Granska does not reopen it where
the reviewer left off, and opened it is read-only with a banner saying why."""

from __future__ import annotations

import json

import pytest

from store.reviews import answers_for, list_reviews, review
from tests.tui.conftest import REVIEWER


@pytest.fixture
def earlier_review(review_db) -> int:
    """One of anna's reviews, left open in the app, then made round 1 by a new round."""
    from jobs.rounds import create
    from store.state import POSITION_KEY, remember

    review_id = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]["id"]
    remember(review_db, REVIEWER, POSITION_KEY,
             json.dumps({"review": review_id, "question": "beslut", "open": True}))
    create(review_db, "Hösten", force=True)  # the demo's reviews are not all done
    return review_id


async def test_the_saved_position_in_an_earlier_round_is_not_reopened(
        make_app, earlier_review) -> None:
    from tui.screens.case import CaseScreen
    from tui.screens.case_list import CaseListScreen

    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, CaseListScreen)
        assert not any(isinstance(s, CaseScreen) for s in pilot.app.screen_stack)


async def test_an_earlier_rounds_review_opens_read_only(make_app, review_db,
                                                        earlier_review) -> None:
    from tui.screens.case import CaseScreen

    before = answers_for(review_db, earlier_review)
    status = review(review_db, earlier_review)["status"]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CaseScreen(earlier_review))
        await pilot.pause()
        screen = app.screen
        banner = screen.query_one("#banner")
        expected = "Skrivskyddad: omgången 'Omgång 1' är en tidigare omgång"
        assert banner.display and expected in str(banner.render())
        first = screen.current
        await pilot.press("j", "1", "ctrl+k")
        await pilot.pause()
        assert screen.current == first and screen.views[first].value is None
        assert expected in str(banner.render())
    assert answers_for(review_db, earlier_review) == before
    assert review(review_db, earlier_review)["status"] == status
