"""`granska export md --quotes` and `docx --quotes`: the evidence per question and answer,
case references only."""

from __future__ import annotations

from pathlib import Path

from tui.cli import main


def export(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "export", *args])


def give_evidence(db, case_ref: str, question_id: str, doc: str, day: str, quote: str) -> None:
    from store.evidence import checked, save_evidence

    review_id, reviewer = db.execute(
        "SELECT r.id, r.reviewer FROM reviews r JOIN population p ON p.id = r.population_id"
        " WHERE p.case_ref = ?", [case_ref]).fetchone()
    save_evidence(db, review_id, question_id, checked(doc, day, quote), who=reviewer)


def answer_of(db, case_ref: str, question_id: str) -> str:
    return db.execute("SELECT a.value FROM answers a JOIN reviews r ON r.id = a.review_id"
                      " JOIN population p ON p.id = r.population_id WHERE p.case_ref = ?"
                      " AND a.question_id = ?", [case_ref, question_id]).fetchone()[0]


def test_quotes_are_listed_per_question_and_answer_without_identities(report_db, db_path,
                                                                      capsys) -> None:
    pnr = report_db.execute("SELECT personnummer FROM population WHERE case_ref = 'HÄ-01'"
                            ).fetchone()[0]
    give_evidence(report_db, "HÄ-01", "dur_aktuell", "utredning", "2019-05-02",
                  f"Person HÄ-01 ({pnr}) utreddes 2019; ingen ny utredning")
    give_evidence(report_db, "HÄ-02", "dur_aktuell", "journalanteckning", "2021-01-03", "")
    assert export(db_path, "md") == 0
    plain = capsys.readouterr().out
    assert "Citat ur akterna" not in plain
    assert export(db_path, "md", "--quotes") == 0
    text = capsys.readouterr().out
    section = text[text.index("## Citat ur akterna"):text.index("## Granskningslogg")]
    assert "### Aktuell DUR-utredning" in section
    answer = {"ja": "Finns", "nej": "Saknas"}[answer_of(report_db, "HÄ-01", "dur_aktuell")]
    assert f"**{answer}**" in section
    assert ('- HÄ-01, Utredning 2019-05-02: "[namn] [namn] (YYYYMMDD-NNNN) utreddes 2019; '
            'ingen ny utredning"') in section
    assert "- HÄ-02, Journalanteckning 2021-01-03" in section
    assert pnr not in text and "Person HÄ-01" not in text


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph of a written document, read back with python-docx."""
    import docx

    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def docx_section(paragraphs: list[tuple[str, str]], heading: str) -> list[tuple[str, str]]:
    """The paragraphs under a Heading 1, up to the next one."""
    start = paragraphs.index(("Heading 1", heading))
    end = next((i for i, (style, _) in enumerate(paragraphs)
                if i > start and style == "Heading 1"), len(paragraphs))
    return paragraphs[start + 1:end]


def test_the_document_lists_the_same_quotes(report_db, db_path, capsys, tmp_path) -> None:
    name, pnr = report_db.execute("SELECT name, personnummer FROM population"
                                  " WHERE case_ref = 'HÄ-01'").fetchone()
    give_evidence(report_db, "HÄ-01", "dur_aktuell", "utredning", "2019-05-02",
                  f"{name} ({pnr}) utreddes 2019; ingen ny utredning")
    give_evidence(report_db, "HÄ-02", "dur_aktuell", "journalanteckning", "2021-01-03", "")
    plain, quoted, published = (tmp_path / f"{n}.docx" for n in ("plain", "quoted", "pub"))
    assert export(db_path, "docx", "--out", str(plain)) == 0
    assert export(db_path, "docx", "--quotes", "--out", str(quoted)) == 0
    assert export(db_path, "docx", "--quotes", "--publish", "--out", str(published)) == 0
    assert export(db_path, "md", "--quotes") == 0
    markdown = capsys.readouterr().out
    assert "Citat ur akterna" not in [text for _, text in docx_paragraphs(plain)]
    for path in (quoted, published):  # md lists the quotes when published too
        paragraphs = docx_paragraphs(path)
        section = docx_section(paragraphs, "Citat ur akterna")
        assert ("Heading 2", "Aktuell DUR-utredning") in section
        bullets = [text for style, text in section if style == "List Bullet"]
        assert bullets == [line[2:] for line in markdown.splitlines()  # md's, not a copy
                           if line.startswith("- HÄ-")]
        assert 'HÄ-01, Utredning 2019-05-02: "[namn] [namn] (YYYYMMDD-NNNN) utreddes 2019;' \
            ' ingen ny utredning"' in bullets
        assert "HÄ-02, Journalanteckning 2021-01-03" in bullets
        every = " ".join(text for _, text in paragraphs)
        assert pnr not in every and name not in every


def test_quotes_apply_to_markdown_and_docx_only(report_db, db_path, capsys) -> None:
    assert export(db_path, "csv", "--quotes") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--quotes gäller bara `granska export md` och `docx`" in err
