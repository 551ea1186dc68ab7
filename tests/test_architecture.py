"""The layers and the import graph, checked rather than described (README "For developers").

import-linter reads the contracts in pyproject.toml; TYPE_CHECKING imports count, so a
type hint cannot smuggle a face into the core. The graph must have no import circles.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("tui", "jobs", "tallies", "samples", "store", "review_protocols")


def test_the_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The import graph's strongly connected parts of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_there_are_no_import_circles() -> None:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)  # TYPE_CHECKING imports included
    assert circles(graph) == []


def test_a_circle_is_found(tmp_path, monkeypatch) -> None:
    """The finder itself: two modules that import each other, one of them only for a type."""
    package = tmp_path / "circular"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circular import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circular import a\n")
    (package / "c.py").write_text("from circular import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert circles(grimp.build_graph("circular", cache_dir=None)) == [
        ["circular.a", "circular.b"]]
