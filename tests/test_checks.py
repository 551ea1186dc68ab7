"""granska check: every shipped rule finds its case in a seeded database; closed findings stay
closed; exit codes; no personnummer in any output; CSV cells never formulas."""

from __future__ import annotations

import json

import pytest

from review_protocols.rules import load_rules
from store import current_user
from store.reviews import list_reviews, save_answer, set_review_status
from tui.cli import main

# rule id -> the answers that should trip it (saved in this order), and whether to mark klar
SEEDS: dict[str, tuple[list[tuple[str, str]], bool]] = {
    "obligatorisk_saknar_svar": ([("dur_aktuell", "ja")], True),
    "svar_galler_inte_langre": ([("beslut", "bifall"), ("genomforandeplan_finns", "ja"),
                                 ("delaktighet_genomforandeplan", "ja"),
                                 ("genomforandeplan_finns", "nej")], False),
    "overensstammelse_utan_plan": ([("genomforandeplan_finns", "nej"),
                                    ("genomforandeplan_overensstammer", "ja")], False),
    "inom_15_dagar_men_fler_dagar": ([("genomforandeplan_inom_15_dagar", "ja"),
                                      ("genomforandeplan_dagar", "20")], False),
    "inte_inom_15_dagar_men_farre_dagar": ([("genomforandeplan_inom_15_dagar", "nej"),
                                            ("genomforandeplan_dagar", "10")], False),
    "info_annan_tid_vid_avslag": ([("beslut", "avslag"), ("info_annan_tid", "ja")], False),
    "beviljad_tid_over_grans": ([("beviljad_tid_timmar_manad", "150")], False),
    "plan_dagar_negativt": ([("genomforandeplan_dagar", "-3")], False),
    "belagg_saknas": ([("dur_aktuell", "nej")], False),
}
CASE_WIDE = ("beslut_utanfor_perioden", "samma_person_tva_ganger")


def _seed(db) -> dict[str, str]:
    """One case per shipped rule, tripping that rule; returns rule id -> case ref."""
    me = current_user()
    reviews = list_reviews(db, reviewer=me, limit=1000)
    assert len(reviews) > len(SEEDS) + 3
    cases: dict[str, str] = {}
    for (rule_id, (answers, complete)), info in zip(SEEDS.items(), reviews, strict=False):
        for question_id, value in answers:
            save_answer(db, info["id"], question_id, value, who=me)
        if complete:
            set_review_status(db, info["id"], "complete", who=me)
        cases[rule_id] = info["case_ref"]
    # evidence kept for one "nej" (no finding) but not the other (a finding)
    from store.evidence import checked, save_evidence

    proven = reviews[len(SEEDS)]
    save_answer(db, proven["id"], "dur_aktuell", "nej", who=me)
    save_evidence(db, proven["id"], "dur_aktuell", checked("utredning", "2021-03-01"), who=me)
    cases["proven"] = proven["case_ref"]
    # a case of the frame decided outside the draw's period, reviewed in the sample anyway
    sample_id = db.execute("SELECT max(id) FROM samples").fetchone()[0]
    outside = db.execute("SELECT id, case_ref FROM population WHERE decision_date NOT LIKE"
                         " '2022-%' ORDER BY id LIMIT 1").fetchone()
    from store.reviews import ensure_review

    ensure_review(db, outside[0], me, "boendestod_sol", "1.0", sample_id=sample_id)
    cases["beslut_utanfor_perioden"] = outside[1]
    # two drawn cases that are the same person
    first, second = reviews[-2], reviews[-1]
    db.execute("UPDATE population SET personnummer = (SELECT personnummer FROM population"
               " WHERE id = ?) WHERE id = ?", [first["population_id"], second["population_id"]])
    db.conn.commit()
    cases["samma_person_tva_ganger"] = first["case_ref"]
    cases["samma_person_andra"] = second["case_ref"]
    return cases


@pytest.fixture
def seeded(demo_db):
    return demo_db, _seed(demo_db)


def _check(db_path, *args: str, capsys) -> tuple[int, str]:
    code = main(["check", "--db", str(db_path), *args])
    return code, capsys.readouterr().out


