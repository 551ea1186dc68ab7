"""Equal treatment: shares with Wilson intervals, Fisher's tests, Holm within a question.

The figures are checked against scipy itself on the report's 80 cases, the issue's two
examples decide what is flagged, Holm against a hand-worked example, and Hypothesis keeps
the invariants on any sample.
"""

from __future__ import annotations

import csv
import io
import json
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest, fisher_exact

from jobs.words import equality_words, words
from tallies.crosstab import CaseAnswers
from tallies.equality import ALPHA, FIELDS, MIN_N, equal_treatment, holm, in_words
from tallies.report import build_report
from tests.tallies.report_cases import CODES, DISTRICTS
from tui.cli import main

A, B = "Hägersten-Älvsjö", "Skarpnäck"


def wilson(count: int, n: int) -> tuple[float, float]:
    ci = binomtest(count, n).proportion_ci(method="wilson")
    return ci.low, ci.high


def fisher(count: int, n: int, other_count: int, other_n: int) -> float:
    return fisher_exact([[count, n - count], [other_count, other_n - other_count]]).pvalue


def dur_cases(*districts: tuple[str, int, int]) -> list[CaseAnswers]:
    """(district, cases with a current DUR, cases) each; women and men in turn."""
    cases = []
    for district, yes, n in districts:
        for i in range(n):
            cases.append(CaseAnswers(f"{district[:2]}-{i}", district, "KM"[i % 2],
                                     {"dur_aktuell": "ja" if i < yes else "nej"}))
    return cases


def row(shares, question_id, option, kind, group):
    return next(s for s in shares if (s.question_id, s.option, s.group_kind, s.group)
                == (question_id, option, kind, group))


# --- Holm ----------------------------------------------------------------------------------

def test_holm_on_a_hand_worked_example() -> None:
    # Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> kept at 0.06.
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm([0.5, 0.9]) == [1.0, 1.0]  # capped at 1, never below the one before
    assert holm([0.2]) == [0.2] and holm([]) == []


@given(st.lists(st.floats(0.0, 1.0), max_size=30))
def test_holm_never_lowers_a_p_value_nor_reorders_them(p_values) -> None:
    adjusted = holm(p_values)
    assert all(p <= a <= 1.0 for p, a in zip(p_values, adjusted, strict=True))
    for i, j in zip(range(len(p_values)), range(1, len(p_values)), strict=False):
        pair = sorted((i, j), key=p_values.__getitem__)
        assert adjusted[pair[0]] <= adjusted[pair[1]]
    if p_values:  # the smallest is Bonferroni's
        assert min(adjusted) == min(1.0, min(p_values) * len(p_values))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_interval_is_binomtests_wilson_interval(drawn) -> None:
    """The interval does not depend on binomtest's hypothesised proportion (set to the
    share, to skip a p-value that is not used): it is scipy's, exactly."""
    from tallies import equality

    count, n = drawn
    assert equality.wilson(count, n) == wilson(count, n)


# --- the two examples --------------------------------------------------------------

def test_8_of_20_against_19_of_20_is_beyond_chance(protocol) -> None:
    shares = equal_treatment(protocol, dur_cases((A, 8, 20), (B, 19, 20)), [A, B])
    mine = row(shares, "dur_aktuell", "ja", "district", A)
    assert (mine.count, mine.n, mine.other_count, mine.other_n) == (8, 20, 19, 20)
    assert mine.share == 0.4
    assert (mine.ci_low, mine.ci_high) == wilson(8, 20)
    assert mine.p_vs_rest == fisher(8, 20, 19, 20) == pytest.approx(0.000432, abs=1e-6)
    assert mine.p_adjusted is not None and mine.p_vs_rest <= mine.p_adjusted < ALPHA
    assert mine.flagged and not mine.too_small
    # Two districts: one test, the same on both; "nej" mirrors "ja".
    assert row(shares, "dur_aktuell", "ja", "district", B).p_adjusted == mine.p_adjusted
    assert row(shares, "dur_aktuell", "nej", "district", A).p_adjusted == mine.p_adjusted
    sentences = in_words(shares, protocol, equality_words("sv"))
    assert sentences == [
        "Aktuell DUR-utredning, Finns: Hägersten-Älvsjö: 8 av 20 (40 %) mot 19 av 20 (95 %) i "
        "övriga stadsdelar; skillnaden är större än slumpen förklarar (p = 0,002, justerat)"]
    english = in_words(shares, protocol, equality_words("en"))
    assert english[0].startswith("Current DUR investigation, Present: Hägersten-Älvsjö: "
                                 "8 of 20 (40%) against 19 of 20 (95%) in the other districts")


