"""The review by keyboard: every answer in SQLite at once, with who, protocol and audit."""

from __future__ import annotations

import json
import sqlite3

import pytest

from review_protocols import QuestionType, load_builtin
from tests.tui.conftest import REVIEWER, rows_in, screen_lines
from tests.tui.evidence_keys import give_lacking_evidence
from tests.tui.shown import question_text

PROTOCOL = load_builtin("boendestod_sol")
# The answers a reviewer gives on the walk (codes); other choice questions get option 1.
WALK = {
    "dur_aktuell": "ja", "beslut": "bifall", "forstagangsbeslut": "nej",
    "genomforandeplan_finns": "ja", "genomforandeplan_overensstammer": "delvis",
    "uppfoljning_dokumenterad": "ja", "forelder_minderariga_barn": "nej",
}


def rows(db, sql: str, params=()) -> list[tuple]:
    return db.execute(sql, params).fetchall()


async def open_first_case(pilot):
    await pilot.press("enter")
    await pilot.pause()
    from tui.screens.case import CaseScreen

    assert isinstance(pilot.app.screen, CaseScreen)
    return pilot.app.screen


async def answer_current(pilot, screen) -> object:
    """Answer the current question by keys, as a reviewer would; returns the value given."""
    question = PROTOCOL.question(screen.current)
    if question.type is QuestionType.SINGLE:
        code = WALK.get(question.id, question.options[0].code)
        await pilot.press(question.option(code).key)
        return code
    if question.type is QuestionType.MULTI:
        await pilot.press("1", "2", "enter")  # tick two, then move on
        return [o.code for o in question.options[:2]]
    if question.type is QuestionType.NUMBER:
        await pilot.press("1", "2", "enter")
        return "12"
    if question.type is QuestionType.DATE:
        await pilot.press(*"2022-05-01", "enter")
        return "2022-05-01"
    await pilot.press("enter")  # free text: the editor
    await pilot.press(*"ok", "ctrl+s")
    await pilot.pause()
    await pilot.press("down")
    return "ok"


async def test_walk_a_whole_case_by_keyboard_and_find_every_answer_in_sqlite(make_app, review_db):
    app = make_app()
    given: dict[str, object] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        review_id = screen.review_id
        while screen.current not in given:
            qid = screen.current
            given[qid] = await answer_current(pilot, screen)
            await pilot.pause()
        # option 1 everywhere: "Ja" to a copied order is a finding (its good answer is Nej)
        assert await give_lacking_evidence(pilot, screen) == ["bestallning_kopierad",
                                                              "genomforandeplan_overensstammer"]
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert "✓" in str(screen.query_one("#status").render())
        assert screen.status == "complete"
        # every answered question shows as saved
        for qid in given:
            assert screen.views[qid].failed is False
            assert "sparad" in question_text(screen.views[qid])
    # The database, row by row.
    stored = {r[0]: r[1:] for r in rows(
        review_db, "SELECT question_id, value, answered_by, protocol_id, protocol_version,"
        " answered_at FROM answers WHERE review_id = ?", [review_id])}
    assert set(stored) == set(given)
    for qid, value in given.items():
        expected = "|".join(value) if isinstance(value, list) else value
        text, who, protocol_id, version, at = stored[qid]
        assert text == expected, qid
        assert (who, protocol_id, version) == (REVIEWER, "boendestod_sol", "1.0")
        assert at.endswith("+00:00")
    assert WALK["beslut"] == stored["beslut"][0]
    audited = rows(review_db, "SELECT field, new_value, who FROM audit_log WHERE action = 'answer'"
                   " AND entity_id = ? ORDER BY id", [review_id])
    assert [(f, v) for f, v, _ in audited] == [
        (qid, "|".join(v) if isinstance(v, list) else v) for qid, v in given.items()
        if not isinstance(v, list)
    ] or len(audited) >= len(given)
    assert {w for *_, w in audited} == {REVIEWER}
    statuses = rows(review_db, "SELECT old_value, new_value, who FROM audit_log"
                    " WHERE action = 'status' AND entity_id = ? ORDER BY id", [review_id])
    assert statuses == [("not_started", "in_progress", REVIEWER),
                        ("in_progress", "complete", REVIEWER)]
    # nothing that does not apply was asked: the plan's follow-up applies (not first time)
    assert "uppfoljning_dokumenterad" in given and "ansokt_tid_timmar_manad" not in given


