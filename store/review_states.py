"""The states a supervisor sets on a complete review: approved, or returned with a reason.

The reviewer's own states are ``store.reviews``': not_started → in_progress →
complete. On a complete review a supervisor sets ``approved`` (counted in the
tallies) or ``returned`` (sent back to its reviewer with a reason, never
counted). A returned review that its reviewer marks complete again is back in
the supervisor's queue; an approved one whose answers change is complete again,
to be approved anew. Transitions go by review id, whatever the review's unit
(a case, a provider under a contract), so every kind of review takes them; each
is one transaction with its audit row, which carries the reason.

Which states the tallies count is a setting (``COUNTING``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import Refusal
from store.identity import current_user, now
from store.rounds import CURRENT, assert_current
from store.transactions import transaction
from store.users import role_of

STATUSES = ("not_started", "in_progress", "complete", "approved", "returned")
DONE = ("complete", "approved")  # the reviewer's work is finished
COUNTED_KINDS = ("consensus", "primary")  # the kinds of review tallies count
COUNTING: dict[str, tuple[str, ...]] = {
    "complete_or_approved": DONE,
    "approved_only": ("approved",),
}
DEFAULT_COUNTING = "complete_or_approved"
MAX_REASON = 500  # characters: a sentence or two for the reviewer, not a report


def counted_statuses(counting: str) -> tuple[str, ...]:
    """The statuses a counting rule counts."""
    try:
        return COUNTING[counting]
    except KeyError:
        raise ValueError(f"unknown counting rule '{counting}'; use one of: "
                         f"{', '.join(COUNTING)}") from None


def sql_list(values: Iterable[str]) -> str:
    """Statuses or kinds as an SQL list of literals (only known words, never user text)."""
    words = tuple(values)
    if not words or any(word not in STATUSES + COUNTED_KINDS for word in words):
        raise ValueError(f"not statuses or kinds of review: {words}")
    return ", ".join(f"'{word}'" for word in words)


def clean_reason(reason: str) -> str:
    """The reason on one line, its spaces collapsed; ValueError when blank or too long."""
    text = " ".join(reason.split())
    if not text:
        raise ValueError("a returned review needs a reason for its reviewer")
    if len(text) > MAX_REASON:
        raise ValueError(f"the reason is {len(text)} characters; keep it to {MAX_REASON}")
    return text


def approve(db: Database, review_ids: Sequence[int], *, who: str | None = None) -> list[int]:
    """Approve complete reviews, all of them or (on any refusal) none; returns the ids that
    changed (an approved review stays as it is)."""
    who = who or current_user()
    changed: list[int] = []
    with transaction(db):
        _assert_supervisor(db, who)
        for review_id in dict.fromkeys(review_ids):
            old = _status(db, review_id)
            if old == "approved":
                continue
            if old != "complete":
                raise Refusal("approve_not_complete", review=review_id, status=old)
            _set(db, review_id, old, "approved", None, "review.approve", who)
            changed.append(review_id)
    return changed


def return_review(db: Database, review_id: int, reason: str, *,
                  who: str | None = None) -> None:
    """Send a complete (or approved) review back to its reviewer with a reason."""
    who = who or current_user()
    text = clean_reason(reason)
    with transaction(db):
        _assert_supervisor(db, who)
        old = _status(db, review_id)
        if old not in DONE:
            raise Refusal("return_not_done", review=review_id, status=old)
        _set(db, review_id, old, "returned", text, "review.return", who)


def state_rows(db: Database, *, status: str | None = None,
               review_ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """The reviews that count towards the tallies (consensus and primary), whatever their
    state, with their unit and any return reason; returned first, then by reference.
    ``case_ref`` is the unit's reference (a provider's for a follow-up, as
    ``store.reviews.review`` has it) and ``district`` its stratum (a contract area)."""
    where = [f"r.kind IN ({sql_list(COUNTED_KINDS)})"]
    params: list[Any] = []
    if status is not None:
        where.append(f"r.status IN ({sql_list([status])})")
    if review_ids is not None:
        where.append(f"r.id IN ({', '.join('?' for _ in review_ids) or 'NULL'})")
        params.extend(review_ids)
    else:
        where.append(CURRENT)  # the rounds worked on (store.rounds)
    return list(db.query(
        "SELECT r.id AS review_id, r.reviewer, r.kind, r.status, r.status_reason,"
        " r.protocol_id, r.completed_at, r.unit_kind,"
        " coalesce(p.case_ref, pr.provider_ref) AS case_ref,"
        " coalesce(p.district, pr.contract_area) AS district, p.gender"
        " FROM reviews r LEFT JOIN population p ON p.id = r.population_id"
        " LEFT JOIN follow_ups f ON f.id = r.follow_up_id"
        " LEFT JOIN providers pr ON pr.id = f.provider_id"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY r.status = 'returned' DESC, coalesce(p.case_ref, pr.provider_ref), r.id",
        params))


def unit_reviews(db: Database, ref: str) -> list[dict[str, Any]]:
    """The reviews states apply to of every unit called ``ref``, one per unit: a case's
    consensus review when it has one, else its primary review (the latest completed), as
    the tallies choose; a provider's follow-up review in its latest plan. Empty when no
    reviewed unit has the reference; two when a case and a provider share it."""
    found = []
    case = db.execute(
        "SELECT r.id FROM reviews r JOIN population p ON p.id = r.population_id"
        f" WHERE p.case_ref = ? AND r.kind IN ({sql_list(COUNTED_KINDS)}) AND {CURRENT}"
        " ORDER BY r.kind = 'consensus' DESC, r.completed_at IS NULL,"
        " r.completed_at DESC, r.id DESC LIMIT 1", [ref]).fetchone()
    if case is not None:
        found.append(case[0])
    follow_up = db.execute(
        "SELECT r.id FROM reviews r JOIN follow_ups f ON f.id = r.follow_up_id"
        " JOIN providers pr ON pr.id = f.provider_id"
        f" WHERE pr.provider_ref = ? AND r.kind IN ({sql_list(COUNTED_KINDS)})"
        " ORDER BY f.plan_id DESC, r.kind = 'consensus' DESC, r.id DESC LIMIT 1",
        [ref]).fetchone()
    if follow_up is not None:
        found.append(follow_up[0])
    return state_rows(db, review_ids=found) if found else []


def _status(db: Database, review_id: int) -> str:
    row = db.execute("SELECT status FROM reviews WHERE id = ?", [review_id]).fetchone()
    if row is None:
        raise Refusal("review_gone", "missing", review=review_id)
    status: str = row[0]
    return status


def _set(db: Database, review_id: int, old: str, new: str, reason: str | None,
         action: str, who: str) -> None:
    """One transition and its audit row (the reason after the new state, as
    ``sample.exclude`` records its reason)."""
    assert_current(db, review_id)
    db.execute("UPDATE reviews SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
               [new, reason, now(), review_id])
    record(db, action, "review", review_id, field="status", old=old,
           new=f"{new}: {reason}" if reason else new, who=who)


def _assert_supervisor(db: Database, who: str) -> None:
    """Refuse anyone but a supervisor in the database (the faces check first; this holds
    whatever calls)."""
    if role_of(db, who) != "supervisor":
        raise Refusal("not_supervisor", "forbidden", who=who)
