"""The hidden truth behind a generated training case: one answer per applicable question.

A training case is rendered FROM its truth (see ``casefiles`` here), so the
case text and the answer key can never disagree. The truth covers every
non-text question of the protocol that applies under its own answers, and it
respects the protocol's skip logic (``review_protocols.applicable``) and the
few facts that tie answers together (an order without activities cannot have
a support need per activity, a plan that is copied does not say how, ...).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from review_protocols.conditions import applicable
from review_protocols.model import QuestionType

if TYPE_CHECKING:
    from review_protocols.conditions import Value
    from review_protocols.model import Protocol

Truth = dict[str, "Value"]

# Ways a follow-up can have been done: (form, who took part). "bada" is a meeting with
# the person and the support worker together; "utforaren" a call with the worker alone.
FOLLOW_UP_WAYS = (
    (["personligt_mote"], "enskilde"), (["telefon"], "enskilde"),
    (["personligt_mote"], "bada"), (["telefon"], "bada_var_for_sig"), (["telefon"], "utforaren"),
)
HOURS = (6, 8, 10, 12, 12, 13, 13, 13, 16, 20, 26)


def choices(t: Truth, qid: str) -> list[str]:
    """A multiple-choice answer of the truth, which holds one as a list."""
    value = t[qid]
    if not isinstance(value, list):
        raise TypeError(f"{qid} is not a multiple-choice answer")
    return value


def whole(t: Truth, qid: str) -> int:
    """A number answer of the truth as a whole number."""
    value = t[qid]
    if value is None or isinstance(value, list):
        raise TypeError(f"{qid} is not a number answer")
    return int(value)


# "Fyllt 18 år under de senaste åren": at most this old in the year of the decision
RECENTLY_18 = 20


def random_truth(protocol: Protocol, rng: random.Random, age: int | None = None) -> Truth:
    """A consistent set of answers for one case (decoded values, applicable only); ``age``,
    the person's age in the year of the decision, when the case file will show it."""
    t: Truth = {}
    _investigation_and_decision(t, rng)
    activities = _order_and_plan(t, rng)
    _findings(t, age)
    _follow_up(t, rng, activities)
    _representation(t, rng)
    _children_violence_and_the_rest(t, rng)
    return key_of(protocol, t)


def _answers(rng: random.Random) -> tuple[Callable[..., Any], Callable[..., str]]:
    """`pick` one of a list, or `yes(share)`: "ja" that often, else "nej"."""
    return rng.choice, lambda share=0.5: "ja" if rng.random() < share else "nej"


def _investigation_and_decision(t: Truth, rng: random.Random) -> None:
    """The investigation (DUR) and the decision."""
    pick, yes = _answers(rng)
    t["dur_aktuell"] = yes(0.7)
    t["intressen_resurser_onskemal"] = pick(["framgar", "delvis", "saknas"])
    t["hembesok_gjort"] = yes(0.6)
    t["hembesok_samtycke"] = yes(0.5)
    t["varderande_sprak"] = yes(0.4)
    t["beslut"] = pick(["bifall", "bifall", "bifall", "delavslag", "avslag"])
    t["forstagangsbeslut"] = yes(0.25)
    granted = pick(HOURS)
    t["beviljad_tid_timmar_manad"] = granted
    t["ansokt_tid_timmar_manad"] = granted + pick([2, 4, 6, 10])
    t["avslag_motivering_lasbar"] = yes(0.6)
    t["info_andra_insatser"] = yes(0.4)
    t["samma_tid_som_foregaende"] = yes(0.6)


def _order_and_plan(t: Truth, rng: random.Random) -> int:
    """The order's shape first; the answers about it and the plan follow from it."""
    pick, yes = _answers(rng)
    goals, activities = rng.choice([0, 1, 1, 2]), rng.choice([0, 1, 2, 3, 4])
    t["bestallning_strukturerad"] = "ja" if goals and activities else "nej"
    t["personlig_malsattning"] = yes(0.4)
    t["stodbehov_per_aktivitet"] = _per_activity(rng, activities)
    t["antal_overgripande_mal"] = goals
    t["antal_aktiviteter"] = activities
    t["genomforandeplan_finns"] = yes(0.75)
    days = pick([5, 9, 12, 14, 20, 34, 61, 95])
    t["genomforandeplan_inom_15_dagar"] = "ja" if days <= 15 else "nej"
    t["genomforandeplan_dagar"] = days
    t["genomforandeplan_overensstammer"] = pick(
        ["ja", "delvis", "nej"] if activities else ["delvis", "nej"])
    t["delaktighet_genomforandeplan"] = yes(0.5)
    t["dialog_bestallare_utforare"] = yes(0.3)
    match = t["genomforandeplan_overensstammer"]
    t["delmal_andrade_av_utforare"] = (
        "nej" if goals == 0 else {"ja": "nej", "nej": "ja"}.get(str(match)) or yes())
    t["plan_kopierad"] = "ja" if match == "nej" and rng.random() < 0.6 else yes(0.2)
    t["plan_vad_hur"] = "nej" if t["plan_kopierad"] == "ja" else yes(0.6)
    return activities


