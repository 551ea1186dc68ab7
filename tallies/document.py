"""The report document (``granska export docx``): the boendestöd report's structure in Word.

The inspectors' product is a report to the social welfare board, written by
hand in Word until now. This writes its skeleton from the tallies, in the
report's order: a title page and a summary; the method (population, period,
districts, the sample per district and gender, the seed and the frames'
fingerprints, the protocol and its version); the results per quality area,
each question's table with a chart beside it, Table 1 in the report's own
layout; with ``--quotes`` the evidence quoted per question and answer
(``tallies.quotes``); equal treatment (likställighet); each district's strengths and
development areas; and the protocol's questions as an appendix. Case
references and counts only: no identities ever reach this document.

python-docx writes the file and matplotlib draws the charts; both are imported
here only, when a document is asked for.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from review_protocols.model import Protocol, QuestionType
from tallies.crosstab import NA, UNANSWERED, Row, Table, Words
from tallies.quotes import Quotes
from tallies.report import Report

_TEXT_WIDTH_CM, _FIRST_COLUMN_CM = 16.0, 5.0


@dataclass(frozen=True)
class Method:
    """How the cases were chosen: what the method section states, from the stored sample."""

    period: tuple[str, str] | None  # decisions from, to (ISO dates)
    services: tuple[str, ...]  # insatser the frame was limited to
    sample: tuple[tuple[str, int, int], ...]  # (district, women, men) selected
    seed: int | None
    frames: tuple[tuple[str, int, str], ...]  # (name, rows, SHA-256)
    protocol_version: str
    made_on: str  # ISO date of the document


@dataclass(frozen=True)
class DocumentWords:
    """The document's own words, from the catalogue (``report.w.*``)."""

    made_on: str
    summary: str
    summary_lead: str
    summary_area: str
    method: str
    method_population: str
    method_services: str
    method_sample: str
    method_seed: str
    method_frame: str
    method_protocol: str
    district: str
    results: str
    table: str
    table1_caption: str
    chart_share: str
    equality: str
    equality_none: str
    per_district: str
    none_written: str
    appendix: str
    other_area: str
    of: str


@dataclass(frozen=True)
class Figures:
    """What a question's block shows, kept apart from how Word draws it."""

    title: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str
    chart: Table | None


def share_text(row: Row, column: int) -> str:
    """A cell as the report prints it: "17 (27 %)", a bare count, or a hidden one ("<3")."""
    if row.hidden_text(column):
        return row.hidden_text(column)
    count = row.counts[column]
    shown = "–" if count is None else (f"{count:g}" if isinstance(count, float) else str(count))
    percent = row.percent(column)
    return shown if percent is None else f"{shown} ({percent}\u00a0%)"  # kept on one line


def question_figures(table: Table, words: Words, document: DocumentWords, number: int,
                     *, report_layout: bool = False) -> Figures:
    """A question's district table as the document shows it. ``report_layout`` gives the
    report's Table 1 exactly: counts only, the answers and Totalt, nothing else."""
    body = [row for row in table.rows if row.code not in (NA, UNANSWERED)]
    if report_layout:
        rows = tuple((row.label, *(row.hidden_text(i) or _count(c)
                                   for i, c in enumerate(row.counts))) for row in body)
        return Figures(table.title, document.table1_caption, (table.title, *table.columns),
                       rows, table.note, None)
    rows = tuple((row.label, *(share_text(row, i) for i in range(len(table.columns))))
                 for row in body)
    caption = document.table.format(number=number, title=table.title)
    chart = table if table.kind != "number" and any(r.bases for r in body) else None
    return Figures(table.title, caption, (words.answer, *table.columns), rows, table.note,
                   chart)


def _count(value: object) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if isinstance(value, float) else str(value)


