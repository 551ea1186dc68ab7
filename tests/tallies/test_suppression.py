"""Small cells protected: after suppression no hidden count can be worked out from what is shown.

"Worked out" is checked as a reader would do it: every shown count, total and share is
a linear equation on the true counts (which are at least 0); for each hidden cell the
least and the greatest value it can take under them (``scipy.optimize.linprog``) must
differ.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.words import publish_words, words
from review_protocols import load_builtin
from tallies.crosstab import ANSWERED, NA, UNANSWERED, CaseAnswers
from tallies.report import Report, build_report
from tallies.suppression import determined, publish, suppress_cells

linprog = pytest.importorskip("scipy.optimize").linprog

PROTOCOL = load_builtin("boendestod_sol")
DISTRICTS = ["Hägersten-Älvsjö", "Hässelby-Vällingby", "Skarpnäck", "Södermalm"]


def bounds(equations: Sequence[tuple[Mapping[int, float], float]], size: int,
           target: Mapping[int, float]) -> tuple[float, float]:
    """The least and the greatest ``target`` (a linear form on ``size`` counts >= 0) takes
    under ``equations`` (form, value); inf when unbounded."""
    a_eq = [[form.get(i, 0.0) for i in range(size)] for form, _ in equations]
    b_eq = [value for _, value in equations]
    objective = [target.get(i, 0.0) for i in range(size)]
    found = []
    for sign in (1, -1):
        result = linprog([sign * c for c in objective], A_eq=a_eq or None, b_eq=b_eq or None,
                         bounds=[(0, None)] * size, method="highs")
        if result.status == 3:  # unbounded
            found.append(-sign * float("inf"))
            continue
        assert result.status == 0, result.message  # the true counts are a solution
        found.append(sign * result.fun)
    return found[0], found[1]


# --- one table with its row and column totals --------------------------------------------

@st.composite
def tables(draw: st.DrawFn) -> list[list[int]]:
    rows = draw(st.integers(1, 4))
    columns = draw(st.integers(1, 5))
    small = st.one_of(st.integers(0, 3), st.integers(0, 30))
    return [[draw(small) for _ in range(columns)] for _ in range(rows)]


def cells_and_sums(grid: list[list[int]]):
    values: dict[tuple, int] = {}
    for i, row in enumerate(grid):
        for j, count in enumerate(row):
            values["cell", i, j] = count
    for i, row in enumerate(grid):
        values["row", i] = sum(row)
    for j in range(len(grid[0])):
        values["column", j] = sum(row[j] for row in grid)
    values["all",] = sum(map(sum, grid))
    rows, columns = range(len(grid)), range(len(grid[0]))
    sums = [(("row", i), tuple(("cell", i, j) for j in columns)) for i in rows]
    sums += [(("column", j), tuple(("cell", i, j) for i in rows)) for j in columns]
    sums += [(("all",), tuple(("row", i) for i in rows)),
             (("all",), tuple(("column", j) for j in columns))]
    return values, sums


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=tables(), min_cell=st.integers(2, 5))
def test_no_hidden_cell_of_a_table_can_be_worked_out(grid: list[list[int]],
                                                     min_cell: int) -> None:
    values, sums = cells_and_sums(grid)
    result = suppress_cells(values, sums, min_cell)
    hidden = result.primary | result.complementary
    assert result.primary == {c for c, v in values.items() if 1 <= v < min_cell}
    assert not result.primary & result.complementary
    if not hidden:
        return
    unknown = sorted(c for c in values if c[0] == "cell")
    index = {c: i for i, c in enumerate(unknown)}

    def form(cell: tuple) -> dict[int, float]:
        rows, columns = range(len(grid)), range(len(grid[0]))
        kind = cell[0]
        members = ([cell] if kind == "cell"
                   else [("cell", cell[1], j) for j in columns] if kind == "row"
                   else [("cell", i, cell[1]) for i in rows] if kind == "column"
                   else unknown)
        return {index[m]: 1.0 for m in members}

    equations = [(form(c), float(v)) for c, v in values.items() if c not in hidden]
    for cell in hidden:
        low, high = bounds(equations, len(unknown), form(cell))
        assert low <= values[cell] <= high
        assert high - low > 1e-6, f"{cell} = {values[cell]} can be worked out"


def test_a_lone_small_cell_takes_the_smallest_cell_of_its_row_and_column() -> None:
    grid = [[2, 9, 5],
            [7, 8, 6]]
    values, sums = cells_and_sums(grid)
    result = suppress_cells(values, sums, 3)
    assert result.primary == {("cell", 0, 0)}
    # its row's smallest (5), its column's smallest (7), and 6 closes the rectangle
    assert result.complementary == {("cell", 0, 2), ("cell", 1, 0), ("cell", 1, 2)}


def test_nothing_small_hides_nothing() -> None:
    values, sums = cells_and_sums([[0, 9], [3, 8]])
    result = suppress_cells(values, sums, 3)
    assert not result.primary and not result.complementary


def test_an_odd_cycle_of_sums_is_broken_too() -> None:
    """Each sum has two hidden terms, yet together they fix the small one
    (t1 - t2 + t3 = 2a): the rule alone is not enough, the elimination catches it."""
    values = {"a": 1, "b": 5, "c": 6, "t1": 6, "t2": 11, "t3": 7}
    sums = [("t1", ("a", "b")), ("t2", ("b", "c")), ("t3", ("c", "a"))]
    result = suppress_cells(values, sums, 2)
    assert result.primary == {"a"}
    assert {"b", "c"} <= result.complementary
    assert result.complementary & {"t1", "t2", "t3"}  # the cycle is opened
    hidden = result.primary | result.complementary
    assert determined(hidden, sums, {c: i for i, c in enumerate(values)}) == []
    assert determined({"a", "b", "c"}, sums, {c: i for i, c in enumerate(values)}) == [
        "a", "b", "c"]


# --- a report: the three views of a question, linked ---------------------------------------

def cases_strategy() -> st.SearchStrategy[list[CaseAnswers]]:
    answer = st.sampled_from(["ja", "nej", "ja", "nej", None])
    case = st.tuples(st.sampled_from(DISTRICTS), st.sampled_from("KM"), answer,
                     st.sampled_from(["ja", "nej", None]), st.sampled_from(["ja", "nej"]))
    return st.lists(case, min_size=1, max_size=40).map(lambda rows: [
        CaseAnswers(f"C{i}", d, g, {k: v for k, v in (("forelder_minderariga_barn", parent),
                                                        ("barn_fodelsear", years),
                                                        ("vald_fragat", asked)) if v})
        for i, (d, g, parent, years, asked) in enumerate(rows)])


SINGLE_SENSITIVE = ("forelder_minderariga_barn", "barn_fodelsear", "vald_fragat")


def shown_equations(question_ids: Sequence[str], published: Report,
                    cases: Sequence[CaseAnswers]):
    """What a reader of the published report knows of some questions' counts per
    (question, category, district, gender): the shown cells, the shares (which give their
    denominators), the cases per district and gender (public in every other table), and
    that a question asked only after "ja" to another applies as often as that "ja"."""
    strata = sorted({(c.district, c.gender) for c in cases})
    categories = {q: [o.code for o in PROTOCOL.question(q).options] + [NA, UNANSWERED]
                  for q in question_ids}
    index = {key: i for i, key in enumerate(
        (q, k, s) for q in question_ids for k in categories[q] for s in strata)}

    def form(question_id: str, code: str, members: frozenset) -> dict[int, float]:
        options = categories[question_id][:-2]
        codes = options if code == ANSWERED else [code]
        return {index[question_id, k, s]: 1.0 for k in codes for s in members}

    equations = []
    for question_id in question_ids:
        when = PROTOCOL.question(question_id).when
        for stratum in strata:
            n = sum(1 for c in cases if (c.district, c.gender) == stratum)
            equations.append(({index[question_id, k, stratum]: 1.0
                               for k in categories[question_id]}, float(n)))
            if when is not None and when.question in question_ids:
                applies = {index[question_id, k, stratum]: 1.0
                           for k in categories[question_id] if k != NA}
                applies[index[when.question, when.values[0], stratum]] = -1.0
                equations.append((applies, 0.0))
    hidden = []
    for table in published.tables:
        if table.question_id not in question_ids:
            continue
        question_id = table.question_id
        for row in table.rows:
            for column, members in enumerate(table.strata):
                if not members:
                    continue
                if row.hidden_text(column):
                    assert row.counts[column] is None and row.percent(column) is None
                    assert row.share(column) is None
                    hidden.append(form(question_id, row.code, members))
                    continue
                equations.append((form(question_id, row.code, members),
                                  float(row.counts[column])))
                if row.percent(column) is not None:  # count / share = the denominator
                    equations.append((form(question_id, ANSWERED, members),
                                      float(row.bases[column])))
    for table in published.areas:
        for row in table.rows:
            if row.code not in question_ids:
                continue
            first = categories[row.code][0]
            for column, members in enumerate(table.strata):
                if members and not row.hidden_text(column):
                    equations.append((form(row.code, first, members), float(row.counts[column])))
                if members and row.percent(column) is not None:
                    equations.append((form(row.code, ANSWERED, members), float(row.bases[column])))
    return equations, len(index), hidden


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=cases_strategy(), min_cell=st.integers(2, 4))
def test_no_hidden_cell_of_a_report_can_be_worked_out_across_its_views(
        cases: list[CaseAnswers], min_cell: int) -> None:
    """The three views of a question, its row in the quality areas, and a question asked
    only of parents beside the parents' question: all taken together by the reader."""
    report = build_report(PROTOCOL, cases, DISTRICTS, words=words("sv"))
    published = publish(report, PROTOCOL, min_cell, publish_words("sv"))
    for linked in (("forelder_minderariga_barn", "barn_fodelsear"), ("vald_fragat",)):
        equations, size, hidden = shown_equations(linked, published, cases)
        for target in hidden:
            low, high = bounds(equations, size, target)
            assert high - low > 1e-6, f"{linked}: a hidden cell can be worked out"
    for table in published.tables:  # no count from 1 to min_cell - 1 is left
        if table.question_id in SINGLE_SENSITIVE:
            for row in table.rows:
                assert not any(isinstance(c, int) and 1 <= c < min_cell for c in row.counts)


