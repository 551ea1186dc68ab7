"""The fast tallies, reading and answers export give what the plain way gives.

Each fast path is checked against a simple reference written here: one
``applicable()`` per case and a count per case for the tallies, a row per
answer for reading and for the long-format export.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from review_protocols import load_builtin
from review_protocols.conditions import applicable
from review_protocols.values import decode
from tallies.crosstab import (
    ANSWERED,
    NA,
    UNANSWERED,
    CaseAnswers,
    Prepared,
    _reason,
    tally_question,
)
from tallies.export import answers_csv_from_blocks
from tallies.numbers import tally_numbers
from tests.speed.references import excel_csv

PROTOCOL = load_builtin("boendestod_sol")
COLUMNS = ("case_ref", "district", "gender", "question_id", "value", "reviewer", "answered_at",
           "evidence_doc", "evidence_date", "evidence_quote")


def answer(question):
    codes = [o.code for o in question.options]
    odd = st.sampled_from(["", "okänd"])  # an empty answer, a code no option has
    if question.type == "multi":
        return st.one_of(st.lists(st.sampled_from(codes), max_size=3), st.none())
    if question.type == "single":
        return st.one_of(st.none(), st.sampled_from(codes), odd)
    if question.type == "number":
        return st.one_of(st.none(), st.sampled_from([0, 3, 12, 12.5, 13, 13.0, 40, 90.5, 200,
                                                     ""]))
    return st.one_of(st.none(), st.text(max_size=3))


case = st.builds(
    CaseAnswers,
    case_ref=st.text(min_size=1, max_size=3),
    district=st.sampled_from(("A", "B", "Z")),
    gender=st.sampled_from(("K", "M", "X")),
    answers=st.fixed_dictionaries(
        {}, optional={**{q.id: answer(q) for q in PROTOCOL.questions}, "no_such": st.just("x")}),
)


def reference_tally(cases, question_id):
    """Case by case: its own applicable(), its own reason, in case order."""
    question = PROTOCOL.question(question_id)
    counts: dict = {}
    reasons: dict = {}
    declared: dict = {}
    for c in cases:
        applies = applicable(PROTOCOL, c.answers)
        bucket = counts.setdefault((c.district, c.gender), {})
        if not applies[question_id]:
            bucket[NA] = bucket.get(NA, 0) + 1
            reason = _reason(PROTOCOL, question, c.answers, applies)
            reasons[reason] = reasons.get(reason, 0) + 1
            continue
        value = c.answers.get(question_id)
        value = tuple(value) if isinstance(value, list) else value
        if value in (None, "", ()):
            bucket[UNANSWERED] = bucket.get(UNANSWERED, 0) + 1
            continue
        if value in question.not_applicable_codes:  # declared "Ej relevant": out of the base
            bucket[NA] = bucket.get(NA, 0) + 1
            option = question.option(value)
            declared[f"{question.label}: {option.label}"] = declared.get(
                f"{question.label}: {option.label}", 0) + 1
            continue
        bucket[ANSWERED] = bucket.get(ANSWERED, 0) + 1
        for code in value if isinstance(value, tuple) else (value,):
            bucket[code] = bucket.get(code, 0) + 1
    return counts, [*reasons.items(), *declared.items()]  # skip logic's reasons first


def reference_numbers(cases, question_id):
    question = PROTOCOL.question(question_id)
    values: dict = {}
    other: dict = {}
    reasons: dict = {}
    for c in cases:
        applies = applicable(PROTOCOL, c.answers)
        stratum = (c.district, c.gender)
        value = c.answers.get(question_id)
        if not applies[question_id]:
            other.setdefault(stratum, {})[NA] = other.get(stratum, {}).get(NA, 0) + 1
            reason = _reason(PROTOCOL, question, c.answers, applies)
            reasons[reason] = reasons.get(reason, 0) + 1
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values.setdefault(stratum, []).append(value)
        else:
            bucket = other.setdefault(stratum, {})
            bucket[UNANSWERED] = bucket.get(UNANSWERED, 0) + 1
    return values, other, list(reasons.items())


@settings(max_examples=150, deadline=None)
@given(st.lists(case, max_size=30))
def test_every_tally_is_what_counting_case_by_case_gives(cases) -> None:
    prep = Prepared.of(PROTOCOL, cases, ("A", "B"))
    for question in PROTOCOL.questions:
        if question.is_choice:
            tally = tally_question(prep, question.id)
            counts = {s: {k: n for k, n in b.items() if n} for s, b in tally.counts.items()}
            assert (counts, list(tally.reasons.items())) == reference_tally(cases, question.id)
        elif question.type == "number":
            found = tally_numbers(prep, question.id)
            expected_values, expected_other, expected_reasons = reference_numbers(cases,
                                                                                  question.id)
            assert found.values == expected_values
            assert {s: b for s, b in found.other.items() if b} == expected_other
            assert list(found.reasons.items()) == expected_reasons


def test_a_list_where_a_single_code_belongs_still_decides_what_follows() -> None:
    cases = [CaseAnswers("1", "A", "K", {"beslut": ["avslag"], "dur_aktuell": ["ja"]}),
             CaseAnswers("2", "A", "K", {"beslut": "avslag", "dur_aktuell": "ja"}),
             CaseAnswers("3", "B", "M", {"beslut": ["bifall"]})]
    prep = Prepared.of(PROTOCOL, cases, ("A", "B"))
    for question_id in ("bestallning_strukturerad", "intressen_resurser_onskemal"):
        tally = tally_question(prep, question_id)
        assert (tally.counts, list(tally.reasons.items())) == reference_tally(cases, question_id)


# --- reading the counted reviews ---------------------------------------------------------

def store_raw(db, answers_by_case: dict[str, dict[str, str]], *, reviewer="anna",
              evidence=None) -> None:
    """Cases with answers stored as given (stored text, unchecked), complete; ``evidence``
    maps (case_ref, question_id) to the Evidence of that answer."""
    from store.frames import insert_frame, population
    from store.reports import ImportedAnswer, import_answers
    from store.samples import save_sample

    rows = [{"case_ref": ref, "gender": "KM"[i % 2], "district": "AB"[i % 3 == 0],
             "insats": "boendestöd"} for i, ref in enumerate(answers_by_case)]
    frame_id = insert_frame(db, name="raw", source="test", sha256="0" * 64, rows=rows)
    people = population(db, frame_id)
    sample_id = save_sample(db, frame_id=frame_id, seed=1, spec={}, frame_sha256="0" * 64,
                            protocol_id=PROTOCOL.id, outcome={},
                            members=[{"population_id": p["id"], "district": p["district"],
                                      "gender": p["gender"], "role": "selected", "rank": i}
                                     for i, p in enumerate(people)])
    ids = {p["case_ref"]: p["id"] for p in people}
    evidence = evidence or {}
    import_answers(db, [ImportedAnswer(ids[ref], sample_id, reviewer, q, v, None,
                                       evidence=evidence.get((ref, q)))
                        for ref, answers in answers_by_case.items() for q, v in answers.items()],
                   protocol_id=PROTOCOL.id, protocol_version=PROTOCOL.version, source="test")


ODD = {"C-1": {"beslut": "bifall", "uppfoljning_hur": "telefon|", "fullmakt_typ": "|",
               "beviljad_tid_timmar_manad": "12.5", "genomforandeplan_dagar": "abc",
               "no_such_question": "x", "dur_aktuell": "", "metoder_iakttagelser": 'a;b"c\nd'},
       "C-2": {"beslut": "avslag", "antal_aktiviteter": "3", "fullmakt_typ": "x|y"},
       "C-3": {"beslut": ""},  # a review with nothing but an empty answer
       "C-0": {"beviljad_tid_timmar_manad": "13.0", "uppfoljning_hur": "telefon",
               "utredning_iakttagelser": "\x1e\x1f plain"}}


def test_load_cases_is_what_decoding_answer_by_answer_gives(db) -> None:
    from jobs.tallies import load_cases

    store_raw(db, ODD)
    db.execute("UPDATE answers SET value = NULL WHERE question_id = 'antal_aktiviteter'")
    expected = []
    for case_ref, district, gender, review_id in db.execute(
            "SELECT p.case_ref, p.district, p.gender, r.id FROM reviews r JOIN population p"
            " ON p.id = r.population_id ORDER BY p.case_ref").fetchall():
        answers = {}
        for question_id, value in db.execute(
                "SELECT question_id, value FROM answers WHERE review_id = ? AND value IS NOT NULL",
                [review_id]).fetchall():
            if PROTOCOL.has_question(question_id):
                decoded = decode(PROTOCOL.question(question_id), value)
                if decoded is not None:
                    answers[question_id] = decoded
        expected.append(CaseAnswers(case_ref, district, gender, answers))
    loaded = load_cases(db, PROTOCOL)
    assert loaded == expected
    assert [c.case_ref for c in loaded] == ["C-0", "C-1", "C-2", "C-3"]
    assert loaded[3].answers == {}
    assert loaded[1].answers["uppfoljning_hur"] == ["telefon"]
    assert loaded[1].answers["fullmakt_typ"] == []
    assert loaded[0].answers["beviljad_tid_timmar_manad"] == 13
    assert loaded[1].answers["uppfoljning_hur"] is not loaded[0].answers["uppfoljning_hur"]


# --- the long-format answers export ------------------------------------------------------

def single_join(db, identities: bool) -> list[tuple]:
    from store.reports import _counted

    extra = ", p.personnummer, p.name" if identities else ""
    return db.execute(
        f"WITH counted AS ({_counted('complete_or_approved')})"
        " SELECT p.case_ref, p.district, p.gender, a.question_id, a.value, r.reviewer,"
        f" a.answered_at, e.doc_type, e.doc_date, e.quote{extra} FROM counted c"
        " JOIN reviews r ON r.id = c.id JOIN population p ON p.id = r.population_id"
        " JOIN answers a ON a.review_id = r.id LEFT JOIN evidence e"
        " ON e.review_id = a.review_id AND e.question_id = a.question_id"
        " WHERE a.value IS NOT NULL ORDER BY r.id, a.question_id", [PROTOCOL.id]).fetchall()


def test_answers_export_is_the_csv_of_the_single_join(db) -> None:
    plain = {"P-1": {"beslut": "bifall", "dur_aktuell": "ja"}, "P-2": {}, "P-3": {"beslut": ""},
             "P;4": {"metoder_iakttagelser": 'säger "nej"; sedan\r\nja – 5 €', "beslut": "avslag"}}
    store_raw(db, plain)
    check_single_join(db)


def test_answers_export_with_evidence_is_the_csv_of_the_single_join(db) -> None:
    from store.evidence import Evidence

    plain = {"P-1": {"beslut": "bifall", "dur_aktuell": "nej", "vald_fragat": "nej"},
             "P-2": {"beslut": "bifall", "dur_aktuell": "ja"},
             "P-3": {"dur_aktuell": "nej", "bestallning_strukturerad": "nej"}}
    store_raw(db, plain, evidence={
        ("P-1", "dur_aktuell"): Evidence("utredning", "2021-03-01", 'DUR "gammal"; från 2021'),
        ("P-3", "bestallning_strukturerad"): Evidence("beställning", "2022-01-02", "=1+2")})
    from store.reports import answer_blocks

    assert answers_csv_from_blocks(answer_blocks(db, PROTOCOL.id), COLUMNS) is not None
    text = check_single_join(db)
    assert '"DUR ""gammal""; från 2021"' in text and ";'=1+2\r\n" in text


def check_single_join(db) -> str:
    from jobs.tallies import IDENTITY_COLUMNS, answers_csv, answers_csv_bytes

    for identities in (True, False):
        columns = COLUMNS + (IDENTITY_COLUMNS if identities else ())
        expected = excel_csv(single_join(db, identities), columns)
        assert answers_csv(db, PROTOCOL, with_identities=identities) == expected
        assert answers_csv_bytes(db, PROTOCOL, with_identities=identities) == expected.encode()
    return expected


def test_answers_export_with_a_separator_inside_an_answer_takes_the_row_path(db) -> None:
    from jobs.tallies import answers_csv, answers_csv_bytes
    from store.reports import answer_blocks

    store_raw(db, ODD)
    assert answers_csv_from_blocks(answer_blocks(db, PROTOCOL.id), COLUMNS) is None
    assert answers_csv(db, PROTOCOL) == excel_csv(single_join(db, False), COLUMNS)
    assert answers_csv_bytes(db, PROTOCOL) == answers_csv(db, PROTOCOL).encode()


text = st.text(alphabet=st.sampled_from('ab;"\r\n åÄ-0=+@\t\'.,'), max_size=5)
evidence = st.one_of(st.none(), st.tuples(text, text, text))
review = st.tuples(text, text, st.sampled_from(["K", "M"]), text,
                   st.dictionaries(st.sampled_from(["a", "b", "c_d", "e"]),
                                   st.tuples(text, text, evidence), min_size=1, max_size=4),
                   st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(review, max_size=6), st.booleans())
def test_answers_from_blocks_is_what_the_csv_module_writes(reviews, shuffled) -> None:
    """As ``answer_blocks`` gathers them: the answers, then the review's evidence (its
    question ids first; some on a question without an answer, which has no line)."""
    blocks, rows = [], []
    for case_ref, district, gender, reviewer, answers, stray in reviews:
        order = sorted(answers, reverse=shuffled)
        found = {q: answers[q][2] for q in order if answers[q][2] is not None}
        if stray:
            found["zz_unanswered"] = ("beslut", "2021-01-01", "x")
        parts = [str(len(order)), "\x1f".join(order), "\x1f".join(answers[q][0] for q in order),
                 "\x1f".join(answers[q][1] for q in order), "\x1f".join(found)]
        parts += ["\x1f".join(found[q][k] for q in found) for k in range(3)]
        blocks.append((case_ref, district, gender, reviewer, "\x1e".join(parts)))
        rows += [(case_ref, district, gender, q, answers[q][0], reviewer, answers[q][1],
                  *found.get(q, ("", "", ""))) for q in order]
    found = answers_csv_from_blocks(blocks, COLUMNS)
    if shuffled and any(len(r[4]) > 1 for r in reviews):
        assert found is None  # not in question order: the caller takes the row path
    else:
        assert found == excel_csv(rows, COLUMNS)
