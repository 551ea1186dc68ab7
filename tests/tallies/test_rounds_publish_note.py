"""`granska export md|docx --rounds A,B --publish`: the note on what is hidden says the
limit the cells use (`[export] min_cell`), and in Swedish that what is hidden is not shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tallies.test_rounds import ROUNDS, granska, two_rounds  # noqa: F401 (fixture)

pytest.importorskip("scipy")


def published(db_path: Path, tmp_path: Path, fmt: str) -> Path:
    config, out = tmp_path / "config.toml", tmp_path / f"rounds.{fmt}"
    config.write_text("[export]\nmin_cell = 5\n", encoding="utf-8")
    assert granska(db_path, "--config", str(config), "export", fmt, "--rounds", ROUNDS,
                   "--publish", "--out", str(out)) == 0
    return out


def test_the_markdown_note_and_cells_agree_on_the_limit(two_rounds, db_path,  # noqa: F811
                                                        tmp_path: Path) -> None:
    text = published(db_path, tmp_path, "md").read_text(encoding="utf-8")
    note = next(line for line in text.splitlines() if "Små tal är dolda" in line)
    assert "visas som <5" in note and "visas inte" in note and "lämnas ut" not in note
    assert "<5 / " in text  # a cell hidden as the note says
    assert "<3" not in text


def test_the_document_note_and_cells_agree_on_the_limit(two_rounds, db_path,  # noqa: F811
                                                        tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document(str(published(db_path, tmp_path, "docx")))
    note = next(p.text for p in document.paragraphs if "Små tal är dolda" in p.text)
    assert "visas som <5" in note and "visas inte" in note and "lämnas ut" not in note
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert any(c.startswith("<5") for c in cells)
    assert not any("<3" in c for c in cells) and "<3" not in note
