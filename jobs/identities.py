"""Names and personnummer kept off the screen: masked in any text shown, and shown for
one case only after the user has said why (audited as ``identity.reveal``)."""

from __future__ import annotations

from dataclasses import dataclass

from jobs.i18n import t
from jobs.search import masked
from store.database import Database

MAX_REASON = 300  # a sentence; the audit log is no place for an essay


class RevealRefused(ValueError):
    """No reason given; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Subject:
    """Whom a case is about; its fields are shown only once revealed."""

    name: str
    personnummer: str

    def masked(self, text: str) -> str:
        """``text`` as the screen shows it: the search's masking, the one there is."""
        return masked(text, self.name)


def subject(db: Database, population_id: int | None) -> Subject:
    """Whom a case is about, read to mask them (never to show them without a reason); a
    provider follow-up (no population row) is about no person."""
    from store.subjects import subject_of

    return Subject(*subject_of(db, population_id)) if population_id is not None \
        else Subject("", "")


def reveal(db: Database, review_id: int, reason: str, *, who: str) -> Subject:
    """Whom a review's case is about, once ``reason`` is audited with the reveal.

    The reason is stored with any name or personnummer in it masked: the audit log is
    printed by ``granska audit``, and identities never leave the database by default.
    """
    from store.subjects import record_reveal, subject_of_review

    cleaned = " ".join(reason.split())
    if not cleaned:
        raise RevealRefused(t("identity.reason_blank"))
    if len(cleaned) > MAX_REASON:
        raise RevealRefused(t("identity.reason_long", limit=MAX_REASON))
    shown = Subject(*subject_of_review(db, review_id))
    record_reveal(db, review_id, shown.masked(cleaned), who=who)
    return shown
