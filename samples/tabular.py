"""Reading spreadsheets as people really have them: CSV or XLSX, Swedish or English.

Shared by frame imports and answer imports. CSV may be comma, semicolon or
tab separated, UTF-8 with or without BOM, or cp1252 from older Excel; XLSX
cells may be dates or numbers. Every row keeps its line number in the file,
so that every message can point at it. Blank lines are skipped; cells are
stripped of stray spaces.
"""

from __future__ import annotations

import _csv
import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class TableError(ValueError):
    """A file that cannot be read as a table; the message names the file and line."""


@dataclass
class Table:
    """A header and rows of text cells, each row with its line number in the file."""

    source: str
    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]
    total_lines: int | None = None  # for progress: the lines in the file, blank ones included


def normalise_header(text: str) -> str:
    """'  Kön ' -> 'kon', 'Besluts-datum' -> 'beslutsdatum': for matching synonyms."""
    folded = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return "".join(c for c in plain if c.isalnum() or c == "_")


ProgressCallback = Callable[[int, "int | None"], None]
"""``on_progress(done, total)``: lines of the file read so far, of ``total`` (None: unknown)."""

PROGRESS_EVERY = 5000  # lines between progress calls: cheap against the row checks


def read_table(path: str | Path, on_progress: ProgressCallback | None = None) -> Table:
    """The file's header and its rows, read lazily; ``on_progress`` hears every few thousand
    lines (and once at the end), so a face can show how far a long import has come."""
    table = _read_table(Path(path))
    if on_progress is not None:
        table.rows = _reporting(table.rows, table.total_lines, on_progress)
    return table


def _reporting(rows: Iterator[tuple[int, list[str]]], total: int | None,
               on_progress: ProgressCallback) -> Iterator[tuple[int, list[str]]]:
    next_report = PROGRESS_EVERY
    line = 0
    for row in rows:
        line = row[0]
        if line >= next_report:
            on_progress(line, total)
            next_report = line + PROGRESS_EVERY
        yield row
    on_progress(total or line, total or line)


def _read_table(path: Path) -> Table:
    if path.is_dir():
        raise TableError(f"{path}: is a folder, not a file; give the .csv or .xlsx file")
    if not path.is_file():
        raise TableError(f"{path}: no such file; check the path")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(path)
    if suffix in CSV_SUFFIXES:
        return _read_csv(path)
    raise TableError(f"{path}: unknown file type '{suffix}'; save it as .csv or .xlsx")


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Swedish Excel saves CSV as Windows-1252 (å, ä, ö as single bytes).
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise TableError(
                f"{path}: neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8"
            ) from None


def _read_csv(path: Path) -> Table:
    text = _decode(path.read_bytes(), path)
    if "\x00" in text:
        raise TableError(f"{path}: holds binary data, not CSV text; export it as CSV or XLSX")
    # The first non-blank line, without splitting a million-line file into a list.
    header_line = next((line for line in io.StringIO(text) if line.strip()), None)
    if header_line is None:
        raise TableError(f"{path}: the file is empty; it needs a header row and data rows")
    delimiter = max((";", ",", "\t"), key=header_line.count)
    if header_line.count(delimiter) == 0:
        delimiter = ";" if ";" in text else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows_with_lines = _numbered(reader)
        first = next(rows_with_lines, None)
    except csv.Error as error:
        raise TableError(f"{path}: line {reader.line_num}: {error}") from None
    if first is None:
        raise TableError(f"{path}: the file is empty; it needs a header row and data rows")
    headers = [cell.strip() for cell in first[1]]
    lines = text.count("\n") + (not text.endswith("\n"))
    return Table(str(path), headers, _guard(rows_with_lines, reader, path), total_lines=lines)


def _numbered(reader: _csv.Reader) -> Iterator[tuple[int, list[str]]]:
    start = 1
    for row in reader:
        line = start
        start = reader.line_num + 1
        cells = [cell.strip() for cell in row]
        if any(cells):
            yield line, cells


def _guard(rows: Iterator[tuple[int, list[str]]], reader: _csv.Reader, path: Path
           ) -> Iterator[tuple[int, list[str]]]:
    try:
        yield from rows
    except csv.Error as error:
        raise TableError(f"{path}: line {reader.line_num}: {error}") from None


def _read_xlsx(path: Path) -> Table:
    """The first sheet, read by calamine (Rust): openpyxl's reader took nine times CSV's time."""
    import python_calamine

    advice = "save it again from Excel as .xlsx (File > Save As > Excel Workbook)"
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise TableError(f"{path}: not a readable XLSX workbook ({_damage(error)}); "
                         f"{advice}") from None
    if not book.sheet_names:
        raise TableError(f"{path}: the workbook has no sheets; {advice}, with the frame on "
                         "the first sheet")
    try:
        # calamine reads the whole sheet here, so a damaged sheet is refused before any row
        sheet = book.get_sheet_by_index(0)
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise TableError(f"{path}: the first sheet cannot be read ({_damage(error)}); "
                         f"{advice}") from None
    first_row, first_column = sheet.start or (0, 0)
    pad = [""] * first_column  # openpyxl kept leading empty columns; keep the same cells
    rows = (
        (number, [*pad, *(c.strip() if type(c) is str else _cell_text(c) for c in values)])
        for number, values in enumerate(sheet.iter_rows(), start=first_row + 1)
    )
    non_blank = ((n, cells) for n, cells in rows if any(cells))
    first = next(non_blank, None)
    if first is None:
        raise TableError(f"{path}: the first sheet is empty; it needs a header row and data rows")
    return Table(str(path), first[1], non_blank, total_lines=first_row + sheet.height)


def _damage(error: BaseException) -> str:
    """What kind of damage, never calamine's text: it may quote the cells it choked on."""
    import python_calamine

    if isinstance(error, python_calamine.ZipError):
        return "not a zip archive, or a truncated one"
    if isinstance(error, python_calamine.XmlError):
        return "damaged or truncated XML inside"
    if isinstance(error, python_calamine.PasswordError):
        return "protected by a password"
    return "unreadable"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
