"""Calibration report exports: Markdown, XLSX (openpyxl) and JSON, written owner-only (0600).

Training cases are invented, so the passages may be quoted; the report
carries trainees' user names and case references, nothing about real people.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict

from tallies.calibration import CalibrationReport, format_kappa, format_percent

FORMATS = ("md", "xlsx", "json")


def markdown(report: CalibrationReport) -> str:
    out = [f"# Kalibreringsrapport: {report.session}", "",
           f"{len(report.case_refs)} ärenden; deltagare: "
           + (", ".join(t.trainee for t in report.trainees) or "inga"), ""]
    out += ["## Överensstämmelse med facit", "",
            "| Deltagare | Andel lika | Kappa | Lika/bedömda | Besvarade | Missar |",
            "|---|---:|---:|---:|---:|---:|"]
    for t in report.trainees:
        out.append(f"| {t.trainee} | {format_percent(t.percent)} | {format_kappa(t.kappa)} | "
                   f"{t.agreed}/{t.items} | {t.answered} | {len(t.misses)} |")
    out += ["", "## Per fråga", ""]
    head = "| Fråga | " + " | ".join(f"{t.trainee} % | {t.trainee} κ" for t in report.trainees)
    out += [head + " |", "|---|" + "---:|---:|" * len(report.trainees)]
    if report.trainees:
        for index, q in enumerate(report.trainees[0].questions):
            cells = []
            for t in report.trainees:
                row = t.questions[index]
                cells.append(f"{format_percent(row.percent)} | {format_kappa(row.kappa)}")
            out.append(f"| {q.label} | " + " | ".join(cells) + " |")
    out += ["", "## Oftast missade frågor", "", "| Fråga | Missar | Av |", "|---|---:|---:|"]
    out += [f"| {m.label} | {m.misses} | {m.items} |" for m in report.most_missed[:10]]
    if report.between:
        out += ["", "## Överensstämmelse mellan deltagare (Fleiss kappa)", "",
                "| Fråga | Ärenden | Alla lika | Kappa |", "|---|---:|---:|---:|"]
        out += [f"| {b.label} | {b.cases} | {format_percent(b.percent)} | "
                f"{format_kappa(b.kappa)} |" for b in report.between]
    out += ["", "## Missar med belägg i akten"]
    for t in report.trainees:
        out += ["", f"### {t.trainee}", ""]
        if not t.misses:
            out.append("Inga missar.")
        for m in t.misses:
            out.append(f"- **{m.case_ref} · {m.label}**: svar {m.given}, facit {m.expected}")
            out += [f"  > {line}" for line in (m.passage or "–").splitlines()]
    return "\n".join(out) + "\n"


def as_json(report: CalibrationReport) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n"


def xlsx_bytes(report: CalibrationReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Facit"
    summary.append(["Deltagare", "Andel lika", "Kappa", "Lika", "Bedömda", "Besvarade", "Missar"])
    for t in report.trainees:
        summary.append([t.trainee, t.percent, t.kappa, t.agreed, t.items, t.answered,
                        len(t.misses)])
    per = book.create_sheet("Per fråga")
    per.append(["Deltagare", "Fråga", "Id", "Bedömda", "Lika", "Andel lika", "Kappa"])
    for t in report.trainees:
        for q in t.questions:
            per.append([t.trainee, q.label, q.question_id, q.items, q.agreed, q.percent,
                        q.kappa])
    missed = book.create_sheet("Oftast missade")
    missed.append(["Fråga", "Id", "Missar", "Av"])
    for m in report.most_missed:
        missed.append([m.label, m.question_id, m.misses, m.items])
    between = book.create_sheet("Mellan deltagare")
    between.append(["Fråga", "Id", "Ärenden", "Alla lika", "Fleiss kappa"])
    for b in report.between:
        between.append([b.label, b.question_id, b.cases, b.percent, b.kappa])
    misses = book.create_sheet("Missar")
    misses.append(["Deltagare", "Ärende", "Fråga", "Svar", "Facit", "Belägg i akten"])
    for t in report.trainees:
        for m in t.misses:
            misses.append([t.trainee, m.case_ref, m.label, m.given, m.expected, m.passage])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if sheet.cell(1, cell.column).value in ("Andel lika", "Alla lika"):
                    cell.number_format = "0%"
                elif sheet.cell(1, cell.column).value in ("Kappa", "Fleiss kappa"):
                    cell.number_format = "0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(report: CalibrationReport, fmt: str) -> bytes:
    if fmt == "md":
        return markdown(report).encode("utf-8")
    if fmt == "json":
        return as_json(report).encode("utf-8")
    if fmt == "xlsx":
        return xlsx_bytes(report)
    raise ValueError(f"--format '{fmt}' is unknown; use one of: {', '.join(FORMATS)}")
