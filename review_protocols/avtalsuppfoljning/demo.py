"""Demo data of a provider follow-up: its register's areas, and scored follow-ups.

Pure and seeded (``jobs.demo`` makes the register from ``AREAS``). A scored follow-up
is answered the way a reviewer would, in protocol order under the skip logic, towards
an outcome drawn with roughly the shares of the Stockholm 2023 report.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from review_protocols.conditions import applicable
from review_protocols.model import Protocol

# Contract area -> regime (PROVIDER-REVIEW.md §5.1's sections).
AREAS = {
    "Daglig verksamhet": "LOV",
    "Korttidstillsyn": "egen regi",
    "Familjerådgivning": "LOU",
    "Avhopparverksamhet": "LOU",
    "HVB socialpsykiatri": "LOU",
    "Missbruk": "LOU",
}
OUTCOME_WEIGHTS = {"foljer": 45, "efter_komplettering": 38, "mindre_brister": 9,
                   "foljer_inte": 3, "ej_genomford": 5}
FINAL = "_slutstatus"


def answers_for(protocol: Protocol, unit: Mapping[str, str], rng: random.Random,
                *, outcome_question: str = "utfall", not_carried_out: str = "ej_genomford",
                reason_question: str = "ej_genomford_orsak") -> dict[str, str]:
    """One follow-up's answers (option codes) towards an outcome drawn by its weight; the
    outcome itself is left for Granska to derive, unless the follow-up was not carried out."""
    target = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
    answers: dict[str, str] = {}
    if target == not_carried_out:
        answers[outcome_question] = not_carried_out
        answers[reason_question] = rng.choice(
            [o.code for o in protocol.question(reason_question).options])
        return answers
    checks = [q.id for q in protocol.questions if protocol.has_question(q.id + FINAL)
              and applicable(protocol, {}, unit)[q.id]]
    deficient = rng.sample(checks, k=0 if target == "foljer" else rng.randint(1, 2))
    finals = dict.fromkeys(deficient, "godkand")
    if target in ("mindre_brister", "foljer_inte"):
        finals[deficient[0]] = "kvarstar_mindre" if target == "mindre_brister" \
            else "kvarstar_allvarlig"
    for question in protocol.questions:
        if question.id in (outcome_question, reason_question) or not question.options:
            continue
        if not applicable(protocol, answers, unit)[question.id]:
            continue
        if question.id in finals:
            answers[question.id] = rng.choice(("brist", "saknas"))
        elif question.id.endswith(FINAL):
            answers[question.id] = finals[question.id.removesuffix(FINAL)]
        else:
            answers[question.id] = question.options[0].code  # godkänd, ok, ja, mindre
    return answers
