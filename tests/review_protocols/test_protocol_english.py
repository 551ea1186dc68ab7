"""English protocol texts: optional ``*_en`` keys, Swedish fallback, and a complete shipped file."""

from __future__ import annotations

from textwrap import dedent

import pytest

from review_protocols import ProtocolError, load_builtin
from review_protocols.loader import loads
from review_protocols.values import display

ENGLISH = dedent('''\
    [protocol]
    id = "prov"
    version = "1"
    title = "Provprotokoll"
    title_en = "Trial protocol"

    [[areas]]
    id = "trygghet"
    label = "Trygghet och säkerhet"
    label_en = "Security and safety"

    [[sections]]
    id = "beslut"
    title = "Beslut"
    title_en = "Decision"
    help = "Det granskade beslutet."
    help_en = "The reviewed decision."

    [[sections.questions]]
    id = "beslut"
    type = "single"
    text = "Vilket beslut har fattats?"
    text_en = "What decision was made?"
    short = "Beslut"
    short_en = "Decision"
    help = "Hjälp."
    help_en = "Help."
    area = "trygghet"
    options = [
        { code = "bifall", label = "Bifall", label_en = "Granted", key = "b" },
        { code = "avslag", label = "Avslag", key = "a" },
    ]

    [[sections.questions]]
    id = "kommentar"
    type = "text"
    text = "Kommentar"
    required = false
''')


def test_english_keys_are_read_and_swedish_is_the_default_and_the_fallback() -> None:
    protocol = loads(ENGLISH)
    question = protocol.question("beslut")
    section = protocol.sections[0]
    assert (protocol.title_in("en"), protocol.title_in("sv")) == ("Trial protocol", "Provprotokoll")
    assert (section.title_in("en"), section.help_in("en")) == ("Decision", "The reviewed decision.")
    assert question.text_in("en") == "What decision was made?"
    assert question.text_in("sv") == question.text == "Vilket beslut har fattats?"
    assert (question.label_in("en"), question.help_in("en")) == ("Decision", "Help.")
    # an option without English shows its Swedish label
    assert [o.label_in("en") for o in question.options] == ["Granted", "Avslag"]
    assert protocol.area_label("trygghet", "en") == "Security and safety"
    assert display(question, "bifall", "en") == "Granted"
    assert display(question, "bifall") == "Bifall"
    plain = protocol.question("kommentar")  # no English at all, no short label
    assert (plain.text_in("en"), plain.label_in("en")) == ("Kommentar", "kommentar")


def test_a_protocol_without_english_loads_and_shows_swedish_in_english_mode() -> None:
    swedish = ENGLISH.replace(', label_en = "Granted"', "")
    swedish = "\n".join(line for line in swedish.splitlines() if "_en =" not in line)
    protocol = loads(swedish)
    question = protocol.question("beslut")
    assert question.text_in("en") == "Vilket beslut har fattats?"
    assert protocol.sections[0].title_in("en") == "Beslut"
    assert question.options[0].label_in("en") == "Bifall"


@pytest.mark.parametrize(("old", "new", "where"), [
    ('title_en = "Trial protocol"', "title_en = 3", "[protocol]: 'title_en' must be text"),
    ('label_en = "Security and safety"', "label_en = true",
     "[[areas]]: 'label_en' must be text"),
    ('title_en = "Decision"', "title_en = []", "section 'beslut': the section: 'title_en'"),
    ('text_en = "What decision was made?"', "text_en = 1.5",
     "question 'beslut': the question: 'text_en' must be text in quotes, not float"),
    ('short_en = "Decision"', "short_en = 2", "the question: 'short_en' must be text"),
    ('help_en = "Help."', "help_en = false", "the question: 'help_en' must be text"),
    ('label_en = "Granted"', "label_en = 7",
     "option 1: 'label_en' must be text in quotes, not int"),
])
def test_an_english_key_of_the_wrong_type_is_one_precise_error(old: str, new: str,
                                                                where: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        loads(ENGLISH.replace(old, new, 1), source="prov.toml")
    assert str(caught.value).startswith("prov.toml")
    assert where in str(caught.value)


def test_a_misspelt_english_key_is_named() -> None:
    with pytest.raises(ProtocolError, match="unknown key 'text_eng'"):
        loads(ENGLISH.replace("text_en =", "text_eng =", 1))


def test_every_text_of_the_shipped_protocol_has_english() -> None:
    protocol = load_builtin("boendestod_sol")
    assert protocol.title_en
    missing = [a.id for a in protocol.areas if not a.label_en]
    for section in protocol.sections:
        if not section.title_en or (section.help and not section.help_en):
            missing.append(section.id)
        for q in section.questions:
            if not (q.text_en and q.short_en) or (q.help and not q.help_en):
                missing.append(q.id)
            missing += [f"{q.id}.{o.code}" for o in q.options if not o.label_en]
    assert missing == []
