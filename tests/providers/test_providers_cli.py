"""Provider follow-up through the CLI: register import, plan, assignment, measures ladder."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review_protocols import load_builtin
from review_protocols.avtalsuppfoljning.ladder import KINDS, Ladder, LadderError, add, allowed, done
from review_protocols.conditions import applicable
from review_protocols.loader import builtin_path
from samples.provider_register import luhn_ok, parse_mkr, parse_org_number
from samples.provider_selection import Candidate, Rule, select
from tui.cli import main

HEADERS = "leverantör;namn;organisationsnummer;avtalsområde;regim;dnr;inköpsvärde_mkr;" \
          "placeringar;klagomål;avvikelser"


def org(prefix: str) -> str:
    """A nine-digit prefix completed with its Luhn check digit, as 556677-889X."""
    for digit in "0123456789":
        if luhn_ok(prefix + digit):
            return f"{prefix[:6]}-{prefix[6:]}{digit}"
    raise AssertionError


ROWS = [
    f"P1;Vibor Stödboende AB;{org('556677889')};Stödboende;LOU;SCN-2019-0437;5,1;30;0;0",
    f"P2;Utslussen Vård AB;{org('556100200')};Stödboende;LOU;;4,9;10;2;0",
    f"P3;Allviken Vård AB;{org('556100300')};Stödboende;LOU;;2,0;5;0;1",
    f"P4;Ramnäs HVB;{org('556100400')};HVB;LOV;;2,7;7;0;0",
    f"P5;Korttidstillsynen;{org('212000010')};Korttidstillsyn;egen regi;;;;;",
]


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADERS, *rows]) + "\n", encoding="utf-8")
    return path


def granska(db: Path, *args: str) -> int:
    return main([*args, "--db", str(db)])


def test_import_versions_and_same_file(tmp_path: Path, capsys) -> None:
    db = tmp_path / "g.db"
    register = write(tmp_path / "reg.csv", ROWS)
    assert granska(db, "providers", "import", str(register)) == 0
    assert granska(db, "providers", "import", str(register)) == 0
    assert "nothing to do" in capsys.readouterr().out
    write(register, [*ROWS, f"P6;Nytt AB;{org('556100600')};HVB;LOV;;1,0;1;0;0"])
    assert granska(db, "providers", "import", str(register)) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM provider_registers").fetchone()[0] == 2
        value, org_number = conn.execute(
            "SELECT purchase_value_mkr, org_number FROM providers WHERE provider_ref = 'P1'"
            " ORDER BY id DESC").fetchone()
    assert value == 5.1 and org_number == org("556677889")


def test_bad_register_refused_whole(tmp_path: Path, capsys) -> None:
    db = tmp_path / "g.db"
    bad = [
        "P1;A AB;5566778890;Stödboende;LOU;;5,1;3;0;0",  # wrong check digit
        f"P2;B AB;{org('556100200')};Stödboende;köp;;x;-1;0;0",
        f"P2;C AB;{org('556100300')};Stödboende;LOV;;1;1;0;0",  # duplicate reference
        *[f"Q{n};D AB;12345;HVB;LOV;;;;;" for n in range(25)],
    ]
    assert granska(db, "providers", "import", str(write(tmp_path / "bad.csv", bad))) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 21
    assert lines[0].startswith(f"{tmp_path / 'bad.csv'}:2: the organisationsnummer is not")
    assert "5566778890" not in lines[0]
    assert "regim 'köp'" in lines[1] and "inköpsvärde_mkr 'x'" in lines[1]
    assert "placeringar '-1'" in lines[1]
    assert "also on line 3" in lines[2]
    assert "28 rows with problems in all (the first 20 shown); nothing was imported" in lines[-1]
    assert "skip-invalid" not in lines[-1]
    assert not db.exists()


def test_select_sample_assign(tmp_path: Path, capsys) -> None:
    db = tmp_path / "g.db"
    granska(db, "providers", "import", str(write(tmp_path / "reg.csv", ROWS)))
    assert granska(db, "select", "--protocol", "avtalsuppfoljning", "--area", "Stödboende",
                   "--top-value", "1", "--flagged", "--random", "1", "--seed", "7") == 0
    capsys.readouterr()
    assert granska(db, "sample", "--protocol", "avtalsuppfoljning", "--format", "csv") == 0
    out = capsys.readouterr().out.splitlines()
    reasons = {row["provider_ref"]: row["reasons"] for row in csv.DictReader(out)}
    assert reasons["P1"].startswith("inkopsvarde") and "klagomal" in reasons["P2"]
    assert "notiser_avvikelser" in reasons["P3"]
    assert sum("slumpvis" in r for r in reasons.values()) == 1
    assert granska(db, "assign", "--protocol", "avtalsuppfoljning", "--balanced",
                   "--to", "anna", "bertil") == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT unit_kind, reviewer, population_id FROM reviews").fetchall()
    assert len(rows) == 3 and {r[0] for r in rows} == {"provider"}
    assert {r[1] for r in rows} == {"anna", "bertil"} and all(r[2] is None for r in rows)


def test_unknown_area_one_line(tmp_path: Path, capsys) -> None:
    db = tmp_path / "g.db"
    granska(db, "providers", "import", str(write(tmp_path / "reg.csv", ROWS)))
    assert granska(db, "select", "--protocol", "avtalsuppfoljning", "--area", "Okänt",
                   "--all") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HVB, Korttidstillsyn, Stödboende" in err


def test_measures_ladder_cli(tmp_path: Path, capsys) -> None:
    db = tmp_path / "g.db"
    granska(db, "providers", "import", str(write(tmp_path / "reg.csv", ROWS)))
    assert granska(db, "measure", "add", "P1", "vite", "--reason", "x") == 2
    assert "vite is not allowed now" in capsys.readouterr().err
    assert granska(db, "measure", "add", "P1", "komplettering", "--sent", "2024-01-02",
                   "--due", "2024-01-31", "--reason", "rutin hot och våld saknas") == 0
    assert granska(db, "measure", "add", "P1", "rattelse", "--sent", "2024-02-01", "--due",
                   "2024-03-01", "--reason", "otillräcklig", "--decided-by",
                   "socialnämnden") == 0
    assert granska(db, "measure", "add", "P1", "vite", "--reason", "ej åtgärdat") == 0
    assert granska(db, "measure", "add", "P1", "uteslutning", "--reason", "IVO") == 0
    assert granska(db, "measure", "add", "P1", "havning", "--reason", "hävt") == 0
    assert granska(db, "measure", "add", "P1", "uteslutning", "--reason", "x") == 2
    assert "contract has ended" in capsys.readouterr().err
    assert granska(db, "measure", "add", "P5", "komplettering", "--reason", "x") == 2
    assert "egen regi" in capsys.readouterr().err
    capsys.readouterr()
    assert granska(db, "measure", "list", "--overdue") == 0
    out = capsys.readouterr().out
    assert "P1\trattelse" not in out  # superseded by vite
    with sqlite3.connect(db) as conn:
        audit = conn.execute("SELECT new_value FROM audit_log WHERE action = 'measure.add'"
                             ).fetchall()
    assert len(audit) == 5 and "decided by socialnämnden" in audit[1][0]
    with sqlite3.connect(db) as conn:
        still_open = conn.execute("SELECT kind FROM measures WHERE closed_as IS NULL").fetchall()
    assert still_open == [("havning",)]  # the contract ended: the rest closed with it


def test_protocol_fixed_ids_and_regime_applicability(capsys) -> None:
    protocol = load_builtin("avtalsuppfoljning")
    utfall = protocol.question("utfall")
    assert [o.code for o in utfall.options] == [
        "foljer", "efter_komplettering", "mindre_brister", "foljer_inte", "ej_genomford"]
    assert [o.code for o in protocol.question("ej_genomford_orsak").options] == [
        "avtal_uppsagt", "installt", "annat"]
    for qid in ("rutin_hot_vald", "rutin_avvikelser", "rutin_lex_sarah", "rutin_oro_barn",
                "rutin_dokumentation", "rutin_brandskydd", "ledningssystem",
                "personal_kompetens", "handledning", "f_skatt", "arbetsgivaravgifter",
                "skatteskulder", "kreditupplysning"):
        assert protocol.has_question(qid), qid
    own = applicable(protocol, {}, {"regime": "egen regi", "contract_area": "KTT"})
    lov = applicable(protocol, {}, {"regime": "LOV", "contract_area": "Daglig verksamhet"})
    assert not own["f_skatt"] and lov["f_skatt"]
    assert lov["rutin_skyddsatgarder"] and not own["rutin_skyddsatgarder"]
    assert not applicable(protocol, {"utfall": "ej_genomford"}, {"regime": "LOV"})[
        "rutin_hot_vald"]
    assert main(["protocol", "check", str(builtin_path("avtalsuppfoljning"))]) == 0


def test_parsers() -> None:
    assert parse_org_number("5566778899") is None or luhn_ok("5566778899")
    assert parse_org_number(org("556677889").replace("-", "")) == org("556677889")
    assert parse_org_number("556677-889") is None and parse_org_number("") is None
    assert parse_mkr("2,7") == 2.7 and parse_mkr("1 234,5") == 1234.5
    assert parse_mkr("-1") is None and parse_mkr("abc") is None


@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.integers(0, 9)), max_size=30),
       st.integers(0, 1000))
def test_random_selection_reproducible_and_order_free(rows, seed) -> None:
    candidates = [Candidate(f"P{i}", area, float(v), 0, 0) for i, (area, v) in enumerate(rows)]
    rule = Rule(random=2, seed=seed, top_value=1)
    first = select(candidates, rule)
    assert first == select(list(reversed(candidates)), rule)
    for area in ("a", "b"):
        in_area = [s for s in first if s.contract_area == area]
        assert sum("slumpvis" in s.reasons for s in in_area) == min(
            2, sum(c.contract_area == area for c in candidates))


@given(st.lists(st.tuples(st.sampled_from(["add", "done"]), st.sampled_from(KINDS)),
                max_size=25), st.sampled_from(["LOV", "LOU", "egen regi"]))
def test_ladder_invariants(steps, regime) -> None:
    ladder = Ladder()
    for action, kind in steps:
        before = ladder
        try:
            ladder = add(ladder, kind, regime) if action == "add" else done(ladder, kind)
        except LadderError:
            assert ladder == before
            if action == "add":
                assert kind not in allowed(before, regime)
            continue
        if action == "add":
            assert kind in allowed(before, regime)
            assert before.ended is None and regime != "egen regi"
            if kind == "vite":
                assert before.stage == "rattelse"
            if kind == "havning":
                assert before.stage == "vite"
            if kind == "aterinsatt":
                assert before.excluded
        if before.ended:
            assert ladder == before  # nothing moves after hävning or uppsägning


@pytest.mark.parametrize("kind", ["havning", "uppsagning"])
def test_nothing_after_the_end(kind) -> None:
    ladder = add(add(add(Ladder(), "rattelse", "LOU"), "vite", "LOU"), kind, "LOU")
    assert allowed(ladder, "LOU") == ()
