"""Each section of the shipped protocol names a part its generated case files have, so the
case screen can scroll the file there (a renamed heading would silently stop it)."""

from __future__ import annotations

from review_protocols import load_builtin
from review_protocols.boendestod_sol import phrases


def test_every_section_names_a_part_the_case_files_are_written_with() -> None:
    protocol = load_builtin("boendestod_sol")
    headings = {phrases.S_DUR, phrases.S_BESLUT, phrases.S_BEST, phrases.S_PLAN,
                phrases.S_JOURNAL, phrases.S_OTHER}
    named = {section.id: section.case_file for section in protocol.sections}
    assert all(named.values()), [sid for sid, part in named.items() if not part]
    assert set(named.values()) <= headings, set(named.values()) - headings
