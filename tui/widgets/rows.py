"""Row keys of the app's tables as the texts they were added with.

Every table here adds its rows with a text key (a review id, a case reference,
a question id), so a row without one is a programming error, not a user's.
"""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


def key_text(key: RowKey) -> str:
    if key.value is None:
        raise LookupError("a table row was added without a key")
    return key.value


def cursor_key(table: DataTable[object]) -> str | None:
    """The key of the row under the cursor; None in an empty table."""
    if not table.row_count:
        return None
    return key_text(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)
