"""The report's findings in generated case files (issue 16 point 6): a person who turned 18
lately is answered so in the key and shown so in the text, with the new case file and the
investigation's update; anyone older is not asked about either."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from review_protocols import load_builtin
from review_protocols.boendestod_sol.case_truth import RECENTLY_18, random_truth
from review_protocols.boendestod_sol.casefiles import Person, cases_for, render_case

PROTOCOL = load_builtin("boendestod_sol")
OF_AGE = ("ny_akt_vid_18", "utredning_uppdaterad_18")


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.integers(18, 70))
def test_the_key_follows_the_age_the_case_file_shows(seed: int, age: int) -> None:
    person = Person("Vera", "Lind", "K", 2022 - age, "Skarpnäck", dt.date(2022, 5, 10))
    key = random_truth(PROTOCOL, random.Random(seed), person.age)
    made = render_case(key, seed, "normal", person)
    assert f"född {2022 - age}" in made.text
    if age > RECENTLY_18:
        assert key["nyligen_18"] == "nej" and not set(OF_AGE) & set(key)
        assert "fyllde 18" not in made.text
        return
    assert key["nyligen_18"] == "ja" and set(OF_AGE) <= set(key)
    assert f"Vera fyllde 18 år {2022 - age + 18}." in made.passages["nyligen_18"].text
    new_file = made.passages["ny_akt_vid_18"].text
    assert ("utan samhörighet med vårdnadshavare" in new_file) == (key["ny_akt_vid_18"] == "ja")
    custody = "Utredningen anger att föräldern har enskild vårdnad om Vera."
    assert (custody in made.text) == (key["utredning_uppdaterad_18"] == "nej")


def test_the_demo_rows_give_the_age_from_their_birth_date() -> None:
    rows = [{"case_ref": ref, "name": "Alex Berg", "gender": "M", "district": "Skarpnäck",
             "decision_date": "2022-06-01", "birth_date": born}
            for ref, born in (("SK-1", "2003-02-01"), ("SK-2", "1980-02-01"))]
    made = cases_for(rows, PROTOCOL, seed=7)
    assert made["SK-1"][0]["nyligen_18"] == "ja" and "Alex fyllde 18 år 2021." in made["SK-1"][1]
    assert made["SK-2"][0]["nyligen_18"] == "nej" and "fyllde 18" not in made["SK-2"][1]
