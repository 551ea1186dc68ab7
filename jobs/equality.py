"""Equal treatment (likställighet) in the catalogue's words: its files, and the flagged
differences in words for the reports (Markdown here; the DOCX report too). The figures
come from ``jobs.tallies.load_equality``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_protocols.model import Protocol
    from tallies.equality import Share


def flagged_in_words(shares: Sequence[Share], protocol: Protocol,
                     lang: str | None = None) -> list[str]:
    """The differences beyond chance as sentences (in ``lang``, default the language in
    force), each once: the "Likställighet" section of the reports."""
    from jobs.words import equality_words
    from tallies.equality import in_words

    return in_words(shares, protocol, equality_words(lang))


def markdown_section(shares: Sequence[Share], protocol: Protocol) -> str:
    """"## Likställighet" for ``granska export md``: the method and the findings."""
    from jobs.words import equality_words
    from tallies.equality_export import markdown_section as section

    return section(shares, protocol, equality_words())


def render(shares: Sequence[Share], protocol: Protocol, fmt: str) -> bytes:
    """The bytes of ``granska export equality --format FMT``."""
    from jobs.words import equality_words
    from tallies import equality_export
    from tallies.formats import EQUALITY_FORMATS

    if fmt == "json":
        return equality_export.to_json(shares).encode("utf-8")
    if fmt == "csv":
        return equality_export.to_csv(shares).encode("utf-8")
    if fmt == "md":
        return equality_export.to_markdown(shares, protocol, equality_words()).encode("utf-8")
    raise ValueError(f"unknown --format '{fmt}'; use one of: {', '.join(EQUALITY_FORMATS)}")
