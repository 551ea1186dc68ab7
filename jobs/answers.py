"""Importing answers scored elsewhere (a spreadsheet in long format), checked whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_protocols.model import Protocol
    from store.database import Database


@dataclass(frozen=True)
class AnswersImported:
    rows: int
    answers: int
    reviews: int


def import_answer_file(db: Database, protocol: Protocol, path: str | Path,
                       reviewer: str) -> AnswersImported:
    """Check every row against the protocol and the sample, then store them all or none.

    ``reviewer`` answers for rows that name none; imported reviews are marked complete.
    """
    from samples.tabular import read_table
    from store.reports import ImportedAnswer, import_answers, sample_cases, stored_answers
    from tallies.answers_import import check_answers

    table = read_table(path)
    cases = sample_cases(db)
    checked = check_answers(
        protocol, str(path), table.headers, table.rows, cases,
        lambda ref, who: stored_answers(db, cases[ref]["population_id"], who, protocol.id),
        reviewer,
    )
    result = import_answers(
        db,
        (ImportedAnswer(cases[c.case_ref]["population_id"], cases[c.case_ref]["sample_id"],
                        c.reviewer, c.question_id, c.value, c.note) for c in checked),
        protocol_id=protocol.id, protocol_version=protocol.version, source=str(path),
    )
    return AnswersImported(len(checked), result["answers"], result["reviews"])
