"""Data-quality rules: what a finished review should not look like, as data beside its protocol.

A protocol's rules are in ``<id>.rules.toml`` next to ``<id>.toml`` (shipped:
``review_protocols/boendestod_sol.rules.toml``). They use the structured
conditions of skip logic (``conditions.py``), never Python. File layout::

    [[rules]]
    id = "plan_overensstammer_utan_plan"      # lowercase, unique; closing a finding names it
    kind = "contradiction"                    # one of KINDS below
    message = "..."  message_en = "..."       # what the finding says (Swedish required)
    ...                                       # the kind's own keys

Kinds and their keys:

- ``required_blank``: a required, applicable question without an answer in a
  complete (or approved) review. ``questions = [...]`` checks those (required
  or not) instead of every required question.
- ``no_longer_applicable``: an answer kept for a question that no longer
  applies, since a controlling answer changed. ``questions`` narrows it.
- ``contradiction``: ``when = { ... }`` holds over the stored answers (whether
  or not their questions apply); the finding points at ``question``. A rule's
  condition may name any question of the protocol, not only earlier ones.
- ``out_of_range``: the number answered to ``question`` is below ``min`` or
  above ``max`` (at least one of them).
- ``outside_period``: a date outside the decision period of the case's draw:
  ``date = "decision_date"`` (the case's decision, from the frame) or
  ``question = "..."`` (a date question).
- ``sampled_twice``: the same person (personnummer, compared in the store and
  never shown) is drawn more than once in a sample; the finding names the
  other case references.
- ``evidence_missing``: an applicable answer that is not the good one, to a
  question needing evidence, has none. The questions are ``questions``, or
  else those the protocol marks ``evidence = "when_not_ok"``; the good answer
  is an option marked good, else a question's first option. A database that
  keeps no evidence yet gives no findings of this kind.

``evaluate`` is a pure function of the rules, the protocol and ``CaseFacts``
(what the store knows of each review); a finding is keyed by (review, rule,
question), which is what closing it records.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review_protocols.completeness import is_answered
from review_protocols.conditions import Condition, Value, applicable
from review_protocols.loader import (
    IDENTIFIER,
    RULES_SUFFIX,
    ProtocolError,
    _condition,
    _Context,
    beside_protocol,
)
from review_protocols.model import Protocol, Question, QuestionType
from review_protocols.values import display

KINDS = ("required_blank", "no_longer_applicable", "contradiction", "out_of_range",
         "outside_period", "sampled_twice", "evidence_missing")
FINISHED = frozenset({"complete", "approved"})  # review states a required blank is a fault in
CASE_DATES = ("decision_date",)  # the case's own dates a rule may name
_COMMON = {"id", "kind", "message", "message_en"}
_KIND_KEYS: dict[str, set[str]] = {
    "required_blank": {"questions"},
    "no_longer_applicable": {"questions"},
    "contradiction": {"question", "when"},
    "out_of_range": {"question", "min", "max"},
    "outside_period": {"date", "question"},
    "sampled_twice": set(),
    "evidence_missing": {"questions"},
}


class RulesError(ProtocolError):
    """A rules file that cannot be used, with a message fit for its author."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    message: str
    message_en: str = ""
    questions: tuple[str, ...] = ()  # the questions looked at; empty: the kind's default
    question: str = ""  # the question a finding points to; empty: the whole case
    when: Condition | None = None
    minimum: float | None = None
    maximum: float | None = None
    date: str = ""  # a case date (CASE_DATES) for outside_period

    def message_in(self, lang: str) -> str:
        return self.message_en if lang == "en" and self.message_en else self.message


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the rules read of one review; gathered by the store, judged here."""

    review_id: int
    case_ref: str
    reviewer: str
    status: str
    answers: Mapping[str, Value]  # decoded, every stored answer (applicable or not)
    decision_date: str | None = None
    period: tuple[str, str] | None = None  # the draw's decision period, ISO dates
    sampled_with: tuple[str, ...] = ()  # the other case refs of the same person, same sample
    evidence: frozenset[str] | None = None  # questions with evidence; None: none kept at all


@dataclass(frozen=True, slots=True)
class Finding:
    review_id: int
    case_ref: str
    reviewer: str
    rule_id: str
    question_id: str  # "" when it is about the whole case
    message: str
    detail: str = ""

    @property
    def key(self) -> tuple[int, str, str]:
        return self.review_id, self.rule_id, self.question_id


# --- evaluation ---------------------------------------------------------------------------------
def evaluate(rules: Iterable[Rule], protocol: Protocol, cases: Iterable[CaseFacts],
             lang: str = "sv", *, applies: Mapping[str, bool] | None = None) -> list[Finding]:
    """Every finding of every rule in every case, in case order, then rule order.

    ``applies``: which questions apply, when the caller (the case screen, judging one case
    after each answer) has worked it out already."""
    rules = tuple(rules)
    found: list[Finding] = []
    given = applies
    for case in cases:
        applies = given if given is not None else applicable(protocol, case.answers)
        for rule in rules:
            for question_id, detail in _CHECKS[rule.kind](rule, protocol, case, applies, lang):
                found.append(Finding(case.review_id, case.case_ref, case.reviewer, rule.id,
                                     question_id, rule.message_in(lang), detail))
    return found


_Hits = Iterator[tuple[str, str]]  # (question id, detail)


def _required_blank(rule: Rule, protocol: Protocol, case: CaseFacts,
                    applies: Mapping[str, bool], lang: str) -> _Hits:
    if case.status not in FINISHED:
        return
    ids = rule.questions or tuple(q.id for q in protocol.questions if q.required)
    for question_id in ids:
        if applies[question_id] and not is_answered(case.answers.get(question_id)):
            yield question_id, ""


def _no_longer_applicable(rule: Rule, protocol: Protocol, case: CaseFacts,
                          applies: Mapping[str, bool], lang: str) -> _Hits:
    for question_id in rule.questions or tuple(q.id for q in protocol.questions):
        value = case.answers.get(question_id)
        if not applies[question_id] and is_answered(value):
            yield question_id, _shown(protocol.question(question_id), value, lang)


def _contradiction(rule: Rule, protocol: Protocol, case: CaseFacts,
                   applies: Mapping[str, bool], lang: str) -> _Hits:
    if rule.when is not None and rule.when.holds(case.answers):
        value = case.answers.get(rule.question)
        shown = _shown(protocol.question(rule.question), value, lang) if rule.question else ""
        yield rule.question, shown


def _out_of_range(rule: Rule, protocol: Protocol, case: CaseFacts,
                  applies: Mapping[str, bool], lang: str) -> _Hits:
    value = case.answers.get(rule.question)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return
    if (rule.minimum is not None and value < rule.minimum) or (
            rule.maximum is not None and value > rule.maximum):
        yield rule.question, _shown(protocol.question(rule.question), value, lang)


def _outside_period(rule: Rule, protocol: Protocol, case: CaseFacts,
                    applies: Mapping[str, bool], lang: str) -> _Hits:
    if case.period is None:
        return
    value = case.decision_date if rule.date else case.answers.get(rule.question)
    if not isinstance(value, str) or not value:
        return
    first, last = case.period
    if not first <= value[:10] <= last:
        yield rule.question, f"{value[:10]} ∉ {first} – {last}"


def _sampled_twice(rule: Rule, protocol: Protocol, case: CaseFacts,
                   applies: Mapping[str, bool], lang: str) -> _Hits:
    if case.sampled_with:
        yield "", ", ".join(case.sampled_with)


def _evidence_missing(rule: Rule, protocol: Protocol, case: CaseFacts,
                      applies: Mapping[str, bool], lang: str) -> _Hits:
    if case.evidence is None:
        return
    ids = rule.questions or tuple(q.id for q in protocol.questions if _asks_evidence(q))
    for question_id in ids:
        value = case.answers.get(question_id)
        if (applies[question_id] and question_id not in case.evidence
                and needs_evidence(protocol.question(question_id), value)):
            yield question_id, _shown(protocol.question(question_id), value, lang)


def _shown(question: Question, value: Value, lang: str) -> str:
    """The answer a finding is about, as the case screen shows it; never free text, which
    may name people."""
    return "" if question.type is QuestionType.TEXT else display(question, value, lang)


_CHECKS = {
    "required_blank": _required_blank, "no_longer_applicable": _no_longer_applicable,
    "contradiction": _contradiction, "out_of_range": _out_of_range,
    "outside_period": _outside_period, "sampled_twice": _sampled_twice,
    "evidence_missing": _evidence_missing,
}
assert set(_CHECKS) == set(KINDS)


def _asks_evidence(question: Question) -> bool:
    """The protocol's ``evidence = "when_not_ok"`` (read loosely: older models lack it)."""
    return getattr(question, "evidence", "") == "when_not_ok"


