"""The case list's fast filters give the rows, order and counts of the plain query.

``store.reviews`` sorts a scope's reviews once and filters that ordered list in
Python; these tests compare every filter combination with the one SQL query
(WHERE + ORDER BY) the list used to run, on data made to catch the corners:
districts that are prefixes of each other or differ in case or by å/ä/ö, the same
case reference in two frames (ties broken by review id), reviews created out of
case order, search terms with LIKE's wildcards and escapes, and returned reviews
(listed first).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import open_database
from store.reviews import _matching_ids, count_reviews, list_reviews, progress

DISTRICTS = ("Söder", "Södermalm", "söder", "Ärla", "A", "a", "Zed")
CASE_REFS = ("1", "10", "2", "a-1", "A-1", "Å-1", "ab_%", "x\\y")
REVIEWERS = ("anna", "bert")
KINDS = ("primary", "second", "training")
STATUSES = ("not_started", "in_progress", "complete", "approved", "returned")
SEARCHES = ("1", "a", "A", "å", "Å", "%", "_", "\\", "-1", "b_", "")

filters = st.fixed_dictionaries({
    "reviewer": st.none() | st.sampled_from(REVIEWERS),
    "kind": st.none() | st.sampled_from(KINDS),
    "district": st.none() | st.sampled_from((*DISTRICTS, "Saknas", "")),
    "gender": st.none() | st.sampled_from("KM"),
    "status": st.none() | st.sampled_from(STATUSES),
    "search": st.none() | st.sampled_from(SEARCHES),
})


def ordered(db, **filters: str | None) -> list[int]:
    """The list's ordered ids before paging (pages are sorted again by their own query)."""
    return _matching_ids(db, **{"reviewer": None, "district": None, "gender": None,
                                "status": None, "search": None, "kind": None, **filters})


def reference(db, filters: dict) -> list[int]:
    """The plain query: every filter in SQL, sorted by SQLite."""
    where, params = [], []
    for column, name in (("r.reviewer", "reviewer"), ("r.kind", "kind"),
                         ("p.district", "district"), ("p.gender", "gender"),
                         ("r.status", "status")):
        if filters[name] is not None:
            where.append(f"{column} = ?")
            params.append(filters[name])
    if filters["search"]:
        where.append("p.case_ref LIKE ? ESCAPE '\\'")
        escaped = (filters["search"].replace("\\", "\\\\").replace("%", "\\%")
                   .replace("_", "\\_"))
        params.append(f"%{escaped}%")
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return [row[0] for row in db.execute(
        f"SELECT r.id FROM reviews r JOIN population p ON p.id = r.population_id {clause}"
        " ORDER BY r.status = 'returned' DESC, p.district, p.case_ref, r.id",
        params).fetchall()]


def reference_progress(db, scope: dict) -> dict[str, dict[str, int]]:
    """Per district, counted by SQLite."""
    where = [f"r.{name} = ?" for name, value in scope.items() if value is not None]
    params = [value for value in scope.values() if value is not None]
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return {district: {"total": total, "complete": complete or 0}
            for district, total, complete in db.execute(
                "SELECT p.district, count(*), sum(r.status IN ('complete', 'approved'))"
                " FROM reviews r"
                f" JOIN population p ON p.id = r.population_id {clause} GROUP BY p.district",
                params).fetchall()}


def fill(db, population: list[tuple], reviews: list[tuple]) -> None:
    """Replace every frame, case and review (raw SQL: the shapes the store would refuse
    to make quickly, such as reviews created in any order)."""
    db.execute("BEGIN")
    for table in ("reviews", "population", "frames"):
        db.execute(f"DELETE FROM {table}")
    for frame in (1, 2):
        db.execute("INSERT INTO frames (id, name, source, sha256, row_count, imported_at,"
                   " imported_by) VALUES (?, ?, 'f', '', 0, 'x', 'x')", [frame, f"f{frame}"])
    for number, (frame, case_ref, district, gender) in enumerate(population, 1):
        db.execute("INSERT INTO population (id, frame_id, case_ref, district, gender)"
                   " VALUES (?, ?, ?, ?, ?)", [number, frame, case_ref, district, gender])
    for case, reviewer, kind, status in reviews:
        db.execute("INSERT INTO reviews (population_id, reviewer, protocol_id,"
                   " protocol_version, kind, status, created_at, updated_at)"
                   " VALUES (?, ?, 'boendestod_sol', '1.0', ?, ?, 'x', 'x')",
                   [case, reviewer, kind, status])
    db.execute("COMMIT")


