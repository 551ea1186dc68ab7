"""The tallies of a kind whose reviews each end in one outcome (``TalliesLayout.outcomes``):
a provider follow-up's outcome table, planned against done, the ranked deficiencies, the
measures ledger and the summary of one quality area (the economic check), per stratum.

Pure: plain values in, plain tables out, written as CSV, Markdown, JSON or XLSX.
Reviews not carried out and those not yet scored are left out of the shares;
percentages round half up (``crosstab.percent``), as the printed reports do.
Every label comes from the protocol (its options and questions) or the catalogue
(``OutcomeWords``): nothing here names a provider check.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from review_protocols.kinds import Outcomes
from review_protocols.model import Protocol
from store.cells import markdown_cell, spreadsheet_row, xlsx_row
from tallies.crosstab import percent

CARRIED_OUT = ("foljer", "efter_komplettering", "mindre_brister", "foljer_inte")
LEDGER_KINDS = ("komplettering", "rattelse", "vite", "uteslutning", "uppsagning", "havning")


@dataclass(frozen=True)
class AreaOutcomes:
    contract_area: str
    counts: dict[str, int]  # outcome code -> count, carried-out codes only
    total: int  # carried out

    def share(self, code: str) -> int:
        return percent(self.counts.get(code, 0), self.total)


@dataclass(frozen=True)
class PlannedDone:
    contract_area: str
    planned: int
    done: int
    not_done: dict[str, int]  # reason not carried out -> count

    @property
    def pending(self) -> int:
        """Planned follow-ups neither carried out nor marked as not carried out (yet)."""
        return self.planned - self.done - sum(self.not_done.values())


def outcome_table(follow_ups: Iterable[tuple[str, str | None]],
                  carried_out: Sequence[str] = CARRIED_OUT) -> list[AreaOutcomes]:
    per_area: dict[str, dict[str, int]] = {}
    for area, code in follow_ups:
        counts = per_area.setdefault(area, {})
        if code is not None and code in carried_out:
            counts[code] = counts.get(code, 0) + 1
    return [AreaOutcomes(area, counts, sum(counts.values()))
            for area, counts in sorted(per_area.items())]


def planned_done(follow_ups: Iterable[tuple[str, str | None, str | None]],
                 carried_out: Sequence[str] = CARRIED_OUT,
                 not_carried_out: str = "ej_genomford") -> list[PlannedDone]:
    """(area, outcome, reason not done) per planned follow-up -> planned, done, reasons."""
    rows: dict[str, tuple[list[int], dict[str, int]]] = {}
    for area, code, reason in follow_ups:
        tally, reasons = rows.setdefault(area, ([0, 0], {}))
        tally[0] += 1
        if code in carried_out:
            tally[1] += 1
        elif code == not_carried_out:
            key = reason or "annat"
            reasons[key] = reasons.get(key, 0) + 1
    return [PlannedDone(area, p, d, reasons)
            for area, ([p, d], reasons) in sorted(rows.items())]


@dataclass(frozen=True)
class OutcomeWords:
    """The words of these tables; each field is the catalogue key ``outcomes.w.<field>``."""

    outcomes: str
    planned_done: str
    deficiencies: str
    measures_per_area: str
    ledger: str
    summary: str
    area: str
    total: str
    all_areas: str
    planned: str
    done: str
    not_done: str
    pending: str
    check: str
    deficient: str
    assessed: str
    provider: str
    measure: str
    sent: str
    due: str
    answered: str
    state: str
    decided_by: str
    dnr: str
    question: str


@dataclass(frozen=True)
class Scored:
    """One planned review: its stratum, outcome, why not carried out, and its answers."""

    stratum: str
    outcome: str | None
    reason: str | None
    answers: Mapping[str, Any] = field(default_factory=dict)
    applies: Mapping[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Sheet:
    """One table: an id for JSON, a title, a header and rows of text and numbers."""

    id: str
    title: str
    header: list[str]
    rows: list[list[Any]]


@dataclass(frozen=True)
class FollowUpTallies:
    carried_out: list[str]  # the outcome codes that count in the shares, in protocol order
    outcomes: list[AreaOutcomes]
    planned: list[PlannedDone]
    sheets: list[Sheet]

    def sheet(self, sheet_id: str) -> Sheet:
        return next(s for s in self.sheets if s.id == sheet_id)


def build(protocol: Protocol, layout: Outcomes, scored: Sequence[Scored],
          ledger: Sequence[Mapping[str, Any]], words: OutcomeWords, lang: str = "sv"
          ) -> FollowUpTallies:
    """Every table of the layout from the planned reviews and the measures ledger."""
    outcome = protocol.question(layout.question)
    carried_out = [o.code for o in outcome.options if o.code != layout.not_carried_out]
    labels = {o.code: o.label_in(lang) for o in outcome.options}
    reason_labels = {o.code: o.label_in(lang)
                     for o in protocol.question(layout.reason).options}
    outcomes = outcome_table(((s.stratum, s.outcome) for s in scored), carried_out)
    planned = planned_done(((s.stratum, s.outcome, s.reason) for s in scored), carried_out,
                           layout.not_carried_out)
    done = [s for s in scored if s.outcome in carried_out]
    sheets = [
        _outcome_sheet(outcomes, carried_out, labels, words),
        _planned_sheet(planned, reason_labels, words),
        _deficiency_sheet(protocol, layout, done, words, lang),
        *_ledger_sheets(ledger, words),
    ]
    if layout.summary_area is not None:
        sheets.append(_summary_sheet(protocol, layout.summary_area, done, words, lang))
    return FollowUpTallies(carried_out, outcomes, planned, sheets)


def _outcome_sheet(outcomes: list[AreaOutcomes], codes: Sequence[str],
                   labels: Mapping[str, str], words: OutcomeWords) -> Sheet:
    header = [words.area]
    for code in codes:
        header += [labels[code], f"{labels[code]} %"]
    header.append(words.total)
    every = AreaOutcomes(words.all_areas,
                         {c: sum(a.counts.get(c, 0) for a in outcomes) for c in codes},
                         sum(a.total for a in outcomes))
    rows = []
    for area in [*outcomes, every] if len(outcomes) > 1 else outcomes:
        row: list[Any] = [area.contract_area]
        for code in codes:
            row += [area.counts.get(code, 0), area.share(code)]
        rows.append([*row, area.total])
    return Sheet("outcomes", words.outcomes, header, rows)


def _planned_sheet(planned: list[PlannedDone], reason_labels: Mapping[str, str],
                   words: OutcomeWords) -> Sheet:
    reasons = list(reason_labels)
    header = [words.area, words.planned, words.done, words.not_done,
              *(reason_labels[r] for r in reasons), words.pending]
    rows: list[list[Any]] = []
    for row in planned:
        rows.append([row.contract_area, row.planned, row.done, sum(row.not_done.values()),
                     *(row.not_done.get(r, 0) for r in reasons), row.pending])
    if planned:
        rows.append([words.total, *(sum(r[i] for r in rows) for i in range(1, len(header)))])
    return Sheet("planned_done", words.planned_done, header, rows)


def _deficiency_sheet(protocol: Protocol, layout: Outcomes, done: Sequence[Scored],
                      words: OutcomeWords, lang: str) -> Sheet:
    """How often each check was found deficient, most often first: the share is of the
    reviews carried out where the check applied and was assessed."""
    counted = []
    for position, question in enumerate(protocol.questions):
        if not question.is_choice or not any(o.code in layout.deficient
                                             for o in question.options):
            continue
        assessed = [s for s in done if s.applies.get(question.id, True)
                    and s.answers.get(question.id) is not None]
        deficient = sum(1 for s in assessed if s.answers.get(question.id) in layout.deficient)
        if assessed:
            counted.append((-deficient, position, question, deficient, len(assessed)))
    rows = [[q.label_in(lang), q.id, n, percent(n, of), of]
            for _, _, q, n, of in sorted(counted, key=lambda c: (c[0], c[1]))]
    return Sheet("deficiencies", words.deficiencies,
                 [words.check, "id", words.deficient, f"{words.deficient} %", words.assessed],
                 rows)


def _ledger_sheets(ledger: Sequence[Mapping[str, Any]], words: OutcomeWords) -> list[Sheet]:
    per_area: dict[str, dict[str, int]] = {}
    for step in ledger:
        counts = per_area.setdefault(step.get("contract_area") or "", {})
        counts[step["kind"]] = counts.get(step["kind"], 0) + 1
    counts_rows = [[area, *(counts.get(k, 0) for k in LEDGER_KINDS)]
                   for area, counts in sorted(per_area.items())]
    listing = [[s["provider_ref"], s.get("contract_area") or "", s["kind"], s["sent_date"],
                s["due_date"] or "", s["done_date"] or "", s.get("state") or "",
                s["decided_by"], s["dnr"] or ""] for s in ledger]
    return [
        Sheet("measures_per_area", words.measures_per_area, [words.area, *LEDGER_KINDS],
              counts_rows),
        Sheet("measures", words.ledger,
              [words.provider, words.area, words.measure, words.sent, words.due,
               words.answered, words.state, words.decided_by, words.dnr], listing),
    ]


def _summary_sheet(protocol: Protocol, area_id: str, done: Sequence[Scored],
                   words: OutcomeWords, lang: str) -> Sheet:
    """Each question of one quality area: how many reviews gave each answer."""
    questions = [q for q in protocol.questions if q.area == area_id and q.is_choice]
    codes = list(dict.fromkeys(o.code for q in questions for o in q.options))
    labels = {o.code: o.label_in(lang) for q in questions for o in q.options}
    rows = []
    for question in questions:
        assessed = [s.answers.get(question.id) for s in done
                    if s.applies.get(question.id, True)]
        rows.append([question.label_in(lang), question.id,
                     *(assessed.count(code) for code in codes)])
    title = next((a.label_in(lang) for a in protocol.areas if a.id == area_id), area_id)
    return Sheet("summary", f"{words.summary}: {title}",
                 [words.question, "id", *(labels[c] for c in codes)], rows)


# --- formats --------------------------------------------------------------------------------

def to_csv(tallies: FollowUpTallies) -> str:
    """Every table under its title, a blank line between (semicolons, as Swedish Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for sheet in tallies.sheets:
        writer.writerow(spreadsheet_row([sheet.title]))
        writer.writerow(spreadsheet_row(sheet.header))
        writer.writerows(spreadsheet_row(row) for row in sheet.rows)
        writer.writerow([])
    return "\ufeff" + out.getvalue()


def to_markdown(tallies: FollowUpTallies) -> str:
    parts = []
    for sheet in tallies.sheets:
        parts += [f"## {markdown_cell(sheet.title)}", "",
                  "| " + " | ".join(markdown_cell(h) for h in sheet.header) + " |",
                  "|" + "---|" * len(sheet.header)]
        parts += ["| " + " | ".join(markdown_cell(str(c)) for c in row) + " |"
                  for row in sheet.rows]
        parts.append("")
    return "\n".join(parts)


def to_json(tallies: FollowUpTallies) -> str:
    data: dict[str, Any] = {
        "outcomes": [{"contract_area": a.contract_area, "total": a.total,
                      "counts": {c: a.counts.get(c, 0) for c in tallies.carried_out},
                      "percent": {c: a.share(c) for c in tallies.carried_out}}
                     for a in tallies.outcomes],
        "planned_done": [{"contract_area": r.contract_area, "planned": r.planned,
                          "done": r.done, "not_done": r.not_done, "pending": r.pending}
                         for r in tallies.planned],
        "tables": [{"id": s.id, "title": s.title, "header": s.header, "rows": s.rows}
                   for s in tallies.sheets],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_xlsx(tallies: FollowUpTallies) -> bytes:
    """One sheet per table: title, header row, rows (counts stay numbers)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from tallies.workbook import sheet_names

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    names = sheet_names([s.title for s in tallies.sheets])
    for sheet, name in zip(tallies.sheets, names, strict=True):
        page = book.create_sheet(name)
        page.column_dimensions["A"].width = 34
        page.append(xlsx_row(page, [sheet.title], bold))
        page.append(xlsx_row(page, sheet.header, bold))
        for row in sheet.rows:
            page.append(xlsx_row(page, row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


