"""The outcome of a provider follow-up, derived from its checks (PROVIDER-REVIEW.md §3).

The reports print no rule; this is the specification's inference, and the
reviewer may set ``utfall`` otherwise with a reason (``utfall_motivering``):

1. ``foljer``: no applicable check was first assessed ``brist`` or ``saknas``;
2. ``foljer_inte``: a deficient check ends ``kvarstar_allvarlig``, or an
   escalation (rättelse, vite, hävning) is still open;
3. ``mindre_brister``: a deficient check ends ``kvarstar_mindre``;
4. ``efter_komplettering``: every deficient check ends ``godkand``.

While a deficient check has no final state yet the outcome is undecided
(None). A check is a question with a ``<id>_slutstatus`` follow-up.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFICIENT = ("brist", "saknas")
ESCALATIONS = ("rattelse", "vite", "havning")  # open, they keep the outcome at foljer_inte
OUTCOMES = ("foljer", "efter_komplettering", "mindre_brister", "foljer_inte", "ej_genomford")


def derive_outcome(answers: Mapping[str, object], applies: Mapping[str, bool],
                   *, escalation_open: bool = False) -> str | None:
    if answers.get("utfall") == "ej_genomford":
        return "ej_genomford"
    checks = [q for q in applies if f"{q}_slutstatus" in applies and applies[q]]
    finals = [answers.get(f"{q}_slutstatus") for q in checks if answers.get(q) in DEFICIENT]
    if escalation_open or "kvarstar_allvarlig" in finals:
        return "foljer_inte"
    if not finals:
        return "foljer"
    if "kvarstar_mindre" in finals:
        return "mindre_brister"
    if all(final == "godkand" for final in finals):
        return "efter_komplettering"
    return None


def override_needs_reason(answers: Mapping[str, object], derived: str | None) -> bool:
    """A reviewer's ``utfall`` other than the derived one needs ``utfall_motivering``."""
    chosen = answers.get("utfall")
    return (chosen not in (None, "", "ej_genomford") and derived is not None
            and chosen != derived and not str(answers.get("utfall_motivering") or "").strip())