def _findings(db_path, capsys, *args: str) -> list[dict]:
    code, out = _check(db_path, "--format", "json", *args, capsys=capsys)
    assert code == 0
    return json.loads(out)["findings"]


def test_every_shipped_rule_finds_its_case(seeded, db_path, protocol, capsys) -> None:
    _, cases = seeded
    found = _findings(db_path, capsys)
    by_rule: dict[str, set[str]] = {}
    for row in found:
        by_rule.setdefault(row["rule"], set()).add(row["case_ref"])
    shipped = {rule.id for rule in load_rules(protocol)}
    assert shipped == set(SEEDS) | set(CASE_WIDE)  # a new rule needs a seed here
    for rule_id in shipped:
        assert cases[rule_id] in by_rule.get(rule_id, set()), rule_id
    assert by_rule["samma_person_tva_ganger"] == {cases["samma_person_tva_ganger"],
                                                  cases["samma_person_andra"]}
    # evidence given: no finding; a required blank only in the review marked klar
    assert cases["proven"] not in by_rule["belagg_saknas"]
    assert by_rule["obligatorisk_saknar_svar"] == {cases["obligatorisk_saknar_svar"]}
    twice = next(r for r in found if r["rule"] == "samma_person_tva_ganger"
                 and r["case_ref"] == cases["samma_person_tva_ganger"])
    assert twice["detail"] == cases["samma_person_andra"] and twice["question"] == ""
    kept = next(r for r in found if r["rule"] == "svar_galler_inte_langre")
    assert kept["question"] == "delaktighet_genomforandeplan"
    assert {"case_ref", "reviewer", "rule", "question", "message"} <= set(kept)


def test_evidence_given_by_the_case_screen_path_ends_the_finding(demo_db, db_path,
                                                                  capsys) -> None:
    from store.evidence import checked, save_evidence

    me = current_user()
    review = list_reviews(demo_db, reviewer=me, limit=1)[0]
    save_answer(demo_db, review["id"], "dur_aktuell", "nej", who=me)
    assert [r["rule"] for r in _findings(db_path, capsys)] == ["belagg_saknas"]
    save_evidence(demo_db, review["id"], "dur_aktuell", checked("beslut", "2022-01-01"), who=me)
    assert [r["rule"] for r in _findings(db_path, capsys)] == []


def test_closed_findings_stay_closed_and_are_audited(seeded, db_path, capsys) -> None:
    db, cases = seeded
    case = cases["overensstammelse_utan_plan"]
    code, out = _check(db_path, "close", case, "overensstammelse_utan_plan",
                       "--comment", "kontrollerat mot akten", capsys=capsys)
    assert code == 0 and case in out
    for _ in range(2):  # closed on every later run
        rules = {(r["case_ref"], r["rule"]) for r in _findings(db_path, capsys)}
        assert (case, "overensstammelse_utan_plan") not in rules
        assert (cases["inom_15_dagar_men_fler_dagar"], "inom_15_dagar_men_fler_dagar") in rules
    closed = [r for r in _findings(db_path, capsys, "--closed")
              if r["rule"] == "overensstammelse_utan_plan"]
    assert [(r["case_ref"], r["comment"], r["closed_by"]) for r in closed] == [
        (case, "kontrollerat mot akten", current_user())]
    audited = db.execute("SELECT field, new_value FROM audit_log WHERE action = 'finding.close'"
                         ).fetchall()
    assert audited == [("overensstammelse_utan_plan/genomforandeplan_overensstammer",
                        "kontrollerat mot akten")]
    # closing it again: nothing open to close, one line, exit 2
    assert main(["check", "--db", str(db_path), "close", case, "overensstammelse_utan_plan",
                 "--comment", "igen"]) == 2
    assert "no open finding" in capsys.readouterr().err


