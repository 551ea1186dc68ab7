"""`granska export docx`: the report document, read back as its readers read it."""

from __future__ import annotations

import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.tallies.test_export import export

TABLE_1 = [
    ["Genomförandeplan stämmer överens med beställning", "Hägersten-Älvsjö",
     "Hässelby-Vällingby", "Skarpnäck", "Södermalm", "Totalt"],
    ["Ja", "3", "7", "3", "4", "17"],
    ["Delvis", "10", "6", "7", "11", "34"],
    ["Nej", "5", "1", "4", "2", "12"],
    ["Genomförandeplan saknas", "2", "5", "6", "3", "16"],
    ["Totalt", "20", "19", "20", "20", "79"],
]


@pytest.fixture
def document(report_db, db_path, tmp_path) -> Path:
    out = tmp_path / "rapport.docx"
    assert export(db_path, "docx", "--out", str(out)) == 0
    return out


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_report_reads_back_with_every_section_and_table_1_as_printed(document) -> None:
    import docx

    doc = docx.Document(str(document))
    assert stat.S_IMODE(document.stat().st_mode) == 0o600
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for section in ("Sammanfattning", "Metod", "Resultat per kvalitetsområde",
                    "Styrkor och utvecklingsområden per stadsdel",
                    "Bilaga: granskningsprotokollets frågor"):
        assert section in headings
    assert doc.paragraphs[0].text == "Aktgranskning boendestöd enligt SoL"  # the title
    # Table 1 follows its caption, in the report's layout: counts only, its five rows.
    caption = next(p for p in doc.paragraphs if p.text.startswith("Tabell 1:"))
    assert "andel procent" in caption.text
    following = caption._p.getnext()
    assert following.tag.endswith("}tbl")
    table_1 = next(t for t in doc.tables if t._tbl is following)
    assert cells(table_1) == TABLE_1
    # Every other question's table gives counts with their percentages, after its caption.
    dur = next(p for p in doc.paragraphs if p.text.startswith("Tabell")
               and "Aktuell DUR-utredning" in p.text)
    dur_table = next(t for t in doc.tables if t._tbl is dur._p.getnext())
    assert cells(dur_table)[1][0] == "Finns" and cells(dur_table)[1][-1] == "57 (71\u00a0%)"
    # A chart beside each question's table, and the appendix lists the protocol's questions.
    assert len(doc.inline_shapes) > 20
    texts = [p.text for p in doc.paragraphs]
    appendix = texts[texts.index("Bilaga: granskningsprotokollets frågor"):]
    assert any(text.startswith("1.1 ") for text in appendix)


def without_charts(db, tmp_path) -> Path:
    """The document as the command writes it, without the pictures (they take the time)."""
    from jobs.config import Config
    from jobs.tallies import document_bytes, load_report
    from review_protocols import load_builtin

    protocol = load_builtin("boendestod_sol")
    report = load_report(db, protocol, Config().district_names)
    out = tmp_path / "utan-diagram.docx"
    out.write_bytes(document_bytes(db, protocol, report, charts=False))
    return out


def test_the_method_section_states_the_sample(report_db, tmp_path) -> None:
    import docx

    texts = [p.text for p in docx.Document(str(without_charts(report_db, tmp_path))).paragraphs]
    method = texts[texts.index("Metod"):texts.index("Resultat per kvalitetsområde")]
    assert any("fröet 1" in line for line in method)
    assert any(line.startswith("Ram rapport: 80 beslut, SHA-256 " + "0" * 64) for line in method)
    assert any("version" in line for line in method)


def test_no_identity_reaches_the_document(report_db, tmp_path) -> None:
    with zipfile.ZipFile(without_charts(report_db, tmp_path)) as archive:
        xml = " ".join(archive.read(name).decode("utf-8", "replace")
                       for name in archive.namelist() if name.endswith(".xml"))
    assert "Person " not in xml  # the fixture's names
    assert "19800101" not in xml  # nor a personnummer


def test_docx_needs_out(report_db, db_path, capsys) -> None:
    assert export(db_path, "docx") == 2
    assert "export docx behöver --out PATH" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="libreoffice not installed")
def test_libreoffice_turns_the_report_into_a_pdf(report_db, tmp_path) -> None:
    document = without_charts(report_db, tmp_path)
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(document)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "utan-diagram.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
