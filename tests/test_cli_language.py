"""CLI errors are in the configured language, as the screens and the commands' reports
are: Swedish by default, English with `language = "en"` in config.toml (the commands'
own errors and the search's alike)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

CASES = [
    (["export", "xlsx"], "export xlsx behöver --out PATH", "export xlsx needs --out PATH"),
    (["review", "approve"], "ange ärendena (CASE_REF ...) eller --all-complete",
     "name the cases (CASE_REF ...) or give --all-complete"),
    (["search", '"obalanserat'], "går inte att tolka", "cannot read the search"),
]


@pytest.mark.parametrize(("args", "swedish", "english"), CASES)
def test_an_error_follows_the_language(demo_db, db_path: Path, tmp_path: Path, capsys,
                                       args: list[str], swedish: str, english: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    for extra, words in (([], swedish), (["--config", str(config)], english)):
        assert main([*args, "--db", str(db_path), *extra]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and words in err, err
