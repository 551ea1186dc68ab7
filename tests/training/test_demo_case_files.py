"""The hook for the demo: every demo case gets a case file that fits its case list row."""

from __future__ import annotations

from review_protocols import load_builtin
from review_protocols.boendestod_sol.casefiles import attach_case_files, case_texts_for
from store.frames import case_text, frames, population


def test_attach_case_files_gives_every_demo_case_a_text(demo_db) -> None:
    protocol = load_builtin("boendestod_sol")
    frame_id = frames(demo_db)[0]["id"]
    rows = population(demo_db, frame_id)
    # The demo comes with its case files; attaching again has nothing left to do.
    assert all(case_text(demo_db, row["id"]) for row in rows)
    assert attach_case_files(demo_db, frame_id, seed=7, protocol=protocol) == 0
    first = rows[0]
    text = case_text(demo_db, first["id"])
    assert first["name"] in text and first["district"] in text
    assert f"Beslut {first['decision_date']}" in text
    # Nothing left to do the second time; the same seed gives the same texts.
    assert attach_case_files(demo_db, frame_id, seed=7, protocol=protocol) == 0
    assert case_texts_for(rows[:1], protocol, seed=7)[first["case_ref"]] == text
