"""Small counts on sensitive questions hidden in a report that leaves the team (--publish).

On a question marked ``sensitive`` in the protocol, a count from 1 to ``min_cell - 1``
can point at a person (the two parents in a district, the one woman asked about
violence): it is shown as "<3" (primary suppression). Such a cell could still be worked
out from the totals the report shows, so further cells are hidden, shown as "x"
(complementary suppression):

- every sum the report shows that has one hidden term gets a second one. The sums are
  each row along its columns (the districts add up to Totalt, so do the genders, and
  a district is its women plus its men in the district × gender view), each column
  down the options where the options exclude each other (single choice), and
  answered + not applicable + unanswered, which add up to a column's cases (the other
  tables show those, so they count as shown); a question asked only after "ja" to
  another (the children's questions after "parent of minors") applies, answered or
  not, as often as that "ja", so the two are one problem;
- the cell picked is the smallest count of the sum (the least information lost), a
  zero only when nothing else will do: a hidden zero can only grow, which would let
  its neighbours be bounded;
- then no hidden cell may be fixed by the sums taken together and the counts being at
  least zero (a chain of sums can pin down a cell that no single sum does): such a cell
  is found (``worked_out``), the smallest shown cell of a sum it is in is hidden as
  well, and all of this is repeated until nothing changes.

A share goes with its count, and a share whose denominator is hidden is hidden too
(count over share gives the denominator); a hidden denominator is 0 in ``Row.bases``.
Zeros stay: a count of none points at nobody.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Generic, TypeVar

from review_protocols.conditions import Compare
from review_protocols.model import Protocol, QuestionType
from tallies.crosstab import ANSWERED, NA, UNANSWERED, Row, Stratum, Table
from tallies.report import Publication, Report

Cell = TypeVar("Cell", bound=Hashable)
Number = int | Fraction
_COUNTED = (ANSWERED, NA, UNANSWERED)  # add up to a column's cases


@dataclass(frozen=True, slots=True)
class Suppressed(Generic[Cell]):
    primary: frozenset[Cell]  # small counts
    complementary: frozenset[Cell]  # hidden so that the small ones cannot be worked out


@dataclass(frozen=True, slots=True)
class PublishWords:
    """The words of a published report, from the string catalogue (``jobs.words``)."""

    title: str
    complement: str  # the mark of a complementary cell
    table_note: str  # {small} {top} {other}
    head: str  # {questions} {small} {top} {other} {where}
    nowhere: str
    quotes: str  # said when the report quotes the case files: the sensitive questions are not
    language: str


def suppress_cells(values: Mapping[Cell, int], sums: Sequence[tuple[Cell, tuple[Cell, ...]]],
                   min_cell: int, *, fixed: Collection[Cell] = ()) -> Suppressed[Cell]:
    """Which cells to hide: the counts from 1 to ``min_cell - 1`` and their complements.

    ``values`` holds every cell shown (its order breaks ties), ``sums`` every sum that
    holds between them as (total, parts), ``fixed`` the cells that are public anyway and
    so never hidden (a column's number of cases).
    """
    pinned = set(fixed)
    primary = {c for c, v in values.items() if c not in pinned and 1 <= v < min_cell}
    order = {cell: index for index, cell in enumerate(values)}
    members = [(total, *parts) for total, parts in sums]
    involving: dict[Cell, list[int]] = {}
    for index, cells in enumerate(members):
        for cell in cells:
            involving.setdefault(cell, []).append(index)
    hidden = set(primary)

    def smallest(cells: Iterable[Cell]) -> Cell | None:
        free = [c for c in cells if c not in hidden and c not in pinned]
        return min(free, key=lambda c: (values[c] == 0, values[c], order[c]), default=None)

    pending = deque(range(len(members)))  # first in, first out: fewer cells hidden
    while True:
        while pending:  # the classic rule: no shown sum with a single hidden term
            cells = members[pending.popleft()]
            if sum(c in hidden for c in cells) == 1:
                pick = smallest(cells)
                if pick is not None:
                    hidden.add(pick)
                    pending.extend(involving[pick])
        exposed = worked_out(hidden, sums, values, order)
        if not exposed:
            break
        picks = set()
        for cell in exposed:  # one more cell beside each, all at once
            pick = smallest(c for i in involving.get(cell, ()) for c in members[i]
                            if c not in picks)
            if pick is not None:
                picks.add(pick)
        if not picks:  # every sum of the exposed cells is hidden: widen the net
            pick = smallest(c for cells in members if any(m in hidden for m in cells)
                            for c in cells)
            if pick is None:
                break  # nothing left to hide: what pins a cell is public
            picks.add(pick)
        hidden.update(picks)
        for pick in picks:
            pending.extend(involving[pick])
    return Suppressed(frozenset(primary), frozenset(hidden - primary))


def worked_out(hidden: Collection[Cell], sums: Sequence[tuple[Cell, tuple[Cell, ...]]],
               values: Mapping[Cell, int], order: Mapping[Cell, int]) -> list[Cell]:
    """The hidden cells a reader can work out from the shown ones, the sums and that no
    count is below zero.

    With every hidden count above zero, a cell is pinned only by the sums themselves
    (``determined``): any change the sums allow can be made small enough to keep the
    counts positive. A hidden zero can only grow, and zeros that cannot grow at all
    (one case per district and gender, all of them parents) are as good as shown: they
    are worked out, and so is whatever the sums fix once they are known.
    """
    found = determined(hidden, sums, order)
    if found or all(values[c] for c in hidden):
        return found
    stuck = _stuck_zeros(hidden, sums, values, order)
    if not stuck:
        return []
    rest = determined([c for c in hidden if c not in stuck], sums, order)
    return sorted({*stuck, *rest}, key=order.__getitem__)


def _stuck_zeros(hidden: Collection[Cell], sums: Sequence[tuple[Cell, tuple[Cell, ...]]],
                 values: Mapping[Cell, int], order: Mapping[Cell, int]) -> list[Cell]:
    """The hidden zeros that no change the sums allow can raise.

    One linear program: changes ``d`` the sums allow (zeros only rising) and a rise
    ``t_j <= d_j``, at most 1, per zero, with the rises as large as they go. Changes add
    up (a zero never falls), so one change raises every zero that any change raises,
    scaled to a rise of 1 each: the zeros left at 0 are the stuck ones.
    """
    from scipy.optimize import linprog  # only needed here

    cells = sorted(hidden, key=order.__getitem__)
    index = {cell: i for i, cell in enumerate(cells)}
    zeros = [i for i, c in enumerate(cells) if values[c] == 0]
    size = len(cells) + len(zeros)  # the changes d, then the rises t
    rows = []
    for total, parts in sums:
        row = [0.0] * size
        for cell, sign in ((total, 1.0), *((p, -1.0) for p in parts)):
            if cell in index:
                row[index[cell]] += sign
        if any(row):
            rows.append(row)
    rises = []
    for k, i in enumerate(zeros):
        row = [0.0] * size
        row[len(cells) + k], row[i] = 1.0, -1.0
        rises.append(row)
    steps = [(0.0 if values[c] == 0 else None, None) for c in cells] + [(0.0, 1.0)] * len(zeros)
    result = linprog([0.0] * len(cells) + [-1.0] * len(zeros), A_ub=rises,
                     b_ub=[0.0] * len(rises), A_eq=rows or None,
                     b_eq=[0.0] * len(rows) or None, bounds=steps, method="highs")
    if result.status != 0 or result.x is None:  # cannot happen (no change at all is a
        return [cells[i] for i in zeros]          # solution); be safe
    return [cells[i] for k, i in enumerate(zeros) if result.x[len(cells) + k] < 0.5]


def determined(hidden: Collection[Cell], sums: Sequence[tuple[Cell, tuple[Cell, ...]]],
               order: Mapping[Cell, int]) -> list[Cell]:
    """The hidden cells the sums fix, shown cells taken as known: those whose unit vector
    lies in the row space of the sums restricted to the hidden cells (Gauss-Jordan,
    exact: whole numbers while the pivots are 1 or -1, as they nearly always are here,
    fractions otherwise)."""
    pivots: dict[Cell, dict[Cell, Number]] = {}  # pivot cell -> its row, fully reduced
    for total, parts in sums:
        row: dict[Cell, Number] = {}
        for cell, sign in ((total, 1), *((p, -1) for p in parts)):
            if cell in hidden:
                row[cell] = row.get(cell, 0) + sign
        for cell in [c for c in row if c in pivots]:
            factor = row[cell]
            for other, value in pivots[cell].items():
                row[other] = row.get(other, 0) - factor * value
        row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        units = [c for c, v in row.items() if v in (1, -1)]
        lead = min(units or row, key=order.__getitem__)
        scale = row[lead]
        row = ({c: v * scale for c, v in row.items()} if scale in (1, -1)
               else {c: Fraction(v) / scale for c, v in row.items()})
        for reduced in pivots.values():
            factor = reduced.get(lead, 0)
            if factor:
                for other, value in row.items():
                    reduced[other] = reduced.get(other, 0) - factor * value
                for other in [c for c, v in reduced.items() if not v]:
                    del reduced[other]
        pivots[lead] = row
    return sorted((c for c, row in pivots.items() if len(row) == 1), key=order.__getitem__)


# --- a report ----------------------------------------------------------------------------

def publish(report: Report, protocol: Protocol, min_cell: int, words: PublishWords, *,
            quotes: bool = False) -> Report:
    """The report as it may leave the team: small counts of sensitive questions and their
    complements hidden, a note under each table that hides any, a line in its head (which
    with ``quotes`` also says that the quotes leave the sensitive questions out)."""
    sensitive = {q.id for q in protocol.questions if q.sensitive}
    blocks: dict[str, list[_Block]] = {}
    for table in report.tables:
        if table.question_id in sensitive:
            blocks.setdefault(_stem(table), []).append(_Block.of_table(table, protocol))
    for table in report.areas:  # a row per question: its first option of the answered
        for row in table.rows:
            if row.code in sensitive and row.bases is not None:
                first = protocol.question(row.code).options[0].code
                rows = (Row("", row.counts, row.bases, first),
                        Row("", tuple(row.bases), None, ANSWERED))
                blocks.setdefault(row.code, []).append(_Block(_strata(table), rows, False))
    small = f"<{min_cell}"
    hidden: dict[_Key, str] = {}
    for values, sums, fixed in _linked_problems(report, protocol, blocks):
        result = suppress_cells(values, sums, min_cell, fixed=fixed)
        hidden.update(dict.fromkeys(result.primary, small))
        hidden.update(dict.fromkeys(result.complementary, words.complement))
    touched = {stem for stem, _, _ in hidden}
    note = words.table_note.format(small=small, top=min_cell - 1, other=words.complement)
    tables = [_published(t, _stem(t), hidden, words.complement) if _stem(t) in touched else t
              for t in report.tables]
    tables = [replace(p, note=note) if p is not t else t
              for t, p in zip(report.tables, tables, strict=True)]
    areas = []
    for table in report.areas:
        published = _published_areas(table, protocol, hidden, sensitive)
        areas.append(replace(published, note=note) if published is not table else table)
    where = list(dict.fromkeys(
        [t.title for t in report.tables if _stem(t) in touched]
        + [t.title for t, p in zip(report.areas, areas, strict=True) if p is not t]))
    questions = ", ".join(q.label_in(words.language) for q in protocol.questions
                          if q.sensitive)
    text = words.head.format(questions=questions, small=small, top=min_cell - 1,
                             other=words.complement,
                             where=", ".join(where) if where else words.nowhere)
    if quotes:
        text += " " + words.quotes
    return replace(report, tables=tables, areas=areas,
                   publication=Publication(words.title, text))


def _linked_problems(report: Report, protocol: Protocol, blocks: Mapping[str, Sequence[_Block]]
                     ) -> list[tuple[dict[_Key, int], list[_Sum], set[_Key]]]:
    """One problem per question, or per chain of questions skip logic links: a question
    asked only when another is answered "ja" is applicable (answered or unanswered) in a
    column exactly as often as the other is "ja" there, so the two are solved together
    (and a shown "ja" of a question that is not sensitive fixes that sum)."""
    group = {stem: stem for stem in blocks}

    def root(stem: str) -> str:
        while group[stem] != stem:
            stem = group[stem]
        return stem

    links: list[tuple[str, str, str]] = []  # (question, the one it depends on, the code)
    for stem in blocks:
        if not protocol.has_question(stem):
            continue
        when = protocol.question(stem).when
        if isinstance(when, Compare) and when.op == "in" and len(when.values) == 1 \
                and protocol.has_question(when.question):
            links.append((stem, when.question, str(when.values[0])))
            if when.question in blocks:
                group[root(stem)] = root(when.question)
    problems: dict[str, tuple[dict[_Key, int], list[_Sum], set[_Key]]] = {}
    for stem, found in blocks.items():
        values, sums, fixed = problems.setdefault(root(stem), ({}, [], set()))
        own = _problem(stem, found)
        values.update(own[0])
        sums.extend(own[1])
        fixed.update(own[2])
    for stem, parent, code in links:
        values, sums, fixed = problems[root(stem)]
        if parent not in blocks:  # shown in full: its counts are public
            shown = [t for t in report.tables if _stem(t) == parent]
            for key, value in _problem(parent, [_Block.of_table(t, protocol)
                                                for t in shown])[0].items():
                if key[1] == code:
                    values.setdefault(key, value)
                    fixed.add(key)
        for key in [k for k in values if k[0] == stem and k[1] == ANSWERED]:
            applicable = ((stem, ANSWERED, key[2]), (stem, UNANSWERED, key[2]))
            if (parent, code, key[2]) in values and applicable[1] in values:
                sums.append(((parent, code, key[2]), applicable))
    return list(problems.values())


def _stem(table: Table) -> str:
    """What a table counts: the question (or combined view) whose three views it is one of."""
    return table.id.rsplit(".", 1)[0]


def _strata(table: Table) -> tuple[frozenset[Stratum], ...]:
    """Per column what it counts; a table made without them gets stand-ins whose last
    column (Totalt) is the union of the others."""
    if table.strata:
        return table.strata
    own = [frozenset({(table.id, str(i))}) for i in range(len(table.columns) - 1)]
    return (*own, frozenset().union(*own))


@dataclass(frozen=True, slots=True)
class _Block:
    strata: tuple[frozenset[Stratum], ...]
    rows: tuple[Row, ...]
    additive: bool  # the options exclude each other: they add up to the answered

    @classmethod
    def of_table(cls, table: Table, protocol: Protocol) -> _Block:
        question = protocol.question(table.question_id)
        additive = table.kind == "count" and (_stem(table) != question.id
                                              or question.type is QuestionType.SINGLE)
        return cls(_strata(table), table.rows, additive)


def _is_count(row: Row) -> bool:
    return row.bases is not None or row.code in _COUNTED


_Key = tuple[str, str, frozenset[Stratum]]  # (question or combined view, row code, column)


_Sum = tuple[_Key, tuple[_Key, ...]]


def _problem(stem: str, blocks: Sequence[_Block]) -> tuple[dict[_Key, int], list[_Sum], set[_Key]]:
    """The cells of one question's tables (the same cell in several views once), the sums
    between them and the public cells (the cases per column)."""
    values: dict[_Key, int] = {}
    sums: dict[tuple[_Key, frozenset[_Key]], _Sum] = {}
    fixed: set[_Key] = set()

    def add(total: _Key, parts: Sequence[_Key]) -> None:
        sums.setdefault((total, frozenset(parts)), (total, tuple(parts)))

    families = []
    for block in blocks:
        families.append([s for s in block.strata[:-1] if s])
        for column, strata in enumerate(block.strata):
            if not strata:  # a district × gender without cases: zero, whatever is shown
                continue
            codes = []
            for row in block.rows:
                count = row.counts[column]
                if _is_count(row) and count is not None:
                    values.setdefault((stem, row.code, strata), int(count))
                    codes.append(row.code)
            parts = [(stem, c, strata) for c in codes if c not in _COUNTED]
            if block.additive and ANSWERED in codes and parts:
                add((stem, ANSWERED, strata), parts)
            if all(c in codes for c in _COUNTED):
                cases = (stem, "_cases", strata)
                values.setdefault(cases, sum(values[(stem, c, strata)] for c in _COUNTED))
                fixed.add(cases)
                add(cases, [(stem, c, strata) for c in _COUNTED])
    by_code: dict[str, dict[frozenset[Stratum], None]] = {}  # in order: the same sums each run
    for _, code, members in values:
        by_code.setdefault(code, {})[members] = None
    for code, present in by_code.items():
        if code == "_cases":
            continue
        for whole in present:
            for family in families:
                within = [s for s in family if s < whole]
                if len(within) > 1 and frozenset().union(*within) == whole \
                        and all(s in present for s in within):
                    add((stem, code, whole), [(stem, code, s) for s in within])
    return values, list(sums.values()), fixed


def _published(table: Table, stem: str, hidden: Mapping[_Key, str], complement: str) -> Table:
    strata = _strata(table)
    answered = stem == table.question_id  # a question's own table: shares of the answered
    rows = []
    for row in table.rows:
        texts = []
        for members in strata:
            if _is_count(row):
                texts.append(hidden.get((stem, row.code, members), ""))
            else:  # a statistic (the median) goes with the count it is taken of
                texts.append(complement if hidden.get((stem, ANSWERED, members)) else "")
        bases = row.bases
        if bases is not None:
            bases = tuple(
                0 if (hidden.get((stem, ANSWERED, members)) if answered
                      else any(hidden.get((stem, r.code, members)) for r in table.rows
                               if _is_count(r))) else base
                for base, members in zip(bases, strata, strict=True))
        rows.append(_row(row, texts, bases))
    return replace(table, rows=tuple(rows))


def _published_areas(table: Table, protocol: Protocol, hidden: Mapping[_Key, str],
                     sensitive: Collection[str]) -> Table:
    strata = _strata(table)
    rows = []
    for row in table.rows:
        if row.code not in sensitive or row.bases is None:
            rows.append(row)
            continue
        first = protocol.question(row.code).options[0].code
        texts = [hidden.get((row.code, first, members), "") for members in strata]
        bases = tuple(0 if hidden.get((row.code, ANSWERED, members)) else base
                      for base, members in zip(row.bases, strata, strict=True))
        rows.append(_row(row, texts, bases))
    if all(new is old for new, old in zip(rows, table.rows, strict=True)):
        return table
    return replace(table, rows=tuple(rows))


def _row(row: Row, texts: Sequence[str], bases: tuple[int, ...] | None) -> Row:
    if not any(texts) and bases == row.bases:
        return row
    counts = tuple(None if text else count for count, text in zip(row.counts, texts,
                                                                    strict=True))
    return replace(row, counts=counts, bases=bases, hidden=tuple(texts) if any(texts) else ())
