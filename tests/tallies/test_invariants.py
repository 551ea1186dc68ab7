"""Invariants of the tallies for any answers at all (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jobs.words import words
from review_protocols import load_builtin
from tallies.crosstab import CaseAnswers
from tallies.report import build_report

PROTOCOL = load_builtin("boendestod_sol")
DISTRICTS = ("A", "B", "C")
ASKED = ("dur_aktuell", "intressen_resurser_onskemal", "beslut", "forstagangsbeslut",
         "genomforandeplan_finns", "genomforandeplan_overensstammer",
         "uppfoljning_dokumenterad", "uppfoljning_hur")


def answer(question_id: str):
    question = PROTOCOL.question(question_id)
    codes = [o.code for o in question.options]
    if question.type == "multi":
        return st.lists(st.sampled_from(codes), unique=True, max_size=len(codes))
    return st.one_of(st.none(), st.sampled_from(codes))


case = st.builds(
    CaseAnswers,
    case_ref=st.text(min_size=1, max_size=4),
    district=st.sampled_from((*DISTRICTS, "Z")),  # Z: a district not in the config
    gender=st.sampled_from(("K", "M")),
    answers=st.fixed_dictionaries({}, optional={q: answer(q) for q in ASKED}),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(case, max_size=25))
def test_every_table_adds_up(cases) -> None:
    report = build_report(PROTOCOL, cases, DISTRICTS, words=words("sv"))
    for table in report.tables:
        if table.kind != "count":
            continue
        total, na, unanswered = (table.row(c) for c in ("_total", "_na", "_unanswered"))
        size = {"district": len(DISTRICTS) + any(c.district == "Z" for c in cases),
                "gender": 2, "district_gender": 2 * (len(DISTRICTS)
                                                     + any(c.district == "Z" for c in cases))}
        assert len(table.columns) == size[table.view] + 1
        # Each case is in exactly one column besides Totalt; Totalt is their sum.
        for row in table.rows:
            assert row.counts[-1] == sum(row.counts[:-1])
        assert total.counts[-1] + na.counts[-1] + unanswered.counts[-1] == len(cases)
        question = PROTOCOL.question(table.question_id)
        subtotals = {s.code: s.of for s in question.subtotals}
        options = [r for r in table.rows
                   if not r.code.startswith("_") and r.code not in subtotals]
        for code, parts in subtotals.items():  # a subtotal is its options' sum, per column
            for i in range(len(table.columns)):
                assert table.row(code).counts[i] == sum(table.row(p).counts[i] for p in parts)
        if table.id.startswith("plan_stammer") or question.type == "single":
            for i in range(len(table.columns)):
                assert sum(r.counts[i] for r in options) == total.counts[i]
        for r in options:
            for i in range(len(table.columns)):
                pct = r.percent(i)
                assert pct is None or 0 <= pct <= 100
