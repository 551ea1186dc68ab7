"""Generated training case files: Swedish case text rendered FROM a hidden truth.

``render_case(truth, seed, difficulty)`` writes a case file (utredning, beslut,
beställning, genomförandeplan, journal, övriga handlingar) in which every
answer of the truth can be read, and records for each question the passage
that shows its answer. Difficulty decides how explicit the text is:

* ``easy``   explicit headings and summary phrases ("Genomförandeplan saknas");
* ``normal`` headings, and about half of the summary phrases;
* ``hard``   no summary phrases, hours per week where they convert exactly,
  facts scattered over the journal.

Pure and seeded: the same truth, seed and difficulty give the same text.
Names come from Faker sv_SE; nothing here is about a real person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from review_protocols.boendestod_sol.builder import DIFFICULTIES, CaseFile, Doc, Passage, Person
from review_protocols.boendestod_sol.case_truth import Truth, random_truth
from review_protocols.boendestod_sol.renderer import Renderer

if TYPE_CHECKING:
    from review_protocols.model import Protocol

@dataclass(frozen=True, slots=True)
class GeneratedCase:
    case_ref: str
    person: Person
    truth: Truth
    case_file: CaseFile

    @property
    def row(self) -> dict[str, Any]:
        """A population row for ``store.frames.insert_frame``."""
        p = self.person
        return {
            "case_ref": self.case_ref, "personnummer": None, "name": f"{p.first} {p.last}",
            "gender": p.gender, "district": p.district, "insats": "boendestöd",
            "decision_date": p.decided.isoformat(), "birth_date": f"{p.birth_year}-01-01",
            "line": None,
        }


def render_case(
    truth: Truth, seed: int, difficulty: str = "normal", person: Person | None = None
) -> CaseFile:
    """The case file for a truth; its passages cover every question of the truth."""
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty '{difficulty}' is unknown; use one of: "
                         + ", ".join(DIFFICULTIES))
    rng = random.Random(f"render:{seed}:{difficulty}")
    person = person or _person(seed)
    doc = Doc(difficulty == "easy", {"easy": 1.0, "normal": 0.5, "hard": 0.0}[difficulty], rng)
    Renderer(truth, doc, person, rng, difficulty).render()
    return doc.finish(truth)


def generate_cases(
    protocol: Protocol, count: int, seed: int, difficulty: str = "normal",
    districts: Sequence[str] = ("Skarpnäck", "Södermalm", "Hägersten-Älvsjö",
                                "Hässelby-Vällingby"),
    on_progress: Callable[[int, int | None], None] | None = None,
) -> list[GeneratedCase]:
    """``count`` cases with truths, texts and passages; the same seed gives the same cases.
    ``on_progress(done, count)`` hears every hundred cases."""
    if count < 1:
        raise ValueError(f"--cases must be at least 1, not {count}")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"--difficulty '{difficulty}' is unknown; use one of: "
                         + ", ".join(DIFFICULTIES))
    from faker import Faker

    fake = Faker("sv_SE")
    cases = []
    for number in range(1, count + 1):
        case_seed = _case_seed(seed, number)
        person = _person(case_seed, fake, districts)
        truth = random_truth(protocol, random.Random(f"truth:{case_seed}"), person.age)
        case_file = render_case(truth, case_seed, difficulty, person)
        cases.append(GeneratedCase(f"UTB-{seed}-{number:03d}", person, truth, case_file))
        if on_progress is not None and (number % 100 == 0 or number == count):
            on_progress(number, count)
    return cases


def cases_for(rows: Iterable[dict[str, Any]], protocol: Protocol, seed: int,
              difficulty: str = "normal") -> dict[str, tuple[Truth, str]]:
    """The hidden truth and the case-file text for existing population rows, by case_ref.

    Uses each row's name, gender, district and decision date, so the text fits
    the case list; the truth behind each text is random (seeded by seed and case_ref).
    """
    made = {}
    for row in rows:
        ref = row["case_ref"]
        case_seed = int(hashlib.sha256(f"{seed}:{ref}".encode()).hexdigest()[:12], 16)
        first, _, last = (row.get("name") or "Alex Andersson").partition(" ")
        decided = dt.date.fromisoformat(row.get("decision_date") or "2022-06-01")
        born = (row.get("birth_date") or "1980")[:4]
        person = Person(first, last or "Andersson", row.get("gender") or "K", int(born),
                        row.get("district") or "", decided)
        truth = random_truth(protocol, random.Random(f"truth:{case_seed}"), person.age)
        made[ref] = (truth, render_case(truth, case_seed, difficulty, person).text)
    return made


def _case_seed(seed: int, number: int) -> int:
    return int(hashlib.sha256(f"{seed}:{number}".encode()).hexdigest()[:12], 16)


def _person(seed: int, fake: Any = None, districts: Sequence[str] = ("Skarpnäck",)) -> Person:
    if fake is None:
        from faker import Faker

        fake = Faker("sv_SE")
    fake.seed_instance(seed)
    rng = random.Random(f"person:{seed}")
    gender = "K" if rng.random() < 0.51 else "M"
    first = fake.first_name_female() if gender == "K" else fake.first_name_male()
    decided = dt.date(2022, 1, 10) + dt.timedelta(days=rng.randrange(340))
    return Person(first, fake.last_name(), gender, rng.randrange(1950, 2003),
                  rng.choice(list(districts)), decided)

__all__ = ["DIFFICULTIES", "CaseFile", "GeneratedCase", "Passage", "Person",
           "generate_cases", "random_truth",
           "render_case"]