def test_the_reports_get_the_findings_in_either_language(report_db, protocol) -> None:
    """What the Markdown and DOCX reports call: the figures from the database, in words."""
    from jobs.config import Config
    from jobs.equality import flagged_in_words
    from jobs.tallies import load_equality

    shares = load_equality(report_db, Config(), protocol)
    swedish, english = (flagged_in_words(shares, protocol, lang) for lang in ("sv", "en"))
    assert len(swedish) == len(english) > 10
    assert "Skarpnäck: 8 av 20 (40 %) mot 49 av 60 (82 %) i övriga stadsdelar" in swedish[1]
    assert "Skarpnäck: 8 of 20 (40%) against 49 of 60 (82%) in the other districts" \
        in english[1]


def test_6_of_9_against_4_of_8_is_not(protocol) -> None:
    shares = equal_treatment(protocol, dur_cases((A, 6, 9), (B, 4, 8)), [A, B])
    mine = row(shares, "dur_aktuell", "ja", "district", A)
    assert mine.p_vs_rest == fisher(6, 9, 4, 8) == pytest.approx(0.637, abs=1e-3)
    assert not mine.flagged and not mine.too_small
    assert in_words(shares, protocol, equality_words("sv")) == []


def test_too_few_to_say_anything_is_not_tested(protocol) -> None:
    """Four cases in a district: no p-value, and the other tests are not adjusted for it."""
    shares = equal_treatment(protocol, dur_cases((A, 0, 4), (B, 20, 20), ("Södermalm", 2, 20)),
                             [A, B, "Södermalm"])
    small = row(shares, "dur_aktuell", "ja", "district", A)
    assert small.too_small and small.p_vs_rest is None and small.p_adjusted is None
    assert small.n == 4 < MIN_N and small.ci_low == 0.0  # the interval is still shown
    assert not small.flagged
    # Men in A: 2 cases; the within-district test is not made either.
    assert row(shares, "dur_aktuell", "ja", "district_gender", f"{A} M").p_vs_rest is None
    # The family: B and Södermalm against the rest, women against men in all and in
    # Södermalm; B's women against its men (all have one) is a fixed outcome outside it.
    tested = {s.test: s for s in shares if s.question_id == "dur_aktuell"
              and s.p_vs_rest is not None and 0 < s.count + s.other_count < s.n + s.other_n}
    assert set(tested) == {("district", B, "ja"), ("district", "Södermalm", "ja"),
                           ("gender", "ja"), ("district_gender", "Södermalm", "ja")}
    expected = holm([t.p_vs_rest for t in tested.values()])
    assert [t.p_adjusted for t in tested.values()] == expected
    fixed = row(shares, "dur_aktuell", "ja", "district_gender", f"{B} K")
    assert fixed.p_vs_rest == fixed.p_adjusted == 1.0


def test_a_question_nobody_answered_has_no_shares_to_draw(protocol) -> None:
    shares = equal_treatment(protocol, dur_cases((A, 3, 10)), [A, B])
    unasked = row(shares, "vald_fragat", "ja", "district", A)
    assert (unasked.count, unasked.n, unasked.share, unasked.ci_low) == (0, 0, None, None)
    assert unasked.p_vs_rest is None
    assert row(shares, "dur_aktuell", "ja", "district", B).n == 0  # configured, no cases


# --- the report's 80 cases: scipy directly -------------------------------------------------

