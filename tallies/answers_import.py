"""Checking answers scored elsewhere (long format) against the protocol and the sample.

Pure: rows in, checked answers or every problem out. Columns: case_ref,
question_id, value, and optionally reviewer, note and the answer's evidence:
evidence_doc (a document type of ``store.evidence.DOC_TYPES``), evidence_date
(YYYY-MM-DD) and evidence_quote (other columns, such as those ``granska export
answers`` adds, are ignored). A row without evidence is stored all the same;
``granska check`` reports the answers that need it. A file is taken whole or
not at all: any problem stops the import, and the first 20 are listed with
their line numbers. An import never loses an answer by accident (a blank
value clears only when asked to) and never changes which review counts (a
row goes to its reviewer's own review of the case, see
``store.reports.import_target``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from review_protocols.conditions import Value, applicable
from review_protocols.kinds import CASE_FILE, Unit
from review_protocols.model import Protocol
from review_protocols.values import ValueProblem, decode, encode, parse
from samples.personnummer import mask
from samples.tabular import normalise_header
from store.cells import original_text
from store.evidence import DOC_TYPES, Evidence, checked
from store.reports import ImportTarget

REQUIRED = ("case_ref", "question_id", "value")
EVIDENCE = ("evidence_doc", "evidence_date", "evidence_quote")
OPTIONAL = ("reviewer", "note", *EVIDENCE)
SYNONYMS = {"question": "question_id", "fraga": "question_id", "questionid": "question_id",
            "varde": "value", "svar": "value", "granskare": "reviewer", "anteckning": "note"}
SHOWN = 20


class AnswersImportError(ValueError):
    """Problems in an answers file: the first 20 with line numbers, and how many in all."""

    def __init__(self, source: str, problems: Sequence[tuple[int, str]]) -> None:
        self.problems = list(problems)
        lines = [mask(f"{source}: line {line}: {text}") for line, text in self.problems[:SHOWN]]
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
    evidence: Evidence | None = None


def column_map(headers: Sequence[str], source: str, unit: Unit = CASE_FILE) -> dict[str, int]:
    """Where each known column is (the unit's reference under ``case_ref``); a missing
    required column is one problem at line 1."""
    synonyms = {**SYNONYMS, unit.reference: "case_ref",
                **dict.fromkeys(unit.headers, "case_ref")}
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = normalise_header(header)
        key = synonyms.get(key, key if key != "case_ref" else "")
        if key in REQUIRED + OPTIONAL and key not in found:
            found[key] = index
    missing = [unit.reference if c == "case_ref" else c for c in REQUIRED if c not in found]
    if missing:
        raise AnswersImportError(source, [(1, f"missing column {', '.join(missing)}; the header "
                                          f"needs {unit.reference}, question_id and value "
                                          f"({', '.join(OPTIONAL)} are optional)")])
    return found


def check_answers(
    protocol: Protocol,
    source: str,
    headers: Sequence[str],
    rows: Iterable[tuple[int, list[str]]],
    cases: Mapping[str, object],
    target: Callable[[str, str], ImportTarget],
    stored: Callable[[int | None], Mapping[str, str]],
    default_reviewer: str,
    *,
    clear_blank: bool = False,
    unit: Unit = CASE_FILE,
    attributes: Callable[[str], Mapping[str, str]] | None = None,
) -> list[CheckedAnswer]:
    """Every row checked; raises AnswersImportError listing every problem found.

    ``cases`` holds the case references in the sample; ``target(case_ref,
    reviewer)`` the review the reviewer's answers to it go to (or why none
    may), and ``stored(review_id)`` that review's answers already in the
    database, so that the skip logic is judged on the case as it will be after
    the import. A blank value would clear a stored answer: refused unless
    ``clear_blank``. Messages name the column, never a cell's text: a shifted
    row can put a personnummer or a name into any column. ``unit`` is what the
    reference names (a case, or a provider follow-up), ``attributes(ref)`` the
    unit's own fields that the skip logic may test (a contract's regime).
    """
    where = column_map(headers, source, unit)
    problems: list[tuple[int, str]] = []
    checked: list[CheckedAnswer] = []
    seen: dict[tuple[str, str, str], int] = {}
    targets: dict[tuple[str, str], ImportTarget] = {}
    new_primary: dict[str, tuple[str, int]] = {}  # case_ref -> who makes its primary, where

    def cell(cells: list[str], name: str) -> str:
        """The cell's text as exported from the database: a formula guard undone."""
        index = where.get(name)
        return original_text(cells[index].strip()) \
            if index is not None and index < len(cells) else ""

    def column(name: str) -> str:
        shown = unit.reference if name == "case_ref" else name
        return f"{shown} (column {where[name] + 1})" if name in where \
            else f"{shown} (a column the file lacks)"

    def refusal(case_ref: str, reviewer: str, line: int) -> str | None:
        found = targets.get((case_ref, reviewer))
        if found is None:
            found = targets[(case_ref, reviewer)] = target(case_ref, reviewer)
        if found.refusal is None and found.review_id is None:
            maker, first = new_primary.setdefault(case_ref, (reviewer, line))
            if maker != reviewer:
                return (f"the reviewer on line {first} gives this case its primary review, "
                        "and this row's reviewer has none of it; give each case one "
                        "primary reviewer")
        return found.refusal

    for line, cells in rows:
        case_ref, question_id = cell(cells, "case_ref"), cell(cells, "question_id")
        raw, note = cell(cells, "value"), cell(cells, "note")
        reviewer = cell(cells, "reviewer") or default_reviewer
        if not case_ref:
            problems.append((line, f"{column('case_ref')} is empty; every row needs a "
                                   f"{unit.noun} reference"))
            continue
        if case_ref not in cases:
            problems.append((line, f"{column('case_ref')} is not {unit.member}; check "
                                   f"the {unit.noun} reference (granska sample lists them)"))
            continue
        if not protocol.has_question(question_id):
            problems.append((line, f"{column('question_id')} is not a question of protocol "
                                   f"{protocol.id}; use the question ids of the protocol"))
            continue
        if not raw and not clear_blank:
            problems.append((line, f"{column('value')} is empty, which would clear the stored "
                                   "answer; fill it in, leave the row out, or give "
                                   "--clear-blank to clear such answers"))
            continue
        question = protocol.question(question_id)
        try:
            value = parse(question, raw)
        except ValueProblem as problem:
            problems.append((line, f"{column('value')} {problem}"))
            continue
        evidence, trouble = _evidence([cell(cells, name) for name in EVIDENCE], column, value)
        if trouble is not None:
            problems.append((line, trouble))
            continue
        reason = refusal(case_ref, reviewer, line)
        if reason is not None:
            problems.append((line, f"{reason}; nothing of it was imported"))
            continue
        key = (case_ref, reviewer, question_id)
        if key in seen:
            problems.append((line, f"{question_id} is given twice for this case and reviewer "
                                   f"(also line {seen[key]}); keep one"))
            continue
        seen[key] = line
        checked.append(CheckedAnswer(line, case_ref, reviewer, question_id,
                                     encode(question, value), note or None, evidence))
    problems += _skip_logic_problems(
        protocol, checked, lambda ref, reviewer: stored(targets[(ref, reviewer)].review_id),
        attributes)
    if problems:
        problems.sort(key=lambda p: p[0])
        raise AnswersImportError(source, problems)
    return checked


