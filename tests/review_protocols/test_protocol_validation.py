"""Broken protocol files: each gives one ProtocolError that says where and what."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import review_protocols
from review_protocols import Protocol, ProtocolError
from review_protocols.loader import builtin_path

VALID = dedent('''\
    [protocol]
    id = "prov"
    version = "1"
    title = "Provprotokoll"
    language = "sv"

    [[areas]]
    id = "trygghet"
    label = "Trygghet och säkerhet"

    [[sections]]
    id = "beslut"
    title = "Beslut"

    [[sections.questions]]
    id = "beslut"
    type = "single"
    text = "Vilket beslut har fattats?"
    area = "trygghet"
    options = [
        { code = "bifall", label = "Bifall", key = "b" },
        { code = "avslag", label = "Avslag", key = "a" },
    ]

    [[sections.questions]]
    id = "timmar"
    type = "number"
    text = "Beviljad tid?"
    unit = "timmar/månad"
    min = 0
    max = 744
    when = { question = "beslut", equals = "bifall" }

    [[sections]]
    id = "plan"
    title = "Genomförandeplan"

    [[sections.questions]]
    id = "plan_finns"
    type = "single"
    text = "Finns en aktuell genomförandeplan?"
    options = [
        { code = "ja", label = "Ja", key = "j" },
        { code = "nej", label = "Nej", key = "n" },
    ]
    when = { question = "beslut", not_in = ["avslag"] }
''')


def with_question(body: str) -> str:
    """The valid protocol plus one more question at the end of section 'plan'."""
    return VALID + "\n[[sections.questions]]\n" + dedent(body)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "prov.toml"  # a protocol file is named after its id
    path.write_text(text, encoding="utf-8")
    return path


def problem(path: Path) -> str:
    with pytest.raises(ProtocolError) as caught:
        review_protocols.load_file(path)
    return str(caught.value)


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    protocol = review_protocols.load_file(write(tmp_path, VALID))
    assert [q.id for q in protocol.questions] == ["beslut", "timmar", "plan_finns"]
    assert protocol.source.endswith("prov.toml")


TITLE_LINE = VALID.splitlines().index('title = "Beslut"') + 1

# Each case: (the broken text, fragments the message must contain besides the path).
BROKEN = {
    "toml syntax": (
        VALID.replace('title = "Beslut"', 'title = "Beslut'),
        ["invalid TOML", f"line {TITLE_LINE}"],
    ),
    "unknown top-level key": (
        VALID + '\n[installningar]\nfarg = "blå"\n',
        ["top level has unknown key 'installningar'", "allowed keys: areas, protocol, sections"],
    ),
    "unknown protocol key": (
        VALID.replace('language = "sv"', 'language = "sv"\nforfattare = "X"'),
        ["[protocol] has unknown key 'forfattare'"],
    ),
    "unknown question key": (
        with_question('id = "x"\ntype = "text"\ntext = "Anteckning"\nfarg = "röd"\n'),
        ["section 'plan', question 'x'", "has unknown key 'farg'", "allowed keys:"],
    ),
    "missing question id": (
        with_question('type = "text"\ntext = "Anteckning"\n'),
        ["section 'plan':", "the question is missing 'id'"],
    ),
    "question id not an identifier": (
        with_question('id = "Plan-ok"\ntype = "text"\ntext = "Anteckning"\n'),
        ["section 'plan':", "id 'Plan-ok' must be lowercase ascii letters, digits and _"],
    ),
    "duplicate question id across sections": (
        with_question('id = "beslut"\ntype = "text"\ntext = "Anteckning"\n'),
        ["section 'plan', question 'beslut'", "used twice", "must be unique"],
    ),
    "duplicate section id": (
        VALID.replace('id = "plan"', 'id = "beslut"'),
        ["section id 'beslut' is used twice"],
    ),
    "unknown type": (
        with_question('id = "x"\ntype = "janej"\ntext = "Fråga?"\n'),
        ["question 'x'", "type 'janej' is unknown", "single, multi, number, date, text"],
    ),
    "single choice with one option": (
        with_question('''
            id = "x"
            type = "single"
            text = "Fråga?"
            options = [{ code = "ja", label = "Ja" }]
        '''),
        ["section 'plan', question 'x'", "a single question needs at least 2 options"],
    ),
    "choice without options": (
        with_question('id = "x"\ntype = "multi"\ntext = "Fråga?"\n'),
        ["question 'x'", "a multi question needs options"],
    ),
    "ten options": (
        with_question('id = "x"\ntype = "multi"\ntext = "Fråga?"\noptions = ['
                      + ", ".join(f'{{ code = "k{n}", label = "K{n}", key = "{chr(97 + n)}" }}'
                                  for n in range(10)) + "]\n"),
        ["question 'x'", "at most 9 options"],
    ),
    "options on a text question": (
        with_question('''
            id = "x"
            type = "text"
            text = "Anteckning"
            options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "Nej" }]
        '''),
        ["question 'x'", "a text question takes no options"],
    ),
    "duplicate option code": (
        with_question('''
            id = "x"
            type = "single"
            text = "Fråga?"
            options = [
                { code = "ja", label = "Ja", key = "j" },
                { code = "ja", label = "Japp", key = "p" },
            ]
        '''),
        ["section 'plan', question 'x'", "option code 'ja' is used twice"],
    ),
    "duplicate option key": (
        with_question('''
            id = "x"
            type = "single"
            text = "Fråga?"
            options = [{ code = "delvis", label = "Delvis" }, { code = "datum", label = "Datum" }]
        '''),
        ["section 'plan', question 'x'", "option key 'd' is used twice"],
    ),
    "option key a digit": (
        with_question('''
            id = "x"
            type = "single"
            text = "Fråga?"
            options = [
                { code = "ja", label = "Ja", key = "j" },
                { code = "nej", label = "Nej", key = "2" },
            ]
        '''),
        ["question 'x'", "option 2 key '2' must be one lowercase letter"],
    ),
    "option key two letters": (
        with_question('''
            id = "x"
            type = "single"
            text = "Fråga?"
            options = [{ code = "ja", label = "Ja", key = "JA" }, { code = "nej", label = "Nej" }]
        '''),
        ["question 'x'", "option 1 key 'JA' must be one lowercase letter"],
    ),
    "when refers to a later question": (
        VALID.replace('when = { question = "beslut", equals = "bifall" }',
                      'when = { question = "plan_finns", equals = "ja" }'),
        ["section 'beslut', question 'timmar'", "refers to 'plan_finns'",
         "not an earlier question"],
    ),
    "when refers to an unknown question": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "okand", equals = "ja" }\n'),
        ["question 'x'", "refers to 'okand', which is not an earlier question"],
    ),
    "when refers to itself": (
        with_question('id = "x"\ntype = "single"\ntext = "Fråga?"\n'
                      'options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "Nej" }]\n'
                      'when = { question = "x", equals = "ja" }\n'),
        ["section 'plan', question 'x'", "a question cannot depend on itself"],
    ),
    "when with a code that is not an option": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "beslut", in = ["bifall", "delavslag"] }\n'),
        ["question 'x'", "'delavslag' is not an option of 'beslut'", "(options: avslag, bifall)"],
    ),
    "when with an unknown operator": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "beslut", is = "bifall" }\n'),
        ["question 'x'", "give exactly one of equals, in, not_equals"],
    ),
    "when equals on a number question": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "timmar", equals = "12" }\n'),
        ["question 'x'", "equals needs a choice question; 'timmar' is number"],
    ),
    "between on a non-number": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "beslut", between = [12, 13] }\n'),
        ["question 'x'", "between only works on a number question; 'beslut' is not one"],
    ),
    "between with text": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "timmar", between = [12, "tretton"] }\n'),
        ["question 'x'", "between takes two numbers"],
    ),
    "between reversed": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "timmar", between = [13, 12] }\n'),
        ["question 'x'", "between = [13, 12] is reversed", "between = [12, 13]"],
    ),
    "between not a finite number": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "timmar", between = [nan, 12] }\n'),
        ["question 'x'", "between takes finite numbers"],
    ),
    "between outside the question's bounds": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "timmar", between = [800, 900] }\n'),
        ["question 'x'", "outside what 'timmar' allows (0 to 744)", "no answer can match"],
    ),
    "between with no whole number for a whole-number question": (
        with_question('id = "dagar"\ntype = "number"\ntext = "Dagar?"\ninteger = true\n'
                      '[[sections.questions]]\nid = "x"\ntype = "text"\ntext = "A"\n'
                      'when = { question = "dagar", between = [12.2, 12.8] }\n'),
        ["question 'x'", "holds no whole number"],
    ),
    "max not finite": (
        with_question('id = "x"\ntype = "number"\ntext = "Dagar?"\nmax = inf\n'),
        ["question 'x'", "max must be a finite number"],
    ),
    "min greater than max": (
        with_question('id = "x"\ntype = "number"\ntext = "Dagar?"\nmin = 30\nmax = 15\n'),
        ["section 'plan', question 'x'", "min (30.0) is greater than max (15.0)"],
    ),
    "min not a number": (
        with_question('id = "x"\ntype = "number"\ntext = "Dagar?"\nmin = "noll"\n'),
        ["question 'x'", "min must be a number"],
    ),
    "unit on a non-number question": (
        with_question('''
            id = "x"
            type = "single"
            text = "Fråga?"
            unit = "dagar"
            options = [{ code = "ja", label = "Ja" }, { code = "nej", label = "Nej" }]
        '''),
        ["section 'plan', question 'x'", "unit only apply to number questions"],
    ),
    "area not declared": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\narea = "effektivitet"\n'),
        ["section 'plan', question 'x'", "area 'effektivitet' is not declared in [[areas]]",
         "(declared: trygghet)"],
    ),
    "area not text": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\narea = ["trygghet"]\n'),
        ["section 'plan', question 'x'", "'area' must be text in quotes, not list"],
    ),
    "required not a boolean": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\nrequired = "nej"\n'),
        ["question 'x'", "required must be true or false"],
    ),
    "sensitive not a boolean": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\nsensitive = "ja"\n'),
        ["section 'plan', question 'x'", "sensitive must be true or false", "'ja'"],
    ),
    "text not a string": (
        with_question('id = "x"\ntype = "text"\ntext = 5\n'),
        ["question 'x'", "'text' must be text in quotes, not int"],
    ),
    "misspelt protocol table": (
        VALID.replace("[protocol]", "[protokoll]"),
        ["unknown key 'protokoll'"],
    ),
    "unknown language": (
        VALID.replace('language = "sv"', 'language = "de"'),
        ["[protocol] language is 'de'; use one of: sv, en"],
    ),
    "section without questions": (
        VALID + '\n[[sections]]\nid = "tom"\ntitle = "Tom"\n',
        ["section 'tom'", "is missing 'questions'"],
    ),
    "deeply nested condition": (
        with_question('id = "x"\ntype = "text"\ntext = "A"\nwhen = '
                      + '{ not = ' * 3000 + '{ question = "beslut", equals = "bifall" }'
                      + ' }' * 3000 + "\n"),
        ["nested too deeply"],
    ),
}


@pytest.mark.parametrize(("text", "fragments"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_protocol(tmp_path: Path, text: str, fragments: list[str]) -> None:
    path = write(tmp_path, text)
    message = problem(path)
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert "\n" not in message.strip(), "one line, fit for stderr"


def test_a_file_not_named_after_its_id_is_refused(tmp_path: Path) -> None:
    """Reviews are stored under the id, the protocol found by its file name: a mismatch
    gave zero tallies without a word."""
    path = tmp_path / "egen.toml"
    path.write_text(VALID, encoding="utf-8")
    assert problem(path) == (
        f"{path}: [protocol] id is 'prov' but the file is named egen.toml; a protocol file "
        'must be named after its id: rename the file to prov.toml or set id = "egen"')


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "finns_inte.toml"
    assert problem(path) == f"{path}: no such file; check the path"


def test_directory_instead_of_file(tmp_path: Path) -> None:
    assert problem(tmp_path).startswith(f"{tmp_path}: cannot be read")


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.encode("latin-1"))  # "säkerhet", "månad" become single bytes
    assert problem(path) == f"{path}: not UTF-8 text; save the file as UTF-8"


def test_unknown_builtin() -> None:
    with pytest.raises(ProtocolError, match=r"no protocol named 'saknas'.*boendestod_sol"):
        review_protocols.load_builtin("saknas")


def test_loads_names_its_source() -> None:
    with pytest.raises(ProtocolError, match=r"^<protocol>: invalid TOML: .*line 1"):
        review_protocols.loads("= ")
    with pytest.raises(ProtocolError, match=r"^urklipp: missing \[protocol\] table"):
        review_protocols.loads("", source="urklipp")


# --- fuzzing: nothing but a Protocol or a ProtocolError ----------------------

SHIPPED_LINES = builtin_path("boendestod_sol").read_text(encoding="utf-8").splitlines()
VALUES = ['""', '"x"', '"ja"', "0", "-1", "1.5", "nan", "inf", "true", "[]", '["ja"]',
          "[1, 2]", "{}", '{ question = "beslut" }', '{ question = "beslut", equals = "ja" }',
          "[{}]", "1979-05-27", "[[]]"]


def loads_cleanly(text: str) -> None:
    try:
        result = review_protocols.loads(text)
    except ProtocolError as error:
        assert str(error).startswith("<protocol>")
    else:
        assert isinstance(result, Protocol)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    loads_cleanly(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, len(SHIPPED_LINES) - 1), min_size=1, max_size=4, unique=True))
def test_shipped_protocol_with_lines_deleted(doomed: list[int]) -> None:
    loads_cleanly("\n".join(line for n, line in enumerate(SHIPPED_LINES) if n not in doomed))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SHIPPED_LINES) - 1), st.sampled_from(VALUES) | st.text(max_size=12))
def test_shipped_protocol_with_a_value_changed(line: int, value: str) -> None:
    lines = list(SHIPPED_LINES)
    key, sep, _ = lines[line].partition("=")
    lines[line] = f"{key}= {value}" if sep else value
    loads_cleanly("\n".join(lines))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SHIPPED_LINES) - 1), st.integers(0, len(SHIPPED_LINES) - 1))
def test_shipped_protocol_with_a_line_moved(source: int, target: int) -> None:
    lines = list(SHIPPED_LINES)
    lines.insert(target, lines.pop(source))
    loads_cleanly("\n".join(lines))
