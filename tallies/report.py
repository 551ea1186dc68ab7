"""Everything a supervisor's report needs, computed once from the counted reviews.

``build_report`` is pure: protocol, cases, district order, district notes in;
a ``Report`` of tables out. Every writer (CSV, XLSX, Markdown, JSON) and the
Tallies screen read the same ``Report``, so they cannot disagree.

Order: the report's Table 1 (plan matches the order), then every closed
question in protocol order, then the number questions, then the findings per
quality area (kvalitetsområde). Each question comes in three views: per
district, per gender, and district x gender.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from review_protocols.kinds import TalliesLayout, kind_of
from review_protocols.model import Protocol, QuestionType
from tallies.collector import collector_paused
from tallies.crosstab import (
    ANSWERED,
    VIEWS,
    CaseAnswers,
    Prepared,
    Row,
    Table,
    Tally,
    Words,
    closed_questions,
    crosstab,
    plan_matches,
    tally_question,
)
from tallies.numbers import number_table, tally_numbers

NOTE_KINDS = ("strength", "development")


@dataclass(frozen=True, slots=True)
class DistrictNote:
    id: int
    district: str
    kind: str  # strength | development
    text: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class Publication:
    """A published report's account of what it hides (``tallies.suppression``)."""

    title: str
    text: str  # one line for the report's head: the rule, and the tables where it hid cells


@dataclass
class Report:
    protocol_id: str
    protocol_title: str
    cases: int
    districts: tuple[str, ...]
    tables: list[Table] = field(default_factory=list)
    areas: list[Table] = field(default_factory=list)
    notes: list[DistrictNote] = field(default_factory=list)
    # (section title, its question ids) in protocol order: how the XLSX groups its sheets
    sections: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    publication: Publication | None = None  # set when small counts were suppressed

    def table(self, table_id: str) -> Table:
        return next(t for t in [*self.tables, *self.areas] if t.id == table_id)

    def all_tables(self) -> list[Table]:
        return [*self.tables, *self.areas]

    def questions(self) -> list[tuple[str, str]]:
        """(table id stem, title) in report order, one per question or combined view."""
        seen: dict[str, str] = {}
        for table in self.tables:
            seen.setdefault(table.id.rsplit(".", 1)[0], table.title)
        return list(seen.items())


def build_report(
    protocol: Protocol,
    cases: Sequence[CaseAnswers],
    districts: Sequence[str],
    *,
    codes: Mapping[str, str] | None = None,
    notes: Sequence[DistrictNote] = (),
    words: Words,
    views: Sequence[str] = VIEWS,
    layout: TalliesLayout | None = None,
) -> Report:
    """Every table of the report; ``layout`` defaults to the protocol's kind of review's."""
    layout = layout or kind_of(protocol.id).tallies
    with collector_paused():
        return _build(protocol, cases, districts, codes, notes, words, views, layout)


def _build(protocol: Protocol, cases: Sequence[CaseAnswers], districts: Sequence[str],
           codes: Mapping[str, str] | None, notes: Sequence[DistrictNote], words: Words,
           views: Sequence[str], layout: TalliesLayout) -> Report:
    prep = Prepared.of(protocol, cases, districts, codes, words.language)
    report = Report(protocol.id, protocol.title_in(words.language), len(cases), tuple(districts),
                    notes=list(notes),
                    sections=[(s.title_in(words.language), tuple(q.id for q in s.questions))
                              for s in protocol.sections])
    tallies = {q.id: tally_question(prep, q.id) for q in closed_questions(protocol)}
    for pair in layout.combined:
        if all(protocol.has_question(question_id) for question_id in pair):
            for view in views:
                report.tables.append(plan_matches(prep, pair, view, words, tallies[pair[0]],
                                                  tallies[pair[1]]))
    for question in closed_questions(protocol):
        for view in views:
            report.tables.append(crosstab(prep, question.id, view, words, tallies[question.id]))
    for question in protocol.questions:
        if question.type is QuestionType.NUMBER:
            numbers = tally_numbers(prep, question.id)
            for view in views:
                report.tables.append(number_table(prep, question.id, view, words,
                                                  tally=numbers))
    report.areas = area_tables(prep, tallies, words)
    return report


def area_tables(prep: Prepared, tallies: Mapping[str, Tally], words: Words) -> list[Table]:
    """Findings per quality area: for each indicator question, the share meeting the standard.

    The standard is the options the protocol marks ``good`` (the first option when it marks
    none), so a row reads e.g. "Aktuell DUR-utredning: Finns  57 (71 %)" and a deficiency
    question ("Värderande språk") counts its "Nej". Questions marked ``indicator = false``
    only describe the case ("Beslut") and are left out; the base leaves out answers the
    protocol marks ``not_applicable``, as every table does.
    """
    protocol = prep.protocol
    cols = prep.columns("district", words)
    lang = words.language
    tables = []
    for area in protocol.areas:
        rows = []
        for question in protocol.questions:
            if (question.area != area.id or question.type is not QuestionType.SINGLE
                    or not question.indicator):
                continue
            tally = tallies[question.id]
            good = question.good_options
            answered = tuple(tally.column(m, ANSWERED) for m in cols.strata)
            counts = tuple(sum(tally.column(m, o.code) for o in good) for m in cols.strata)
            labels = " / ".join(o.label_in(lang) for o in good)
            rows.append(Row(f"{question.label_in(lang)}: {labels}", counts, answered,
                            question.id))
        tables.append(Table(f"area.{area.id}", area.label_in(lang), "areas",
                            cols.labels, tuple(rows), "", "", strata=cols.strata))
    return tables
