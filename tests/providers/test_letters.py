"""granska letter: a real DOCX (and Markdown) to the provider with its deficient checks, what
is asked and the due date, created 0600 and audited; refusals are one line, no file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.providers.test_providers_cli import ROWS, write
from tests.test_bad_input import files
from tui.cli import main


def granska(db: Path, *args: str) -> int:
    try:
        return main([*args, "--db", str(db)])
    except SystemExit as exit_:
        return int(exit_.code or 0)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    assert granska(path, "providers", "import", str(write(tmp_path / "reg.csv", ROWS))) == 0
    assert granska(path, "select", "--protocol", "avtalsuppfoljning", "--all") == 0
    answers = tmp_path / "svar.csv"
    answers.write_text("leverantör;question_id;value\n"
                       "P1;rutin_hot_vald;saknas\n"
                       "P1;rutin_lex_sarah;brist\n"
                       "P1;handledning;godkand\n"
                       "P2;rutin_hot_vald;godkand\n", encoding="utf-8")
    assert granska(path, "answers", "import", str(answers)) == 0
    assert granska(path, "measure", "add", "P1", "komplettering", "--sent", "2024-03-04",
                   "--due", "2024-04-05", "--reason", "rutiner saknas",
                   "--decided-by", "Eva Enhetschef") == 0
    return path


def test_a_docx_letter_with_the_checks_the_request_and_the_due_date(db: Path,
                                                                      tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "brev.docx"
    assert granska(db, "letter", "P1", "--kind", "komplettering", "--out", str(out)) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert document.paragraphs[0].text == "Begäran om komplettering"
    assert "Rutin hot och våld: Saknas" in text
    assert "Rutin Lex Sarah: Brist (finns men ofullständig eller otydlig)" in text
    assert "handledning" not in text.lower()  # approved: not in the letter
    assert "senast 2024-04-05" in text and "Beslutat av: Eva Enhetschef" in text
    assert cells[cells.index("Svar senast") + 1] == "2024-04-05"
    assert cells[cells.index("Utförare") + 1] == "Vibor Stödboende AB (P1)"
    assert not any("-" in c and c.replace("-", "").isdigit() and len(c) == 11 for c in cells)
    with sqlite3.connect(db) as conn:
        audited = conn.execute("SELECT field, new_value FROM audit_log"
                               " WHERE action = 'letter.write'").fetchall()
    assert audited == [("komplettering", f"P1: komplettering -> {out}")]


def test_a_rattelse_letter_in_markdown(db: Path, tmp_path: Path) -> None:
    assert granska(db, "measure", "add", "P1", "rattelse", "--sent", "2024-04-10",
                   "--due", "2024-05-10", "--reason", "otillräcklig") == 0
    out = tmp_path / "brev.md"
    assert granska(db, "letter", "P1", "--kind", "rattelse", "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Begäran om rättelse")
    assert "**Svar senast:** 2024-05-10" in text and "vite eller hävning" in text
    assert "- Rutin hot och våld: Saknas" in text


def test_the_letter_in_english(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "en.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    out = tmp_path / "letter.md"
    assert main(["letter", "P1", "--kind", "komplettering", "--out", str(out), "--db", str(db),
                 "--config", str(config)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Request for komplettering") and "by 2024-04-05" in text


REFUSED = {
    "no open step of the kind": (["P1", "--kind", "rattelse"], "P1 has no open rattelse"),
    "nothing deficient": (["P2", "--kind", "komplettering"], "no open komplettering"),
    "unknown provider": (["NOPE", "--kind", "komplettering"], "'NOPE' is not in the latest"),
    "unknown kind": (["P1", "--kind", "vite"], "--kind"),
    "wrong suffix": (["P1", "--kind", "komplettering", "--out", "{p}/brev.pdf"],
                     "ange en .docx- eller .md-fil"),
    "missing folder": (["P1", "--kind", "komplettering", "--out", "{p}/no/brev.docx"],
                       "no such folder"),
}


@pytest.mark.parametrize("args, words", list(REFUSED.values()), ids=list(REFUSED))
def test_refusals_are_one_line_and_no_file(db: Path, tmp_path: Path, capsys, args,
                                           words) -> None:
    args = [a.format(p=tmp_path) for a in args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "brev.docx")]
    before = files(tmp_path)
    capsys.readouterr()
    assert granska(db, "letter", *args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
    assert files(tmp_path) == before


def test_no_deficiency_no_letter(db: Path, tmp_path: Path, capsys) -> None:
    assert granska(db, "measure", "add", "P2", "komplettering", "--reason", "x") == 0
    capsys.readouterr()
    assert granska(db, "letter", "P2", "--kind", "komplettering", "--out",
                   str(tmp_path / "b.docx")) == 2
    assert "no check assessed brist or saknas" in capsys.readouterr().err
    assert not (tmp_path / "b.docx").exists()