def test_every_figure_matches_scipy_and_the_tallies(protocol, report_cases) -> None:
    shares = equal_treatment(protocol, report_cases, DISTRICTS)
    report = build_report(protocol, report_cases, DISTRICTS, codes=CODES, words=words("sv"))
    columns = {"district": list(DISTRICTS), "gender": ["K", "M"],
               "district_gender": [f"{d} {g}" for d in DISTRICTS for g in "KM"]}
    checked = 0
    for share in shares:
        # Count and denominator: the tallies' own cells (applicable, answered cases).
        table = report.table(f"{share.question_id}.{share.group_kind}")
        column = columns[share.group_kind].index(share.group)
        assert share.count == table.cell(share.option, table.columns[column])
        assert share.n == table.row("_total").counts[column]
        if share.n:
            assert (share.ci_low, share.ci_high) == wilson(share.count, share.n)
            assert share.share == share.count / share.n
        if share.p_vs_rest is not None:
            # A mirrored row (nej of ja/nej, men of women-men) shares its test's p-value,
            # which may differ from its own table's in the last bit.
            assert share.p_vs_rest == pytest.approx(
                fisher(share.count, share.n, share.other_count, share.other_n), rel=1e-12)
            checked += 1
    assert checked > 300
    # The comparison groups: the rest of the sample, the men, the district's men.
    dur = row(shares, "dur_aktuell", "ja", "district", "Skarpnäck")
    assert (dur.count, dur.n, dur.other_count, dur.other_n) == (8, 20, 49, 60)
    assert dur.flagged
    women = row(shares, "dur_aktuell", "nej", "gender", "K")
    assert (women.count, women.n, women.other_count, women.other_n) == (13, 40, 10, 40)
    assert not women.flagged
    cell = row(shares, "dur_aktuell", "nej", "district_gender", "Skarpnäck K")
    assert (cell.count, cell.n, cell.other_count, cell.other_n) == (7, 10, 5, 10)


def test_holm_runs_over_each_questions_distinct_open_tests(protocol, report_cases) -> None:
    shares = equal_treatment(protocol, report_cases, DISTRICTS)
    questions = {s.question_id for s in shares}
    for question_id in questions:
        tests = {}
        for s in shares:
            if s.question_id == question_id and s.p_vs_rest is not None \
                    and 0 < s.count + s.other_count < s.n + s.other_n:
                tests.setdefault(s.test, s)
        expected = holm([s.p_vs_rest for s in tests.values()])
        for s, adjusted in zip(tests.values(), expected, strict=True):
            same = [x.p_adjusted for x in shares if x.question_id == question_id
                    and x.test == s.test]
            assert same == pytest.approx([adjusted] * len(same), rel=1e-12)
    # dur_aktuell: 4 districts + women/men + 4 districts' women/men, "nej" mirroring "ja";
    # HÄ has no split between its women and men (all have one: a fixed outcome, left out).
    family = {s.test for s in shares if s.question_id == "dur_aktuell" and s.p_vs_rest
              is not None and 0 < s.count + s.other_count < s.n + s.other_n}
    assert len(family) == 8


# --- the command line ----------------------------------------------------------------------

def export(db_path, *args: str) -> int:
    return main(["--db", str(db_path), "export", "equality", *args])


def test_export_equality_json_has_exactly_the_fields(report_db, db_path, capsys) -> None:
    assert export(db_path) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(tuple(item) == FIELDS for item in data)
    assert {item["group_kind"] for item in data} == {"district", "gender", "district_gender"}
    assert {item["group"] for item in data if item["group_kind"] == "gender"} == {"K", "M"}
    skarpnack = next(i for i in data if (i["question_id"], i["option"], i["group"])
                     == ("dur_aktuell", "ja", "Skarpnäck"))
    assert (skarpnack["count"], skarpnack["n"], skarpnack["share"]) == (8, 20, 0.4)
    assert (skarpnack["ci_low"], skarpnack["ci_high"]) == pytest.approx(wilson(8, 20))
    assert skarpnack["p_vs_rest"] == pytest.approx(fisher(8, 20, 49, 60))
    assert skarpnack["p_adjusted"] < 0.05
    assert any(i["p_vs_rest"] is None and i["p_adjusted"] is None and i["n"] < 5 for i in data)


