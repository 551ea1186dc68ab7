"""A supervisor's review of the reviews, by case reference: approve, return with a reason,
list by state. ``granska review`` calls these; the states and their rules are
``store.review_states``'.

Every reference is looked up before anything changes, so a bad one (unknown, or a case
not in a state that allows the change) is one message and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.database import Database


class ReviewStateError(ValueError):
    """A case reference that cannot take the change asked for; nothing was changed."""


def approve_cases(db: Database, case_refs: Sequence[str], *, all_complete: bool = False,
                  who: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Approve the cases' complete reviews (or, with ``all_complete``, every complete one)
    in one transaction; returns (approved now, approved already)."""
    from store.review_states import approve, state_rows

    if all_complete:
        rows = state_rows(db, status="complete")
    else:
        rows = [_case(db, ref, ("complete", "approved"), "approved") for ref in case_refs]
    already = [row for row in rows if row["status"] == "approved"]
    changed = set(approve(db, [row["review_id"] for row in rows], who=who))
    return [row for row in rows if row["review_id"] in changed], already


def return_case(db: Database, case_ref: str, reason: str, *,
                who: str | None = None) -> dict[str, Any]:
    """Send a case's complete (or approved) review back to its reviewer with a reason."""
    from store.review_states import clean_reason, return_review

    try:
        text = clean_reason(reason)
    except ValueError as problem:
        raise ReviewStateError(f"--reason: {problem}; nothing was changed") from None
    row = _case(db, case_ref, ("complete", "approved"), "returned")
    return_review(db, row["review_id"], text, who=who)
    return row


def _case(db: Database, case_ref: str, allowed: tuple[str, ...],
          wanted: str) -> dict[str, Any]:
    from store.review_states import case_review

    row = case_review(db, case_ref)
    if row is None:
        raise ReviewStateError(f"{case_ref}: no reviewed case with this reference; see "
                               "granska review list; nothing was changed")
    if row["status"] not in allowed:
        raise ReviewStateError(
            f"{case_ref}: its review is {row['status']}, and only a complete review can be "
            f"{wanted}; nothing was changed")
    return row
