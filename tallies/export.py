"""Writers for a Report: CSV for Swedish Excel, XLSX, Markdown, JSON; answers in long format.

CSV is what Swedish Excel opens in the right columns on a double click:
semicolon separated, UTF-8 with a BOM, decimal comma. All tables go in one
file, each under a title row and followed by a blank row. Files are written
readable by their owner only (0600) and appear whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from itertools import accumulate, chain, compress, islice, repeat
from operator import ge
from typing import Any, cast

from store.cells import STARTS, markdown_cell, spreadsheet_row, spreadsheet_text
from tallies.crosstab import Row, Table, Words, view_label
from tallies.report import NOTE_KINDS, Report

BOM = "\ufeff"


def number(value: float | None, decimals: int = 1) -> str:
    """Swedish form with a decimal comma: 26.984 -> '27,0'; None is empty."""
    return "" if value is None else f"{value:.{decimals}f}".replace(".", ",")


def _count(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def _title(table: Table, words: Words) -> str:
    return f"{table.title} ({view_label(table.view, words)})"


# --- CSV ---------------------------------------------------------------------------------

def to_csv(report: Report, words: Words) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if report.publication is not None:
        writer.writerow(spreadsheet_row([report.publication.text]))
        writer.writerow([])
    for table in report.all_tables():
        writer.writerow(spreadsheet_row([_title(table, words)]))
        header = [words.answer]
        for column in table.columns:
            header += [column, f"{column} %"]
        writer.writerow(spreadsheet_row(header))
        for row in table.rows:
            cells = [row.label]
            for i, count in enumerate(row.counts):
                share = row.share(i)
                cells += [row.hidden_text(i) or _count(count),
                          "" if share is None else number(share)]
            writer.writerow(spreadsheet_row(cells))
        if table.note:
            writer.writerow(spreadsheet_row([table.note]))
        writer.writerow([])
    return BOM + out.getvalue()


def answers_csv(rows: Sequence[Sequence[str | None]], columns: Sequence[str]) -> str:
    """Long format, one answer a line; semicolons and a BOM like the tallies CSV.

    Byte for byte what ``csv.writer`` writes of the rows' cells made safe for a
    spreadsheet (``store.cells``); most lines need no quoting and are joined
    directly (five times faster on 300,000 answers), the rest go through the csv
    module.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(spreadsheet_row(columns))
    semicolons = len(columns) - 1
    try:  # all plain text: one join, checked as a whole
        text = "\r\n".join(map(";".join, rows))  # type: ignore[arg-type]
    except TypeError:
        text = None
    if text is None or _starts_risky(text, ";", "\n"):
        rows = [spreadsheet_row(row) for row in rows]
        text = None
    if text is not None and '"' not in text and text.count(";") == semicolons * len(rows) \
            and text.count("\n") == text.count("\r") == max(len(rows) - 1, 0):
        return BOM + out.getvalue() + text + ("\r\n" if rows else "")
    lines: list[str] = []
    for row in rows:
        try:
            line = ";".join(row)  # type: ignore[arg-type]
        except TypeError:  # None or a number: the csv module's rules
            line = None
        if line is None or line.count(";") != semicolons or '"' in line or "\n" in line \
                or "\r" in line:
            if lines:
                out.write("\r\n".join(lines) + "\r\n")
                lines.clear()
            writer.writerow(row)
        else:
            lines.append(line)
    if lines:
        out.write("\r\n".join(lines) + "\r\n")
    return BOM + out.getvalue()


_QUOTED = (";", '"', "\r", "\n")  # what makes csv.writer quote a field (QUOTE_MINIMAL)


def _starts_risky(text: str, *separators: str) -> bool:
    """Whether a field of ``text`` (fields start at its start and after a separator) may
    begin like a formula: then its fields go through ``spreadsheet_text``."""
    return text.startswith(STARTS) or any(
        c in text and any(s + c in text for s in separators) for c in STARTS)


