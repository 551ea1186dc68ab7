"""The jobs of a follow-up of providers under contract, end to end: import the register,
select a plan, share it, record measures, tally and export, write the letters.

Everything a kind with a follow-up plan needs (``review_protocols.kinds``:
``Selection.rule == "plan"``) is here; the rules live in the pure modules
(``samples.provider_register``, ``samples.provider_selection``, the kind's
outcome rule and ladder, ``tallies.outcomes``) and the SQL in
``store.providers``. The CLI commands only parse and report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from review_protocols.kinds import ReviewKind, kind_of
from store.review_states import DEFAULT_COUNTING

if TYPE_CHECKING:
    from samples.provider_selection import Rule, Selected
    from store.database import Database
    from tallies.letters import Letter
    from tallies.outcomes import FollowUpTallies, Scored


class ProviderError(ValueError):
    """A provider job that cannot be done; the message says what to do instead."""


def known_kind(protocol_id: str) -> ReviewKind:
    """The kind of a protocol that exists; ProtocolError (naming the known ones) if not."""
    from review_protocols import ProtocolError, available_ids, load_builtin
    from review_protocols.loader import IDENTIFIER

    if not IDENTIFIER.match(protocol_id):
        raise ProtocolError(f"no protocol named '{protocol_id}'; known protocols: "
                            f"{', '.join(available_ids())}")
    load_builtin(protocol_id)
    return kind_of(protocol_id)


def is_plan_kind(protocol_id: str) -> bool:
    """A protocol whose units come from a follow-up plan rather than a drawn sample."""
    return known_kind(protocol_id).selection.is_plan


def plan_kind(protocol_id: str) -> ReviewKind:
    kind = known_kind(protocol_id)
    if not kind.selection.is_plan:
        raise ProviderError(f"protocol '{protocol_id}' reviews case files, not providers; "
                            "use a provider protocol such as avtalsuppfoljning")
    return kind


# --- the register ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RegisterImported:
    version: int
    providers: int
    unchanged: bool = False


def import_register(db: Database, path: str | Path) -> RegisterImported:
    """Check and store a CSV/XLSX register whole (a changed one is a new version); the
    same file again changes nothing. FrameRejected (nothing stored) on bad rows."""
    from jobs.sampling import file_sha256
    from samples.tabular import read_table

    path = Path(path)
    table = read_table(path)
    return import_register_rows(db, table.headers, table.rows, source=str(path),
                                sha256=file_sha256(path))


def import_register_rows(db: Database, headers: Sequence[str],
                         rows: Iterable[tuple[int, list[str]]], *, source: str,
                         sha256: str) -> RegisterImported:
    """The checks and store of ``import_register`` for rows read elsewhere (the demo)."""
    from samples.frames import FrameError, FrameRejected
    from samples.provider_register import check_register
    from store.providers import insert_register, latest_register, registers

    latest = latest_register(db)
    if latest is not None and latest["sha256"] == sha256:
        return RegisterImported(len(registers(db)), latest["row_count"], unchanged=True)
    checked = check_register(rows, headers, source)
    if checked.errors:
        raise FrameRejected(source, checked.errors, can_skip=False)
    if not checked.providers:
        raise FrameError(f"{source}: no data rows under the header; nothing was imported")
    insert_register(db, source=Path(source).name, sha256=sha256,
                    providers=[asdict(p) for p in checked.providers])
    return RegisterImported(len(registers(db)), len(checked.providers))


def unit_attributes(row: Mapping[str, Any]) -> dict[str, str]:
    """What a protocol's conditions may test of a review's unit (``{ unit = ... }``): a
    provider's contract area and regime; nothing of a case."""
    from review_protocols.loader import UNIT_ATTRIBUTES

    return {a: row[a] for a in UNIT_ATTRIBUTES if row.get(a) is not None}


def register_rows(db: Database) -> list[dict[str, Any]] | None:
    """The providers of the register in force; None before any import."""
    from store.providers import latest_register, providers

    latest = latest_register(db)
    return None if latest is None else providers(db, latest["id"])


def provider(db: Database, provider_ref: str) -> dict[str, Any]:
    from store.providers import provider_by_ref

    found = provider_by_ref(db, provider_ref)
    if found is None:
        raise ProviderError(f"provider '{provider_ref}' is not in the latest register; see "
                            "granska providers list")
    return found


