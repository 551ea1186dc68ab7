"""Review rounds: `granska round create` and two rounds side by side (`--rounds A,B`).

The report's 80 cases are the first round; the follow-up round reviews the same cases
again, and in it Skarpnäck's missing DUR investigations (12 of 20) have been made.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from review_protocols import load_builtin
from tallies.crosstab import CaseAnswers
from tui.cli import main

pytest.importorskip("scipy")

PROTOCOL = load_builtin("boendestod_sol")
ROUNDS = "Omgång 1,Uppföljning"


def granska(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def answer_again(db, cases: list[CaseAnswers], *, reviewer: str = "anna") -> None:
    """The cases' answers stored in the round worked on, complete."""
    from review_protocols.values import encode
    from store.frames import population
    from store.reports import ImportedAnswer, import_answers

    ids = {p["case_ref"]: p["id"] for p in population(db, 1)}
    items = [ImportedAnswer(ids[c.case_ref], 1, reviewer, q, encode(PROTOCOL.question(q), v))
             for c in cases for q, v in c.answers.items()]
    import_answers(db, items, protocol_id=PROTOCOL.id, protocol_version=PROTOCOL.version,
                   source="follow-up")


def dur_made(cases: list[CaseAnswers], district: str) -> list[CaseAnswers]:
    """The cases with every DUR of ``district`` made (and so its interests answered)."""
    made = []
    for case in cases:
        if case.district == district and case.answers["dur_aktuell"] == "nej":
            case = replace(case, answers={**case.answers, "dur_aktuell": "ja",
                                          "intressen_resurser_onskemal": "framgar"})
        made.append(case)
    return made


@pytest.fixture
def two_rounds(report_db, report_cases, db_path):
    assert granska(db_path, "round", "create", "--name", "Uppföljning") == 0
    answer_again(report_db, dur_made(report_cases, "Skarpnäck"))
    return report_db


def side_by_side(db_path: Path, tmp_path: Path, fmt: str, *args: str) -> Path:
    out = tmp_path / f"rounds-{fmt}-{len(args)}"
    assert granska(db_path, "export", fmt, "--rounds", ROUNDS, "--out", str(out), *args) == 0
    return out


def test_a_new_round_gives_the_same_reviewers_the_same_cases_empty(report_db, db_path,
                                                                   capsys) -> None:
    from store.rounds import rounds

    before = report_db.execute("SELECT count(*) FROM answers").fetchone()[0]
    assert granska(db_path, "round", "create", "--name", "Uppföljning") == 0
    assert "'Omgång 1'" in capsys.readouterr().out  # the earlier reviews became a round
    first, second = rounds(report_db)
    assert (first["name"], first["reviews"], first["done"]) == ("Omgång 1", 80, 80)
    assert (second["name"], second["reviews"], second["done"]) == ("Uppföljning", 80, 0)
    fresh = report_db.execute(
        "SELECT reviewer, status, (SELECT count(*) FROM answers a WHERE a.review_id = r.id)"
        " FROM reviews r WHERE round_id = ?", [second["id"]]).fetchall()
    assert set(fresh) == {("anna", "not_started", 0)}  # nothing copied in
    assert report_db.execute("SELECT count(*) FROM answers").fetchone()[0] == before
    audited = report_db.execute("SELECT new_value FROM audit_log WHERE action = 'round.create'"
                                " ORDER BY id").fetchall()
    assert audited == [("Omgång 1",), ("Uppföljning",)]
    # The sample and its assignments are the new round's: to do, with the same reviewer.
    from store.assignments import loads, sampled_cases
    from store.samples import members

    assert {m["review_status"] for m in members(report_db, 1)} == {"not_started"}
    assert {c["primary_reviewer"] for c in sampled_cases(report_db, 1)} == {"anna"}
    assert loads(report_db, 1) == {"anna": 80}


def test_the_app_works_on_the_new_round(two_rounds, db_path, tmp_path) -> None:
    from store.reviews import count_reviews, list_reviews

    assert count_reviews(two_rounds) == 80  # not 160: the first round is for comparing
    assert {r["status"] for r in list_reviews(two_rounds, limit=500)} == {"complete"}
    out = tmp_path / "now.json"
    assert granska(db_path, "export", "json", "--out", str(out)) == 0
    tables = json.loads(out.read_text(encoding="utf-8"))
    dur = next(t for t in tables["tables"] if t["question_id"] == "dur_aktuell"
               and t["view"] == "district")
    ja = next(r for r in dur["rows"] if r["code"] == "ja")
    assert ja["counts"][dur["columns"].index("Skarpnäck")] == 20  # the follow-up's answers


