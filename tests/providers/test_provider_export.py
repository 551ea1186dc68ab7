"""Through the CLI: a scored plan exports the Stockholm 2023 shares (§5.1) and totals."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from store import open_database
from store.reviews import save_answer, set_review_status
from tests.providers.test_providers_cli import HEADERS, org
from tui.cli import main


def test_export_gives_the_printed_shares(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "g.db"
    rows, n = [], 0
    for area, count in (("Daglig verksamhet", 34), ("Missbruk", 20)):
        for _ in range(count):
            n += 1
            rows.append(f"P{n};Utförare {n} AB;{org(f'556{n:06d}')};{area};LOV;;1,0;1;0;0")
    register = tmp_path / "reg.csv"
    register.write_text("\n".join([HEADERS, *rows]) + "\n", encoding="utf-8")
    assert main(["providers", "import", str(register), "--db", str(db_path)]) == 0
    assert main(["select", "--protocol", "avtalsuppfoljning", "--all", "--db", str(db_path)]) == 0
    assert main(["assign", "--protocol", "avtalsuppfoljning", "--balanced", "--to", "anna",
                 "--db", str(db_path)]) == 0
    with sqlite3.connect(db_path) as conn:
        reviews = conn.execute(
            "SELECT r.id, p.contract_area FROM reviews r JOIN follow_ups f ON f.id ="
            " r.follow_up_id JOIN providers p ON p.id = f.provider_id ORDER BY p.id").fetchall()
    plan = {"Daglig verksamhet": ["foljer"] * 19 + ["efter_komplettering"] * 15,
            "Missbruk": ["foljer"] * 8 + ["efter_komplettering"] * 7 + ["mindre_brister"] * 4
            + ["ej_genomford"]}
    db = open_database(db_path)
    for review_id, area in reviews:
        outcome = plan[area].pop()
        if outcome == "ej_genomford":
            save_answer(db, review_id, "utfall", outcome, who="anna")
            save_answer(db, review_id, "ej_genomford_orsak", "installt", who="anna")
        elif outcome == "foljer":  # derived from clean checks, utfall left unset
            save_answer(db, review_id, "rutin_hot_vald", "godkand", who="anna")
        elif outcome == "efter_komplettering":
            save_answer(db, review_id, "rutin_hot_vald", "saknas", who="anna")
            save_answer(db, review_id, "rutin_hot_vald_slutstatus", "godkand", who="anna")
        else:
            save_answer(db, review_id, "handledning", "brist", who="anna")
            save_answer(db, review_id, "handledning_slutstatus", "kvarstar_mindre", who="anna")
        set_review_status(db, review_id, "complete", who="anna")  # klar: it counts
    db.conn.close()
    capsys.readouterr()
    assert main(["export", "json", "--protocol", "avtalsuppfoljning", "--db", str(db_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    by_area = {row["contract_area"]: row for row in data["outcomes"]}
    dv, missbruk = by_area["Daglig verksamhet"], by_area["Missbruk"]
    assert (dv["total"], dv["percent"]["foljer"], dv["percent"]["efter_komplettering"]) == (
        34, 56, 44)
    assert missbruk["total"] == 19
    assert [missbruk["percent"][c] for c in ("foljer", "efter_komplettering",
                                             "mindre_brister")] == [42, 37, 21]
    done = {row["contract_area"]: row for row in data["planned_done"]}
    assert (done["Missbruk"]["planned"], done["Missbruk"]["done"]) == (20, 19)
    assert done["Missbruk"]["not_done"] == {"installt": 1}
    assert main(["export", "md", "--protocol", "avtalsuppfoljning", "--db", str(db_path)]) == 0
    markdown = capsys.readouterr().out
    assert "| Daglig verksamhet | 19 | 56 | 15 | 44 | 0 | 0 | 0 | 0 | 34 |" in markdown
    assert "| Totalt | 54 | 53 | 1 | 0 | 1 | 0 |" in markdown
    assert main(["export", "csv", "--protocol", "avtalsuppfoljning", "--db", str(db_path)]) == 0
    assert "Missbruk;8;42;7;37;4;21;0;0;19" in capsys.readouterr().out
    out = tmp_path / "uppfoljning.docx"
    assert main(["export", "docx", "--protocol", "avtalsuppfoljning", "--out", str(out),
                 "--db", str(db_path)]) == 0
    import docx

    document = docx.Document(str(out))
    tables = [[[cell.text for cell in row.cells] for row in table.rows]
              for table in document.tables]
    assert ["Daglig verksamhet", "19", "56", "15", "44", "0", "0", "0", "0", "34"] in [
        row for table in tables for row in table]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) == len(tables) >= 3  # outcome, planned against done, measures
