"""A protocol parsed once is not parsed again at the next start, until its file changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "review_protocols" / "boendestod_sol.toml"


def load_in_fresh_process(folder: Path, cache: Path) -> tuple[str, bool]:
    """(the protocol's title, whether TOML was parsed) for a new ``granska`` process."""
    code = (
        "import sys\n"
        "from review_protocols.search_paths import configure_search_paths\n"
        f"configure_search_paths([{str(folder)!r}])\n"
        "from review_protocols import load_builtin\n"
        "protocol = load_builtin('boendestod_sol')\n"
        "print(protocol.title)\n"
        "print('tomllib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin",
                                             "HOME": str(cache)}, cwd=REPO)
    title, parsed = result.stdout.strip().splitlines()
    return title, parsed == "True"


@pytest.fixture
def own_protocol(tmp_path: Path) -> Path:
    folder = tmp_path / "protokoll"
    folder.mkdir()
    (folder / "boendestod_sol.toml").write_bytes(SHIPPED.read_bytes())
    return folder


def test_the_second_start_reads_the_kept_copy_and_an_edit_is_read_at_once(
        own_protocol: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    title, parsed = load_in_fresh_process(own_protocol, cache)
    assert parsed and list((own_protocol / "__pycache__").iterdir())
    assert load_in_fresh_process(own_protocol, cache) == (title, False)
    toml = own_protocol / "boendestod_sol.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        f'title = "{title}"', 'title = "Egen titel"', 1), encoding="utf-8")
    assert load_in_fresh_process(own_protocol, cache) == ("Egen titel", True)


def test_a_damaged_kept_copy_is_ignored(own_protocol: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    title, _ = load_in_fresh_process(own_protocol, cache)
    for kept in (own_protocol / "__pycache__").iterdir():
        kept.write_bytes(b"\x00garbage")
    assert load_in_fresh_process(own_protocol, cache) == (title, True)


def test_a_folder_that_cannot_be_written_keeps_the_copy_in_the_users_cache(
        own_protocol: Path, tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes any folder")
    cache = tmp_path / "cache"
    own_protocol.chmod(0o500)
    try:
        title, parsed = load_in_fresh_process(own_protocol, cache)
        assert parsed and list((cache / "granska" / "protocols").iterdir())
        assert load_in_fresh_process(own_protocol, cache) == (title, False)
    finally:
        own_protocol.chmod(0o700)


def test_the_kept_copy_keeps_which_questions_are_sensitive(own_protocol: Path,
                                                            tmp_path: Path) -> None:
    """``sensitive = true`` decides what --publish hides: a copy kept from before the flag
    was set must not be read, and the kept copy must carry it."""
    code = (
        "import sys\n"
        "from review_protocols.search_paths import configure_search_paths\n"
        f"configure_search_paths([{str(own_protocol)!r}])\n"
        "from review_protocols import load_builtin\n"
        "protocol = load_builtin('boendestod_sol')\n"
        "print('sensitive:' + ','.join(q.id for q in protocol.questions if q.sensitive))\n"
        "print('tomllib' in sys.modules)\n"
    )
    cache = tmp_path / "cache"

    def run() -> tuple[str, str]:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True, cwd=REPO,
                                env={"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin",
                                     "HOME": str(cache)})
        sensitive, parsed = result.stdout.strip().splitlines()
        return sensitive.removeprefix("sensitive:"), parsed

    toml = own_protocol / "boendestod_sol.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("sensitive = true\n", ""),
                    encoding="utf-8")
    assert run() == ("", "True")
    assert run() == ("", "False")  # kept
    toml.write_bytes(SHIPPED.read_bytes())
    sensitive, parsed = run()
    assert parsed == "True" and "vald_fragat" in sensitive.split(",")
    assert run() == (sensitive, "False")
