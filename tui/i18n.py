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
