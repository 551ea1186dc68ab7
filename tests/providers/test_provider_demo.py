"""granska demo --kind avtalsuppfoljning: a Faker register that passes the register's own
checks, a plan, a third of its follow-ups already scored, the same for the same seed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from samples.provider_register import parse_org_number
from tui.cli import main


def demo(db: Path, *args: str) -> int:
    try:
        return main(["demo", "--kind", "avtalsuppfoljning", "--db", str(db), *args])
    except SystemExit as exit_:
        return int(exit_.code or 0)


def contents(db: Path) -> tuple[list, list]:
    with sqlite3.connect(db) as conn:
        providers = conn.execute("SELECT provider_ref, name, org_number, contract_area, regime,"
                                 " purchase_value_mkr FROM providers ORDER BY id").fetchall()
        answers = conn.execute(
            "SELECT p.provider_ref, a.question_id, a.value FROM answers a"
            " JOIN reviews r ON r.id = a.review_id JOIN follow_ups f ON f.id = r.follow_up_id"
            " JOIN providers p ON p.id = f.provider_id ORDER BY 1, 2").fetchall()
    return providers, answers


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    assert demo(db, "--seed", "3") == 0
    return db


def test_the_register_passes_its_own_checks(made: Path) -> None:
    providers, _ = contents(made)
    assert len(providers) == 60  # ten per contract area
    assert all(parse_org_number(org) == org for _, _, org, *_ in providers)
    regimes = {area: regime for _, _, _, area, regime, _ in providers}
    assert regimes["Korttidstillsyn"] == "egen regi" and regimes["Daglig verksamhet"] == "LOV"
    assert all(value is not None for *_, value in providers)


def test_a_third_scored_the_rest_given_to_the_user(made: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["sample", "--protocol", "avtalsuppfoljning", "--format", "json",
                 "--db", str(made)]) == 0
    plan = json.loads(capsys.readouterr().out)
    rows = plan["follow_ups"]
    scored = [r for r in rows if r["status"] == "complete"]
    assert {r["reviewer"] for r in scored} == {"demo.kollega"}
    assert len(scored) == (len(rows) + 2) // 3
    assert all(r["reviewer"] and r["reviewer"] != "demo.kollega"
               for r in rows if r not in scored)
    assert plan["seed"] == 3 and all(r["reasons"] for r in rows)
    capsys.readouterr()
    assert main(["export", "json", "--protocol", "avtalsuppfoljning", "--db", str(made)]) == 0
    data = json.loads(capsys.readouterr().out)
    carried_out = sum(a["total"] for a in data["outcomes"])
    not_done = sum(sum(r["not_done"].values()) for r in data["planned_done"])
    assert carried_out + not_done == len(scored)  # every scored follow-up has an outcome
    assert sum(r["pending"] for r in data["planned_done"]) == len(rows) - len(scored)


def test_the_same_seed_gives_the_same_demo(made: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    assert demo(again, "--seed", "3") == 0
    assert contents(again) == contents(made)
    other = tmp_path / "other.db"
    assert demo(other, "--seed", "4") == 0
    assert contents(other)[0] != contents(made)[0]


def test_case_demo_options_are_refused_for_a_provider_demo(tmp_path: Path, capsys) -> None:
    assert demo(tmp_path / "x.db", "--reviewed") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--reviewed" in err[0]
    assert not (tmp_path / "x.db").exists()
    assert main(["demo", "--kind", "nope", "--db", str(tmp_path / "y.db")]) == 2
    assert "no protocol named 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "y.db").exists()