# --- the plan -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Planned:
    plan_id: int
    chosen: list[Selected]
    per_area: dict[str, tuple[int, int]]  # area -> (taken, providers in the register)


def select_plan(db: Database, protocol_id: str, rule: Rule) -> Planned:
    """A follow-up plan from the latest register, each provider with its reasons."""
    from samples.provider_selection import Candidate, select
    from store.providers import latest_register, providers, save_plan

    plan_kind(protocol_id)
    register = latest_register(db)
    if register is None:
        raise ProviderError(f"{db.path}: no provider register yet; import one first "
                            "(granska providers import FILE)")
    rows = providers(db, register["id"])
    known = sorted({p["contract_area"] for p in rows})
    unknown = [a for a in rule.areas if a not in known]
    if unknown:
        raise ProviderError(f"--area {unknown[0]}: no such contract area in the register; "
                            f"choose one of: {', '.join(known)}")
    chosen = select([Candidate(p["provider_ref"], p["contract_area"], p["purchase_value_mkr"],
                               p["complaints"], p["deviations"]) for p in rows], rule)
    if not chosen:
        raise ProviderError("no provider matches; nothing was saved (try --all or other areas)")
    ids = {p["provider_ref"]: p["id"] for p in rows}
    plan_id = save_plan(db, register_id=register["id"], register_sha256=register["sha256"],
                        seed=rule.seed, spec=rule.to_json(), protocol_id=protocol_id,
                        follow_ups=[(ids[s.provider_ref], s.reasons) for s in chosen])
    counts: dict[str, list[int]] = {}
    for p in rows:
        if not rule.areas or p["contract_area"] in rule.areas:
            counts.setdefault(p["contract_area"], [0, 0])[1] += 1
    for s in chosen:
        counts[s.contract_area][0] += 1
    return Planned(plan_id, chosen, {a: (t, n) for a, (t, n) in sorted(counts.items())})


def latest_plan(db: Database, protocol_id: str) -> dict[str, Any]:
    from store.providers import latest_plan as stored

    plan_kind(protocol_id)
    found = stored(db, protocol_id)
    if found is None:
        raise ProviderError(f"{db.path}: no follow-up plan yet; run: granska select "
                            f"--protocol {protocol_id} --all")
    return found


PLAN_FIELDS = ("provider_ref", "contract_area", "regime", "reasons", "reviewer", "status")


def plan_rows(db: Database, protocol_id: str) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The latest plan and its follow-ups (PLAN_FIELDS), for ``granska sample``."""
    from store.providers import plan_follow_ups

    found = latest_plan(db, protocol_id)
    rows = [{"provider_ref": f["provider_ref"], "contract_area": f["contract_area"],
             "regime": f["regime"], "reasons": f["reasons"], "reviewer": f["reviewer"] or "",
             "status": f["status"] or "unassigned"} for f in plan_follow_ups(db, found["id"])]
    return found, rows


def assign_balanced(db: Database, protocol_id: str, people: Sequence[str], *,
                    who: str) -> dict[int, str]:
    """Share the plan's unassigned follow-ups evenly by load and contract area."""
    from review_protocols import load_builtin
    from samples.assign import Case, balance
    from store.providers import assign_follow_ups, follow_up_loads, plan_follow_ups

    found = latest_plan(db, protocol_id)
    todo = [Case(f["id"], f["contract_area"], "")
            for f in plan_follow_ups(db, found["id"]) if not f["reviewer"]]
    # Keyed by the cases' keys, which are the follow-up ids given above.
    shared = cast("dict[int, str]", balance(todo, list(people),
                                            follow_up_loads(db, found["id"]))) if todo else {}
    assign_follow_ups(db, found["id"], sorted(shared.items()),
                      protocol_version=load_builtin(protocol_id).version, who=who)
    return shared


