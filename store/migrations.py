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


def _provider_follow_ups(db: Database) -> None:
    """The second kind of review: a provider under a contract is the unit, not a case.

    ``reviews`` is rebuilt so that a review's unit is either a case
    (``unit_kind = 'case'``, ``population_id``) or a provider follow-up
    (``unit_kind = 'provider'``, ``follow_up_id``); answers, notes, statuses
    and the audit stay the same for both.
    """
    for statement in _statements(_PROVIDERS_SQL):
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


def _search_index(db: Database) -> None:
    """Full-text search (store/search.py): an FTS5 index over case-file texts, case notes
    and question notes, filled from the rows there and kept current by triggers."""
    from store.search import index_sources

    index_sources(db)


def _evidence(db: Database) -> None:
    """Evidence for an answer: where in the case file it was seen (``store.evidence``)."""
    db.execute(
        """CREATE TABLE evidence (
            review_id INTEGER NOT NULL REFERENCES reviews(id),
            question_id TEXT NOT NULL,
            doc_type TEXT NOT NULL CHECK (doc_type IN ('utredning', 'beslut', 'beställning',
                'genomförandeplan', 'uppföljning', 'journalanteckning', 'annat')),
            doc_date TEXT NOT NULL,
            quote TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (review_id, question_id)
        )"""
    )


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


def _review_rounds(db: Database) -> None:
    """Review rounds (``store.rounds``): the same sampled cases reviewed again, e.g. the
    follow-up six months on, each round's reviews beside the others'.

    ``reviews`` is rebuilt with a ``round_id`` that is part of its key, from the table's
    stored definition as it is (every column, constraint and widened CHECK other steps put
    there is kept), and its indexes and triggers made again. Every sample that has reviews
    becomes a first round, named "Omgång 1" (one sample) or "Urval N" (several), holding
    all of its reviews. A review made later for a sample with rounds joins the sample's
    newest round (``store.rounds.JOINED``); a sample without rounds keeps its reviews
    outside any, unique as before.
    """
    db.execute(
        """CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            sample_id INTEGER NOT NULL REFERENCES samples(id),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        )""")
    # SQLite puts an added column's definition after the others, before the constraints.
    db.execute("ALTER TABLE reviews ADD COLUMN round_id INTEGER REFERENCES rounds(id)")
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'reviews'").fetchone()
    old_key = "UNIQUE (population_id, reviewer, protocol_id, kind),"
    if sql.count(old_key) != 1:
        raise StoreError(f"{db_path(db)}: the reviews table's key is not the one this step "
                         "widens; nothing was changed", "schema")
    kept = [row[0] for row in db.execute(
        "SELECT sql FROM sqlite_schema WHERE tbl_name = 'reviews' AND type IN ('index',"
        " 'trigger') AND sql IS NOT NULL ORDER BY type, name")]
    columns = ", ".join(f'"{row[1]}"' for row in db.execute("PRAGMA table_info(reviews)"))
    body = sql.split("(", 1)[1].replace(
        old_key, "UNIQUE (population_id, reviewer, protocol_id, kind, round_id),", 1)
    db.execute(f"CREATE TABLE reviews_in_rounds ({body}")
    db.execute(f"INSERT INTO reviews_in_rounds ({columns}) SELECT {columns} FROM reviews")
    db.execute("DROP TABLE reviews")
    db.execute("ALTER TABLE reviews_in_rounds RENAME TO reviews")
    for statement in kept:
        db.execute(statement)
    drawn = db.execute(
        "SELECT s.id, s.created_at, s.created_by FROM samples s WHERE EXISTS (SELECT 1"
        " FROM reviews r WHERE r.sample_id = s.id AND r.kind != 'training') ORDER BY s.id"
    ).fetchall()
    for sample_id, created_at, created_by in drawn:
        name = "Omgång 1" if len(drawn) == 1 else f"Urval {sample_id}"
        round_id = db.insert("INSERT INTO rounds (name, sample_id, created_at, created_by)"
                             " VALUES (?, ?, ?, ?)", [name, sample_id, created_at, created_by])
        db.execute("UPDATE reviews SET round_id = ? WHERE sample_id = ? AND kind != 'training'",
                   [round_id, sample_id])
    for statement in _statements(_ROUNDS_SQL):
        db.execute(statement)


MIGRATIONS: list[tuple[str, Step]] = [
    ("base schema", _base_schema),
    ("per-user resume state", _resume_state),
    ("training sessions, answer keys and passages", _training),
    ("covering index for reading answers by review", _answers_covering_index),
    ("hash chain over the audit log", _audit_chain),
    ("provider follow-ups: register, plans, measures; reviews of a provider", _provider_follow_ups),
    ("closed data-quality findings", _finding_closures),
    ("review states: approved, returned with a reason", _review_states),
    ("full-text search over case files and notes", _search_index),
    ("evidence per answer", _evidence),
    ("full-text search over evidence quotes", _search_index),  # indexes what is not yet
    ("uppfoljning_hur split into form and participants", _split_follow_up_how),
    ("review rounds: the same cases reviewed again", _review_rounds),
]

