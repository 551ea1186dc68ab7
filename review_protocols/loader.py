"""Load and validate protocol TOML files.

Every problem becomes one ``ProtocolError`` whose message names the file, the
section, the question and what to do, so a person editing a protocol can fix
it without reading Python. Validation happens once, at load; nothing later
re-checks the structure.

File layout::

    [protocol]  id, version, title, title_en, language ("sv" | "en"), description
    [[areas]]   id, label, label_en, aliases           # kvalitetsområden
    [[sections]] id, title, title_en, help, help_en, case_file (the heading of the
        case-file part where the section's answers are looked for: the case screen
        scrolls the file to it)
    [[sections.questions]]
        id, type ("single" | "multi" | "number" | "date" | "text"), text,
        text_en, short, short_en, help, help_en, required (default true), area,
        sensitive (default false)                      # small counts hidden on --publish
        indicator (default true),
        options = [{ code, label, label_en, key, good, not_applicable }]  # choice only
        subtotals = [{ code, label, label_en, of = [option codes] }]     # choice only
        unit, min, max, integer                        # number only
        when = { ... }                                 # see conditions.py
        evidence = "when_not_ok"                       # choice types only, see below

What the tallies count is part of the protocol, so that a printed denominator
can be reproduced without code:

- ``good = true`` marks the answer that meets the standard; the quality-area
  tables count it (a question that marks none: its first option).
  ``indicator = false`` leaves a question that only describes the case
  ("Beslut") out of those tables.
- ``not_applicable = true`` (single questions) makes an answer such as "Ej
  relevant" count as not applicable, as skip logic would: out of the base,
  with "question: answer" as the reason in the denominator note.
- ``subtotals`` adds rows summing options ("bifall" + "delavslag" = the
  report's "bifallsbeslut").
- ``aliases`` lists former ids of an area merged into this one: a question
  may still name them, and ``Protocol.area`` finds the merged area by them.

A protocol's data-quality rules are a file of their own beside it,
``<id>.rules.toml`` (format in ``rules.py``), and so is its bank of standard phrases
for the strengths and development areas, ``<id>.phrases.toml`` (``phrases.py``);
neither is ever taken for a protocol.
Conditions may also test the unit under review rather than an earlier
answer (a provider follow-up's contract), with ``unit`` in place of
``question``: ``{ unit = "regime", in = ["LOV", "LOU"] }`` or
``{ unit = "contract_area", not_equals = "Korttidstillsyn" }``; ``unit``
names one of ``UNIT_ATTRIBUTES`` and takes equals/in/not_equals/not_in
with text values. A case has none of them: there ``in`` never holds and
``not_in`` always does.

The ``*_en`` keys are optional English variants of the Swedish text beside
them (shown when config.toml says ``language = "en"``); the Swedish stays the
required base, and a missing English falls back to it.

``evidence = "when_not_ok"`` makes an answer other than the good one need evidence
(document type, its date, an optional short quote; ``store.evidence``): a finding
a report quotes must say where in the case file it was seen. The good answer is
the question's first option, so a protocol lists the answer that meets the
standard first; for a multiple choice, anything but that option alone needs
evidence. Marking a case klar lists answers still without their evidence.

``sensitive = true`` marks a question whose small counts could point at a person
(violence, children, guardianship): a report exported with ``--publish`` hides its
counts from 1 to ``[export] min_cell - 1`` and the cells they could be worked out from.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from review_protocols.conditions import AllOf, AnyOf, Compare, Condition, Negation, unit_key
from review_protocols.model import (
    CHOICE_TYPES,
    EVIDENCE_RULES,
    Option,
    Protocol,
    QualityArea,
    Question,
    QuestionType,
    Section,
    Subtotal,
)
from review_protocols.search_paths import search_paths

UNIT_ATTRIBUTES = ("contract_area", "regime")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
KEY_LETTER = re.compile(r"^[a-zåäö]$")
LANGUAGES = ("sv", "en")

_TOP_KEYS = {"protocol", "areas", "sections"}
_PROTOCOL_KEYS = {"id", "version", "title", "title_en", "language", "description"}
_AREA_KEYS = {"id", "label", "label_en", "aliases"}
_SECTION_KEYS = {"id", "title", "title_en", "help", "help_en", "case_file", "questions"}
_QUESTION_KEYS = {
    "id", "type", "text", "text_en", "short", "short_en", "help", "help_en", "required",
    "area", "options", "unit", "min", "max", "integer", "when", "evidence", "sensitive",
    "indicator", "subtotals",
}
_OPTION_KEYS = {"code", "label", "label_en", "key", "good", "not_applicable"}
_SUBTOTAL_KEYS = {"code", "label", "label_en", "of"}
_NUMBER_KEYS = {"unit", "min", "max", "integer"}


class ProtocolError(ValueError):
    """A protocol file that cannot be used, with a message fit for its author."""


class _Context:
    """Where in the file we are, so every message can say so."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.section: str | None = None
        self.question: str | None = None

    def fail(self, message: str) -> ProtocolError:
        where = [self.source]
        if self.section is not None:
            where.append(f"section '{self.section}'")
        if self.question is not None:
            where.append(f"question '{self.question}'")
        return ProtocolError(", ".join(where) + f": {message}")


