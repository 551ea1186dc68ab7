"""A supervisor's round: import, draw, replace a case, draw again with the same seed."""

from __future__ import annotations

import json
from pathlib import Path

from jobs.sampling import draw_sample, import_frame, replace_case
from store import open_database
from store.audit import history
from store.reviews import answers_for, ensure_review, list_reviews, save_answer
from store.samples import members, samples
from tests.samples.conftest import SV_HEADERS, frame_rows, write_csv
from tui.cli import main


def two_districts(tmp_path: Path) -> list[Path]:
    paths = []
    for district, prefix in (("Södermalm", "SÖ"), ("Skarpnäck", "SK")):
        path = tmp_path / f"{prefix}.csv"
        write_csv(path, SV_HEADERS, frame_rows(40, district=district, prefix=prefix))
        paths.append(path)
    return paths


def selected_refs(db, sample_id: int) -> list[str]:
    return sorted(m["case_ref"] for m in members(db, sample_id)
                  if m["role"] in ("selected", "replacement"))


def test_draw_from_one_frame_per_district(tmp_path: Path, db_path: Path, capsys) -> None:
    for path in two_districts(tmp_path):
        assert main(["frame", "import", str(path), "--db", str(db_path)]) == 0
    assert main(["draw", "--db", str(db_path), "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "from SÖ (40 rows), SK (40 rows)" in out
    assert "Södermalm" in out and "10/10 of 20" in out
    assert "Hässelby-Vällingby" in out and "short: Hässelby-Vällingby" in out
    db = open_database(db_path)
    first = samples(db)[-1]
    spec = json.loads(first["spec"])
    assert spec["quotas"]["Södermalm"] == {"K": 10, "M": 10}
    assert [f["name"] for f in spec["frames"]] == ["SÖ", "SK"]
    assert main(["draw", "--db", str(db_path), "--seed", "7"]) == 0
    second = samples(db)[-1]
    assert selected_refs(db, first["id"]) == selected_refs(db, second["id"])
    assert len(selected_refs(db, first["id"])) == 40
    assert main(["draw", "--db", str(db_path), "--seed", "8"]) == 0
    assert selected_refs(db, samples(db)[-1]["id"]) != selected_refs(db, first["id"])


def test_per_district_flag_and_leave_short(tmp_path: Path, db, config) -> None:
    path = tmp_path / "sö.csv"
    write_csv(path, SV_HEADERS, frame_rows(40))
    import_frame(db, path, config)
    drawn = draw_sample(db, config, seed=1, per_district=6, shortfall="leave_short")
    refs = [m for m in drawn.result.selected if m.district == "Södermalm"]
    assert len(refs) == 6 and {m.gender for m in refs} == {"K", "M"}
    outcome = json.loads(samples(db)[-1]["outcome"])
    short = [s for s in outcome["shortfalls"] if s["district"] == "Skarpnäck"]
    assert [(s["gender"], s["left_short"]) for s in short] == [("K", 3), ("M", 3)]


def test_replacement_goes_to_the_same_reviewer_and_keeps_old_answers(
        tmp_path: Path, db, config, protocol) -> None:
    path = tmp_path / "sö.csv"
    write_csv(path, SV_HEADERS, frame_rows(40))
    import_frame(db, path, config)
    drawn = draw_sample(db, config, seed=3)
    victim = next(m for m in drawn.result.selected if m.gender == "M")
    review_id = ensure_review(db, victim.population_id, "anna", protocol.id, protocol.version,
                              sample_id=drawn.sample_id)
    save_answer(db, review_id, "dur_aktuell", "ja", who="anna")
    done = replace_case(db, drawn.sample_id, victim.case_ref, "fel insats", who="sara")
    reserve = min((m for m in drawn.result.members
                   if m.role == "reserve" and m.gender == "M" and m.district == "Södermalm"),
                  key=lambda m: m.rank)
    assert done.replacement["case_ref"] == reserve.case_ref
    assert done.reviewers == ["anna"]
    by_ref = {m["case_ref"]: m for m in members(db, drawn.sample_id)}
    assert by_ref[victim.case_ref]["role"] == "excluded"
    assert by_ref[victim.case_ref]["reason"] == "fel insats"
    assert by_ref[reserve.case_ref]["role"] == "replacement"
    assert by_ref[reserve.case_ref]["replaces"] == by_ref[victim.case_ref]["id"]
    assert {r["case_ref"] for r in list_reviews(db, reviewer="anna")} == {victim.case_ref,
                                                                          reserve.case_ref}
    assert answers_for(db, review_id)["dur_aktuell"].value == "ja"
    actions = [(h["action"], h["who"]) for h in history(db, "sample_member")]
    assert actions == [("sample.exclude", "sara"), ("sample.replace", "sara")]
    again = draw_sample(db, config, seed=3)
    assert sorted(m.case_ref for m in again.result.selected) == sorted(
        m.case_ref for m in drawn.result.selected)


def test_replace_cli_when_reserves_run_out(tmp_path: Path, db_path: Path, capsys) -> None:
    path = tmp_path / "sö.csv"
    write_csv(path, SV_HEADERS, frame_rows(4))
    main(["frame", "import", str(path), "--db", str(db_path)])
    main(["draw", "--db", str(db_path), "--per-district", "2", "--reserves", "0",
          "--shortfall", "leave_short"])
    capsys.readouterr()
    db = open_database(db_path)
    ref = next(m["case_ref"] for m in members(db, samples(db)[-1]["id"])
               if m["role"] == "selected" and m["gender"] == "K")
    assert main(["sample", "replace", ref, "--reason", "beslut 2021", "--db", str(db_path)]) == 0
    assert "no reserve left in Södermalm / K" in capsys.readouterr().out
    assert main(["sample", "replace", ref, "--reason", "igen", "--db", str(db_path)]) == 2
    assert "excluded already" in capsys.readouterr().err
    assert main(["sample", "--db", str(db_path), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "case_ref,district,gender,role,rank,status,reason"
    assert f"{ref},Södermalm,K,excluded,1,,beslut 2021" in out or any(
        line.startswith(f"{ref},Södermalm,K,excluded") for line in out)


def test_draw_without_frames_says_what_to_do(db, db_path: Path, capsys) -> None:
    assert main(["draw", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["granska: no population frame imported yet; run: granska frame import FILE"]


def test_demo_frame_is_realistic_and_reproducible(db) -> None:
    from collections import Counter

    from jobs.config import Config
    from jobs.demo import create_demo
    from store.frames import latest_frames, population

    create_demo(db, Config(), seed=4, districts=2, cases=200)
    frame = latest_frames(db, "demo")[0]
    rows = population(db, frame["id"])
    share = Counter(r["gender"] for r in rows)["K"] / len(rows)
    assert 0.45 < share < 0.57
    assert any(r["insats"] != "boendestöd" for r in rows)
    assert any(not r["decision_date"].startswith("2022") for r in rows)
    assert any(int(r["decision_date"][:4]) - int(r["birth_date"][:4]) < 18 for r in rows)
    sample = samples(db)[-1]
    assert len(selected_refs(db, sample["id"])) == 40
    assert len(list_reviews(db)) == 40
    other = open_database(db.path + "2")
    create_demo(other, Config(), seed=4, districts=2, cases=200)
    assert selected_refs(other, samples(other)[-1]["id"]) == selected_refs(db, sample["id"])


def test_stored_draw_equals_the_pure_draw_on_the_whole_frame(tmp_path: Path, db, config) -> None:
    from samples.draw import draw
    from store.frames import population

    rows = frame_rows(60)
    for number, row in enumerate(rows):
        if number % 7 == 0:
            row[5] = "ledsagning"
        if number % 5 == 0:
            row[6] = "2023-01-02"
    path = tmp_path / "sö.csv"
    write_csv(path, SV_HEADERS, rows)
    result = import_frame(db, path, config)
    drawn = draw_sample(db, config, seed=11)
    pure = draw(population(db, result.frame_id), drawn.spec, seed=11)
    assert drawn.result.members == pure.members
    assert drawn.result.outcome == pure.outcome


def test_a_case_in_two_frames_is_refused_and_frames_can_be_named(tmp_path: Path, db_path: Path,
                                                                 capsys) -> None:
    one, two = tmp_path / "sö.csv", tmp_path / "alla.csv"
    write_csv(one, SV_HEADERS, frame_rows(10))
    write_csv(two, SV_HEADERS, frame_rows(12))
    main(["frame", "import", str(one), "--db", str(db_path)])
    main(["frame", "import", str(two), "--db", str(db_path)])
    capsys.readouterr()
    assert main(["draw", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["granska: case A-1 (Södermalm) is in frames 'sö' and 'alla'; choose the "
                   "frames to draw from with --frame NAME"]
    assert main(["draw", "--db", str(db_path), "--frame", "alla"]) == 0
    assert "from alla (12 rows)" in capsys.readouterr().out
    assert main(["frame", "list", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[1].startswith("* sö ") and listing[2].startswith("* alla ")
