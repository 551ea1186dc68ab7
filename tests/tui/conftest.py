"""Review fixtures: a small, fixed demo whose cases belong to the reviewer "anna"."""

from __future__ import annotations

import pytest

REVIEWER = "anna"


def give_demo_to(db, user: str) -> list[int]:
    """Reviews of every drawn demo case for `user`; returns their ids in list order."""
    from jobs.config import Config
    from jobs.demo import create_demo
    from store.reviews import ensure_review, list_reviews
    from store.samples import members

    create_demo(db, Config(), seed=7, districts=2, cases=30)
    sample_id = db.execute("SELECT max(id) FROM samples").fetchone()[0]
    for member in members(db, sample_id):
        if member["role"] == "selected":
            ensure_review(db, member["population_id"], user, "boendestod_sol", "1.0",
                          sample_id=sample_id, who=user)
    return [r["id"] for r in list_reviews(db, reviewer=user, limit=1000)]


@pytest.fixture
def review_db(db):
    """A demo database (2 districts) with the drawn cases given to anna."""
    give_demo_to(db, REVIEWER)
    return db


@pytest.fixture
def make_app(review_db):
    from jobs.config import Config
    from tui.app import GranskaApp

    def make(db=None):
        return GranskaApp(Config(), db or review_db, user=REVIEWER)

    return make


async def rows_in(pilot) -> None:
    """Wait, as a person would, until the case list shows its rows (or says it has none)."""
    from tui.screens.case_list import CaseListScreen, CaseTable

    for _ in range(100):
        screen = pilot.app.screen
        if not isinstance(screen, CaseListScreen):
            return
        if screen.is_mounted and (screen.query_one(CaseTable).row_count
                                  or screen.query_one("#cases-empty").display):
            return
        await pilot.pause()
    raise AssertionError("the case list never showed its rows")


def screen_lines(app) -> list[str]:
    """The screen's text as it is drawn, line by line."""
    return ["".join(segment.text for segment in strip)
            for strip in app.screen._compositor.render_strips()]