def assign_one(db: Database, protocol_id: str, provider_ref: str, user: str, *,
               who: str) -> None:
    from review_protocols import load_builtin
    from store.providers import assign_follow_ups, plan_follow_ups

    found = latest_plan(db, protocol_id)
    by_ref = {f["provider_ref"]: f["id"] for f in plan_follow_ups(db, found["id"])}
    if provider_ref not in by_ref:
        raise ProviderError(f"provider '{provider_ref}' is not in plan {found['id']}; see "
                            f"granska sample --protocol {protocol_id}")
    assign_follow_ups(db, found["id"], [(by_ref[provider_ref], user)],
                      protocol_version=load_builtin(protocol_id).version, who=who)


def assignments(db: Database, protocol_id: str) -> list[dict[str, Any]]:
    from store.providers import plan_follow_ups

    return plan_follow_ups(db, latest_plan(db, protocol_id)["id"])


# --- measures (the ladder) ------------------------------------------------------------------

def _ladder(protocol_id: str, kind: str) -> ModuleType:
    """The kind's ladder, once ``kind`` is known to be one of its steps."""
    ladder = plan_kind(protocol_id).ladder()
    if kind not in ladder.KINDS:
        raise ProviderError(f"unknown measure '{kind}'; use one of: {', '.join(ladder.KINDS)}")
    return ladder


