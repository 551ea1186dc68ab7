"""The Stockholm 2023 report's figures (PROVIDER-REVIEW.md §5.1, §5.2) come back."""

from __future__ import annotations

from tallies.outcomes import outcome_table, planned_done

# Area -> (följer, efter komplettering, mindre brister, följer inte, not done: reason -> n)
SEED_001 = {
    "Daglig verksamhet": (19, 15, 0, 0, {}),
    "Korttidstillsyn": (17, 3, 0, 0, {}),
    # ⚠ in the source: FR printed 24 done, but its shares fit 23; 24 done keeps the totals.
    "Familjerådgivning": (8, 12, 2, 2, {"annat": 1}),
    "Avhopparverksamhet": (6, 15, 1, 0, {"avtal_uppsagt": 6}),
    "HVB socialpsykiatri": (11, 8, 0, 0, {"avtal_uppsagt": 2}),
    "Missbruk": (8, 7, 4, 0, {"installt": 1}),
}
CODES = ("foljer", "efter_komplettering", "mindre_brister", "foljer_inte")


def follow_ups() -> list[tuple[str, str | None, str | None]]:
    rows = []
    for area, (*counts, not_done) in SEED_001.items():
        for code, count in zip(CODES, counts, strict=True):
            rows += [(area, code, None)] * count
        for reason, count in not_done.items():
            rows += [(area, "ej_genomford", reason)] * count
    return rows


def test_outcome_shares_as_printed() -> None:
    table = {row.contract_area: row for row in outcome_table((a, c) for a, c, _ in follow_ups())}
    dv = table["Daglig verksamhet"]
    assert (dv.total, dv.share("foljer"), dv.share("efter_komplettering")) == (34, 56, 44)
    missbruk = table["Missbruk"]
    assert missbruk.total == 19
    assert [missbruk.share(c) for c in CODES[:3]] == [42, 37, 21]
    assert [table["Korttidstillsyn"].share(c) for c in CODES[:2]] == [85, 15]
    assert [table["HVB socialpsykiatri"].share(c) for c in CODES[:2]] == [58, 42]
    assert [table["Avhopparverksamhet"].share(c) for c in CODES[:2]] == [27, 68]
    assert table["Avhopparverksamhet"].total == 22  # the six who ended their contract excluded


def test_planned_against_done() -> None:
    rows = planned_done(follow_ups())
    assert sum(r.planned for r in rows) == 148 and sum(r.done for r in rows) == 138
    avhopp = next(r for r in rows if r.contract_area == "Avhopparverksamhet")
    assert (avhopp.planned, avhopp.done, avhopp.not_done) == (28, 22, {"avtal_uppsagt": 6})
