"""The case list shows each kind of user what their role lets them see, and no more."""

from __future__ import annotations

from jobs.config import Config
from jobs.training import store_generated
from store.reviews import list_reviews
from store.training import create_session
from store.users import grant_role
from tests.multiuser.test_double_review import double_reviewed
from tui.app import GranskaApp

Shown = tuple[list[list[str]], list[str], int]


async def shown_rows(db, user: str, *keys: str) -> Shown:
    """The case list's rows, column labels and row total as ``user`` sees them at 80x24."""
    app = GranskaApp(Config(), db, user=user)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        table = app.screen.query_one("#cases")
        labels = list(table.labels)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        total = app.screen.total
    return rows, labels, total


async def test_inspector_sees_only_own_reviews_and_never_the_other_blind_review(team_db) -> None:
    double_reviewed(team_db, [{"dur_aktuell": "ja"}], [{"dur_aktuell": "nej"}])
    ref = next(r["case_ref"] for r in list_reviews(team_db, reviewer="bert"))
    rows, labels, total = await shown_rows(team_db, "bert")
    assert total == 1 and [r[0] for r in rows] == [ref]
    assert "Granskare" not in labels  # only ever their own: no reviewer column
    rows, _, total = await shown_rows(team_db, "anna")
    assert total == 1 and [r[0] for r in rows] == [ref]  # anna's primary, not bert's second


async def test_supervisor_sees_every_review_with_its_reviewer(team_db, me) -> None:
    double_reviewed(team_db, [{"dur_aktuell": "ja"}], [{"dur_aktuell": "nej"}])
    everyone = len(list_reviews(team_db, limit=10_000))
    rows, labels, total = await shown_rows(team_db, me)
    assert total == everyone
    assert labels[-1] == "Granskare"
    # Searching the double-reviewed case shows both reviews, each under its reviewer.
    ref = next(r["case_ref"] for r in list_reviews(team_db, reviewer="bert"))
    rows, _, total = await shown_rows(team_db, me, "slash", *ref, "enter")
    assert total == 2 and {r[-1] for r in rows} == {"anna", "bert (2:a)"}


async def test_trainer_sees_training_reviews_only(team_db, protocol, me) -> None:
    frame_id, _ = store_generated(team_db, protocol, count=3, seed=1)
    create_session(team_db, name="kurs", frame_id=frame_id, protocol_id=protocol.id,
                   protocol_version=protocol.version, cases=2, trainees=["anna", "bert"])
    grant_role(team_db, "tove", "trainer", who=me)
    rows, labels, total = await shown_rows(team_db, "tove")
    assert total == 4 and labels[-1] == "Granskare"
    assert {r[-1] for r in rows} == {"anna (utb.)", "bert (utb.)"}
    demo_refs = {r["case_ref"] for r in list_reviews(team_db, kind="primary", limit=10_000)}
    assert not demo_refs & {r[0] for r in rows}
    # The trainee sees their own training cases among their reviews, nobody else's.
    rows, _, total = await shown_rows(team_db, "anna")
    assert total == 2 and all(r[0] not in demo_refs for r in rows)


async def test_inspector_sees_neither_the_sample_nor_the_tallies(team_db) -> None:
    """Both show every case (statuses; everyone's answers added up): supervisors only."""
    app = GranskaApp(Config(), team_db, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        frames = str(app.screen.query_one("#frames").render())
        members = app.screen.query_one("#members").row_count
        await pilot.press("f4")
        await pilot.pause()
        heading = str(app.screen.query_one("#tallies-heading").render())
    assert "Bara handledare ser ramarna och urvalet" in frames and members == 0
    assert "Bara handledare ser sammanställningen" in heading


async def test_a_draw_on_the_sample_screen_never_takes_training_cases(team_db, protocol,
                                                                         me) -> None:
    from store.samples import latest_sample_id, members

    store_generated(team_db, protocol, count=4, seed=2)
    app = GranskaApp(Config(), team_db, user=me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "d")
        await pilot.pause()
    drawn = members(team_db, latest_sample_id(team_db))
    assert drawn and not [m for m in drawn if m["case_ref"].startswith("UTB-")]
