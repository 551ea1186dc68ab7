"""Hypothesis strategies shared by the parser fuzz tests: files as people might send them."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


def spreadsheet_files(cells: Sequence[str], header: Sequence[str] | None = None
                      ) -> st.SearchStrategy[bytes]:
    """Random bytes, or CSV-ish text from ``cells`` (comma, semicolon or tab; sometimes
    under ``header``) encoded as UTF-8 or cp1252."""
    rows = st.lists(st.lists(st.sampled_from(list(cells)), min_size=1, max_size=8), max_size=5)
    headers = st.booleans() if header is not None else st.just(False)
    text = st.tuples(headers, rows, st.sampled_from([";", ",", "\t"])).map(
        lambda made: "\n".join(made[2].join(r)
                               for r in ([list(header or [])] if made[0] else []) + made[1]))
    return st.one_of(
        st.binary(max_size=200),
        text.map(lambda t: t.encode("utf-8")),
        text.map(lambda t: t.encode("cp1252", errors="replace")),
    )
