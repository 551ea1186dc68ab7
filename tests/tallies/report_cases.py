"""80 cases built from the boendestöd report's own figures (BRIEF.md section 3, DETAIL.md 3).

Construction (each district: 20 cases, positions 0-9 women, 10-19 men; every
per-district list below is dealt out to positions in order):

- DUR missing: HV position 0 (a woman); SK 7 women (0-6) and 5 men (10-14);
  SÖ 5 women (0-4) and 5 men (10-14): 23 missing, 13 women and 10 men.
- Interests (of current DUR, in position order): HÄ 14/5/1, HV 9/6/4, SK 5/1/2,
  SÖ 10/0/0 framgår/delvis/saknas.
- Decisions: HV position 19 avslag (a man with a current DUR); delavslag HV 17,
  18; SK 18, 19; SÖ 18; all others bifall.
- First-time decisions, the last non-avslag positions: HÄ 3, HV 5, SK 0, SÖ 1.
- Plan (Table 1), dealt over the non-avslag cases: HÄ 3/10/5/2,
  HV 7/6/1/5, SK 3/7/4/6, SÖ 4/11/2/3 ja/delvis/nej/saknas.
- Follow-up documented, dealt over the cases due: HÄ 14 of 17 (the first
  five by phone: three with the person, two with the support worker only, as
  "I fem ärenden ... per telefon" includes), HV 11 of 14, SK 8 of 20, SÖ 12 of
  19; every other follow-up a meeting of the person and the worker together.
- Orders structured: HÄ 10/10, HV 13/6, SK 17/3, SÖ 19/1.
- Psychiatry 19 (SK 10, the others 3 each); SIP 13 (SK 7, the others 2), one
  SIP meeting planned (HÄ).
- Power of attorney / waiver per district 10/5/7/7 = 29. The report's total
  of 31 does not reconcile with its districts (DETAIL.md 3.7, 3.9); the
  per-district figures are the ones a dataset can satisfy, so the total is 29.
- Parents of minors: HÄ and HV one woman and one man each (4: 2 women, 2 men).
- Violence asked: HV 4 women and 1 man, HÄ 1+1, SK 1+1, SÖ 1 woman (10: 7/3).
- Dissatisfied with the provider: three cases (HÄ 3, SK 9, SÖ 10), none told they
  may change provider ("Nej", the report's 0 documented); every other granted case
  answers "Ej relevant", so "Nej" is 100 % of the dissatisfied, not 3 of 79.
- Hours per month: 12 or 13 in HÄ 5, HV 3, SK 11, SÖ 3 cases (22); others
  8, 16 or 25. Days to plan: a spread around the 15-day rule.
"""

from __future__ import annotations

from tallies.crosstab import CaseAnswers

DISTRICTS = ("Hägersten-Älvsjö", "Hässelby-Vällingby", "Skarpnäck", "Södermalm")
CODES = dict(zip(DISTRICTS, ("HÄ", "HV", "SK", "SÖ"), strict=True))

DUR_MISSING = {"HÄ": [], "HV": [0], "SK": [0, 1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14],
               "SÖ": [0, 1, 2, 3, 4, 10, 11, 12, 13, 14]}
INTERESTS = {"HÄ": (14, 5, 1), "HV": (9, 6, 4), "SK": (5, 1, 2), "SÖ": (10, 0, 0)}
AVSLAG = {"HV": [19]}
DELAVSLAG = {"HV": [17, 18], "SK": [18, 19], "SÖ": [18]}
FIRST_TIME = {"HÄ": 3, "HV": 5, "SK": 0, "SÖ": 1}
PLAN = {"HÄ": (3, 10, 5, 2), "HV": (7, 6, 1, 5), "SK": (3, 7, 4, 6), "SÖ": (4, 11, 2, 3)}
FOLLOW_UP = {"HÄ": 14, "HV": 11, "SK": 8, "SÖ": 12}
STRUCTURED = {"HÄ": 10, "HV": 13, "SK": 17, "SÖ": 19}
PSYCHIATRY = {"HÄ": 3, "HV": 3, "SK": 10, "SÖ": 3}
SIP = {"HÄ": 2, "HV": 2, "SK": 7, "SÖ": 2}
FULLMAKT = {"HÄ": 10, "HV": 5, "SK": 7, "SÖ": 7}
PARENTS = {"HÄ": [0, 10], "HV": [1, 11]}
VIOLENCE = {"HÄ": [0, 10], "HV": [1, 2, 3, 4, 10], "SK": [7, 15], "SÖ": [5]}
AT_12_13 = {"HÄ": 5, "HV": 3, "SK": 11, "SÖ": 3}
DISSATISFIED = {"HÄ": [2], "SK": [8], "SÖ": [9]}
PHONE_INDIVIDUAL = {"HÄ": [0, 1, 2]}  # of HÄ's five calls; the other two reached the worker only


