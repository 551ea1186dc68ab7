"""The person a case is about: their name and personnummer, read to mask them on screen,
and the audit row that says why they were shown."""

from __future__ import annotations

from store.audit import record
from store.database import Database
from store.errors import StoreError

REVEAL = "identity.reveal"


def subject_of(db: Database, population_id: int) -> tuple[str, str]:
    """(name, personnummer) of a case; blanks when the frame has none."""
    row = db.execute("SELECT name, personnummer FROM population WHERE id = ?",
                     [population_id]).fetchone()
    return (row[0] or "", row[1] or "") if row else ("", "")


def subject_of_review(db: Database, review_id: int) -> tuple[str, str]:
    """(name, personnummer) of the case a review is of."""
    row = db.execute("SELECT population_id FROM reviews WHERE id = ?", [review_id]).fetchone()
    if row is None:
        raise StoreError(f"review {review_id} no longer exists")
    return subject_of(db, row[0])


def record_reveal(db: Database, review_id: int, reason: str, *, who: str) -> None:
    """One audit row per reveal, with its reason, committed before anything is shown."""
    record(db, REVEAL, "review", review_id, new=reason, who=who)
