"""Rebuilding reviews for rounds keeps every review, answer, note, state and reference, and
puts each sample's reviews in a first round."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import open_database
from store.database import Database
from store.migrations import MIGRATIONS, migrate, schema_version

ROUNDS_STEP = next(i for i, (name, _) in enumerate(MIGRATIONS, 1)
                   if name.startswith("review rounds"))


def old_database(path: Path, samples: int = 1) -> None:
    """A database as the step before rounds left it, filled by hand (today's store
    functions know the later columns)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(Database(conn, str(path)), target=ROUNDS_STEP - 1)
    run = conn.execute
    run("INSERT INTO frames (id, name, source, sha256, row_count, imported_at, imported_by)"
        " VALUES (1, 'f', 'f.csv', '0', 3, 't', 'anna')")
    for pid, ref in ((1, "SK-1"), (2, "SK-2"), (3, "SK-3")):
        run("INSERT INTO population (id, frame_id, case_ref, gender, district)"
            " VALUES (?, 1, ?, 'K', 'Skarpnäck')", [pid, ref])
    for sid in range(1, samples + 1):
        run("INSERT INTO samples (id, frame_id, seed, spec, frame_sha256, protocol_id,"
            " created_at, created_by) VALUES (?, 1, 7, '{}', '0', 'boendestod_sol', ?, 'sara')",
            [sid, f"2026-0{sid}-01"])
    reviews = [  # id, case, sample, reviewer, kind, status, reason, note
        (1, 1, 1, "anna", "primary", "approved", None, "anteckning om boendet"),
        (2, 1, 1, "bertil", "second", "complete", None, ""),
        (3, 1, 1, "sara", "consensus", "complete", None, ""),
        (4, 2, 1, "anna", "primary", "returned", "saknar datum", ""),
        (5, 3, None, "tove", "training", "in_progress", None, ""),
    ]
    if samples > 1:
        reviews.append((6, 3, 2, "anna", "primary", "not_started", None, ""))
    for rid, case, sample, who, kind, status, reason, note in reviews:
        run("INSERT INTO reviews (id, population_id, sample_id, reviewer, protocol_id,"
            " protocol_version, kind, status, status_reason, note, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'boendestod_sol', '1.0', ?, ?, ?, ?, 't', 't')",
            [rid, case, sample, who, kind, status, reason, note])
    for rid in (1, 2, 3, 4, 5):
        for question, value in (("dur_aktuell", "ja"), ("beslut_typ", "bifall")):
            run("INSERT INTO answers (review_id, question_id, value, note, protocol_id,"
                " protocol_version, answered_at, answered_by) VALUES (?, ?, ?, ?,"
                " 'boendestod_sol', '1.0', 't', 'anna')",
                [rid, question, f"{value}{rid}", f"not {rid}"])
    run("INSERT INTO evidence (review_id, question_id, doc_type, doc_date, quote, recorded_at,"
        " recorded_by) VALUES (1, 'dur_aktuell', 'utredning', '2026-01-02', 'citat', 't', 'a')")
    run("INSERT INTO finding_closures (review_id, rule_id, question_id, comment, closed_at,"
        " closed_by) VALUES (4, 'r1', '', 'ok', 't', 'sara')")
    conn.close()


def everything(db: Database) -> dict[str, list[tuple]]:
    return {
        "reviews": db.execute(
            "SELECT id, population_id, sample_id, reviewer, protocol_id, protocol_version, kind,"
            " status, status_reason, note, created_at, updated_at, completed_at, unit_kind,"
            " follow_up_id FROM reviews ORDER BY id").fetchall(),
        "answers": db.execute("SELECT * FROM answers ORDER BY id").fetchall(),
        "evidence": db.execute("SELECT * FROM evidence").fetchall(),
        "closures": db.execute("SELECT * FROM finding_closures").fetchall(),
    }


def test_every_answer_survives_and_the_reviews_are_the_first_round(db_path: Path) -> None:
    old_database(db_path)
    conn = sqlite3.connect(db_path)
    before = everything(Database(conn, str(db_path)))
    conn.close()
    db = open_database(db_path)
    assert schema_version(db) >= ROUNDS_STEP
    assert everything(db) == before
    assert len(before["answers"]) == 10
    assert db.execute("SELECT id, name, sample_id, created_at, created_by FROM rounds"
                      ).fetchall() == [(1, "Omgång 1", 1, "2026-01-01", "sara")]
    assert db.execute("SELECT id, round_id FROM reviews ORDER BY id").fetchall() == [
        (1, 1), (2, 1), (3, 1), (4, 1), (5, None)]  # training is no round's
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_rebuilt_table_keeps_its_indexes_triggers_and_constraints(db_path: Path) -> None:
    from store.search import search

    old_database(db_path)
    db = open_database(db_path)
    names = {row[0] for row in db.execute(
        "SELECT name FROM sqlite_schema WHERE tbl_name = 'reviews' AND sql IS NOT NULL")}
    assert {"reviews_reviewer", "reviews_ai", "reviews_ad", "reviews_au"} <= names
    assert [h.review_id for h in search(db, "boendet")] == [1]  # the case note's index
    db.execute("UPDATE reviews SET note = 'ny anteckning om trappan' WHERE id = 4")
    assert [h.review_id for h in search(db, "trappan")] == [4]  # its triggers
    with pytest.raises(sqlite3.IntegrityError):  # the five states, still checked
        db.execute("UPDATE reviews SET status = 'bogus' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):  # answers still point at reviews
        db.execute("INSERT INTO answers (review_id, question_id, protocol_id, protocol_version,"
                   " answered_at, answered_by) VALUES (999, 'x', 'p', '1', 't', 'a')")
    duplicate = ("INSERT INTO reviews (population_id, sample_id, round_id, reviewer, protocol_id,"
                 " protocol_version, kind, created_at, updated_at)"
                 " VALUES (1, 1, ?, 'anna', 'boendestod_sol', '1.0', 'primary', 't', 't')")
    with pytest.raises(sqlite3.IntegrityError):  # one review per round and key
        db.execute(duplicate, [1])
    with pytest.raises(sqlite3.IntegrityError):  # and outside rounds as before
        db.execute("INSERT INTO reviews (population_id, reviewer, protocol_id, protocol_version,"
                   " kind, created_at, updated_at)"
                   " VALUES (3, 'tove', 'boendestod_sol', '1.0', 'training', 't', 't')")
    with pytest.raises(sqlite3.IntegrityError):  # a round that is not there
        db.execute(duplicate, [99])


def test_several_samples_each_become_a_round(db_path: Path) -> None:
    old_database(db_path, samples=2)
    db = open_database(db_path)
    assert db.execute("SELECT name, sample_id FROM rounds ORDER BY id").fetchall() == [
        ("Urval 1", 1), ("Urval 2", 2)]
    assert db.execute("SELECT round_id FROM reviews WHERE id = 6").fetchone() == (2,)
