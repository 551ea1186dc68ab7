"""Names and personnummer kept off the screen: masked in any text shown, and shown for
one case only after the user has said why (audited as ``identity.reveal``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobs.i18n import t
from samples.personnummer import mask
from store.database import Database

_WORD = re.compile(r"\w+")
MAX_REASON = 300  # a sentence; the audit log is no place for an essay


class RevealRefused(ValueError):
    """No reason given; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Subject:
    """Whom a case is about; its fields are shown only once revealed."""

    name: str
    personnummer: str

    def masked(self, text: str) -> str:
        return masked(text, self.name)


def masked(text: str, name: str) -> str:
    """``text`` without the subject's name (nor its genitive) and without anything shaped
    like a personnummer."""
    parts = sorted({p for p in _WORD.findall(name) if len(p) > 1}, key=len, reverse=True)
    if parts:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, parts)) + r")s?\b",
                             re.IGNORECASE)
        text = pattern.sub(t("identity.name_masked"), text)
    return mask(text)


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
