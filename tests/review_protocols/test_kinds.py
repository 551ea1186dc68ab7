"""A kind of review is declared in one place, and only its folder names its questions."""

from __future__ import annotations

import ast
from pathlib import Path

from jobs.words import words
from review_protocols import load_builtin, loads
from review_protocols.kinds import CASE_FILE, kind_of
from store.evidence import DOC_TYPES
from tallies.report import build_report

REPO = Path(__file__).resolve().parents[2]
CODE = ("tui", "jobs", "tallies", "samples", "store", "review_protocols")


def test_boendestod_is_declared_with_its_folder() -> None:
    kind = kind_of("boendestod_sol")
    protocol = load_builtin("boendestod_sol")
    assert kind.protocol == protocol.id
    assert kind.unit is CASE_FILE
    for pair in kind.tallies.combined:
        assert all(protocol.has_question(q) for q in pair)
    assert all(protocol.has_question(q) for q in kind.tallies.bands)
    assert kind.case_file_writer().generate_cases(protocol, 1, seed=1)


MINIMAL = """
[protocol]
id = "enkel"
version = "1"
title = "En enkel granskning"
language = "sv"

[[areas]]
id = "a"
label = "A"

[[sections]]
id = "plan"
title = "Plan"

[[sections.questions]]
id = "genomforandeplan_finns"
type = "single"
text = "Finns en plan?"
area = "a"
options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "Nej" }]

[[sections.questions]]
id = "genomforandeplan_overensstammer"
type = "single"
text = "Stämmer planen?"
area = "a"
options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "Nej" }]
"""


def test_a_protocol_without_a_kind_gets_plain_tallies_and_no_case_files() -> None:
    """The same two questions make boendestöd's Table 1 only because its kind says so."""
    protocol = loads(MINIMAL, "enkel.toml")
    kind = kind_of(protocol.id)
    assert kind.tallies.combined == () and kind.case_files is None
    report = build_report(protocol, [], ["Skarpnäck"], words=words("sv"))
    assert not [t for t in report.tables if t.id.startswith("plan_stammer")]


def _string_literals(tree: ast.AST) -> set[str]:
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings}


def test_no_code_outside_the_protocol_folder_names_its_questions() -> None:
    ids = {q.id for q in load_builtin("boendestod_sol").questions}
    own = REPO / "review_protocols" / "boendestod_sol"
    named = {}
    for package in CODE:
        for path in (REPO / package).rglob("*.py"):
            if own in path.parents:
                continue
            found = _string_literals(ast.parse(path.read_text(encoding="utf-8"))) & ids
            if path == REPO / "store" / "evidence.py":  # document type "beslut", not a question
                found -= set(DOC_TYPES)
            if found:
                named[str(path.relative_to(REPO))] = sorted(found)
    assert named == {}
