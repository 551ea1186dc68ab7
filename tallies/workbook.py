"""The tallies as a workbook a supervisor can use (``granska export xlsx``).

A sheet per table made 162 sheets whose names Excel cut at 31 characters, so
nobody found anything. Here the first sheet is a table of contents with links;
then one sheet per protocol section, each question a titled block holding its
views (per district, per gender, per district and gender) with a native bar
chart beside it; then the quality areas. Counts are numbers and shares are
numbers formatted as percentages, so they can be summed and charted; every
text is written as a string (``store.cells``), never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from store.cells import xlsx_row
from tallies.crosstab import Table, Words, view_label
from tallies.report import Report

_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\'"})
_FIRST_WIDTH, _COLUMN_WIDTH = 44, 11
_PERCENT = "0.0%"


@dataclass
class _Block:
    """One question's tables (or a combined view's), written together under its title."""

    title: str
    tables: list[Table]


def sheet_names(titles: Sequence[str], taken: Sequence[str] = ()) -> list[str]:
    """Readable, unique sheet names within Excel's 31 characters and allowed characters."""
    names, used = [], {name.lower() for name in taken}
    for title in titles:
        stem = " ".join(title.translate(_BAD_SHEET_CHARS).split()) or "-"
        if len(stem) > 31:
            stem = stem[:30].rstrip() + "…"
        name, n = stem, 2
        while name.lower() in used:
            tail = f" {n}"
            name = stem[: 31 - len(tail)].rstrip() + tail
            n += 1
        used.add(name.lower())
        names.append(name)
    return names


def _blocks(report: Report) -> list[tuple[str, list[_Block]]]:
    """The report's tables grouped per question and the questions per protocol section."""
    by_stem: dict[str, _Block] = {}
    question_of: dict[str, str] = {}
    for table in report.tables:
        stem = table.id.rsplit(".", 1)[0]
        if stem not in by_stem:
            by_stem[stem] = _Block(table.title, [])
            question_of[stem] = table.question_id
        by_stem[stem].tables.append(table)
    sections = report.sections or [("", tuple(question_of.values()))]
    place = {qid: (s, i) for s, (_, ids) in enumerate(sections) for i, qid in enumerate(ids)}
    grouped: list[list[tuple[int, _Block]]] = [[] for _ in sections]
    for stem, block in by_stem.items():
        section, position = place.get(question_of[stem], (len(sections) - 1, len(place)))
        grouped[section].append((position, block))
    return [(title, [b for _, b in sorted(items, key=lambda item: item[0])])
            for (title, _), items in zip(sections, grouped, strict=True) if items]


class _Writer:
    """Appends rows to one sheet and keeps count of them, for links and chart ranges."""

    def __init__(self, sheet: Any, width: int) -> None:
        # Any: openpyxl's stubs lack the write-only sheet's column_dimensions and add_chart
        self.sheet, self.row = sheet, 0
        sheet.column_dimensions["A"].width = _FIRST_WIDTH
        for column in range(2, width + 2):
            sheet.column_dimensions[_letter(column)].width = _COLUMN_WIDTH

    def append(self, values: Sequence[Any], font: Any = None,
               formats: Sequence[str | None] = ()) -> int:
        cells = xlsx_row(self.sheet, values, font)
        for cell, number_format in zip(cells, formats, strict=False):
            if number_format:
                cell.number_format = number_format
        self.sheet.append(cells)
        self.row += 1
        return self.row

    def link(self, text: str, location: str, font: Any = None, *, column: int = 1) -> int:
        """A row whose one text, in ``column``, goes to ``location`` when clicked."""
        from openpyxl.worksheet.hyperlink import Hyperlink

        cells = xlsx_row(self.sheet, [*[""] * (column - 1), text], font)
        cells[-1].hyperlink = Hyperlink(ref=f"{_letter(column)}{self.row + 1}",
                                        location=location)
        self.sheet.append(cells)
        self.row += 1
        return self.row


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _at(sheet_name: str, row: int, column: int = 1) -> str:
    return f"'{sheet_name}'!{_letter(column)}{row}"