def _csv_field(value: object) -> str:
    """One field as ``csv.writer`` writes it here of the cell made safe: None empty, floats
    by repr, quoted when it holds the delimiter, a quote or a line break (quotes doubled)."""
    text = "" if value is None else repr(value) if isinstance(value, float) \
        else spreadsheet_text(value) if isinstance(value, str) else str(value)
    if any(c in text for c in _QUOTED):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_column(values: Sequence[object]) -> Sequence[str]:
    """Every value of a column as ``_csv_field`` writes it: the column itself when all are
    plain text (the usual case: a few checks in C), else each distinct text fixed once."""
    try:
        joined = "\x00".join(values)  # type: ignore[arg-type]
    except TypeError:  # None or a number among them: one by one
        return list(map(_csv_field, values))
    texts = cast("Sequence[str]", values)  # the join proved every value a str
    if not any(c in joined for c in _QUOTED) and not _starts_risky(joined, "\x00"):
        return texts
    fixed = {v: _csv_field(v) for v in set(texts)
             if v.startswith(STARTS) or any(c in v for c in _QUOTED)}
    return [fixed.get(v, v) for v in texts]


def answers_csv_from_blocks(blocks: Sequence[Sequence[Any]], columns: Sequence[str],
                            block: str = "\x1e", item: str = "\x1f", *,
                            bom: bool = True) -> str | None:
    """``answers_csv`` of the long-format rows, from the answers gathered per review
    (``store.reports.answer_blocks``); None when the blocks do not add up (a separator
    inside a text) or are not in question order within each review. Without ``bom``
    the text lacks its first character, the BOM (see ``jobs.tallies.answers_csv_bytes``).

    Byte for byte what ``answers_csv`` writes for the same rows, without making
    300,000 rows: the texts are split and the lines joined in C, each review's
    fields written once and each column checked for what needs quoting at once.
    An answer without evidence ends in three empty fields; the few with evidence
    get theirs in place of them.
    """
    out = io.StringIO()
    if bom:
        out.write(BOM)
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(spreadsheet_row(columns))
    if not blocks:
        return out.getvalue()
    parts = block.join([b[-1] for b in blocks]).split(block)
    if len(parts) != 8 * len(blocks):
        return None
    counts = list(map(int, parts[0::8]))
    question_text, value_text, time_text = (item.join(parts[k::8]) for k in (1, 2, 3))
    question_ids = question_text.split(item)
    total = sum(counts)
    # Plain values and times carry the ";" before them and the line end after them (a
    # replace in C): fewer pieces to join. Ones that need quoting are quoted first.
    if any(c in value_text for c in _QUOTED) or _starts_risky(value_text, item):
        values = [";" + v for v in _csv_column(value_text.split(item))]
    else:
        values = (";" + value_text).replace(item, item + ";").split(item)
    end = "\r\n" if len(blocks[0]) == 5 else ""  # with identities they end the line
    tail = ";;;" + end  # three empty evidence fields: most answers have no evidence
    if any(c in time_text for c in _QUOTED) or _starts_risky(time_text, item):
        times = [t + tail for t in _csv_column(time_text.split(item))]
    else:
        times = (time_text + tail).replace(item, tail + item).split(item)
    if not len(question_ids) == len(values) == len(times) == total:
        return None
    if not _put_evidence(parts, counts, question_ids, times, item, tail, end):
        return None
    # Within a review the question ids must ascend: no step down (or repeat) from one
    # answer to the next, except where the next review starts.
    within = [True] * (len(question_ids) - 1)
    for start in accumulate(counts[:-1]):
        within[start - 1] = False
    if any(compress(map(ge, question_ids, islice(question_ids, 1, None)), within)):
        return None
    if any(c in question_text for c in _QUOTED) or _starts_risky(question_text, item):
        question_ids = list(_csv_column(question_ids))
    heads = [_csv_column(column) for column in zip(*(b[:-1] for b in blocks), strict=True)]
    before = map(";".join, zip(*heads[:3], repeat(""), strict=False))
    middle = map(";".join, zip(repeat(""), heads[3], repeat(""), strict=False))
    lines = [chain.from_iterable(map(repeat, before, counts)), question_ids, values,
             chain.from_iterable(map(repeat, middle, counts)), times]
    if len(heads) > 4:  # personnummer and name
        after = [";" + ";".join(more) + "\r\n" for more in zip(*heads[4:], strict=True)]
        lines.append(chain.from_iterable(map(repeat, after, counts)))
    return out.getvalue() + "".join(chain.from_iterable(zip(*lines, strict=False)))


