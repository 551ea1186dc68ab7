"""`evidence = "when_not_ok"` on a question: read from the protocol, refused when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

import review_protocols
from review_protocols import ProtocolError
from tests.review_protocols.test_protocol_validation import with_question, write
from tui.cli import main

CHOICE = '''\
id = "x"
type = "single"
text = "Framgår det?"
options = [{ code = "ja", label = "Ja" }, { code = "delvis", label = "Delvis" },
           { code = "nej", label = "Nej" }]
'''


def test_when_not_ok_needs_evidence_for_every_answer_but_the_first_option(tmp_path) -> None:
    protocol = review_protocols.load_file(
        write(tmp_path, with_question(CHOICE + 'evidence = "when_not_ok"\n')))
    question = protocol.question("x")
    assert question.evidence == "when_not_ok" and question.good_code == "ja"
    assert [question.needs_evidence(v) for v in ("ja", "delvis", "nej", None, "")] == [
        False, True, True, False, False]
    assert not protocol.question("plan_finns").needs_evidence("nej")  # no evidence field


@pytest.mark.parametrize(("body", "fragment"), [
    (CHOICE + 'evidence = "always"\n', "evidence is 'always'; use evidence = \"when_not_ok\""),
    (CHOICE + "evidence = true\n", "'evidence' must be text in quotes, not bool"),
    ('id = "x"\ntype = "text"\ntext = "A"\nevidence = "when_not_ok"\n',
     "evidence applies to single and multi questions"),
])
def test_a_bad_evidence_value_is_one_line_naming_file_and_question(tmp_path, body,
                                                                   fragment) -> None:
    path = write(tmp_path, with_question(body))
    with pytest.raises(ProtocolError) as caught:
        review_protocols.load_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, section 'plan', question 'x': ")
    assert fragment in message and "\n" not in message


def test_protocol_check_refuses_a_bad_evidence_value_with_exit_2(tmp_path: Path,
                                                                 capsys) -> None:
    path = write(tmp_path, with_question(CHOICE + 'evidence = "ibland"\n'))
    assert main(["protocol", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "question 'x'" in err and "evidence is 'ibland'" in err


def test_the_shipped_protocol_asks_evidence_for_the_findings_the_report_quotes() -> None:
    protocol = review_protocols.load_builtin("boendestod_sol")
    assert {q.id for q in protocol.questions if q.evidence} == {
        "dur_aktuell", "intressen_resurser_onskemal", "bestallning_strukturerad",
        "genomforandeplan_overensstammer", "uppfoljning_dokumenterad", "vald_fragat",
        # the report's stated findings (issue 16 point 6)
        "livsomraden_utredda", "egen_uppfattning", "ny_akt_vid_18", "utredning_uppdaterad_18",
        "bestallning_kopierad"}
    assert protocol.question("dur_aktuell").good_code == "ja"
    assert protocol.question("bestallning_kopierad").needs_evidence("ja")
    assert not protocol.question("bestallning_kopierad").needs_evidence("nej")
    assert protocol.question("intressen_resurser_onskemal").good_code == "framgar"
