"""The idle lock: after [security] idle_lock_minutes without input the app hides every
screen behind one that shows nothing of the data; Enter unlocks; both are audited."""

from __future__ import annotations

import dataclasses

from jobs.config import Config, SecuritySettings
from tests.tui.conftest import REVIEWER, rows_in
from tests.tui.shown import terminal_text
from tui.app import GranskaApp
from tui.screens.lock import LockScreen

IDLE_MINUTES = 0.05  # three seconds: long enough for the keys of a test, short to wait for


def locking_config(minutes: float) -> Config:
    return dataclasses.replace(Config(), security=SecuritySettings(idle_lock_minutes=minutes))


def lock_rows(db) -> list[tuple[str, str]]:
    return db.execute("SELECT action, who FROM audit_log WHERE entity = 'session'"
                      " ORDER BY id").fetchall()


async def until_locked(pilot) -> None:
    """Wait, as a person away from the keyboard would, for the lock (a minute at most)."""
    for _ in range(1200):
        if isinstance(pilot.app.screen, LockScreen):
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never locked")


async def test_idle_app_locks_showing_nothing_and_enter_unlocks(review_db) -> None:
    from tui.screens.case import CaseScreen

    app = GranskaApp(locking_config(IDLE_MINUTES), review_db, user=REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        await pilot.press("enter")
        await pilot.pause()
        case = app.screen
        assert isinstance(case, CaseScreen)
        case_ref = case.info["case_ref"]
        assert case_ref in terminal_text(app)
        await until_locked(pilot)
        shown = terminal_text(app)
        assert "Granska är låst" in shown and "Enter" in shown
        assert case_ref not in shown and "A1" not in shown and "[namn]" not in shown
        assert lock_rows(review_db) == [("session.lock", REVIEWER)]

        # Nothing but Enter gets past it: not a view's F-key, the palette, nor an answer.
        await pilot.press("f3", "ctrl+p", "j", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert case_ref not in terminal_text(app)

        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is case
        assert case_ref in terminal_text(app)
        assert lock_rows(review_db)[:2] == [("session.lock", REVIEWER),
                                            ("session.unlock", REVIEWER)]
    assert case.values == {}  # the "j" pressed while locked answered nothing


async def test_the_lock_comes_again_after_the_next_idle_spell(review_db) -> None:
    app = GranskaApp(locking_config(IDLE_MINUTES), review_db, user=REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_locked(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LockScreen)
        await until_locked(pilot)
    assert [row[0] for row in lock_rows(review_db)][:3] == [
        "session.lock", "session.unlock", "session.lock"]


async def test_zero_minutes_never_locks(review_db) -> None:
    app = GranskaApp(locking_config(0), review_db, user=REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        assert app.idle_lock._timer is None  # no timer was ever set
        assert not isinstance(app.screen, LockScreen)