async def test_avslag_hides_the_plan_questions_and_keeps_their_answers(make_app, review_db):
    plan = ("genomforandeplan_finns", "genomforandeplan_overensstammer", "bestallning_strukturerad")
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        screen.set_current("beslut")
        await pilot.press("b")  # bifall
        screen.set_current("bestallning_strukturerad")
        await pilot.press("j")
        screen.set_current("genomforandeplan_finns")
        await pilot.press("j")  # finns
        screen.set_current("genomforandeplan_overensstammer")
        await pilot.press("d")  # delvis
        await pilot.pause()
        assert all(screen.views[q].display for q in plan)
        screen.set_current("beslut")
        await pilot.press("a")  # avslag
        await pilot.pause()
        assert not any(screen.views[q].display for q in plan)
        assert screen.current == "forstagangsbeslut"  # the next question that applies
        kept = dict(rows(review_db, "SELECT question_id, value FROM answers WHERE review_id = ?",
                         [screen.review_id]))
        assert kept["genomforandeplan_overensstammer"] == "delvis"
        assert kept["beslut"] == "avslag"
        # the section headings of what no longer applies are hidden as well
        sections = dict(zip((s.id for s in PROTOCOL.sections), screen.section_boxes,
                            strict=True))
        assert not sections["genomforandeplan"].display
        assert "(+3 ej tillämpliga kvar)" in str(screen.query_one("#status").render())
        screen.set_current("beslut")
        await pilot.press("b")  # back to bifall: the plan shows again, with its answers
        await pilot.pause()
        assert all(screen.views[q].display for q in plan)
        assert screen.views["genomforandeplan_overensstammer"].value == "delvis"
        assert sections["genomforandeplan"].display
    count = rows(review_db, "SELECT count(*) FROM answers WHERE review_id = ? AND question_id"
                 " IN (?, ?, ?)", [screen.review_id, *plan])[0][0]
    assert count == 3


