"""Calibration: how well each trainee agrees with the answer key, and with each other.

Pure: stored (encoded) keys, answers and passages in, a report out. Per
trainee and question: percent agreement and Cohen's kappa against the key
(``tallies.agreement``); overall the same over every (case, question) item,
with categories qualified by the question so that "ja" on one question is not
"ja" on another. Only questions the key holds are scored, i.e. those that
apply to the case; an unanswered question counts as a miss. Between trainees:
Fleiss' kappa per question over the cases every trainee answered.
Kappa is ``None`` when undefined (one category only); reports show "–".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from review_protocols.model import Protocol, Question
from review_protocols.values import decode, display, encode
from tallies.agreement import cohen_kappa, fleiss_kappa, percent_agreement

UNANSWERED = ""


@dataclass(frozen=True, slots=True)
class QuestionAgreement:
    question_id: str
    label: str
    items: int
    agreed: int
    percent: float | None
    kappa: float | None


@dataclass(frozen=True, slots=True)
class Miss:
    case_ref: str
    question_id: str
    label: str
    expected: str
    given: str
    passage: str


@dataclass(frozen=True, slots=True)
class TraineeResult:
    trainee: str
    items: int
    agreed: int
    answered: int
    percent: float | None
    kappa: float | None
    questions: list[QuestionAgreement]
    misses: list[Miss]


@dataclass(frozen=True, slots=True)
class MissCount:
    question_id: str
    label: str
    misses: int
    items: int


@dataclass(frozen=True, slots=True)
class BetweenTrainees:
    question_id: str
    label: str
    cases: int
    percent: float | None  # share of cases on which every trainee gave the same answer
    kappa: float | None


@dataclass(frozen=True, slots=True)
class CalibrationReport:
    session: str
    case_refs: list[str]
    trainees: list[TraineeResult]
    most_missed: list[MissCount]
    between: list[BetweenTrainees]


def calibrate(
    protocol: Protocol,
    case_refs: Sequence[str],
    keys: Mapping[str, Mapping[str, str]],
    answers: Mapping[str, Mapping[str, Mapping[str, str | None]]],
    passages: Mapping[str, Mapping[str, str]],
    *,
    session: str = "",
    language: str = "sv",
) -> CalibrationReport:
    """The report for one session; ``answers`` is trainee -> case_ref -> question -> value.

    ``language`` picks the protocol's question and option labels ("sv" or "en").
    """
    questions = [q for q in protocol.questions
                 if any(q.id in keys.get(ref, {}) for ref in case_refs)]
    results = []
    for trainee in sorted(answers):
        given = {ref: _normalised(protocol, answers[trainee].get(ref, {})) for ref in case_refs}
        per_question, misses, pooled_key, pooled_given = [], [], [], []
        for question in questions:
            refs = [ref for ref in case_refs if question.id in keys.get(ref, {})]
            expected = [keys[ref][question.id] for ref in refs]
            got = [given[ref].get(question.id, UNANSWERED) for ref in refs]
            agreed = sum(a == b for a, b in zip(expected, got, strict=True))
            per_question.append(QuestionAgreement(
                question.id, question.label_in(language), len(refs), agreed,
                percent_agreement(expected, got), cohen_kappa(expected, got)))
            pooled_key += [f"{question.id}={v}" for v in expected]
            pooled_given += [f"{question.id}={v}" for v in got]
            for ref, want, have in zip(refs, expected, got, strict=True):
                if want != have:
                    misses.append(Miss(
                        ref, question.id, question.label_in(language),
                        _shown(question, want, language), _shown(question, have, language),
                        passages.get(ref, {}).get(question.id, "")))
        misses.sort(key=lambda m: (case_refs.index(m.case_ref), _order(protocol, m.question_id)))
        results.append(TraineeResult(
            trainee, len(pooled_key), len(pooled_key) - len(misses),
            sum(v != f"{v.split('=', 1)[0]}=" for v in pooled_given),
            percent_agreement(pooled_key, pooled_given), cohen_kappa(pooled_key, pooled_given),
            per_question, misses))
    return CalibrationReport(session, list(case_refs), results,
                             _most_missed(results), _between(questions, case_refs, keys, answers,
                                                             protocol, language))


def format_kappa(kappa: float | None) -> str:
    return "–" if kappa is None else f"{kappa:.2f}".replace("-", "−")


def format_percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


def _most_missed(results: list[TraineeResult]) -> list[MissCount]:
    counts: Counter[str] = Counter()
    items: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for result in results:
        for q in result.questions:
            counts[q.question_id] += q.items - q.agreed
            items[q.question_id] += q.items
            labels[q.question_id] = q.label
    ranked = sorted((qid for qid in counts if counts[qid]), key=lambda qid: -counts[qid])
    return [MissCount(qid, labels[qid], counts[qid], items[qid]) for qid in ranked]


def _between(questions: Sequence[Question], case_refs: Sequence[str],
             keys: Mapping[str, Mapping[str, str]],
             answers: Mapping[str, Mapping[str, Mapping[str, str | None]]],
             protocol: Protocol, language: str = "sv") -> list[BetweenTrainees]:
    trainees = sorted(answers)
    if len(trainees) < 2:
        return []
    normalised = {t: {ref: _normalised(protocol, answers[t].get(ref, {})) for ref in case_refs}
                  for t in trainees}
    rows = []
    for question in questions:
        subjects: list[Mapping[Hashable, int]] = []
        for ref in case_refs:
            if question.id not in keys.get(ref, {}):
                continue
            given = [normalised[t][ref].get(question.id, UNANSWERED) for t in trainees]
            if UNANSWERED in given:
                continue
            subjects.append(dict[Hashable, int](Counter(given)))
        same = sum(len(s) == 1 for s in subjects)
        rows.append(BetweenTrainees(
            question.id, question.label_in(language), len(subjects),
            same / len(subjects) if subjects else None, fleiss_kappa(subjects)))
    return rows


def _normalised(protocol: Protocol, given: Mapping[str, str | None]) -> dict[str, str]:
    """Stored answers in the key's form (decode, then encode), unanswered left out."""
    out = {}
    for qid, value in given.items():
        if value is None or not protocol.has_question(qid):
            continue
        question = protocol.question(qid)
        encoded = encode(question, decode(question, value))
        if encoded is not None:
            out[qid] = encoded
    return out


def _shown(question: Question, value: str, language: str = "sv") -> str:
    if value == UNANSWERED:
        return "(obesvarad)"
    return display(question, decode(question, value), language)


def _order(protocol: Protocol, question_id: str) -> int:
    return next(i for i, q in enumerate(protocol.questions) if q.id == question_id)
