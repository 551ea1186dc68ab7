"""Demo data: a realistic fake frame (Faker sv_SE), imported and drawn like a real one.

Nothing here is real: names and personnummer come from Faker and a seeded
generator, so the same seed gives the same demo on any machine. The frame
has what makes eligibility matter: about 51 % women (as among those granted
boendestöd in 2022), decisions mostly during 2022 but some in 2021 and 2023,
other insatser than boendestöd, and a few people under 18. It goes through the
same checks as an imported file and is drawn with the real draw.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING

from samples import personnummer

if TYPE_CHECKING:
    from jobs.config import Config
    from review_protocols import Protocol
    from review_protocols.conditions import Value
    from samples.draw import Member
    from store.database import Database

COLLEAGUE = "demo.kollega"  # the made-up inspector of a demo's finished reviews
HEADERS = ["Ärende", "Personnummer", "Namn", "Kön", "Stadsdel", "Insats", "Beslutsdatum"]
OTHER_INSATSER = ("ledsagning", "kontaktperson", "avlösarservice", "korttidsvistelse")
SHARE_WOMEN = 0.51
SHARE_BOENDESTOD = 0.8
SHARE_OUTSIDE_PERIOD = 0.08
SHARE_UNDER_18 = 0.03


def demo_path() -> Path:
    """Where ``granska`` keeps the demo it opens on a machine with no database yet."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("granska")) / "demo.db"


def demo_rows(district_names: list[str], cases: int, seed: int) -> list[dict]:
    """Fake decisions as population rows (``store.frames.insert_frame``), for benches and tests."""
    from samples.personnummer import parse

    cells = demo_cells([(name, _code(name)) for name in district_names], cases, seed)
    rows = []
    for line, (ref, pnr, name, gender, district, insats, decided) in enumerate(cells, start=2):
        _, born, _ = parse(pnr)
        rows.append({"case_ref": ref, "personnummer": pnr, "name": name, "gender": gender,
                     "district": district, "insats": insats, "decision_date": decided,
                     "birth_date": born.isoformat(), "line": line})
    return rows


def _code(name: str) -> str:
    """'Hägersten-Älvsjö' -> 'HÄ', 'Skarpnäck' -> 'SK' (as config.toml's codes)."""
    parts = [p for p in name.split("-") if p]
    return (parts[0][0] + parts[1][0] if len(parts) > 1 else name[:2]).upper()


def demo_cells(districts: list[tuple[str, str]], cases: int, seed: int) -> list[list[str]]:
    """Fake decisions as a district's list would have them: one row of text cells each."""
    from faker import Faker

    fake = Faker("sv_SE")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    rows = []
    for name, code in districts:
        for number in range(1, cases + 1):
            gender = "K" if rng.random() < SHARE_WOMEN else "M"
            outside = rng.random() < SHARE_OUTSIDE_PERIOD
            year = rng.choice((2021, 2023)) if outside else 2022
            decided = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            if rng.random() < SHARE_UNDER_18:
                age_days = rng.randrange(16 * 365, 18 * 365 - 5)
            else:
                age_days = rng.randrange(18 * 365 + 5, 85 * 365)
            born = decided - dt.timedelta(days=age_days)
            first = fake.first_name_female() if gender == "K" else fake.first_name_male()
            insats = ("boendestöd" if rng.random() < SHARE_BOENDESTOD
                      else rng.choice(OTHER_INSATSER))
            rows.append([
                f"{code}-{decided.year}-{number:04d}",
                personnummer.fake(rng, born, gender),
                f"{first} {fake.last_name()}",
                gender,
                name,
                insats,
                decided.isoformat(),
            ])
    return rows


def create_demo(
    db: Database,
    config: Config,
    *,
    seed: int = 1,
    districts: int | None = None,
    cases: int | None = None,
    colleague: str | None = None,
) -> str:
    """Import a demo frame, draw the sample with the real draw, give the cases to the user.

    With ``colleague``, every other drawn case is instead already reviewed and complete
    under that name, answered from the hidden truth its case file was written from,
    so that the tallies and charts have something to show from the first start.
    """
    from dataclasses import replace

    from jobs.sampling import draw_sample, import_rows
    from review_protocols import load_builtin
    from review_protocols.kinds import kind_of
    from store import current_user
    from store.reviews import ensure_review

    chosen = config.districts[: districts or None]
    config = replace(config, districts=tuple(chosen))
    rows = demo_cells([(d.name, d.code) for d in chosen], cases or 60, seed)
    protocol = load_builtin(config.protocol.default)
    # Every demo case gets a generated case file, so the case screen shows one to read.
    made = kind_of(protocol.id).case_file_writer().cases_for(
        ({"case_ref": r[0], "name": r[2], "gender": r[3], "district": r[4],
          "decision_date": r[6], "birth_date": personnummer.parse(r[1])[1].isoformat()}
         for r in rows), protocol, seed)
    name = f"demo-{seed}"
    import_rows(db, HEADERS, rows, config, name=name, source="faker sv_SE", kind="demo",
                case_texts={ref: text for ref, (_, text) in made.items()})
    drawn = draw_sample(db, config, seed=seed, frame_names=[name], kind="demo")
    me = current_user()
    selected = drawn.result.selected
    done_by_colleague = selected[::2] if colleague else []
    mine = selected[1::2] if colleague else selected
    for member in mine:
        ensure_review(db, member.population_id, me, protocol.id, protocol.version,
                      sample_id=drawn.sample_id)
    if colleague and done_by_colleague:
        _answer_from_truth(db, protocol, done_by_colleague, made, drawn.sample_id, colleague)
    summary = f"demo frame of {len(rows)} decisions, {len(mine)} cases drawn for {me}"
    if colleague:
        summary += f", {len(done_by_colleague)} already reviewed by {colleague}"
    return summary