@st.composite
def databases(draw) -> tuple[list[tuple], list[tuple]]:
    """Cases of frame 1, some of them again in frame 2 (same reference and district), in
    any id order; reviews of them created in any order."""
    first = draw(st.lists(st.tuples(st.sampled_from(CASE_REFS), st.sampled_from(DISTRICTS),
                                    st.sampled_from("KM")),
                          min_size=1, max_size=8, unique_by=lambda case: case[0]))
    again = draw(st.lists(st.sampled_from(first), unique=True))
    population = draw(st.permutations(
        [(1, *case) for case in first]
        + [(2, ref, district, draw(st.sampled_from("KM"))) for ref, district, _ in again]))
    reviews = draw(st.lists(
        st.tuples(st.integers(1, len(population)), st.sampled_from(REVIEWERS),
                  st.sampled_from(KINDS), st.sampled_from(STATUSES)),
        min_size=1, max_size=24, unique_by=lambda review: review[:3]))
    return population, reviews


@pytest.fixture(scope="module")
def list_db(tmp_path_factory: pytest.TempPathFactory):
    database = open_database(Path(tmp_path_factory.mktemp("order")) / "order.db")
    yield database
    database.conn.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=databases(), chosen=st.lists(filters, min_size=1, max_size=6),
       page=st.integers(1, 4))
def test_filtered_lists_equal_the_plain_query(list_db, data, chosen, page) -> None:
    fill(list_db, *data)
    for round_ in range(2):
        for wanted in chosen:
            expected = reference(list_db, wanted)
            assert ordered(list_db, **wanted) == expected
            assert count_reviews(list_db, **wanted) == len(expected)
            scope = {"reviewer": wanted["reviewer"], "kind": wanted["kind"]}
            assert progress(list_db, **scope) == reference_progress(list_db, scope)
            # a page's rows are sorted again, so page through in small pages
            assert [r["id"] for offset in range(0, len(expected) + page, page)
                    for r in list_reviews(list_db, **wanted, offset=offset, limit=page)] == \
                expected
        if round_ == 0 and data[1]:  # a status changes: nothing kept may be stale
            list_db.execute("BEGIN")
            list_db.execute("UPDATE reviews SET status = CASE status WHEN 'complete'"
                            " THEN 'returned' ELSE 'complete' END WHERE id IN"
                            " (SELECT min(id) FROM reviews UNION SELECT max(id) FROM reviews)")
            list_db.execute("COMMIT")


def test_same_case_reference_in_two_frames_sorts_by_review_id(list_db) -> None:
    # review 1 is of frame 2's case "7", review 2 of frame 1's: the plain order is by
    # review id, not by which case row came first
    fill(list_db, [(1, "7", "Söder", "K"), (2, "7", "Söder", "M"), (1, "6", "Söder", "K")],
         [(2, "anna", "primary", "complete"), (1, "anna", "primary", "not_started"),
          (3, "anna", "primary", "complete")])
    assert [r["case_ref"] for r in list_reviews(list_db, reviewer="anna")] == ["6", "7", "7"]
    assert ordered(list_db, reviewer="anna") == [3, 1, 2]
    assert [r["id"] for offset in range(3)
            for r in list_reviews(list_db, reviewer="anna", offset=offset, limit=1)] == [3, 1, 2]
    assert ordered(list_db, status="complete") == [3, 1]
    assert ordered(list_db, gender="M", search="7") == [1]
