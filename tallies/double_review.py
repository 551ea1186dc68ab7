"""Agreement between the two blind reviews of double-reviewed cases.

Pure: pairs of answer mappings (question id -> stored value) in, per-question
and overall percent agreement and Cohen's kappa out. A question counts for a
case only when both reviewers answered it; an answer one of them left out is
a gap to resolve, not a disagreement to score.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from store.cells import markdown_cell, spreadsheet_row
from tallies.agreement import cohen_kappa, percent_agreement

Answers = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class QuestionAgreement:
    question_id: str
    label: str
    cases: int  # cases where both answered
    agreed: int
    percent: float | None  # 0..1
    kappa: float | None


@dataclass(frozen=True, slots=True)
class AgreementReport:
    pairs: int
    questions: tuple[QuestionAgreement, ...]
    percent: float | None  # over every (case, question) both answered
    kappa: float | None


@dataclass(frozen=True)
class AgreementWords:
    """Words for the agreement report; from the string catalogue (``jobs.words``)."""

    summary: str
    question: str
    label: str
    cases: str
    agreed: str
    agreement: str
    percent: str
    kappa: str
    overall: str


def disagreements(first: Answers, second: Answers, question_ids: Sequence[str]) -> list[str]:
    """Questions where the two reviews differ (including one answered, one not)."""
    return [q for q in question_ids if first.get(q) != second.get(q)]


def agreement(
    pairs: Sequence[tuple[Answers, Answers]],
    question_ids: Sequence[str],
    labels: Mapping[str, str] | None = None,
) -> AgreementReport:
    labels = labels or {}
    rows = []
    all_first: list[str] = []
    all_second: list[str] = []
    for qid in question_ids:
        firsts, seconds = [], []
        for a, b in pairs:
            if a.get(qid) is not None and b.get(qid) is not None:
                firsts.append(a[qid])
                seconds.append(b[qid])
        all_first += [f"{qid}={v}" for v in firsts]
        all_second += [f"{qid}={v}" for v in seconds]
        rows.append(QuestionAgreement(
            question_id=qid, label=labels.get(qid, qid), cases=len(firsts),
            agreed=sum(x == y for x, y in zip(firsts, seconds, strict=True)),
            percent=percent_agreement(firsts, seconds), kappa=cohen_kappa(firsts, seconds),
        ))
    return AgreementReport(
        pairs=len(pairs), questions=tuple(rows),
        percent=percent_agreement(all_first, all_second),
        kappa=cohen_kappa(all_first, all_second),
    )


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def to_csv(report: AgreementReport, w: AgreementWords) -> str:
    """Semicolon CSV with decimal commas, as Swedish Excel opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(spreadsheet_row([w.question, w.label, w.cases, w.agreed, w.percent,
                                     w.kappa]))
    for q in report.questions:
        writer.writerow(spreadsheet_row([
            q.question_id, q.label, q.cases, q.agreed,
            _num(q.percent and 100 * q.percent, 1).replace(".", ","),
            _num(q.kappa, 3).replace(".", ",")]))
    writer.writerow(spreadsheet_row([
        w.overall, "", report.pairs, "",
        _num(report.percent and 100 * report.percent, 1).replace(".", ","),
        _num(report.kappa, 3).replace(".", ",")]))
    return out.getvalue()


def to_markdown(report: AgreementReport, w: AgreementWords) -> str:
    lines = [
        w.summary.format(pairs=report.pairs, percent=_pct(report.percent),
                         kappa=_num(report.kappa)),
        "",
        f"| {w.question} | {w.cases} | {w.agreed} | {w.agreement} | {w.kappa} |",
        "|---|---:|---:|---:|---:|",
    ]
    for q in report.questions:
        lines.append(f"| {markdown_cell(q.label)} | {q.cases} | {q.agreed} | {_pct(q.percent)} | "
                     f"{_num(q.kappa)} |")
    return "\n".join(lines) + "\n"
