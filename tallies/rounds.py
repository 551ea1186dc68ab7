"""Two review rounds side by side: per question, answer and district, each round's count,
denominator and share, the change in percentage points, and whether it is beyond chance.

Pure: protocol, each round's counted cases and the district order in. The counts are the
tallies' own (``tally_question``), so each round's figures agree with its tables. The
test is equal treatment's (``tallies.equality``): Fisher's exact test, two-sided, with
the two rounds as the two groups, Holm-adjusted within each question, too few on either
side (``MIN_N``) not tested; a ja/nej question's second answer shares its first's test.
The same cases reviewed twice are not independent groups: a paired test would be
sharper, so a change Fisher's test flags is at least as clear as it says.

Published (``publish``): on sensitive questions each round's small counts (and the
cells they could be worked out from, by ``suppression.suppress_cells``) are hidden, and
so are the shares, changes and p-values made from them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from review_protocols.model import Protocol, QuestionType
from store.cells import markdown_cell, spreadsheet_row
from tallies.crosstab import (
    ANSWERED,
    CaseAnswers,
    Prepared,
    closed_questions,
    district_order,
    percent,
    tally_question,
)
from tallies.equality import ALPHA, Compared, p_text, with_p_values
from tallies.export import BOM, number
from tallies.suppression import suppress_cells

WHOLE = ""  # the district of a whole-sample row
# The JSON and CSV columns of ``granska export equality --rounds A,B`` (README).
FIELDS = ("question_id", "option", "district", "round_a", "count_a", "n_a", "share_a",
          "round_b", "count_b", "n_b", "share_b", "change_pp", "p", "p_adjusted", "flagged")
_CELLS = ("count_a", "n_a", "count_b", "n_b")


@dataclass(frozen=True, slots=True)
class Change:
    """One answer's share in one district (or the whole sample) in round A and in round B."""

    question_id: str
    option: str
    district: str  # WHOLE for the whole sample
    count_a: int
    n_a: int
    count_b: int
    n_b: int
    p: float | None  # None: not tested (too few) or hidden
    p_adjusted: float | None
    # Published: a hidden count's mark by cell (count_a ... n_b; "p" when the p-values are)
    hidden: Mapping[str, str] = field(default_factory=dict)

    def share(self, side: str) -> float | None:
        count, n = (self.count_a, self.n_a) if side == "a" else (self.count_b, self.n_b)
        if not n or f"count_{side}" in self.hidden or f"n_{side}" in self.hidden:
            return None
        return count / n

    @property
    def change_pp(self) -> float | None:
        """B's share less A's, in percentage points."""
        a, b = self.share("a"), self.share("b")
        return None if a is None or b is None else 100 * (b - a)

    @property
    def flagged(self) -> bool:
        return self.p_adjusted is not None and self.p_adjusted < ALPHA

    def shown(self, cell: str) -> int | str:
        """A count as it may be shown: the number, or its mark when hidden."""
        value: int = getattr(self, cell)
        return self.hidden.get(cell, value)

    def as_dict(self, round_a: str, round_b: str) -> dict[str, object]:
        return {"question_id": self.question_id, "option": self.option,
                "district": self.district, "round_a": round_a, "count_a": self.shown("count_a"),
                "n_a": self.shown("n_a"), "share_a": self.share("a"), "round_b": round_b,
                "count_b": self.shown("count_b"), "n_b": self.shown("n_b"),
                "share_b": self.share("b"), "change_pp": self.change_pp, "p": self.p,
                "p_adjusted": self.p_adjusted, "flagged": self.flagged}


@dataclass(frozen=True, slots=True)
class Comparison:
    round_a: str
    round_b: str
    changes: list[Change]
    suppressed: tuple[str, ...] = ()  # the questions where cells were hidden
    small: str = ""  # how a hidden small count shows ("<3" for min_cell 3), when published


