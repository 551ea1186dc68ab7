"""Numbers in config.toml (and --seed) within bounds: one line naming the key, exit 2.

A seed of 10**40 used to end in "Python int too large to convert to SQLite
INTEGER" and 1,000 districts in "too many columns in result set", both as an
internal error (exit 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.config import MAX_DISTRICTS, MAX_SEED
from store import open_database
from tests.samples.conftest import SV_HEADERS, frame_rows, write_csv
from tui.cli import main


def districts(count: int) -> str:
    return "".join(f'[[districts]]\nname = "Distrikt {n}"\ncode = "D{n}"\n'
                   for n in range(1, count)) + '[[districts]]\nname = "Södermalm"\ncode = "SÖ"\n'


def frame_db(tmp_path: Path, config: Path) -> Path:
    db_path = tmp_path / "g.db"
    frame = tmp_path / "SÖ.csv"
    write_csv(frame, SV_HEADERS, frame_rows(30))
    assert main(["frame", "import", str(frame), "--db", str(db_path), "--config",
                 str(config)]) == 0
    return db_path



def exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as usage:  # argparse's own refusal
        return int(usage.code or 0)


def one_line_exit_2(argv: list[str], capsys) -> str:
    capsys.readouterr()
    assert exit_code(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "internal error" not in err
    return err


@pytest.mark.parametrize(("text", "key"), [
    ("[sample]\nseed = 10000000000000000000000000000000000000000\n", "[sample] seed"),
    (f"[sample]\nseed = {MAX_SEED + 1}\n", "[sample] seed"),
    ("[sample]\nseed = -1\n", "[sample] seed"),
    ("[sample]\nwomen = 1000000000000\n", "[sample] women"),
    ("[sample]\nmen = -3\n", "[sample] men"),
    ("[sample]\nper_district = 99999999\n", "[sample] per_district"),
    ("[sample]\nreserves = 10001\n", "[sample] reserves"),
    ("[sample]\nmin_age = 500\n", "[sample] min_age"),
    ("[database]\nbusy_timeout_ms = 99999999999999999999\n", "[database] busy_timeout_ms"),
    ("[database]\nbusy_timeout_ms = -1\n", "[database] busy_timeout_ms"),
    ("[export]\nmin_cell = 1\n", "[export] min_cell"),
    ("[export]\nmin_cell = 101\n", "[export] min_cell"),
    ('[[districts]]\nname = "A"\nwomen = 123456789\n', "[[districts]] number 1 women"),
    ('[[districts]]\nname = "A"\nmen = -1\n', "[[districts]] number 1 men"),
])
def test_a_number_out_of_bounds_is_one_line_naming_the_key(tmp_path: Path, capsys, text: str,
                                                            key: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    err = one_line_exit_2(["draw", "--db", str(tmp_path / "g.db"), "--config", str(config)],
                          capsys)
    assert err.startswith(f"granska: {config}: {key} must be from ")
    assert not (tmp_path / "g.db").exists()


def test_the_huge_seed_of_the_issue_never_reaches_sqlite(tmp_path: Path, capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text(districts(1), encoding="utf-8")
    db_path = frame_db(tmp_path, config)
    config.write_text(districts(1) + "[sample]\nseed = 10000000000000000000000000000000000000000\n",
                      encoding="utf-8")
    err = one_line_exit_2(["draw", "--db", str(db_path), "--config", str(config)], capsys)
    assert "[sample] seed must be from 0 to 9223372036854775807" in err
    assert open_database(db_path).execute("SELECT count(*) FROM samples").fetchone()[0] == 0


@pytest.mark.parametrize("argv", [["draw"], ["demo"], ["train", "generate"]])
@pytest.mark.parametrize("seed", [str(10**40), str(MAX_SEED + 1), "-1", "x"])
def test_seed_on_the_command_line_is_bounded_too(tmp_path: Path, capsys, argv: list[str],
                                                 seed: str) -> None:
    err = one_line_exit_2([*argv, "--seed", seed, "--db", str(tmp_path / "g.db")], capsys)
    assert "--seed" in err
    assert not (tmp_path / "g.db").exists()


def test_the_largest_seed_draws(tmp_path: Path, capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text(districts(1), encoding="utf-8")
    db_path = frame_db(tmp_path, config)
    assert main(["draw", "--db", str(db_path), "--config", str(config), "--seed",
                 str(MAX_SEED)]) == 0
    db = open_database(db_path)
    assert db.execute("SELECT seed FROM samples").fetchone()[0] == MAX_SEED


def test_a_thousand_districts_then_draw_is_one_line(tmp_path: Path, capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text(districts(1000), encoding="utf-8")
    err = one_line_exit_2(["draw", "--db", str(tmp_path / "g.db"), "--config", str(config)],
                          capsys)
    assert err == (f"granska: {config}: 1000 [[districts]]; at most {MAX_DISTRICTS} are "
                   "allowed, so remove some\n")


def test_a_draw_at_the_most_districts_allowed(tmp_path: Path, capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text(districts(MAX_DISTRICTS), encoding="utf-8")
    db_path = frame_db(tmp_path, config)
    capsys.readouterr()
    assert main(["draw", "--db", str(db_path), "--config", str(config), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "Södermalm      10/10 of 15   10/10 of 15" in out
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM sample_members WHERE role = 'selected'"
                      ).fetchone()[0] == 20


def test_strata_beyond_sqlites_column_limit_are_counted(tmp_path: Path) -> None:
    """One result column per stratum would pass SQLite's 2000 well before this."""
    from store.frames import Eligible, stratum_counts

    config = tmp_path / "config.toml"
    config.write_text(districts(1), encoding="utf-8")
    db = open_database(frame_db(tmp_path, config))
    names = (*(f"Distrikt {n}" for n in range(1, 1500)), "Södermalm")
    eligible = Eligible(names, ("boendestöd",), "2022-01-01", "2022-12-31", 18)
    counts = stratum_counts(db, [1], eligible)
    assert len(counts) == 3000
    assert (counts["Södermalm", "K"], counts["Södermalm", "M"]) == (15, 15)
    assert sum(counts.values()) == 30