async def test_a_locked_database_is_shown_loudly_and_the_answer_not_as_saved(db_path, review_db):
    from jobs.config import Config
    from store import open_database
    from tui.app import GranskaApp

    impatient = open_database(db_path, busy_timeout_ms=50)
    app = GranskaApp(Config(), impatient, user=REVIEWER)
    other = sqlite3.connect(db_path, isolation_level=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await app.saves.wait()  # where the reviewer is, written on opening
        other.execute("BEGIN IMMEDIATE")  # another inspector's long write
        await pilot.press("j")
        await app.saves.wait()  # it waited its 50 ms for the lock, then failed
        await pilot.pause()
        view = screen.views["dur_aktuell"]
        assert view.value is None and view.failed
        banner = screen.query_one("#banner")
        assert banner.display and "INTE SPARAT" in str(banner.render())
        assert "busy" in str(banner.render())
        assert screen.current == "dur_aktuell"  # back on it, so it can be given again
        assert any(n.severity == "error" for n in app._notifications)
        other.execute("ROLLBACK")
        await pilot.press("j")  # the lock is gone: now it saves
        await app.saves.wait()
        await pilot.pause()
        assert view.value == "ja" and not view.failed and not banner.display
    assert rows(review_db, "SELECT value FROM answers WHERE question_id = 'dur_aktuell'") == [
        ("ja",)]


async def give_answers_under_the_lock(pilot, screen) -> None:
    await pilot.press("j")  # DUR: finns, and on
    await pilot.press("f")  # interests: framgår, and on
    assert screen.current == "hembesok_gjort"  # the keys moved the screen on
    await pilot.press("up", "d")  # back: interests only partly stated after all, and on
    await pilot.pause()
    assert screen.current == "hembesok_gjort"
    assert screen.views["intressen_resurser_onskemal"].value == "delvis"
    shown = screen_lines(pilot.app)
    assert sum("sparar…" in line for line in shown) == 2  # two questions, not yet written
    assert not any("✓ sparad" in line for line in shown)
    assert rows(screen.app.session.db, "SELECT count(*) FROM answers")[0][0] == 0


async def test_keys_go_on_while_a_colleague_holds_the_write_lock_and_answers_land_in_order(
        db_path, review_db):
    from jobs.config import Config
    from store import open_database
    from tui.app import GranskaApp

    patient = open_database(db_path, busy_timeout_ms=60_000)  # waits as long as it takes
    app = GranskaApp(Config(), patient, user=REVIEWER)
    colleague = sqlite3.connect(db_path, isolation_level=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await app.saves.wait()
        colleague.execute("BEGIN IMMEDIATE")  # a long write of someone else's
        try:
            await give_answers_under_the_lock(pilot, screen)
        finally:
            colleague.execute("ROLLBACK")
        await app.saves.wait()
        await pilot.pause()
        shown = screen_lines(app)
        assert not any("sparar…" in line for line in shown)
        assert sum("✓ sparad" in line for line in shown) == 2
    given = rows(review_db, "SELECT field, new_value FROM audit_log WHERE action = 'answer'"
                 " ORDER BY id")
    assert given == [("dur_aktuell", "ja"), ("intressen_resurser_onskemal", "framgar"),
                     ("intressen_resurser_onskemal", "delvis")]


async def test_a_read_only_connection_saves_nothing_and_says_so(make_app, review_db):
    review_db.execute("PRAGMA query_only = ON")  # the app's writes are made as it may
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("n")
        await app.saves.wait()
        await pilot.pause()
        assert screen.views["dur_aktuell"].failed
        assert screen.views["dur_aktuell"].value is None
        assert "read-only" in str(screen.query_one("#banner").render())
    review_db.execute("PRAGMA query_only = OFF")
    assert rows(review_db, "SELECT count(*) FROM answers")[0][0] == 0


async def test_klar_lists_what_is_missing_and_jumps_there_then_reopen_is_audited(
        make_app, review_db):
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("j", "f", "n")  # dur ja, intressen framgår, hembesök nej
        screen.set_current("vald_fragat")
        await pilot.press("n")
        await pilot.press("ctrl+k")
        await pilot.pause()
        banner = str(screen.query_one("#banner").render())
        assert "obligatoriska frågor saknar svar" in banner
        assert "Värderande språk" in banner  # the first one missing is named
        assert screen.current == "varderande_sprak"
        assert screen.status == "in_progress"
        # answer everything that is still missing, then klar works
        from review_protocols.completeness import missing_required

        while missing := missing_required(PROTOCOL, screen.values):
            screen.set_current(missing[0])
            await answer_current(pilot, screen)
            await pilot.pause()
        assert "vald_fragat" in await give_lacking_evidence(pilot, screen)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert screen.status == "complete"
        await pilot.press("ctrl+k")  # reopen
        await pilot.pause()
        assert screen.status == "in_progress"
    statuses = [r[0] for r in rows(review_db, "SELECT new_value FROM audit_log WHERE action ="
                                   " 'status' AND entity_id = ? ORDER BY id", [screen.review_id])]
    assert statuses == ["in_progress", "complete", "in_progress"]


async def test_number_fields_validate_as_you_type_and_save_only_valid_values(
        make_app, review_db):
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        screen.set_current("beslut")
        await pilot.press("b", "n")  # bifall, not first time: now on granted hours
        assert screen.current == "beviljad_tid_timmar_manad"
        view = screen.views["beviljad_tid_timmar_manad"]
        await pilot.press("8", "0", "0")
        assert view.problem == "ska vara högst 744"
        await pilot.press("enter")  # refused: stays, nothing saved
        await pilot.pause()
        assert screen.current == "beviljad_tid_timmar_manad"
        assert view.value is None
        await pilot.press("backspace", "backspace", "backspace", "1", "3", ",", "5")
        assert view.problem is None
        await pilot.press("enter")
        await pilot.pause()
        assert view.value == 13.5
        assert screen.current != "beviljad_tid_timmar_manad"
    assert rows(review_db, "SELECT value FROM answers WHERE question_id ="
                " 'beviljad_tid_timmar_manad'") == [("13.5",)]


async def test_notes_per_question_and_per_case_are_saved(make_app, review_db):
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("ctrl+n")
        await pilot.press(*"oklar datering", "ctrl+s")
        await pilot.pause()
        assert screen.views["dur_aktuell"].note == "oklar datering"
        await pilot.press("ctrl+e")
        await pilot.press(*"ring handlaggaren", "ctrl+s")
        await pilot.pause()
        assert "ring handlaggaren" in str(screen.query_one("#case-note").render())
    assert rows(review_db, "SELECT note, value FROM answers WHERE question_id = 'dur_aktuell'") \
        == [("oklar datering", None)]
    assert rows(review_db, "SELECT note FROM reviews WHERE id = ?", [screen.review_id]) == [
        ("ring handlaggaren",)]


async def test_a_new_start_lands_on_the_same_case_and_question(make_app, review_db):
    from tui.screens.case import CaseScreen

    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        screen = pilot.app.screen
        review_id = screen.review_id
        await pilot.press("j", "f", "down", "down")
        where = screen.current
        await pilot.press("ctrl+q")
    saved = json.loads(rows(review_db, "SELECT value FROM user_state WHERE username = ?",
                            [REVIEWER])[0][0])
    assert saved == {"review": review_id, "question": where, "open": True}
    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CaseScreen)
        assert (screen.review_id, screen.current) == (review_id, where)
        assert screen.views[where].current
        await pilot.press("escape")  # back to the list: next start stays on the list
        await pilot.pause()
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CaseScreen)


