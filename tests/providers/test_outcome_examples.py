"""The derived outcome against the specification's examples (PROVIDER-REVIEW.md §3), end to
end: answers imported, measures recorded, the outcome table exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.providers.test_providers_cli import ROWS, write
from tui.cli import main


def granska(db: Path, *args: str) -> int:
    return main([*args, "--db", str(db)])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    assert granska(path, "providers", "import", str(write(tmp_path / "reg.csv", ROWS))) == 0
    assert granska(path, "select", "--protocol", "avtalsuppfoljning", "--all") == 0
    return path


def score(db: Path, tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "svar.csv"
    path.write_text("leverantör;question_id;value\n"
                    + "".join(f"{ref};{q};{v}\n" for ref, q, v in rows), encoding="utf-8")
    assert granska(db, "answers", "import", str(path)) == 0


def outcomes(db: Path, capsys) -> dict[str, dict[str, int]]:
    capsys.readouterr()
    assert granska(db, "export", "json", "--protocol", "avtalsuppfoljning") == 0
    data = json.loads(capsys.readouterr().out)
    return {row["contract_area"]: {c: n for c, n in row["counts"].items() if n}
            for row in data["outcomes"]}


def test_feedback_on_a_thin_routine_that_holds_is_foljer(db, tmp_path, capsys) -> None:
    """004: återkoppling on a "tunn" routine, yet it "bedöms dock ... hålla den kvalitet
    som krävs": godkänd with a note is no deficiency."""
    score(db, tmp_path, [("P4", "rutin_hot_vald", "godkand"),
                         ("P4", "rutin_avvikelser", "godkand"),
                         ("P4", "ledningssystem", "godkand")])
    assert outcomes(db, capsys)["HVB"] == {"foljer": 1}


def test_deficiencies_put_right_after_rattelse(db, tmp_path, capsys) -> None:
    """001: "efter kompletteringar eller begäran om rättelse åtgärdat ... och därefter
    bedömts bedriva verksamhet enligt avtal": while the rättelse is open the provider does
    not follow the contract; once it is answered and approved, it follows after komplettering."""
    score(db, tmp_path, [("P1", "rutin_lex_sarah", "saknas"),
                         ("P1", "rutin_lex_sarah_slutstatus", "godkand"),
                         ("P1", "ledningssystem", "brist"),
                         ("P1", "ledningssystem_slutstatus", "godkand")])
    assert granska(db, "measure", "add", "P1", "rattelse", "--sent", "2023-05-02",
                   "--due", "2023-06-01", "--reason", "flera omfattande brister",
                   "--decided-by", "socialnämnden") == 0
    assert outcomes(db, capsys)["Stödboende"] == {"foljer_inte": 1}
    assert granska(db, "measure", "done", "P1", "rattelse", "--date", "2023-05-28") == 0
    assert outcomes(db, capsys)["Stödboende"] == {"efter_komplettering": 1}


def test_minor_unclarities_remain(db, tmp_path, capsys) -> None:
    """001 (missbruk): "mindre otydligheter kvarstår dock"."""
    score(db, tmp_path, [("P2", "rutin_oro_barn", "brist"),
                         ("P2", "rutin_oro_barn_slutstatus", "kvarstar_mindre"),
                         ("P3", "rutin_hot_vald", "saknas"),
                         ("P3", "rutin_hot_vald_slutstatus", "kvarstar_allvarlig"),
                         ("P3", "handledning", "brist"),
                         ("P3", "handledning_slutstatus", "kvarstar_mindre")])
    assert outcomes(db, capsys)["Stödboende"] == {"mindre_brister": 1, "foljer_inte": 1}


def test_egen_regi_completed_and_a_contract_ended_during_the_follow_up(
        db, tmp_path, capsys) -> None:
    """001 KTT (egen regi): "tre verksamheter kompletterat", checked against the
    uppdragsbeskrivning; avhopp: "sa upp sitt avtal under pågående uppföljning" is left out
    of the shares and counted as not done."""
    score(db, tmp_path, [("P5", "rutin_brandskydd", "brist"),
                         ("P5", "rutin_brandskydd_slutstatus", "godkand"),
                         ("P4", "utfall", "ej_genomford"),
                         ("P4", "ej_genomford_orsak", "avtal_uppsagt")])
    table = outcomes(db, capsys)
    assert table["Korttidstillsyn"] == {"efter_komplettering": 1}
    assert table["HVB"] == {}
    capsys.readouterr()
    assert granska(db, "export", "json", "--protocol", "avtalsuppfoljning") == 0
    hvb = next(r for r in json.loads(capsys.readouterr().out)["planned_done"]
               if r["contract_area"] == "HVB")
    assert (hvb["planned"], hvb["done"], hvb["not_done"]) == (1, 0, {"avtal_uppsagt": 1})


def test_a_deficiency_without_its_final_state_is_not_yet_an_outcome(
        db, tmp_path, capsys) -> None:
    score(db, tmp_path, [("P4", "rutin_hot_vald", "brist")])
    assert outcomes(db, capsys)["HVB"] == {}
