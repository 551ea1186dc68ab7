"""Checking answers scored elsewhere (long format) against the protocol and the sample.

Pure: rows in, checked answers or every problem out. Columns: case_ref,
question_id, value, and optionally reviewer and note (other columns, such as
those ``granska export answers`` adds, are ignored). A file is taken whole or
not at all: any problem stops the import, and the first 20 are listed with
their line numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from review_protocols.conditions import Value, applicable
from review_protocols.model import Protocol
from review_protocols.values import ValueProblem, decode, encode, parse
from samples.tabular import normalise_header
from store.cells import original_text

REQUIRED = ("case_ref", "question_id", "value")
OPTIONAL = ("reviewer", "note")
SYNONYMS = {"case": "case_ref", "arende": "case_ref", "caseref": "case_ref",
            "question": "question_id", "fraga": "question_id", "questionid": "question_id",
            "varde": "value", "svar": "value", "granskare": "reviewer", "anteckning": "note"}
SHOWN = 20


class AnswersImportError(ValueError):
    """Problems in an answers file: the first 20 with line numbers, and how many in all."""

    def __init__(self, source: str, problems: Sequence[tuple[int, str]]) -> None:
        self.problems = list(problems)
        lines = [f"{source}: line {line}: {text}" for line, text in self.problems[:SHOWN]]
        more = f" (first {SHOWN} shown)" if len(self.problems) > SHOWN else ""
        lines.append(f"{source}: {len(self.problems)} problem"
                     f"{'s' if len(self.problems) != 1 else ''}{more}; nothing was imported. "
                     "Fix the file and import it again")
        super().__init__("\n".join(lines))


@dataclass(frozen=True, slots=True)
class CheckedAnswer:
    line: int
    case_ref: str
    reviewer: str
    question_id: str
    value: str | None  # encoded, as stored
    note: str | None


def column_map(headers: Sequence[str], source: str) -> dict[str, int]:
    """Where each known column is; a missing required column is one problem at line 1."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = normalise_header(header)
        key = SYNONYMS.get(key, key)
        if key in REQUIRED + OPTIONAL and key not in found:
            found[key] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise AnswersImportError(source, [(1, f"missing column {', '.join(missing)}; the header "
                                          "needs case_ref, question_id and value "
                                          "(reviewer and note are optional)")])
    return found


def check_answers(
    protocol: Protocol,
    source: str,
    headers: Sequence[str],
    rows: Iterable[tuple[int, list[str]]],
    cases: Mapping[str, object],
    stored: Callable[[str, str], Mapping[str, str]],
    default_reviewer: str,
) -> list[CheckedAnswer]:
    """Every row checked; raises AnswersImportError listing every problem found.

    ``cases`` holds the case references in the sample; ``stored(case_ref,
    reviewer)`` gives that review's answers already in the database, so that
    the skip logic is judged on the case as it will be after the import.
    """
    where = column_map(headers, source)
    problems: list[tuple[int, str]] = []
    checked: list[CheckedAnswer] = []
    seen: dict[tuple[str, str, str], int] = {}

    def cell(cells: list[str], name: str) -> str:
        """The cell's text as exported from the database: a formula guard undone."""
        index = where.get(name)
        return original_text(cells[index].strip()) \
            if index is not None and index < len(cells) else ""

    for line, cells in rows:
        case_ref, question_id = cell(cells, "case_ref"), cell(cells, "question_id")
        raw, note = cell(cells, "value"), cell(cells, "note")
        reviewer = cell(cells, "reviewer") or default_reviewer
        if not case_ref:
            problems.append((line, "case_ref is empty; every row needs a case reference"))
            continue
        if case_ref not in cases:
            problems.append((line, f"case '{case_ref}' is not in the sample; check the case "
                                   "reference (granska sample lists them)"))
            continue
        if not protocol.has_question(question_id):
            problems.append((line, f"unknown question '{question_id}' in protocol "
                                   f"{protocol.id}; use the question ids of the protocol"))
            continue
        question = protocol.question(question_id)
        try:
            value = parse(question, raw)
        except ValueProblem as problem:
            problems.append((line, str(problem)))
            continue
        key = (case_ref, reviewer, question_id)
        if key in seen:
            problems.append((line, f"{question_id} for case '{case_ref}' is given twice "
                                   f"(also line {seen[key]}); keep one"))
            continue
        seen[key] = line
        checked.append(CheckedAnswer(line, case_ref, reviewer, question_id,
                                     encode(question, value), note or None))
    problems += _skip_logic_problems(protocol, checked, stored)
    if problems:
        problems.sort(key=lambda p: p[0])
        raise AnswersImportError(source, problems)
    return checked


def _skip_logic_problems(
    protocol: Protocol, checked: Sequence[CheckedAnswer],
    stored: Callable[[str, str], Mapping[str, str]],
) -> list[tuple[int, str]]:
    """Answers to questions that do not apply once the case's answers are all in."""
    by_review: dict[tuple[str, str], list[CheckedAnswer]] = {}
    for item in checked:
        by_review.setdefault((item.case_ref, item.reviewer), []).append(item)
    problems = []
    for (case_ref, reviewer), items in by_review.items():
        answers: dict[str, Value] = {}
        for question_id, text in stored(case_ref, reviewer).items():
            if protocol.has_question(question_id):
                answers[question_id] = decode(protocol.question(question_id), text)
        for item in items:
            answers[item.question_id] = decode(protocol.question(item.question_id), item.value)
        applies = applicable(protocol, answers)
        for item in items:
            if item.value is not None and not applies[item.question_id]:
                problems.append((item.line, f"{item.question_id} does not apply to case "
                                            f"'{case_ref}' given its other answers (skip "
                                            "logic); leave it out or correct the answer it "
                                            "depends on"))
    return problems