def _history(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    steps = []
    for row in rows:
        steps.append(("add", row["kind"]))
        if row["closed_as"] == "done":
            steps.append(("done", row["kind"]))
    return steps


def add_measure(db: Database, provider_ref: str, kind: str, *, reason: str,
                due: str | None, decided_by: str, dnr: str | None, sent: str | None = None,
                deadline_days: int | None = None,
                protocol_id: str = "avtalsuppfoljning") -> int:
    """Record a step on the provider's ladder, if the ladder allows it now; the open steps
    it supersedes close with it. Audited with its decision-maker. ``sent`` (default today)
    is when the provider was told; without ``due`` the step is due ``deadline_days`` later
    (the configured deadline of its kind), or has no due date."""
    from store.providers import add_measure as store_step

    ladder = _ladder(protocol_id, kind)
    regime = provider(db, provider_ref)["regime"]
    if not reason.strip():
        raise ProviderError("--reason is empty; say why the step is taken")
    sent_day = dt.date.fromisoformat(sent) if sent else dt.date.today()
    if due is None and deadline_days is not None:
        due = (sent_day + dt.timedelta(days=deadline_days)).isoformat()
    if due is not None and due < sent_day.isoformat():
        raise ProviderError(f"--due {due} is before the step is sent ({sent_day}); give a "
                            "later due date")

    def check(rows: list[dict[str, Any]]) -> list[int]:
        ladder.add(ladder.replay(_history(rows), regime), kind, regime)
        return [r["id"] for r in rows
                if r["closed_as"] is None and r["kind"] in ladder.superseded_by(kind)]

    return store_step(db, provider_ref=provider_ref, kind=kind, reason=reason.strip(),
                      sent_date=sent_day.isoformat(), due_date=due, decided_by=decided_by,
                      dnr=dnr, check=check)


def close_measure(db: Database, provider_ref: str, kind: str, *, date: str,
                  protocol_id: str = "avtalsuppfoljning") -> int:
    """Close the provider's open step of ``kind`` on ``date`` (answered or carried out)."""
    from store.providers import close_measure as store_close

    ladder = _ladder(protocol_id, kind)
    regime = provider(db, provider_ref)["regime"]

    def check(rows: list[dict[str, Any]]) -> int:
        ladder.done(ladder.replay(_history(rows), regime), kind)
        step = next(r for r in reversed(rows) if r["kind"] == kind and r["closed_as"] is None)
        if date < step["sent_date"]:
            raise ProviderError(f"--date {date} is before the {kind} was sent "
                                f"({step['sent_date']}); give the day it was answered")
        return int(step["id"])

    return store_close(db, provider_ref=provider_ref, kind=kind, done_date=date, check=check)


def is_overdue(measure: dict[str, Any], today: str) -> bool:
    return measure["closed_as"] is None and bool(measure["due_date"]) \
        and measure["due_date"] < today


def measure_state(measure: dict[str, Any], today: str) -> str:
    if measure["closed_as"] == "done":
        return f"done {measure['done_date']}"
    if measure["closed_as"]:
        return str(measure["closed_as"])
    return "overdue" if is_overdue(measure, today) else "open"


def measure_rows(db: Database, *, overdue: bool = False,
                 today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every step on every provider's ladder (with its ``state``), or the overdue ones."""
    from store.providers import measures

    day = (today or dt.date.today()).isoformat()
    return [{**m, "state": measure_state(m, day)} for m in measures(db)
            if not overdue or is_overdue(m, day)]


# --- tallies and exports --------------------------------------------------------------------

@dataclass
class FollowUp:
    """One planned follow-up: the provider it is of, and what the tallies count of it (its
    contract area is the stratum)."""

    provider_ref: str
    scored: Scored


@dataclass(frozen=True)
class OutcomeRule:
    """A kind's outcome as Granska derives it from a follow-up's checks, and when a
    reviewer's own outcome needs a reason (the kind's ``derive`` module)."""

    protocol_id: str
    escalated: frozenset[str]  # providers with an escalation still open

    def derived(self, answers: Mapping[str, Any], unit: Mapping[str, str]) -> str | None:
        """The outcome of the checks alone (the reviewer's ``utfall`` set aside, unless it
        says the follow-up was not carried out)."""
        from review_protocols import load_builtin
        from review_protocols.conditions import applicable

        kind = plan_kind(self.protocol_id)
        layout = kind.tallies.outcomes
        assert layout is not None
        checks = {q: v for q, v in answers.items()
                  if q != layout.question or v == layout.not_carried_out}
        applies = applicable(load_builtin(self.protocol_id), checks, unit)
        return kind.tallies.outcome_rule().derive_outcome(
            checks, applies, escalation_open=unit.get("provider_ref") in self.escalated)

    def unexplained_override(self, answers: Mapping[str, Any], unit: Mapping[str, str]
                             ) -> str | None:
        """The derived outcome when the reviewer chose another without a reason, else None."""
        derived = self.derived(answers, unit)
        rule = plan_kind(self.protocol_id).tallies.outcome_rule()
        return derived if rule.override_needs_reason(answers, derived) else None


def outcome_rule(db: Database, protocol_id: str) -> OutcomeRule:
    from store.providers import measures

    rule = plan_kind(protocol_id).tallies.outcome_rule()
    return OutcomeRule(protocol_id, frozenset(
        m["provider_ref"] for m in measures(db)
        if m["closed_as"] is None and m["kind"] in rule.ESCALATIONS))


def follow_ups(db: Database, protocol_id: str, *,
               counting: str | None = None) -> list[FollowUp]:
    """The latest plan's follow-ups: each one's outcome is its ``utfall``, or else the one
    derived from its checks (an open escalation counts against it). With ``counting``
    (config ``[tallies] counted``) a follow-up whose review is in a state that rule does
    not count is taken as not scored yet, as the case tallies leave such a case out; the
    list and the letters (None) see every review's answers."""
    from review_protocols import load_builtin
    from review_protocols.conditions import applicable
    from store.providers import plan_answers
    from store.review_states import counted_statuses
    from tallies.outcomes import Scored

    layout = plan_kind(protocol_id).tallies.outcomes
    assert layout is not None
    protocol = load_builtin(protocol_id)
    rule = outcome_rule(db, protocol_id)
    result = []
    counted = None if counting is None else counted_statuses(counting)
    for row, answers in plan_answers(db, latest_plan(db, protocol_id)["id"]):
        if counted is not None and row["status"] not in counted:
            answers = {}
        unit = {**unit_attributes(row), "provider_ref": row["provider_ref"]}
        applies = applicable(protocol, answers, unit_attributes(row)) if answers else {}
        code = answers.get(layout.question) or (rule.derived(answers, unit) if answers
                                                else None)
        result.append(FollowUp(row["provider_ref"], Scored(
            row["contract_area"], code, answers.get(layout.reason), answers, applies)))
    return result


def follow_up_tallies(db: Database, protocol_id: str,
                      counting: str = DEFAULT_COUNTING) -> FollowUpTallies:
    from jobs.i18n import language
    from jobs.words import outcome_words
    from review_protocols import load_builtin
    from store.providers import measures
    from tallies.outcomes import build

    kind = plan_kind(protocol_id)
    assert kind.tallies.outcomes is not None
    protocol = load_builtin(protocol_id)
    scored = [f.scored for f in follow_ups(db, protocol_id, counting=counting)]
    areas = {p["provider_ref"]: p["contract_area"] for p in register_rows(db) or []}
    today = dt.date.today().isoformat()
    ledger = [{**m, "contract_area": areas.get(m["provider_ref"], ""),
               "state": measure_state(m, today)} for m in measures(db)]
    return build(protocol, kind.tallies.outcomes, scored, ledger, outcome_words(),
                 language())


def follow_up_export(db: Database, protocol_id: str, fmt: str,
                     counting: str = DEFAULT_COUNTING) -> bytes:
    """``granska export csv|xlsx|md|json|docx --protocol ID`` for a kind with a follow-up
    plan, counting the reviews ``counting`` counts."""
    from tallies import outcomes

    tallies = follow_up_tallies(db, protocol_id, counting)
    if fmt == "csv":
        return outcomes.to_csv(tallies).encode("utf-8")
    if fmt == "md":
        return outcomes.to_markdown(tallies).encode("utf-8")
    if fmt == "json":
        return outcomes.to_json(tallies).encode("utf-8")
    if fmt == "xlsx":
        return outcomes.to_xlsx(tallies)
    if fmt == "docx":
        import datetime as dt

        from jobs.i18n import language, t
        from review_protocols import load_builtin
        from tallies.document import sheets_to_docx

        title = load_builtin(protocol_id).title_in(language())
        return sheets_to_docx(title, t("followup.docx_lead", date=dt.date.today().isoformat()),
                              [(s.title, s.header, s.rows) for s in tallies.sheets])
    raise ProviderError(f"export {fmt} --protocol {protocol_id}: use csv, xlsx, md, json "
                        "or docx")


# --- letters --------------------------------------------------------------------------------

LETTER_KINDS = ("komplettering", "rattelse")


def provider_letter(db: Database, protocol_id: str, provider_ref: str, kind: str) -> Letter:
    """The letter asking a provider for komplettering or rättelse: the checks its follow-up
    found deficient, what is asked, and the due date of the open step of that kind."""
    from jobs.i18n import language, t
    from review_protocols import load_builtin
    from store.providers import measures
    from tallies.letters import Letter

    layout = plan_kind(protocol_id).tallies.outcomes
    assert layout is not None
    if kind not in LETTER_KINDS:
        raise ProviderError(f"--kind {kind}: a letter asks for {' or '.join(LETTER_KINDS)}")
    found = provider(db, provider_ref)
    step = next((m for m in reversed(measures(db, provider_ref))
                 if m["kind"] == kind and m["closed_as"] is None), None)
    if step is None:
        raise ProviderError(f"{provider_ref} has no open {kind}; record it first: granska "
                            f"measure add {provider_ref} {kind} --due DATE --reason TEXT")
    follow_up = next((f for f in follow_ups(db, protocol_id) if f.provider_ref == provider_ref),
                     None)
    protocol = load_builtin(protocol_id)
    lang = language()
    deficient = [] if follow_up is None else [
        (question.label_in(lang), option.label_in(lang))
        for question in protocol.questions
        if follow_up.scored.applies.get(question.id)
        and follow_up.scored.answers.get(question.id) in layout.deficient
        for option in question.options if option.code == follow_up.scored.answers[question.id]]
    if not deficient:
        raise ProviderError(f"{provider_ref}: its follow-up has no check assessed "
                            f"{' or '.join(layout.deficient)}; score the follow-up first")
    due = step["due_date"] or t("letter.without_delay")
    facts = [(t("letter.provider"), f"{found['name']} ({provider_ref})"),
             (t("letter.area"), found["contract_area"]),
             (t("letter.contract"), found["contract_ref"] or "–"),
             (t("letter.sent"), step["sent_date"]),
             (t("letter.due"), due)]
    return Letter(title=t(f"letter.title.{kind}"), facts=facts,
                  intro=t("letter.intro", area=found["contract_area"]),
                  deficiencies_heading=t("letter.deficiencies"), deficiencies=deficient,
                  asked=t(f"letter.asked.{kind}", due=due),
                  signature=t("letter.signature", decided_by=step["decided_by"]))


def letter_bytes(letter: Letter, suffix: str) -> bytes:
    from tallies import letters

    if suffix == ".docx":
        return letters.to_docx(letter)
    return letters.to_markdown(letter).encode("utf-8")
