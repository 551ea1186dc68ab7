"""Calibration report exports: Markdown, XLSX (openpyxl) and JSON, written owner-only (0600).

Training cases are invented, so the passages may be quoted; the report
carries trainees' user names and case references, nothing about real people.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass

from store.cells import markdown_cell, spreadsheet_text, xlsx_row
from tallies.calibration import CalibrationReport, format_kappa, format_percent

FORMATS = ("md", "xlsx", "json")


@dataclass(frozen=True)
class CalibrationWords:
    """The words the report is written with; from the string catalogue (``jobs.words``)."""

    title: str
    intro: str
    nobody: str
    with_key: str
    per_question: str
    most_missed: str
    between: str
    misses_title: str
    no_misses: str
    miss: str
    trainee: str
    percent: str
    kappa: str
    agreed_items: str
    agreed: str
    items: str
    answered: str
    misses: str
    question: str
    of: str
    cases: str
    all_same: str
    fleiss: str
    case: str
    given: str
    expected: str
    passage: str
    sheet_key: str
    sheet_per_question: str
    sheet_most_missed: str
    sheet_between: str
    sheet_misses: str


def markdown(report: CalibrationReport, w: CalibrationWords) -> str:
    m = markdown_cell
    out = [f"# {w.title.format(name=m(report.session))}", "",
           w.intro.format(n=len(report.case_refs),
                          trainees=", ".join(m(t.trainee) for t in report.trainees)
                          or w.nobody),
           ""]
    out += [f"## {w.with_key}", "",
            f"| {w.trainee} | {w.percent} | {w.kappa} | {w.agreed_items} | {w.answered} | "
            f"{w.misses} |",
            "|---|---:|---:|---:|---:|---:|"]
    for t in report.trainees:
        out.append(f"| {m(t.trainee)} | {format_percent(t.percent)} | "
                   f"{format_kappa(t.kappa)} | {t.agreed}/{t.items} | {t.answered} | "
                   f"{len(t.misses)} |")
    out += ["", f"## {w.per_question}", ""]
    head = f"| {w.question} | " + " | ".join(f"{m(t.trainee)} % | {m(t.trainee)} κ"
                                            for t in report.trainees)
    out += [head + " |", "|---|" + "---:|---:|" * len(report.trainees)]
    if report.trainees:
        for index, q in enumerate(report.trainees[0].questions):
            cells = []
            for t in report.trainees:
                row = t.questions[index]
                cells.append(f"{format_percent(row.percent)} | {format_kappa(row.kappa)}")
            out.append(f"| {m(q.label)} | " + " | ".join(cells) + " |")
    out += ["", f"## {w.most_missed}", "", f"| {w.question} | {w.misses} | {w.of} |",
            "|---|---:|---:|"]
    out += [f"| {m(q.label)} | {q.misses} | {q.items} |" for q in report.most_missed[:10]]
    if report.between:
        out += ["", f"## {w.between}", "",
                f"| {w.question} | {w.cases} | {w.all_same} | {w.kappa} |", "|---|---:|---:|---:|"]
        out += [f"| {m(b.label)} | {b.cases} | {format_percent(b.percent)} | "
                f"{format_kappa(b.kappa)} |" for b in report.between]
    out += ["", f"## {w.misses_title}"]
    for t in report.trainees:
        out += ["", f"### {m(t.trainee)}", ""]
        if not t.misses:
            out.append(w.no_misses)
        for miss in t.misses:
            out.append(f"- **{m(miss.case_ref)} · {m(miss.label)}**: "
                       + w.miss.format(given=m(miss.given), expected=m(miss.expected)))
            out += [f"  > {spreadsheet_text(line)}"
                    for line in (miss.passage or "–").splitlines()]
    return "\n".join(out) + "\n"


def as_json(report: CalibrationReport) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n"


def xlsx_bytes(report: CalibrationReport, w: CalibrationWords) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    summary = book.worksheets[0]
    summary.title = w.sheet_key

    def add(sheet: Worksheet, values: list[object]) -> None:
        sheet.append(xlsx_row(sheet, values))

    add(summary, [w.trainee, w.percent, w.kappa, w.agreed, w.items, w.answered, w.misses])
    for t in report.trainees:
        add(summary, [t.trainee, t.percent, t.kappa, t.agreed, t.items, t.answered,
                      len(t.misses)])
    per = book.create_sheet(w.sheet_per_question)
    add(per, [w.trainee, w.question, "Id", w.items, w.agreed, w.percent, w.kappa])
    for t in report.trainees:
        for q in t.questions:
            add(per, [t.trainee, q.label, q.question_id, q.items, q.agreed, q.percent,
                      q.kappa])
    missed = book.create_sheet(w.sheet_most_missed)
    add(missed, [w.question, "Id", w.misses, w.of])
    for m in report.most_missed:
        add(missed, [m.label, m.question_id, m.misses, m.items])
    between = book.create_sheet(w.sheet_between)
    add(between, [w.question, "Id", w.cases, w.all_same, w.fleiss])
    for b in report.between:
        add(between, [b.label, b.question_id, b.cases, b.percent, b.kappa])
    misses = book.create_sheet(w.sheet_misses)
    add(misses, [w.trainee, w.case, w.question, w.given, w.expected, w.passage])
    for t in report.trainees:
        for miss in t.misses:
            add(misses, [t.trainee, miss.case_ref, miss.label, miss.given, miss.expected,
                         miss.passage])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        headers = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for header, cell in zip(headers, row, strict=False):
                if header in (w.percent, w.all_same):
                    cell.number_format = "0%"
                elif header in (w.kappa, w.fleiss):
                    cell.number_format = "0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(report: CalibrationReport, fmt: str,
           words: CalibrationWords) -> bytes:
    if fmt == "md":
        return markdown(report, words).encode("utf-8")
    if fmt == "json":
        return as_json(report).encode("utf-8")
    if fmt == "xlsx":
        return xlsx_bytes(report, words)
    raise ValueError(f"--format '{fmt}' is unknown; use one of: {', '.join(FORMATS)}")
