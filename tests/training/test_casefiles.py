"""Generated case files: the text and the answer key never contradict each other."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_protocols import applicable, load_builtin
from review_protocols.boendestod_sol.case_truth import random_truth
from review_protocols.boendestod_sol.casefiles import (
    DIFFICULTIES,
    Person,
    generate_cases,
    render_case,
)
from review_protocols.model import QuestionType
from review_protocols.values import encode, parse

PROTOCOL = load_builtin("boendestod_sol")
PERSON = Person("Vera", "Lind", "K", 1975, "Skarpnäck", dt.date(2022, 5, 10))


def section(text: str, title: str) -> str:
    """The lines under one heading (headings are upper case when easy)."""
    out, inside = [], False
    for line in text.splitlines():
        if line.strip() and not line.startswith(" ") and line.strip().upper().rstrip() in {
                h.upper() for h in HEADINGS}:
            inside = line.strip().upper() == title.upper()
            continue
        if inside:
            out.append(line)
    return "\n".join(out)


HEADINGS = ("Personakt – boendestöd enligt SoL (påhittat utbildningsärende)", "Utredning (DUR)",
            "Beslut", "Beställning till utförare", "Genomförandeplan", "Uppföljning",
            "Övriga handlingar", "Journalanteckningar")


def date_after(text: str, prefix: str) -> dt.date:
    return dt.date.fromisoformat(re.search(re.escape(prefix) + r" (\d{4}-\d\d-\d\d)", text)[1])


cases = st.tuples(st.integers(0, 10**9), st.sampled_from(DIFFICULTIES))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases)
def test_key_and_text_agree_on_every_question(case: tuple[int, str]) -> None:
    seed, difficulty = case
    key = random_truth(PROTOCOL, random.Random(seed))
    made = render_case(key, seed, difficulty, PERSON)
    text, fn = made.text, PERSON.first

    # The key answers exactly the applicable, non-text questions, each a valid value.
    applies = applicable(PROTOCOL, key)
    expected = {q.id for q in PROTOCOL.questions
                if applies[q.id] and q.type is not QuestionType.TEXT}
    assert set(key) == expected
    for qid, value in key.items():
        question = PROTOCOL.question(qid)
        stored = encode(question, value)
        assert encode(question, parse(question, stored)) == stored
    # Every key answer has a passage; a present passage is quoted from the text.
    assert set(made.passages) == set(key)
    for passage in made.passages.values():
        if passage.present:
            for line in passage.text.splitlines():
                assert line in text
        else:
            assert passage.section

    dur = section(text, "Utredning (DUR)")
    if key["dur_aktuell"] == "ja":
        assert (PERSON.decided - date_after(dur, "DUR, daterad")).days < 365
    else:
        assert "finns inte i akten" in dur or (
            PERSON.decided - date_after(dur, "DUR, daterad")).days > 2 * 365
    if "intressen_resurser_onskemal" in key and difficulty == "easy":
        shown = sum(f"{label}:" in dur for label in ("Intressen", "Resurser", "Önskemål"))
        assert {"framgar": 3, "saknas": 0}.get(key["intressen_resurser_onskemal"], shown) == shown
        assert (shown in (1, 2)) == (key["intressen_resurser_onskemal"] == "delvis")
    assert ("Hembesök gjordes" in text) == (key["hembesok_gjort"] == "ja")
    assert ("samtyckte till besöket" in text) == (key.get("hembesok_samtycke") == "ja")

    decision = section(text, "Beslut")
    kind = key["beslut"]
    assert ("beviljas med" in decision) == (kind != "avslag")
    assert ("I övrigt avslås ansökan" in decision) == (kind == "delavslag")
    assert ("Ansökan om boendestöd avslås" in decision) == (kind == "avslag")
    if kind != "avslag":
        amount, unit = re.search(r"beviljas med (\d+) timmar per (månad|vecka)", decision).groups()
        monthly = int(amount) * 52 / 12 if unit == "vecka" else int(amount)
        assert monthly == key["beviljad_tid_timmar_manad"]
    if kind == "delavslag":
        applied = int(re.search(r"Ansökan avser (\d+) timmar per månad", decision)[1])
        assert applied == key["ansokt_tid_timmar_manad"] > key["beviljad_tid_timmar_manad"]
    assert ("inte haft boendestöd tidigare" in decision) == (key["forstagangsbeslut"] == "ja")
    if "samma_tid_som_foregaende" in key:
        before = int(re.search(r"Föregående beslut \([\d-]+\): (\d+) timmar", decision)[1])
        assert (before == key["beviljad_tid_timmar_manad"]) == (
            key["samma_tid_som_foregaende"] == "ja")
    if "info_andra_insatser" in key:
        assert ("daglig verksamhet" in text) == (key["info_andra_insatser"] == "ja")

    order = section(text, "Beställning till utförare")
    plan = section(text, "Genomförandeplan")
    if kind == "avslag":
        assert order == "" and plan == ""
    else:
        goals = order.count("Övergripande mål:")
        acts = order.count("Aktivitet:")
        if "antal_aktiviteter" in key:
            assert (goals, acts) == (key["antal_overgripande_mal"], key["antal_aktiviteter"])
        assert (goals > 0 and acts > 0) == (key["bestallning_strukturerad"] == "ja")
        assert ("Personligt delmål:" in order) == (key["personlig_malsattning"] == "ja")
        needs = order.count("Stödbehov:")
        level = {0: "nej", acts: "ja"}.get(needs, "delvis") if acts else "nej"
        assert level == key["stodbehov_per_aktivitet"]
        assert ("kl. 17–19" in order) == (key["utfors_utanfor_kontorstid"] == "ja")
        if key["genomforandeplan_finns"] == "ja":
            arrived = date_after(plan, "Genomförandeplan inkom")
            sent = dt.date.fromisoformat(
                re.search(r"Beställning skickad till .* (\d{4}-\d\d-\d\d)\.", order)[1])
            days = (arrived - sent).days
            assert days == key["genomforandeplan_dagar"]
            assert (days <= 15) == (key["genomforandeplan_inom_15_dagar"] == "ja")
            assert ("Planen är upprättad tillsammans med" in plan) == (
                key["delaktighet_genomforandeplan"] == "ja")
        else:
            # No plan at all, or one that came in the decision's last months.
            if "Genomförandeplan inkom" in plan:
                end = date_after(decision, "gäller till och med")
                assert (end - date_after(plan, "Genomförandeplan inkom")).days <= 70
            else:
                assert "genomförandeplan har inte inkommit" in text
            assert "Vad:" not in plan or "Genomförandeplan inkom" in plan
    journal = section(text, "Journalanteckningar")
    if "uppfoljning_dokumenterad" in key:
        assert ("Uppföljning" in journal) == (key["uppfoljning_dokumenterad"] == "ja")
    ways = key.get("uppfoljning_hur", [])
    took_part = key.get("uppfoljning_deltagare")
    with_individual = took_part in ("enskilde", "bada", "bada_var_for_sig")
    assert (f"Uppföljning per telefon med {fn}" in journal) == (
        "telefon" in ways and with_individual)
    assert ("utan " + fn in journal) == (took_part in ("utforaren", "bada_var_for_sig"))
    assert ("och boendestödjaren" in journal) == (took_part == "bada")

    assert ("Samverkansmöte med psykiatriska" in text) == (key["samverkan_psykiatri"] == "ja")
    assert ("SIP upprättad" in text) == (key["sip_aktuell"] == "ja")
    assert ("SIP-möte inplanerat" in text) == (key.get("sip_mote_inplanerat") == "ja")

    other = section(text, "Övriga handlingar")
    labels = {"fullmakt": "Fullmakt:", "god_man": "God man:", "forvaltare": "Förvaltare:",
              "sekretessmedgivande": "Sekretessmedgivande gentemot"}
    for code, label in labels.items():
        assert (label in other) == (code in key.get("fullmakt_typ", []))
    holders = key.get("fullmakt_innehavare", [])
    assert ("(anhörig)" in other) == ("anhorig" in holders)
    assert ("professionell kontakt" in other or "yrkesverksam" in other) == (
        "professionell" in holders)

    children = re.findall(r"(?:Barn: )?En (?:dotter|son), .*", text)
    assert bool(children) == (key["forelder_minderariga_barn"] == "ja")
    if children:
        with_year = all(re.search(r"född 20\d\d", c) for c in children)
        assert with_year == (key["barn_fodelsear"] == "ja")
        assert not any(re.search(r"född 20\d\d", c) for c in children) or with_year
        assert ("Barnkonsekvensanalys:" in text) == (key["barnkonsekvensanalys"] == "ja")
    asked = any(s in text for s in ("Frågor om våld ställdes", "Frågat om våld",
                                    '"Frågor om våld"'))
    assert asked == (key["vald_fragat"] == "ja")
    places = key.get("vald_dokumentation_plats", [])
    assert ("Frågor om våld ställdes i utredningen" in dur) == ("utredning" in places)
    assert ("Beskrivningsruta:" in text) == ("beskrivningsrutan" in places)
    assert ("Separat dokument" in text) == ("separat_dokument" in places)
    assert ("Frågat om våld och våldsutsatthet" in journal) == ("journal" in places)
    assert ("kan ges på annan tid" in text) == (key["info_annan_tid"] == "ja")
    assert ("träningslägenhet" in text) == (key["tranings_forsokslagenhet"] == "ja")
    assert ("Plan för övertagande" in text) == (key.get("overtagande_atgarder") == "ja")


def test_the_same_seed_gives_the_same_cases() -> None:
    first = generate_cases(PROTOCOL, 4, seed=11, difficulty="hard")
    again = generate_cases(PROTOCOL, 4, seed=11, difficulty="hard")
    other = generate_cases(PROTOCOL, 4, seed=12, difficulty="hard")
    assert [(c.case_ref, c.truth, c.case_file) for c in first] == [
        (c.case_ref, c.truth, c.case_file) for c in again]
    assert [c.case_file.text for c in first] != [c.case_file.text for c in other]


def test_easy_is_more_explicit_than_hard() -> None:
    key = {**random_truth(PROTOCOL, random.Random(3))}
    easy = render_case(key, 3, "easy", PERSON).text
    hard = render_case(key, 3, "hard", PERSON).text
    assert "UTREDNING (DUR)" in easy and "Utredning (DUR)" in hard
    assert len(easy) > len(hard)


def test_unknown_difficulty_is_refused_in_one_line() -> None:
    with pytest.raises(ValueError, match="use one of: easy, normal, hard"):
        render_case({}, 1, "medium", PERSON)
