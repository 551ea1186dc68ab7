"""Reviews and their answers: every save is one committed transaction and one audit row."""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import StoreError
from store.identity import current_user, now
from store.review_states import DONE, sql_list
from store.rounds import JOINED, working_clause
from store.transactions import transaction
from store.users import assert_can_edit

STATUSES = ("not_started", "in_progress", "complete")  # the reviewer's (store.review_states)


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    question_id: str
    value: str | None
    note: str
    answered_at: str
    answered_by: str


def ensure_review(
    db: Database,
    population_id: int,
    reviewer: str,
    protocol_id: str,
    protocol_version: str,
    *,
    sample_id: int | None = None,
    kind: str = "primary",
    who: str | None = None,
) -> int:
    """The review of a case by a reviewer, created (and audited) if it does not exist."""
    found = db.execute(
        "SELECT id FROM reviews WHERE population_id = ? AND reviewer = ? AND protocol_id = ?"
        " AND kind = ? ORDER BY id DESC",  # the newest round's
        [population_id, reviewer, protocol_id, kind],
    ).fetchone()
    if found:
        existing: int = found[0]
        return existing
    stamp = now()
    with transaction(db):
        # A sample's review joins its newest round, if it has one (training is no round's).
        in_round = sample_id is not None and kind != "training"
        column, value = (", round_id", f", {JOINED}") if in_round else ("", "")
        review_id = db.insert(
            f"INSERT INTO reviews (population_id, sample_id{column}, reviewer, protocol_id,"
            f" protocol_version, kind, created_at, updated_at) VALUES (?, ?{value}, ?, ?, ?,"
            " ?, ?, ?)",
            [population_id, sample_id, *([sample_id] if in_round else []), reviewer,
             protocol_id, protocol_version, kind, stamp, stamp],
        )
        record(db, "review.create", "review", review_id, new=reviewer, who=who)
    return review_id


def save_answer(
    db: Database,
    review_id: int,
    question_id: str,
    value: str | None,
    *,
    who: str | None = None,
) -> bool:
    """Store one answer (None clears it). Returns False when nothing changed.

    The answer records the protocol id and version of its review; a first
    answer moves the review from not started to in progress, and a change to an approved
    review makes it complete again: what was approved is no longer what it says.
    """
    who = who or current_user()
    with transaction(db):
        assert_can_edit(db, review_id, who)
        review = db.execute(
            "SELECT protocol_id, protocol_version, status FROM reviews WHERE id = ?", [review_id]
        ).fetchone()
        if review is None:
            raise KeyError(f"no review {review_id}")
        protocol_id, protocol_version, status = review
        old = db.execute(
            "SELECT value FROM answers WHERE review_id = ? AND question_id = ?",
            [review_id, question_id],
        ).fetchone()
        if old is not None and old[0] == value:
            return False
        stamp = now()
        db.execute(
            "INSERT INTO answers (review_id, question_id, value, protocol_id, protocol_version,"
            " answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (review_id, question_id) DO UPDATE SET value = excluded.value,"
            " protocol_id = excluded.protocol_id, protocol_version = excluded.protocol_version,"
            " answered_at = excluded.answered_at, answered_by = excluded.answered_by",
            [review_id, question_id, value, protocol_id, protocol_version, stamp, who],
        )
        record(db, "answer", "review", review_id, field=question_id,
               old=old[0] if old else None, new=value, who=who)
        if status in ("not_started", "approved"):
            _set_status(db, review_id, status,
                        "in_progress" if status == "not_started" else "complete", who, stamp)
        else:
            db.execute("UPDATE reviews SET updated_at = ? WHERE id = ?", [stamp, review_id])
    return True