def compare(protocol: Protocol, cases_a: Sequence[CaseAnswers], cases_b: Sequence[CaseAnswers],
            districts: Sequence[str], round_a: str, round_b: str) -> Comparison:
    """Every closed question's answers, whole sample first, then per district."""
    prep_a = Prepared.of(protocol, cases_a, districts)
    prep_b = Prepared.of(protocol, cases_b, districts)
    order = district_order(prep_a.strata | prep_b.strata, districts)
    everyone = frozenset(prep_a.strata | prep_b.strata)
    groups = {WHOLE: everyone, **{d: frozenset(s for s in everyone if s[0] == d)
                                  for d in order}}
    changes: list[Change] = []
    for question in closed_questions(protocol):
        tally_a, tally_b = tally_question(prep_a, question.id), tally_question(prep_b, question.id)
        options = [o for o in question.options if o.code not in question.not_applicable_codes]
        paired = question.type is QuestionType.SINGLE and len(options) == 2
        rows = []
        for option in options:
            tested = options[0].code if paired else option.code
            for district, strata in groups.items():
                rows.append(Compared(
                    option.code, "round", district, district, "",
                    tally_b.column(strata, option.code), tally_b.column(strata, ANSWERED),
                    tally_a.column(strata, option.code), tally_a.column(strata, ANSWERED),
                    ("round", district, tested)))
        changes += [Change(s.question_id, s.option, s.district, s.other_count, s.other_n,
                           s.count, s.n, s.p_vs_rest, s.p_adjusted)
                    for s in with_p_values(question.id, rows)]
    return Comparison(round_a, round_b, changes)


def publish(comparison: Comparison, protocol: Protocol, min_cell: int,
            complement: str) -> Comparison:
    """The comparison as it may leave the team: each round's table of a sensitive question
    (answers by district, the whole sample their total, the answered their column's total
    on a single choice) with its small counts shown as "<min_cell" and their complements as
    ``complement``; what is made of a hidden cell (share, change, p) left out."""
    sensitive = {q.id: q for q in protocol.questions if q.sensitive}
    marks: dict[tuple[str, str, str, str], str] = {}  # (question, side, district, column)
    touched: list[str] = []
    for question_id, question in sensitive.items():
        mine = [c for c in comparison.changes if c.question_id == question_id]
        if not mine:
            continue
        for side in ("a", "b"):
            values: dict[tuple[str, str], int] = {}
            for c in mine:
                values[(c.district, c.option)] = getattr(c, f"count_{side}")
                values.setdefault((c.district, ANSWERED), getattr(c, f"n_{side}"))
            districts = list(dict.fromkeys(c.district for c in mine if c.district != WHOLE))
            options = list(dict.fromkeys(c.option for c in mine))
            sums = [((WHOLE, column), tuple((d, column) for d in districts))
                    for column in (*options, ANSWERED)]
            if question.type is QuestionType.SINGLE:
                sums += [((d, ANSWERED), tuple((d, o) for o in options))
                         for d in (WHOLE, *districts)]
            found = suppress_cells(values, sums, min_cell)
            for district, column in found.primary:
                marks[(question_id, side, district, column)] = f"<{min_cell}"
            for district, column in found.complementary:
                marks[(question_id, side, district, column)] = complement
            if found.primary and question_id not in touched:
                touched.append(question_id)
    changes = []
    for c in comparison.changes:
        hidden = {}
        for side in ("a", "b"):
            for cell, key in ((f"count_{side}", c.option), (f"n_{side}", ANSWERED)):
                mark = marks.get((c.question_id, side, c.district, key))
                if mark is not None:
                    hidden[cell] = mark
        # A hidden count's p-value, or the Holm step it took part in, could give it away.
        if c.question_id in touched:
            c = replace(c, hidden={**hidden, "p": complement}, p=None, p_adjusted=None)
        changes.append(c)
    return replace(comparison, changes=changes, suppressed=tuple(touched),
                   small=f"<{min_cell}")


