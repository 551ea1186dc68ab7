"""Strengths and development areas per district: stored, audited, in report order."""

from __future__ import annotations

import pytest

from jobs.tallies import load_report
from jobs.words import words
from store.audit import history
from store.reports import (
    add_district_note,
    delete_district_note,
    district_notes,
    update_district_note,
)
from tallies.export import to_markdown
from tests.tallies.report_cases import DISTRICTS


def test_every_change_is_audited(db) -> None:
    first = add_district_note(db, "Södermalm", "development", "Säkerställ aktuell DUR",
                              who="sara")
    add_district_note(db, "Södermalm", "development", "Följ rutiner för våldsfrågor",
                      who="sara")
    assert update_district_note(db, first, "Säkerställ aktuell DUR-utredning", who="sara")
    assert not update_district_note(db, first, "Säkerställ aktuell DUR-utredning", who="sara")
    assert [n["text"] for n in district_notes(db, "Södermalm")] == [
        "Säkerställ aktuell DUR-utredning", "Följ rutiner för våldsfrågor"]
    assert delete_district_note(db, first, who="sara")
    actions = [(h["action"], h["old_value"], h["new_value"])
               for h in history(db, "district_note", first)]
    assert actions == [
        ("note.add", None, "Säkerställ aktuell DUR"),
        ("note.edit", "Säkerställ aktuell DUR", "Säkerställ aktuell DUR-utredning"),
        ("note.delete", "Säkerställ aktuell DUR-utredning", None),
    ]
    with pytest.raises(ValueError, match="needs some text"):
        add_district_note(db, "Södermalm", "strength", "   ")


def test_notes_follow_the_district_order_in_markdown(report_db, protocol) -> None:
    add_district_note(report_db, "Södermalm", "strength", "Anhörigombud i enheten")
    add_district_note(report_db, "Hägersten-Älvsjö", "strength", "Aktuell DUR i samtliga")
    text = to_markdown(load_report(report_db, protocol, DISTRICTS), words("sv"))
    notes = text[text.index("## Styrkor och utvecklingsområden"):]
    assert notes.index("### Hägersten-Älvsjö") < notes.index("### Södermalm")
    assert "### Skarpnäck" not in notes  # no bullets, no heading
