"""The demo: every demo case comes with a case file that fits its case list row."""

from __future__ import annotations

from review_protocols import load_builtin
from review_protocols.boendestod_sol.casefiles import cases_for
from store.frames import case_text, frames, population


def test_every_demo_case_has_a_case_file_that_fits_its_row(demo_db) -> None:
    protocol = load_builtin("boendestod_sol")
    rows = population(demo_db, frames(demo_db)[0]["id"])
    assert all(case_text(demo_db, row["id"]) for row in rows)
    first = rows[0]
    text = case_text(demo_db, first["id"])
    assert first["name"] in text and first["district"] in text
    assert f"Beslut {first['decision_date']}" in text
    # The same seed gives the same text (conftest's demo has seed 7).
    assert cases_for(rows[:1], protocol, seed=7)[first["case_ref"]][1] == text
