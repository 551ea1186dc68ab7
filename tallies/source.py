"""From the database to tallies' plain inputs (through store functions, no SQL here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from review_protocols.model import Protocol
from review_protocols.values import decode
from tallies.crosstab import SWEDISH, CaseAnswers, Words
from tallies.report import DistrictNote, Report, build_report

if TYPE_CHECKING:
    from store.database import Database

ANSWER_COLUMNS = ("case_ref", "district", "gender", "question_id", "value", "reviewer",
                  "answered_at")
IDENTITY_COLUMNS = ("personnummer", "name")


def load_cases(db: Database, protocol: Protocol) -> list[CaseAnswers]:
    """The counted reviews as decoded answers, in case reference order."""
    from store.reports import counted_answers, counted_reviews

    reviews = counted_reviews(db, protocol.id)
    by_review: dict[int, dict] = {r["review_id"]: {} for r in reviews}
    decoded_cache: dict[tuple[str, str], object] = {}
    for review_id, question_id, value in counted_answers(db, protocol.id):
        key = (question_id, value)
        try:
            found = decoded_cache[key]
        except KeyError:
            found = decoded_cache[key] = (
                decode(protocol.question(question_id), value)
                if protocol.has_question(question_id) else None)
        if found is not None:
            by_review[review_id][question_id] = list(found) if type(found) is list else found
    return [CaseAnswers(r["case_ref"], r["district"], r["gender"], by_review[r["review_id"]])
            for r in reviews]


def load_notes(db: Database) -> list[DistrictNote]:
    from store.reports import district_notes

    return [DistrictNote(n["id"], n["district"], n["kind"], n["text"], n["position"])
            for n in district_notes(db)]


def load_report(db: Database, protocol: Protocol, districts: Sequence[str], *,
                codes: Mapping[str, str] | None = None, words: Words = SWEDISH) -> Report:
    return build_report(protocol, load_cases(db, protocol), districts, codes=codes,
                        notes=load_notes(db), words=words)


def answer_rows(db: Database, protocol: Protocol, *,
                with_identities: bool = False) -> list[tuple]:
    """The raw answers of the counted reviews in long format (ANSWER_COLUMNS order, then
    IDENTITY_COLUMNS when asked for), for R or pandas."""
    from store.reports import answers_long

    return answers_long(db, protocol.id, with_identities=with_identities)
