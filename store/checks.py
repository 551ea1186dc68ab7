"""What the data-quality rules read, and the findings closed with a comment.

The rules themselves are judged in ``review_protocols.rules`` (no SQL there); this module
reads each review's answers, status, decision date and draw period, and which cases of a
sample are the same person. Personnummer are compared here, in SQL, and never returned:
only the other cases' references leave the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import StoreError
from store.identity import current_user, now
from store.rounds import CURRENT
from store.transactions import transaction
from store.users import assert_can_edit

CHECKED_KINDS = ("primary", "second", "consensus")  # training reviews are practice
DRAWN = ("selected", "replacement")  # the members of a sample that are reviewed


@dataclass(frozen=True, slots=True)
class CheckedReview:
    review_id: int
    population_id: int
    case_ref: str
    reviewer: str
    status: str
    decision_date: str | None
    period: tuple[str, str] | None  # the draw's decision period, when the review has a draw
    answers: dict[str, str]  # stored answer texts by question


@dataclass(frozen=True, slots=True)
class Closure:
    comment: str
    closed_at: str
    closed_by: str


def checked_reviews(db: Database, protocol_id: str, *, reviewer: str | None = None,
                    review_id: int | None = None) -> list[CheckedReview]:
    """The reviews a check looks at (not training ones), in case reference order."""
    where = ["r.protocol_id = ?", f"r.kind IN ({', '.join('?' for _ in CHECKED_KINDS)})",
             CURRENT]  # an older round's answers were checked in their time
    params: list[Any] = [protocol_id, *CHECKED_KINDS]
    if reviewer is not None:
        where.append("r.reviewer = ?")
        params.append(reviewer)
    if review_id is not None:
        where.append("r.id = ?")
        params.append(review_id)
    clause = " AND ".join(where)
    rows = db.execute(
        "SELECT r.id, r.population_id, p.case_ref, r.reviewer, r.status, p.decision_date,"
        " json_extract(s.spec, '$.decision_from'), json_extract(s.spec, '$.decision_to')"
        " FROM reviews r JOIN population p ON p.id = r.population_id"
        " LEFT JOIN samples s ON s.id = r.sample_id"
        f" WHERE {clause} ORDER BY p.case_ref, r.kind, r.reviewer, r.id", params).fetchall()
    answers: dict[int, dict[str, str]] = {row[0]: {} for row in rows}
    for found, question_id, value in db.execute(
            "SELECT a.review_id, a.question_id, a.value FROM answers a"
            " JOIN reviews r ON r.id = a.review_id"
            f" WHERE a.value IS NOT NULL AND {clause}", params):
        answers[found][question_id] = value
    return [CheckedReview(rid, pid, ref, who, status, decided,
                          (first, last) if isinstance(first, str) and isinstance(last, str)
                          else None, answers[rid])
            for rid, pid, ref, who, status, decided, first, last in rows]


def sampled_with(db: Database, population_id: int | None = None) -> dict[int, tuple[str, ...]]:
    """Per population id (or just ``population_id``'s): the other drawn cases of its sample
    that are the same person."""
    marks = ", ".join("?" for _ in DRAWN)
    one = "" if population_id is None else " AND a.population_id = ?"
    found: dict[int, list[str]] = {}
    for case, other in db.execute(
            "SELECT a.population_id, pb.case_ref FROM sample_members a"
            " JOIN population pa ON pa.id = a.population_id"
            " JOIN population pb ON pb.personnummer = pa.personnummer AND pb.id <> pa.id"
            " JOIN sample_members b ON b.sample_id = a.sample_id AND b.population_id = pb.id"
            f" WHERE a.role IN ({marks}) AND b.role IN ({marks})"
            f" AND pa.personnummer IS NOT NULL AND pa.personnummer <> ''{one}"
            " ORDER BY pb.case_ref",
            [*DRAWN, *DRAWN, *([] if population_id is None else [population_id])]):
        found.setdefault(case, []).append(other)
    return {pid: tuple(dict.fromkeys(refs)) for pid, refs in found.items()}


def evidence_questions(db: Database, review_ids: list[int]) -> dict[int, frozenset[str]] | None:
    """Per review, the questions that have evidence; None when the database keeps no evidence
    yet (no ``evidence`` table with review_id and question_id), so that no finding says
    evidence is missing where none could be given."""
    has_table = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                           " AND name = 'evidence'").fetchone()
    if has_table is None:
        return None
    found: dict[int, set[str]] = {review_id: set() for review_id in review_ids}
    for review_id, question_id in db.execute(
            "SELECT DISTINCT review_id, question_id FROM evidence"):
        if review_id in found:
            found[review_id].add(question_id)
    return {review_id: frozenset(questions) for review_id, questions in found.items()}


def closures(db: Database) -> dict[tuple[int, str, str], Closure]:
    """Every closed finding, keyed (review id, rule id, question id)."""
    return {(review_id, rule_id, question_id): Closure(comment, at, by)
            for review_id, rule_id, question_id, comment, at, by in db.execute(
                "SELECT review_id, rule_id, question_id, comment, closed_at, closed_by"
                " FROM finding_closures")}


def close_finding(db: Database, review_id: int, rule_id: str, question_id: str, comment: str,
                  *, who: str | None = None) -> bool:
    """Close a finding with a comment (audited); False when it was closed already."""
    who = who or current_user()
    if not comment.strip():
        raise StoreError("a finding is closed with a comment; say why, e.g. "
                         "--comment \"verified against the file\"", "other")
    with transaction(db):
        assert_can_edit(db, review_id, who)
        inserted = db.execute(
            "INSERT INTO finding_closures (review_id, rule_id, question_id, comment, closed_at,"
            " closed_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [review_id, rule_id, question_id, comment, now(), who]).rowcount
        if not inserted:
            return False
        record(db, "finding.close", "review", review_id,
               field=f"{rule_id}/{question_id}" if question_id else rule_id,
               new=comment, who=who)
    return True
