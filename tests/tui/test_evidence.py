"""Evidence by key on the case screen: the dialog, the quote search, and klar's list."""

from __future__ import annotations

from review_protocols import load_builtin
from review_protocols.completeness import missing_required
from tests.tui.conftest import REVIEWER
from tests.tui.evidence_keys import add_evidence_by_keys
from tests.tui.shown import question_text
from tests.tui.test_review import answer_current, open_first_case, rows

PROTOCOL = load_builtin("boendestod_sol")


def shown(view) -> str:
    return question_text(view)


async def test_ctrl_d_adds_evidence_to_the_current_question(make_app, review_db):
    from tui.screens.evidence import EvidenceModal

    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("n")  # DUR: saknas, which needs evidence
        await pilot.pause()
        assert "belägg saknas (ctrl+d)" in shown(screen.views["dur_aktuell"])
        # said once: the rule's finding is for granska check and F7, not a second mark here
        assert "Kontroll" not in shown(screen.views["dur_aktuell"])
        screen.set_current("dur_aktuell")
        await pilot.press("ctrl+d")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, EvidenceModal)
        assert "Belägg för: Aktuell DUR-utredning" in str(modal.query_one("#evidence-title")
                                                          .render())
        await pilot.press("enter", *"2021-13-01", "ctrl+s")  # no such month: refused
        await pilot.pause()
        assert pilot.app.screen is modal
        assert "ÅÅÅÅ-MM-DD" in str(modal.query_one("#evidence-problem").render())
        assert rows(review_db, "SELECT * FROM evidence") == []
        await pilot.press(*["backspace"] * 10, *"2021-03-01", "tab", *"DUR från 2017",
                          "ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert 'Belägg: Utredning 2021-03-01 "DUR från 2017"' in shown(
            screen.views["dur_aktuell"])
        assert "belägg sparat" in str(screen.query_one("#status").render())
        assert "⚑" not in shown(screen.views["dur_aktuell"])  # the finding is gone at once
        # again, another document: replaced, not added
        await add_evidence_by_keys(pilot, screen, "dur_aktuell", doc_steps=1,
                                   date="2021-04-02")
    assert rows(review_db, "SELECT review_id, question_id, doc_type, doc_date, quote,"
                " recorded_by FROM evidence") == [
        (screen.review_id, "dur_aktuell", "beslut", "2021-04-02", "DUR från 2017",
         REVIEWER)]
    assert [r[0] for r in rows(review_db, "SELECT new_value FROM audit_log WHERE action ="
                               " 'evidence' AND entity_id = ? ORDER BY id",
                               [screen.review_id])] == [
        'utredning 2021-03-01: "DUR från 2017"', 'beslut 2021-04-02: "DUR från 2017"']


async def test_klar_lists_the_answers_that_lack_evidence(make_app, review_db):
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        screen.set_current("vald_fragat")
        await pilot.press("n")  # not asked about violence: needs evidence
        while missing := missing_required(PROTOCOL, screen.values):
            screen.set_current(missing[0])
            await answer_current(pilot, screen)
            await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        banner = str(screen.query_one("#banner").render())
        assert "svar saknar belägg" in banner and "Frågat om våld" in banner
        assert "obligatoriska" not in banner
        assert screen.status == "in_progress"
        lacking = [q for q in screen.views if "belägg saknas" in shown(screen.views[q])]
        assert "vald_fragat" in lacking and screen.current == lacking[0]
        for question_id in lacking:
            await add_evidence_by_keys(pilot, screen, question_id)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert screen.status == "complete"
    assert rows(review_db, "SELECT status FROM reviews WHERE id = ?",
                [screen.review_id]) == [("complete",)]


async def test_the_quote_is_picked_from_the_case_file_by_searching(make_app, review_db):
    from store.frames import set_case_text
    from store.reviews import list_reviews

    first = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]
    set_case_text(review_db, first["population_id"],
                  "2021-02-01 Ansökan om boendestöd. Hembesök gjordes hos den enskilde.\n"
                  "2021-03-01 Beslut: bifall.\n"
                  "2021-05-01 Uppföljning per telefon. Frågan om våld ställdes inte.\n",
                  who=REVIEWER)
    async with make_app().run_test(size=(100, 40)) as pilot:
        screen = await open_first_case(pilot)
        screen.set_current("vald_fragat")
        await pilot.press("n", "up")
        assert screen.current == "vald_fragat"
        await pilot.press("ctrl+d")
        await pilot.pause()
        modal = pilot.app.screen
        await pilot.press(*["down"] * 5, "enter", *"2021-05-01", "tab", "tab", *"våld")
        await pilot.pause()
        listed = modal.query_one("#evidence-passages")
        assert listed.display and listed.option_count == 1
        await pilot.press("enter", "enter")  # to the list, pick the passage
        await pilot.pause()
        assert modal.query_one("#evidence-quote").value == "Frågan om våld ställdes inte."
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert rows(review_db, "SELECT question_id, doc_type, doc_date, quote FROM evidence") == [
        ("vald_fragat", "journalanteckning", "2021-05-01", "Frågan om våld ställdes inte.")]
