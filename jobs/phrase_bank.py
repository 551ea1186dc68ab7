"""Suggested strengths and development areas for a district, from the protocol's phrase bank."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_protocols.model import Protocol
    from tallies.report import Report


def suggested_notes(report: Report, protocol: Protocol, district: str, kind: str,
                    taken: Sequence[str] = ()) -> list[str]:
    """The bank's phrases the district's figures call for, in the current language; a bad
    phrases file raises ``PhrasesError`` (one line naming the file and the entry)."""
    from jobs.i18n import language
    from review_protocols.phrases import load_phrases
    from tallies.suggestions import suggested

    return suggested(report, load_phrases(protocol), district, kind, language(), taken=taken)
