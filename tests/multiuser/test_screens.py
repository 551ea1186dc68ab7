"""The audit viewer, the supervisor's desk and the side-by-side comparison, driven by keys."""

from __future__ import annotations

from jobs.config import Config
from store.assignments import sampled_cases
from store.audit import history
from store.double_review import pairs
from store.reviews import list_reviews
from store.users import role_of
from tests.multiuser.test_assignments import _fresh_sample
from tests.multiuser.test_double_review import double_reviewed
from tui.app import GranskaApp


def app_for(db, user: str) -> GranskaApp:
    return GranskaApp(Config(), db, user=user)


def rows(screen, table_id: str) -> list[list[str]]:
    table = screen.query_one(table_id)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_audit_viewer_shows_who_changed_what_in_a_case(team_db, me) -> None:
    [case] = double_reviewed(team_db, [{"dur_aktuell": "ja"}], [{"dur_aktuell": "nej"}])
    ref = pairs(team_db)[0]["case_ref"]
    app = app_for(team_db, me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.press(*ref, "enter")
        await pilot.pause()
        shown = rows(app.screen, "#audit")
    answers = [r for r in shown if r[3] == "svar"]
    assert {(r[1], r[5]) for r in answers} == {("anna", "– → Finns"),
                                       ("bert", "– → Saknas")}
    # The second review is marked as such; the primary shows the reviewer alone.
    assert {r[2] for r in answers} == {"anna", "bert (2:a)"} and case


async def test_audit_viewer_keeps_a_double_review_blind(team_db) -> None:
    double_reviewed(team_db, [{"dur_aktuell": "ja"}], [{"dur_aktuell": "nej"}])
    ref = pairs(team_db)[0]["case_ref"]
    app = app_for(team_db, "bert")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.press(*ref, "enter")
        await pilot.pause()
        shown = rows(app.screen, "#audit")
        note = str(app.screen.query_one("#audit-note").render())
    assert shown and all("anna" not in " ".join(r) for r in shown)
    assert "egna" in note


async def chain_line(db, user: str) -> str:
    """The hash-chain line of the audit view (F6) once its check has finished."""
    app = app_for(db, user)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        return str(app.screen.query_one("#audit-chain").render())


async def test_audit_view_shows_the_supervisor_whether_the_chain_holds(team_db, me,
                                                                      db_path) -> None:
    import sqlite3

    from store.audit import verify_chain

    check = verify_chain(team_db)
    assert await chain_line(team_db, me) == (f"Loggens hashkedja håller: {check.rows} rader; "
                                             f"senaste hash {check.head}")
    assert await chain_line(team_db, "anna") == ""  # an inspector's view has no such line
    tamper = sqlite3.connect(db_path, isolation_level=None)
    tamper.execute("DROP TRIGGER audit_log_no_update")
    tamper.execute("UPDATE audit_log SET who = 'mallory' WHERE id = 7")
    tamper.close()
    assert await chain_line(team_db, me) == ("Loggens hashkedja är bruten vid rad 7: raden har "
                                             "ändrats; 6 rader före den håller")


async def test_supervisor_balances_the_sample_with_one_key(team_db, me) -> None:
    sample_id = _fresh_sample(team_db)
    app = app_for(team_db, me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "b")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary").render())
        people = rows(app.screen, "#people")
    cases = sampled_cases(team_db, sample_id)
    assert all(c["primary_reviewer"] in ("anna", "bert") for c in cases)
    assert f"{len(cases)} av {len(cases)} ärenden fördelade" in summary
    loads = {r[0]: int(r[2]) for r in people}
    assert abs(loads["anna"] - loads["bert"]) <= 1


async def test_supervisor_grants_a_role_in_the_app(team_db, me) -> None:
    app = app_for(team_db, me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "r")
        await pilot.press(*"carl granskare", "enter")
        await pilot.pause()
        people = rows(app.screen, "#people")
    assert role_of(team_db, "carl") == "inspector"
    assert ["carl", "granskare", "0"] in people
    assert any(h["field"] == "carl" and h["who"] == me for h in history(team_db, "user"))


async def test_an_inspector_does_not_see_the_supervisors_desk(team_db) -> None:
    app = app_for(team_db, "anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "b", "r")
        await pilot.pause()
        assert "Bara handledare" in str(app.screen.query_one("#summary").render())
        assert rows(app.screen, "#people") == []
    assert role_of(team_db, "carl") is None
    assert all(r["reviewer"] != "anna" for r in list_reviews(team_db, kind="second"))


async def test_supervisor_resolves_a_double_review_side_by_side(team_db, me) -> None:
    [case] = double_reviewed(
        team_db,
        [{"dur_aktuell": "ja", "forstagangsbeslut": "ja", "vald_fragat": "nej"}],
        [{"dur_aktuell": "nej", "forstagangsbeslut": "ja", "vald_fragat": "ja"}],
    )
    app = app_for(team_db, me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "tab")
        app.screen.query_one("#pairs").focus()
        await pilot.press("enter")
        await pilot.pause()
        diffs = rows(app.screen, "#diffs")
        await pilot.press("s")  # not yet: two questions left
        await pilot.press("2", "1", "s")
        await pilot.pause()
    assert len(diffs) == 2  # only the disagreements, side by side
    assert {tuple(r[1:]) for r in diffs} == {("Finns", "Saknas", "?"), ("Nej", "Ja", "?")}
    consensus = pairs(team_db)[0]["consensus_id"]
    assert consensus
    agreed = dict(team_db.execute("SELECT question_id, value FROM answers WHERE review_id = ?",
                                  [consensus]).fetchall())
    assert agreed["dur_aktuell"] == "nej"  # took reviewer 2
    assert agreed["vald_fragat"] == "nej"  # took reviewer 1
    assert agreed["forstagangsbeslut"] == "ja"  # they agreed
    assert all(h["who"] == me for h in history(team_db, "review", consensus))
    assert case


def test_supervisors_desk_snapshot(team_db, me, snap_compare) -> None:
    double_reviewed(team_db, [{"dur_aktuell": "ja"}, {"dur_aktuell": "nej"}],
                    [{"dur_aktuell": "ja"}, {"dur_aktuell": "ja"}])
    assert snap_compare(app_for(team_db, me), terminal_size=(80, 24), press=["f7"])


def test_side_by_side_snapshot(team_db, me, snap_compare) -> None:
    double_reviewed(team_db, [{"dur_aktuell": "ja", "vald_fragat": "nej"}],
                    [{"dur_aktuell": "nej", "vald_fragat": "nej"}])

    async def open_pair(pilot) -> None:
        await pilot.press("f7")
        pilot.app.screen.query_one("#pairs").focus()
        await pilot.press("enter", "2")

    assert snap_compare(app_for(team_db, me), terminal_size=(80, 24), run_before=open_pair)