async def test_case_list_filters_searches_and_pages_in_sql(make_app, review_db):
    from store.reviews import count_reviews
    from tui.screens.case_list import CaseTable

    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        screen = pilot.app.screen
        table = screen.query_one(CaseTable)
        total = count_reviews(review_db, reviewer=REVIEWER)
        assert screen.total == total and table.row_count == screen.page_size < total
        filters = str(screen.query_one("#filters").render())
        assert f"rader 1–{screen.page_size} av {total}" in filters
        await pilot.press("pagedown")
        assert screen.row_offset == screen.page_size
        assert f"rader {screen.page_size + 1}–" in str(screen.query_one("#filters").render())
        await pilot.press("pageup", "d")  # first district only
        district = screen.filters["district"]
        assert screen.total == count_reviews(review_db, reviewer=REVIEWER, district=district)
        assert all(str(table.get_row_at(i)[1]) == district for i in range(table.row_count))
        await pilot.press("g")  # women
        assert all(str(table.get_row_at(i)[2]) == "Kvinna" for i in range(table.row_count))
        await pilot.press("r")
        ref = str(table.get_row_at(3)[0])
        await pilot.press("slash", *ref[-4:], "enter")
        assert screen.total >= 1 and all(ref[-4:] in str(table.get_row_at(i)[0])
                                         for i in range(table.row_count))
        await pilot.press("s")  # status: ej påbörjad
        assert screen.filters["status"] == "not_started"


async def test_down_at_the_last_row_turns_the_page(make_app):
    from tui.screens.case_list import CaseTable

    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        screen = pilot.app.screen
        table = screen.query_one(CaseTable)
        first_page_last = table.get_row_at(table.row_count - 1)[0]
        await pilot.press(*["down"] * table.row_count)
        assert screen.row_offset == screen.page_size and table.cursor_row == 0
        await pilot.press("up")
        assert screen.row_offset == 0 and table.get_row_at(table.cursor_row)[0] == \
            first_page_last
        await pilot.press("ctrl+end")
        assert screen.row_offset + table.row_count == screen.total
        await pilot.press("pagedown")  # nothing after the last page
        assert screen.row_offset + table.row_count == screen.total
        await pilot.press("ctrl+home")
        assert screen.row_offset == 0


async def test_progress_shows_complete_cases_per_district(make_app, review_db):
    from store.reviews import count_reviews, list_reviews, set_review_status

    first = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]
    total = count_reviews(review_db, reviewer=REVIEWER)
    in_district = count_reviews(review_db, reviewer=REVIEWER, district=first["district"])
    set_review_status(review_db, first["id"], "complete", who=REVIEWER)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        text = str(pilot.app.screen.query_one("#progress").render())
        assert f"1/{total} " in text and f"  1/{in_district}" in text
        assert "✓ klar" in str(pilot.app.screen.query_one("CaseTable").get_row_at(0)[3])


@pytest.mark.parametrize("key", ["question_mark"])
async def test_keys_help_lists_the_keys(make_app, key):
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_first_case(pilot)
        await pilot.press(key)
        await pilot.pause()
        text = str(pilot.app.screen.query_one("#keys-text").render())
        assert "ctrl+k" in text and "j/n" in text
        await pilot.press("escape")


