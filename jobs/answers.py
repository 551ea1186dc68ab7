"""Importing answers scored elsewhere (a spreadsheet in long format), checked whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_protocols.model import Protocol
    from samples.tabular import ProgressCallback
    from store.database import Database


@dataclass(frozen=True)
class AnswersImported:
    rows: int
    answers: int
    cleared: int
    reviews: int


def import_answer_file(db: Database, protocol: Protocol, path: str | Path, reviewer: str, *,
                       clear_blank: bool = False,
                       on_progress: ProgressCallback | None = None) -> AnswersImported:
    """Check every row against the protocol and the sample, then store them all or none.

    ``reviewer`` answers for rows that name none; each row goes to its reviewer's own review
    of the case, and imported reviews are marked complete. A blank value clears the stored
    answer only with ``clear_blank`` (otherwise the file is refused).
    """
    from samples.tabular import read_table
    from store.reports import (
        ImportedAnswer,
        import_answers,
        import_target,
        sample_cases,
        stored_answers,
    )
    from tallies.answers_import import check_answers

    table = read_table(path, on_progress)
    cases = sample_cases(db)
    checked = check_answers(
        protocol, str(path), table.headers, table.rows, cases,
        lambda ref, who: import_target(db, cases[ref]["population_id"], who, protocol.id),
        lambda review_id: stored_answers(db, review_id),
        reviewer, clear_blank=clear_blank,
    )
    result = import_answers(
        db,
        (ImportedAnswer(cases[c.case_ref]["population_id"], cases[c.case_ref]["sample_id"],
                        c.reviewer, c.question_id, c.value, c.note, c.evidence)
         for c in checked),
        protocol_id=protocol.id, protocol_version=protocol.version, source=str(path),
    )
    return AnswersImported(len(checked), result["answers"], result["cleared"], result["reviews"])
