"""The derived outcome of a follow-up, on the shipped protocol's own skip logic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from review_protocols import load_builtin
from review_protocols.avtalsuppfoljning.outcome import derive_outcome, override_needs_reason
from review_protocols.conditions import applicable

PROTOCOL = load_builtin("avtalsuppfoljning")
UNIT = {"regime": "LOV", "contract_area": "HVB"}
CHECKS = [q.id for q in PROTOCOL.questions if PROTOCOL.has_question(f"{q.id}_slutstatus")]


def outcome(answers: dict, **kw) -> str | None:
    return derive_outcome(answers, applicable(PROTOCOL, answers, UNIT), **kw)


def test_the_four_rules() -> None:
    clean = dict.fromkeys(CHECKS, "godkand")
    assert outcome(clean) == "foljer"
    fixed = {**clean, "rutin_hot_vald": "saknas", "rutin_hot_vald_slutstatus": "godkand"}
    assert outcome(fixed) == "efter_komplettering"
    minor = {**fixed, "handledning": "brist", "handledning_slutstatus": "kvarstar_mindre"}
    assert outcome(minor) == "mindre_brister"
    serious = {**minor, "ledningssystem": "brist", "ledningssystem_slutstatus":
               "kvarstar_allvarlig"}
    assert outcome(serious) == "foljer_inte"
    assert outcome(fixed, escalation_open=True) == "foljer_inte"
    assert outcome({**clean, "rutin_lex_sarah": "brist"}) is None  # no final state yet
    assert outcome({"utfall": "ej_genomford"}) == "ej_genomford"


def test_a_check_that_does_not_apply_does_not_count() -> None:
    # rutin_skyddsatgarder applies only to daglig verksamhet: its answer is ignored in HVB.
    answers = {**dict.fromkeys(CHECKS, "godkand"), "rutin_skyddsatgarder": "saknas"}
    assert outcome(answers) == "foljer"


def test_override_needs_a_reason() -> None:
    assert override_needs_reason({"utfall": "foljer"}, "mindre_brister")
    assert not override_needs_reason({"utfall": "foljer", "utfall_motivering": "muntligt"},
                                     "mindre_brister")
    assert not override_needs_reason({"utfall": "mindre_brister"}, "mindre_brister")


@given(st.dictionaries(st.sampled_from(CHECKS), st.tuples(
    st.sampled_from(["godkand", "brist", "saknas", "ej_tillampligt"]),
    st.sampled_from(["godkand", "kvarstar_mindre", "kvarstar_allvarlig"]))))
def test_outcome_is_never_better_than_its_worst_final_state(scored) -> None:
    answers: dict = {}
    for check, (first, final) in scored.items():
        answers[check] = first
        answers[f"{check}_slutstatus"] = final
    applies = applicable(PROTOCOL, answers, UNIT)
    finals = {final for check, (first, final) in scored.items()
              if first in ("brist", "saknas") and applies[check]}
    derived = outcome(answers)
    if not finals:
        assert derived == "foljer"
    elif "kvarstar_allvarlig" in finals:
        assert derived == "foljer_inte"
    elif "kvarstar_mindre" in finals:
        assert derived == "mindre_brister"
    else:
        assert derived == "efter_komplettering"