# Steps that rebuild a table others point at: they run with foreign keys off (SQLite's
# way to change a table's definition) and every reference is checked before the commit.
_REBUILDS = {_provider_follow_ups, _review_rounds}

LATEST = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(db: Database, target: int = LATEST) -> None:
    """Bring the schema up to ``target``, one step per transaction with its version bump.

    Several processes may open an old database at once: each step takes the write lock
    (``BEGIN IMMEDIATE``) and reads the version again under it, so a step another
    process has just applied is skipped instead of run twice. A step that rebuilds a
    table others point at runs with foreign keys off (the pragma has no effect inside a
    transaction) and every reference is checked before its commit.
    """
    _refuse_newer(db, schema_version(db))
    while schema_version(db) < target:  # read unlocked: an up-to-date database never waits
        rebuild = MIGRATIONS[schema_version(db)][1] in _REBUILDS
        if rebuild:
            db.execute("PRAGMA foreign_keys = OFF")
        try:
            if not _run_next_step(db, target):
                return
        finally:
            if rebuild:
                db.execute("PRAGMA foreign_keys = ON")


def _run_next_step(db: Database, target: int) -> bool:
    """Apply the next step under the write lock; False when none is due any more."""
    with transaction(db):
        current = schema_version(db)
        _refuse_newer(db, current)
        if current >= target:
            return False
        version = current + 1
        name, step = MIGRATIONS[version - 1]
        if version == 1:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        step(db)
        if step in _REBUILDS and db.execute("PRAGMA foreign_key_check").fetchone():
            raise StoreError(f"{db_path(db)}: schema step {version} left a broken "
                             "reference; nothing was changed", "schema")
        db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            [version, name, now()],
        )
        db.execute(f"PRAGMA user_version = {version}")
    return True


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

_PROVIDERS_SQL = """
CREATE TABLE provider_registers (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);

CREATE TABLE providers (
    id INTEGER PRIMARY KEY,
    register_id INTEGER NOT NULL REFERENCES provider_registers(id),
    provider_ref TEXT NOT NULL,
    name TEXT NOT NULL,
    org_number TEXT NOT NULL,
    contract_area TEXT NOT NULL,
    regime TEXT NOT NULL CHECK (regime IN ('LOV', 'LOU', 'egen regi')),
    contract_ref TEXT,
    purchase_value_mkr REAL,
    placements INTEGER,
    complaints INTEGER,
    deviations INTEGER,
    line INTEGER,
    UNIQUE (register_id, provider_ref)
);

CREATE TABLE follow_up_plans (
    id INTEGER PRIMARY KEY,
    register_id INTEGER NOT NULL REFERENCES provider_registers(id),
    seed INTEGER,
    spec TEXT NOT NULL,
    register_sha256 TEXT NOT NULL,
    protocol_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES follow_up_plans(id),
    provider_id INTEGER NOT NULL REFERENCES providers(id),
    reasons TEXT NOT NULL,
    UNIQUE (plan_id, provider_id)
);

CREATE TABLE measures (
    id INTEGER PRIMARY KEY,
    provider_ref TEXT NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    sent_date TEXT NOT NULL,
    due_date TEXT,
    dnr TEXT,
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    closed_as TEXT CHECK (closed_as IN ('done', 'superseded')),
    done_date TEXT,
    done_at TEXT,
    done_by TEXT
);
CREATE INDEX measures_provider ON measures (provider_ref, id);

CREATE TABLE reviews_with_units (
    id INTEGER PRIMARY KEY,
    population_id INTEGER REFERENCES population(id),
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
    unit_kind TEXT NOT NULL DEFAULT 'case' CHECK (unit_kind IN ('case', 'provider')),
    follow_up_id INTEGER REFERENCES follow_ups(id),
    CHECK ((unit_kind = 'case') = (population_id IS NOT NULL)
           AND (unit_kind = 'provider') = (follow_up_id IS NOT NULL)),
    UNIQUE (population_id, reviewer, protocol_id, kind),
    UNIQUE (follow_up_id, reviewer, protocol_id, kind)
);
INSERT INTO reviews_with_units (id, population_id, sample_id, reviewer, protocol_id,
    protocol_version, kind, status, note, created_at, updated_at, completed_at)
    SELECT id, population_id, sample_id, reviewer, protocol_id, protocol_version, kind,
           status, note, created_at, updated_at, completed_at FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_with_units RENAME TO reviews;
CREATE INDEX reviews_reviewer ON reviews (reviewer, status);
"""

_ROUNDS_SQL = """
CREATE UNIQUE INDEX reviews_outside_rounds ON reviews (population_id, reviewer, protocol_id,
    kind) WHERE round_id IS NULL;
CREATE INDEX reviews_by_round ON reviews (round_id);
"""