_FOLDED = {t.translate(str.maketrans("åäö", "aao")): t for t in DOC_TYPES}


def _evidence(texts: Sequence[str], column: Callable[[str], str],
              value: Value) -> tuple[Evidence | None, str | None]:
    """The row's evidence (its EVIDENCE cells; None when it gives none), or the problem."""
    doc, day, quote = texts
    if not (doc or day or quote):
        return None, None
    if value is None:
        return None, (f"{column('value')} is empty but the row gives evidence; evidence "
                      "backs an answer, so fill in the value or leave the evidence out")
    if not doc or not day:
        missing = "evidence_doc" if not doc else "evidence_date"
        return None, (f"{column(missing)} is empty but the row gives other evidence; "
                      "evidence needs both the document type and its date")
    doc_type = _FOLDED.get(doc.lower(), doc.lower())
    if doc_type not in DOC_TYPES:
        return None, (f"{column('evidence_doc')} is not a document type; use one of: "
                      f"{', '.join(DOC_TYPES)}")
    try:
        return checked(doc_type, day, quote), None
    except ValueError as problem:
        wrong = "evidence_date" if "date" in str(problem) else "evidence_quote"
        return None, f"{column(wrong)}: {problem}"


def _skip_logic_problems(
    protocol: Protocol, checked: Sequence[CheckedAnswer],
    stored: Callable[[str, str], Mapping[str, str]],
    attributes: Callable[[str], Mapping[str, str]] | None = None,
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
        applies = applicable(protocol, answers,
                             attributes(case_ref) if attributes is not None else None)
        for item in items:
            if item.value is not None and not applies[item.question_id]:
                problems.append((item.line, f"{item.question_id} does not apply to this case "
                                            "given its other answers (skip logic); leave it "
                                            "out or correct the answer it depends on"))
    return problems
