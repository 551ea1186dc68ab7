"""Typed numbers and dates: the inline message agrees with the parser, for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from review_protocols import load_builtin
from review_protocols.values import ValueProblem, parse
from tui.widgets.question import problem_text

PROTOCOL = load_builtin("boendestod_sol")
HOURS = PROTOCOL.question("beviljad_tid_timmar_manad")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.-+ abc", max_size=8))
def test_a_problem_is_shown_exactly_when_the_value_would_be_refused(raw: str) -> None:
    try:
        parse(HOURS, raw)
        refused = False
    except ValueProblem:
        refused = True
    assert (problem_text(HOURS, raw) is not None) == refused


def test_problems_name_the_limit_in_swedish() -> None:
    assert problem_text(HOURS, "745") == "ska vara högst 744"
    assert problem_text(HOURS, "-1") == "ska vara minst 0"
    assert problem_text(HOURS, "12,5") is None
    assert problem_text(HOURS, "1,2,3") == "inte ett tal (skriv t.ex. 12 eller 12,5)"
