"""Rebuilding reviews for provider units keeps every case review, answer and reference."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import open_database
from store.database import Database
from store.migrations import MIGRATIONS, migrate, schema_version
from store.reviews import answers_for
from tests.store.test_store import one_review

PROVIDERS_STEP = next(i for i, (name, _) in enumerate(MIGRATIONS, 1)
                      if name.startswith("provider follow-ups"))


def test_case_reviews_survive_the_rebuild(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    old = Database(conn, str(db_path))
    migrate(old, target=PROVIDERS_STEP - 1)
    review_id = one_review(old)
    # the answer as the schema of that time holds it (today's save_answer knows later columns)
    conn.execute("INSERT INTO answers (review_id, question_id, value, protocol_id,"
                 " protocol_version, answered_at, answered_by)"
                 " VALUES (?, 'dur_aktuell', 'ja', 'boendestod_sol', '1.0', 't', 'anna')",
                 [review_id])
    conn.close()
    db = open_database(db_path)
    assert schema_version(db) >= PROVIDERS_STEP
    assert answers_for(db, review_id)["dur_aktuell"].value == "ja"
    assert db.execute("SELECT unit_kind FROM reviews WHERE id = ?", [review_id]).fetchone()[0] \
        == "case"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):  # answers still point at reviews
        db.execute("INSERT INTO answers (review_id, question_id, protocol_id, protocol_version,"
                   " answered_at, answered_by) VALUES (999, 'x', 'p', '1', 't', 'a')")
    with pytest.raises(sqlite3.IntegrityError):  # a case review needs its case
        db.execute("INSERT INTO reviews (reviewer, protocol_id, protocol_version, created_at,"
                   " updated_at) VALUES ('a', 'p', '1', 't', 't')")