def needs_evidence(question: Question, value: Value) -> bool:
    """An answered choice that is not the good one: an option marked good, else the first."""
    if not question.is_choice or not is_answered(value):
        return False
    good = {o.code for o in question.options if getattr(o, "good", False)} or {
        question.options[0].code}
    chosen = value if isinstance(value, list) else [value]
    return any(code not in good for code in chosen)


# --- loading ------------------------------------------------------------------------------------
def rules_path(protocol: Protocol) -> Path | None:
    """Where a protocol's rules are: beside its file, named after its id."""
    return beside_protocol(protocol, RULES_SUFFIX)


def load_rules(protocol: Protocol) -> tuple[Rule, ...]:
    """The protocol's rules (none when it has no rules file), parsed once per file version."""
    path = rules_path(protocol)
    if path is None:
        return ()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ()
    except OSError as error:
        raise RulesError(f"{path}: cannot be read ({error.strerror})") from None
    key = (path, stat.st_mtime_ns, stat.st_size, protocol.id, protocol.version)
    if key not in _kept:
        _kept[key] = load_rules_file(path, protocol)
    return _kept[key]


_kept: dict[tuple[Path, int, int, str, str], tuple[Rule, ...]] = {}  # an edit reloads


def load_rules_file(path: str | Path, protocol: Protocol) -> tuple[Rule, ...]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RulesError(f"{path}: no such file; check the path") from None
    except OSError as error:
        raise RulesError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulesError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    return loads_rules(text, protocol, source=str(path))