def expected_p_values(question_id: str, pairs: dict[str, tuple[int, int, int, int]]
                      ) -> dict[str, tuple[float, float]]:
    """scipy's Fisher exact test per district, Holm over the tests that can vary."""
    from scipy.stats import fisher_exact

    from tallies.equality import holm

    raw = {d: float(fisher_exact([[b, nb - b], [a, na - a]]).pvalue)
           for d, (a, na, b, nb) in pairs.items()}
    family = [d for d, (a, na, b, nb) in pairs.items() if 0 < a + b < na + nb]
    adjusted = dict(zip(family, holm([raw[d] for d in family]), strict=True))
    return {d: (raw[d], adjusted.get(d, 1.0)) for d in pairs}


def test_the_rounds_side_by_side_with_the_change_and_exact_p_values(two_rounds, db_path,
                                                                    tmp_path) -> None:
    rows = json.loads(side_by_side(db_path, tmp_path, "equality").read_text(encoding="utf-8"))
    dur = {r["district"]: r for r in rows
           if r["question_id"] == "dur_aktuell" and r["option"] == "ja"}
    sk = dur["Skarpnäck"]
    assert (sk["round_a"], sk["count_a"], sk["n_a"]) == ("Omgång 1", 8, 20)
    assert (sk["round_b"], sk["count_b"], sk["n_b"]) == ("Uppföljning", 20, 20)
    assert sk["change_pp"] == pytest.approx(60.0)
    counts = {d: (r["count_a"], r["n_a"], r["count_b"], r["n_b"]) for d, r in dur.items()}
    assert counts[""] == (57, 80, 69, 80)  # the whole sample
    for district, (p, adjusted) in expected_p_values("dur_aktuell", counts).items():
        assert dur[district]["p"] == pytest.approx(p, rel=1e-12)
        assert dur[district]["p_adjusted"] == pytest.approx(adjusted, rel=1e-12)
    assert sk["flagged"] and not dur["Södermalm"]["flagged"]
    # ja/nej: the second answer's test is the first's
    nej = next(r for r in rows if r["question_id"] == "dur_aktuell" and r["option"] == "nej"
               and r["district"] == "Skarpnäck")
    assert (nej["count_a"], nej["count_b"], nej["p"]) == (12, 0, sk["p"])


def test_markdown_names_the_change_beyond_chance(two_rounds, db_path, tmp_path) -> None:
    text = side_by_side(db_path, tmp_path, "md").read_text(encoding="utf-8")
    assert "# Omgångar jämförda: Omgång 1 och Uppföljning" in text
    findings = text.split("## Förändringar större än slumpen")[1].split("\n## ")[0]
    assert "Aktuell DUR-utredning, Finns, Skarpnäck: 8 / 20 (40 %) blev 20 / 20 (100 %)" \
        in findings
    assert "Hägersten" not in findings  # nothing changed there
    assert "| Finns | Skarpnäck | 8 / 20 (40 %) | 20 / 20 (100 %) | +60 procentenheter |" \
        in text


