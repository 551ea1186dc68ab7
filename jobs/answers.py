"""Importing answers scored elsewhere (a spreadsheet in long format), checked whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from review_protocols.model import Protocol
    from samples.tabular import ProgressCallback, Table
    from store.database import Database
    from tallies.answers_import import CheckedAnswer


@dataclass(frozen=True)
class AnswersImported:
    rows: int
    answers: int
    cleared: int
    reviews: int


def import_answer_file(db: Database, protocol: Protocol, path: str | Path, reviewer: str, *,
                       clear_blank: bool = False, detect: bool = False,
                       on_progress: ProgressCallback | None = None) -> AnswersImported:
    """Check every row against the protocol and the sample, then store them all or none.

    ``reviewer`` answers for rows that name none; each row goes to its reviewer's own review
    of the case, and imported reviews are marked complete. A blank value clears the stored
    answer only with ``clear_blank`` (otherwise the file is refused). With ``detect`` (no
    protocol named) a file whose header names another kind's unit, a provider rather
    than a case, is imported to that kind's protocol.
    """
    from jobs.providers import is_plan_kind
    from samples.tabular import read_table
    from store.reports import ImportedAnswer, import_answers, import_target, stored_answers
    from tallies.answers_import import check_answers

    table = read_table(path, on_progress)
    if detect:
        protocol = _protocol_named_by(table.headers, protocol)
    if is_plan_kind(protocol.id):
        return _import_follow_up_answers(db, protocol, path, table, reviewer,
                                         clear_blank=clear_blank)
    from store.reports import sample_cases

    cases = sample_cases(db)
    checked = check_answers(
        protocol, str(path), table.headers, table.rows, cases,
        lambda ref, who: import_target(db, cases[ref]["population_id"], who, protocol.id),
        lambda review_id: stored_answers(db, review_id),
        reviewer, clear_blank=clear_blank,
    )
    result = import_answers(
        db,
        (ImportedAnswer(cases[c.case_ref]["population_id"], cases[c.case_ref]["sample_id"],
                        c.reviewer, c.question_id, c.value, c.note, evidence=c.evidence)
         for c in checked),
        protocol_id=protocol.id, protocol_version=protocol.version, source=str(path),
    )
    return AnswersImported(len(checked), result["answers"], result["cleared"], result["reviews"])


def _protocol_named_by(headers: Sequence[str], protocol: Protocol) -> Protocol:
    """``protocol``, unless the header names no unit of its kind but another kind's."""
    from review_protocols import available_ids, load_builtin
    from review_protocols.kinds import Unit, kind_of
    from samples.tabular import normalise_header

    keys = {normalise_header(h) for h in headers}

    def named(unit: Unit) -> bool:
        return bool(keys & {unit.reference, *unit.headers})

    if named(kind_of(protocol.id).unit):
        return protocol
    others = [p for p in available_ids() if named(kind_of(p).unit)]
    return load_builtin(others[0]) if len(others) == 1 else protocol


def _import_follow_up_answers(db: Database, protocol: Protocol, path: str | Path,
                              table: Table, reviewer: str, *,
                              clear_blank: bool) -> AnswersImported:
    """The same checks and store for a kind scored per provider follow-up: the file names
    the provider (``provider_ref``/``leverantör``) of the latest plan, and the skip logic
    sees the provider's contract area and regime."""
    from jobs.providers import latest_plan, plan_kind, unit_attributes
    from store.providers import plan_follow_ups
    from store.reports import ImportedAnswer, import_answers, import_target, stored_answers
    from tallies.answers_import import check_answers

    unit = plan_kind(protocol.id).unit
    units = {f["provider_ref"]: f for f in
             plan_follow_ups(db, latest_plan(db, protocol.id)["id"])}
    checked = check_answers(
        protocol, str(path), table.headers, table.rows, units,
        lambda ref, who: import_target(db, None, who, protocol.id,
                                       follow_up_id=units[ref]["id"]),
        lambda review_id: stored_answers(db, review_id),
        reviewer, clear_blank=clear_blank, unit=unit,
        attributes=lambda ref: unit_attributes(units[ref]),
    )
    _outcomes_explained(db, protocol, str(path), checked, units)
    result = import_answers(
        db,
        (ImportedAnswer(None, None, c.reviewer, c.question_id, c.value, c.note,
                        follow_up_id=units[c.case_ref]["id"], evidence=c.evidence)
         for c in checked),
        protocol_id=protocol.id, protocol_version=protocol.version, source=str(path),
    )
    return AnswersImported(len(checked), result["answers"], result["cleared"], result["reviews"])


def _outcomes_explained(db: Database, protocol: Protocol, source: str,
                        checked: Sequence[CheckedAnswer],
                        units: Mapping[str, Mapping[str, Any]]) -> None:
    """An outcome other than the one derived from the checks needs its reason, as in the
    app: AnswersImportError naming the line otherwise (nothing is imported)."""
    from jobs.providers import outcome_rule, plan_kind, unit_attributes
    from store.reports import import_target, stored_answers
    from tallies.answers_import import AnswersImportError

    layout = plan_kind(protocol.id).tallies.outcomes
    assert layout is not None
    rule = outcome_rule(db, protocol.id)
    groups: dict[tuple[str, str], list[CheckedAnswer]] = {}
    for item in checked:
        groups.setdefault((item.case_ref, item.reviewer), []).append(item)
    problems = []
    for (ref, reviewer), items in groups.items():
        unit = units[ref]
        target = import_target(db, None, reviewer, protocol.id, follow_up_id=unit["id"])
        answers: dict[str, Any] = dict(stored_answers(db, target.review_id))
        for item in items:
            answers[item.question_id] = item.value
        answers = {q: v for q, v in answers.items() if v is not None}
        derived = rule.unexplained_override(
            answers, {**unit_attributes(unit), "provider_ref": ref})
        if derived is not None:
            line = next((i.line for i in items if i.question_id == layout.question),
                        items[0].line)
            problems.append((line, f"{layout.question} {answers[layout.question]} is not the "
                                   f"outcome the checks give ({derived}); give the reason in "
                                   f"{layout.override_reason}, or leave {layout.question} "
                                   "out"))
    if problems:
        raise AnswersImportError(source, sorted(problems))
