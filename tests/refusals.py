"""What every refused command must look like: exit 2 and one clear line on stderr."""

from __future__ import annotations

import pytest

from tui.cli import main


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def refused_in_one_line(argv: list[str], capsys, words: list[str] | tuple[str, ...] = ()
                        ) -> str:
    """Run ``granska argv``: it exits 2 with one line naming every word, no traceback;
    returns what it wrote to stdout."""
    with pytest.raises(SystemExit) as raised:
        raise SystemExit(main(argv))
    out, err = capsys.readouterr()
    assert raised.value.code == 2, err
    line = one_line(err)
    assert line.startswith("granska") and "Traceback" not in err
    for word in words:
        assert word in line, f"{word!r} missing from: {line}"
    return out