def _answer_from_truth(
    db: Database, protocol: Protocol, members: list[Member],
    made: dict[str, tuple[dict[str, Value], str]], sample_id: int, colleague: str,
) -> None:
    from review_protocols.values import encode
    from store.reports import ImportedAnswer, import_answers

    answers = [
        ImportedAnswer(m.population_id, sample_id, colleague, question_id,
                       encode(protocol.question(question_id), value))
        for m in members
        for question_id, value in made[m.case_ref][0].items()
    ]
    import_answers(db, answers, protocol_id=protocol.id, protocol_version=protocol.version,
                   source="demo", who=colleague)


# --- a provider follow-up (a kind with a follow-up plan) -------------------------------------

PROVIDER_HEADERS = ["Leverantör", "Namn", "Organisationsnummer", "Avtalsområde", "Regim", "Dnr",
                    "Inköpsvärde_mkr", "Placeringar", "Klagomål", "Avvikelser"]


def provider_register_cells(areas: dict[str, str], per_area: int, seed: int
                            ) -> list[list[str]]:
    """A fake register as a spreadsheet has it: organisation numbers that pass the Luhn
    check, Faker (sv_SE) company names, values with a decimal comma."""
    from faker import Faker

    fake = Faker("sv_SE")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for area, regime in areas.items():
        for _ in range(per_area):
            number = len(rows) + 1
            nine = f"55{rng.randrange(10**7):07d}"
            own = regime == "egen regi"
            rows.append([
                f"U-{number:04d}",
                f"{area} {fake.last_name()}" if own else fake.company(),
                f"{nine[:6]}-{nine[6:]}{personnummer.luhn_digit(nine)}",
                area, regime,
                "" if own else f"SOF-{rng.randrange(2018, 2024)}-{rng.randrange(1, 9999):04d}",
                f"{rng.uniform(0.3, 6.0):.1f}".replace(".", ","),
                str(rng.randrange(0, 31)),
                str(rng.choice((0, 0, 0, 0, 1, 2))),
                str(rng.choice((0, 0, 0, 1, 3))),
            ])
    return rows


def create_provider_demo(db: Database, protocol_id: str, *, seed: int = 1,
                         per_area: int | None = None, colleague: str = COLLEAGUE) -> str:
    """A Faker register, imported with the real checks; a plan selected by value, flags and
    a seeded draw; a third of its follow-ups already scored by ``colleague`` (with a
    measure where the checks call for one), the rest given to the user."""
    import hashlib

    from jobs.providers import (
        assign_one,
        import_register_rows,
        plan_kind,
        select_plan,
        unit_attributes,
    )
    from review_protocols import load_builtin
    from samples.provider_selection import Rule
    from store import current_user
    from store.providers import plan_follow_ups
    from store.reports import ImportedAnswer, import_answers

    kind = plan_kind(protocol_id)
    scorer = kind.demo_scorer()
    protocol = load_builtin(protocol_id)
    cells = provider_register_cells(scorer.AREAS, per_area or 10, seed)
    sha256 = hashlib.sha256(repr((PROVIDER_HEADERS, cells)).encode()).hexdigest()
    import_register_rows(db, PROVIDER_HEADERS, enumerate(cells, start=2),
                         source=f"demo-{seed}", sha256=sha256)
    planned = select_plan(db, protocol_id, Rule(top_value=3, flagged=True, random=2,
                                                seed=seed))
    follow_ups = plan_follow_ups(db, planned.plan_id)
    scored, mine = follow_ups[::3], follow_ups[1::3] + follow_ups[2::3]
    rng = random.Random(seed)
    answered = {f["provider_ref"]: scorer.answers_for(protocol, unit_attributes(f), rng)
                for f in scored}
    import_answers(db, [ImportedAnswer(None, None, colleague, question_id, value,
                                       follow_up_id=f["id"])
                        for f in scored
                        for question_id, value in answered[f["provider_ref"]].items()],
                   protocol_id=protocol.id, protocol_version=protocol.version, source="demo",
                   who=colleague)
    me = current_user()
    for follow_up in sorted(mine, key=lambda f: f["provider_ref"]):
        assign_one(db, protocol_id, follow_up["provider_ref"], me, who=me)
    measures = _demo_measures(db, protocol_id, scored, answered, colleague)
    return (f"demo register of {len(cells)} providers, a plan of {len(follow_ups)} follow-ups: "
            f"{len(mine)} for {me}, {len(scored)} already scored by {colleague} "
            f"({measures} measures)")


def _demo_measures(db: Database, protocol_id: str, scored: list[dict],
                   answered: dict[str, dict[str, str]], colleague: str) -> int:
    """A rättelse still open where the checks leave a serious deficiency, a komplettering
    past its due date where a minor one remains (egen regi has neither)."""
    from jobs.providers import add_measure, outcome_rule, unit_attributes

    rule = outcome_rule(db, protocol_id)
    today = dt.date.today()
    steps = {"foljer_inte": ("rattelse", 20, -10), "mindre_brister": ("komplettering", 45, 15)}
    added = 0
    for follow_up in scored:
        if follow_up["regime"] == "egen regi":
            continue
        derived = rule.derived(answered[follow_up["provider_ref"]], unit_attributes(follow_up))
        if derived not in steps:
            continue
        kind, sent_ago, overdue_by = steps[derived]
        add_measure(db, follow_up["provider_ref"], kind, reason="demo: brister kvarstår",
                    sent=(today - dt.timedelta(days=sent_ago)).isoformat(),
                    due=(today - dt.timedelta(days=overdue_by)).isoformat(),
                    decided_by=colleague, dnr=None, protocol_id=protocol_id)
        added += 1
    return added
