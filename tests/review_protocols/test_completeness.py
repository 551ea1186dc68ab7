"""What "complete" means: every applicable required question answered, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from review_protocols import QuestionType, applicable, load_builtin
from review_protocols.completeness import answered_applicable, is_answered, missing_required

PROTOCOL = load_builtin("boendestod_sol")
CHOICES = [q for q in PROTOCOL.questions if q.type is QuestionType.SINGLE]


@st.composite
def partial_answers(draw) -> dict:
    """Any subset of single-choice questions, each with one of its options."""
    chosen = draw(st.lists(st.sampled_from(CHOICES), unique_by=lambda q: q.id))
    return {q.id: draw(st.sampled_from([o.code for o in q.options])) for q in chosen}


@settings(max_examples=200, deadline=None)
@given(partial_answers())
def test_missing_is_exactly_the_applicable_required_unanswered(answers: dict) -> None:
    applies = applicable(PROTOCOL, answers)
    missing = missing_required(PROTOCOL, answers)
    for question in PROTOCOL.questions:
        expected = question.required and applies[question.id] and question.id not in answers
        assert (question.id in missing) == expected
    answered, total = answered_applicable(PROTOCOL, answers)
    assert answered + len(missing) <= total


@settings(max_examples=100, deadline=None)
@given(partial_answers())
def test_an_answer_kept_for_a_question_that_no_longer_applies_does_not_count(answers) -> None:
    with_avslag = {**answers, "beslut": "avslag", "genomforandeplan_finns": "ja"}
    assert "genomforandeplan_finns" not in missing_required(PROTOCOL, with_avslag)
    answered, _ = answered_applicable(PROTOCOL, with_avslag)
    applies = applicable(PROTOCOL, with_avslag)
    assert answered == sum(1 for q, v in with_avslag.items() if applies[q] and is_answered(v))


def test_avslag_case_needs_the_refusal_questions_not_the_plan() -> None:
    missing = missing_required(PROTOCOL, {"dur_aktuell": "nej", "beslut": "avslag"})
    assert "avslag_motivering_lasbar" in missing
    assert "genomforandeplan_finns" not in missing and "bestallning_strukturerad" not in missing
    assert "utredning_iakttagelser" not in missing  # optional free text