async def test_back_from_a_case_the_list_shows_it_with_its_new_count_and_cursor(make_app):
    from tui.screens.case_list import CaseTable

    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.press("j", "f", "n", "escape")
        await pilot.pause()
        table = pilot.app.screen.query_one(CaseTable)
        assert table.cursor_row == 2
        row = table.get_row_at(2)
        assert "pågående" in str(row[3])
        assert str(row[4]).startswith("3/")  # answered of those that apply


def case_file_shown(screen) -> str:
    return "\n\n".join(str(part.render()) for part in screen.query(".case-file-part"))


async def test_the_case_file_is_beside_the_questions_and_scrolls_and_hides(make_app, review_db):
    from store.frames import set_case_text
    from store.reviews import list_reviews
    from tui.screens.case import CaseFilePane

    first, second = list_reviews(review_db, reviewer=REVIEWER, limit=2)
    text = "\n".join(f"Journalanteckning {n}: hembesök planerat." for n in range(80))
    set_case_text(review_db, first["population_id"], text, who=REVIEWER)
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        pane = screen.query_one(CaseFilePane)
        assert pane.display and "Journalanteckning 0" in case_file_shown(screen)
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert pane.scroll_y > 0
        await pilot.press("ctrl+t")
        assert not pane.display
        await pilot.press("j")  # the keys still answer while the pane is hidden
        assert screen.views["dur_aktuell"].value == "ja"
        await pilot.press("escape", "down", "enter")
        await pilot.pause()
        assert pilot.app.screen.review_id == second["id"]
        # The next demo case shows its own generated case file.
        own = case_file_shown(pilot.app.screen)
        assert "Journalanteckning 0" not in own and second["district"] in own


async def test_a_case_without_text_has_no_case_file_pane(review_db):
    from jobs.config import Config
    from store.frames import insert_frame
    from store.reviews import ensure_review
    from tui.app import GranskaApp
    from tui.screens.case import CaseFilePane

    frame_id = insert_frame(review_db, name="utan-text", source="t.csv", sha256="1" * 64,
                            rows=[{"case_ref": "AAA-0001", "gender": "K",
                                   "district": "Skarpnäck"}])
    person = review_db.execute("SELECT id FROM population WHERE frame_id = ?",
                               [frame_id]).fetchone()[0]
    ensure_review(review_db, person, REVIEWER, "boendestod_sol", "1.0")
    async with GranskaApp(Config(), review_db, user=REVIEWER).run_test(size=(80, 24)) as pilot:
        await pilot.press("/")
        await pilot.press(*"AAA-0001", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.info["case_ref"] == "AAA-0001"
        assert not pilot.app.screen.query(CaseFilePane)  # no text: no pane


async def test_command_palette_jumps_to_a_section(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"avsnitt: Våld")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.current == "vald_fragat"


async def test_typing_into_a_saved_number_replaces_it_and_backspace_edits_it(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        screen.set_current("beslut")
        await pilot.press("b", "n", "1", "2", "enter")
        view = screen.views["beviljad_tid_timmar_manad"]
        assert view.value == 12
        await pilot.press("k", "1", "3", "enter")  # back up, type: replaces
        assert view.value == 13
        await pilot.press("k", "backspace", "5", "enter")  # edit: 13 -> 15
        assert view.value == 15


async def test_answers_still_waiting_when_the_app_closes_are_written_not_lost(
        db_path, review_db):
    import threading

    from jobs.config import Config
    from store import open_database
    from tui.app import GranskaApp

    app = GranskaApp(Config(), open_database(db_path, busy_timeout_ms=60_000), user=REVIEWER)
    colleague = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await app.saves.wait()
        colleague.execute("BEGIN IMMEDIATE")
        await pilot.press("j", "f")  # both wait for the colleague's lock
        await pilot.pause()
        assert screen.views["intressen_resurser_onskemal"].saving
        # the app closes (no ctrl+q, as when the terminal goes away) while they wait;
        # the colleague's save ends a moment later, from their own thread
        threading.Timer(0.2, lambda: colleague.execute("ROLLBACK")).start()
    assert rows(review_db, "SELECT question_id, value FROM answers ORDER BY question_id") == [
        ("dur_aktuell", "ja"), ("intressen_resurser_onskemal", "framgar")]