def loads_rules(text: str, protocol: Protocol, source: str = "<rules>") -> tuple[Rule, ...]:
    """The rules in ``text``, checked against ``protocol``; any problem is one RulesError."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{source}: invalid TOML: {error}; fix the file") from None
    except RecursionError:
        raise RulesError(f"{source}: arrays, tables or conditions are nested too deeply") \
            from None
    ctx = _RuleContext(source)
    try:
        return _build(data, protocol, ctx)
    except ProtocolError as error:  # a condition's message, from the protocol loader
        raise RulesError(str(error)) from None
    except RecursionError:
        raise RulesError(f"{source}: conditions are nested too deeply") from None


class _RuleContext(_Context):
    """Messages name the rules file and the rule."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.rule: str | None = None

    def fail(self, message: str) -> RulesError:
        where = self.source + (f", rule '{self.rule}'" if self.rule else "")
        return RulesError(f"{where}: {message}")


def _build(data: dict[str, Any], protocol: Protocol, ctx: _RuleContext) -> tuple[Rule, ...]:
    unknown = sorted(set(data) - {"rules"})
    if unknown:
        raise ctx.fail(f"unknown top-level key '{unknown[0]}'; a rules file holds only "
                       "[[rules]] tables")
    entries = data.get("rules", [])
    if not isinstance(entries, list):
        raise ctx.fail("'rules' must be an array of tables ([[rules]])")
    rules, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        ctx.rule = None
        if not isinstance(entry, dict):
            raise ctx.fail(f"rule {number} must be a table ([[rules]] with id, kind, message)")
        rule = _rule(entry, number, protocol, ctx)
        if rule.id in seen:
            raise ctx.fail("this id is used twice; rule ids must be unique in a rules file")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _rule(raw: dict[str, Any], number: int, protocol: Protocol, ctx: _RuleContext) -> Rule:
    rule_id = _text(raw, "id", f"rule {number}", ctx)
    if not IDENTIFIER.match(rule_id):
        raise ctx.fail(f"rule {number}: id '{rule_id}' must be lowercase ascii letters, "
                       "digits and _")
    ctx.rule = rule_id
    kind = _text(raw, "kind", "the rule", ctx)
    if kind not in KINDS:
        raise ctx.fail(f"kind '{kind}' is unknown; use one of: {', '.join(KINDS)}")
    allowed = _COMMON | _KIND_KEYS[kind]
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ctx.fail(f"a {kind} rule has no key '{unknown[0]}'; its keys: "
                       f"{', '.join(sorted(allowed))}")
    message = _text(raw, "message", "the rule", ctx)
    message_en = _text(raw, "message_en", "the rule", ctx, required=False)
    questions = _question_list(raw, protocol, ctx)
    question = _question(raw, protocol, ctx) if "question" in raw else ""
    fields: dict[str, Any] = {}
    if kind == "contradiction":
        if not question or "when" not in raw:
            raise ctx.fail("a contradiction rule needs question (the one to mark) and "
                           "when = { ... } (the answers that contradict each other)")
        known = {q.id: q for q in protocol.questions}
        fields["when"] = _condition(raw["when"], ctx, known, later=True)
    elif kind == "out_of_range":
        fields.update(_range(raw, question, protocol, ctx))
    elif kind == "outside_period":
        fields["date"] = _period_date(raw, question, protocol, ctx)
    return Rule(rule_id, kind, message, message_en, questions, question, **fields)


