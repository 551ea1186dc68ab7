"""Demo data: a realistic fake frame (Faker sv_SE), drawn and ready to review.

Nothing here is real: names and personnummer come from Faker and a seeded
generator, so the same seed gives the same demo on any machine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import TYPE_CHECKING

from samples import personnummer
from samples.draw import draw

if TYPE_CHECKING:
    import sqlite_utils

    from tui.config import Config

INSATSER = ("boendestöd", "boendestöd", "boendestöd", "boendestöd", "ledsagning", "kontaktperson")


def demo_rows(district_names: list[str], cases: int, seed: int) -> list[dict]:
    """Fake decisions: about 51 % women, decisions during 2022, adults."""
    from faker import Faker

    fake = Faker("sv_SE")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    rows = []
    for district in district_names:
        for number in range(1, cases + 1):
            gender = "K" if rng.random() < 0.51 else "M"
            decided = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365))
            born = decided - dt.timedelta(days=rng.randrange(18 * 365 + 5, 85 * 365))
            first = fake.first_name_female() if gender == "K" else fake.first_name_male()
            code = hashlib.sha1(district.encode()).hexdigest()[:2].upper()
            rows.append({
                "case_ref": f"{code}-2022-{number:04d}",
                "personnummer": personnummer.fake(rng, born, gender),
                "name": f"{first} {fake.last_name()}",
                "gender": gender,
                "district": district,
                "insats": rng.choice(INSATSER),
                "decision_date": decided.isoformat(),
                "birth_date": born.isoformat(),
                "line": len(rows) + 2,
            })
    return rows


def create_demo(
    db: sqlite_utils.Database,
    config: Config,
    *,
    seed: int = 1,
    districts: int | None = None,
    cases: int | None = None,
) -> str:
    from review_protocols import load_builtin
    from store import current_user
    from store.frames import insert_frame, population
    from store.reviews import ensure_review
    from store.samples import save_sample

    names = config.district_names[: districts or None]
    rows = demo_rows(names, cases or 60, seed)
    fingerprint = hashlib.sha256(repr(rows).encode()).hexdigest()
    frame_id = insert_frame(
        db, name=f"demo-{seed}-{fingerprint[:8]}", source="faker sv_SE", sha256=fingerprint,
        rows=rows, kind="demo",
    )
    eligible = [r for r in population(db, frame_id) if r["insats"] == "boendestöd"]
    quotas = {name: config.quota(name) for name in names}
    result = draw(eligible, quotas, seed=seed, reserves=config.sample.reserves)
    protocol = load_builtin(config.protocol.default)
    sample_id = save_sample(
        db, frame_id=frame_id, seed=seed, spec={"quotas": quotas}, frame_sha256=fingerprint,
        protocol_id=protocol.id, outcome=result.outcome,
        members=[m.__dict__ for m in result.members],
    )
    me = current_user()
    selected = [m for m in result.members if m.role == "selected"]
    for member in selected:
        ensure_review(db, member.population_id, me, protocol.id, protocol.version,
                      sample_id=sample_id)
    return f"demo frame of {len(rows)} decisions, {len(selected)} cases drawn for {me}"
