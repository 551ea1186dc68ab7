"""The protocol fields of issue 16: good and not_applicable options, indicator questions,
subtotals and merged areas; each bad value is one line naming file, question and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_protocols.loader import ProtocolError, loads

HEAD = '''
[protocol]
id = "p"
version = "1"
title = "P"

[[areas]]
id = "kunskap"
label = "Kunskap och effektivitet"
aliases = ["effektivitet"]

[[sections]]
id = "s"
title = "S"
'''


def protocol_with(question: str):
    return loads(HEAD + "\n[[sections.questions]]\n" + question, source="p.toml")


SINGLE = 'id = "q"\ntype = "single"\ntext = "?"\narea = "effektivitet"\n'


def test_the_flags_are_read() -> None:
    protocol = protocol_with(SINGLE + 'indicator = false\noptions = [\n'
                             '  { code = "ja", label = "Ja" },\n'
                             '  { code = "nej", label = "Nej", good = true },\n'
                             '  { code = "ej", label = "Ej relevant", not_applicable = true },\n'
                             ']\nsubtotals = [{ code = "alla", label = "Alla", '
                             'of = ["ja", "nej"] }]\n')
    question = protocol.question("q")
    assert [o.code for o in question.good_options] == ["nej"]
    assert question.not_applicable_codes == {"ej"}
    assert question.indicator is False
    assert question.subtotals[0].of == ("ja", "nej")
    assert question.area == "kunskap"  # a former area id counts under the merged area


def test_without_good_marks_the_first_option_is_the_standard() -> None:
    protocol = protocol_with(SINGLE + 'options = [{ code = "ja", label = "Ja" },'
                             ' { code = "nej", label = "Nej" }]\n')
    assert [o.code for o in protocol.question("q").good_options] == ["ja"]
    assert protocol.question("q").indicator is True


@pytest.mark.parametrize(("fragment", "message"), [
    ('options = [{ code = "ja", label = "Ja", good = "yes" }, { code = "nej", label = "N" }]',
     "option 'ja': 'good' must be true or false, not str"),
    ('options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "N", '
     'not_applicable = 1 }]',
     "option 'nej': 'not_applicable' must be true or false, not int"),
    ('options = [{ code = "ja", label = "Ja", good = true, not_applicable = true },'
     ' { code = "nej", label = "N" }]',
     "option 'ja': an answer cannot be both good and not_applicable; remove one of the two"),
    ('options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "N" }]\n'
     'indicator = "no"', "the question: 'indicator' must be true or false"),
    ('options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "N" }]\n'
     'subtotals = [{ code = "b", label = "B", of = ["ja", "kanske"] }]',
     "subtotal 'b': 'kanske' in 'of' is not an option (options: ja, nej)"),
    ('options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "N" }]\n'
     'subtotals = [{ code = "ja", label = "B", of = ["ja", "nej"] }]',
     "subtotal 'ja': the code is an option's; give it its own code"),
])
def test_bad_values_name_file_question_option_and_field(fragment: str, message: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        protocol_with(SINGLE + fragment + "\n")
    assert str(caught.value) == f"p.toml, section 's', question 'q': {message}"


def test_not_applicable_on_a_multi_question_is_refused() -> None:
    with pytest.raises(ProtocolError, match="not_applicable only works on a single question"):
        protocol_with('id = "q"\ntype = "multi"\ntext = "?"\noptions = [\n'
                      '{ code = "a", label = "A", not_applicable = true }, '
                      '{ code = "b", label = "B" }]\n')


def test_bad_aliases_are_refused() -> None:
    with pytest.raises(ProtocolError, match="'aliases' must be a list of former area ids"):
        loads(HEAD.replace('aliases = ["effektivitet"]', 'aliases = "effektivitet"')
              + '\n[[sections.questions]]\nid = "q"\ntype = "text"\ntext = "?"\n')


def test_protocol_check_exits_2_with_one_line(tmp_path: Path) -> None:
    from tests.test_cli import REPO, run_granska

    shipped = (REPO / "review_protocols" / "boendestod_sol.toml").read_text(encoding="utf-8")
    broken = tmp_path / "boendestod_sol.toml"
    broken.write_text(shipped.replace('key = "e", not_applicable = true',
                                      'key = "e", not_applicable = "ja"', 1), encoding="utf-8")
    result = run_granska("protocol", "check", str(broken))
    assert result.returncode == 2, result.stdout
    [line] = result.stderr.splitlines()
    assert line.startswith(f"granska: {broken}, section ")
    assert line.endswith("option 'ej_relevant': 'not_applicable' must be true or false, not str")
