"""Evidence per (review, question): saved in one transaction, audited, found missing."""

from __future__ import annotations

import pytest

from review_protocols.evidence import good_answers, lacking_evidence
from store.audit import history
from store.errors import StoreError
from store.evidence import (
    Evidence,
    checked,
    clear_evidence,
    evidence_for,
    missing_evidence,
    save_evidence,
)
from store.reviews import list_reviews, save_answer


@pytest.fixture
def review_id(demo_db) -> int:
    return list_reviews(demo_db, limit=1)[0]["id"]


def test_evidence_is_stored_audited_and_replaced(demo_db, review_id) -> None:
    found = Evidence("utredning", "2024-03-01", "DUR saknas sedan 2021")
    assert save_evidence(demo_db, review_id, "dur_aktuell", found)
    assert not save_evidence(demo_db, review_id, "dur_aktuell", found)  # nothing changed
    assert evidence_for(demo_db, review_id) == {"dur_aktuell": found}
    save_evidence(demo_db, review_id, "dur_aktuell", Evidence("beslut", "2024-04-02"))
    rows = [r for r in history(demo_db, "review", review_id) if r["action"] == "evidence"]
    assert [(r["field"], r["old_value"], r["new_value"]) for r in rows] == [
        ("dur_aktuell", None, 'utredning 2024-03-01: "DUR saknas sedan 2021"'),
        ("dur_aktuell", 'utredning 2024-03-01: "DUR saknas sedan 2021"', "beslut 2024-04-02")]
    assert clear_evidence(demo_db, review_id, "dur_aktuell")
    assert evidence_for(demo_db, review_id) == {}


@pytest.mark.parametrize(("fields", "fragment"), [
    (("protokoll", "2024-03-01", ""), "document type must be one of: utredning, beslut"),
    (("beslut", "1 mars", ""), "YYYY-MM-DD"),
    (("beslut", "2024-02-30", ""), "YYYY-MM-DD"),
    (("beslut", "2024-03-01", "x" * 501), "longer than 500"),
])
def test_bad_evidence_is_refused_and_nothing_stored(demo_db, review_id, fields,
                                                    fragment) -> None:
    with pytest.raises(ValueError, match=fragment):
        save_evidence(demo_db, review_id, "dur_aktuell", Evidence(*fields))
    assert evidence_for(demo_db, review_id) == {}


def test_someone_elses_review_is_refused(demo_db, review_id) -> None:
    with pytest.raises(StoreError, match="tillhör"):
        save_evidence(demo_db, review_id, "dur_aktuell", checked("beslut", "2024-03-01"),
                      who="intruder")
    assert evidence_for(demo_db, review_id) == {}


def test_missing_evidence_lists_answers_other_than_the_good_one(demo_db, review_id,
                                                                protocol) -> None:
    good = good_answers(protocol)
    save_answer(demo_db, review_id, "dur_aktuell", "nej")
    save_answer(demo_db, review_id, "vald_fragat", "ja")  # the good answer: nothing needed
    save_answer(demo_db, review_id, "hembesok_gjort", "nej")  # asks no evidence
    assert missing_evidence(demo_db, protocol.id, good) == [(review_id, "dur_aktuell")]
    assert missing_evidence(demo_db, protocol.id, good, statuses=["complete"]) == []
    assert missing_evidence(demo_db, protocol.id, good, review_ids=[review_id + 1]) == []
    assert lacking_evidence(protocol, {"dur_aktuell": "nej", "vald_fragat": "ja"},
                            set()) == ["dur_aktuell"]
    save_evidence(demo_db, review_id, "dur_aktuell", checked("utredning", "2023-01-01"))
    assert missing_evidence(demo_db, protocol.id, good) == []
    assert lacking_evidence(protocol, {"dur_aktuell": "nej"}, {"dur_aktuell"}) == []