_SHIPPED = Path(__file__).parent  # the shipped protocols are files of this package


def builtin_path(protocol_id: str) -> Path:
    return _SHIPPED / f"{protocol_id}.toml"


RULES_SUFFIX = ".rules.toml"  # a protocol's data-quality rules, beside it (rules.py)
PHRASES_SUFFIX = ".phrases.toml"  # its bank of strengths and development areas (phrases.py)


def beside_protocol(protocol: Protocol, suffix: str) -> Path | None:
    """A file kept beside a protocol's own and named after its id (its rules, its phrase
    bank); none for a protocol that was not read from a file."""
    if not protocol.source or protocol.source.startswith("<"):
        return None
    return Path(protocol.source).with_name(f"{protocol.id}{suffix}")


def _is_protocol_file(path: Path) -> bool:
    return path.name.endswith(".toml") and not path.name.endswith((RULES_SUFFIX, PHRASES_SUFFIX))


def builtin_ids() -> list[str]:
    return sorted(p.name[:-5] for p in _SHIPPED.iterdir() if _is_protocol_file(p))


def available_ids() -> list[str]:
    """Every protocol id that ``load_builtin`` can find: configured folders, then shipped."""
    found = set(builtin_ids())
    for folder in search_paths():
        if folder.is_dir():
            found.update(p.stem for p in folder.glob("*.toml") if _is_protocol_file(p))
    return sorted(found)


def load_builtin(protocol_id: str) -> Protocol:
    """A protocol by id, parsed once per process: the configured folders first, then shipped.

    A site can thus add a protocol (another insats, a provider follow-up) as a
    TOML file in a folder named in config.toml, without touching Granska.
    """
    return _load(protocol_id, search_paths())


@cache
def _load(protocol_id: str, folders: tuple[Path, ...]) -> Protocol:
    for folder in folders:
        candidate = folder / f"{protocol_id}.toml"
        if candidate.is_file():
            return _load_kept(candidate)
    path = builtin_path(protocol_id)
    if not path.exists():
        known = ", ".join(available_ids()) or "none"
        raise ProtocolError(f"no protocol named '{protocol_id}'; known protocols: {known}")
    return _load_kept(path)


def _load_kept(path: Path) -> Protocol:
    """A protocol Granska uses, its TOML parsed once and kept until the file changes
    (``review_protocols.compiled``)."""
    from review_protocols.compiled import parsed

    raw = _read_bytes(path)
    source = str(path)
    protocol = parsed(path, raw, lambda: _parse(_text(path, raw), source),
                      lambda data: _checked(data, source))
    assert isinstance(protocol, Protocol)
    _named_after_id(protocol, path)
    return protocol


def load_file(path: str | Path) -> Protocol:
    """A protocol from its file, which must be named ``<id>.toml``."""
    path = Path(path)
    protocol = loads(_text(path, _read_bytes(path)), source=str(path))
    _named_after_id(protocol, path)
    return protocol


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProtocolError(f"{path}: no such file; check the path") from None
    except OSError as error:
        raise ProtocolError(f"{path}: cannot be read ({error.strerror})") from None