def _findings(t: Truth, age: int | None) -> None:
    """The report's strengths and development areas asked as questions. They follow from
    answers drawn already and the person's age (no draw of their own, so earlier demo
    cases stay the same)."""
    interests = t["intressen_resurser_onskemal"]
    t["livsomraden_utredda"] = "ja" if interests == "framgar" else "nej"
    t["bakgrund_historia"] = "nej" if interests == "saknas" else "ja"
    t["egen_uppfattning"] = "nej" if interests == "saknas" else "ja"
    t["nyligen_18"] = "ja" if age is not None and age <= RECENTLY_18 else "nej"
    # the adult's own file comes with a current investigation; it is updated for the
    # person being of age when their own view is in it (the report's Skarpnäck cases)
    current = t["dur_aktuell"] == "ja"
    t["ny_akt_vid_18"] = "ja" if current else "nej"
    t["utredning_uppdaterad_18"] = t["egen_uppfattning"] if current else "nej"
    t["bestallning_kopierad"] = ("ja" if t["bestallning_strukturerad"] == "nej"
                                 and t["personlig_malsattning"] == "nej" else "nej")


def _follow_up(t: Truth, rng: random.Random, activities: int) -> None:
    """Follow-up of the support, and cooperation with psychiatry."""
    pick, yes = _answers(rng)
    t["uppfoljning_dokumenterad"] = yes(0.65)
    forms, participants = pick(FOLLOW_UP_WAYS)
    t["uppfoljning_hur"] = list(forms)
    t["uppfoljning_deltagare"] = participants
    t["uppfoljning_separat_skal"] = yes(0.4)
    t["uppfoljning_varje_aktivitet"] = _per_activity(rng, activities)
    # a follow-up that goes through every activity works from the plan (no draw of its
    # own, so the cases made before this question existed stay the same)
    t["uppfoljning_genomforandeplan"] = "ja" if t["uppfoljning_varje_aktivitet"] == "ja" else "nej"
    t["samverkan_psykiatri"] = yes(0.3)
    t["sip_aktuell"] = yes(0.2)
    t["sip_mote_inplanerat"] = yes(0.2)


def _representation(t: Truth, rng: random.Random) -> None:
    """Powers of attorney, representatives and relatives."""
    pick, yes = _answers(rng)
    t["fullmakt_sekretessmedgivande"] = yes(0.4)
    kinds = rng.sample(["fullmakt", "god_man", "forvaltare", "sekretessmedgivande"],
                       rng.choice([1, 1, 2]))
    t["fullmakt_typ"] = [c for c in ("fullmakt", "god_man", "forvaltare",
                                     "sekretessmedgivande") if c in kinds]
    holders = pick([["anhorig"], ["professionell"], ["anhorig", "professionell"]])
    t["fullmakt_innehavare"] = holders if len(holders) <= len(kinds) else [pick(holders)]
    relative_holds = (t["fullmakt_sekretessmedgivande"] == "ja"
                      and "anhorig" in choices(t, "fullmakt_innehavare")
                      and t["fullmakt_typ"] != ["sekretessmedgivande"])
    t["anhoriga_foretrader_tydligt"] = (
        pick(["ja", "ja", "ej_relevant"]) if relative_holds else pick(["nej", "ej_relevant"]))
    t["anhoriga_information"] = yes(0.6)
    t["anhorigstod_hanvisning"] = (
        yes(0.4) if t["anhoriga_foretrader_tydligt"] != "ej_relevant"
        else pick(["ja", "nej", "ej_relevant"]))


def _children_violence_and_the_rest(t: Truth, rng: random.Random) -> None:
    """Children, violence, information and the housing questions."""
    pick, yes = _answers(rng)
    t["forelder_minderariga_barn"] = yes(0.25)
    t["barn_fodelsear"] = yes(0.5)
    living = pick([["heltid"], ["deltid"], ["umgange"], ["placerat"], ["oklart"],
                   ["heltid", "umgange"]])
    t["barn_boende"] = living
    t["barnkonsekvensanalys"] = yes(0.3)
    t["samverkan_barn_ungdom"] = pick(["ja", "nej", "ej_relevant"])
    t["vald_fragat"] = yes(0.35)
    places = rng.sample(["utredning", "beskrivningsrutan", "separat_dokument", "journal"],
                        rng.choice([1, 1, 2]))
    if t["dur_aktuell"] != "ja" and "utredning" in places:
        places = [p for p in places if p != "utredning"] or ["journal"]
    t["vald_dokumentation_plats"] = [c for c in ("utredning", "beskrivningsrutan",
                                                 "separat_dokument", "journal") if c in places]
    t["utfors_utanfor_kontorstid"] = yes(0.3)
    t["info_annan_tid"] = yes(0.3)
    t["info_byta_utforare"] = pick(["ja", "nej", "ej_relevant", "ej_relevant"])
    t["tranings_forsokslagenhet"] = yes(0.2)
    t["overtagande_atgarder"] = yes(0.5)


def key_of(protocol: Protocol, answers: Truth) -> Truth:
    """Only what applies under the answers themselves, and no free-text questions."""
    applies = applicable(protocol, answers)
    return {
        q.id: answers[q.id] for q in protocol.questions
        if q.type is not QuestionType.TEXT and applies[q.id] and q.id in answers
    }


def _per_activity(rng: random.Random, activities: int) -> str:
    if activities == 0:
        return "nej"
    if activities == 1:
        return rng.choice(["ja", "nej"])
    return rng.choice(["ja", "delvis", "nej"])
