"""The case list's "Besvarade" column: answered of applicable, per case, by skip logic."""

from __future__ import annotations

from review_protocols import load_builtin
from review_protocols.completeness import answered_applicable
from tests.tui.conftest import REVIEWER, rows_in

PROTOCOL = load_builtin("boendestod_sol")


async def test_each_row_counts_its_own_answers_and_rows_answered_alike_agree(
        make_app, review_db):
    from store.reviews import list_reviews, save_answer

    first, second, third, fourth = list_reviews(review_db, reviewer=REVIEWER, limit=4)
    given = {
        first["id"]: {"dur_aktuell": "ja", "beslut": "avslag"},  # avslag hides most questions
        second["id"]: {"dur_aktuell": "ja"},
        third["id"]: {"dur_aktuell": "ja"},  # answered as the second
        fourth["id"]: {},
    }
    for review_id, answers in given.items():
        for qid, value in answers.items():
            save_answer(review_db, review_id, qid, value, who=REVIEWER)
    expected = {review_id: "{}/{}".format(*answered_applicable(PROTOCOL, answers))
                for review_id, answers in given.items()}
    assert len(set(expected.values())) == 3  # avslag, one answer, none: three counts
    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        table = pilot.app.screen.query_one("CaseTable")
        shown = {int(table.key_at(row)): table.get_row_at(row)[4]
                 for row in range(table.row_count)}
    assert {review_id: shown[review_id] for review_id in given} == expected
