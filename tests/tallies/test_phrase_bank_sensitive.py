"""A phrase on a sensitive question may not quote the district's figures: taken into a
district note, the figure would reach the published report unsuppressed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import review_protocols
from review_protocols.phrases import PhrasesError, loads_phrases


@pytest.mark.parametrize("field", ["count", "base", "percent"])
def test_a_figure_on_a_sensitive_question_is_refused_in_one_line(protocol, field) -> None:
    text = ('[[phrases]]\nquestion = "vald_fragat"\nkind = "development"\nbelow = 75\n'
            f'text = "Fråga om våld ({{{field}}})"\n')
    with pytest.raises(PhrasesError) as caught:
        loads_phrases(text, protocol, source="bank.phrases.toml")
    message = str(caught.value)
    assert message.startswith("bank.phrases.toml, phrase 1: ") and "\n" not in message
    assert "'vald_fragat' is sensitive" in message and f"{{{field}}}" in message


def test_a_sensitive_question_without_figures_and_a_plain_one_with_them_load(protocol) -> None:
    text = ('[[phrases]]\nquestion = "vald_fragat"\nkind = "development"\nbelow = 75\n'
            'text = "Fråga om våld"\n\n[[phrases]]\nquestion = "dur_aktuell"\n'
            'kind = "strength"\nat_least = 90\ntext = "{count} av {base} ({percent} %)"\n')
    assert len(loads_phrases(text, protocol, source="bank.phrases.toml")) == 2


def test_protocol_check_refuses_the_bad_bank(tmp_path: Path, capsys) -> None:
    from tui.cli import main

    shipped = Path(review_protocols.__file__).parent
    for name in ("boendestod_sol.toml", "boendestod_sol.phrases.toml"):
        shutil.copy(shipped / name, tmp_path / name)
    bank = tmp_path / "boendestod_sol.phrases.toml"
    with bank.open("a", encoding="utf-8") as out:
        out.write('\n[[phrases]]\nquestion = "vald_fragat"\nkind = "strength"\n'
                  'at_least = 90\ntext = "Frågat om våld i {count} av {base} ärenden"\n')
    assert main(["protocol", "check", str(tmp_path / "boendestod_sol.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{bank}, phrase 24: " in err
    assert "'vald_fragat' is sensitive" in err and "Traceback" not in err