def save_note(
    db: Database,
    review_id: int,
    question_id: str | None,
    note: str,
    *,
    who: str | None = None,
) -> bool:
    """A note on one question, or on the whole case when question_id is None."""
    who = who or current_user()
    with transaction(db):
        assert_can_edit(db, review_id, who)
        if question_id is None:
            old_row = db.execute("SELECT note FROM reviews WHERE id = ?", [review_id]).fetchone()
            old = old_row[0] if old_row else ""
            if old == note:
                return False
            db.execute("UPDATE reviews SET note = ?, updated_at = ? WHERE id = ?",
                       [note, now(), review_id])
            record(db, "case_note", "review", review_id, old=old, new=note, who=who)
            return True
        protocol = db.execute(
            "SELECT protocol_id, protocol_version FROM reviews WHERE id = ?", [review_id]
        ).fetchone()
        old_row = db.execute(
            "SELECT note FROM answers WHERE review_id = ? AND question_id = ?",
            [review_id, question_id],
        ).fetchone()
        old = old_row[0] if old_row else ""
        if old == note:
            return False
        db.execute(
            "INSERT INTO answers (review_id, question_id, value, note, protocol_id,"
            " protocol_version, answered_at, answered_by) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)"
            " ON CONFLICT (review_id, question_id) DO UPDATE SET note = excluded.note",
            [review_id, question_id, note, protocol[0], protocol[1], now(), who],
        )
        record(db, "note", "review", review_id, field=question_id, old=old, new=note, who=who)
    return True


def set_review_status(
    db: Database, review_id: int, status: str, *, who: str | None = None
) -> bool:
    if status not in STATUSES:
        raise ValueError(f"unknown status '{status}'")
    who = who or current_user()
    with transaction(db):
        assert_can_edit(db, review_id, who)
        row = db.execute("SELECT status FROM reviews WHERE id = ?", [review_id]).fetchone()
        if row is None:
            raise KeyError(f"no review {review_id}")
        if row[0] == status:
            return False
        _set_status(db, review_id, row[0], status, who, now())
    return True


def _set_status(
    db: Database, review_id: int, old: str, new: str, who: str, stamp: str
) -> None:
    completed = stamp if new == "complete" else None
    db.execute(
        "UPDATE reviews SET status = ?, status_reason = NULL, updated_at = ?, completed_at = ?"
        " WHERE id = ?",
        [new, stamp, completed, review_id],
    )
    record(db, "status", "review", review_id, old=old, new=new, who=who)


def answers_for(db: Database, review_id: int) -> dict[str, StoredAnswer]:
    rows = db.execute(
        "SELECT question_id, value, note, answered_at, answered_by FROM answers"
        " WHERE review_id = ?",
        [review_id],
    ).fetchall()
    return {row[0]: StoredAnswer(*row) for row in rows}


def review(db: Database, review_id: int) -> dict[str, Any] | None:
    """A review of either unit: a case's, or a provider follow-up's, whose ``case_ref`` is
    the provider reference and which carries the contract's area and regime."""
    return db.first(_UNIT_REVIEW_SELECT + " WHERE r.id = ?", [review_id])


def protocol_of(db: Database, review_id: int) -> str:
    """The protocol a review is scored on; for ids the caller took from the database."""
    row = db.execute("SELECT protocol_id FROM reviews WHERE id = ?", [review_id]).fetchone()
    if row is None:
        raise StoreError(f"review {review_id} no longer exists")
    protocol_id: str = row[0]
    return protocol_id


