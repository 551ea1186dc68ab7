"""Published rounds side by side: in any table, no small count of a sensitive question is
shown, and no hidden count can be worked out from what is (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_protocols import QuestionType, load_builtin
from tallies.crosstab import ANSWERED
from tallies.rounds import WHOLE, Change, Comparison, publish
from tallies.suppression import worked_out

pytest.importorskip("scipy")

PROTOCOL = load_builtin("boendestod_sol")
SINGLE = next(q for q in PROTOCOL.questions if q.sensitive and q.type is QuestionType.SINGLE)
OPTIONS = [o.code for o in SINGLE.options if o.code not in SINGLE.not_applicable_codes]
PLAIN = next(q for q in PROTOCOL.questions if not q.sensitive and q.type is QuestionType.SINGLE)
DISTRICTS = ("D1", "D2", "D3", "D4")


def total(rows: list[list[int]], width: int, column: int | None) -> int:
    """One option's count (``column``), or the answered (None), over some districts' rows."""
    return sum(sum(r[:width]) if column is None else r[column] for r in rows)


def comparison_of(counts: dict[str, list[list[int]]]) -> Comparison:
    """counts[side][district][option] for the sensitive question; the plain question gets
    the same counts, to show it is left alone."""
    changes = []
    for question in (SINGLE, PLAIN):
        options = OPTIONS if question is SINGLE else [o.code for o in question.options][:2]
        for o, option in enumerate(options):
            for d, district in enumerate((WHOLE, *DISTRICTS)):
                a, b = ((counts[s] if district == WHOLE else [counts[s][d - 1]])
                        for s in ("a", "b"))
                width = len(options)
                changes.append(Change(question.id, option, district, total(a, width, o),
                                      total(a, width, None), total(b, width, o),
                                      total(b, width, None), 0.5, 0.5))
    return Comparison("A", "B", changes)


rounds = st.fixed_dictionaries({side: st.lists(
    st.lists(st.integers(0, 6), min_size=len(OPTIONS), max_size=len(OPTIONS)),
    min_size=len(DISTRICTS), max_size=len(DISTRICTS)) for side in ("a", "b")})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=rounds, min_cell=st.integers(2, 4))
def test_no_small_count_is_shown_or_can_be_worked_out(counts, min_cell) -> None:
    full = comparison_of(counts)
    shown = publish(full, PROTOCOL, min_cell, "x")
    for before, after in zip(full.changes, shown.changes, strict=True):
        if after.question_id == PLAIN.id:
            assert after == before  # only sensitive questions are touched
    mine = [(b, a) for b, a in zip(full.changes, shown.changes, strict=True)
            if a.question_id == SINGLE.id]
    for side in ("a", "b"):
        values, secret = {}, []
        for before, after in mine:
            for cell, column in ((f"count_{side}", before.option), (f"n_{side}", ANSWERED)):
                key = (before.district, column)
                values[key] = getattr(before, cell)
                value = after.shown(cell)
                if isinstance(value, str):
                    secret.append(key)
                else:
                    assert not 1 <= value < min_cell, (key, value)
        secret = list(dict.fromkeys(secret))
        sums = [((WHOLE, column), tuple((d, column) for d in DISTRICTS))
                for column in (*OPTIONS, ANSWERED)]
        sums += [((d, ANSWERED), tuple((d, o) for o in OPTIONS)) for d in (WHOLE, *DISTRICTS)]
        order = {cell: i for i, cell in enumerate(values)}
        assert worked_out(secret, sums, values, order) == []
    if any(isinstance(a.shown(c), str) for _, a in mine for c in ("count_a", "count_b")):
        assert shown.suppressed == (SINGLE.id,)
        assert all(a.p is None and a.p_adjusted is None for _, a in mine)
