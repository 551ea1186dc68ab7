"""Forward-only schema migrations with a recorded version.

``PRAGMA user_version`` holds the schema version; ``schema_migrations`` keeps
when each step ran. Each step runs in its own transaction with its version
bump (SQLite DDL is transactional), so a failed upgrade leaves the database as
it was, and processes upgrading at once never run a step twice. Never edit a
released step: add a new one at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from store.database import Database
from store.errors import StoreError
from store.identity import now
from store.transactions import db_path, transaction

Step = Callable[[Database], None]


def _base_schema(db: Database) -> None:
    for statement in _statements(_BASE_SQL):
        db.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a script for ``execute`` (``executescript`` would commit our transaction)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return [s for s in statements if s]


def _resume_state(db: Database) -> None:
    db.execute(
        """CREATE TABLE user_state (
            username TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT,
            PRIMARY KEY (username, key)
        )"""
    )


def _training(db: Database) -> None:
    """Training: answer keys and passages (never shown to trainees), sessions, trainees."""
    for statement in _statements(_TRAINING_SQL):
        db.execute(statement)


def _answers_covering_index(db: Database) -> None:
    """Tallies and the long-format export read every counted answer by review: with the
    value and time in the index they never touch the table (about twice as fast)."""
    db.execute("CREATE INDEX answers_by_review ON answers"
               " (review_id, question_id, value, answered_at)")


def _audit_chain(db: Database) -> None:
    """The audit log's hash chain (store/audit.py): two columns, the existing rows chained
    in id order (the append-only trigger set aside for that one update), and a unique
    prev_hash so the chain can never fork."""
    from store.audit import chain_rows

    db.execute("ALTER TABLE audit_log ADD COLUMN prev_hash TEXT")
    db.execute("ALTER TABLE audit_log ADD COLUMN hash TEXT")
    db.execute("DROP TRIGGER audit_log_no_update")
    chain_rows(db)
    db.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
               " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    db.execute("CREATE UNIQUE INDEX audit_chain ON audit_log (prev_hash)")


def _finding_closures(db: Database) -> None:
    """Data-quality findings closed with a comment (store/checks.py): a finding is its review,
    rule and question ('' for the whole case), so a closed one stays closed across checks."""
    db.execute(
        """CREATE TABLE finding_closures (
            review_id INTEGER NOT NULL REFERENCES reviews(id),
            rule_id TEXT NOT NULL,
            question_id TEXT NOT NULL DEFAULT '',
            comment TEXT NOT NULL,
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL,
            PRIMARY KEY (review_id, rule_id, question_id)
        )"""
    )
def _review_states(db: Database) -> None:
    """The states a supervisor sets on a complete review, ``approved`` and ``returned``, and
    the reason a review was returned with.

    SQLite cannot alter a CHECK constraint, and rebuilding ``reviews`` would need foreign
    keys off, which a step inside its transaction cannot have. A CHECK that old rows meet
    already may instead be widened in the stored definition (the edit SQLite documents
    for constraints: ``writable_schema``, then ``schema_version`` bumped so that every
    connection reads the schema again); the rest of the table's definition is kept as it
    is, whatever other steps put there.
    """
    old = "CHECK (status IN ('not_started', 'in_progress', 'complete'))"
    new = "CHECK (status IN ('not_started', 'in_progress', 'complete', 'approved', 'returned'))"
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'reviews'").fetchone()
    if sql.count(old) != 1:
        raise StoreError(f"{db_path(db)}: the reviews table's status constraint is not the one "
                         "this step widens; nothing was changed", "schema")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'reviews'",
                   [sql.replace(old, new)])
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    db.execute("ALTER TABLE reviews ADD COLUMN status_reason TEXT")


# The boendestöd protocol's uppfoljning_hur (multiple choice) mixed the form of a follow-up
# with who took part; it now holds the form only, and uppfoljning_deltagare who took part.
# Old codes -> new answers, frozen here with the step:
#   personligt_mote, telefon    stay in uppfoljning_hur (the form); each meant "with the
#                               individual", so alone they give deltagare = enskilde
#   med_utforare                deltagare = bada (the individual with the support worker)
#   separat_utforare            deltagare = utforaren, or bada_var_for_sig when the
#                               individual took part too (a form ticked, or med_utforare)
_FOLLOW_UP_FORMS = ("personligt_mote", "telefon")


def follow_up_split(old: list[str]) -> tuple[list[str], str | None]:
    """An old ``uppfoljning_hur`` answer as (its form codes, its participants code)."""
    forms = [code for code in _FOLLOW_UP_FORMS if code in old]
    with_individual = bool(forms) or "med_utforare" in old
    if "separat_utforare" in old:
        return forms, "bada_var_for_sig" if with_individual else "utforaren"
    if "med_utforare" in old:
        return forms, "bada"
    return forms, "enskilde" if forms else None


def _split_follow_up_how(db: Database) -> None:
    """Stored answers (and training answer keys) of the old ``uppfoljning_hur`` moved onto
    the form and the new ``uppfoljning_deltagare``, keeping who answered and when (a note
    stays with the form question, where it was written).
    An answer that already has participants (written by a newer Granska) is left as it is."""
    rows = db.execute(
        "SELECT id, review_id, value, protocol_version, answered_at, answered_by"
        " FROM answers WHERE question_id = 'uppfoljning_hur'"
        " AND protocol_id = 'boendestod_sol'").fetchall()
    for answer_id, review_id, value, version, answered_at, answered_by in rows:
        forms, participants = follow_up_split([c for c in (value or "").split("|") if c])
        db.execute("UPDATE answers SET value = ? WHERE id = ?",
                   ["|".join(forms) or None, answer_id])
        if participants is not None:
            db.execute(
                "INSERT OR IGNORE INTO answers (review_id, question_id, value, note,"
                " protocol_id, protocol_version, answered_at, answered_by)"
                " VALUES (?, 'uppfoljning_deltagare', ?, '', 'boendestod_sol', ?, ?, ?)",
                [review_id, participants, version, answered_at, answered_by])
    keys = db.execute("SELECT population_id, value FROM training_keys"
                      " WHERE question_id = 'uppfoljning_hur'").fetchall()
    for population_id, value in keys:
        forms, participants = follow_up_split([c for c in (value or "").split("|") if c])
        db.execute("UPDATE training_keys SET value = ? WHERE population_id = ?"
                   " AND question_id = 'uppfoljning_hur'", ["|".join(forms), population_id])
        if participants is not None:
            db.execute("INSERT OR IGNORE INTO training_keys (population_id, question_id, value)"
                       " VALUES (?, 'uppfoljning_deltagare', ?)", [population_id, participants])


MIGRATIONS: list[tuple[str, Step]] = [
    ("base schema", _base_schema),
    ("per-user resume state", _resume_state),
    ("training sessions, answer keys and passages", _training),
    ("covering index for reading answers by review", _answers_covering_index),
    ("hash chain over the audit log", _audit_chain),
    ("closed data-quality findings", _finding_closures),
    ("review states: approved, returned with a reason", _review_states),
    ("uppfoljning_hur split into form and participants", _split_follow_up_how),
]

LATEST = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(db: Database, target: int = LATEST) -> None:
    """Bring the schema up to ``target``, one step per transaction with its version bump.

    Several processes may open an old database at once: each step takes the write lock
    (``BEGIN IMMEDIATE``) and reads the version again under it, so a step another
    process has just applied is skipped instead of run twice.
    """
    _refuse_newer(db, schema_version(db))
    while schema_version(db) < target:  # read unlocked: an up-to-date database never waits
        with transaction(db):
            current = schema_version(db)
            _refuse_newer(db, current)
            if current >= target:
                return
            version = current + 1
            name, step = MIGRATIONS[version - 1]
            if version == 1:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
            step(db)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [version, name, now()],
            )
            db.execute(f"PRAGMA user_version = {version}")


def _refuse_newer(db: Database, version: int) -> None:
    if version > LATEST:
        raise StoreError(
            f"{db_path(db)}: schema version {version} is newer than this Granska knows "
            f"({LATEST}); upgrade Granska",
            "schema",
        )


_BASE_SQL = """
CREATE TABLE db_info (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE frames (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'real' CHECK (kind IN ('real', 'demo', 'training')),
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);

CREATE TABLE population (
    id INTEGER PRIMARY KEY,
    frame_id INTEGER NOT NULL REFERENCES frames(id),
    case_ref TEXT NOT NULL,
    personnummer TEXT,
    name TEXT,
    gender TEXT NOT NULL CHECK (gender IN ('K', 'M')),
    district TEXT NOT NULL,
    insats TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    birth_date TEXT,
    line INTEGER,
    UNIQUE (frame_id, case_ref)
);
CREATE INDEX population_stratum ON population (frame_id, district, gender);

CREATE TABLE case_files (
    population_id INTEGER PRIMARY KEY REFERENCES population(id),
    text TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'attached'
);

CREATE TABLE samples (
    id INTEGER PRIMARY KEY,
    frame_id INTEGER NOT NULL REFERENCES frames(id),
    seed INTEGER NOT NULL,
    spec TEXT NOT NULL,
    frame_sha256 TEXT NOT NULL,
    protocol_id TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE sample_members (
    id INTEGER PRIMARY KEY,
    sample_id INTEGER NOT NULL REFERENCES samples(id),
    population_id INTEGER NOT NULL REFERENCES population(id),
    district TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('K', 'M')),
    role TEXT NOT NULL CHECK (role IN ('selected', 'reserve', 'excluded', 'replacement')),
    rank INTEGER NOT NULL,
    reason TEXT,
    replaces INTEGER REFERENCES sample_members(id),
    UNIQUE (sample_id, population_id)
);
CREATE INDEX sample_members_stratum ON sample_members (sample_id, district, gender, role, rank);

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    population_id INTEGER NOT NULL REFERENCES population(id),
    sample_id INTEGER REFERENCES samples(id),
    reviewer TEXT NOT NULL,
    protocol_id TEXT NOT NULL,
    protocol_version TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'primary'
        CHECK (kind IN ('primary', 'second', 'consensus', 'training')),
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'complete')),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT,
    UNIQUE (population_id, reviewer, protocol_id, kind)
);
CREATE INDEX reviews_reviewer ON reviews (reviewer, status);

CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews(id),
    question_id TEXT NOT NULL,
    value TEXT,
    note TEXT NOT NULL DEFAULT '',
    protocol_id TEXT NOT NULL,
    protocol_version TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    answered_by TEXT NOT NULL,
    UNIQUE (review_id, question_id)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    field TEXT,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE users (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('supervisor', 'inspector', 'trainer')),
    granted_at TEXT NOT NULL,
    granted_by TEXT NOT NULL
);

CREATE TABLE district_notes (
    id INTEGER PRIMARY KEY,
    district TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('strength', 'development')),
    text TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    written_at TEXT NOT NULL,
    written_by TEXT NOT NULL
);
"""

_TRAINING_SQL = """
CREATE TABLE training_keys (
    population_id INTEGER NOT NULL REFERENCES population(id),
    question_id TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (population_id, question_id)
);

CREATE TABLE training_passages (
    population_id INTEGER NOT NULL REFERENCES population(id),
    question_id TEXT NOT NULL,
    text TEXT NOT NULL,
    present INTEGER NOT NULL DEFAULT 1,
    section TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (population_id, question_id)
);

CREATE TABLE training_sessions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    frame_id INTEGER NOT NULL REFERENCES frames(id),
    protocol_id TEXT NOT NULL,
    seed INTEGER,
    difficulty TEXT NOT NULL DEFAULT 'normal',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE training_session_cases (
    session_id INTEGER NOT NULL REFERENCES training_sessions(id),
    population_id INTEGER NOT NULL REFERENCES population(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (session_id, population_id)
);

CREATE TABLE training_trainees (
    session_id INTEGER NOT NULL REFERENCES training_sessions(id),
    username TEXT NOT NULL,
    PRIMARY KEY (session_id, username)
);
"""
