"""Every string the screens show, in Swedish and English, in one catalogue.

``t("key")`` gives the text in the language chosen in config.toml
(``language = "sv" | "en"``). Add new strings here, never inline in a screen;
a test checks that every key has both languages.
"""

from __future__ import annotations

_language = "sv"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (svenska, English). One block per area, so parallel work merges cleanly.
    # --- app and navigation ---
    "app.title": ("Granska", "Granska"),
    "app.demo": ("demodatabas, inga riktiga uppgifter", "demo database, no real data"),
    "mode.cases": ("Ärenden", "Cases"),
    "mode.sample": ("Urval", "Sample"),
    "mode.tallies": ("Sammanställning", "Tallies"),
    "mode.training": ("Utbildning", "Training"),
    "mode.audit": ("Logg", "Audit log"),
    "mode.not_built": ("Den här vyn är inte byggd än.", "This view is not built yet."),
    "key.quit": ("Avsluta", "Quit"),
    "key.open": ("Öppna", "Open"),
    "key.back": ("Tillbaka", "Back"),
    "gender.K": ("Kvinna", "Woman"),
    "gender.M": ("Man", "Man"),
    # --- review: case list and case screen (issue 3) ---
    "cases.title": ("Ärenden", "Cases"),
    "cases.empty": ("Inga ärenden att granska.", "No cases to review."),
    "col.case_ref": ("Ärende", "Case"),
    "col.district": ("Stadsdel", "District"),
    "col.gender": ("Kön", "Gender"),
    "col.status": ("Status", "Status"),
    "col.answered": ("Besvarade", "Answered"),
    "status.not_started": ("ej påbörjad", "not started"),
    "status.in_progress": ("pågående", "in progress"),
    "status.complete": ("klar", "complete"),
    "case.title": ("Ärende {case_ref}", "Case {case_ref}"),
    "case.no_file": ("Ingen akttext finns för ärendet.", "No case file text for this case."),
    "answer.unanswered": ("obesvarad", "unanswered"),
    "answer.not_applicable": ("ej tillämplig", "not applicable"),
    # --- end review ---
    # --- sampling: frames, draw, sample screen (issue 2) ---
    "sample.title": ("Urval", "Sample"),
    "sample.frames": ("Ramar: {frames}", "Frames: {frames}"),
    "sample.frame": ("{name} {rows} rader", "{name} {rows} rows"),
    "sample.no_frames": ("Ramar: inga än. Importera med: granska frame import FIL",
                         "Frames: none yet. Import one with: granska frame import FILE"),
    "sample.col.district": ("Stadsdel", "District"),
    "sample.col.eligible_k": ("Kvinnor", "Women"),
    "sample.col.eligible_m": ("Män", "Men"),
    "sample.col.quota": ("Kvot K/M", "Quota W/M"),
    "sample.col.drawn": ("Dragna K/M", "Drawn W/M"),
    "sample.col.case_ref": ("Ärende", "Case"),
    "sample.col.gender": ("Kön", "Gender"),
    "sample.col.role": ("Roll", "Role"),
    "sample.col.rank": ("Rang", "Rank"),
    "sample.col.status": ("Status", "Status"),
    "sample.col.reason": ("Orsak", "Reason"),
    "sample.seed": ("Frö", "Seed"),
    "sample.seed_placeholder": ("frö", "seed"),
    "sample.none": ("Inget urval draget än: skriv ett frö och tryck d.",
                    "No sample drawn yet: type a seed and press d."),
    "sample.summary": ("Urval {id}, frö {seed}: {selected} av {wanted} dragna",
                       "Sample {id}, seed {seed}: {selected} of {wanted} drawn"),
    "sample.short": ("{district}: {short} för få {who}", "{district}: {short} too few {who}"),
    "sample.women": ("kvinnor", "women"),
    "sample.men": ("män", "men"),
    "sample.drawn": ("Urval {id} draget med frö {seed}: {selected} av {wanted}.",
                     "Sample {id} drawn with seed {seed}: {selected} of {wanted}."),
    "sample.bad_seed": ("Fröet måste vara ett heltal.", "The seed must be a whole number."),
    "sample.supervisors_only": ("Bara arbetsledare kan dra urval och ersätta ärenden.",
                                "Only supervisors can draw samples and replace cases."),
    "sample.pick_selected": ("Välj ett draget ärende (roll vald eller ersättare).",
                             "Pick a drawn case (role selected or replacement)."),
    "sample.replaced": ("{old} ersatt av {new}.", "{old} replaced by {new}."),
    "sample.replaced_none": ("{old} utesluten; ingen reserv kvar i gruppen.",
                             "{old} excluded; no reserve left in its stratum."),
    "sample.reason_title": ("Ersätt {case_ref}: varför ska ärendet inte ingå?",
                            "Replace {case_ref}: why is the case not eligible?"),
    "sample.reason_placeholder": ("t.ex. fel insats, beslut utanför perioden",
                                  "e.g. wrong insats, decision outside the period"),
    "sample.reason_hint": ("Enter: ersätt   Esc: avbryt", "Enter: replace   Esc: cancel"),
    "sample.reason_needed": ("Skriv en orsak.", "Write a reason."),
    "sample.role.selected": ("vald", "selected"),
    "sample.role.reserve": ("reserv", "reserve"),
    "sample.role.excluded": ("utesluten", "excluded"),
    "sample.role.replacement": ("ersättare", "replacement"),
    "sample.status.unassigned": ("ej tilldelad", "unassigned"),
    "sample.key.draw": ("Dra urval", "Draw"),
    "sample.key.replace": ("Ersätt", "Replace"),
    "sample.key.seed": ("Frö", "Seed"),
    "sample.key.cancel": ("Avbryt", "Cancel"),
    # --- end sampling ---
    # --- tallies and exports (issue 4) ---
    # --- end tallies ---
    # --- users, roles, assignments, double review, audit (issue 5) ---
    # --- end users ---
    # --- training and calibration (issue 6) ---
    # --- end training ---
}


def set_language(language: str) -> None:
    global _language
    _language = language


def language() -> str:
    return _language


def t(key: str, **values: object) -> str:
    sv, en = STRINGS[key]
    text = en if _language == "en" else sv
    return text.format(**values) if values else text
