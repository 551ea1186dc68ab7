"""Plain reference implementations the fast paths are checked against."""

from __future__ import annotations

import csv
import io

from tallies.export import BOM


def excel_csv(rows, columns) -> str:
    """What Python's csv module writes for Swedish Excel: BOM, semicolons, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return BOM + out.getvalue()
