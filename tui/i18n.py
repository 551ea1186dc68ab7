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
    "training.title": ("Utbildning och kalibrering", "Training and calibration"),
    "training.empty": ("Inga kalibreringstillfällen än. Tryck n för att skapa ett.",
                       "No calibration sessions yet. Press n to create one."),
    "training.forbidden": ("Endast utbildare och arbetsledare ser facit och rapporter.",
                           "Only trainers and supervisors see answer keys and reports."),
    "training.col.session": ("Tillfälle", "Session"),
    "training.col.cases": ("Ärenden", "Cases"),
    "training.col.trainees": ("Deltagare", "Trainees"),
    "training.col.difficulty": ("Svårighet", "Difficulty"),
    "training.key.new": ("Nytt tillfälle", "New session"),
    "training.key.report": ("Rapport", "Report"),
    "training.new.title": ("Nytt kalibreringstillfälle", "New calibration session"),
    "training.new.name": ("Namn", "Name"),
    "training.new.trainees": ("Deltagare (användarnamn, kommaseparerade)",
                              "Trainees (user names, comma separated)"),
    "training.new.cases": ("Antal ärenden", "Number of cases"),
    "training.new.seed": ("Slumpfrö", "Seed"),
    "training.new.difficulty": ("easy/normal/hard", "easy/normal/hard"),
    "training.new.create": ("Skapa", "Create"),
    "training.new.cancel": ("Avbryt", "Cancel"),
    "training.new.bad_number": ("{field} ska vara ett heltal större än 0.",
                                "{field} must be a whole number above 0."),
    "training.new.no_trainees": ("Ange minst en deltagare.", "Give at least one trainee."),
    "training.new.exists": ("Det finns redan ett tillfälle som heter {name}; välj ett annat namn.",
                            "A session named {name} exists already; choose another name."),
    "training.created": ("Tillfället {name} skapat: {cases} ärenden till {trainees}.",
                         "Session {name} created: {cases} cases for {trainees}."),
    "training.report.with_key": ("Överensstämmelse med facit", "Agreement with the key"),
    "training.report.between": ("Mellan deltagare (Fleiss kappa)",
                                "Between trainees (Fleiss' kappa)"),
    "training.report.most_missed": ("Oftast missade frågor", "Most often missed questions"),
    "training.report.per_question": ("Per fråga", "Per question"),
    "training.report.misses": ("Missar med belägg i akten", "Misses with the passage behind "
                               "the right answer"),
    "training.report.no_misses": ("Inga missar.", "No misses."),
    "training.report.miss": ("svar {given}, facit {expected}", "answered {given}, key {expected}"),
    "training.col.trainee": ("Deltagare", "Trainee"),
    "training.col.percent": ("Andel lika", "Agreement"),
    "training.col.kappa": ("Kappa", "Kappa"),
    "training.col.agreed": ("Lika/bedömda", "Agreed/items"),
    "training.col.misses": ("Missar", "Misses"),
    "training.col.question": ("Fråga", "Question"),
    "training.col.cases_n": ("Ärenden", "Cases"),
    "training.col.all_same": ("Alla lika", "All same"),
    "training.col.fleiss": ("Kappa", "Kappa"),
    "training.report.title": ("Kalibrering: {name}", "Calibration: {name}"),
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
