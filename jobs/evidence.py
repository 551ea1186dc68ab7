"""Evidence as the screens show it, and picking its quote from the case file text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jobs.i18n import t

if TYPE_CHECKING:
    from store.evidence import Evidence

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def doc_label(doc_type: str) -> str:
    """A document type (stored in Swedish) in the language in force."""
    return t(f"evidence.doc.{doc_type}")


def evidence_text(evidence: Evidence) -> str:
    """How evidence shows under its question: ``utredning 2024-03-01 "…"``."""
    quote = f' "{evidence.quote}"' if evidence.quote else ""
    return f"{doc_label(evidence.doc_type)} {evidence.doc_date}{quote}"


def passages(text: str) -> list[str]:
    """The case file as quotable passages: each non-blank line, split into its sentences."""
    found: list[str] = []
    for line in text.splitlines():
        found += [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
    return found


def matching(found: list[str], words: str, *, most: int = 30) -> list[str]:
    """The passages holding every typed word (any case), in case file order."""
    wanted = words.casefold().split()
    if not wanted:
        return []
    return [p for p in found if all(w in p.casefold() for w in wanted)][:most]
