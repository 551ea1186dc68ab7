"""Review fixtures: a small, fixed demo whose cases belong to the reviewer "anna"."""

from __future__ import annotations

import asyncio
import inspect

import pytest

REVIEWER = "anna"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no async plugin is a dependency)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def give_demo_to(db, user: str) -> list[int]:
    """Reviews of every drawn demo case for `user`; returns their ids in list order."""
    from samples.demo import create_demo
    from store.reviews import ensure_review, list_reviews
    from store.samples import members
    from tui.config import Config

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
    from tui.app import GranskaApp
    from tui.config import Config

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
