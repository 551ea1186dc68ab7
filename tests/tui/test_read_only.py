"""Someone else's review the user may not change opens read-only, with a banner saying so."""

from __future__ import annotations

import pytest

from store.reviews import answers_for, list_reviews, review
from store.users import grant_role
from tests.tui.conftest import REVIEWER


@pytest.fixture
def restore_language():
    yield
    from jobs.i18n import set_language

    set_language("sv")  # the catalogue is process-wide; leave it as the other tests expect


def _banner(screen) -> str:
    banner = screen.query_one("#banner")
    return str(banner.render()) if banner.display else ""


@pytest.mark.parametrize(("language", "expected"), [
    ("sv", f"Skrivskyddad: granskning av {REVIEWER}"),
    ("en", f"Read-only: review by {REVIEWER}"),
])
async def test_a_trainer_sees_anothers_review_read_only(review_db, restore_language, language,
                                                        expected) -> None:
    from jobs.config import Config
    from tui.app import GranskaApp
    from tui.screens.case import CaseScreen

    grant_role(review_db, "tove", "trainer", who="test")
    review_id = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]["id"]
    before = answers_for(review_db, review_id)
    app = GranskaApp(Config(language=language), review_db, user="tove")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CaseScreen(review_id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert _banner(screen) == expected  # shown from the start, before any key
        first = screen.current
        await pilot.press("j", "1", "backspace", "ctrl+k")
        await pilot.pause()
        assert _banner(screen) == expected  # no refusal banner replaces it
        assert "belongs to" not in _banner(screen)
        assert screen.current == first  # an answer key did not answer and move on
        assert screen.views[first].value is None
        assert len(app._notifications) >= 1  # the short notice
    assert answers_for(review_db, review_id) == before
    assert review(review_db, review_id)["status"] == "not_started"


async def test_the_reviewer_and_a_supervisor_still_edit(review_db) -> None:
    from jobs.config import Config
    from tui.app import GranskaApp
    from tui.screens.case import CaseScreen

    grant_role(review_db, "sara", "supervisor", who="test")
    review_id = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]["id"]
    for user in (REVIEWER, "sara"):
        app = GranskaApp(Config(), review_db, user=user)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(CaseScreen(review_id))
            await pilot.pause()
            assert not app.screen.read_only and _banner(app.screen) == ""
    assert review_db
