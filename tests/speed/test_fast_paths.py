"""The speed-ups keep their results: same bytes, same rows, same order as the plain way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tallies.export import answers_csv
from tests.speed.references import excel_csv

COLUMNS = ("case_ref", "district", "gender", "question_id", "value", "reviewer", "answered_at")
cell = st.one_of(st.none(), st.text(alphabet=st.sampled_from('ab;"\r\n ,åÄ-0=+@\t\''), max_size=6),
                 st.integers(-5, 5))
plain = st.text(alphabet=st.sampled_from("abcåÄ-0 "), max_size=6)


@given(st.lists(st.tuples(*[cell] * 7), max_size=8))
def test_answers_csv_is_what_the_csv_module_writes(rows) -> None:
    assert answers_csv(rows, COLUMNS) == excel_csv(rows, COLUMNS)


@given(st.lists(st.tuples(*[plain] * 7), max_size=8))
def test_answers_csv_plain_rows_take_the_fast_path_with_the_same_bytes(rows) -> None:
    assert answers_csv(rows, COLUMNS) == excel_csv(rows, COLUMNS)


def test_answers_long_matches_the_single_join_it_replaced(db) -> None:
    from store.reports import _counted, answers_long
    from tests.tallies.conftest import store_sample
    from tests.tallies.report_cases import build_cases

    store_sample(db, build_cases())
    for identities in (False, True):
        extra = ", p.personnummer, p.name" if identities else ""
        before = db.execute(
            f"WITH counted AS ({_counted('complete_or_approved')})"
            " SELECT p.case_ref, p.district, p.gender, a.question_id, a.value, r.reviewer,"
            f" a.answered_at, e.doc_type, e.doc_date, e.quote{extra} FROM counted c"
            " JOIN reviews r ON r.id = c.id JOIN population p ON p.id = r.population_id"
            " JOIN answers a ON a.review_id = r.id LEFT JOIN evidence e"
            " ON e.review_id = a.review_id AND e.question_id = a.question_id"
            " WHERE a.value IS NOT NULL ORDER BY r.id, a.question_id",
            ["boendestod_sol"]).fetchall()
        assert len(before) > 1000
        assert answers_long(db, "boendestod_sol", with_identities=identities) == before


def test_review_list_paging_sees_commits_from_this_and_other_connections(demo_db,
                                                                          db_path) -> None:
    from store import current_user, open_database
    from store.reviews import count_reviews, list_reviews

    user = current_user()
    everything = list_reviews(demo_db, reviewer=user, limit=1000)
    pages = [r["id"] for off in range(0, len(everything), 7)
             for r in list_reviews(demo_db, reviewer=user, offset=off, limit=7)]
    assert pages == [r["id"] for r in everything] and len(pages) > 7
    assert count_reviews(demo_db, reviewer=user, status="complete") == 0

    other = open_database(db_path)  # another inspector's process, in effect
    other.execute("BEGIN")
    other.execute("UPDATE reviews SET status = 'complete' WHERE id = ?", [pages[0]])
    other.execute("COMMIT")
    other.conn.close()
    assert count_reviews(demo_db, reviewer=user, status="complete") == 1
    assert [r["id"] for r in list_reviews(demo_db, reviewer=user, status="complete")] == \
        [pages[0]]

    demo_db.execute("BEGIN")
    demo_db.execute("UPDATE reviews SET status = 'complete' WHERE id = ?", [pages[1]])
    demo_db.execute("COMMIT")
    assert count_reviews(demo_db, reviewer=user, status="complete") == 2
