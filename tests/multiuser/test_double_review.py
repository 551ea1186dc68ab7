"""Double review: blind to each other, compared when both are done, agreed by the supervisor."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobs.words import agreement_words
from store import StoreError
from store.assignments import assign, reassign, sampled_cases
from store.audit import history
from store.double_review import pairs, record_consensus, side_by_side
from store.reviews import answers_for, list_reviews, save_answer, set_review_status
from store.samples import latest_sample_id
from tallies.agreement import cohen_kappa
from tallies.double_review import agreement, disagreements, to_csv, to_markdown
from tests.multiuser.conftest import demote_me
from tui.cli import main

QUESTIONS = ("dur_aktuell", "forstagangsbeslut", "genomforandeplan_finns")


def double_reviewed(db, answers_a: list[dict], answers_b: list[dict]) -> list[int]:
    """Cases reviewed by anna (primary) and bert (second), answered and complete."""
    sample_id = latest_sample_id(db)
    cases = sampled_cases(db, sample_id)[: len(answers_a)]
    # The demo gave the primary reviews to the creator: hand them to anna.
    for row in list_reviews(db, kind="primary", limit=1000):
        if row["population_id"] in {c["population_id"] for c in cases}:
            reassign(db, row["id"], "anna")
    seconds = assign(db, sample_id, [(c["population_id"], "bert") for c in cases],
                     kind="second", protocol_version="1.0")
    primaries = {p["population_id"]: p["primary_id"] for p in pairs(db)}
    for case, second_id, a, b in zip(cases, seconds, answers_a, answers_b, strict=True):
        for who, review_id, given_answers in (("anna", primaries[case["population_id"]], a),
                                              ("bert", second_id, b)):
            for question, value in given_answers.items():
                save_answer(db, review_id, question, value, who=who)
            set_review_status(db, review_id, "complete", who=who)
    return [c["population_id"] for c in cases]


def test_comparison_waits_until_both_reviews_are_complete(team_db) -> None:
    sample_id = latest_sample_id(team_db)
    case = sampled_cases(team_db, sample_id)[0]
    assign(team_db, sample_id, [(case["population_id"], "bert")], kind="second",
           protocol_version="1.0")
    with pytest.raises(StoreError, match="both reviews must be complete"):
        side_by_side(team_db, case["population_id"])


def test_supervisor_sees_disagreements_and_records_the_agreed_answer(team_db, me) -> None:
    [case] = double_reviewed(team_db, [{"dur_aktuell": "ja", "forstagangsbeslut": "nej"}],
                             [{"dur_aktuell": "nej", "forstagangsbeslut": "nej"}])
    both = side_by_side(team_db, case)
    assert disagreements(both["primary"], both["second"], QUESTIONS) == ["dur_aktuell"]
    review_id = record_consensus(team_db, case, {**both["primary"], "dur_aktuell": "nej"})
    agreed = answers_for(team_db, review_id)
    assert agreed["dur_aktuell"].value == "nej" and agreed["dur_aktuell"].answered_by == me
    audit = [(h["field"], h["new_value"], h["who"]) for h in history(team_db, "review", review_id)
             if h["action"] == "answer"]
    assert ("dur_aktuell", "nej", me) in audit
    assert pairs(team_db)[0]["consensus_id"] == review_id


def test_agreement_and_kappa_over_double_reviews(team_db, db_path: Path, capsys) -> None:
    firsts = [{"dur_aktuell": v} for v in ("ja", "ja", "nej", "nej")]
    seconds = [{"dur_aktuell": v} for v in ("ja", "nej", "nej", "nej")]
    double_reviewed(team_db, firsts, seconds)
    out = tmp = db_path.with_name("agreement.csv")
    assert main(["double", "agreement", "--format", "csv", "--out", str(out),
                 "--db", str(db_path)]) == 0
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o600
    rows = {line.split(";")[0]: line.split(";") for line in out.read_text().splitlines()}
    kappa = cohen_kappa(["ja", "ja", "nej", "nej"], ["ja", "nej", "nej", "nej"])
    assert rows["dur_aktuell"][2:5] == ["4", "3", "75,0"]
    assert rows["dur_aktuell"][5] == f"{kappa:.3f}".replace(".", ",")
    assert main(["double", "agreement", "--db", str(db_path)]) == 0
    assert "total överensstämmelse 75 %" in capsys.readouterr().out


def test_cli_show_and_resolve(team_db, db_path: Path, capsys) -> None:
    [case] = double_reviewed(team_db, [{"dur_aktuell": "ja"}], [{"dur_aktuell": "nej"}])
    ref = pairs(team_db)[0]["case_ref"]
    assert main(["double", "show", ref, "--db", str(db_path)]) == 0
    shown = capsys.readouterr().out
    assert "dur_aktuell\tFinns\tSaknas" in shown and "anna | bert" in shown
    assert main(["double", "resolve", ref, "--take", "primary", "--set", "dur_aktuell=nej",
                 "--db", str(db_path)]) == 0
    assert side_by_side(team_db, case)["consensus"]["dur_aktuell"] == "nej"
    assert main(["double", "resolve", ref, "--set", "dur_aktuell=kanske",
                 "--db", str(db_path)]) == 2


def test_cli_output_follows_the_configured_language(team_db, db_path: Path, tmp_path: Path,
                                                   capsys, monkeypatch) -> None:
    from jobs import i18n

    monkeypatch.setattr(i18n, "_language", i18n.language())  # restored afterwards
    double_reviewed(team_db, [{"dur_aktuell": "ja"}], [{"dur_aktuell": "nej"}])
    ref = pairs(team_db)[0]["case_ref"]
    english = tmp_path / "en.toml"
    english.write_text('language = "en"\n')
    en = ["--config", str(english), "--db", str(db_path)]
    assert main(["double", "agreement", *en]) == 0
    out = capsys.readouterr().out
    assert "Double-reviewed cases: 1; overall agreement 0 %" in out
    assert "| question | cases | agreed | agreement | kappa |" in out
    assert main(["double", "show", ref, *en]) == 0
    assert "dur_aktuell\tPresent\tMissing" in capsys.readouterr().out
    assert main(["double", "resolve", ref, "--take", "second", *en]) == 0
    assert "agreed answers saved" in capsys.readouterr().out
    assert main(["double", "agreement", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Dubbelgranskade ärenden: 1; total överensstämmelse 0 %" in out
    assert "| fråga | ärenden | lika | överensstämmelse | kappa |" in out
    assert main(["double", "resolve", ref, "--take", "primary", "--db", str(db_path)]) == 0
    assert "överenskomna svar sparade" in capsys.readouterr().out


def test_reviewers_are_blind_to_each_other(team_db, db_path: Path, me: str, capsys) -> None:
    """The test user as the second reviewer: no command shows anna's answers."""
    [case] = double_reviewed(team_db, [{"dur_aktuell": "ja"}], [{"dur_aktuell": "nej"}])
    ref = pairs(team_db)[0]["case_ref"]
    demote_me(team_db, me, "inspector")
    assert main(["audit", ref, "--db", str(db_path)]) == 0
    shown = capsys.readouterr().out
    assert "anna" not in shown  # nothing of the primary review
    assert main(["double", "show", ref, "--db", str(db_path)]) == 2
    assert "anna" not in capsys.readouterr().err
    assert case


@given(st.lists(st.tuples(st.sampled_from(["ja", "nej", None]),
                          st.sampled_from(["ja", "nej", None])), max_size=30))
def test_agreement_counts_only_questions_both_answered(values) -> None:
    pairs_ = [({"q": a}, {"q": b}) for a, b in values]
    report = agreement(pairs_, ["q"])
    both = [(a, b) for a, b in values if a is not None and b is not None]
    assert report.questions[0].cases == len(both)
    assert report.questions[0].agreed == sum(a == b for a, b in both)
    assert report.pairs == len(values)
    if both and all(a == b for a, b in both):
        assert report.percent == 1
    to_markdown(report, agreement_words("sv")), to_csv(report, agreement_words("sv"))
