"""Bad input never ends in a traceback: the config, protocol and command line, fuzzed.

Every rejection is one line (naming the file, key or option) and exit code 2.
"""

from __future__ import annotations

import contextlib
import io
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.config import Config, ConfigError, from_dict, load
from review_protocols import Protocol, ProtocolError, loads
from review_protocols.loader import builtin_path
from tui.cli import main

KEYS = ["language", "database", "protocol", "sample", "districts", "roles", "path",
        "busy_timeout_ms", "group", "default", "paths", "per_district", "women", "men", "seed",
        "reserves", "shortfall", "insats", "decision_from", "decision_to", "min_age",
        "supervisors", "inspectors", "trainers", "name", "code", "bogus"]
scalars = st.one_of(
    st.none().map(lambda _: "sv"), st.booleans(), st.integers(-5, 10**12), st.floats(),
    st.text(max_size=8), st.sampled_from(["sv", "en", "fill_other_gender", "leave_short"]),
    st.dates(), st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=8,
)
configs = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)


def one_line(message: str) -> bool:
    return bool(message.strip()) and "\n" not in message.strip()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(configs)
def test_config_from_any_dict_is_a_config_or_one_clear_line(raw: dict) -> None:
    try:
        config = from_dict(raw, "fuzz.toml")
    except ConfigError as error:
        assert one_line(str(error)) and str(error).startswith("fuzz.toml: ")
    else:
        assert isinstance(config, Config)


toml_ish = st.lists(
    st.one_of(
        st.sampled_from(["[database]", "[sample]", "[roles]", "[[districts]]", "[protocol]",
                         'language = "en"', "busy_timeout_ms = -1", 'group = ""',
                         "per_district = 3", 'name = "Skarpnäck"', "inspectors = [1]",
                         "decision_from = 2022-13-01", "seed = 1e400", "x = [[[", '"""',
                         "women = true", "[sample.sub]", "= 1", "\x00", "\ufeff"]),
        st.text(max_size=30),
    ),
    max_size=12,
).map("\n".join)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(text=toml_ish)
def test_config_file_of_any_text_is_a_config_or_one_clear_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load(path)
    except ConfigError as error:
        assert one_line(str(error)) and str(path) in str(error)


BUILTIN = builtin_path("boendestod_sol").read_text(encoding="utf-8")


@given(st.data())
def test_protocol_mutated_is_a_protocol_or_one_clear_line(data) -> None:
    lines = BUILTIN.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "garble", "swap"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "garble":
            lines[i] = data.draw(st.text(string.printable, max_size=20))
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            break
    try:
        protocol = loads("\n".join(lines), source="fuzz.toml")
    except ProtocolError as error:
        assert one_line(str(error)) and "fuzz.toml" in str(error)
    else:
        assert isinstance(protocol, Protocol)


@given(st.text(max_size=200))
def test_protocol_of_any_text_is_one_clear_line(text: str) -> None:
    try:
        loads(text, source="fuzz.toml")
    except ProtocolError as error:
        assert one_line(str(error))


COMMANDS = ["frame", "draw", "sample", "answers", "export", "train", "users", "assign",
            "double", "audit", "frobnicate", ""]
TOKENS = ["import", "grant", "revoke", "list", "show", "resolve", "agreement", "whoami",
          "--seed", "--format", "--out", "--to", "--second", "--balanced", "--sample",
          "--per-district", "--take", "--set", "csv", "md", "json", "xlsx", "primary", "-1",
          "anna", "inspector", "q=v", "--db", "--config", "nowhere.toml", "x.db", "--",
          "--districts", "HÄ-2022-0001", "é", "\t"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=80,
          deadline=None)
@given(command=st.sampled_from(COMMANDS),
       rest=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=6))
def test_any_command_line_exits_0_or_2_with_one_line(command: str, rest: list[str]) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main([command, *rest])
        except SystemExit as stop:  # argparse: usage errors (2) and --help (0)
            code = stop.code
    assert code in (0, 2), err.getvalue()
    if code == 2:
        assert one_line(err.getvalue()), err.getvalue()
    assert "Traceback" not in err.getvalue()

