"""Giving evidence by keys, as an inspector does (shared by the review tests)."""

from __future__ import annotations


async def add_evidence_by_keys(pilot, screen, question_id: str, *, doc_steps: int = 0,
                               date: str = "2021-03-01", quote: str = "") -> None:
    """ctrl+d on the question, the document type picked by ↓, the date and quote typed."""
    from tui.screens.evidence import EvidenceModal

    screen.set_current(question_id)
    await pilot.press("ctrl+d")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EvidenceModal)
    await pilot.press(*["down"] * doc_steps, "enter", *date, "tab", *quote, "ctrl+s")
    await pilot.pause()


async def give_lacking_evidence(pilot, screen) -> list[str]:
    """Evidence for every answer that needs it and lacks it; returns their question ids."""
    from review_protocols.evidence import lacking_evidence

    lacking = lacking_evidence(screen.protocol, screen.values, screen.evidence)
    for question_id in lacking:
        await add_evidence_by_keys(pilot, screen, question_id)
    return lacking
