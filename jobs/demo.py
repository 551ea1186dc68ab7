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
