"""From the database to tallies' plain inputs (through store functions, no SQL here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from review_protocols.model import Protocol
from review_protocols.values import decode
from tallies.crosstab import SWEDISH, CaseAnswers, Words
from tallies.report import DistrictNote, Report, build_report

if TYPE_CHECKING:
    import sqlite_utils

ANSWER_COLUMNS = ("case_ref", "district", "gender", "question_id", "value", "reviewer",
                  "answered_at")
IDENTITY_COLUMNS = ("personnummer", "name")


def load_cases(db: sqlite_utils.Database, protocol: Protocol) -> list[CaseAnswers]:
    """The counted reviews as decoded answers, in case reference order."""
    from store.reports import answers_of, counted_reviews

    reviews = counted_reviews(db, protocol.id)
    answers = answers_of(db, (r["review_id"] for r in reviews))
    cases = []
    for review in reviews:
        decoded = {}
        for question_id, value, _at, _by in answers[review["review_id"]]:
            if protocol.has_question(question_id):
                decoded[question_id] = decode(protocol.question(question_id), value)
        cases.append(CaseAnswers(review["case_ref"], review["district"], review["gender"],
                                 decoded))
    return cases


def load_notes(db: sqlite_utils.Database) -> list[DistrictNote]:
    from store.reports import district_notes

    return [DistrictNote(n["id"], n["district"], n["kind"], n["text"], n["position"])
            for n in district_notes(db)]


def load_report(db: sqlite_utils.Database, protocol: Protocol, districts: Sequence[str], *,
                codes: Mapping[str, str] | None = None, words: Words = SWEDISH) -> Report:
    return build_report(protocol, load_cases(db, protocol), districts, codes=codes,
                        notes=load_notes(db), words=words)


def answer_rows(db: sqlite_utils.Database, protocol: Protocol, *,
                with_identities: bool = False) -> list[dict[str, str]]:
    """The raw answers of the counted reviews in long format, for R or pandas."""
    from store.reports import answers_of, counted_reviews

    reviews = counted_reviews(db, protocol.id)
    answers = answers_of(db, (r["review_id"] for r in reviews))
    order = {q.id: i for i, q in enumerate(protocol.questions)}
    rows = []
    for review in reviews:
        stored = sorted(answers[review["review_id"]], key=lambda a: order.get(a[0], 10**6))
        for question_id, value, at, _by in stored:
            row = {"case_ref": review["case_ref"], "district": review["district"],
                   "gender": review["gender"], "question_id": question_id, "value": value,
                   "reviewer": review["reviewer"], "answered_at": at}
            if with_identities:
                row["personnummer"] = review["personnummer"] or ""
                row["name"] = review["name"] or ""
            rows.append(row)
    return rows