def _named_after_id(protocol: Protocol, path: Path) -> None:
    """A protocol is found by its file name and its reviews are stored under its id: when
    the two differ, the tallies look for reviews that were filed under the other name."""
    if protocol.id == path.stem:
        return
    fix = f"rename the file to {protocol.id}.toml"
    if IDENTIFIER.match(path.stem):
        fix += f' or set id = "{path.stem}"'
    raise ProtocolError(f"{path}: [protocol] id is '{protocol.id}' but the file is named "
                        f"{path.name}; a protocol file must be named after its id: {fix}")


def _text(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # Windows editors add a BOM
    except UnicodeDecodeError:
        raise ProtocolError(f"{path}: not UTF-8 text; save the file as UTF-8") from None


def loads(text: str, source: str = "<protocol>") -> Protocol:
    return _checked(_parse(text, source), source)


def _parse(text: str, source: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProtocolError(f"{source}: invalid TOML: {error}") from None
    except RecursionError:  # tomllib recurses per level of nesting
        raise ProtocolError(
            f"{source}: arrays, tables or conditions are nested too deeply"
        ) from None


def _checked(data: dict[str, Any], source: str) -> Protocol:
    try:
        return _build(data, _Context(source))
    except RecursionError:  # the condition builder recurses per level of nesting
        raise ProtocolError(
            f"{source}: arrays, tables or conditions are nested too deeply"
        ) from None


def _build(data: dict[str, Any], ctx: _Context) -> Protocol:
    _no_unknown(data, _TOP_KEYS, "top level", ctx)
    head = _table(data, "protocol", ctx)
    _no_unknown(head, _PROTOCOL_KEYS, "[protocol]", ctx)
    protocol_id = _identifier(head, "id", "[protocol]", ctx)
    version = _string(head, "version", "[protocol]", ctx)
    title = _string(head, "title", "[protocol]", ctx)
    language = _string(head, "language", "[protocol]", ctx, default="sv")
    if language not in LANGUAGES:
        raise ctx.fail(f"[protocol] language is '{language}'; use one of: {', '.join(LANGUAGES)}")
    description = _string(head, "description", "[protocol]", ctx, default="")

    areas = tuple(_area(raw, ctx) for raw in _array(data, "areas", "top level", ctx, default=[]))
    _unique([name for a in areas for name in (a.id, *a.aliases)], "area id", ctx)
    area_ids = {name: a.id for a in areas for name in (a.id, *a.aliases)}

    raw_sections = _array(data, "sections", "top level", ctx)
    if not raw_sections:
        raise ctx.fail("no [[sections]]; a protocol needs at least one section")
    seen: dict[str, Question] = {}
    sections = []
    for raw in raw_sections:
        sections.append(_section(raw, ctx, area_ids, seen))
    ctx.section = ctx.question = None
    _unique([s.id for s in sections], "section id", ctx)
    return Protocol(
        id=protocol_id, version=version, title=title, language=language,
        sections=tuple(sections), areas=areas, description=description, source=ctx.source,
        title_en=_string(head, "title_en", "[protocol]", ctx, default=""),
    )


def _area(raw: Any, ctx: _Context) -> QualityArea:
    if not isinstance(raw, dict):
        raise ctx.fail("each [[areas]] entry must be a table with id and label")
    _no_unknown(raw, _AREA_KEYS, "[[areas]]", ctx)
    area_id = _identifier(raw, "id", "[[areas]]", ctx)
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(
            isinstance(a, str) and IDENTIFIER.match(a) for a in aliases):
        raise ctx.fail(f"[[areas]] '{area_id}': 'aliases' must be a list of former area ids "
                       'in quotes, e.g. aliases = ["effektivitet"]')
    return QualityArea(
        area_id, _string(raw, "label", "[[areas]]", ctx),
        _string(raw, "label_en", "[[areas]]", ctx, default=""), tuple(aliases),
    )


def _section(raw: Any, ctx: _Context, area_ids: dict[str, str],
             seen: dict[str, Question]) -> Section:
    ctx.section = ctx.question = None
    if not isinstance(raw, dict):
        raise ctx.fail("each [[sections]] entry must be a table")
    section_id = _identifier(raw, "id", "[[sections]]", ctx)
    ctx.section = section_id
    _no_unknown(raw, _SECTION_KEYS, "the section", ctx)
    title = _string(raw, "title", "the section", ctx)
    help_text = _string(raw, "help", "the section", ctx, default="")
    title_en = _string(raw, "title_en", "the section", ctx, default="")
    help_en = _string(raw, "help_en", "the section", ctx, default="")
    case_file = _string(raw, "case_file", "the section", ctx, default="")
    raw_questions = _array(raw, "questions", "the section", ctx)
    if not raw_questions:
        raise ctx.fail("has no questions; add [[sections.questions]] entries")
    questions = tuple(_question(q, ctx, section_id, area_ids, seen) for q in raw_questions)
    return Section(
        section_id, title, questions, help_text,
        title_en=title_en, help_en=help_en, case_file=case_file,
    )


def _question(
    raw: Any, ctx: _Context, section_id: str, area_ids: dict[str, str],
    seen: dict[str, Question],
) -> Question:
    ctx.question = None
    if not isinstance(raw, dict):
        raise ctx.fail("each question must be a table")
    question_id = _identifier(raw, "id", "the question", ctx)
    ctx.question = question_id
    if question_id in seen:
        raise ctx.fail("this id is used twice; question ids must be unique in a protocol")
    _no_unknown(raw, _QUESTION_KEYS, "the question", ctx)
    type_name = _string(raw, "type", "the question", ctx)
    try:
        kind = QuestionType(type_name)
    except ValueError:
        allowed = ", ".join(t.value for t in QuestionType)
        raise ctx.fail(f"type '{type_name}' is unknown; use one of: {allowed}") from None
    text = _string(raw, "text", "the question", ctx)
    area = raw.get("area")
    if area is not None and not isinstance(area, str):
        raise ctx.fail(f"the question: 'area' must be text in quotes, not {type(area).__name__}")
    if area is not None and area not in area_ids:
        known = ", ".join(sorted(area_ids)) or "none declared"
        raise ctx.fail(f"area '{area}' is not declared in [[areas]] (declared: {known})")
    if area is not None:
        area = area_ids[area]  # a former id of a merged area counts under the merged one
    required = raw.get("required", True)
    if not isinstance(required, bool):
        raise ctx.fail("required must be true or false")
    sensitive = raw.get("sensitive", False)
    if not isinstance(sensitive, bool):
        raise ctx.fail("sensitive must be true or false (sensitive = true), "
                       f"not {sensitive!r}")
    indicator = raw.get("indicator", True)
    if not isinstance(indicator, bool):
        raise ctx.fail("the question: 'indicator' must be true or false")

    options: tuple[Option, ...] = ()
    if kind in CHOICE_TYPES:
        options = _options(raw, ctx, kind)
    elif "options" in raw:
        raise ctx.fail(f"a {kind.value} question takes no options; remove them or use type single")
    if kind is not QuestionType.NUMBER:
        stray = sorted(_NUMBER_KEYS & raw.keys())
        if stray:
            raise ctx.fail(f"{', '.join(stray)} only apply to number questions")
    minimum, maximum = _bound(raw, "min", ctx), _bound(raw, "max", ctx)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ctx.fail(f"min ({minimum}) is greater than max ({maximum})")
    integer = raw.get("integer", False)
    if not isinstance(integer, bool):
        raise ctx.fail("integer must be true or false")

    when: Condition | None = None
    if "when" in raw:
        when = _condition(raw["when"], ctx, seen)
    evidence = _string(raw, "evidence", "the question", ctx, default="")
    if evidence and evidence not in EVIDENCE_RULES:
        raise ctx.fail(f"evidence is '{evidence}'; use evidence = \"when_not_ok\" "
                       "or leave it out")
    if evidence and kind not in CHOICE_TYPES:
        raise ctx.fail(f"evidence applies to single and multi questions (their first option "
                       f"is the good answer), not to a {kind.value} question; remove it")
    subtotals = _subtotals(raw, ctx, options)

    question = Question(
        id=question_id, type=kind, text=text, section_id=section_id,
        help=_string(raw, "help", "the question", ctx, default=""),
        short=_string(raw, "short", "the question", ctx, default=""),
        required=required, area=area, options=options,
        unit=_string(raw, "unit", "the question", ctx, default=""),
        minimum=minimum, maximum=maximum, integer=integer, when=when, sensitive=sensitive,
        text_en=_string(raw, "text_en", "the question", ctx, default=""),
        short_en=_string(raw, "short_en", "the question", ctx, default=""),
        help_en=_string(raw, "help_en", "the question", ctx, default=""),
        evidence=evidence, indicator=indicator, subtotals=subtotals,
    )
    seen[question_id] = question
    return question


def _options(raw: dict[str, Any], ctx: _Context, kind: QuestionType) -> tuple[Option, ...]:
    entries = raw.get("options")
    if not isinstance(entries, list) or not entries:
        raise ctx.fail(f"a {kind.value} question needs options = [{{ code, label, key }}, ...]")
    least = 2 if kind is QuestionType.SINGLE else 1
    if len(entries) < least:
        raise ctx.fail(f"a {kind.value} question needs at least {least} options")
    if len(entries) > 9:
        raise ctx.fail("at most 9 options, so that each has a digit key")
    options = []
    for index, entry in enumerate(entries, start=1):
        where = f"option {index}"
        if not isinstance(entry, dict):
            raise ctx.fail(f"{where} must be a table like {{ code = \"ja\", label = \"Ja\" }}")
        _no_unknown(entry, _OPTION_KEYS, where, ctx)
        code = _identifier(entry, "code", where, ctx)
        label = _string(entry, "label", where, ctx)
        key = _string(entry, "key", where, ctx, default=code[0])
        if not KEY_LETTER.match(key):
            raise ctx.fail(f"{where} key '{key}' must be one lowercase letter")
        flags = {}
        for flag in ("good", "not_applicable"):
            value = entry.get(flag, False)
            if not isinstance(value, bool):
                raise ctx.fail(f"option '{code}': '{flag}' must be true or false, "
                               f"not {type(value).__name__}")
            flags[flag] = value
        if flags["good"] and flags["not_applicable"]:
            raise ctx.fail(f"option '{code}': an answer cannot be both good and "
                           "not_applicable; remove one of the two")
        if flags["not_applicable"] and kind is not QuestionType.SINGLE:
            raise ctx.fail(f"option '{code}': not_applicable only works on a single question; "
                           "remove it or use type single")
        options.append(Option(code, label, key, _string(entry, "label_en", where, ctx, default=""),
                              **flags))
    _unique([o.code for o in options], "option code", ctx)
    _unique([o.key for o in options], "option key", ctx)
    if all(o.not_applicable for o in options):
        raise ctx.fail("every option is not_applicable; at least one answer must count")
    return tuple(options)


def _subtotals(raw: dict[str, Any], ctx: _Context,
               options: tuple[Option, ...]) -> tuple[Subtotal, ...]:
    """Rows the report prints besides the options, e.g. bifall and delavslag together."""
    entries = raw.get("subtotals", [])
    if entries and not options:
        raise ctx.fail("subtotals only apply to choice questions; remove them")
    if not isinstance(entries, list):
        raise ctx.fail('subtotals must be a list like [{ code = "x", label = "X", of = [...] }]')
    codes = {o.code for o in options}
    found = []
    for index, entry in enumerate(entries, start=1):
        where = f"subtotal {index}"
        if not isinstance(entry, dict):
            raise ctx.fail(f"{where} must be a table like {{ code, label, of = [...] }}")
        _no_unknown(entry, _SUBTOTAL_KEYS, where, ctx)
        code = _identifier(entry, "code", where, ctx)
        if code in codes:
            raise ctx.fail(f"subtotal '{code}': the code is an option's; give it its own code")
        of = entry.get("of")
        if not isinstance(of, list) or len(of) < 2 or not all(isinstance(c, str) for c in of):
            raise ctx.fail(f"subtotal '{code}': 'of' must list two or more option codes")
        unknown = [c for c in of if c not in codes]
        if unknown:
            raise ctx.fail(f"subtotal '{code}': '{unknown[0]}' in 'of' is not an option "
                           f"(options: {', '.join(sorted(codes))})")
        found.append(Subtotal(code, _string(entry, "label", where, ctx), tuple(of),
                              _string(entry, "label_en", where, ctx, default="")))
    _unique([s.code for s in found], "subtotal code", ctx)
    return tuple(found)


_LEAF_OPS = {"equals": "in", "in": "in", "not_equals": "not_in", "not_in": "not_in",
             "between": "between", "answered": "answered"}


def _condition(raw: Any, ctx: _Context, seen: dict[str, Question],
               later: bool = False) -> Condition:
    """A structured condition; ``later``: it may name any question of ``seen`` (a rule,
    read after the whole case is answered), not only earlier ones (skip logic)."""
    if not isinstance(raw, dict) or not raw:
        raise ctx.fail(
            "when must be a table such as { question = \"beslut\", equals = \"bifall\" }"
        )
    if "all" in raw or "any" in raw:
        if len(raw) != 1:
            raise ctx.fail("when: 'all'/'any' stand alone in their table")
        key = "all" if "all" in raw else "any"
        parts = raw[key]
        if not isinstance(parts, list) or not parts:
            raise ctx.fail(f"when: '{key}' needs a non-empty list of conditions")
        built = tuple(_condition(p, ctx, seen, later) for p in parts)
        return AllOf(built) if key == "all" else AnyOf(built)
    if "not" in raw:
        if len(raw) != 1:
            raise ctx.fail("when: 'not' stands alone in its table")
        return Negation(_condition(raw["not"], ctx, seen, later))
    if "unit" in raw:
        return _unit_condition(raw, ctx)
    target = raw.get("question")
    if not isinstance(target, str):
        raise ctx.fail("when: name the question it depends on, e.g. question = \"beslut\"")
    if target not in seen:
        if later:
            raise ctx.fail(f"when: refers to '{target}', which is not a question of the "
                           "protocol; use a question id from the protocol file")
        if target == ctx.question:
            raise ctx.fail("when: a question cannot depend on itself")
        raise ctx.fail(
            f"when: refers to '{target}', which is not an earlier question; "
            "conditions may only depend on questions asked before"
        )
    ops = [k for k in raw if k != "question"]
    if len(ops) != 1 or ops[0] not in _LEAF_OPS:
        allowed = ", ".join(_LEAF_OPS)
        raise ctx.fail(f"when: give exactly one of {allowed} besides question")
    name = ops[0]
    operand = raw[name]
    referenced = seen[target]
    if name == "answered":
        if not isinstance(operand, bool):
            raise ctx.fail("when: answered must be true or false")
        return Compare(target, "answered" if operand else "unanswered")
    if name == "between":
        if referenced.type is not QuestionType.NUMBER:
            raise ctx.fail(f"when: between only works on a number question; '{target}' is not one")
        numbers = isinstance(operand, list) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in operand
        )
        if not numbers or len(operand) != 2:
            raise ctx.fail("when: between takes two numbers, e.g. between = [12, 13]")
        _sensible_range(operand[0], operand[1], referenced, ctx)
        return Compare(target, "between", (operand[0], operand[1]))
    values = operand if isinstance(operand, list) else [operand]
    if not values or not all(isinstance(v, str) for v in values):
        raise ctx.fail(f"when: {name} takes option codes (text)")
    if not referenced.is_choice:
        raise ctx.fail(
            f"when: {name} needs a choice question; '{target}' is {referenced.type.value}"
        )
    codes = {o.code for o in referenced.options}
    for value in values:
        if value not in codes:
            raise ctx.fail(
                f"when: '{value}' is not an option of '{target}' "
                f"(options: {', '.join(sorted(codes))})"
            )
    return Compare(target, _LEAF_OPS[name], tuple(values))


def _sensible_range(low: float, high: float, referenced: Question, ctx: _Context) -> None:
    """Refuse a between no answer can ever fall in: it would hide its question for good."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ctx.fail("when: between takes finite numbers, not nan or inf")
    if low > high:
        raise ctx.fail(f"when: between = [{low}, {high}] is reversed; write the smaller "
                       f"number first: between = [{high}, {low}]")
    minimum, maximum = referenced.minimum, referenced.maximum
    if (maximum is not None and low > maximum) or (minimum is not None and high < minimum):
        raise ctx.fail(f"when: between = [{low}, {high}] lies outside what '{referenced.id}' "
                       f"allows ({_show(minimum)} to {_show(maximum)}); no answer can match")
    if referenced.integer and math.floor(high) < low:
        raise ctx.fail(f"when: between = [{low}, {high}] holds no whole number, and "
                       f"'{referenced.id}' takes whole numbers only; no answer can match")


def _show(bound: float | None) -> str:
    if bound is None:
        return "any"
    return str(int(bound)) if bound.is_integer() else str(bound)


def _unit_condition(raw: dict[str, Any], ctx: _Context) -> Condition:
    attribute = raw["unit"]
    if attribute not in UNIT_ATTRIBUTES:
        raise ctx.fail(f"when: unit '{attribute}' is unknown; use one of: "
                       f"{', '.join(UNIT_ATTRIBUTES)}")
    ops = [k for k in raw if k != "unit"]
    allowed = ("equals", "in", "not_equals", "not_in")
    if len(ops) != 1 or ops[0] not in allowed:
        raise ctx.fail(f"when: give exactly one of {', '.join(allowed)} besides unit")
    operand = raw[ops[0]]
    values = operand if isinstance(operand, list) else [operand]
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise ctx.fail(f"when: unit {attribute} {ops[0]} takes text values")
    return Compare(unit_key(attribute), _LEAF_OPS[ops[0]], tuple(values))


def _no_unknown(raw: dict[str, Any], allowed: set[str], where: str, ctx: _Context) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ctx.fail(
            f"{where} has unknown key '{unknown[0]}'; allowed keys: {', '.join(sorted(allowed))}"
        )


def _table(raw: dict[str, Any], key: str, ctx: _Context) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise ctx.fail(f"missing [{key}] table")
    return value


def _array(raw: dict[str, Any], key: str, where: str, ctx: _Context,
           default: list[Any] | None = None) -> list[Any]:
    if key not in raw:
        if default is not None:
            return default
        raise ctx.fail(f"{where} is missing '{key}'")
    value = raw[key]
    if not isinstance(value, list):
        raise ctx.fail(f"{where}: '{key}' must be an array of tables ([[{key}]])")
    return value


def _string(raw: dict[str, Any], key: str, where: str, ctx: _Context,
            default: str | None = None) -> str:
    if key not in raw:
        if default is not None:
            return default
        raise ctx.fail(f"{where} is missing '{key}'")
    value = raw[key]
    if not isinstance(value, str):
        raise ctx.fail(f"{where}: '{key}' must be text in quotes, not {type(value).__name__}")
    if not value.strip() and default is None:
        raise ctx.fail(f"{where}: '{key}' is empty")
    return value


def _identifier(raw: dict[str, Any], key: str, where: str, ctx: _Context) -> str:
    value = _string(raw, key, where, ctx)
    if not IDENTIFIER.match(value):
        raise ctx.fail(
            f"{where}: {key} '{value}' must be lowercase ascii letters, digits and _"
        )
    return value


def _bound(raw: dict[str, Any], key: str, ctx: _Context) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ctx.fail(f"{key} must be a number")
    if not math.isfinite(value):
        raise ctx.fail(f"{key} must be a finite number, not {value}")
    return float(value)


def _unique(values: list[str], what: str, ctx: _Context) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ctx.fail(f"{what} '{value}' is used twice; each must be unique")
        seen.add(value)
