"""The XLSX's sheet names: Excel refuses a workbook whose names clash (case-insensitively),
run over 31 characters or hold any of []:*?/\\ — and a quote in a name breaks links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tallies.workbook import sheet_names


@given(st.lists(st.text(max_size=60), max_size=30), st.lists(st.text(max_size=31), max_size=3))
def test_sheet_names_are_always_ones_excel_takes(titles: list[str], taken: list[str]) -> None:
    names = sheet_names(titles, taken)
    assert len(names) == len(titles)
    lowered = [n.lower() for n in names]
    assert len(set(lowered)) == len(lowered)
    assert not set(lowered) & {t.lower() for t in taken}
    for name in names:
        assert 0 < len(name) <= 31 and name.strip() == name
        assert not set(name) & set("[]:*?/\\'")


def test_long_section_titles_are_cut_visibly() -> None:
    assert sheet_names(["Fullmakt och sekretessmedgivande samt god man"]) == [
        "Fullmakt och sekretessmedgivan…"]
    assert sheet_names(["Barn", "barn"]) == ["Barn", "barn 2"]
