"""The string catalogue (jobs/i18n.py): every key the code looks up is there, in both
languages, with the same placeholders in each.

The code is read, not run: every ``t(...)`` call and ``STRINGS[...]`` lookup in the
packages is found with ``ast``. A literal key must be in the catalogue; a key built
with an f-string (``t(f"status.{status}")``) must match at least one key. A key held
in a variable cannot be read this way; those lookups are covered by the screens'
own tests.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from jobs.i18n import STRINGS

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("jobs", "tui", "tallies", "samples", "store", "review_protocols")


def looked_up(source: str) -> list[tuple[int, str | re.Pattern[str]]]:
    """(line, key or pattern) of every catalogue lookup in ``source`` with a key written
    in the code: ``t("key")``, ``t(f"prefix.{x}")``, ``STRINGS["key"]``, and a store
    ``Refusal("key")`` (``cli.error.key``)."""
    found: list[tuple[int, str | re.Pattern[str]]] = []
    for node in ast.walk(ast.parse(source)):
        prefix = ""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "t" and node.args:
            key = node.args[0]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "Refusal" and node.args:
            key, prefix = node.args[0], "cli.error."  # store.errors.Refusal's keys
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                and node.value.id == "STRINGS":
            key = node.slice
        else:
            continue
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.append((node.lineno, prefix + key.value))
        elif isinstance(key, ast.JoinedStr):
            parts = [re.escape(part.value) if isinstance(part, ast.Constant) else ".+"
                     for part in key.values]
            parts.insert(0, re.escape(prefix))
            found.append((node.lineno, re.compile("".join(parts))))
    return found


def missing_from_catalogue(source: str) -> list[str]:
    missing = []
    for line, key in looked_up(source):
        if isinstance(key, str):
            if key not in STRINGS:
                missing.append(f"{line}: {key}")
        elif not any(key.fullmatch(known) for known in STRINGS):
            missing.append(f"{line}: {key.pattern}")
    return missing


def code_files() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_every_key_the_code_looks_up_is_in_the_catalogue() -> None:
    missing, lookups = [], 0
    for path in code_files():
        source = path.read_text(encoding="utf-8")
        lookups += len(looked_up(source))
        missing += [f"{path.relative_to(ROOT)}:{where}" for where in missing_from_catalogue(source)]
    assert lookups > 200  # the scan reads the real code, not an empty tree
    assert not missing, "not in jobs/i18n.py: " + ", ".join(missing)


@pytest.mark.parametrize(("source", "missing"), [
    ('t("no.such.key")', ["1: no.such.key"]),
    ('STRINGS["no.such.key"][0]', ["1: no.such.key"]),
    ('x = 1\nt(f"no_such_prefix.{x}")', ["2: no_such_prefix\\..+"]),
    ('t("key.quit")\nt(f"status.{s}")', []),
    ('t(name)', []),  # a key in a variable is not read here
    ('Refusal("no_such_refusal")', ["1: cli.error.no_such_refusal"]),
    ('Refusal(f"assign_held_{kind}")', []),
])
def test_the_scan_finds_a_key_that_is_not_there(source: str, missing: list[str]) -> None:
    assert missing_from_catalogue(source) == missing


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = STRINGS[key]
    assert isinstance(entry, tuple) and len(entry) == 2, "(svenska, English)"
    swedish, english = entry
    assert swedish.strip() and english.strip()
    assert fields(swedish) == fields(english)
