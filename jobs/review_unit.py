"""What a review screen shows of the unit under review, for either kind: the case file
text, or a provider follow-up's sheet (its contract, the documents received, its open
measures), the unit's attributes for the skip logic, and the derived outcome.

One entry point for the screen, so that it names no kind: a kind with an outcome
(``TalliesLayout.outcomes``) gets its derived outcome and the override check, a unit
with documents (``Unit.documents``) its list of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from review_protocols.conditions import Value
    from review_protocols.model import Protocol
    from store.database import Database


@dataclass(frozen=True)
class OutcomeHint:
    derived: str | None  # the outcome the checks give (None: undecided yet)
    label: str  # its words, or the words for undecided
    unexplained: bool  # the reviewer chose another outcome without its reason
    reason_question: str | None  # where that reason goes


def outcome_hint(db: Database, protocol: Protocol, values: Mapping[str, Value],
                 info: Mapping[str, Any]) -> OutcomeHint | None:
    """The derived outcome of a review whose kind has one; None for other kinds."""
    from jobs.i18n import language, t
    from jobs.providers import known_kind, outcome_rule, unit_attributes

    layout = known_kind(protocol.id).tallies.outcomes
    if layout is None:
        return None
    rule = outcome_rule(db, protocol.id)
    unit = {**unit_attributes(info), "provider_ref": info["case_ref"]}
    derived = rule.derived(values, unit)
    labels = {o.code: o.label_in(language()) for o in protocol.question(layout.question).options}
    return OutcomeHint(derived, labels.get(derived or "", t("followup.undecided")),
                       rule.unexplained_override(values, unit) is not None,
                       layout.override_reason)


def beside_text(db: Database, protocol: Protocol, values: Mapping[str, Value],
                info: Mapping[str, Any]) -> str | None:
    """The text beside the protocol: the case file, or the follow-up's sheet."""
    from store.frames import case_text

    if info.get("population_id") is not None:
        return case_text(db, info["population_id"])
    return _follow_up_sheet(db, protocol, values, info)


def beside_follows_answers(info: Mapping[str, Any]) -> bool:
    """A follow-up's sheet shows what its answers say of the documents; a case file text
    never changes with the answers."""
    return info.get("population_id") is None


def _follow_up_sheet(db: Database, protocol: Protocol, values: Mapping[str, Value],
                     info: Mapping[str, Any]) -> str:
    from jobs.i18n import language, t
    from jobs.providers import known_kind, measure_state
    from store.providers import measures

    lang = language()
    lines = [f"{info.get('provider_name') or ''} ({info['case_ref']})",
             f"{t('outcomes.w.area')}: {info.get('contract_area') or '–'}",
             f"{t('followup.regime')}: {info.get('regime') or '–'}",
             f"{t('outcomes.w.dnr')}: {info.get('contract_ref') or '–'}", "",
             t("followup.documents")]
    for question_id in known_kind(protocol.id).unit.documents:
        question = protocol.question(question_id)
        answer = values.get(question_id)
        state = next((o.label_in(lang) for o in question.options if o.code == answer),
                     t("followup.not_assessed"))
        lines.append(f"  {question.label_in(lang)}: {state}")
    today = dt.date.today().isoformat()
    steps = [m for m in measures(db, info["case_ref"]) if m["closed_as"] is None]
    lines += ["", t("followup.open_measures")]
    lines += [f"  {m['kind']}, {t('outcomes.w.due').lower()} {m['due_date'] or '–'}"
              f"{' · ' + t('followup.overdue') if measure_state(m, today) == 'overdue' else ''}"
              for m in steps] or [f"  {t('followup.none')}"]
    return "\n".join(lines)


def plan_protocols() -> list[str]:
    """The protocols whose units come from a follow-up plan (the provider kinds)."""
    from jobs.providers import is_plan_kind
    from review_protocols import available_ids

    return [p for p in available_ids() if is_plan_kind(p)]


def follow_up_list(db: Database) -> tuple[str | None, list[dict[str, Any]]]:
    """The latest plan's follow-ups of the first provider kind that has one, each with its
    reviewer, status, outcome (set or derived) and the open measure it is under; those a
    supervisor returned first (their reviewer has work to do), as in the case list."""
    from jobs.i18n import language, t
    from jobs.providers import follow_ups, known_kind, measure_state
    from review_protocols import load_builtin
    from store.providers import latest_plan, measures, plan_follow_ups

    protocol_id = next((p for p in plan_protocols() if latest_plan(db, p) is not None), None)
    if protocol_id is None:
        return None, []
    layout = known_kind(protocol_id).tallies.outcomes
    assert layout is not None
    labels = {o.code: o.label_in(language())
              for o in load_builtin(protocol_id).question(layout.question).options}
    outcomes = {f.provider_ref: f.scored.outcome for f in follow_ups(db, protocol_id)}
    today = dt.date.today().isoformat()
    open_steps: dict[str, str] = {}
    for step in measures(db):
        if step["closed_as"] is None:
            overdue = measure_state(step, today) == "overdue"
            open_steps[step["provider_ref"]] = step["kind"] + (
                f" · {t('followup.overdue')}" if overdue else "")
    plan = latest_plan(db, protocol_id)
    assert plan is not None
    return protocol_id, [
        {"review_id": f["review_id"], "provider_ref": f["provider_ref"], "name": f["name"],
         "contract_area": f["contract_area"], "reviewer": f["reviewer"] or "–",
         "status": f["status"] or "unassigned",
         "outcome": labels.get(outcomes.get(f["provider_ref"]) or "", "–"),
         "measure": open_steps.get(f["provider_ref"], "–")}
        for f in sorted(plan_follow_ups(db, plan["id"]),
                        key=lambda f: f["status"] != "returned")]


def measure_list(db: Database, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every step on every ladder for the supervisors' view: the overdue first, then the
    open ones by due date, then the closed."""
    from jobs.providers import measure_rows

    rows = measure_rows(db, today=today)
    rank = {"overdue": 0, "open": 1}
    return sorted(rows, key=lambda m: (rank.get(m["state"], 2), m["due_date"] or "9999",
                                       m["provider_ref"], m["id"]))
