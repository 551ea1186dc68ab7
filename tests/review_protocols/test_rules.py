"""The rules loader: every bad rules file is one line naming the file, the rule and the fix;
broken TOML of any shape never raises anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_protocols.rules import (
    CaseFacts,
    RulesError,
    evaluate,
    load_rules,
    load_rules_file,
    loads_rules,
    rules_path,
)

SHIPPED = Path(__file__).resolve().parents[2] / "review_protocols" / "boendestod_sol.rules.toml"


def test_the_shipped_rules_sit_beside_their_protocol(protocol) -> None:
    assert rules_path(protocol) == SHIPPED
    rules = load_rules(protocol)
    kinds = {rule.kind for rule in rules}
    assert kinds == {"required_blank", "no_longer_applicable", "contradiction",
                     "out_of_range", "outside_period", "sampled_twice", "evidence_missing"}


def _rule(body: str) -> str:
    return f'[[rules]]\nid = "r"\nmessage = "m"\n{body}\n'


@pytest.mark.parametrize(("text", "expected"), [
    ('[[rules]]\nid = "r"\nkind = "nope"\nmessage = "m"\n',
     "rule 'r': kind 'nope' is unknown; use one of: required_blank"),
    ("[[rules]]\nkind = \"sampled_twice\"\n", "rule 1 is missing 'id'"),
    (_rule('kind = "sampled_twice"\nquestion = "beslut"'),
     "rule 'r': a sampled_twice rule has no key 'question'; its keys: id, kind, message"),
    (_rule('kind = "contradiction"\nquestion = "beslut"'),
     "rule 'r': a contradiction rule needs question (the one to mark) and when"),
    (_rule('kind = "contradiction"\nquestion = "beslut"\n'
           'when = { question = "finns_inte", equals = "ja" }'),
     "rule 'r': when: refers to 'finns_inte', which is not a question of the protocol"),
    (_rule('kind = "contradiction"\nquestion = "beslut"\n'
           'when = { question = "beslut", equals = "kanske" }'),
     "rule 'r': when: 'kanske' is not an option of 'beslut'"),
    (_rule('kind = "out_of_range"\nquestion = "beslut"\nmax = 3'),
     "rule 'r': an out_of_range rule needs question = a number question"),
    (_rule('kind = "out_of_range"\nquestion = "genomforandeplan_dagar"\nmin = 9\nmax = 3'),
     "rule 'r': min (9) is greater than max (3); swap them"),
    (_rule('kind = "out_of_range"\nquestion = "genomforandeplan_dagar"'),
     "rule 'r': an out_of_range rule needs min, max or both"),
    (_rule('kind = "out_of_range"\nquestion = "genomforandeplan_dagar"\nmax = nan'),
     "rule 'r': max must be a finite number"),
    (_rule('kind = "outside_period"'),
     "rule 'r': an outside_period rule needs either date = \"decision_date\" or question"),
    (_rule('kind = "outside_period"\ndate = "birth_date"'),
     "rule 'r': date must be one of: decision_date"),
    (_rule('kind = "outside_period"\nquestion = "beslut"'),
     "rule 'r': question 'beslut' is not a date question"),
    (_rule('kind = "required_blank"\nquestions = ["beslut", "x"]'),
     "rule 'r': questions: 'x' is not in protocol 'boendestod_sol'"),
    (_rule('kind = "required_blank"\nquestions = []'),
     "rule 'r': 'questions' must be a non-empty list of question ids"),
    (_rule('kind = "sampled_twice"') + _rule('kind = "sampled_twice"'),
     "rule 'r': this id is used twice"),
    ('[[rules]]\nid = "Stor"\nkind = "sampled_twice"\nmessage = "m"\n',
     "rule 1: id 'Stor' must be lowercase ascii letters"),
    ('[[rules]]\nid = "r"\nkind = "sampled_twice"\nmessage = ""\n', "'message' is empty"),
    ('[[rules]]\nid = "r"\nkind = "sampled_twice"\nmessage = 3\n',
     "'message' must be text in quotes, not int"),
    ('rules = 3\n', "'rules' must be an array of tables"),
    ('[rule]\n', "unknown top-level key 'rule'"),
    ('rules = [3]\n', "rule 1 must be a table"),
    ('[[rules]\n', "invalid TOML"),
])
def test_a_bad_rule_is_one_line_naming_file_rule_and_fix(protocol, text: str,
                                                         expected: str) -> None:
    with pytest.raises(RulesError) as error:
        loads_rules(text, protocol, source="x.rules.toml")
    message = str(error.value)
    assert message.startswith("x.rules.toml")
    assert expected in message
    assert "\n" not in message


def test_an_unreadable_or_non_utf8_file_is_one_line(protocol, tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no such file"):
        load_rules_file(tmp_path / "none.rules.toml", protocol)
    latin = tmp_path / "latin.rules.toml"
    latin.write_bytes('# räkna\n'.encode("latin-1"))
    with pytest.raises(RulesError, match="not UTF-8"):
        load_rules_file(latin, protocol)


_TOML_BITS = st.sampled_from([
    "[[rules]]\n", "[rules]\n", 'id = "r"\n', 'id = "obligatorisk"\n', "kind = ", '"',
    '"contradiction"\n', '"out_of_range"\n', '"outside_period"\n', '"sampled_twice"\n',
    '"evidence_missing"\n', '"required_blank"\n', 'message = "m"\n', 'question = "beslut"\n',
    'question = "genomforandeplan_dagar"\n', "when = ", "{ ", "} ", "[", "]", ", ",
    'question = "beslut", equals = "avslag"', "all = ", "any = ", "not = ", "answered = true",
    "between = [1, 2]", "min = ", "max = ", "-1", "1e999", "nan", "3\n", "questions = ",
    '["beslut"]\n', 'date = "decision_date"\n', "\n", "=", "'", "\x00", "ä",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOML_BITS, max_size=30).map("".join) | st.text(max_size=200))
def test_broken_rules_never_raise_anything_but_their_line(text: str) -> None:
    from review_protocols import load_builtin

    protocol = load_builtin("boendestod_sol")
    try:
        loads_rules(text, protocol, source="f.rules.toml")
    except RulesError as error:
        assert str(error).startswith("f.rules.toml")
        assert "\n" not in str(error)


def test_deep_nesting_is_one_line(protocol) -> None:
    deep = "{ not = " * 400 + '{ question = "beslut", equals = "avslag" }' + " }" * 400
    text = _rule(f'kind = "contradiction"\nquestion = "beslut"\nwhen = {deep}')
    with pytest.raises(RulesError, match="nested too deeply"):
        loads_rules(text, protocol, source="f.rules.toml")


def test_contradiction_reads_answers_left_behind(protocol) -> None:
    """A rule sees stored answers whether or not their question still applies."""
    rules = loads_rules(_rule(
        'kind = "contradiction"\nquestion = "genomforandeplan_overensstammer"\n'
        'when = { all = [{ question = "genomforandeplan_finns", equals = "nej" },'
        ' { question = "genomforandeplan_overensstammer", answered = true }] }'), protocol)
    case = CaseFacts(1, "A-1", "anna", "in_progress",
                     {"genomforandeplan_finns": "nej", "genomforandeplan_overensstammer": "ja"})
    [finding] = evaluate(rules, protocol, [case])
    assert (finding.case_ref, finding.rule_id, finding.question_id, finding.detail) == (
        "A-1", "r", "genomforandeplan_overensstammer", "Ja")
    fixed = CaseFacts(1, "A-1", "anna", "in_progress", {"genomforandeplan_finns": "nej"})
    assert evaluate(rules, protocol, [fixed]) == []
