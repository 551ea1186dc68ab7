"""Cross-tabs of closed questions per district, per gender and district x gender.

Pure functions over plain inputs: a protocol, a list of ``CaseAnswers`` (one
per counted review, answers already decoded) and the district order from the
config. Every table keeps, per cell, its count and the denominator its
percentage is taken of, so that every writer (CSV, XLSX, Markdown, JSON, the
screen) shows the same figures. Percentages round half up, as the report does
(17 of 63 = 26.98 -> 27 %).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import cast

from review_protocols.conditions import AllOf, AnyOf, Compare, Negation, Value, applicable
from review_protocols.model import Protocol, Question, QuestionType
from review_protocols.values import display

VIEWS = ("district", "gender", "district_gender")
GENDERS = ("K", "M")
Stratum = tuple[str, str]  # (district, gender)


@dataclass(frozen=True, slots=True)
class Words:
    """The words tables are written with, from the string catalogue (``jobs.words.words``)."""

    total: str
    not_applicable: str
    unanswered: str
    women: str
    men: str
    case_one: str
    case_many: str
    not_applicable_note: str
    is_na_one: str
    is_na_many: str
    unanswered_note: str
    base_note: str
    plan_missing: str
    plan_title: str
    plan_base_note: str
    view_district: str
    view_gender: str
    view_district_gender: str
    view_areas: str
    answer: str
    strengths: str
    development: str
    summary: str
    reviewed: str
    areas_title: str
    notes_title: str
    areas_note: str
    multi_note: str
    median: str
    count: str
    contents: str
    contents_note: str
    section: str
    question: str
    language: str




def view_label(view: str, words: Words) -> str:
    return getattr(words, f"view_{view}", view)


@dataclass(frozen=True, slots=True)
class CaseAnswers:
    """One counted review: the case's reference, district, gender and decoded answers."""

    case_ref: str
    district: str
    gender: str
    answers: Mapping[str, Value]


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a count per column and, where a share is shown, its denominator.

    In a published report (``tallies.suppression``) a hidden count is None, with the
    text shown instead in ``hidden`` ("<3", "x"), and a denominator that is not shown
    is 0: a writer that knows nothing of suppression still cannot show them.
    """

    label: str
    counts: tuple[float | int | None, ...]
    bases: tuple[int, ...] | None = None  # None: no percentage for this row
    code: str = ""  # option code, "_na", "_unanswered", "_total" or a statistic
    hidden: tuple[str, ...] = ()  # per column, the text shown for a hidden count; "" shown

    def percent(self, column: int) -> int | None:
        """The rounded percentage in a column, None when there is none."""
        if self.bases is None or not self.bases[column] or self.hidden_text(column):
            return None
        return percent(self.counts[column] or 0, self.bases[column])

    def share(self, column: int) -> float | None:
        """The unrounded percentage (for CSV/XLSX with one decimal)."""
        if self.bases is None or not self.bases[column] or self.hidden_text(column):
            return None
        return 100.0 * (self.counts[column] or 0) / self.bases[column]

    def hidden_text(self, column: int) -> str:
        """What a published report shows instead of a hidden count; "" when it is shown."""
        return self.hidden[column] if self.hidden else ""


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    title: str
    view: str  # district | gender | district_gender | areas | number
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""
    question_id: str = ""
    kind: str = "count"  # count | number (statistics rows: no percentages)
    strata: tuple[frozenset[Stratum], ...] = ()  # per column, the (district, gender) counted

    def row(self, code: str) -> Row:
        return next(r for r in self.rows if r.code == code)

    def cell(self, code: str, column: str) -> float | int | None:
        return self.row(code).counts[self.columns.index(column)]


def percent(count: float, base: int) -> int:
    """Half-up rounding, as printed reports do (Python's round() rounds to even)."""
    return int(100 * count / base + 0.5) if base else 0


def district_order(strata: set[Stratum], districts: Sequence[str]) -> list[str]:
    """The districts in config order, then any others the cases name, sorted."""
    present = {d for d, _ in strata}
    return list(districts) + sorted(present - set(districts))


@dataclass
class Columns:
    """Which strata (district, gender) make up each column of a view; the last is Totalt."""

    labels: tuple[str, ...]
    strata: tuple[frozenset[Stratum], ...]


def columns_for(
    strata: set[Stratum], districts: Sequence[str], view: str, words: Words,
    codes: Mapping[str, str] | None = None,
) -> Columns:
    """Columns of a view: districts in config order (unknown ones after), genders, or both."""
    order = district_order(strata, districts)
    names = {"K": words.women, "M": words.men}
    everything = frozenset(strata)
    if view == "district":
        cols = [(d, frozenset(s for s in strata if s[0] == d)) for d in order]
    elif view == "gender":
        cols = [(names[g], frozenset(s for s in strata if s[1] == g)) for g in GENDERS]
    elif view == "district_gender":
        short = codes or {}
        cols = [(f"{short.get(d, d)} {names[g].lower()}", frozenset({(d, g)} & everything))
                for d in order for g in GENDERS]
    else:
        raise ValueError(f"unknown view '{view}'; use one of: {', '.join(VIEWS)}")
    return Columns((*(label for label, _ in cols), words.total),
                   (*(members for _, members in cols), everything))


@dataclass
class _Group:
    """The cases' answers to one chain of questions that skip logic depends on.

    Whether a question applies depends only on the answers its condition
    refers to, directly or further up (its chain); a chain has few distinct
    answer combinations ("keys") however many cases there are, so
    applicability and the reason it fails are worked out once per key.
    """

    keys: list[object]  # per case, in stratum order
    sizes: Counter[object]  # cases per key
    first: list[object]  # distinct keys in the order their first case comes
    applies: dict[object, Mapping[str, bool]]  # key -> applicable() of a case with it
    representative: dict[object, int]  # key -> the index of a case with it
    masks: dict[str, list[bool] | None] = field(default_factory=dict)  # None: always applies


@dataclass
class Prepared:
    """The cases as one column per question, grouped by stratum, shared by every table.

    Counting a question is then a ``Counter`` over a slice per stratum (done
    in C) rather than a pass over dicts per case; applicability is worked out
    per distinct answer to the question's chain (see ``_Group``).
    """

    protocol: Protocol
    cases: Sequence[CaseAnswers]
    districts: Sequence[str]
    codes: Mapping[str, str] | None = None
    language: str = "sv"  # of the protocol texts in "not applicable" reasons
    strata: set[Stratum] = field(default_factory=set)
    slices: list[tuple[Stratum, int, int]] = field(default_factory=list)  # stratum runs
    order: list[int] = field(default_factory=list)  # position in stratum order -> case index
    position: list[int] = field(default_factory=list)  # case index -> position (the inverse)
    _columns: dict[str, list[object]] = field(default_factory=dict)
    _groups: dict[tuple[str, ...], _Group] = field(default_factory=dict)
    _reasons: dict[tuple[str, object], str] = field(default_factory=dict)

    @classmethod
    def of(cls, protocol: Protocol, cases: Sequence[CaseAnswers], districts: Sequence[str],
           codes: Mapping[str, str] | None = None, language: str = "sv") -> Prepared:
        number: dict[Stratum, int] = {}
        ids = [number.setdefault((c.district, c.gender), len(number)) for c in cases]
        order = sorted(range(len(cases)), key=ids.__getitem__)  # stable: case order kept
        slices, start = [], 0
        sizes = Counter(ids)
        for stratum, index in number.items():
            slices.append((stratum, start, start + sizes[index]))
            start += sizes[index]
        position = sorted(range(len(order)), key=order.__getitem__)
        return cls(protocol, cases, districts, codes, language, set(number), slices, order,
                   position)

    def column(self, question_id: str) -> list[object]:
        """A question's answers in stratum order; multiple choices as tuples (hashable)."""
        if not self._columns:
            self._columns = self._read_columns()
        return self._columns[question_id]

    def _read_columns(self) -> dict[str, list[object]]:
        """Every question's column, reading each case's answers once.

        Row by row (each case's mapping visited once, in case order), then
        transposed in C: reading one question at a time across ten thousand
        mappings is several times slower (each visit a cache miss).
        """
        ids = [q.id for q in self.protocol.questions]
        rows = [tuple(map(case.answers.get, ids)) for case in self.cases]
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(ids)
        found = {}
        for question, values in zip(self.protocol.questions, columns, strict=True):
            ordered = list(map(values.__getitem__, self.order))
            if question.type is QuestionType.MULTI:
                ordered = [tuple(v) if type(v) is list else v for v in ordered]
            found[question.id] = ordered
        return found

    def mask(self, question: Question) -> list[bool] | None:
        """Per case (stratum order) whether a question applies; None when it always does."""
        if question.when is None:
            return None
        group = self._group(_chain(self.protocol, question))
        if question.id not in group.masks:
            applies = {key: found[question.id] for key, found in group.applies.items()}
            group.masks[question.id] = (None if all(applies.values())
                                        else list(map(applies.__getitem__, group.keys)))
        return group.masks[question.id]

    def reasons(self, question: Question) -> dict[str, int]:
        """Why a question does not apply, with how many cases, in the order of their first case.

        The cause depends only on the answers to the question's chain, so it is
        worked out once per distinct combination of them.
        """
        reasons: dict[str, int] = {}
        if question.when is None:
            return reasons
        group = self._group(_chain(self.protocol, question))
        for key in group.first:
            applies = group.applies[key]
            if applies[question.id]:
                continue
            found = self._reasons.get((question.id, key))
            if found is None:
                case = self.cases[group.representative[key]]
                found = self._reasons[question.id, key] = _reason(
                    self.protocol, question, case.answers, applies, self.language)
            reasons[found] = reasons.get(found, 0) + group.sizes[key]
        return reasons

    def _group(self, chain: tuple[str, ...]) -> _Group:
        group = self._groups.get(chain)
        if group is None:
            keys = self._keys(chain)
            try:
                representative = dict(zip(keys, self.order, strict=True))  # any case with it
            except TypeError:  # a list where none belongs (say, several codes to a single)
                keys = [tuple(map(_hashable, k)) if type(k) is tuple else _hashable(k)
                        for k in keys]
                representative = dict(zip(keys, self.order, strict=True))
            first = list(dict.fromkeys(map(keys.__getitem__, self.position)))
            applies: dict[object, Mapping[str, bool]] = {
                key: applicable(self.protocol, self.cases[index].answers)
                for key, index in representative.items()}
            group = self._groups[chain] = _Group(keys, Counter(keys), first, applies,
                                                 representative)
        return group

    def _keys(self, chain: tuple[str, ...]) -> list[object]:
        """Per case (stratum order) its answers to a chain: the value itself for one question."""
        columns = [self.column(r) for r in chain]
        if len(columns) == 1:
            return columns[0]
        return list(zip(*columns, strict=True)) if columns else [()] * len(self.order)

    def columns(self, view: str, words: Words) -> Columns:
        return columns_for(self.strata, self.districts, view, words, self.codes)


def _chain(protocol: Protocol, question: Question) -> tuple[str, ...]:
    """Every question a question's condition depends on, directly or further up."""
    found: set[str] = set()
    pending = [question]
    while pending:
        current = pending.pop()
        if current.when is None:
            continue
        for ref in current.when.references():
            if ref not in found and protocol.has_question(ref):
                found.add(ref)
                pending.append(protocol.question(ref))
    return tuple(sorted(found))


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def closed_questions(protocol: Protocol) -> list[Question]:
    return [q for q in protocol.questions if q.is_choice]


NA, UNANSWERED, ANSWERED = "_na", "_unanswered", "_total"


@dataclass
class Tally:
    """Counts per stratum and category for one question, and why it did not apply."""

    counts: dict[Stratum, dict[str, int]]
    reasons: dict[str, int]

    def column(self, strata: frozenset[Stratum], category: str) -> int:
        return sum(self.counts.get(s, {}).get(category, 0) for s in strata)


def tally_question(prep: Prepared, question_id: str) -> Tally:
    """Option codes, answered, not applicable, unanswered: per stratum.

    Each stratum's answers are counted at once (a ``Counter`` over its slice
    of the question's column, the applicable ones picked by ``compress``).
    """
    question = prep.protocol.question(question_id)
    column, mask = prep.column(question_id), prep.mask(question)
    counts: dict[Stratum, dict[str, int]] = {}
    excluded = question.not_applicable_codes  # declared in the protocol, on single questions
    declared: dict[str, int] = {}
    for stratum, start, end in prep.slices:
        if mask is None:
            found = Counter(column[start:end])
        else:
            part = mask[start:end]
            found = Counter(compress(column[start:end], part))
            if (not_applicable := end - start - sum(part)):
                counts[stratum] = {NA: not_applicable}
        for value, n in found.items():
            bucket = counts.setdefault(stratum, {})
            if value is None or value == "" or value == ():
                bucket[UNANSWERED] = bucket.get(UNANSWERED, 0) + n
                continue
            if value in excluded:  # e.g. "Ej relevant": out of the base, as skip logic is
                bucket[NA] = bucket.get(NA, 0) + n
                declared[str(value)] = declared.get(str(value), 0) + n
                continue
            bucket[ANSWERED] = bucket.get(ANSWERED, 0) + n
            for code in value if type(value) is tuple else (value,):
                bucket[code] = bucket.get(code, 0) + n
    reasons = prep.reasons(question)
    for code, n in declared.items():  # the reason reads like skip logic's: "Question: Answer"
        option = question.option(code)
        assert option is not None
        reason = f"{question.label_in(prep.language)}: {option.label_in(prep.language)}"
        reasons[reason] = reasons.get(reason, 0) + n
    return Tally(counts, reasons)


def crosstab(prep: Prepared, question_id: str, view: str, words: Words,
             tally: Tally | None = None) -> Table:
    """Options, then Totalt (the answered base), ej tillämplig and obesvarad, per column."""
    question = prep.protocol.question(question_id)
    if not question.is_choice:
        raise ValueError(f"{question_id} is not a closed question")
    tally = tally or tally_question(prep, question_id)
    cols = prep.columns(view, words)

    def line(category: str) -> tuple[int, ...]:
        return tuple(tally.column(members, category) for members in cols.strata)

    answered = line(ANSWERED)
    lang = words.language
    rows = [Row(o.label_in(lang), line(o.code), answered, o.code)
            for o in question.options if not o.not_applicable]  # those count as not applicable
    for subtotal in question.subtotals:
        parts = [line(code) for code in subtotal.of]
        rows.append(Row(subtotal.label_in(lang), tuple(map(sum, zip(*parts, strict=True))),
                        answered, subtotal.code))
    rows.append(Row(words.total, answered, None, ANSWERED))
    rows.append(Row(words.not_applicable, line(NA), None, NA))
    rows.append(Row(words.unanswered, line(UNANSWERED), None, UNANSWERED))
    note = rows_note(len(prep.cases), rows, tally.reasons, words)
    if answered[-1] and question.type is QuestionType.MULTI:
        note += f". {words.base_note.format(n=answered[-1])}; {words.multi_note}"
    return Table(f"{question_id}.{view}", question.label_in(words.language), view, cols.labels,
                 tuple(rows), note, question_id, strata=cols.strata)


def plan_matches(prep: Prepared, pair: tuple[str, str], view: str, words: Words,
                 exists: Tally | None = None,
                 matches: Tally | None = None) -> Table:
    """The report's Table 1: Ja / Delvis / Nej / Genomförandeplan saknas, from two questions.

    ``pair`` is (does the plan exist, how well does it match), as the kind of review
    declares it (``TalliesLayout.combined``). Ja/Delvis/Nej take their share of the plans
    that exist (27/54/19 % of 63), "saknas" of all cases where a plan is due (20 % of 79),
    as the report does.
    """
    exists_id, matches_id = pair
    match_q = prep.protocol.question(matches_id)
    exists = exists or tally_question(prep, exists_id)
    matches = matches or tally_question(prep, matches_id)
    cols = prep.columns(view, words)
    codes = [o.code for o in match_q.options]

    def line(tally: Tally, category: str) -> tuple[int, ...]:
        return tuple(tally.column(members, category) for members in cols.strata)

    per_option = {code: line(matches, code) for code in codes}
    missing = line(exists, "nej")
    plans = tuple(sum(per_option[c][i] for c in codes) for i in range(len(cols.labels)))
    due = tuple(p + m for p, m in zip(plans, missing, strict=True))
    not_applicable = line(exists, NA)
    # Applicable but not settled: plan question unanswered, or a plan without a match answer.
    unanswered = tuple(
        e + m for e, m in zip(line(exists, UNANSWERED), line(matches, UNANSWERED), strict=True))
    rows = [Row(o.label_in(words.language), per_option[o.code], plans, o.code)
            for o in match_q.options]
    rows.append(Row(words.plan_missing, missing, due, "saknas"))
    rows.append(Row(words.total, due, None, ANSWERED))
    rows.append(Row(words.not_applicable, not_applicable, None, NA))
    rows.append(Row(words.unanswered, unanswered, None, UNANSWERED))
    note = denominator_note(len(prep.cases), not_applicable[-1], unanswered[-1],
                            exists.reasons, words)
    note += ". " + words.plan_base_note.format(plans=plans[-1], missing=words.plan_missing,
                                               n=due[-1])
    return Table(f"plan_stammer.{view}", words.plan_title, view, cols.labels, tuple(rows),
                 note, matches_id, strata=cols.strata)


def rows_note(cases: int, rows: Sequence[Row], reasons: Mapping[str, int], words: Words) -> str:
    """``denominator_note`` of a table whose last two rows count not applicable and
    unanswered cases, in its last (total) column."""
    return denominator_note(cases, int(rows[-2].counts[-1] or 0), int(rows[-1].counts[-1] or 0),
                            reasons, words)


def denominator_note(cases: int, not_applicable: int, unanswered: int,
                     reasons: Mapping[str, int], words: Words) -> str:
    """E.g. '79 ärenden; 1 ärende ej tillämpliga (Beslut: Avslag 1)', from the skip logic."""
    counted = cases - not_applicable
    text = f"{counted} {_cases(counted, words)}"
    if not_applicable:
        ordered = sorted(reasons.items(), key=lambda kv: -kv[1])
        listed = (ordered[0][0] if len(ordered) == 1
                  else ", ".join(f"{reason}: {n}" for reason, n in ordered))
        is_na = words.is_na_one if not_applicable == 1 else words.is_na_many
        text += "; " + words.not_applicable_note.format(
            n=not_applicable, cases=_cases(not_applicable, words), is_na=is_na, reasons=listed)
    if unanswered:
        text += "; " + words.unanswered_note.format(n=unanswered,
                                                    cases=_cases(unanswered, words))
    return text


def _cases(n: int, words: Words) -> str:
    return words.case_one if n == 1 else words.case_many


def _reason(protocol: Protocol, question: Question, answers: Mapping[str, Value],
            applies: Mapping[str, bool], lang: str = "sv") -> str:
    """Why a question does not apply: the first answer its condition failed on."""
    visible = _Visible(answers, applies)
    # A condition reads its answers with .get only, which _Visible gives.
    seen = cast("Mapping[str, Value]", visible)
    failed = _failing(question.when, seen) if question.when is not None else None
    if failed is None:
        return "?"
    if not protocol.has_question(failed.question):  # a condition on the unit (e.g. regime)
        return failed.question.lstrip("@")
    ref = protocol.question(failed.question)
    if not applies.get(ref.id, True) and ref.when is not None:
        return _reason(protocol, ref, answers, applies, lang)  # the cause further up the chain
    value = visible.get(failed.question)
    if value in (None, "", []):
        return f"{ref.label_in(lang)}: –"
    return f"{ref.label_in(lang)}: {display(ref, value, lang)}"


class _Visible:
    """The answers a condition sees: only those of applicable questions (read lazily)."""

    __slots__ = ("answers", "applies")

    def __init__(self, answers: Mapping[str, Value], applies: Mapping[str, bool]) -> None:
        self.answers, self.applies = answers, applies

    def get(self, key: str, default: Value = None) -> Value:
        return self.answers.get(key, default) if self.applies.get(key) else default


def _failing(condition: object, answers: Mapping[str, Value]) -> Compare | None:
    if isinstance(condition, Compare):
        return None if condition.holds(answers) else condition
    if isinstance(condition, AllOf):
        for part in condition.parts:
            found = _failing(part, answers)
            if found is not None:
                return found
        return None
    if isinstance(condition, AnyOf):
        if condition.holds(answers):
            return None
        return _failing(condition.parts[0], answers)
    if isinstance(condition, Negation):
        return None if condition.holds(answers) else _first_compare(condition.part)
    return None


def _first_compare(condition: object) -> Compare | None:
    if isinstance(condition, Compare):
        return condition
    if isinstance(condition, (AllOf, AnyOf)):
        return _first_compare(condition.parts[0])
    if isinstance(condition, Negation):
        return _first_compare(condition.part)
    return None
