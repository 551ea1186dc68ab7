"""Spreadsheets as people have them: separators, encodings, BOM, blank lines, Excel dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samples.tabular import TableError, normalise_header, read_table


def rows_of(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    table = read_table(path)
    return table.headers, list(table.rows)


def test_semicolon_utf8_bom_blank_lines_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "frame.csv"
    path.write_bytes("\ufeffÄrende; Kön ;Stadsdel\n\nA-1; K ;Skarpnäck\n \nA-2;M;Södermalm\n"
                     .encode())
    headers, rows = rows_of(path)
    assert headers == ["Ärende", "Kön", "Stadsdel"]
    assert rows == [(3, ["A-1", "K", "Skarpnäck"]), (5, ["A-2", "M", "Södermalm"])]


def test_cp1252_from_old_excel(tmp_path: Path) -> None:
    path = tmp_path / "frame.csv"
    path.write_bytes("ärende,kön,stadsdel\nB-1,K,Hägersten-Älvsjö\n".encode("cp1252"))
    headers, rows = rows_of(path)
    assert headers == ["ärende", "kön", "stadsdel"]
    assert rows == [(2, ["B-1", "K", "Hägersten-Älvsjö"])]


def test_quoted_field_with_newline_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "frame.csv"
    path.write_text('case_ref,note\nA,"two\nlines"\nB,x\n', encoding="utf-8")
    _, rows = rows_of(path)
    assert rows == [(2, ["A", "two\nlines"]), (4, ["B", "x"])]


def test_xlsx_with_date_cells(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ärende", "Beslutsdatum", "Timmar"])
    sheet.append([None, None, None])
    sheet.append(["A-1", dt.datetime(2022, 3, 4), 12.0])
    book.save(tmp_path / "frame.xlsx")
    headers, rows = rows_of(tmp_path / "frame.xlsx")
    assert headers == ["Ärende", "Beslutsdatum", "Timmar"]
    assert rows == [(3, ["A-1", "2022-03-04", "12"])]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("blank.csv", b"\n\n  \n", "the file is empty"),
        ("frame.pdf", b"%PDF", "unknown file type '.pdf'"),
        ("broken.xlsx", b"not a zip", "not a readable XLSX workbook"),
        ("binary.csv", b"a,b\n\x00\x01", "binary data"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path: Path, name: str, content: bytes,
                                             message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError) as caught:
        rows_of(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="no such file"):
        read_table(tmp_path / "nope.csv")


def test_normalise_header() -> None:
    assert normalise_header("  Kön ") == "kon"
    assert normalise_header("Besluts-datum") == "beslutsdatum"
    assert normalise_header("case_ref") == "case_ref"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_read_or_refused_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                           data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "frame.csv"
    path.write_bytes(data)
    try:
        rows_of(path)
    except TableError as error:
        assert str(error).startswith(str(path))
