"""The fast draw keeps the documented rule: the store's one-scan selection and the lean
ranking give exactly what the plain Python rule and a full sort by rank key give."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from samples.draw import Spec, _ranked, draw, eligibility, rank_key

DECIDED = ["2022-01-01", "2022-12-31", "2022-12-31T09:30", "2022-12-31 ", "2021-12-31",
           "2021-12-31T23:59", "2023-01-01", "2022-02-28", "2024-02-29", "2024-03-01",
           "2022-06-15", "2022-1", "2022-06-1", "", None]
BORN = ["2004-01-01", "2004-02-28", "2004-02-29", "2004-03-01", "2004-06-15",
        "2004-06-15T12:00", "2004-06-16", "2006-02-28", "2005-12-31", "2003-12-31", "2004",
        "2004-06", "1950-07-07", "", None]
# One calendar year (a constant limit year), a few years (limit year per decision year),
# centuries (printf per row).
PERIODS = [(dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
           (dt.date(2022, 3, 1), dt.date(2024, 2, 29)),
           (dt.date(1700, 1, 1), dt.date(2100, 12, 31))]

rows_strategy = st.lists(st.tuples(
    st.sampled_from(DECIDED), st.sampled_from(BORN),
    st.sampled_from(["boendestöd", "BOENDESTÖD", " Boendestöd ", "ledsagning", ""]),
    st.sampled_from(["Södermalm", "Skarpnäck", "Kista"]), st.sampled_from("KM"),
    st.sampled_from(["", "", "", "\x1fx"]),  # a reference holding the store's separator
), max_size=40)


def store_frame(folder: str, rows: list[tuple]) -> tuple:
    from store import open_database
    from store.frames import insert_frame, population

    db = open_database(Path(folder) / "x.db")
    frame_id = insert_frame(db, name="f", source="f", sha256="0", rows=[
        {"case_ref": f"C{n}{extra}", "decision_date": decided, "birth_date": born,
         "insats": insats, "district": district, "gender": gender}
        for n, (decided, born, insats, district, gender, extra) in enumerate(rows)])
    return db, frame_id, population(db, frame_id)


@settings(max_examples=80, deadline=None)
@given(rows_strategy, st.sampled_from(PERIODS), st.sampled_from([0, 18, 20]),
       st.sampled_from([("boendestöd",), (" Boendestöd ",), ("BOENDESTÖD", "ledsagning")]),
       st.integers(0, 2**32))
def test_the_stores_selection_and_draw_equal_the_python_rule(rows, period, min_age, insats,
                                                              seed) -> None:
    from jobs.sampling import _draw_from_store, eligible_candidates
    from store.frames import stratum_counts, stratum_refs

    spec = Spec(quotas=(("Södermalm", 2, 1), ("Skarpnäck", 1, 2)), insats=insats,
                decision_from=period[0], decision_to=period[1], min_age=min_age, reserves=2)
    check = eligibility(spec).holds
    with tempfile.TemporaryDirectory() as folder:
        db, frame_id, stored = store_frame(folder, rows)
        eligible = eligibility(spec)
        refs = stratum_refs(db, [frame_id], eligible)
        counts = stratum_counts(db, [frame_id], eligible)
        ids = {r["id"] for r in eligible_candidates(db, [frame_id], spec)}
        drawn = _draw_from_store(db, [frame_id], spec, seed)
        db.conn.close()
    wanted = [r for r in stored if check(r)]
    expected = {(d, g): sorted(r["case_ref"] for r in wanted
                               if (r["district"], r["gender"]) == (d, g))
                for d, _, _ in spec.quotas for g in "KM"}
    assert {key: sorted(value) for key, value in refs.items()} == expected
    assert counts == {key: len(value) for key, value in expected.items()}
    assert ids == {r["id"] for r in wanted}
    pure = draw(stored, spec, seed=seed)
    assert drawn.members == pure.members
    assert drawn.outcome == pure.outcome


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=8), max_size=60), st.integers(0, 40),
       st.integers(0, 2**32), st.sampled_from(["Södermalm", "Skarpnäck"]), st.sampled_from("KM"))
def test_lean_ranking_equals_a_full_sort_by_the_documented_key(refs, needed, seed, district,
                                                                gender) -> None:
    reference = sorted(refs, key=lambda r: (rank_key(seed, district, gender, r), r))[:needed]
    assert _ranked(refs, seed, district, gender, needed, str) == reference
    rows = [{"case_ref": r, "id": n} for n, r in enumerate(refs)]
    ranked_rows = _ranked(rows, seed, district, gender, needed, lambda row: row["case_ref"])
    assert [row["case_ref"] for row in ranked_rows] == reference