def _deal(counts: tuple[int, ...], codes: tuple[str, ...]) -> list[str]:
    return [code for code, n in zip(codes, counts, strict=True) for _ in range(n)]


def build_cases() -> list[CaseAnswers]:
    cases = []
    for district in DISTRICTS:
        code = CODES[district]
        interests = _deal(INTERESTS[code], ("framgar", "delvis", "saknas"))
        plans = _deal(PLAN[code], ("ja", "delvis", "nej", "saknas"))
        non_avslag = [i for i in range(20) if i not in AVSLAG.get(code, [])]
        first_time = set(non_avslag[len(non_avslag) - FIRST_TIME[code]:])
        due = [i for i in non_avslag if i not in first_time]
        documented = set(due[:FOLLOW_UP[code]])
        by_phone = set(due[:5]) if code == "HÄ" else set()
        at_12_13 = set(non_avslag[:AT_12_13[code]])
        for i in range(20):
            a: dict = {}
            a["dur_aktuell"] = "nej" if i in DUR_MISSING[code] else "ja"
            if a["dur_aktuell"] == "ja":
                a["intressen_resurser_onskemal"] = interests.pop(0)
            decision = ("avslag" if i in AVSLAG.get(code, []) else
                        "delavslag" if i in DELAVSLAG.get(code, []) else "bifall")
            a["beslut"] = decision
            a["forstagangsbeslut"] = "ja" if i in first_time else "nej"
            if decision != "avslag":
                position = non_avslag.index(i)
                a["beviljad_tid_timmar_manad"] = (
                    12 + (i % 2) if i in at_12_13 else (8, 16, 25)[i % 3])
                if decision == "delavslag":
                    a["ansokt_tid_timmar_manad"] = a["beviljad_tid_timmar_manad"] + 3
                a["bestallning_strukturerad"] = "ja" if position < STRUCTURED[code] else "nej"
                plan = plans[position]
                a["genomforandeplan_finns"] = "nej" if plan == "saknas" else "ja"
                if plan != "saknas":
                    a["genomforandeplan_overensstammer"] = plan
                    days = (7, 12, 20, 45, 120)[i % 5]
                    a["genomforandeplan_dagar"] = days
                    a["genomforandeplan_inom_15_dagar"] = "ja" if days <= 15 else "nej"
                a["info_byta_utforare"] = ("nej" if i in DISSATISFIED.get(code, [])
                                           else "ej_relevant")
                if i in due:
                    a["uppfoljning_dokumenterad"] = "ja" if i in documented else "nej"
                    if i in documented:
                        a["uppfoljning_hur"] = ["telefon"] if i in by_phone else [
                            "personligt_mote"]
                        a["uppfoljning_deltagare"] = (
                            "bada" if i not in by_phone else
                            "enskilde" if i in PHONE_INDIVIDUAL.get(code, []) else "utforaren")
            a["samverkan_psykiatri"] = "ja" if i < PSYCHIATRY[code] else "nej"
            a["sip_aktuell"] = "ja" if i < SIP[code] else "nej"
            if a["sip_aktuell"] == "nej":
                a["sip_mote_inplanerat"] = "ja" if (code, i) == ("HÄ", 5) else "nej"
            a["fullmakt_sekretessmedgivande"] = "ja" if i >= 20 - FULLMAKT[code] else "nej"
            a["forelder_minderariga_barn"] = "ja" if i in PARENTS.get(code, []) else "nej"
            a["vald_fragat"] = "ja" if i in VIOLENCE.get(code, []) else "nej"
            gender = "K" if i < 10 else "M"
            cases.append(CaseAnswers(f"{code}-{i + 1:02d}", district, gender, a))
    return cases