def test_export_equality_csv_same_columns_for_swedish_excel(report_db, db_path,
                                                            tmp_path) -> None:
    out = tmp_path / "likstallighet.csv"
    assert export(db_path, "--format", "csv", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == FIELDS
    line = next(r for r in rows if (r["question_id"], r["option"], r["group"])
                == ("dur_aktuell", "ja", "Skarpnäck"))
    low, high = wilson(8, 20)
    assert (line["share"], line["ci_low"], line["ci_high"]) == (
        "0,4000", f"{low:.4f}".replace(".", ","), f"{high:.4f}".replace(".", ","))
    assert line["p_vs_rest"] == f"{fisher(8, 20, 49, 60):.6f}".replace(".", ",")


def test_export_equality_markdown_marks_what_is_flagged(report_db, db_path, capsys) -> None:
    assert export(db_path, "--format", "md") == 0
    text = capsys.readouterr().out
    assert text.startswith("# Likställighet: ")
    assert "| Finns | Skarpnäck | 8 av 20 | **40 %** | 22 %–61 % | **0,007** ◆ |" in text
    assert "| Finns | Södermalm | 10 av 20 | 50 % | 30 %–70 % | 0,113 |" in text
    assert "Skarpnäck: 8 av 20 (40 %) mot 49 av 60 (82 %) i övriga stadsdelar" in text
    assert "| för få |" in text  # a group of fewer than five


def test_the_markdown_report_has_a_likstallighet_section(report_db, db_path, capsys) -> None:
    assert main(["--db", str(db_path), "export", "md"]) == 0
    text = capsys.readouterr().out
    section = text[text.index("## Likställighet"):text.index("## Granskningslogg")]
    assert "- Aktuell DUR-utredning, Finns: Skarpnäck: 8 av 20 (40 %) mot 49 av 60 (82 %)" \
        in section
    assert "Holm" in section and "|" not in section


def test_exported_cells_never_become_formulas(protocol) -> None:
    from tallies.equality_export import to_csv, to_markdown

    shares = equal_treatment(protocol, dur_cases(("=1+1", 8, 20), (B, 19, 20)), ["=1+1", B])
    rows = list(csv.DictReader(io.StringIO(to_csv(shares).lstrip("\ufeff")), delimiter=";"))
    assert {r["group"] for r in rows if r["group_kind"] == "district"} == {"'=1+1", B}
    text = to_markdown(shares, protocol, equality_words("sv"))
    assert "| Finns | '=1+1 | 8 av 20 |" in text and "| =1+1 " not in text


def test_the_report_document_has_a_likstallighet_section(report_db, db_path,
                                                          tmp_path) -> None:
    import docx

    out = tmp_path / "rapport.docx"
    assert main(["--db", str(db_path), "export", "docx", "--out", str(out)]) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    section = texts[texts.index("Likställighet"):
                    texts.index("Styrkor och utvecklingsområden per stadsdel")]
    assert "Aktuell DUR-utredning, Finns: Skarpnäck: 8 av 20 (40 %) mot 49 av 60 (82 %) i " \
        "övriga stadsdelar; skillnaden är större än slumpen förklarar (p = 0,007, justerat)" \
        in section
    assert len(section) > 10


def test_format_belongs_to_equality_only(report_db, db_path, capsys) -> None:
    assert main(["--db", str(db_path), "export", "csv", "--format", "md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--format" in err
    with pytest.raises(SystemExit) as exit_code:
        export(db_path, "--format", "xlsx")
    assert exit_code.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "xlsx" in err and "json" in err


def test_nothing_reviewed_yet_is_no_finding(db, db_path, capsys) -> None:
    from tests.tallies.conftest import store_sample
    from tests.tallies.report_cases import build_cases

    store_sample(db, build_cases(), with_answers=False)
    assert export(db_path) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and all(i["n"] == 0 and i["share"] is None and i["p_adjusted"] is None
                        for i in data)
    assert export(db_path, "--format", "md") == 0
    assert "Ingen skillnad mellan stadsdelar" in capsys.readouterr().out


# --- invariants on any sample --------------------------------------------------------------

ANSWERS = {"dur_aktuell": ("ja", "nej"), "beslut": ("bifall", "delavslag", "avslag"),
           "anhoriga_foretrader_tydligt": ("ja", "nej", "ej_relevant"),
           "vald_fragat": ("ja", "nej"), "intressen_resurser_onskemal": ("framgar", "saknas")}

case = st.builds(
    lambda district, gender, answers: (district, gender, answers),
    st.sampled_from([A, B, "Södermalm", "Okänd"]), st.sampled_from("KM"),
    st.fixed_dictionaries({}, optional={q: st.sampled_from(v) for q, v in ANSWERS.items()}))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(case, max_size=60))
def test_shares_intervals_and_p_values_stay_sound(protocol, drawn) -> None:
    cases = [CaseAnswers(f"C-{i}", d, g, a) for i, (d, g, a) in enumerate(drawn)]
    for share in equal_treatment(protocol, cases, [A, B, "Södermalm"]):
        assert 0 <= share.count <= share.n
        if share.n == 0:
            assert share.share is share.ci_low is share.ci_high is None
        else:
            assert share.share is not None and share.ci_low is not None \
                and share.ci_high is not None
            assert 0.0 <= share.ci_low <= share.share <= share.ci_high <= 1.0
        if share.p_vs_rest is None:
            assert share.p_adjusted is None and share.too_small and not share.flagged
        else:
            assert share.p_adjusted is not None
            assert 0.0 <= share.p_vs_rest <= share.p_adjusted <= 1.0
