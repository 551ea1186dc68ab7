"""Contract follow-up of providers (avtalsuppföljning, PROVIDER-REVIEW.md).

The unit is a provider under one contract, listed in the provider register;
a follow-up plan takes providers by purchase value, flags, all of an area or
a seeded draw, each with its reason codes (§1.2). Every follow-up ends in an
outcome (``utfall``, §3) counted per contract area; the economic checks are
summarised apart, and deficiencies go up the measures ladder (§4).
"""

from __future__ import annotations

from review_protocols.kinds import Outcomes, ReviewKind, Selection, TalliesLayout, Unit

PROVIDER = Unit(
    name="a provider under a contract",
    reference="provider_ref",
    required=("provider_ref", "name", "org_number", "contract_area", "regime"),
    optional=("contract_ref", "purchase_value_mkr", "placements", "complaints", "deviations"),
    headers=("leverantor", "utforare", "providerref"),
    noun="provider",
    member="a provider in the follow-up plan",
    documents=("rutin_hot_vald", "rutin_avvikelser", "rutin_lex_sarah", "rutin_oro_barn",
               "rutin_dokumentation", "rutin_brandskydd", "ledningssystem",
               "personal_kompetens"),
)

KIND = ReviewKind(
    id="avtalsuppfoljning",
    protocol="avtalsuppfoljning",
    unit=PROVIDER,
    selection=Selection(
        rule="plan", strata=("contract_area",),
        reasons=("hela_omradet", "inkopsvarde", "klagomal", "notiser_avvikelser", "slumpvis"),
    ),
    tallies=TalliesLayout(
        strata=("contract_area",),
        outcomes=Outcomes(
            question="utfall", not_carried_out="ej_genomford", reason="ej_genomford_orsak",
            derive="review_protocols.avtalsuppfoljning.outcome",
            deficient=("brist", "saknas"), summary_area="ekonomi",
            override_reason="utfall_motivering",
        ),
    ),
    measures="review_protocols.avtalsuppfoljning.ladder",
    demo="review_protocols.avtalsuppfoljning.demo",
)
