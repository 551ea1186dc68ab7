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
    "tallies.w.total": ('Totalt', 'Total'),
    "tallies.w.not_applicable": ('ej tillämplig', 'not applicable'),
    "tallies.w.unanswered": ('obesvarad', 'unanswered'),
    "tallies.w.women": ('Kvinnor', 'Women'),
    "tallies.w.men": ('Män', 'Men'),
    "tallies.w.case_one": ('ärende', 'case'),
    "tallies.w.case_many": ('ärenden', 'cases'),
    "tallies.w.not_applicable_note": (
        '{n} {cases} {is_na} ({reasons})',
        '{n} {cases} {is_na} ({reasons})',
    ),
    "tallies.w.is_na_one": ('är ej tillämpligt', 'is not applicable'),
    "tallies.w.is_na_many": ('är ej tillämpliga', 'are not applicable'),
    "tallies.w.unanswered_note": ('{n} {cases} obesvarade', '{n} {cases} unanswered'),
    "tallies.w.base_note": ('Andelar av {n} besvarade', 'Shares of {n} answered'),
    "tallies.w.plan_missing": ('Genomförandeplan saknas', 'No implementation plan'),
    "tallies.w.plan_title": (
        'Genomförandeplan stämmer överens med beställning',
        'Implementation plan matches the order',
    ),
    "tallies.w.plan_base_note": (
        'Ja/Delvis/Nej i andel av {plans} ärenden med plan; {missing} i andel av {n}',
        'Yes/Partly/No as shares of {plans} cases with a plan; {missing} as share of {n}',
    ),
    "tallies.w.view_district": ('per stadsdel', 'per district'),
    "tallies.w.view_gender": ('per kön', 'per gender'),
    "tallies.w.view_district_gender": ('stadsdel och kön', 'district and gender'),
    "tallies.w.view_areas": ('kvalitetsområde', 'quality area'),
    "tallies.w.answer": ('Svar', 'Answer'),
    "tallies.w.strengths": ('Styrkor', 'Strengths'),
    "tallies.w.development": ('Utvecklingsområden', 'Development areas'),
    "tallies.w.summary": ('sammanställning', 'tallies'),
    "tallies.w.reviewed": ('Granskade ärenden', 'Cases reviewed'),
    "tallies.w.areas_title": ('Kvalitetsområden', 'Quality areas'),
    "tallies.w.notes_title": ('Styrkor och utvecklingsområden', 'Strengths and development areas'),
    "tallies.w.areas_note": (
        'Andel av besvarade för svarsalternativet i raden',
        'Share of the answered for the option in the row',
    ),
    "tallies.w.multi_note": ('flera svar möjliga', 'several answers possible'),
    "tallies.w.median": ('Median', 'Median'),
    "tallies.w.count": ('Antal', 'Count'),
    "tallies.title": ("Sammanställning", "Tallies"),
    "tallies.empty": ("Inga klara granskningar att räkna än.", "No complete reviews to count yet."),
    "tallies.cases": ("{n} klara granskningar", "{n} complete reviews"),
    "tallies.question": ("Fråga {i}/{n}", "Question {i}/{n}"),
    "tallies.key.prev": ("Föreg. fråga", "Prev question"),
    "tallies.key.next": ("Nästa fråga", "Next question"),
    "tallies.key.pick": ("Välj fråga", "Pick question"),
    "tallies.key.view": ("Vy", "View"),
    "tallies.key.export": ("Exportera", "Export"),
    "tallies.key.notes": ("Styrkor/utv.", "Strengths/dev."),
    "tallies.key.refresh": ("Uppdatera", "Refresh"),
    "tallies.pick_title": ("Välj fråga eller tabell", "Pick a question or table"),
    "tallies.export_title": (
        "Exportera till en fil i aktuell mapp",
        "Export to a file in the current folder",
    ),
    "tallies.exported": ("Sparad: {path}", "Saved: {path}"),
    "tallies.export_failed": ("Exporten misslyckades: {error}", "Export failed: {error}"),
    "tallies.chart": ("Andel per kolumn", "Share per column"),
    "tallies.notes_title": ("Styrkor och utvecklingsområden", "Strengths and development areas"),
    "tallies.notes_district": ("Stadsdel", "District"),
    "tallies.notes_kind": ("Slag", "Kind"),
    "tallies.notes_new": ("Ny punkt, Enter sparar", "New bullet, Enter saves"),
    "tallies.notes_help": (
        "Enter: spara · Del: ta bort markerad · Esc: stäng",
        "Enter: save · Del: delete selected · Esc: close",
    ),
    "tallies.notes_empty": ("Inga punkter än.", "No bullets yet."),
    "tallies.kind.strength": ("Styrkor", "Strengths"),
    "tallies.kind.development": ("Utvecklingsområden", "Development areas"),
    "tallies.cancel": ("Avbryt", "Cancel"),
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