def list_reviews(
    db: Database,
    *,
    reviewer: str | None = None,
    district: str | None = None,
    gender: str | None = None,
    status: str | None = None,
    search: str | None = None,
    kind: str | None = None,
    offset: int = 0,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """One page of reviews with their case's district, gender and answered count.

    The first page of a whole scope is one query when the scope's sorted ids are not
    read yet: the first screen needs those rows, not the order of every review."""
    unfiltered = district is None and gender is None and status is None and not search
    if unfiltered and offset <= 0 and not _is_kept(db, _scopes, (reviewer, kind)):
        clause, params = _filters(db, reviewer, None, None, None, None, kind)
        return list(db.query(_REVIEW_SELECT + f" {clause} {_LIST_ORDER} LIMIT ?",
                             [*params, max(limit, 0)]))
    ids = _matching_ids(db, reviewer, district, gender, status, search, kind)
    ids = ids[max(offset, 0):max(offset, 0) + max(limit, 0)]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return list(db.query(_REVIEW_SELECT + f" WHERE r.id IN ({marks}) {_LIST_ORDER}", ids))


def count_reviews(
    db: Database,
    *,
    reviewer: str | None = None,
    district: str | None = None,
    gender: str | None = None,
    status: str | None = None,
    search: str | None = None,
    kind: str | None = None,
) -> int:
    if district is None and gender is None and not search \
            and not _is_kept(db, _scopes, (reviewer, kind)):
        clause, params = _filters(db, reviewer, None, None, status, None, kind)  # no join
        count: int = db.execute(f"SELECT count(*) FROM reviews r {clause}", params).fetchone()[0]
        return count
    return len(_matching_ids(db, reviewer, district, gender, status, search, kind))


# Returned reviews first (their reviewer has work to do), then by district and case.
_LIST_ORDER = "ORDER BY r.status = 'returned' DESC, p.district, p.case_ref, r.id"
# Recent lists, each with the connection and database state it was read in (see _cached):
# the ordered ids of every review of a scope, and of the last few filters.
_Kept = dict[tuple[str | None, ...], tuple[sqlite3.Connection, tuple[int, int], list[int]]]
_scopes: _Kept = {}
_lists: _Kept = {}


def _state(db: Database) -> tuple[int, int]:
    """Changes whenever anything is committed: ``PRAGMA data_version`` when another
    connection commits, ``total_changes`` when this one writes."""
    return db.conn.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


def _is_kept(db: Database, kept: _Kept, key: tuple[str | None, ...]) -> bool:
    """``_cached`` holds ``key``'s result for this connection and database state."""
    found = kept.get(key)
    return found is not None and found[0] is db.conn and found[1] == _state(db)


def _cached(db: Database, kept: _Kept, key: tuple[str | None, ...],
            read: Callable[[], list[int]], *, most: int = 4) -> list[int]:
    """``read()``'s result, kept in ``kept`` until anything is committed to the database,
    so a list is never stale."""
    state = _state(db)
    found = kept.get(key)
    if found is None or found[0] is not db.conn or found[1] != state:
        if len(kept) >= most:  # a few lists of at most a few MB each
            kept.clear()
        found = kept[key] = (db.conn, state, read())
    return found[2]


def _matching_ids(db: Database, reviewer: str | None, district: str | None,
                  gender: str | None, status: str | None, search: str | None,
                  kind: str | None) -> list[int]:
    """Every matching review id in list order, worked out once per filter and database state.

    Sorting 100,000 reviews in SQLite takes tens of milliseconds, so it is done
    once per scope (reviewer, kind) and database state (``_ordered_ids``). The
    list is sorted by district after the returned reviews, so a district is two
    stretches of it, found by bisection; any other filter asks SQLite only which
    reviews match, unsorted, and keeps those of the sorted list (keeping items of
    a sorted list keeps their order). Paging then costs a slice, and going back to a
    recent filter nothing.
    """
    ordered = _ordered_ids(db, reviewer, kind)
    if district is None and gender is None and status is None and not search:
        return ordered
    key = (reviewer, kind, district, gender, status, search)

    def read() -> list[int]:
        ids = ordered if district is None else _district_stretch(db, ordered, district)
        if gender is None and status is None and not search:
            return ids
        found = _found(db, reviewer, gender, status, search, kind)
        return list(filter(found.__contains__, ids))

    return _cached(db, _lists, key, read)


def _district_stretch(db: Database, ordered: list[int],
                      district: str) -> list[int]:
    """The reviews of one district in a list sorted by (returned first, district): the
    district's stretch of the returned reviews, then of the others, each bisected with
    one lookup per step (Python orders strings by code point, as SQLite's BINARY
    collation orders their UTF-8 bytes)."""
    def place(review_id: int) -> tuple[int, str]:
        returned, district = db.execute(
            "SELECT r.status = 'returned', p.district FROM reviews r JOIN population p"
            " ON p.id = r.population_id WHERE r.id = ?", [review_id]).fetchone()
        return 0 if returned else 1, district

    found: list[int] = []
    for run in (0, 1):
        start = bisect_left(ordered, (run, district), key=place)
        found += ordered[start:bisect_right(ordered, (run, district), lo=start, key=place)]
    return found


def _ordered_ids(db: Database, reviewer: str | None,
                 kind: str | None) -> list[int]:
    """The ids of every review of a scope, in list order."""
    clause, params = _filters(db, reviewer, None, None, None, None, kind)
    return _cached(db, _scopes, (reviewer, kind), lambda: [row[0] for row in db.execute(
        "SELECT r.id FROM reviews r JOIN population p ON p.id = r.population_id"
        f" {clause} {_LIST_ORDER}", params)], most=2)


def _found(db: Database, reviewer: str | None, gender: str | None,
           status: str | None, search: str | None, kind: str | None) -> set[int]:
    """The ids of the reviews that pass the filters, in no order.

    Without a filter on the case (gender, search) the cases are not joined: the
    sorted list these ids are matched against has joined them already, and a
    status alone is then read from the reviewer's index.
    """
    clause, params = _filters(db, reviewer, None, gender, status, search, kind)
    cases = gender is not None or search
    join = " JOIN population p ON p.id = r.population_id" if cases else ""
    return {row[0] for row in db.execute(f"SELECT r.id FROM reviews r{join} {clause}", params)}


def progress(
    db: Database, reviewer: str | None = None, kind: str | None = None,
) -> dict[str, dict[str, int]]:
    """Per district: how many reviews there are and how many are done (complete or
    approved)."""
    clause, params = _filters(db, reviewer, None, None, None, None, kind)
    rows = db.execute(
        f"SELECT p.district, count(*), sum(r.status IN ({sql_list(DONE)})) FROM reviews r"
        f" JOIN population p ON p.id = r.population_id {clause} GROUP BY p.district",
        params,
    ).fetchall()
    return {row[0]: {"total": row[1], "complete": row[2] or 0} for row in rows}


_REVIEW_SELECT = """
SELECT r.id, r.population_id, r.sample_id, r.reviewer, r.protocol_id, r.protocol_version,
       r.kind, r.status, r.status_reason, r.note, r.updated_at, r.completed_at,
       p.case_ref, p.district, p.gender, p.insats, p.decision_date,
       (SELECT count(*) FROM answers a WHERE a.review_id = r.id AND a.value IS NOT NULL)
           AS answered,
       (SELECT count(*) FROM case_files c WHERE c.population_id = p.id) AS has_case_file
FROM reviews r JOIN population p ON p.id = r.population_id
"""


_UNIT_REVIEW_SELECT = """
SELECT r.id, r.population_id, r.sample_id, r.reviewer, r.protocol_id, r.protocol_version,
       r.kind, r.status, r.status_reason, r.note, r.updated_at, r.completed_at, r.unit_kind,
       r.follow_up_id,
       coalesce(p.case_ref, pr.provider_ref) AS case_ref, p.district, p.gender, p.insats,
       p.decision_date, pr.name AS provider_name, pr.contract_area, pr.regime,
       pr.contract_ref, pr.purchase_value_mkr,
       (SELECT count(*) FROM answers a WHERE a.review_id = r.id AND a.value IS NOT NULL)
           AS answered,
       (SELECT count(*) FROM case_files c WHERE c.population_id = p.id) AS has_case_file
FROM reviews r LEFT JOIN population p ON p.id = r.population_id
     LEFT JOIN follow_ups f ON f.id = r.follow_up_id
     LEFT JOIN providers pr ON pr.id = f.provider_id
"""


def _filters(
    db: Database,
    reviewer: str | None,
    district: str | None,
    gender: str | None,
    status: str | None,
    search: str | None,
    kind: str | None,
) -> tuple[str, list[Any]]:
    where, params = [], []
    current = working_clause(db)  # the reviews of older rounds are there to compare with
    if current:
        where.append(current)
    for column, value in (
        ("r.reviewer", reviewer), ("p.district", district), ("p.gender", gender),
        ("r.status", status), ("r.kind", kind),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if search:
        where.append("p.case_ref LIKE ? ESCAPE '\\'")
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    return (f"WHERE {' AND '.join(where)}" if where else ""), params


def answers_for_reviews(
    db: Database, review_ids: list[int]
) -> dict[int, dict[str, str]]:
    """The stored answer texts of several reviews at once (one page of a list), by review."""
    found: dict[int, dict[str, str]] = {review_id: {} for review_id in review_ids}
    if not review_ids:
        return found
    marks = ", ".join("?" for _ in review_ids)
    for review_id, question_id, value in db.execute(
        f"SELECT review_id, question_id, value FROM answers WHERE review_id IN ({marks})"
        " AND value IS NOT NULL",
        review_ids,
    ).fetchall():
        found[review_id][question_id] = value
    return found
