"""Settings: discovery order, the shipped defaults, and one clear line for every bad file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from jobs.config import Config, ConfigError, discover, load

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_repository_config_spells_out_the_shipped_defaults() -> None:
    shipped = load(REPO / "config.toml")
    assert shipped == Config(source=shipped.source)
    assert [d.name for d in shipped.districts] == [
        "Hägersten-Älvsjö", "Hässelby-Vällingby", "Skarpnäck", "Södermalm"]
    assert shipped.sample.per_district == 20
    assert (shipped.sample.women, shipped.sample.men) == (10, 10)
    assert shipped.language == "sv"


def test_discovery_order(tmp_path: Path, _isolated_home: Path) -> None:
    assert discover().source == "shipped defaults"
    user = _isolated_home / ".config" / "granska" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('language = "en"\n')
    assert discover().language == "en"
    (_isolated_home / "config.toml").write_text('[sample]\nseed = 5\n')
    local = discover()
    assert local.sample.seed == 5 and local.language == "sv"
    explicit = write(tmp_path, '[sample]\nseed = 9\n')
    assert discover(explicit).sample.seed == 9


def test_partial_file_keeps_other_defaults(tmp_path: Path) -> None:
    config = load(write(tmp_path, '[sample]\nwomen = 12\nmen = 8\ndecision_from = 2023-01-01\n'
                                  'decision_to = 2023-12-31\n'))
    assert config.quota("Skarpnäck") == (12, 8)
    assert config.sample.decision_from == dt.date(2023, 1, 1)
    assert config.database.busy_timeout_ms == 5000


def test_district_quota_override(tmp_path: Path) -> None:
    config = load(write(tmp_path, '[[districts]]\nname = "Kista"\ncode = "KI"\nwomen = 4\n'))
    assert config.district_names == ["Kista"]
    assert config.quota("Kista") == (4, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('colour = "blue"\n', "unknown key 'colour'"),
        ('[sample]\nper_distrct = 20\n', "[sample] unknown key 'per_distrct'"),
        ('[sample]\nper_district = "twenty"\n', "[sample] per_district must be a whole number"),
        ('[sample]\nper_district = true\n', "[sample] per_district must be a whole number"),
        ('[sample]\ndecision_from = "2022-01-01"\n', "decision_from must be a date"),
        ('[database]\npath = 5\n', "[database] path must be text in quotes"),
        ('[protocol]\npaths = "x"\n', "[protocol] paths must be a list of text"),
        ('language = "de"\n', "language is 'de'"),
        ('[export]\nmin_cell = "3"\n', "[export] min_cell must be a whole number, not '3'"),
        ('[export]\nmin_cell = 2.5\n', "[export] min_cell must be a whole number"),
        ('[export]\nmin_celll = 3\n', "[export] unknown key 'min_celll'"),
        ('export = 3\n', "'export' must be a table"),
        ('[sample]\nshortfall = "panic"\n', "shortfall is 'panic'"),
        ('[tallies]\ncounted = "approved"\n',
         "[tallies] counted is 'approved'; use one of: complete_or_approved, approved_only"),
        ('[tallies]\ncounted = 1\n', "[tallies] counted must be text in quotes"),
        ('[tallies]\ncount = "approved_only"\n', "[tallies] unknown key 'count'"),
        ('[sample]\nwomen = -1\n', "women must be from 0 to 10000"),
        ('[security]\nidle_lock_minutes = -1\n',
         "[security] idle_lock_minutes must be from 0 to 1440"),
        ('[security]\nidle_lock_minutes = nan\n',
         "[security] idle_lock_minutes must be from 0 to 1440"),
        ('[security]\nidle_lock_minutes = inf\n',
         "[security] idle_lock_minutes must be from 0 to 1440"),
        ('[security]\nidle_lock_minutes = "10"\n',
         "[security] idle_lock_minutes must be a number (like 10 or 0.5)"),
        ('[security]\nidle_lock_minutes = true\n',
         "[security] idle_lock_minutes must be a number"),
        ('[security]\nidle_lock = 5\n', "[security] unknown key 'idle_lock'"),
        ('database = 3\n', "'database' must be a table"),
        ('[[districts]]\ncode = "X"\n', "[[districts]] number 1 needs name"),
        ('[[districts]]\nname = "A"\n[[districts]]\nname = "A"\n', "district 'A' is listed twice"),
        ('[sample\nseed = 1\n', "invalid TOML"),
        ('language = \n', "line 1"),
    ],
)
def test_bad_config_gives_one_clear_message(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_tallies_counted_setting(tmp_path: Path) -> None:
    assert Config().tallies.counted == "complete_or_approved"  # today's tallies by default
    config = load(write(tmp_path, '[tallies]\ncounted = "approved_only"\n'))
    assert config.tallies.counted == "approved_only"


def test_export_min_cell_defaults_to_3_and_is_read(tmp_path: Path) -> None:
    assert load(write(tmp_path, "")).export.min_cell == 3
    assert load(write(tmp_path, "[export]\nmin_cell = 5\n")).export.min_cell == 5


def test_idle_lock_minutes_whole_or_fraction_and_zero_for_off(tmp_path: Path) -> None:
    assert Config().security.idle_lock_minutes == 10  # locked after ten idle minutes
    assert load(write(tmp_path, "[security]\nidle_lock_minutes = 3\n")).security \
        .idle_lock_minutes == 3.0
    assert load(write(tmp_path, "[security]\nidle_lock_minutes = 0.5\n")).security \
        .idle_lock_minutes == 0.5
    assert load(write(tmp_path, "[security]\nidle_lock_minutes = 0\n")).security \
        .idle_lock_minutes == 0


def test_cli_bad_idle_lock_exit_2_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[security]\nidle_lock_minutes = -5\n")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--config", str(path), "sample"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"granska: {path}: [security] idle_lock_minutes must be from 0 to 1440; "
        "change it there")


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        discover(tmp_path / "nope.toml")


def test_cli_bad_config_exit_2_one_line_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, '[sample]\nseed = "x"\n')
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--config", str(path), "sample"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "[sample] seed must be a whole number" in lines[0]
    assert "Traceback" not in result.stderr
