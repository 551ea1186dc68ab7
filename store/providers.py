"""Provider follow-ups: the register's versions, follow-up plans, their reviews, measures.

A register imported again with changes is a new version (a new
``provider_registers`` row); the latest version is the register in force.
A plan (``follow_up_plans``) keeps its selection spec, seed and the
register's sha256, like a drawn sample; its ``follow_ups`` are the units a
review of ``unit_kind = 'provider'`` points at. Measures (the escalation
ladder) are kept per provider reference, across register versions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import StoreError
from store.identity import current_user, now
from store.transactions import transaction

PROVIDER_COLUMNS = ("provider_ref", "name", "org_number", "contract_area", "regime",
                    "contract_ref", "purchase_value_mkr", "placements", "complaints",
                    "deviations", "line")


def latest_register(db: Database) -> dict[str, Any] | None:
    return db.first("SELECT * FROM provider_registers ORDER BY id DESC LIMIT 1")


def registers(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM provider_registers ORDER BY id"))


def insert_register(
    db: Database, *, source: str, sha256: str, providers: Iterable[Mapping[str, Any]],
    who: str | None = None,
) -> int:
    """Store a register version and its rows in one transaction; returns its id."""
    who = who or current_user()
    rows = list(providers)
    with transaction(db):
        register_id = db.insert(
            "INSERT INTO provider_registers (source, sha256, row_count, imported_at,"
            " imported_by) VALUES (?, ?, ?, ?, ?)", [source, sha256, len(rows), now(), who],
        )
        db.conn.executemany(
            f"INSERT INTO providers (register_id, {', '.join(PROVIDER_COLUMNS)})"
            f" VALUES (?, {', '.join('?' for _ in PROVIDER_COLUMNS)})",
            ([register_id, *(row.get(c) for c in PROVIDER_COLUMNS)] for row in rows))
        version = db.execute("SELECT count(*) FROM provider_registers").fetchone()[0]
        record(db, "providers.import", "provider_register", register_id,
               new=f"version {version} ({len(rows)} providers, {sha256})", who=who)
    return register_id


def providers(db: Database, register_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM providers WHERE register_id = ? ORDER BY id",
                         [register_id]))


def provider_by_ref(db: Database, provider_ref: str) -> dict[str, Any] | None:
    """The provider as the latest register version has it."""
    return db.first(
        "SELECT * FROM providers WHERE provider_ref = ? AND register_id ="
        " (SELECT max(id) FROM provider_registers)", [provider_ref])


def save_plan(
    db: Database, *, register_id: int, register_sha256: str, seed: int | None,
    spec: Mapping[str, Any], protocol_id: str,
    follow_ups: Iterable[tuple[int, Sequence[str]]], who: str | None = None,
) -> int:
    """A follow-up plan with its spec, seed and register fingerprint, and its members
    (provider id, reason codes), all at once."""
    who = who or current_user()
    with transaction(db):
        plan_id = db.insert(
            "INSERT INTO follow_up_plans (register_id, seed, spec, register_sha256,"
            " protocol_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [register_id, seed, json.dumps(spec, ensure_ascii=False, sort_keys=True),
             register_sha256, protocol_id, now(), who])
        db.conn.executemany(
            "INSERT INTO follow_ups (plan_id, provider_id, reasons) VALUES (?, ?, ?)",
            ((plan_id, provider_id, ",".join(reasons)) for provider_id, reasons in follow_ups))
        count = db.execute("SELECT count(*) FROM follow_ups WHERE plan_id = ?",
                           [plan_id]).fetchone()[0]
        record(db, "plan.select", "follow_up_plan", plan_id,
               new=f"{count} follow-ups, seed {seed}", who=who)
    return plan_id


def latest_plan(db: Database, protocol_id: str) -> dict[str, Any] | None:
    return db.first("SELECT * FROM follow_up_plans WHERE protocol_id = ?"
                    " ORDER BY id DESC LIMIT 1", [protocol_id])


def plan(db: Database, plan_id: int) -> dict[str, Any] | None:
    return db.first("SELECT * FROM follow_up_plans WHERE id = ?", [plan_id])


def plan_follow_ups(db: Database, plan_id: int) -> list[dict[str, Any]]:
    """A plan's follow-ups with their provider, reasons, and primary review (if assigned)."""
    return list(db.query(
        "SELECT f.id, f.reasons, p.provider_ref, p.name, p.contract_area, p.regime,"
        " p.contract_ref, p.purchase_value_mkr, p.placements, p.complaints, p.deviations,"
        " r.id AS review_id, r.reviewer, r.status"
        " FROM follow_ups f JOIN providers p ON p.id = f.provider_id"
        " LEFT JOIN reviews r ON r.follow_up_id = f.id AND r.kind = 'primary'"
        " WHERE f.plan_id = ? ORDER BY p.contract_area, p.provider_ref", [plan_id]))


