"""The documented draw, pinned: the same seed must give the same sample forever.

Speed work on the draw (SQL eligibility, heaps, precomputed keys) must not
change who is drawn; a changed list here means an old sample could no longer
be reproduced from its seed.
"""

from __future__ import annotations

from samples.draw import Spec, draw


def frame() -> list[dict]:
    return [{"case_ref": f"C-{i:03d}", "district": ("Norr", "Söder")[i % 2],
             "gender": "KM"[(i // 2) % 2], "insats": ("boendestöd", "ledsagning")[i % 7 == 0],
             "decision_date": f"2022-{1 + i % 12:02d}-15", "birth_date": f"{1950 + i % 60}-03-01",
             "id": i} for i in range(120)]


PINNED = [
    ("C-032", "selected", 1), ("C-104", "selected", 2), ("C-036", "reserve", 3),
    ("C-068", "reserve", 4), ("C-078", "selected", 1), ("C-010", "selected", 2),
    ("C-082", "reserve", 3), ("C-102", "reserve", 4), ("C-113", "selected", 1),
    ("C-041", "selected", 2), ("C-101", "selected", 3), ("C-001", "reserve", 4),
    ("C-085", "reserve", 5), ("C-027", "selected", 1), ("C-103", "reserve", 2),
    ("C-039", "reserve", 3),
]


def test_seed_2022_draws_the_pinned_members_in_the_pinned_order() -> None:
    spec = Spec(quotas=(("Norr", 2, 2), ("Söder", 3, 1)), reserves=2)
    drawn = draw(frame(), spec, seed=2022)
    assert [(m.case_ref, m.role, m.rank) for m in drawn.members] == PINNED


def test_input_order_does_not_change_the_pinned_draw() -> None:
    spec = Spec(quotas=(("Norr", 2, 2), ("Söder", 3, 1)), reserves=2)
    drawn = draw(list(reversed(frame())), spec, seed=2022)
    assert [(m.case_ref, m.role, m.rank) for m in drawn.members] == PINNED