def to_docx(report: Report, protocol: Protocol, method: Method, words: Words,
            document: DocumentWords, *, equality: Sequence[str] | None = None,
            quotes: Quotes | None = None, charts: bool = True) -> bytes:
    """The report as a .docx; ``equality`` is the likställighet section's lines in words
    and ``quotes`` the evidence per question and answer (None leaves either section out),
    ``charts=False`` leaves the pictures out."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    lang = words.language
    doc.core_properties.title = report.protocol_title
    doc.core_properties.language = lang
    doc.add_heading(report.protocol_title, level=0)
    doc.add_paragraph(f"{words.reviewed}: {report.cases}")
    if report.publication is not None:  # what a published report hides, and where
        doc.add_paragraph(f"{report.publication.title}: {report.publication.text}")
    doc.add_paragraph(document.made_on.format(date=method.made_on))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    _summary(doc, report, document)
    _method(doc, report, protocol, method, words, document)
    _results(doc, report, protocol, words, document, charts)
    if quotes is not None:
        _quotes(doc, quotes)
    if equality is not None:
        doc.add_heading(document.equality, level=1)
        for line in equality or [document.equality_none]:
            doc.add_paragraph(line, style="List Bullet" if equality else None)
    _per_district(doc, report, words, document)
    _appendix(doc, protocol, lang, document)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _summary(doc: Any, report: Report, document: DocumentWords) -> None:
    doc.add_heading(document.summary, level=1)
    doc.add_paragraph(document.summary_lead.format(
        cases=report.cases, districts=len(report.districts),
        names=", ".join(report.districts)))
    for area in report.areas:
        doc.add_heading(area.title, level=3)
        total = len(area.columns) - 1
        for row in area.rows:
            doc.add_paragraph(document.summary_area.format(label=row.label,
                                                           figure=share_text(row, total)),
                              style="List Bullet")


def _method(doc: Any, report: Report, protocol: Protocol, method: Method, words: Words,
            document: DocumentWords) -> None:
    doc.add_heading(document.method, level=1)
    if method.period is not None:
        doc.add_paragraph(document.method_population.format(
            start=method.period[0], end=method.period[1], districts=len(report.districts)))
    if method.services:
        doc.add_paragraph(document.method_services.format(services=", ".join(method.services)))
    if method.sample:
        doc.add_paragraph(document.method_sample)
        rows = [(d, str(w), str(m), str(w + m)) for d, w, m in method.sample]
        women = sum(w for _, w, _ in method.sample)
        men = sum(m for _, _, m in method.sample)
        rows.append((words.total, str(women), str(men), str(women + men)))
        _table(doc, (document.district, words.women, words.men, words.total), rows)
    if method.seed is not None:
        doc.add_paragraph(document.method_seed.format(seed=method.seed))
    for name, rows_in_frame, sha256 in method.frames:
        doc.add_paragraph(document.method_frame.format(name=name, rows=rows_in_frame,
                                                       sha256=sha256), style="List Bullet")
    doc.add_paragraph(document.method_protocol.format(
        title=protocol.title_in(words.language), version=method.protocol_version))


def _results(doc: Any, report: Report, protocol: Protocol, words: Words,
             document: DocumentWords, charts: bool) -> None:
    """Per quality area: its summary table, then each of its questions' tables."""
    doc.add_heading(document.results, level=1)
    areas = [(a.id, a.label_in(words.language)) for a in protocol.areas]
    known = {area_id for area_id, _ in areas}
    area_of = {q.id: q.area if q.area in known else "" for q in protocol.questions}
    district_tables = [t for t in report.tables if t.view == "district"]
    if any(area_of.get(t.question_id, "") == "" for t in district_tables):
        areas.append(("", document.other_area))
    area_tables = {t.id.split(".", 1)[1]: t for t in report.areas}
    number = 2  # Table 1 is the report's own: the combined plan table
    for area_id, label in areas:
        tables = [t for t in district_tables if area_of.get(t.question_id, "") == area_id]
        if not tables:
            continue
        doc.add_heading(label, level=2)
        if area_id in area_tables:
            summary = area_tables[area_id]
            _table(doc, (words.answer, *summary.columns),
                   [(r.label, *(share_text(r, i) for i in range(len(summary.columns))))
                    for r in summary.rows])
        for table in tables:
            # a combined table (e.g. plan present × plan matches) is named for neither
            is_table1 = not table.id.startswith(f"{table.question_id}.")
            figures = question_figures(table, words, document, number,
                                       report_layout=is_table1)
            number += 0 if is_table1 else 1
            doc.add_heading(figures.title, level=3)
            doc.add_paragraph(figures.caption, style="Caption")
            _table(doc, figures.header, figures.rows)
            if figures.note:
                doc.add_paragraph(figures.note).runs[0].italic = True
            if charts and figures.chart is not None:
                _picture(doc, figures.chart, document)


def _quotes(doc: Any, quotes: Quotes) -> None:
    """The quotes under the results they back, as ``export md --quotes`` lists them."""
    doc.add_heading(quotes.title, level=1)
    doc.add_paragraph(quotes.note + ".").runs[0].italic = True
    for question in quotes.questions:
        doc.add_heading(question.question, level=2)
        for answer in question.answers:
            doc.add_paragraph().add_run(answer.answer).bold = True
            for line in answer.lines:
                doc.add_paragraph(line, style="List Bullet")


