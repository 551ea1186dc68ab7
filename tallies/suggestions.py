"""Strengths and development areas suggested per district from the quality-area tables.

The phrases come from the protocol's phrase bank (``review_protocols.phrases``); each is
offered where the district's share meeting its question's standard passes the phrase's
threshold, with the district's figure filled in. Nothing here is stored: the inspector
takes a suggestion, edits it and saves it as a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_protocols.phrases import Phrase
    from tallies.crosstab import Row
    from tallies.report import Report


def suggested(report: Report, phrases: Iterable[Phrase], district: str, kind: str,
              lang: str = "sv", *, taken: Sequence[str] = ()) -> list[str]:
    """The phrases of ``kind`` the district's figures call for, in the bank's order; a
    text already among ``taken`` (the district's notes) is not offered again."""
    found: dict[str, tuple[Row, int]] = {}
    for table in report.areas:
        if district in table.columns:
            column = table.columns.index(district)
            for row in table.rows:
                found[row.code] = (row, column)
    offered: list[str] = []
    for phrase in phrases:
        if phrase.kind != kind or phrase.question_id not in found:
            continue
        row, column = found[phrase.question_id]
        share = row.share(column)
        if not phrase.offered(share) or row.bases is None:
            continue
        text = phrase.text_in(lang, int(row.counts[column] or 0), row.bases[column],
                              row.percent(column) or 0)
        if text not in taken and text not in offered:
            offered.append(text)
    return offered