@dataclass(frozen=True, slots=True)
class RoundWords:
    """The words of the comparison, from the string catalogue (``rounds.w.<field>``)."""

    title: str  # {a} {b}
    method: str
    findings_title: str
    none: str
    finding: str  # {question} {answer} {group} {a} {b} {change} {p}
    whole: str
    question: str
    answer: str
    district: str
    count: str
    n: str
    share: str
    change: str
    points: str  # {change}
    p: str
    p_adjusted: str
    flagged: str
    yes: str
    too_small: str
    suppressed: str  # {questions} {small}
    decimal: str
    language: str = "sv"


def _label(protocol: Protocol, change: Change, lang: str) -> tuple[str, str]:
    question = protocol.question(change.question_id)
    option = question.option(change.option)
    return question.label_in(lang), option.label_in(lang) if option is not None else change.option


def of_text(change: Change, side: str, words: RoundWords) -> str:
    count, n = change.shown(f"count_{side}"), change.shown(f"n_{side}")
    share = change.share(side)
    pct = "" if share is None else f" ({percent(share, 1)} %)"
    return f"{count} / {n}{pct}"


def points_text(change: Change, words: RoundWords) -> str:
    pp = change.change_pp
    if pp is None:
        return "–"
    shown = "±0" if round(pp) == 0 else f"{pp:+.0f}".replace("-", "−")
    return words.points.format(change=shown)


def p_shown(change: Change, words: RoundWords, adjusted: bool) -> str:
    p = change.p_adjusted if adjusted else change.p
    if p is None:
        return "–" if change.hidden or not (change.n_a and change.n_b) else words.too_small
    return p_text(p, words).removeprefix("= ")  # type: ignore[arg-type]


def in_words(comparison: Comparison, protocol: Protocol, words: RoundWords) -> list[str]:
    """The changes beyond chance as sentences, each test once (a ja/nej question's first
    answer stands for both)."""
    said: set[tuple[str, str]] = set()
    sentences = []
    for c in comparison.changes:
        if not c.flagged or (c.question_id, c.district) in said:
            continue
        said.add((c.question_id, c.district))
        question, answer = _label(protocol, c, words.language)
        sentences.append(words.finding.format(
            question=question, answer=answer, group=c.district or words.whole,
            a=of_text(c, "a", words), b=of_text(c, "b", words), change=points_text(c, words),
            p=p_shown(c, words, True)))
    return sentences


def suppressed_note(comparison: Comparison, protocol: Protocol, words: RoundWords) -> str:
    """What a published comparison hides and where, with the mark its cells show ("" when
    it hides nothing)."""
    if not comparison.suppressed:
        return ""
    labels = ", ".join(protocol.question(q).label_in(words.language)
                       for q in comparison.suppressed)
    return words.suppressed.format(questions=labels, small=comparison.small)


def to_json(comparison: Comparison) -> str:
    rows = [c.as_dict(comparison.round_a, comparison.round_b) for c in comparison.changes]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


_DECIMALS = {"share_a": 4, "share_b": 4, "change_pp": 1, "p": 6, "p_adjusted": 6}


