"""A supervisor's review of the reviews, by reference (a case's, or a provider's for its
follow-up): approve, return with a reason, list by state. ``granska review`` calls these;
the states and their rules are ``store.review_states``'.

Every reference is looked up before anything changes, so a bad one (unknown, or a unit
not in a state that allows the change) is one message and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from jobs.i18n import t

if TYPE_CHECKING:
    from store.database import Database


class ReviewStateError(ValueError):
    """A reference that cannot take the change asked for; nothing was changed."""


def approve_cases(db: Database, refs: Sequence[str], *, all_complete: bool = False,
                  who: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Approve the complete reviews of these cases or follow-ups (or, with
    ``all_complete``, every complete one of either kind) in one transaction; returns
    (approved now, approved already)."""
    from store.review_states import approve, state_rows

    if all_complete:
        rows = state_rows(db, status="complete")
    else:
        rows = [_unit(db, ref, ("complete", "approved"), "approved") for ref in refs]
    already = [row for row in rows if row["status"] == "approved"]
    changed = set(approve(db, [row["review_id"] for row in rows], who=who))
    return [row for row in rows if row["review_id"] in changed], already


def return_case(db: Database, ref: str, reason: str, *,
                who: str | None = None) -> dict[str, Any]:
    """Send a case's or follow-up's complete (or approved) review back to its reviewer with
    a reason."""
    from store.review_states import clean_reason, return_review

    try:
        text = clean_reason(reason)
    except ValueError as problem:
        raise ReviewStateError(t("cli.error.review_reason", problem=problem)) from None
    row = _unit(db, ref, ("complete", "approved"), "returned")
    return_review(db, row["review_id"], text, who=who)
    return row


def _unit(db: Database, ref: str, allowed: tuple[str, ...], wanted: str) -> dict[str, Any]:
    from store.review_states import unit_reviews

    rows = unit_reviews(db, ref)
    if not rows:
        raise ReviewStateError(t("cli.error.review_ref_unknown", ref=ref))
    if len(rows) > 1:
        raise ReviewStateError(t("cli.error.review_ref_both", ref=ref))
    row = rows[0]
    if row["status"] not in allowed:
        raise ReviewStateError(t(f"cli.error.review_not_{wanted}", ref=ref,
                                 status=t(f"status.{row['status']}")))
    return row