def _put_evidence(parts: Sequence[str], counts: Sequence[int], question_ids: list[str],
                  times: list[str], item: str, tail: str, end: str) -> bool:
    """The evidence of the blocks that have any (``parts[4::8]``, its question ids) put
    in its answers' lines in place of the empty fields; False when it does not add up.
    Evidence on a question without an answer has no line, as in the row path."""
    starts = [0, *accumulate(counts)]
    for number in compress(range(len(counts)), parts[4::8]):
        found = [part.split(item) for part in parts[8 * number + 4:8 * number + 8]]
        if len({len(column) for column in found}) != 1:
            return False
        start, stop = starts[number], starts[number + 1]
        for question_id, *fields in zip(*found, strict=True):
            try:
                index = question_ids.index(question_id, start, stop)
            except ValueError:  # no answer, no line
                continue
            times[index] = (times[index][:-len(tail)] + ";"
                            + ";".join(map(_csv_field, fields)) + end)
    return True


# --- Markdown ----------------------------------------------------------------------------

def _md_cell(row: Row, column: int) -> str:
    count = row.counts[column]
    if row.hidden_text(column):
        return markdown_cell(row.hidden_text(column))
    if count is None:
        return "–"
    pct = row.percent(column)
    return _count(count) if pct is None else f"{_count(count)} ({pct} %)"


def table_markdown(table: Table, words: Words) -> str:
    lines = [f"| {markdown_cell(table.title)} | " + " | ".join(map(markdown_cell, table.columns))
             + " |", "|---|" + "---:|" * len(table.columns)]
    for row in table.rows:
        cells = [_md_cell(row, i) for i in range(len(table.columns))]
        lines.append(f"| {markdown_cell(row.label)} | " + " | ".join(cells) + " |")
    if table.note:
        lines += ["", f"*{table.note}.*" if not table.note.endswith(".") else f"*{table.note}*"]
    return "\n".join(lines)


def to_markdown(report: Report, words: Words) -> str:
    parts = [f"# {report.protocol_title}: {words.summary}", "",
             f"{words.reviewed}: {report.cases}", ""]
    if report.publication is not None:
        parts += [f"**{markdown_cell(report.publication.title)}.** "
                  f"{markdown_cell(report.publication.text)}", ""]
    for table in report.tables:
        parts += [f"## {spreadsheet_text(_title(table, words))}", "",
                  table_markdown(table, words), ""]
    if report.areas:
        parts += [f"## {words.areas_title}", "", f"*{words.areas_note}.*", ""]
        for table in report.areas:
            parts += [f"### {markdown_cell(table.title)}", "", table_markdown(table, words), ""]
    if report.notes:
        parts += [f"## {words.notes_title}", ""]
        districts = list(report.districts) + sorted(
            {n.district for n in report.notes} - set(report.districts))
        for district in districts:
            mine = [n for n in report.notes if n.district == district]
            if not mine:
                continue
            parts += [f"### {markdown_cell(district)}", ""]
            for kind, heading in zip(NOTE_KINDS, (words.strengths, words.development),
                                     strict=True):
                bullets = sorted((n for n in mine if n.kind == kind),
                                 key=lambda n: (n.position, n.id))
                if bullets:
                    parts += [f"**{heading}**", ""] + [f"- {spreadsheet_text(n.text)}"
                                                       for n in bullets] + [""]
    return "\n".join(parts).rstrip() + "\n"


# --- JSON --------------------------------------------------------------------------------

def table_dict(table: Table) -> dict[str, object]:
    return {
        "id": table.id, "title": table.title, "view": table.view,
        "question_id": table.question_id, "kind": table.kind, "columns": list(table.columns),
        "rows": [{"code": r.code, "label": r.label, "counts": list(r.counts),
                  "bases": list(r.bases) if r.bases is not None else None,
                  "percents": [r.percent(i) for i in range(len(r.counts))],
                  **({"hidden": list(r.hidden)} if r.hidden else {})}
                 for r in table.rows],
        "note": table.note,
    }


def to_json(report: Report) -> str:
    data = {
        "protocol": report.protocol_id, "cases": report.cases,
        "districts": list(report.districts),
        "tables": [table_dict(t) for t in report.tables],
        "areas": [table_dict(t) for t in report.areas],
        "district_notes": [{"district": n.district, "kind": n.kind, "text": n.text,
                            "position": n.position} for n in report.notes],
    }
    if report.publication is not None:
        data["publication"] = report.publication.text
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- files -------------------------------------------------------------------------------
