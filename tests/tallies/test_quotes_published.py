"""`granska export md|docx --publish --quotes`: the quotes leave the sensitive questions
out entirely (which case gave which answer, and the exact counts the bullets add up to,
are what suppression hides), and the report's disclosure note says so."""

from __future__ import annotations

from pathlib import Path

from tests.tallies.test_quotes import docx_paragraphs, docx_section, export, give_evidence

SENSITIVE_QUOTE = "Brukaren berättar om våld i hemmet"
PLAIN_QUOTE = "Utredningen är gjord i år"
NOTE = "Citaten ur akterna tar inte med dessa frågor"


def quote_both(db) -> None:
    give_evidence(db, "HÄ-02", "vald_fragat", "journalanteckning", "2022-03-01",
                  SENSITIVE_QUOTE)
    give_evidence(db, "HÄ-02", "dur_aktuell", "utredning", "2022-02-01", PLAIN_QUOTE)


def test_published_markdown_quotes_no_sensitive_question(report_db, db_path, capsys) -> None:
    quote_both(report_db)
    assert export(db_path, "md", "--quotes") == 0
    team = capsys.readouterr().out
    assert SENSITIVE_QUOTE in team and "### Frågat om våld" in team  # the team's own copy
    assert NOTE not in team
    assert export(db_path, "md", "--quotes", "--publish") == 0
    text = capsys.readouterr().out
    section = text[text.index("## Citat ur akterna"):text.index("## Granskningslogg")]
    assert PLAIN_QUOTE in section and "### Aktuell DUR-utredning" in section
    assert SENSITIVE_QUOTE not in text and "### Frågat om våld" not in section
    head = next(line for line in text.splitlines() if line.startswith("**Sekretesskydd.**"))
    assert NOTE in head
    assert export(db_path, "md", "--publish") == 0  # no quotes asked for: nothing said
    assert NOTE not in capsys.readouterr().out


def test_published_document_quotes_no_sensitive_question(report_db, db_path,
                                                         tmp_path: Path) -> None:
    quote_both(report_db)
    team, published = tmp_path / "team.docx", tmp_path / "published.docx"
    assert export(db_path, "docx", "--quotes", "--out", str(team)) == 0
    assert export(db_path, "docx", "--quotes", "--publish", "--out", str(published)) == 0
    assert any(SENSITIVE_QUOTE in text for _, text in docx_paragraphs(team))
    paragraphs = docx_paragraphs(published)
    section = docx_section(paragraphs, "Citat ur akterna")
    assert ("Heading 2", "Aktuell DUR-utredning") in section
    assert ("Heading 2", "Frågat om våld") not in section
    every = " ".join(text for _, text in paragraphs)
    assert PLAIN_QUOTE in every and SENSITIVE_QUOTE not in every
    head = next(text for _, text in paragraphs if text.startswith("Sekretesskydd: "))
    assert NOTE in head