def assign_follow_ups(
    db: Database, plan_id: int, assignments: Iterable[tuple[int, str]], *,
    protocol_version: str, who: str | None = None,
) -> list[int]:
    """Give follow-ups to reviewers as primary reviews, all in one transaction; a follow-up
    that has a reviewer already is refused (nothing is assigned)."""
    who = who or current_user()
    ids = []
    with transaction(db):
        found = plan(db, plan_id)
        if found is None:
            raise StoreError(f"no follow-up plan {plan_id}; select one first "
                             "(granska select --protocol avtalsuppfoljning)", "missing")
        for follow_up_id, reviewer in assignments:
            held = db.execute(
                "SELECT r.reviewer, p.provider_ref FROM reviews r JOIN follow_ups f"
                " ON f.id = r.follow_up_id JOIN providers p ON p.id = f.provider_id"
                " WHERE r.follow_up_id = ? AND r.kind = 'primary'", [follow_up_id]).fetchone()
            if held is not None:
                raise StoreError(f"provider {held[1]} already has a reviewer ({held[0]}); "
                                 "nothing was assigned", "other")
            stamp = now()
            review_id = db.insert(
                "INSERT INTO reviews (unit_kind, follow_up_id, reviewer, protocol_id,"
                " protocol_version, kind, created_at, updated_at)"
                " VALUES ('provider', ?, ?, ?, ?, 'primary', ?, ?)",
                [follow_up_id, reviewer, found["protocol_id"], protocol_version, stamp, stamp],
            )
            record(db, "review.create", "review", review_id, field="primary", new=reviewer,
                   who=who)
            ids.append(review_id)
    return ids


def follow_up_loads(db: Database, plan_id: int) -> dict[str, int]:
    return dict(db.execute(
        "SELECT r.reviewer, count(*) FROM reviews r JOIN follow_ups f ON f.id = r.follow_up_id"
        " WHERE f.plan_id = ? AND r.kind = 'primary' GROUP BY r.reviewer", [plan_id]))


def measures(db: Database, provider_ref: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE provider_ref = ?", [provider_ref]) if provider_ref else ("", [])
    return list(db.query(f"SELECT * FROM measures {where} ORDER BY provider_ref, id", params))


def add_measure(
    db: Database, *, provider_ref: str, kind: str, reason: str, sent_date: str,
    due_date: str | None, decided_by: str, dnr: str | None,
    check: Callable[[list[dict[str, Any]]], Sequence[int]], who: str | None = None,
) -> int:
    """Record a step on a provider's ladder. ``check(history)`` sees the provider's steps
    inside the transaction and raises if the step is not allowed; it returns the ids of
    open steps the new one supersedes (closed with it)."""
    who = who or current_user()
    with transaction(db):
        superseded = check(measures(db, provider_ref))
        stamp = now()
        for measure_id in superseded:
            db.execute("UPDATE measures SET closed_as = 'superseded', done_at = ?, done_by = ?"
                       " WHERE id = ?", [stamp, who, measure_id])
            record(db, "measure.superseded", "measure", measure_id, field="closed_as",
                   new=f"superseded by {kind}", who=who)
        measure_id = db.insert(
            "INSERT INTO measures (provider_ref, kind, reason, sent_date, due_date, dnr,"
            " opened_at, opened_by, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [provider_ref, kind, reason, sent_date, due_date, dnr, stamp, who, decided_by]
        )
        record(db, "measure.add", "measure", measure_id, field=kind,
               new=f"{provider_ref}: {kind} sent {sent_date}, due {due_date or '-'}, decided "
               f"by {decided_by}"
               f"{f', dnr {dnr}' if dnr else ''}: {reason}", who=who)
    return measure_id


def close_measure(
    db: Database, *, provider_ref: str, kind: str, done_date: str,
    check: Callable[[list[dict[str, Any]]], int], who: str | None = None,
) -> int:
    """Close a provider's open step of ``kind``; ``check(history)`` picks it (or raises)."""
    who = who or current_user()
    with transaction(db):
        measure_id = check(measures(db, provider_ref))
        db.execute("UPDATE measures SET closed_as = 'done', done_date = ?, done_at = ?,"
                   " done_by = ? WHERE id = ?", [done_date, now(), who, measure_id])
        record(db, "measure.done", "measure", measure_id, field=kind,
               new=f"{provider_ref}: {kind} done {done_date}", who=who)
    return measure_id


def plan_answers(db: Database, plan_id: int) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Each follow-up of a plan with its primary review's answers (empty if unassigned)."""
    result = []
    for follow_up in plan_follow_ups(db, plan_id):
        answers = {} if follow_up["review_id"] is None else dict(db.execute(
            "SELECT question_id, value FROM answers WHERE review_id = ? AND value IS NOT NULL",
            [follow_up["review_id"]]).fetchall())
        result.append((follow_up, answers))
    return result


def record_letter(db: Database, provider_ref: str, kind: str, path: str,
                  who: str | None = None) -> None:
    """Audit a letter leaving the database (it names the provider and its deficiencies)."""
    with transaction(db):
        record(db, "letter.write", "provider", None, field=kind,
               new=f"{provider_ref}: {kind} -> {path}", who=who or current_user())