def _per_district(doc: Any, report: Report, words: Words, document: DocumentWords) -> None:
    doc.add_heading(document.per_district, level=1)
    for district in report.districts:
        doc.add_heading(district, level=2)
        for kind, heading in (("strength", words.strengths),
                              ("development", words.development)):
            doc.add_heading(heading, level=3)
            written = sorted((n for n in report.notes
                              if n.district == district and n.kind == kind),
                             key=lambda n: n.position)
            for note in written:
                doc.add_paragraph(note.text, style="List Bullet")
            if not written:
                doc.add_paragraph(document.none_written).runs[0].italic = True


def _appendix(doc: Any, protocol: Protocol, lang: str, document: DocumentWords) -> None:
    doc.add_heading(document.appendix, level=1)
    for s_index, section in enumerate(protocol.sections, start=1):
        doc.add_heading(f"{s_index}. {section.title_in(lang)}", level=2)
        for q_index, question in enumerate(section.questions, start=1):
            text = f"{s_index}.{q_index} {question.label_in(lang)}"
            if question.type in (QuestionType.SINGLE, QuestionType.MULTI):
                text += " (" + " / ".join(o.label_in(lang) for o in question.options) + ")"
            doc.add_paragraph(text)


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A grid with room for the answers' labels in the first column."""
    from docx.shared import Cm

    text_style = _table_text_style(doc)
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Light Grid Accent 1"
    table.autofit = False
    first = Cm(_FIRST_COLUMN_CM)
    other = Cm((_TEXT_WIDTH_CM - _FIRST_COLUMN_CM) / max(len(header) - 1, 1))
    for index, column in enumerate(table.columns):  # the grid: what LibreOffice reads
        column.width = first if index == 0 else other
    # table._cells walks the grid once; row.cells walks it again for every row
    for index, (cell, text) in enumerate(zip(table._cells, chain(header, *rows),
                                             strict=True)):
        cell.text = text
        cell.paragraphs[0].style = text_style
        cell.width = first if index % len(header) == 0 else other


def _table_text_style(doc: Any) -> Any:
    """A smaller text for the tables' cells, so that "20 (100 %)" fits its column."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    name = "Granska tabelltext"
    if name in [s.name for s in doc.styles]:
        return doc.styles[name]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    return style


def _picture(doc: Any, table: Table, document: DocumentWords) -> None:
    from docx.shared import Cm

    doc.add_picture(io.BytesIO(chart_png(table, document)), width=Cm(12))


def chart_png(table: Table, document: DocumentWords) -> bytes:
    """Horizontal bars of each answer's share, one bar per district (not the total)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    rows = [r for r in table.rows if r.bases is not None and r.code not in (NA, UNANSWERED)]
    columns = list(range(len(table.columns) - 1)) or [0]
    height = min(0.3 * len(rows) * len(columns) + 1.0, 8)
    # Fixed margins rather than tight_layout, which draws the figure twice.
    figure = pyplot.figure(figsize=(7, height), dpi=100)
    axes = figure.add_axes((0.34, 0.55 / height, 0.62, 1 - 0.75 / height))
    try:
        bar = 0.8 / len(columns)
        for offset, column in enumerate(columns):
            positions = [i + offset * bar for i in range(len(rows))]
            axes.barh(positions, [r.share(column) or 0 for r in rows], height=bar,
                      label=table.columns[column])
        axes.set_yticks([i + bar * (len(columns) - 1) / 2 for i in range(len(rows))],
                        [_wrapped(r.label) for r in rows], fontsize="small")
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel(document.chart_share, fontsize="small")
        axes.legend(fontsize="x-small", loc="lower right")
        out = io.BytesIO()
        figure.savefig(out, format="png", pil_kwargs={"compress_level": 1})
        return out.getvalue()
    finally:
        pyplot.close(figure)


def _wrapped(label: str, width: int = 28) -> str:
    """An answer's label on at most two lines, so that long ones leave room for the bars."""
    import textwrap

    lines = textwrap.wrap(label, width) or [""]
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def sheets_to_docx(title: str, lead: str, sheets: Sequence[tuple[str, Sequence[str],
                                                             Sequence[Sequence[object]]]]) -> bytes:
    """A follow-up report's document: its title, a line on what it holds, then each table
    (outcome per area, planned against done, deficiencies, measures) under its heading."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    doc.add_paragraph(lead)
    for heading, header, rows in sheets:
        doc.add_heading(heading, level=1)
        _table(doc, header, [["" if cell is None else str(cell) for cell in row]
                             for row in rows])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
