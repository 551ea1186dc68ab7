"""Training: generated case banks with answer keys, calibration sessions and their trainees.

Generated cases live in the normal tables (a frame of kind 'training', its
case files, and per trainee a review of kind 'training'), so trainees score
them in the normal review screens. The answer key and the passages behind
each key answer live in their own tables and are read only by the trainer's
report, never by the review screens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import StoreError
from store.frames import insert_frame
from store.identity import current_user, now
from store.reviews import ensure_review
from store.transactions import transaction

# (text, present, section): a passage as stored.
PassageRow = tuple[str, bool, str]


@dataclass(frozen=True, slots=True)
class SessionData:
    """Everything a calibration report needs, as stored (encoded values)."""

    session: dict[str, Any]
    case_refs: list[str]
    keys: dict[str, dict[str, str]]
    passages: dict[str, dict[str, PassageRow]]
    answers: dict[str, dict[str, dict[str, str | None]]]  # trainee -> case_ref -> qid -> value


def save_case_bank(
    db: Database,
    *,
    name: str,
    source: str,
    rows: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    keys: Mapping[str, Mapping[str, str]],
    passages: Mapping[str, Mapping[str, PassageRow]],
    who: str | None = None,
) -> int:
    """Store generated cases as a training frame, with their keys and passages."""
    import hashlib

    who = who or current_user()
    digest = hashlib.sha256(repr((list(map(dict, rows)), dict(texts))).encode()).hexdigest()
    frame_id = insert_frame(db, name=name, source=source, sha256=digest, rows=rows,
                            kind="training", case_texts=texts, who=who)
    ids = dict(db.execute("SELECT case_ref, id FROM population WHERE frame_id = ?",
                          [frame_id]).fetchall())
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO training_keys (population_id, question_id, value) VALUES (?, ?, ?)",
            ((ids[ref], qid, value) for ref, key in keys.items() for qid, value in key.items()),
        )
        db.conn.executemany(
            "INSERT INTO training_passages (population_id, question_id, text, present, section)"
            " VALUES (?, ?, ?, ?, ?)",
            ((ids[ref], qid, text, int(present), section)
             for ref, found in passages.items() for qid, (text, present, section) in found.items()),
        )
        record(db, "training.key", "frame", frame_id, new=f"{len(keys)} answer keys", who=who)
    return frame_id


def training_frames(db: Database) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT id, name, source, row_count, imported_at FROM frames WHERE kind = 'training'"
        " ORDER BY id"))


def create_session(
    db: Database,
    *,
    name: str,
    frame_id: int,
    protocol_id: str,
    protocol_version: str,
    cases: int,
    trainees: Sequence[str],
    seed: int | None = None,
    difficulty: str = "normal",
    who: str | None = None,
) -> int:
    """A session over the first ``cases`` cases of a training frame; reviews for each trainee."""
    who = who or current_user()
    trainees = list(dict.fromkeys(t.strip() for t in trainees if t.strip()))
    if not trainees:
        raise StoreError("a session needs at least one trainee (--trainees a,b)", "input")
    with transaction(db):
        kind = db.execute("SELECT kind FROM frames WHERE id = ?", [frame_id]).fetchone()
        if kind is None or kind[0] != "training":
            raise StoreError(f"frame {frame_id} is not a training frame; see granska train list",
                             "input")
        if db.execute("SELECT 1 FROM training_sessions WHERE name = ?", [name]).fetchone():
            raise StoreError(f"a session named '{name}' exists already; choose another --name",
                             "input")
        picked = [r[0] for r in db.execute(
            "SELECT id FROM population WHERE frame_id = ? ORDER BY id LIMIT ?",
            [frame_id, cases]).fetchall()]
        if len(picked) < cases:
            raise StoreError(f"frame {frame_id} has only {len(picked)} cases, fewer than "
                             f"--cases {cases}; generate more with granska train generate",
                             "input")
        session_id = db.insert(
            "INSERT INTO training_sessions (name, frame_id, protocol_id, seed, difficulty,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, frame_id, protocol_id, seed, difficulty, now(), who],
        )
        db.conn.executemany(
            "INSERT INTO training_session_cases (session_id, population_id, position)"
            " VALUES (?, ?, ?)", ((session_id, pid, i) for i, pid in enumerate(picked)))
        db.conn.executemany(
            "INSERT INTO training_trainees (session_id, username) VALUES (?, ?)",
            ((session_id, trainee) for trainee in trainees))
        record(db, "training.session", "training_session", session_id,
               new=f"{name}: {len(picked)} cases, {', '.join(trainees)}", who=who)
    for trainee in trainees:
        for pid in picked:
            ensure_review(db, pid, trainee, protocol_id, protocol_version, kind="training",
                          who=who)
    return session_id


def sessions(db: Database) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT s.id, s.name, s.frame_id, s.protocol_id, s.difficulty, s.created_at,"
        " (SELECT count(*) FROM training_session_cases c WHERE c.session_id = s.id) AS cases,"
        " (SELECT group_concat(username, ', ') FROM (SELECT username FROM training_trainees t"
        "  WHERE t.session_id = s.id ORDER BY username)) AS trainees"
        " FROM training_sessions s ORDER BY s.id"))


def find_session(db: Database, ref: str) -> dict[str, Any] | None:
    """A session by name, or by id when ``ref`` is a number."""
    for row in sessions(db):
        if row["name"] == ref or (ref.isdigit() and row["id"] == int(ref)):
            return row
    return None


def session_data(db: Database, session_id: int) -> SessionData:
    session = next((s for s in sessions(db) if s["id"] == session_id), None)
    if session is None:
        raise StoreError(f"no training session {session_id}; see granska train session list",
                         "input")
    cases = db.execute(
        "SELECT p.id, p.case_ref FROM training_session_cases c"
        " JOIN population p ON p.id = c.population_id WHERE c.session_id = ?"
        " ORDER BY c.position", [session_id]).fetchall()
    refs = {pid: ref for pid, ref in cases}
    keys: dict[str, dict[str, str]] = {ref: {} for ref in refs.values()}
    passages: dict[str, dict[str, PassageRow]] = {ref: {} for ref in refs.values()}
    marks = ", ".join("?" for _ in refs)
    for pid, qid, value in db.execute(
            f"SELECT population_id, question_id, value FROM training_keys"
            f" WHERE population_id IN ({marks})", list(refs)).fetchall():
        keys[refs[pid]][qid] = value
    for pid, qid, text, present, section in db.execute(
            f"SELECT population_id, question_id, text, present, section FROM training_passages"
            f" WHERE population_id IN ({marks})", list(refs)).fetchall():
        passages[refs[pid]][qid] = (text, bool(present), section)
    trainees = [r[0] for r in db.execute(
        "SELECT username FROM training_trainees WHERE session_id = ? ORDER BY username",
        [session_id]).fetchall()]
    answers: dict[str, dict[str, dict[str, str | None]]] = {
        t: {ref: {} for ref in refs.values()} for t in trainees}
    for reviewer, pid, qid, value in db.execute(
            "SELECT r.reviewer, r.population_id, a.question_id, a.value FROM reviews r"
            f" JOIN answers a ON a.review_id = r.id WHERE r.kind = 'training'"
            f" AND r.protocol_id = ? AND r.population_id IN ({marks})",
            [session["protocol_id"], *refs]).fetchall():
        if reviewer in answers:
            answers[reviewer][refs[pid]][qid] = value
    return SessionData(session, list(refs.values()), keys, passages, answers)


def case_key(db: Database, case_ref: str) -> tuple[str, dict[str, str]] | None:
    """The case text and answer key of a training case (the most recent with that ref)."""
    row = db.execute(
        "SELECT p.id, c.text FROM population p JOIN frames f ON f.id = p.frame_id"
        " LEFT JOIN case_files c ON c.population_id = p.id"
        " WHERE f.kind = 'training' AND p.case_ref = ? ORDER BY p.id DESC LIMIT 1",
        [case_ref]).fetchone()
    if row is None:
        return None
    key = dict(db.execute("SELECT question_id, value FROM training_keys WHERE population_id = ?",
                          [row[0]]).fetchall())
    return row[1] or "", key