def to_csv(comparison: Comparison) -> str:
    """``FIELDS`` with codes, for programs (Swedish Excel's CSV: semicolons, decimal comma)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(FIELDS)
    for c in comparison.changes:
        row = c.as_dict(comparison.round_a, comparison.round_b)
        writer.writerow(spreadsheet_row(
            number(v, _DECIMALS[k]) if k in _DECIMALS else  # type: ignore[arg-type]
            ("1" if v else "0") if k == "flagged" else v for k, v in row.items()))
    return BOM + out.getvalue()


def table_rows(comparison: Comparison, protocol: Protocol, words: RoundWords
               ) -> tuple[list[str], list[list[object]]]:
    """The side-by-side table in the catalogue's words: a header and one row per change."""
    a, b = comparison.round_a, comparison.round_b
    header = [words.question, words.answer, words.district, f"{a}: {words.count}",
              f"{a}: {words.n}", f"{a}: {words.share}", f"{b}: {words.count}", f"{b}: {words.n}",
              f"{b}: {words.share}", words.change, words.p, words.p_adjusted, words.flagged]
    rows: list[list[object]] = []
    for c in comparison.changes:
        question, answer = _label(protocol, c, words.language)
        rows.append([question, answer, c.district or words.whole, c.shown("count_a"),
                     c.shown("n_a"), c.share("a"), c.shown("count_b"), c.shown("n_b"),
                     c.share("b"), c.change_pp, c.p, c.p_adjusted,
                     words.yes if c.flagged else ""])
    return header, rows


def to_table_csv(comparison: Comparison, protocol: Protocol, words: RoundWords) -> str:
    """``granska export csv --rounds A,B``: the table with labels, for Swedish Excel."""
    header, rows = table_rows(comparison, protocol, words)
    decimals = {5: 3, 8: 3, 9: 1, 10: 6, 11: 6}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(spreadsheet_row(header))
    for row in rows:
        writer.writerow(spreadsheet_row(
            number(v, decimals[i]) if i in decimals else v  # type: ignore[arg-type]
            for i, v in enumerate(row)))
    return BOM + out.getvalue()


def to_markdown(comparison: Comparison, protocol: Protocol, words: RoundWords) -> str:
    """The changes beyond chance in words, then a table per question, flagged ones in bold
    with a ◆."""
    lang = words.language
    title = words.title.format(a=comparison.round_a, b=comparison.round_b)
    parts = [f"# {markdown_cell(title)}", "", f"*{words.method}*", ""]
    note = suppressed_note(comparison, protocol, words)
    if note:
        parts += [f"*{markdown_cell(note)}*", ""]
    found = in_words(comparison, protocol, words)
    parts += [f"## {words.findings_title}", "",
              *([f"- {markdown_cell(s)}" for s in found] or [words.none]), ""]
    a, b = markdown_cell(comparison.round_a), markdown_cell(comparison.round_b)
    last = None
    for c in comparison.changes:
        question, answer = _label(protocol, c, lang)
        if c.question_id != last:
            last = c.question_id
            parts += ["", f"## {markdown_cell(question)}", "",
                      f"| {words.answer} | {words.district} | {a} | {b} | {words.change} "
                      f"| {words.p_adjusted} |", "|---|---|---:|---:|---:|---:|"]
        p = p_shown(c, words, True)
        if c.flagged:
            p = f"**{p}** ◆"
        parts.append(f"| {markdown_cell(answer)} | {markdown_cell(c.district or words.whole)} "
                     f"| {of_text(c, 'a', words)} | {of_text(c, 'b', words)} "
                     f"| {points_text(c, words)} | {p} |")
    return "\n".join(parts) + "\n"


def docx_sheets(comparison: Comparison, protocol: Protocol, words: RoundWords
                ) -> list[tuple[str, list[str], list[list[object]]]]:
    """The document's tables (``document.sheets_to_docx``): the findings, then one per
    question."""
    lang = words.language
    sheets: list[tuple[str, list[str], list[list[object]]]] = [
        (words.findings_title, [words.findings_title],
         [[s] for s in in_words(comparison, protocol, words)] or [[words.none]])]
    header = [words.answer, words.district, comparison.round_a, comparison.round_b,
              words.change, words.p_adjusted]
    for c in comparison.changes:
        question, answer = _label(protocol, c, lang)
        if sheets[-1][0] != question:
            sheets.append((question, header, []))
        p = p_shown(c, words, True) + (" ◆" if c.flagged else "")
        sheets[-1][2].append([answer, c.district or words.whole, of_text(c, "a", words),
                              of_text(c, "b", words), points_text(c, words), p])
    return sheets
