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
    "cases.total": ("Totalt klara", "Complete in all"),
    "cases.all": ("alla", "all"),
    "cases.rows": ("rader {first}–{last} av {total}", "rows {first}–{last} of {total}"),
    "cases.search_placeholder": (
        "Sök ärende (del av ärendenummer), Enter söker, Esc rensar",
        "Search case (part of the reference), Enter searches, Esc clears",
    ),
    "cases.key_search": ("Sök", "Search"),
    "cases.key_district": ("Stadsdel", "District"),
    "cases.key_gender": ("Kön", "Gender"),
    "cases.key_status": ("Status", "Status"),
    "cases.key_clear": ("Rensa filter", "Clear filters"),
    "review.key_keys": ("Tangenter", "Keys"),
    "cases.keys_help": (
        "Ärendelistan – tangenter\n\n"
        "↑ ↓          flytta mellan ärenden (bläddrar vid kanten)\n"
        "PgUp PgDn    föregående / nästa sida\n"
        "ctrl+Home/End  första / sista sidan\n"
        "Enter        öppna ärendet\n"
        "/            sök på ärendenummer (Enter söker, Esc rensar)\n"
        "d            filtrera på stadsdel (tryck igen för nästa)\n"
        "g            filtrera på kön\n"
        "s            filtrera på status\n"
        "r            rensa alla filter\n"
        "F2–F7        byt vy\n"
        "ctrl+p       kommandopalett    ctrl+q  avsluta\n\n"
        "Esc eller ? stänger.",
        "Case list – keys\n\n"
        "↑ ↓          move between cases (turns the page at the edge)\n"
        "PgUp PgDn    previous / next page\n"
        "ctrl+Home/End  first / last page\n"
        "Enter        open the case\n"
        "/            search by case reference (Enter searches, Esc clears)\n"
        "d            filter by district (press again for the next)\n"
        "g            filter by gender\n"
        "s            filter by status\n"
        "r            clear all filters\n"
        "F2–F7        switch view\n"
        "ctrl+p       command palette    ctrl+q  quit\n\n"
        "Esc or ? closes.",
    ),
    "case.key_complete": ("Klar", "Complete"),
    "case.key_note": ("Anteckning", "Note"),
    "case.key_help": ("Hjälp", "Help"),
    "case.key_case_note": ("Ärendeanteckning", "Case note"),
    "case.key_case_file": ("Akttext", "Case file"),
    "case.keys_help": (
        "Ärendet – tangenter\n\n"
        "Svara\n"
        "  1–9          välj svarsalternativ efter plats\n"
        "  bokstav      alternativets bokstav: j/n ja/nej, d delvis,\n"
        "               b/d/a bifall/delavslag/avslag\n"
        "  Backsteg     ta bort svaret\n"
        "  flerval      varje tangent kryssar i eller ur; Enter går vidare\n"
        "  tal, datum   skriv (ersätter), Backsteg rättar; Enter sparar\n"
        "  fritext      Enter öppnar texten (ctrl+s sparar, Esc avbryter)\n"
        "Varje svar sparas direkt; ✓ sparad visas när det är sparat.\n\n"
        "Flytta\n"
        "  ↓ j Tab      nästa fråga     ↑ k Shift+Tab  föregående fråga\n"
        "  PgDn ]       nästa avsnitt   PgUp [         föregående avsnitt\n"
        "  Home End     första / sista frågan\n"
        "  OBS: på frågor där j är ett svar (ja) svarar j; använd ↓.\n\n"
        "Mer\n"
        "  F1           visa/dölj hjälptext för frågan\n"
        "  ctrl+n       anteckning till frågan\n"
        "  ctrl+e       anteckning till hela ärendet\n"
        "  ctrl+k       markera ärendet klar (visar vad som saknas);\n"
        "               på ett klart ärende: återöppna\n"
        "  ctrl+t       visa/dölj akttexten;  { }  bläddra i den\n"
        "  ctrl+p       kommandopalett (t.ex. gå till avsnitt)\n"
        "  Esc          tillbaka till listan    ctrl+q  avsluta\n\n"
        "Esc eller ? stänger.",
        "Case – keys\n\n"
        "Answer\n"
        "  1–9          pick an option by position\n"
        "  letter       the option's letter: j/n ja/nej, d delvis,\n"
        "               b/d/a bifall/delavslag/avslag\n"
        "  Backspace    clear the answer\n"
        "  multiple     each key ticks or unticks; Enter moves on\n"
        "  number, date type (replaces), Backspace edits; Enter saves\n"
        "  free text    Enter opens the text (ctrl+s keeps, Esc cancels)\n"
        "Every answer is saved at once; ✓ sparad shows only once it is saved.\n\n"
        "Move\n"
        "  ↓ j Tab      next question   ↑ k Shift+Tab  previous question\n"
        "  PgDn ]       next section    PgUp [         previous section\n"
        "  Home End     first / last question\n"
        "  NB: on questions where j is an answer (ja), j answers; use ↓.\n\n"
        "More\n"
        "  F1           show/hide the question's help\n"
        "  ctrl+n       note on the question\n"
        "  ctrl+e       note on the whole case\n"
        "  ctrl+k       mark the case complete (lists what is missing);\n"
        "               on a complete case: reopen\n"
        "  ctrl+t       show/hide the case file;  { }  scroll it\n"
        "  ctrl+p       command palette (e.g. go to section)\n"
        "  Esc          back to the list    ctrl+q  quit\n\n"
        "Esc or ? closes.",
    ),
    "case.answered": ("{answered}/{total} besvarade", "{answered}/{total} answered"),
    "case.kept_not_applicable": ("(+{count} ej tillämpliga kvar)",
                                 "(+{count} not applicable, kept)"),
    "case.saved": ("{label}: {value}", "{label}: {value}"),
    "case.cleared": ("svaret borttaget: {label}", "answer cleared: {label}"),
    "case.save_failed": (
        "INTE SPARAT ({label}): {error}", "NOT SAVED ({label}): {error}"),
    "case.save_failed_title": ("Svaret sparades inte", "The answer was not saved"),
    "case.not_saved_short": ("INTE SPARAT", "NOT SAVED"),
    "case.last_question": ("sista frågan – ctrl+k markerar klar",
                           "last question – ctrl+k marks complete"),
    "case.case_note": ("Ärendeanteckning", "Case note"),
    "case.note_title": ("Anteckning till frågan: {label}", "Note on the question: {label}"),
    "case.case_note_title": ("Anteckning till ärendet {case_ref}", "Note on case {case_ref}"),
    "case.note_saved": ("anteckningen sparad", "note saved"),
    "case.missing": ("{count} obligatoriska frågor saknar svar: {labels}",
                     "{count} required questions have no answer: {labels}"),
    "case.and_more": (" och {count} till", " and {count} more"),
    "case.not_complete": ("Ärendet är inte klart", "The case is not complete"),
    "case.completed": ("ärendet är markerat klart", "the case is marked complete"),
    "case.reopened": ("ärendet är återöppnat", "the case is reopened"),
    "q.optional": ("frivillig", "optional"),
    "q.answer": ("Svar", "Answer"),
    "q.saved": ("sparad", "saved"),
    "q.not_saved": ("INTE SPARAT – visar det sparade svaret",
                    "NOT SAVED – showing the saved answer"),
    "q.note": ("Anteckning", "Note"),
    "q.enter_saves": ("(Enter sparar)", "(Enter saves)"),
    "q.enter_edits": ("(Enter: skriv)", "(Enter: write)"),
    "q.type_number": ("skriv ett tal", "type a number"),
    "q.type_date": ("skriv ÅÅÅÅ-MM-DD", "type YYYY-MM-DD"),
    "q.bad_number": ("inte ett tal (skriv t.ex. 12 eller 12,5)",
                     "not a number (write e.g. 12 or 12.5)"),
    "q.bad_integer": ("ska vara ett heltal", "must be a whole number"),
    "q.too_small": ("ska vara minst {limit}", "must be at least {limit}"),
    "q.too_large": ("ska vara högst {limit}", "must be at most {limit}"),
    "q.bad_date": ("inte ett datum (skriv ÅÅÅÅ-MM-DD)", "not a date (write YYYY-MM-DD)"),
    "q.not_saved_invalid": ("'{value}' sparades inte: {problem}",
                            "'{value}' was not saved: {problem}"),
    "review.edit_save": ("Spara", "Keep"),
    "review.edit_cancel": ("Avbryt", "Cancel"),
    "review.edit_hint": ("ctrl+s sparar · Esc avbryter", "ctrl+s keeps · Esc cancels"),
    "review.cmd_section": ("Gå till avsnitt: {title}", "Go to section: {title}"),
    "review.cmd_section_help": ("Flytta till avsnittets första fråga",
                                "Move to the section's first question"),
    "review.cmd_complete": ("Markera ärendet klart / återöppna",
                            "Mark the case complete / reopen"),
    "review.cmd_complete_help": ("Kontrollerar att alla obligatoriska frågor är besvarade (ctrl+k)",
                                 "Checks that every required question is answered (ctrl+k)"),
    "review.cmd_question_note": ("Anteckning till frågan", "Note on the question"),
    "review.cmd_question_note_help": ("ctrl+n", "ctrl+n"),
    "review.cmd_case_note": ("Anteckning till ärendet", "Note on the case"),
    "review.cmd_case_note_help": ("ctrl+e", "ctrl+e"),
    "review.cmd_help": ("Visa/dölj hjälptext för frågan", "Show/hide the question's help"),
    "review.cmd_help_help": ("F1", "F1"),
    "review.cmd_case_file": ("Visa/dölj akttexten", "Show/hide the case file"),
    "review.cmd_case_file_help": ("ctrl+t", "ctrl+t"),
    "review.cmd_keys": ("Visa tangenterna", "Show the keys"),
    "review.cmd_keys_help": ("?", "?"),
    "review.cmd_back": ("Tillbaka till ärendelistan", "Back to the case list"),
    "review.cmd_back_help": ("Esc", "Esc"),
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
