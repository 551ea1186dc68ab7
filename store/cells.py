"""Text cells in exported files that no spreadsheet takes for a formula (OWASP CSV injection).

A text that starts with ``= + - @``, a tab or a carriage return is written with a
leading ``'``; a plain number such as ``-3`` or ``-0,25`` is left alone, it is
no formula. Texts that start with apostrophes before such a character get one
more, so that ``original_text`` undoes ``spreadsheet_text`` exactly for any
text: an import gives back what the database held, a genuine leading
apostrophe included. Every CSV, XLSX and Markdown writer goes through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# First characters of every text that spreadsheet_text may change: a quick pre-check.
STARTS = (*TRIGGERS, "'")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def _formula_like(text: str) -> bool:
    """Starts like a formula once any leading apostrophes are set aside."""
    rest = text.lstrip("'")
    return rest.startswith(TRIGGERS) and _PLAIN_NUMBER.fullmatch(rest) is None


def spreadsheet_text(text: str) -> str:
    """``text`` as a cell that is never a formula; unchanged unless it looks like one."""
    if text.startswith(STARTS) and _formula_like(text):
        return "'" + text
    return text


def original_text(cell: str) -> str:
    """The text ``spreadsheet_text`` was given: the inverse, for imports of exports."""
    if cell.startswith("'") and _formula_like(cell[1:]):
        return cell[1:]
    return cell


def markdown_cell(text: str) -> str:
    """Text for a Markdown table cell or heading: neutralised, its pipes escaped."""
    return spreadsheet_text(text).replace("|", "\\|")


def spreadsheet_cell(value: Any) -> Any:
    """A cell value with text neutralised; numbers, None and the rest stay as they are."""
    return spreadsheet_text(value) if isinstance(value, str) else value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    return [spreadsheet_text(v) if isinstance(v, str) else v for v in values]


def xlsx_row(sheet: Any, values: Iterable[Any], font: Any = None) -> list[Any]:
    """Cells for ``sheet.append`` (openpyxl): text neutralised and typed as a string, so
    openpyxl never stores it as a formula; numbers stay numbers."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, spreadsheet_cell(value))
        if isinstance(value, str):
            cell.data_type = "s"
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells
