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
    "users.refused": (
        "{user} har ingen roll i {db}; be en handledare: granska users grant {user} inspector",
        "{user} has no role in {db}; ask a supervisor to run: granska users grant {user} inspector",
    ),
    "users.wrong_role": (
        "{user} är {role}; det här kräver: {needed}",
        "{user} is {role}; this needs: {needed}",
    ),
    "users.role.supervisor": ("handledare", "supervisor"),
    "users.role.inspector": ("granskare", "inspector"),
    "users.role.trainer": ("utbildare", "trainer"),
    "mode.supervise": ("Fördelning", "Assignments"),
    "audit.title": ("Logg för ärende", "Audit log of a case"),
    "audit.prompt": ("Ärende (t.ex. HÄ-2022-0001), Enter", "Case (e.g. HÄ-2022-0001), Enter"),
    "audit.none": ("Inga ändringar för {case_ref}.", "No changes for {case_ref}."),
    "audit.unknown": ("Inget ärende heter {case_ref}.", "No case is called {case_ref}."),
    "audit.own_only": ("Du ser bara dina egna granskningar.", "You see your own reviews only."),
    "users.col.at": ("Tid", "When"),
    "users.col.who": ("Vem", "Who"),
    "users.col.what": ("Vad", "What"),
    "users.col.from": ("Från", "From"),
    "users.col.to": ("Till", "To"),
    "users.col.reviewer": ("Granskare", "Reviewer"),
    "users.col.second": ("Granskare 2", "Reviewer 2"),
    "users.col.role": ("Roll", "Role"),
    "users.col.user": ("Användare", "User"),
    "users.col.load": ("Ärenden", "Cases"),
    "users.col.agreement": ("Överensst.", "Agreement"),
    "users.col.kappa": ("Kappa", "Kappa"),
    "users.col.question": ("Fråga", "Question"),
    "users.col.first": ("Granskare 1", "Reviewer 1"),
    "users.col.agreed": ("Enad", "Agreed"),
    "audit.action.answer": ("svar", "answer"),
    "audit.action.note": ("anteckning", "note"),
    "audit.action.case_note": ("ärendeanteckning", "case note"),
    "audit.action.status": ("status", "status"),
    "audit.action.review.create": ("tilldelad", "assigned"),
    "audit.action.review.reassign": ("omfördelad", "reassigned"),
    "supervise.title": ("Fördelning och dubbelgranskning", "Assignments and double review"),
    "supervise.no_sample": ("Inget urval är draget än.", "No sample has been drawn yet."),
    "supervise.refused": ("Bara handledare ser fördelningen.", "Only supervisors see assignments."),
    "supervise.summary": (
        "{assigned} av {total} ärenden fördelade; {double} dubbelgranskade, "
        "{done} klara att jämföra",
        "{assigned} of {total} cases assigned; {double} double-reviewed, {done} ready to compare",
    ),
    "supervise.agreement": (
        "Överensstämmelse {percent}, Cohens kappa {kappa} ({pairs} ärenden)",
        "Agreement {percent}, Cohen's kappa {kappa} ({pairs} cases)",
    ),
    "supervise.balanced": ("{count} ärenden fördelade på {people} granskare.",
                           "{count} cases assigned to {people} inspectors."),
    "supervise.no_inspectors": ("Ingen har rollen granskare än; tryck r.",
                                "Nobody has the inspector role yet; press r."),
    "supervise.granted": ("{user} är nu {role}.", "{user} is now {role}."),
    "supervise.grant_prompt": ("Användare och roll, t.ex. bertil granskare",
                               "User and role, e.g. bertil inspector"),
    "supervise.grant_bad": ("Skriv användarnamn och en roll: handledare, granskare, utbildare.",
                            "Type a user name and a role: supervisor, inspector, trainer."),
    "users.key.balance": ("Fördela jämnt", "Balance"),
    "users.key.grant": ("Ge roll", "Grant role"),
    "users.key.compare": ("Jämför", "Compare"),
    "users.key.take_first": ("Ta 1", "Take 1"),
    "users.key.take_second": ("Ta 2", "Take 2"),
    "users.key.save_consensus": ("Spara enighet", "Save agreed"),
    "consensus.title": ("Jämför {case_ref}: {first} och {second}",
                        "Compare {case_ref}: {first} and {second}"),
    "consensus.none": ("Granskarna är överens om allt.", "The reviewers agree on everything."),
    "consensus.saved": ("Enigt svar sparat för {case_ref}.",
                        "Agreed answers saved for {case_ref}."),
    "consensus.pending": ("Välj 1 eller 2 för varje fråga först ({left} kvar).",
                          "Choose 1 or 2 for every question first ({left} left)."),
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