def test_csv_for_excel_has_both_rounds_per_district_and_question(two_rounds, db_path,
                                                                 tmp_path) -> None:
    text = side_by_side(db_path, tmp_path, "csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    header, *rows = csv.reader(io.StringIO(text[1:]), delimiter=";")
    assert header[:6] == ["Fråga", "Svar", "Stadsdel", "Omgång 1: antal",
                          "Omgång 1: besvarade", "Omgång 1: andel"]
    sk = next(r for r in rows if r[:3] == ["Aktuell DUR-utredning", "Finns", "Skarpnäck"])
    assert sk[3:10] == ["8", "20", "0,400", "20", "20", "1,000", "60,0"]
    assert sk[-1] == "ja"


def test_the_document_reads_back_with_a_table_per_question(two_rounds, db_path,
                                                           tmp_path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document(str(side_by_side(db_path, tmp_path, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading",
                                                                                "Title"))]
    assert headings[:3] == ["Omgångar jämförda: Omgång 1 och Uppföljning",
                            "Förändringar större än slumpen", "Aktuell DUR-utredning"]
    table = document.tables[1]  # the findings first, then the questions
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Svar", "Stadsdel", "Omgång 1", "Uppföljning", "Förändring",
                        "p (justerat)"]
    sk = next(r for r in cells if r[1] == "Skarpnäck")
    assert sk[:5] == ["Finns", "Skarpnäck", "8 / 20 (40 %)", "20 / 20 (100 %)",
                      "+60 procentenheter"]


def test_published_side_by_side_hides_small_sensitive_counts(two_rounds, db_path,
                                                             tmp_path) -> None:
    from tallies.rounds import WHOLE
    from tallies.suppression import determined

    full = json.loads(side_by_side(db_path, tmp_path, "equality").read_text(encoding="utf-8"))
    shown = json.loads(side_by_side(db_path, tmp_path, "equality", "--publish")
                       .read_text(encoding="utf-8"))
    sensitive = {q.id: q for q in PROTOCOL.questions if q.sensitive and q.is_choice}
    small = [r for r in full if r["question_id"] in sensitive
             and any(r[c] in (1, 2) for c in ("count_a", "count_b"))]
    assert small  # the violence and children figures
    for row in shown:
        if row["question_id"] in sensitive:
            assert not any(row[c] in (1, 2) for c in ("count_a", "n_a", "count_b", "n_b"))
        else:  # the rest as they were
            assert row == full[shown.index(row)]
    hidden = [r for r in shown if "<3" in (r["count_a"], r["count_b"])]
    assert hidden and all(r["p"] is None and r["share_b"] is None for r in hidden
                          if r["count_b"] == "<3")
    # No hidden count of either round's table can be worked out from what is shown.
    for question_id, question in sensitive.items():
        for side in ("a", "b"):
            mine = [r for r in shown if r["question_id"] == question_id]
            cells = {(r["district"], r["option"]): r[f"count_{side}"] for r in mine}
            cells.update({(r["district"], "n"): r[f"n_{side}"] for r in mine})
            districts = sorted({r["district"] for r in mine} - {WHOLE})
            options = sorted({r["option"] for r in mine})
            sums = [((WHOLE, o), tuple((d, o) for d in districts)) for o in (*options, "n")]
            if question.type.value == "single":
                sums += [((d, "n"), tuple((d, o) for o in options)) for d in (WHOLE, *districts)]
            secret = [c for c, v in cells.items() if isinstance(v, str)]
            assert determined(secret, sums, {c: i for i, c in enumerate(cells)}) == []
    text = side_by_side(db_path, tmp_path, "md", "--publish").read_text(encoding="utf-8")
    assert "Små tal är dolda i de känsliga frågorna" in text


BAD_INPUT = [  # (args, in Swedish, in English)
    (("round", "create", "--name", "Omgång 1"), "'Omgång 1' finns redan", "exists already"),
    (("round", "create", "--name", "X", "--from-sample", "99"), "inget urval 99",
     "no sample 99"),
    (("round", "create"), "behöver --name", "needs --name"),
    (("round", "create", "--name", "   "), "--name är tomt", "--name is blank"),
    (("round", "create", "--name", "A,B"), "inte innehålla kommatecken", "no commas"),
    (("export", "md", "--rounds", "Omgång 1,Okänd"), "ingen omgång 'Okänd'",
     "no round 'Okänd'"),
    (("export", "csv", "--rounds", "Omgång 1"), "ange två olika omgångar",
     "name two different rounds"),
    (("export", "csv", "--rounds", "Uppföljning,Uppföljning"), "ange två olika omgångar",
     "name two different rounds"),
    (("export", "csv", "--rounds", "1,Omgång 1"), "två gånger", "twice"),
    (("export", "xlsx", "--rounds", ROUNDS), "--rounds gäller export csv, md, docx",
     "--rounds applies to export csv, md, docx"),
]


@pytest.mark.parametrize("args, swedish, english", BAD_INPUT)
def test_bad_round_input_is_one_line_and_writes_nothing(two_rounds, db_path, tmp_path, capsys,
                                                        monkeypatch, args, swedish,
                                                        english) -> None:
    from jobs import i18n

    monkeypatch.setattr(i18n, "_language", i18n.language())  # restored afterwards
    config = tmp_path / "en.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    before = two_rounds.execute("SELECT count(*) FROM rounds").fetchone()[0]
    out = tmp_path / "never"
    extra = ("--out", str(out)) if args[0] == "export" else ()
    for language, message in (((), swedish), (("--config", str(config)), english)):
        assert granska(db_path, *language, *args, *extra) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert not out.exists()
    assert two_rounds.execute("SELECT count(*) FROM rounds").fetchone()[0] == before


def test_a_round_is_not_made_over_unfinished_reviews_without_force(two_rounds, db_path,
                                                                  capsys) -> None:
    """The new round would move them out of view: refused, saying how many and how to
    go on; --force makes it."""
    from store.rounds import rounds

    two_rounds.execute("UPDATE reviews SET status = 'in_progress' WHERE id IN (SELECT id"
                       " FROM reviews WHERE round_id = 2 ORDER BY id LIMIT 3)")
    two_rounds.conn.commit()
    reviews = two_rounds.execute("SELECT count(*) FROM reviews").fetchone()[0]
    capsys.readouterr()
    assert granska(db_path, "round", "create", "--name", "Våren") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "3 granskningar av urval 1" in err and "--force" in err
    assert [r["name"] for r in rounds(two_rounds)] == ["Omgång 1", "Uppföljning"]
    assert two_rounds.execute("SELECT count(*) FROM reviews").fetchone()[0] == reviews
    assert granska(db_path, "round", "create", "--name", "Våren", "--force") == 0
    assert [r["name"] for r in rounds(two_rounds)] == ["Omgång 1", "Uppföljning", "Våren"]


def test_an_earlier_rounds_review_is_never_changed(two_rounds) -> None:
    """Whatever writes (an answer, a note, evidence, a status, an approval, a return), a
    review of an earlier round is refused in one line, and stays as it was: an approved
    one is not made complete again by a stray answer."""
    from store import StoreError
    from store.evidence import Evidence, save_evidence
    from store.review_states import approve, return_review
    from store.reviews import answers_for, save_answer, save_note, set_review_status
    from store.users import grant_role

    grant_role(two_rounds, "anna", "supervisor", who="test")
    approved, complete = (row[0] for row in two_rounds.execute(
        "SELECT id FROM reviews WHERE round_id = 1 ORDER BY id LIMIT 2"))
    two_rounds.execute("UPDATE reviews SET status = 'approved' WHERE id = ?", [approved])
    two_rounds.conn.commit()
    answers = answers_for(two_rounds, approved)
    writes = [
        lambda: save_answer(two_rounds, approved, "dur_aktuell", "ja", who="anna"),
        lambda: save_note(two_rounds, approved, "dur_aktuell", "ny", who="anna"),
        lambda: save_note(two_rounds, approved, None, "ny", who="anna"),
        lambda: save_evidence(two_rounds, approved, "dur_aktuell",
                              Evidence("utredning", "2022-01-01"), who="anna"),
        lambda: set_review_status(two_rounds, approved, "in_progress", who="anna"),
        lambda: approve(two_rounds, [complete], who="anna"),
        lambda: return_review(two_rounds, approved, "titta igen", who="anna"),
    ]
    for write in writes:
        with pytest.raises(StoreError) as refused:
            write()
        message = str(refused.value)
        assert "tidigare omgång ('Omgång 1')" in message and "\n" not in message
    assert answers_for(two_rounds, approved) == answers
    assert [row[0] for row in two_rounds.execute(
        "SELECT status FROM reviews WHERE id IN (?, ?) ORDER BY id",
        [approved, complete])] == ["approved", "complete"]
    current = two_rounds.execute("SELECT id FROM reviews WHERE round_id = 2 ORDER BY id"
                                 " LIMIT 1").fetchone()[0]
    save_answer(two_rounds, current, "dur_aktuell", "nej", who="anna")  # the newest round's
    assert answers_for(two_rounds, current)["dur_aktuell"].value == "nej"


def test_from_sample_names_a_samples_reviews_as_a_round(report_db, db_path) -> None:
    from store.rounds import rounds

    assert granska(db_path, "round", "create", "--name", "2022", "--from-sample", "1") == 0
    (named,) = rounds(report_db)
    assert (named["name"], named["reviews"], named["done"]) == ("2022", 80, 80)
    assert granska(db_path, "round", "create", "--name", "2022 uppföljning") == 0
    assert [r["reviews"] for r in rounds(report_db)] == [80, 80]
    assert report_db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 160


def test_a_new_review_joins_the_samples_newest_round(two_rounds) -> None:
    from store.assignments import assign
    from store.frames import population
    from store.rounds import rounds

    newest = rounds(two_rounds)[-1]["id"]
    case = population(two_rounds, 1)[0]["id"]
    (review_id,) = assign(two_rounds, 1, [(case, "bertil")], protocol_version="1",
                          kind="second")
    assert two_rounds.execute("SELECT round_id FROM reviews WHERE id = ?",
                              [review_id]).fetchone()[0] == newest


def test_round_list_shows_each_round_and_how_far_it_is(two_rounds, db_path, capsys) -> None:
    capsys.readouterr()
    assert granska(db_path, "round", "list") == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("1\tOmgång 1\turval 1\t80/80 klara\t")
    assert second.startswith("2\tUppföljning\turval 1\t80/80 klara\t")  # answered again
