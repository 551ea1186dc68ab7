"""Full-text search: the index follows every write, respects roles, and never crashes on text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.i18n import t
from jobs.search import find
from store import open_database
from store.database import Database
from store.frames import set_case_text
from store.migrations import LATEST, MIGRATIONS, migrate
from store.reviews import save_note
from store.search import HIT_END, HIT_START, SOURCES, SearchQueryError, search
from store.users import grant_role
from tests.search_cases import PNR, add_case, review_of


def refs(hits) -> list[str]:
    return sorted(hit.case_ref for hit in hits)


def assert_index_matches_tables(db: Database) -> None:
    """FTS5's own check that an external-content index holds exactly the table's text."""
    for source in SOURCES:
        db.execute(f"INSERT INTO {source.table}_fts ({source.table}_fts, rank)"
                   " VALUES ('integrity-check', 1)")


def test_the_index_follows_inserts_updates_and_deletes(db) -> None:
    case = add_case(db, "SK-1", "Hembesök gjordes i mars.")
    review_id = review_of(db, case, "anna")
    assert refs(search(db, "hembesök")) == ["SK-1"]
    set_case_text(db, case, "Inget besök alls.", who="test")  # an update
    assert search(db, "hembesök") == []
    assert refs(search(db, "besök")) == ["SK-1"]
    save_note(db, review_id, None, "Planen saknar datum", who="anna")
    save_note(db, review_id, "dur_aktuell", "Utredningen daterad i fel år", who="anna")
    assert [(h.where, h.question_id) for h in search(db, "planen")] == [("case_note", None)]
    assert [(h.where, h.question_id) for h in search(db, "utredningen")] == [
        ("question_note", "dur_aktuell")]
    save_note(db, review_id, "dur_aktuell", "ändrad", who="anna")
    assert search(db, "utredningen") == []
    with db.conn:
        db.execute("DELETE FROM answers WHERE review_id = ?", [review_id])
        db.execute("DELETE FROM case_files WHERE population_id = ?", [case])
    assert search(db, "ändrad") == [] and search(db, "besök") == []
    assert_index_matches_tables(db)


def test_the_migration_indexes_the_rows_already_there(tmp_path: Path) -> None:
    step = next(i for i, (name, _) in enumerate(MIGRATIONS, 1) if "full-text search" in name)
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path, isolation_level=None), str(path))
    migrate(db, target=step - 1)
    case = add_case(db, "SK-9", "Journalanteckning om hemtjänst.")
    review_id = review_of(db, case, "anna")
    db.execute("UPDATE reviews SET note = 'gammal anteckning' WHERE id = ?", [review_id])
    db.conn.close()
    db = open_database(path)  # upgrades to LATEST
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert refs(search(db, "hemtjänst")) == ["SK-9"]
    assert [h.where for h in search(db, "anteckning")] == ["case_note"]
    assert_index_matches_tables(db)
    db.conn.close()


def test_a_hit_is_marked_and_swedish_letters_are_letters(db) -> None:
    case = add_case(db, "SK-2", "Brukaren får stöd. Far ringde.")
    review_of(db, case, "anna")
    (hit,) = search(db, "får")  # not "far": å is a letter of its own
    assert hit.text == f"Brukaren {HIT_START}får{HIT_END} stöd. Far ringde."


def test_a_snippet_is_cut_from_masked_text_so_no_part_of_a_personnummer_is_left(db) -> None:
    words = " ".join(f"ord{n}" for n in range(30))
    case = add_case(db, "SK-5", f"{words}\n{PNR} a b c d\nhembesök {words}")
    review_of(db, case, "anna")
    (result,) = find(db, "supervisor", "sara", "hembesök")
    assert result.snippet == (f"…ord29 YYYYMMDD-NNNN a b c d {HIT_START}hembesök{HIT_END} "
                              "ord0 ord1 ord2 ord3 ord4 ord5 ord6 ord7 ord8 ord9 ord10…")
    assert result.line == 2  # where the case screen scrolls to


@pytest.fixture
def roles_db(db):
    """Cases of two inspectors, a training case, and a case file read in two reviews."""
    grant_role(db, "anna", "inspector", who="test")
    grant_role(db, "bo", "inspector", who="test")
    grant_role(db, "tove", "trainer", who="test")
    grant_role(db, "sara", "supervisor", who="test")
    annas = add_case(db, "A-1", "Hembesök hos brukaren.")
    bos = add_case(db, "B-1", "Hembesök gjordes inte.")
    shared = add_case(db, "S-1", "Hembesök i april.")
    training = add_case(db, "T-1", "Hembesök på låtsas.", kind="training")
    review_of(db, annas, "anna")
    save_note(db, review_of(db, bos, "bo"), None, "hembesök saknas", who="bo")
    review_of(db, shared, "anna")
    review_of(db, shared, "bo", kind="second")
    review_of(db, training, "tove", kind="training")
    return db


def test_an_inspector_searches_their_own_cases_only(roles_db) -> None:
    assert refs(find(roles_db, "inspector", "anna", "hembesök")) == ["A-1", "S-1"]
    bos = find(roles_db, "inspector", "bo", "hembesök")
    assert sorted((r.case_ref, r.where) for r in bos) == [
        ("B-1", "case_file"), ("B-1", "case_note"), ("S-1", "case_file")]
    shared = next(r for r in bos if r.case_ref == "S-1")
    assert roles_db.execute("SELECT reviewer FROM reviews WHERE id = ?",
                            [shared.review_id]).fetchone()[0] == "bo"  # his own review


def test_a_trainer_searches_training_cases_and_a_supervisor_everything(roles_db) -> None:
    assert refs(find(roles_db, "trainer", "tove", "hembesök")) == ["T-1"]
    everything = find(roles_db, "supervisor", "sara", "hembesök")
    # every case file once (S-1 is read in two reviews), and the note
    assert refs(everything) == ["A-1", "B-1", "B-1", "S-1", "T-1"]


def test_names_and_personnummer_never_come_back(db) -> None:
    case = add_case(db, "SK-3", f"Birgitta Roos ({PNR}) fick hembesök. Birgittas syster ringde.")
    review_id = review_of(db, case, "anna")
    save_note(db, review_id, None, "Roos vill ha hembesök 195904123287", who="anna")
    results = find(db, "supervisor", "sara", "hembesök")
    assert len(results) == 2
    for result in results:
        assert "Birgitta" not in result.snippet and "Roos" not in result.snippet
        assert "3287" not in result.snippet
    # the subject's name finds nothing: no name is tied to a case reference that way
    assert find(db, "supervisor", "sara", "Birgitta") == []
    assert find(db, "supervisor", "sara", "roos OR hembesök") == []
    assert find(db, "supervisor", "sara", "birgittas") == []


@pytest.mark.parametrize("text", ['"unbalanced', "a AND", "(", "*", "foo:bar", "   ", "NEAR(a"])
def test_bad_query_text_is_one_clear_error(db, text: str) -> None:
    add_case(db, "SK-4", "text")
    with pytest.raises(SearchQueryError) as raised:
        find(db, "supervisor", "sara", text)
    assert "\n" not in str(raised.value) and "fts5" not in str(raised.value)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    database = open_database(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    case = add_case(database, "F-1", 'Hembesök "citat" (parentes) OR NOT AND * : ^ - +')
    save_note(database, review_of(database, case, "anna"), None, "anteckning", who="anna")
    yield database
    database.conn.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
       | st.lists(st.sampled_from(['"', "(", ")", "*", ":", "^", "-", "+", " ", "AND", "OR",
                                   "NOT", "NEAR", "hembesök", ",", "{", "}"]),
                  max_size=8).map("".join))
def test_any_text_gives_results_or_the_one_line_error(fuzz_db, text: str) -> None:
    try:
        results = find(fuzz_db, "supervisor", "sara", text)
    except SearchQueryError as error:
        assert str(error) in (t("search.bad_query", text=text), t("search.empty"))
        return
    assert all(r.case_ref == "F-1" for r in results)


def test_evidence_quotes_are_found_and_lead_to_their_question(db) -> None:
    from store.evidence import Evidence, clear_evidence, save_evidence

    case = add_case(db, "SK-7", "Akten.")
    review_id = review_of(db, case, "anna")
    save_evidence(db, review_id, "dur_aktuell",
                  Evidence("utredning", "2022-03-01", "utredningen saknar delaktighet"),
                  who="anna")
    hits = search(db, "delaktighet")
    assert [(h.case_ref, h.where, h.question_id) for h in hits] == [
        ("SK-7", "evidence", "dur_aktuell")]
    assert_index_matches_tables(db)
    clear_evidence(db, review_id, "dur_aktuell", who="anna")
    assert search(db, "delaktighet") == []
