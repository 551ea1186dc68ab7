"""Assignments: balanced by district and gender; inspectors change only their own reviews."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samples.assign import Case, balance
from store import StoreError
from store.assignments import assign, reassign, sampled_cases
from store.audit import history
from store.reviews import answers_for, list_reviews, save_answer, set_review_status
from store.samples import latest_sample_id
from tui.cli import main

cases_strategy = st.lists(
    st.tuples(st.sampled_from(["HÄ", "HV", "SK", "SÖ"]), st.sampled_from(["K", "M"])),
    max_size=120,
).map(lambda pairs: [Case(i, d, g) for i, (d, g) in enumerate(pairs)])
people_strategy = st.lists(st.text("abcdefgh", min_size=1, max_size=4), min_size=1,
                           max_size=9, unique=True)


@given(cases_strategy, people_strategy)
def test_balance_gives_every_case_once_and_spreads_every_stratum(cases, people) -> None:
    plan = balance(cases, people)
    assert set(plan) == {c.key for c in cases}  # every case once (a dict: at most once)
    assert set(plan.values()) <= set(people)
    totals = Counter(plan.values())
    loads = [totals.get(p, 0) for p in people]
    assert max(loads) - min(loads) <= 1
    for stratum in {(c.district, c.gender) for c in cases}:
        counts = Counter(plan[c.key] for c in cases if (c.district, c.gender) == stratum)
        per_person = [counts.get(p, 0) for p in people]
        assert max(per_person) - min(per_person) <= 1  # each gets a district/gender mix


@given(cases_strategy, people_strategy, st.data())
def test_balance_feeds_the_least_loaded_first(cases, people, data) -> None:
    load = {p: data.draw(st.integers(0, 3)) for p in people}
    plan = Counter(balance(cases, people, load).values())
    for p in people:
        for q in people:
            if plan.get(p, 0) > plan.get(q, 0):  # an extra case goes to the less loaded
                assert load[p] <= load[q]


def test_balance_needs_someone() -> None:
    with pytest.raises(ValueError, match="inspector role"):
        balance([Case(1, "HÄ", "K")], [])


def _fresh_sample(team_db) -> int:
    """The demo's sample with its reviews handed to nobody yet (a new draw is unassigned)."""
    from samples.draw import draw
    from store.frames import frames, population
    from store.samples import save_sample

    frame = frames(team_db)[0]
    eligible = [r for r in population(team_db, frame["id"]) if r["insats"] == "boendestöd"]
    result = draw(eligible, {d: (3, 3) for d in {r["district"] for r in eligible}}, seed=9,
                  reserves=1)
    return save_sample(team_db, frame_id=frame["id"], seed=9, spec={}, frame_sha256="x",
                       protocol_id="boendestod_sol", outcome=result.outcome,
                       members=[m.__dict__ for m in result.members])


def test_cli_balanced_assignment_shares_cases_between_inspectors(
    team_db, db_path: Path, me: str, capsys
) -> None:
    sample_id = _fresh_sample(team_db)
    assert main(["assign", "--balanced", "--db", str(db_path)]) == 0
    assert "tilldelade till 2 granskare" in capsys.readouterr().out
    cases = sampled_cases(team_db, sample_id)
    holders = Counter(c["primary_reviewer"] for c in cases)
    assert set(holders) == {"anna", "bert"} and abs(holders["anna"] - holders["bert"]) <= 1
    for name in ("anna", "bert"):
        mine = list_reviews(team_db, reviewer=name)
        assert {r["district"] for r in mine} == {c["district"] for c in cases}
        assert {r["gender"] for r in mine} == {"K", "M"}
    created = [h for h in history(team_db, "review") if h["action"] == "review.create"
               and h["new_value"] in ("anna", "bert")]
    assert len(created) == len(cases) and {h["who"] for h in created} == {me}
    # Running it again assigns nothing twice.
    assert main(["assign", "--balanced", "--db", str(db_path)]) == 0
    assert "0 ärenden" in capsys.readouterr().out


def test_assign_by_hand_and_refuse_a_taken_case(team_db, db_path: Path, capsys) -> None:
    sample_id = _fresh_sample(team_db)
    ref = sampled_cases(team_db, sample_id)[0]["case_ref"]
    assert main(["assign", ref, "anna", "--sample", str(sample_id), "--db", str(db_path)]) == 0
    assert main(["assign", ref, "bert", "--sample", str(sample_id), "--db", str(db_path)]) == 2
    assert "har redan en granskare (anna)" in capsys.readouterr().err
    assert main(["assign", ref, "anna", "--second", "--sample", str(sample_id),
                 "--db", str(db_path)]) == 2
    assert "två olika granskare" in capsys.readouterr().err


def test_an_inspector_cannot_change_someone_elses_review(team_db) -> None:
    sample_id = latest_sample_id(team_db)
    case = sampled_cases(team_db, sample_id)[0]
    [review_id] = assign(team_db, sample_id, [(case["population_id"], "anna")], kind="second",
                         protocol_version="1.0")
    assert save_answer(team_db, review_id, "dur_aktuell", "ja", who="anna")
    with pytest.raises(StoreError, match="tillhör anna") as refused:
        save_answer(team_db, review_id, "dur_aktuell", "nej", who="bert")
    assert refused.value.kind == "forbidden"
    with pytest.raises(StoreError):
        set_review_status(team_db, review_id, "complete", who="bert")
    assert answers_for(team_db, review_id)["dur_aktuell"].value == "ja"
    assert [h["who"] for h in history(team_db, "review", review_id)
            if h["action"] == "answer"] == ["anna"]
    # A supervisor (the database's creator) may correct it.
    assert save_answer(team_db, review_id, "dur_aktuell", "nej")


def test_reassign_only_what_nobody_started(team_db) -> None:
    sample_id = latest_sample_id(team_db)
    first, second = sampled_cases(team_db, sample_id)[:2]
    [a, b] = assign(team_db, sample_id, [(first["population_id"], "anna"),
                                         (second["population_id"], "anna")],
                    kind="second", protocol_version="1.0")
    reassign(team_db, a, "bert")
    assert [r["id"] for r in list_reviews(team_db, reviewer="bert")] == [a]
    save_answer(team_db, b, "dur_aktuell", "ja", who="anna")
    with pytest.raises(StoreError, match="har påbörjat det"):
        reassign(team_db, b, "bert")
