"""Review of housing-support decisions (aktgranskning av boendestöd enligt SoL).

The unit is a person's case file, drawn stratified by district and gender; the
tallies follow the 2022 report: Table 1 combines whether an implementation plan
exists with how well it matches the order, and hours and days are counted in bands.
"""

from __future__ import annotations

from review_protocols.kinds import CASE_FILE, STRATIFIED, ReviewKind, TalliesLayout

KIND = ReviewKind(
    id="aktgranskning_boendestod",
    protocol="boendestod_sol",
    unit=CASE_FILE,
    selection=STRATIFIED,
    tallies=TalliesLayout(
        strata=("district", "gender"),
        combined=(("genomforandeplan_finns", "genomforandeplan_overensstammer"),),
        bands={
            "beviljad_tid_timmar_manad": (
                ("under 6 tim", 0, 5.999),
                ("6–11 tim", 6, 11.999),
                ("12–13 tim", 12, 13),
                ("över 13–20 tim", 13.001, 20),
                ("över 20–40 tim", 20.001, 40),
                ("över 40 tim", 40.001, float("inf")),
            ),
            "genomforandeplan_dagar": (
                ("inom 15 dagar", 0, 15),
                ("16–30 dagar", 15.001, 30),
                ("31–90 dagar", 30.001, 90),
                ("över 90 dagar", 90.001, float("inf")),
            ),
        },
    ),
    case_files="review_protocols.boendestod_sol.casefiles",
)