def to_xlsx(report: Report, words: Words) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    styles = _Styles(Font(bold=True, size=14), Font(bold=True, size=12), Font(bold=True),
                     Font(italic=True), Font(italic=True, color="666666"),
                     Font(color="0563C1", underline="single"))
    book = Workbook(write_only=True)
    width = max((2 * len(t.columns) for t in report.all_tables()), default=2)
    contents = _Writer(book.create_sheet(words.contents), 1)
    contents.sheet.column_dimensions["B"].width = 70
    sections = _blocks(report)
    if report.areas:
        # a block per area: each under its heading, with its chart and its contents link
        sections.append((words.areas_title, [_Block(a.title, [a]) for a in report.areas]))
    names = sheet_names([title or words.summary for title, _ in sections], [words.contents])
    contents.append([report.protocol_title], styles.title)
    contents.append([f"{words.reviewed}: {report.cases}"])
    if report.publication is not None:  # what a published report hides, and where
        contents.append([report.publication.title], styles.bold)
        contents.append([report.publication.text], styles.note)
    contents.append([words.contents_note], styles.note)
    contents.append([])
    contents.append([words.section, words.question], styles.bold)
    for (title, blocks), name in zip(sections, names, strict=True):
        sheet = _Writer(book.create_sheet(name), width)
        sheet.link(f"← {words.contents}", _at(words.contents, 1), styles.link)
        sheet.append([title or words.summary], styles.title)
        contents.link(title or words.summary, _at(name, 1), styles.link)
        for block in blocks:
            sheet.append([])
            first = _block(sheet, block, words, styles)
            if len(blocks) > 1 or block.title != title:
                contents.link(block.title, _at(name, first), styles.link, column=2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class _Styles:
    title: Any
    heading: Any
    bold: Any
    view: Any
    note: Any
    link: Any


def _block(sheet: _Writer, block: _Block, words: Words, styles: _Styles) -> int:
    """The block's title, each of its tables, and a chart of its first; its title's row."""
    first = sheet.append([block.title], styles.heading)
    chart_at: tuple[Table, int] | None = None
    for table in block.tables:
        sheet.append([view_label(table.view, words)], styles.view)
        header = [words.answer]
        for column in table.columns:
            header += [column] if table.kind == "number" else [column, f"{column} %"]
        header_row = sheet.append(header, styles.bold)
        for row in table.rows:
            values: list[object] = [row.label]
            formats: list[str | None] = [None]
            for i, count in enumerate(row.counts):
                shown = row.hidden_text(i) or count  # "<3" or "x" where it is hidden
                if table.kind == "number":
                    values.append(shown)
                    formats.append(None)
                    continue
                share = row.share(i)
                values += [shown, None if share is None else share / 100]
                formats += [None, _PERCENT]
            sheet.append(values, formats=formats)
        if table.note:
            sheet.append([table.note], styles.note)
        if chart_at is None and table.kind != "number":
            chart_at = (table, header_row)
    if chart_at is not None:
        _chart(sheet, *chart_at, anchor_row=first)
    return first


def _chart(sheet: _Writer, table: Table, header_row: int, *, anchor_row: int) -> None:
    """Bars of each answer's share, one series per column (district or gender)."""
    from openpyxl.chart import BarChart, Reference

    options = 0  # the answer rows with a share come first, before the totals
    while options < len(table.rows) and table.rows[options].bases is not None:
        options += 1
    if not options:
        return
    first_row, last_row = header_row + 1, header_row + options
    chart = BarChart()
    chart.type = "bar"
    chart.title = table.title[:100]
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.height, chart.width = 7.5, 16
    for column in range(len(table.columns)):
        percent_column = 3 + 2 * column
        chart.add_data(Reference(sheet.sheet, min_col=percent_column, min_row=header_row,
                                 max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(sheet.sheet, min_col=1, min_row=first_row, max_row=last_row))
    sheet.sheet.add_chart(chart, f"{_letter(3 + 2 * len(table.columns))}{anchor_row}")
