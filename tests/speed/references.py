"""Plain reference implementations the fast paths are checked against."""

from __future__ import annotations

import csv
import io

from store.cells import spreadsheet_row
from tallies.export import BOM


def excel_csv(rows, columns) -> str:
    """What Python's csv module writes for Swedish Excel: BOM, semicolons, CRLF, every
    cell first made safe for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(map(spreadsheet_row, rows))
    return BOM + out.getvalue()
