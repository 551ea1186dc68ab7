"""How the review looks: the case list and the case screen at 80x24 and 120x40."""

from __future__ import annotations

import pytest

from tests.tui.conftest import REVIEWER

CASE_TEXT = (
    "UTREDNING (DUR) 2022-03-14\n"
    "Den enskilde ansöker om boendestöd för att klara vardagen: städning, tvätt,\n"
    "inköp och att hålla tider. Hembesök gjordes med den enskildes samtycke.\n\n"
    "BESLUT 2022-03-28\nBoendestöd beviljas med 12 timmar per månad.\n\n"
    "BESTÄLLNING\nMål: den enskilde ska själv kunna planera sin vecka.\n"
    "Aktiviteter: veckoplanering, tvätt, inköp.\n"
)


@pytest.fixture
def snapshot_app(make_app, review_db):
    from store.frames import set_case_text
    from store.reviews import list_reviews, save_answer

    first = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]
    set_case_text(review_db, first["population_id"], CASE_TEXT, who=REVIEWER)
    for qid, value in (("dur_aktuell", "ja"), ("intressen_resurser_onskemal", "delvis")):
        save_answer(review_db, first["id"], qid, value, who=REVIEWER)
    return make_app


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_case_list(snap_compare, snapshot_app, size):
    assert snap_compare(snapshot_app(), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_case_screen_with_case_file(snap_compare, snapshot_app, size):
    assert snap_compare(snapshot_app(), terminal_size=size, press=["enter", "b"])


def test_case_screen_after_avslag_with_help(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app(), terminal_size=(80, 24),
                        # hembesök nej; down past värderande språk, the four findings
                        # and the free text to the decision; avslag
                        press=["enter", "n", *["down"] * 6, "a", "f1"])