def _text(raw: dict[str, Any], key: str, where: str, ctx: _RuleContext,
          required: bool = True) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            raise ctx.fail(f"{where} is missing '{key}'")
        return ""
    if not isinstance(value, str):
        raise ctx.fail(f"'{key}' must be text in quotes, not {type(value).__name__}")
    if required and not value.strip():
        raise ctx.fail(f"'{key}' is empty; write it")
    return value


def _question(raw: dict[str, Any], protocol: Protocol, ctx: _RuleContext) -> str:
    value = raw.get("question")
    if not isinstance(value, str):
        raise ctx.fail("'question' must be a question id in quotes")
    if not protocol.has_question(value):
        raise ctx.fail(f"question '{value}' is not in protocol '{protocol.id}'; use a question "
                       "id from the protocol file")
    return value


def _question_list(raw: dict[str, Any], protocol: Protocol,
                   ctx: _RuleContext) -> tuple[str, ...]:
    if "questions" not in raw:
        return ()
    value = raw["questions"]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ctx.fail("'questions' must be a non-empty list of question ids, "
                       "e.g. questions = [\"dur_aktuell\"]")
    for question_id in value:
        if not protocol.has_question(question_id):
            raise ctx.fail(f"questions: '{question_id}' is not in protocol '{protocol.id}'; use "
                           "question ids from the protocol file")
    return tuple(value)


def _range(raw: dict[str, Any], question: str, protocol: Protocol,
           ctx: _RuleContext) -> dict[str, float | None]:
    if not question or protocol.question(question).type is not QuestionType.NUMBER:
        raise ctx.fail("an out_of_range rule needs question = a number question of the "
                       "protocol")
    bounds: dict[str, float | None] = {}
    for key, name in (("min", "minimum"), ("max", "maximum")):
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or not math.isfinite(value)):
            raise ctx.fail(f"{key} must be a finite number")
        bounds[name] = None if value is None else float(value)
    low, high = bounds["minimum"], bounds["maximum"]
    if low is None and high is None:
        raise ctx.fail("an out_of_range rule needs min, max or both")
    if low is not None and high is not None and low > high:
        raise ctx.fail(f"min ({low:g}) is greater than max ({high:g}); swap them")
    return bounds


def _period_date(raw: dict[str, Any], question: str, protocol: Protocol,
                 ctx: _RuleContext) -> str:
    date = raw.get("date")
    if (date is None) == (not question):
        raise ctx.fail("an outside_period rule needs either date = \"decision_date\" or "
                       "question = a date question, not both")
    if date is not None:
        if date not in CASE_DATES:
            raise ctx.fail(f"date must be one of: {', '.join(CASE_DATES)}")
        return str(date)
    if protocol.question(question).type is not QuestionType.DATE:
        raise ctx.fail(f"question '{question}' is not a date question; an outside_period "
                       "rule needs one (or date = \"decision_date\")")
    return ""

