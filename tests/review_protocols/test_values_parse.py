"""values.parse on what people type: a value that fits, or a ValueProblem."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import review_protocols
from review_protocols import Question, QuestionType
from review_protocols.values import ValueProblem, decode, encode, parse

PROTOCOL = review_protocols.load_builtin("boendestod_sol")
HOURS = PROTOCOL.question("beviljad_tid_timmar_manad")
DAYS = PROTOCOL.question("genomforandeplan_dagar")
DECISION = PROTOCOL.question("beslut")
HOW = PROTOCOL.question("uppfoljning_hur")
DATE = Question(id="datum", type=QuestionType.DATE, text="Datum?", section_id="s")

number_like = st.from_regex(r"\A[ +-]?[0-9 ]{0,6}[.,]?[0-9]{0,3}\Z")


@pytest.mark.parametrize(("typed", "value"), [
    ("12", 12), ("12,5", 12.5), (" 13.0 ", 13), ("+12", 12), ("\u00a012\u00a0", 12),
    (",5", 0.5), ("744", 744), ("", None), ("   ", None),
])
def test_hours_that_fit(typed: str, value: float | None) -> None:
    assert parse(HOURS, typed) == value


@pytest.mark.parametrize(("typed", "message"), [
    ("tolv", "is not a number"), ("12 h", "is not a number"), ("1,2,3", "is not a number"),
    ("1e3", "is not a number"), ("nan", "is not a number"), ("inf", "is not a number"),
    ("-0,5", "at least 0"), ("745", "at most 744"), ("9" * 400, "at most 744"),
])
def test_hours_that_do_not_fit(typed: str, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse(HOURS, typed)


def test_days_must_be_whole() -> None:
    assert parse(DAYS, "15") == 15
    with pytest.raises(ValueProblem, match="whole number"):
        parse(DAYS, "15,5")


def check_number(question: Question, text: str) -> None:
    try:
        value = parse(question, text)
    except ValueProblem as problem:
        assert str(problem)
        return
    if value is None:
        assert text.strip() == ""
        return
    assert isinstance(value, (int, float)) and not isinstance(value, bool)
    assert math.isfinite(value)
    assert question.minimum <= value <= question.maximum
    if question.integer:
        assert isinstance(value, int)
    # What is stored reads back as the same number.
    assert decode(question, encode(question, value)) == value


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_random_text_to_a_number_question(text: str) -> None:
    check_number(HOURS, text)
    check_number(DAYS, text)


@settings(max_examples=500, deadline=None)
@given(number_like)
def test_number_like_text_to_a_number_question(text: str) -> None:
    check_number(HOURS, text)
    check_number(DAYS, text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_to_choice_and_date_questions(text: str) -> None:
    for question in (DECISION, HOW, DATE):
        try:
            value = parse(question, text)
        except ValueProblem:
            continue
        if question is DECISION and value is not None:
            assert value in {"bifall", "delavslag", "avslag"}
        if question is HOW and value is not None:
            assert set(value) <= {o.code for o in HOW.options}
        if question is DATE and value is not None:
            assert len(value) == 10


def test_choice_accepts_codes_and_labels() -> None:
    assert parse(DECISION, "Bifall") == "bifall"
    assert parse(HOW, "personligt_mote; telefon") == ["personligt_mote", "telefon"]
    assert parse(HOW, "telefon|personligt_mote") == ["personligt_mote", "telefon"]
    with pytest.raises(ValueProblem, match="not an option of beslut"):
        parse(DECISION, "kanske")