@settings(max_examples=10, deadline=None)
@given(cases=cases_strategy())
def test_only_sensitive_questions_change_and_the_full_report_is_untouched(
        cases: list[CaseAnswers]) -> None:
    report = build_report(PROTOCOL, cases, DISTRICTS, words=words("sv"))
    before = [(t.id, t.rows, t.note) for t in report.all_tables()]
    published = publish(report, PROTOCOL, 3, publish_words("sv"))
    assert [(t.id, t.rows, t.note) for t in report.all_tables()] == before
    sensitive = {q.id for q in PROTOCOL.questions if q.sensitive}
    for old, new in zip(report.tables, published.tables, strict=True):
        if old.question_id not in sensitive:
            assert new == old
    assert published.publication is not None and "<3" in published.publication.text


def test_the_report_cases_hide_the_violence_and_children_figures() -> None:
    """The report's own case: 10 asked about violence, four parents (two women, two men)."""
    from tests.tallies.report_cases import build_cases

    cases = build_cases()
    report = build_report(PROTOCOL, cases, DISTRICTS, words=words("sv"))
    published = publish(report, PROTOCOL, 3, publish_words("sv"))
    parents = published.table("forelder_minderariga_barn.gender")
    assert parents.row("ja").hidden == ("<3", "<3", "")
    assert parents.cell("ja", "Totalt") == 4
    assert parents.row("nej").hidden == ("x", "x", "")
    assert "Skyddad för publicering" in parents.note
    assert published.table("dur_aktuell.gender") == report.table("dur_aktuell.gender")
    text = published.publication.text
    assert "Förälder till minderåriga" in text and "Frågat om våld" in text