def test_a_rule_with_several_questions_asks_which(seeded, db_path, capsys) -> None:
    _, cases = seeded
    case = cases["obligatorisk_saknar_svar"]
    assert main(["check", "--db", str(db_path), "close", case, "obligatorisk_saknar_svar",
                 "--comment", "ok"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--question" in err
    assert main(["check", "--db", str(db_path), "close", case, "obligatorisk_saknar_svar",
                 "--question", "beslut", "--comment", "ok"]) == 0
    capsys.readouterr()
    left = [r["question"] for r in _findings(db_path, capsys)
            if r["rule"] == "obligatorisk_saknar_svar"]
    assert left and "beslut" not in left
    assert main(["check", "--db", str(db_path), "close", case, "no_such_rule",
                 "--comment", "ok"]) == 2
    assert "no rule 'no_such_rule'" in capsys.readouterr().err


def test_exit_codes(seeded, db_path, capsys, tmp_path) -> None:
    assert _check(db_path, capsys=capsys)[0] == 0
    assert _check(db_path, "--strict", capsys=capsys)[0] == 1
    assert _check(db_path, "--strict", "--format", "csv", capsys=capsys)[0] == 1
    with pytest.raises(SystemExit) as misuse:
        main(["check", "--db", str(db_path), "--format", "xml"])
    assert misuse.value.code == 2
    clean = tmp_path / "clean.db"
    assert main(["demo", "--db", str(clean), "--districts", "2", "--cases", "10"]) == 0
    capsys.readouterr()
    code, out = _check(clean, "--strict", capsys=capsys)
    assert code == 0 and out.strip() == "Inga öppna fynd."


def test_no_personnummer_in_any_output_and_no_formula_cells(seeded, db_path, capsys) -> None:
    import csv
    import io

    db, cases = seeded
    db.execute("UPDATE population SET case_ref = '=HYPERLINK(\"x\")' WHERE case_ref = ?",
               [cases["plan_dagar_negativt"]])
    db.conn.commit()
    numbers = [row[0] for row in db.execute("SELECT personnummer FROM population")]
    outputs = [_check(db_path, "--format", fmt, "--closed", capsys=capsys)[1]
               for fmt in ("table", "csv", "json")]
    for out in outputs:
        assert "=HYPERLINK" in out
        for number in numbers:
            assert number not in out and number.replace("-", "") not in out
    rows = list(csv.reader(io.StringIO(outputs[1])))
    assert rows[0][:5] == ["case_ref", "reviewer", "rule", "question", "message"]
    refs = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(\"x\")" in refs
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_a_blank_comment_closes_nothing(seeded, db_path, capsys) -> None:
    db, cases = seeded
    assert main(["check", "--db", str(db_path), "close", cases["plan_dagar_negativt"],
                 "plan_dagar_negativt", "--comment", "  "]) == 2
    assert "--comment" in capsys.readouterr().err
    assert db.execute("SELECT count(*) FROM finding_closures").fetchone()[0] == 0


def test_a_broken_rules_file_is_one_line_for_check_and_protocol_check(demo_db, db_path,
                                                                      tmp_path, capsys) -> None:
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[1] / "review_protocols" / "boendestod_sol.toml"
    folder = tmp_path / "protokoll"
    folder.mkdir()
    (folder / "egen.toml").write_text(shipped.read_text(encoding="utf-8").replace(
        'id = "boendestod_sol"', 'id = "egen"', 1), encoding="utf-8")
    rules = folder / "egen.rules.toml"
    rules.write_text('[[rules]]\nid = "dagar"\nkind = "out_of_range"\n'
                     'question = "genomforandeplan_dagar"\nmin = 5\nmax = 1\nmessage = "m"\n',
                     encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[protocol]\npaths = ["{folder}"]\n', encoding="utf-8")
    expected = f"granska: {rules}, rule 'dagar': min (5) is greater than max (1); swap them"
    assert main(["check", "--config", str(config), "--db", str(db_path),
                 "--protocol", "egen"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [expected]
    for given in (folder / "egen.toml", rules):
        assert main(["protocol", "check", str(given)]) == 2
        assert capsys.readouterr().err.strip().splitlines() == [expected]
    rules.write_text(rules.read_text(encoding="utf-8").replace("max = 1", "max = 9"),
                     encoding="utf-8")
    assert main(["protocol", "check", str(rules)]) == 0
    assert f"{rules}: ok: 1 data-quality rules for egen" in capsys.readouterr().out
