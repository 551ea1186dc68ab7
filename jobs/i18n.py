"""Every string the screens show, in Swedish and English, in one catalogue.

``t("key")`` gives the text in the language chosen in config.toml
(``language = "sv" | "en"``). Add new strings here, never inline in a screen;
tests/test_catalogue.py checks that every key the code looks up is here, in both
languages with the same placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping

_language = "sv"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (svenska, English). One block per area, so parallel work merges cleanly.
    # --- app and navigation ---
    "app.title": ("Granska", "Granska"),
    "app.demo": ("demodatabas, inga riktiga uppgifter", "demo database, no real data"),
    "app.decimal": (",", "."),
    "app.needs_terminal": (
        "granskningsprogrammet behöver en terminal; logga in med ssh -t (eller bara ssh) "
        "utan kommando",
        "the review application needs a terminal; log in with ssh -t (or plain ssh) and no "
        "command",
    ),
    "app.creating_demo": ("Skapar demodatabas {path} …", "Creating the demo database {path} …"),
    "mode.cases": ("Ärenden", "Cases"),
    "mode.sample": ("Urval", "Sample"),
    "mode.tallies": ("Sammanställning", "Tallies"),
    "mode.training": ("Utbildning", "Training"),
    "mode.audit": ("Logg", "Audit log"),
    "palette.view": ("Byt vy ({fkey})", "Switch view ({fkey})"),
    "palette.view_nokey": ("Byt vy", "Switch view"),
    "palette.theme": ("Tema", "Theme"),
    "palette.theme_help": ("Byt färgtema", "Change the colour theme"),
    "palette.quit": ("Avsluta", "Quit"),
    "palette.quit_help": ("Stäng Granska (allt är redan sparat)",
                          "Close Granska (everything is already saved)"),
    "palette.keys": ("Tangenter", "Keys"),
    "palette.keys_help": ("Visa tangenterna i en panel (igen: dölj)",
                          "Show the keys in a panel (again: hide)"),
    "palette.maximize": ("Maximera", "Maximize"),
    "palette.maximize_help": ("Visa den markerade delen i hela fönstret",
                              "Show the focused part in the whole window"),
    "palette.minimize": ("Återställ", "Minimize"),
    "palette.minimize_help": ("Tillbaka till vanlig storlek", "Back to normal size"),
    "palette.screenshot": ("Skärmbild", "Screenshot"),
    "palette.screenshot_help": ("Spara en SVG-bild av skärmen", "Save an SVG image of the screen"),
    "key.quit": ("Avsluta", "Quit"),
    "key.palette": ("Kommandon", "Commands"),
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
    "col.reviewer": ("Granskare", "Reviewer"),
    "review_kind.primary": ("första", "primary"),
    "review_kind.second": ("2:a", "2nd"),
    "review_kind.consensus": ("konsensus", "consensus"),
    "review_kind.training": ("utb.", "training"),
    "status.not_started": ("ej påbörjad", "not started"),
    "status.in_progress": ("pågående", "in progress"),
    "status.complete": ("klar", "complete"),
    "status.unassigned": ("ej tilldelad", "unassigned"),
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
    "cases.key_clear": ("Rensa", "Clear"),
    "review.key_keys": ("Tangenter", "Keys"),
    "cases.keys_help": (
        "Ärendelistan – tangenter\n\n"
        "↑ ↓          flytta mellan ärenden (bläddrar vid kanten)\n"
        "PgUp PgDn    föregående / nästa sida\n"
        "Home End     första / sista raden på sidan\n"
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
        "Home End     first / last row of the page\n"
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
        "Varje svar sparas direkt (sparar… medan det skrivs); ✓ sparad när det är sparat.\n\n"
        "Flytta\n"
        "  ↓ j Tab      nästa fråga     ↑ k Shift+Tab  föregående fråga\n"
        "  PgDn ]       nästa avsnitt   PgUp [         föregående avsnitt\n"
        "  Home End     första / sista frågan\n"
        "  OBS: på frågor där j är ett svar (ja) svarar j; använd ↓.\n\n"
        "Mer\n"
        "  F1           visa/dölj hjälptext för frågan\n"
        "  ctrl+n       anteckning till frågan\n"
        "  ctrl+d       belägg för svaret: dokument, datum, citat\n"
        "  ctrl+e       anteckning till hela ärendet\n"
        "  ctrl+k       markera ärendet klar (visar vad som saknas);\n"
        "               på ett klart ärende: återöppna\n"
        "  ctrl+t       visa/dölj akttexten;  { }  bläddra i den\n"
        "  ctrl+r       visa namn och personnummer (ange skäl; loggas)\n"
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
        "Every answer is saved at once (saving… while it is written); ✓ saved once it is.\n\n"
        "Move\n"
        "  ↓ j Tab      next question   ↑ k Shift+Tab  previous question\n"
        "  PgDn ]       next section    PgUp [         previous section\n"
        "  Home End     first / last question\n"
        "  NB: on questions where j is an answer (ja), j answers; use ↓.\n\n"
        "More\n"
        "  F1           show/hide the question's help\n"
        "  ctrl+n       note on the question\n"
        "  ctrl+d       evidence for the answer: document, date, quote\n"
        "  ctrl+e       note on the whole case\n"
        "  ctrl+k       mark the case complete (lists what is missing);\n"
        "               on a complete case: reopen\n"
        "  ctrl+t       show/hide the case file;  { }  scroll it\n"
        "  ctrl+r       show the name and personnummer (give a reason; logged)\n"
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
    "q.saving": ("sparar…", "saving…"),
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
    "case.read_only": ("Skrivskyddad: granskning av {reviewer}",
                       "Read-only: review by {reviewer}"),
    "case.read_only_notice": ("Skrivskyddad granskning: inget ändras.",
                              "Read-only review: nothing is changed."),
    "case.read_only_round": (
        "Skrivskyddad: omgången '{round}' är en tidigare omgång, kvar för jämförelse",
        "Read-only: '{round}' is an earlier round, kept to compare with"),
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
    "sample.refused": ("Bara handledare ser ramarna och urvalet.",
                       "Only supervisors see the frames and the sample."),
    "sample.shorts": ("{n} grupper har för få (se Dragna K/M)",
                      "{n} groups are short (see Drawn W/M)"),
    "sample.women": ("kvinnor", "women"),
    "sample.men": ("män", "men"),
    "sample.drawn": ("Urval {id} draget med frö {seed}: {selected} av {wanted}.",
                     "Sample {id} drawn with seed {seed}: {selected} of {wanted}."),
    "sample.bad_seed": ("Fröet måste vara ett heltal från 0 till 9223372036854775807.",
                        "The seed must be a whole number from 0 to 9223372036854775807."),
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
    "followup.docx_lead": (
        'Utfall per avtalsområde, planerat mot genomfört, brister och åtgärder. Framtagen '
        '{date} med Granska.',
        'Outcome per contract area, planned against done, deficiencies and measures. Made on '
        '{date} with Granska.'),
    "report.w.made_on": ('Framtagen {date} med Granska', 'Made on {date} with Granska'),
    "report.w.summary": ('Sammanfattning', 'Summary'),
    "report.w.summary_lead": (
        'Granskningen omfattar {cases} ärenden i {districts} stadsdelar: {names}. '
        'Per kvalitetsområde visas hur många av ärendena som uppfyller respektive krav.',
        'The review covers {cases} cases in {districts} districts: {names}. Per quality '
        'area, how many of the cases meet each requirement.'),
    "report.w.summary_area": ('{label}: {figure}', '{label}: {figure}'),
    "report.w.method": ('Metod', 'Method'),
    "report.w.method_population": (
        'Urvalet gjordes bland beslut fattade {start}–{end} i {districts} stadsdelar.',
        'The sample was drawn from decisions made {start}–{end} in {districts} districts.'),
    "report.w.method_services": ('Insatser: {services}.', 'Services: {services}.'),
    "report.w.method_sample": (
        'Urvalet, hälften kvinnor och hälften män per stadsdel:',
        'The sample, half women and half men per district:'),
    "report.w.method_seed": (
        'Urvalet drogs slumpmässigt med fröet {seed}; samma frö och ram ger samma urval.',
        'The sample was drawn at random with the seed {seed}; the same seed and frame give '
        'the same sample.'),
    "report.w.method_frame": (
        'Ram {name}: {rows} beslut, SHA-256 {sha256}',
        'Frame {name}: {rows} decisions, SHA-256 {sha256}'),
    "report.w.method_protocol": (
        'Granskningsprotokoll: {title}, version {version} (frågorna i bilagan).',
        'Review protocol: {title}, version {version} (the questions in the appendix).'),
    "report.w.district": ('Stadsdel', 'District'),
    "report.w.results": ('Resultat per kvalitetsområde', 'Results per quality area'),
    "report.w.table": (
        'Tabell {number}: {title}, per stadsdel', 'Table {number}: {title}, per district'),
    "report.w.table1_caption": (
        'Tabell 1: Genomförandeplaner som överensstämmer med beställning redovisat i antal '
        'planer per verksamhet, totalt och i andel procent.',
        'Table 1: Implementation plans that match the order, as the number of plans per '
        'district, in total and as a percentage.'),
    "report.w.chart_share": ('Andel (%)', 'Share (%)'),
    "report.w.equality": ('Likställighet', 'Equal treatment'),
    "report.w.equality_none": (
        'Inga skillnader mellan stadsdelarna eller mellan kvinnor och män är större än vad '
        'slumpen kan förklara.',
        'No difference between the districts or between women and men is larger than '
        'chance can explain.'),
    "report.w.per_district": (
        'Styrkor och utvecklingsområden per stadsdel',
        'Strengths and development areas per district'),
    "report.w.none_written": ('Inga skrivna ännu.', 'None written yet.'),
    "report.w.appendix": (
        'Bilaga: granskningsprotokollets frågor', "Appendix: the review protocol's questions"),
    "report.w.other_area": ('Övriga frågor', 'Other questions'),
    "report.w.of": ('av', 'of'),
    "tallies.w.contents": ('Innehåll', 'Contents'),
    "tallies.w.contents_note": (
        'Klicka på ett avsnitt eller en fråga för att gå till dess tabeller.',
        'Click a section or a question to go to its tables.'),
    "tallies.w.section": ('Avsnitt', 'Section'),
    "tallies.w.question": ('Fråga', 'Question'),
    # --- a published report (export --publish): small counts of sensitive questions ---
    "tallies.p.title": ("Sekretesskydd", "Disclosure control"),
    "tallies.p.complement": ("x", "x"),
    "tallies.p.table_note": (
        "Skyddad för publicering: antal från 1 till {top} visas som {small}, och celler "
        "märkta {other} är dolda så att de inte kan räknas fram ur summorna",
        "Protected for publication: counts from 1 to {top} show as {small}, and cells "
        "marked {other} are hidden so that they cannot be worked out from the totals"),
    "tallies.p.head": (
        "Publicerad version: i frågor som kan peka ut en person ({questions}) visas antal "
        "från 1 till {top} som {small}, och fler celler är dolda ({other}) där de annars "
        "kunde räknas fram ur summorna. Dolda celler finns i: {where}.",
        "Published version: on questions that could point at a person ({questions}) counts "
        "from 1 to {top} show as {small}, and further cells are hidden ({other}) where they "
        "could otherwise be worked out from the totals. Hidden cells are in: {where}."),
    "tallies.p.nowhere": ("inga tabeller", "no tables"),
    "tallies.p.quotes": (
        "Citaten ur akterna tar inte med dessa frågor, så att ingen kan se vilka ärenden "
        "som gav vilket svar.",
        "The quotes from the case files leave these questions out, so that no one can see "
        "which cases gave which answer."),
    "tallies.title": ("Sammanställning", "Tallies"),
    "tallies.empty": ("Inga klara granskningar att räkna än.", "No complete reviews to count yet."),
    "tallies.refused": ("Bara handledare ser sammanställningen.",
                        "Only supervisors see the tallies."),
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
        "Enter: spara · Enter på ett förslag: redigera det · Del: ta bort markerad · Esc: stäng",
        "Enter: save · Enter on a suggestion: edit it · Del: delete selected · Esc: close",
    ),
    "tallies.notes_empty": ("Inga punkter än.", "No bullets yet."),
    "tallies.kind.strength": ("Styrkor", "Strengths"),
    "tallies.kind.development": ("Utvecklingsområden", "Development areas"),
    # suggestions from the phrase bank (<protocol>.phrases.toml), edited before they are saved
    "tallies.notes_suggestion": ("förslag: {text}", "suggestion: {text}"),
    "tallies.notes_suggestions_failed": ("Inga förslag: {error}", "No suggestions: {error}"),
    "tallies.cancel": ("Avbryt", "Cancel"),
    # --- end tallies ---
    # --- equal treatment: likställighet (issue 15) ---
    "equality.w.title": ("Likställighet", "Equal treatment"),
    "equality.w.finding": (
        "{group}: {count} av {n} ({pct} %) mot {other_count} av {other_n} ({other_pct} %) "
        "{versus}; skillnaden är större än slumpen förklarar (p {p}, justerat)",
        "{group}: {count} of {n} ({pct}%) against {other_count} of {other_n} ({other_pct}%) "
        "{versus}; the difference is larger than chance explains (p {p}, adjusted)",
    ),
    "equality.w.rest_of_sample": ("i övriga stadsdelar", "in the other districts"),
    "equality.w.than_women": ("för kvinnor", "for women"),
    "equality.w.than_men": ("för män", "for men"),
    "equality.w.in_district": ("{versus} i {district}", "{versus} in {district}"),
    "equality.w.women": ("Kvinnor", "Women"),
    "equality.w.men": ("Män", "Men"),
    "equality.w.none": (
        "Ingen skillnad mellan stadsdelar eller mellan kvinnor och män är större än slumpen "
        "förklarar.",
        "No difference between districts or between women and men is larger than chance "
        "explains.",
    ),
    "equality.w.method": (
        "Andelar med 95 % konfidensintervall (Wilson). Varje stadsdel jämförs med övriga "
        "stadsdelar, och kvinnor med män, totalt och inom varje stadsdel, med Fishers exakta "
        "test (tvåsidigt); p-värdena är Holm-justerade inom varje fråga, och en skillnad med "
        "justerat p under 0,05 är större än slumpen förklarar. Grupper med färre än 5 "
        "besvarade ärenden är för få för att säga något och jämförs inte.",
        "Shares with 95% confidence intervals (Wilson). Each district is compared with the "
        "other districts, and women with men, in all and within each district, by Fisher's "
        "exact test (two-sided); the p-values are Holm-adjusted within each question, and a "
        "difference with an adjusted p below 0.05 is larger than chance explains. Groups of "
        "fewer than 5 answered cases are too few to say anything and are not compared.",
    ),
    "equality.w.too_small": ("för få", "too few"),
    "equality.w.decimal": (",", "."),
    "equality.w.percent": ("{pct} %", "{pct}%"),
    "equality.w.answer": ("Svar", "Answer"),
    "equality.w.group": ("Grupp", "Group"),
    "equality.w.count": ("Antal", "Count"),
    "equality.w.of": ("av", "of"),
    "equality.w.share": ("Andel", "Share"),
    "equality.w.interval": ("95 % KI", "95% CI"),
    "equality.w.p_adjusted": ("p (justerat)", "p (adjusted)"),
    "equality.w.flagged_legend": (
        "◆ skillnaden är större än slumpen förklarar (justerat p < 0,05)",
        "◆ the difference is larger than chance explains (adjusted p < 0.05)",
    ),
    "equality.w.findings_title": ("Skillnader större än slumpen", "Differences beyond chance"),
    "tallies.key.equality": ("Likställighet", "Equal treatment"),
    "tallies.equality.mode": ("likställighet", "equal treatment"),
    "tallies.equality.none": (
        "Ingen likställighetsjämförelse för den här tabellen (bara för frågor med "
        "svarsalternativ).",
        "No equal-treatment comparison for this table (only for questions with options).",
    ),
    "tallies.equality.legend": (
        "━ 95 % konfidensintervall · ● andel · ◆ skillnad större än slumpen (justerat p < 0,05)",
        "━ 95% confidence interval · ● share · ◆ difference beyond chance (adjusted p < 0.05)",
    ),
    "tallies.equality.working": ("Räknar fram likställigheten", "Working out equal treatment"),
    "tallies.equality.failed": ("Likställigheten kunde inte räknas fram: {error}",
                                "Equal treatment could not be worked out: {error}"),
    # --- end equal treatment ---
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
    "audit.chain.checking": ("Kontrollerar loggens hashkedja …", "Checking the log's hash chain …"),
    "audit.chain.ok": (
        "Loggens hashkedja håller: {rows} rader; senaste hash {head}",
        "The log's hash chain holds: {rows} rows; head hash {head}",
    ),
    "audit.chain.broken": (
        "Loggens hashkedja är bruten vid rad {row}: {why}; {rows} rader före den håller",
        "The log's hash chain is broken at row {row}: {why}; {rows} rows before it hold",
    ),
    "audit.chain.unchained": ("raden saknar hash", "the row has no hash"),
    "audit.chain.gap": ("rader före den har tagits bort", "rows before it were removed"),
    "audit.chain.link": (
        "raden före den är inte den den kedjades till (borttagen, inskjuten eller ändrad)",
        "the row before it is not the one it was chained to (removed, inserted or changed)",
    ),
    "audit.chain.content": ("raden har ändrats", "the row was changed"),
    "audit.chain.head_missing": (
        "hashen {head} finns inte i kedjan: loggens slut har tagits bort eller skrivits om",
        "hash {head} is not in the chain: the end of the log was removed or rewritten",
    ),
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
    "audit.action.answer.import": ("importerat", "imported"),
    "audit.action.case_file": ("akttext", "case file"),
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
    "users.key.balance_second": ("Dubbelgranska", "Double review"),
    "supervise.nothing_to_assign.primary": (
        "Alla ärenden har redan en granskare; 2 ger dem en andra, blind granskning.",
        "Every case already has a reviewer; 2 gives them a second, blind review."),
    "supervise.nothing_to_assign.second": (
        "Alla ärenden med granskare har redan en andra granskning.",
        "Every assigned case already has a second review."),
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
    "double.w.summary": (
        "Dubbelgranskade ärenden: {pairs}; total överensstämmelse {percent}, Cohens kappa {kappa}",
        "Double-reviewed cases: {pairs}; overall agreement {percent}, Cohen's kappa {kappa}"),
    "double.w.question": ("fråga", "question"),
    "double.w.label": ("benämning", "label"),
    "double.w.cases": ("ärenden", "cases"),
    "double.w.agreed": ("lika", "agreed"),
    "double.w.agreement": ("överensstämmelse", "agreement"),
    "double.w.percent": ("procent", "percent"),
    "double.w.kappa": ("kappa", "kappa"),
    "double.w.overall": ("totalt", "overall"),
    "double.cli.agreed": ("överenskommet", "agreed"),
    "double.cli.all_agree": ("granskarna är överens i alla frågor",
                             "the reviewers agree on every question"),
    "double.cli.saved": ("{case}: överenskomna svar sparade ({n} frågor)",
                         "{case}: agreed answers saved ({n} questions)"),
    "double.cli.written": ("{path}: överensstämmelse över {n} ärenden",
                           "{path}: agreement over {n} cases"),
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
    "training.w.title": ("Kalibreringsrapport: {name}", "Calibration report: {name}"),
    "training.w.intro": ("{n} ärenden; deltagare: {trainees}", "{n} cases; trainees: {trainees}"),
    "training.w.nobody": ("inga", "none"),
    "training.w.with_key": ("Överensstämmelse med facit", "Agreement with the key"),
    "training.w.per_question": ("Per fråga", "Per question"),
    "training.w.most_missed": ("Oftast missade frågor", "Most often missed questions"),
    "training.w.between": ("Överensstämmelse mellan deltagare (Fleiss kappa)",
                           "Agreement between trainees (Fleiss' kappa)"),
    "training.w.misses_title": ("Missar med belägg i akten",
                           "Misses with the passage behind the right answer"),
    "training.w.no_misses": ("Inga missar.", "No misses."),
    "training.w.miss": ("svar {given}, facit {expected}", "answered {given}, key {expected}"),
    "training.w.trainee": ("Deltagare", "Trainee"),
    "training.w.percent": ("Andel lika", "Agreement"),
    "training.w.kappa": ("Kappa", "Kappa"),
    "training.w.agreed_items": ("Lika/bedömda", "Agreed/items"),
    "training.w.agreed": ("Lika", "Agreed"),
    "training.w.items": ("Bedömda", "Items"),
    "training.w.answered": ("Besvarade", "Answered"),
    "training.w.misses": ("Missar", "Misses"),
    "training.w.question": ("Fråga", "Question"),
    "training.w.of": ("Av", "Of"),
    "training.w.cases": ("Ärenden", "Cases"),
    "training.w.all_same": ("Alla lika", "All same"),
    "training.w.fleiss": ("Fleiss kappa", "Fleiss kappa"),
    "training.w.case": ("Ärende", "Case"),
    "training.w.given": ("Svar", "Answer"),
    "training.w.expected": ("Facit", "Key"),
    "training.w.passage": ("Belägg i akten", "Passage in the case file"),
    "training.w.sheet_key": ("Facit", "Key"),
    "training.w.sheet_per_question": ("Per fråga", "Per question"),
    "training.w.sheet_most_missed": ("Oftast missade", "Most missed"),
    "training.w.sheet_between": ("Mellan deltagare", "Between trainees"),
    "training.w.sheet_misses": ("Missar", "Misses"),
    # --- end training ---
    # --- progress of long work (CLI bar on stderr, app workers) ---
    "export.audit_title": ("Granskningslogg", "Audit log"),
    "export.audit_head": (
        "Loggen hade {rows} rader när rapporten gjordes; senaste hash `{head}`. En senare "
        "kopia av databasen kontrolleras mot den med `granska audit verify --head {head}`.",
        "The log had {rows} rows when this report was made; latest hash `{head}`. A later "
        "copy of the database is checked against it with `granska audit verify --head {head}`."),
    "progress.rate": ("{rate} rader/s", "{rate} rows/s"),
    "progress.frame_import": ("Läser in ram", "Importing frame"),
    "progress.answers_import": ("Läser in svar", "Importing answers"),
    "progress.draw": ("Drar urval", "Drawing the sample"),
    "progress.export": ("Exporterar", "Exporting"),
    "progress.train_generate": ("Skapar utbildningsärenden", "Generating training cases"),
    "progress.line": ("{what}: {done} av {total}", "{what}: {done} of {total}"),
    "progress.line_unknown": ("{what}: {done}", "{what}: {done}"),
    "progress.busy": ("Vänta: förra uppgiften pågår fortfarande.",
                      "Wait: the last task is still running."),
    # --- end progress ---
    # --- evidence for answers (issue 14) ---
    "evidence.key": ("Belägg", "Evidence"),
    "evidence.title": ("Belägg för: {label}", "Evidence for: {label}"),
    "evidence.doc": ("Dokument", "Document"),
    "evidence.date": ("Dokumentets datum (ÅÅÅÅ-MM-DD)", "The document's date (YYYY-MM-DD)"),
    "evidence.quote": ("Kort citat (frivilligt)", "Short quote (optional)"),
    "evidence.search": ("Sök i akttexten efter citat (skriv ett ord, ↓ och Enter väljer)",
                        "Search the case file for a quote (type a word, ↓ and Enter pick)"),
    "evidence.no_match": ("inga träffar", "no matches"),
    "evidence.hint": ("Tab nästa fält · ctrl+s sparar · Esc avbryter",
                      "Tab next field · ctrl+s saves · Esc cancels"),
    "evidence.bad_date": ("Datumet måste skrivas ÅÅÅÅ-MM-DD, t.ex. 2024-03-01",
                          "The date must be written YYYY-MM-DD, e.g. 2024-03-01"),
    "evidence.saved": ("belägg sparat: {label}", "evidence saved: {label}"),
    "evidence.shown": ("Belägg", "Evidence"),
    "evidence.needed": ("belägg saknas (ctrl+d)", "evidence missing (ctrl+d)"),
    "evidence.missing": ("{count} svar saknar belägg: {labels}",
                         "{count} answers lack evidence: {labels}"),
    "evidence.doc.utredning": ("Utredning", "Investigation"),
    "evidence.doc.beslut": ("Beslut", "Decision"),
    "evidence.doc.beställning": ("Beställning", "Order"),
    "evidence.doc.genomförandeplan": ("Genomförandeplan", "Implementation plan"),
    "evidence.doc.uppföljning": ("Uppföljning", "Follow-up"),
    "evidence.doc.journalanteckning": ("Journalanteckning", "Journal note"),
    "evidence.doc.annat": ("Annat", "Other"),
    "evidence.quotes_title": ("Citat ur akterna", "Quotes from the case files"),
    "evidence.quotes_note": ("Belägg för svaren, per fråga och svar; endast ärendenummer",
                             "Evidence for the answers, by question and answer; case "
                             "references only"),
    # --- end evidence ---
    # --- data-quality checks: granska check, the findings screen, marks (issue 14) ---
    "check.none": ("Inga öppna fynd.", "No open findings."),
    "check.closed": ("Stängt: {case} {rule} ({question})", "Closed: {case} {rule} ({question})"),
    "audit.action.finding.close": ("fynd stängt", "finding closed"),
    "q.finding": ("Kontroll", "Check"),
    "findings.title": ("Datakontroll: fynd", "Data-quality findings"),
    "findings.key": ("Fynd", "Findings"),
    "findings.key_open": ("Öppna ärendet", "Open the case"),
    "findings.key_close": ("Stäng fynd", "Close finding"),
    "findings.summary": ("{count} öppna fynd · Enter öppnar ärendet vid frågan · c stänger "
                         "fyndet med en kommentar",
                         "{count} open findings · Enter opens the case at the question · c "
                         "closes the finding with a comment"),
    "findings.close_title": ("Stäng {rule} i {case}: varför? (t.ex. kontrollerat mot akten)",
                             "Close {rule} in {case}: why? (e.g. verified against the file)"),
    "findings.closed": ("Fyndet är stängt och stannar stängt.",
                        "The finding is closed and stays closed."),
    "findings.col.reviewer": ("Granskare", "Reviewer"),
    "findings.col.rule": ("Regel", "Rule"),
    "findings.col.question": ("Fråga", "Question"),
    "findings.col.message": ("Fynd", "Finding"),
    # --- end checks ---
    # --- review states: approved, returned with a reason (issue 14) ---
    "status.approved": ("godkänd", "approved"),
    "status.returned": ("skickad tillbaka", "returned"),
    "audit.action.review.approve": ("godkänd", "approved"),
    "audit.action.review.return": ("skickad tillbaka", "returned"),
    "review_state.cli.returned": ("{case}: skickad tillbaka till {reviewer}.",
                                  "{case}: returned to {reviewer}."),
    "review_state.cli.already": ("{case}: redan godkänd.", "{case}: approved already."),
    "review_state.cli.approved": ("{count} granskningar godkända.", "{count} reviews approved."),
    "review_state.queue": ("Att godkänna: {count} klara granskningar (a godkänner, R skickar "
                           "tillbaka)",
                           "To approve: {count} complete reviews (a approves, R returns)"),
    "review_state.queue_empty": ("Inga klara granskningar väntar på godkännande.",
                                 "No complete reviews wait for approval."),
    "review_state.key_approve": ("Godkänn", "Approve"),
    "review_state.key_return": ("Skicka tillbaka", "Return"),
    "review_state.reason_prompt": (
        "Varför skickas {case} tillbaka till {reviewer}? Enter skickar, Esc avbryter",
        "Why is {case} going back to {reviewer}? Enter sends, Esc cancels"),
    "review_state.reason_missing": ("Skriv vad som ska rättas.", "Say what is to be fixed."),
    "review_state.approved": ("{case} godkänd.", "{case} approved."),
    "review_state.returned": ("{case} skickad tillbaka till {reviewer}.",
                              "{case} returned to {reviewer}."),
    "review_state.banner": ("↩ Skickad tillbaka: {reason} – rätta och markera klar (ctrl+k).",
                            "↩ Returned: {reason} – fix it and mark it complete (ctrl+k)."),
    # --- end review states ---
    # --- search: granska search and ctrl+f (issue 14) ---
    "key.search": ("Sök", "Search"),
    "search.title": ("Sök i akter och anteckningar", "Search case files and notes"),
    "search.placeholder": ("Sökord (FTS5: \"exakt fras\", ord*, OR, NOT)",
                           "Search words (FTS5: \"exact phrase\", word*, OR, NOT)"),
    "search.empty": ("ange något att söka efter", "give something to search for"),
    "search.bad_query": (
        "sökningen '{text}' går inte att tolka: stäng citattecken och parenteser, eller sätt "
        "ord med tecken som : * ( inom \"citattecken\"",
        "cannot read the search '{text}': close quotes and brackets, or put words with "
        "characters such as : * ( in \"quotes\""),
    "search.no_hits": ("Inga träffar för '{text}'.", "No hits for '{text}'."),
    "search.hits": ("{count} träffar", "{count} hits"),
    "search.hits_capped": ("de {count} bästa träffarna", "the best {count} hits"),
    "search.hint": ("Skriv för att söka · Enter: till träffarna · Esc: tillbaka",
                    "Type to search · Enter: to the hits · Esc: back"),
    "search.name_masked": ("[namn]", "[name]"),
    "search.col.case_ref": ("Ärende", "Case"),
    "search.col.where": ("Var", "Where"),
    "search.col.question": ("Fråga", "Question"),
    "search.col.snippet": ("Utdrag", "Snippet"),
    "search.where.case_file": ("akt", "case file"),
    "search.where.case_note": ("ärendeanteckning", "case note"),
    "search.where.question_note": ("frågeanteckning", "question note"),
    "search.where.evidence": ("belägg", "evidence"),
    "search.key_open": ("Öppna", "Open"),
    # --- end search ---
    # --- provider follow-up (avtalsuppföljning): tables, letters ---
    "outcomes.w.outcomes": ("Utfall per avtalsområde", "Outcome per contract area"),
    "outcomes.w.planned_done": ("Planerade och genomförda uppföljningar",
                                "Planned and completed follow-ups"),
    "outcomes.w.deficiencies": ("Brister, rangordnade", "Deficiencies, ranked"),
    "outcomes.w.measures_per_area": ("Åtgärder per avtalsområde", "Measures per contract area"),
    "outcomes.w.ledger": ("Åtgärdsregister", "Measures ledger"),
    "outcomes.w.summary": ("Sammanställning", "Summary"),
    "outcomes.w.area": ("Avtalsområde", "Contract area"),
    "outcomes.w.total": ("Totalt", "Total"),
    "outcomes.w.all_areas": ("Samtliga avtalsområden", "All contract areas"),
    "outcomes.w.planned": ("Planerade", "Planned"),
    "outcomes.w.done": ("Genomförda", "Completed"),
    "outcomes.w.not_done": ("Ej genomförda", "Not completed"),
    "outcomes.w.pending": ("Ej bedömda än", "Not yet scored"),
    "outcomes.w.check": ("Kontroll", "Check"),
    "outcomes.w.deficient": ("Brist", "Deficient"),
    "outcomes.w.assessed": ("Bedömda", "Assessed"),
    "outcomes.w.provider": ("Utförare", "Provider"),
    "outcomes.w.measure": ("Åtgärd", "Measure"),
    "outcomes.w.sent": ("Skickad", "Sent"),
    "outcomes.w.due": ("Senast", "Due"),
    "outcomes.w.answered": ("Besvarad", "Answered"),
    "outcomes.w.state": ("Läge", "State"),
    "outcomes.w.decided_by": ("Beslutsfattare", "Decision-maker"),
    "outcomes.w.dnr": ("Dnr", "Ref. no."),
    "outcomes.w.question": ("Fråga", "Question"),
    "letter.title.komplettering": ("Begäran om komplettering", "Request for komplettering"),
    "letter.title.rattelse": ("Begäran om rättelse", "Request for rectification (rättelse)"),
    "letter.provider": ("Utförare", "Provider"),
    "letter.area": ("Avtalsområde", "Contract area"),
    "letter.contract": ("Avtal (dnr)", "Contract (ref. no.)"),
    "letter.sent": ("Datum", "Date"),
    "letter.due": ("Svar senast", "Answer by"),
    "letter.without_delay": ("utan dröjsmål", "without delay"),
    "letter.intro": (
        "Vid avtalsuppföljningen inom {area} har följande brister mot avtalets krav "
        "konstaterats.",
        "The contract follow-up in {area} found the following deficiencies against the "
        "contract's requirements."),
    "letter.deficiencies": ("Konstaterade brister", "Deficiencies found"),
    "letter.asked.komplettering": (
        "Vi ber er komplettera med upprättade eller reviderade rutiner, kompletterande "
        "beskrivningar eller en åtgärdsplan för varje brist ovan, senast {due}.",
        "Please send established or revised routines, further descriptions or an action "
        "plan for each deficiency above, by {due}."),
    "letter.asked.rattelse": (
        "Bristerna är sådana att vi begär rättelse enligt avtalet. Vi ber er redovisa hur "
        "och när varje brist ovan åtgärdas, senast {due}. Åtgärdas bristerna inte kan "
        "avtalet leda till vite eller hävning.",
        "The deficiencies are such that we request rectification under the contract. "
        "Please set out how and when each deficiency above is put right, by {due}. "
        "Deficiencies not put right may lead to a contractual penalty (vite) or "
        "termination (hävning)."),
    "letter.signature": ("Beslutat av: {decided_by}", "Decided by: {decided_by}"),
    "followup.regime": ("Regim", "Regime"),
    "followup.documents": ("Inkomna handlingar", "Documents received"),
    "followup.not_assessed": ("inte bedömd än", "not assessed yet"),
    "followup.open_measures": ("Öppna åtgärder", "Open measures"),
    "followup.overdue": ("FÖRSENAD", "OVERDUE"),
    "followup.none": ("inga", "none"),
    "followup.undecided": ("ännu inte avgjort", "not decided yet"),
    "followup.derived": ("Härlett utfall: {outcome}", "Derived outcome: {outcome}"),
    "followup.needs_reason": (
        "Utfallet avviker från det härledda ({derived}): skriv motiveringen.",
        "The outcome differs from the derived one ({derived}): write the reason."),
    "mode.providers": ("Utförare", "Providers"),
    "mode.measures": ("Åtgärder", "Measures"),
    "providers.title": ("Avtalsuppföljning: utförare", "Contract follow-up: providers"),
    "providers.key.open": ("öppna", "open"),
    "providers.col.provider_ref": ("Utförare", "Provider"),
    "providers.col.contract_area": ("Avtalsområde", "Contract area"),
    "providers.col.reviewer": ("Granskare", "Reviewer"),
    "providers.col.status": ("Status", "Status"),
    "providers.col.outcome": ("Utfall", "Outcome"),
    "providers.col.measure": ("Öppen åtgärd", "Open measure"),
    "providers.no_plan": (
        "Ingen uppföljningsplan än: granska providers import FIL, sedan granska select "
        "--protocol avtalsuppfoljning --all (eller granska demo --kind avtalsuppfoljning).",
        "No follow-up plan yet: granska providers import FILE, then granska select "
        "--protocol avtalsuppfoljning --all (or granska demo --kind avtalsuppfoljning)."),
    "providers.summary": ("{count} uppföljningar i planen ({protocol})",
                          "{count} follow-ups in the plan ({protocol})"),
    "providers.overdue": ("{count} med försenad åtgärd", "{count} with an overdue measure"),
    "providers.unassigned": ("{provider_ref} har ingen granskare än (granska assign).",
                             "{provider_ref} has no reviewer yet (granska assign)."),
    "providers.not_yours": ("{provider_ref} granskas av någon annan.",
                            "{provider_ref} is someone else's follow-up."),
    "measures.title": ("Åtgärdstrappan", "The measures ladder"),
    "measures.col.provider_ref": ("Utförare", "Provider"),
    "measures.col.contract_area": ("Avtalsområde", "Contract area"),
    "measures.col.kind": ("Åtgärd", "Measure"),
    "measures.col.sent_date": ("Skickad", "Sent"),
    "measures.col.due_date": ("Senast", "Due"),
    "measures.col.state": ("Läge", "State"),
    "measures.col.decided_by": ("Beslutsfattare", "Decision-maker"),
    "measures.supervisors_only": ("Åtgärderna visas för handledare.",
                                  "The measures are shown to supervisors."),
    "measures.summary": ("{count} åtgärder, {overdue} försenade",
                         "{count} measures, {overdue} overdue"),
    # --- end provider follow-up ---
    # --- identities only with a reason, and the idle lock (issue 14) ---
    "identity.key_reveal": ("Visa identitet", "Show identity"),
    "identity.reason_prompt": (
        "Varför behöver du se namn och personnummer i {case}? Skälet loggas. "
        "Enter visar, Esc avbryter",
        "Why do you need the name and personnummer in {case}? The reason is logged. "
        "Enter shows, Esc cancels"),
    "identity.reason_blank": ("Skriv varför namn och personnummer behöver visas.",
                              "Say why the name and personnummer must be shown."),
    "identity.reason_long": ("Skälet får vara högst {limit} tecken.",
                             "The reason may be {limit} characters at most."),
    "identity.shown": ("Namn: {name} · Personnummer: {personnummer} (döljs när ärendet stängs; "
                       "ctrl+r döljer nu)",
                       "Name: {name} · Personnummer: {personnummer} (hidden when the case "
                       "closes; ctrl+r hides now)"),
    "identity.no_person": ("En uppföljning av en utförare har inget namn eller personnummer "
                           "att visa.",
                           "A provider follow-up has no name or personnummer to show."),
    "identity.hidden": ("Namn och personnummer är dolda igen.",
                        "The name and personnummer are hidden again."),
    "identity.not_shown": ("Namn och personnummer visades inte: {error}",
                           "The name and personnummer were not shown: {error}"),
    "audit.action.identity.reveal": ("identitet visad", "identity shown"),
    "lock.title": ("Granska är låst", "Granska is locked"),
    "lock.hint": ("Låst efter {minutes} minuter utan tangenttryck eller mus. Tryck Enter för "
                  "att fortsätta (ctrl+q avslutar).",
                  "Locked after {minutes} minutes without a key or the mouse. Press Enter to "
                  "go on (ctrl+q quits)."),
    "lock.not_audited": ("Låsningen kunde inte loggas: {error}",
                         "The lock could not be logged: {error}"),
    # --- end identities ---
    # --- identities in typed text (issue 14) ---
    "identity.edit_hidden": ("Texten nämner personen: visa namn och personnummer (ctrl+r) "
                             "för att redigera den.",
                             "The text names the person: show the name and personnummer "
                             "(ctrl+r) to edit it."),
    # --- end identities in typed text ---
    # --- CLI errors: the commands' own, in the user's language (issue 14) ---
    "cli.error.no_sample": (
        "inget sådant urval; dra ett först (granska draw)",
        "no such sample; draw one first (granska draw)"),
    "cli.error.assign_either": (
        "granska assign: ange antingen --balanced eller CASE_REF USER",
        "granska assign: give either --balanced or CASE_REF USER"),
    "cli.error.assign_user": (
        "granska assign: ange användaren också, t.ex. granska assign {case} bertil",
        "granska assign: name the user too, e.g. granska assign {case} bertil"),
    "cli.error.audit_once": (
        "ange ärendet en gång: '{case}' eller --case '{option}'",
        "give the case once: '{case}' or --case '{option}'"),
    "cli.error.audit_what": (
        "ange ett ärendenummer (granska audit CASE_REF) eller verify (granska audit verify)",
        "give a case reference (granska audit CASE_REF) or verify (granska audit verify)"),
    "cli.error.audit_head": (
        "--head hör till granska audit verify",
        "--head goes with granska audit verify"),
    "cli.error.audit_unknown": (
        "inget ärende eller uppföljning av en utförare heter '{case}'; se granska sample för "
        "numren",
        "no case or provider follow-up is called '{case}'; see granska sample for the refs"),
    "cli.error.demo_kind": (
        "demo --kind {kind}: --districts och --reviewed gäller granskningar av ärenden (en "
        "tredjedel av uppföljningarna är redan bedömda)",
        "demo --kind {kind}: --districts and --reviewed are for case reviews (a third of the "
        "follow-ups come scored anyway)"),
    "cli.error.double_case": (
        "granska double {action}: ange ärendet, t.ex. granska double {action} HÄ-2022-0001",
        "granska double {action}: name the case, e.g. granska double {action} HÄ-2022-0001"),
    "cli.error.double_not": (
        "ärendet '{case}' är inte dubbelgranskat; se granska double list",
        "case '{case}' is not double-reviewed; see granska double list"),
    "cli.error.double_resolve": (
        "granska double resolve: ange --take primary|second och/eller --set QUESTION=CODE",
        "granska double resolve: say --take primary|second and/or --set QUESTION=CODE"),
    "cli.error.double_set": (
        "--set {item}: skriv QUESTION=CODE med ett fråge-id i {protocol}",
        "--set {item}: use QUESTION=CODE with a question id of {protocol}"),
    "cli.error.double_value": (
        "--set {item}: värdet {problem}",
        "--set {item}: the value {problem}"),
    "cli.error.export_out": (
        "export {format} behöver --out PATH (ett kalkylark eller ett dokument kan inte skrivas "
        "till terminalen)",
        "export {format} needs --out PATH (a spreadsheet or a document cannot go to the terminal)"),
    "cli.error.export_publish": (
        "--publish och --with-identities utesluter varandra: en publicerad fil har inga "
        "identiteter; ta bort --with-identities",
        "--publish and --with-identities exclude each other: a published file carries no "
        "identities; leave out --with-identities"),
    "cli.error.export_identities": (
        "--with-identities gäller bara `granska export answers`; sammanställningarna har inga "
        "identiteter",
        "--with-identities applies to `granska export answers` only; the tallies carry no "
        "identities"),
    "cli.error.export_format": (
        "--format gäller bara `granska export equality`; de andra exporterna anges med FORMAT",
        "--format applies to `granska export equality` only; the other exports are named by FORMAT"
        " itself"),
    "cli.error.export_quotes": (
        "--quotes gäller bara `granska export md` och `docx`",
        "--quotes applies to `granska export md` and `docx` only"),
    "cli.error.letter_out": (
        "--out {out}: ange en .docx- eller .md-fil",
        "--out {out}: name a .docx or .md file"),
    "cli.error.review_approve": (
        "granska review approve: ange ärendena (CASE_REF ...) eller --all-complete, inte båda",
        "granska review approve: name the cases (CASE_REF ...) or give --all-complete, not both"),
    "cli.error.sample_none": (
        "{db}: inget urval draget än; kör: granska draw",
        "{db}: no sample drawn yet; run: granska draw"),
    "cli.error.sample_unknown": (
        "--sample {sample}: inget sådant urval i {db}; kör granska sample för det senaste",
        "--sample {sample}: no such sample in {db}; run granska sample for the latest"),
    "cli.error.select_second": (
        "--second: uppföljningar av utförare har ingen dubbelgranskning än",
        "--second: provider follow-ups have no double review yet"),
    "cli.error.assign_either_provider": (
        "granska assign: ange antingen --balanced eller PROVIDER_REF USER",
        "granska assign: give either --balanced or PROVIDER_REF USER"),
    "cli.error.assign_user_provider": (
        "granska assign: ange användaren också, t.ex. granska assign {provider} bertil --protocol "
        "{protocol}",
        "granska assign: name the user too, e.g. granska assign {provider} bertil --protocol "
        "{protocol}"),
    "cli.error.train_what": (
        "granska train: ange vad som ska göras: generate, list, session, report eller key (se "
        "granska train --help)",
        "granska train: say what to do: generate, list, session, report or key (see granska train "
        "--help)"),
    "cli.error.train_session": (
        "granska train session: ange create eller list (se granska train session --help)",
        "granska train session: say create or list (see granska train session --help)"),
    "cli.error.train_role": (
        "granska train är för utbildare och handledare; {user} är ingetdera (be en handledare ge "
        "rollen utbildare)",
        "granska train is for trainers and supervisors; {user} is neither (ask a supervisor to "
        "grant the trainer role)"),
    "cli.error.train_none": (
        "inga utbildningsärenden än; kör granska train generate först",
        "no training cases yet; run granska train generate first"),
    "cli.error.train_frame": (
        "--frame {frame} är ingen ram för utbildning; se granska train list",
        "--frame {frame} is not a training frame; see granska train list"),
    "cli.error.train_no_session": (
        "inget utbildningstillfälle '{session}'; se granska train session list",
        "no training session '{session}'; see granska train session list"),
    "cli.error.train_xlsx": (
        "--format xlsx behöver --out PATH",
        "--format xlsx needs --out PATH"),
    "cli.error.train_no_case": (
        "inget utbildningsärende '{case}'; se granska train list",
        "no training case '{case}'; see granska train list"),
    "cli.error.users_name": (
        "granska users {action}: ange användaren, t.ex. granska users {action} bertil{role}",
        "granska users {action}: name the user, e.g. granska users {action} bertil{role}"),
    "cli.error.users_role": (
        "users grant: rollen '{role}' är inte en av {roles}",
        "users grant: role '{role}' is not one of {roles}"),
    "cli.error.export_rounds": (
        "--rounds gäller export csv, md, docx och equality, utan --quotes och --protocol",
        "--rounds applies to export csv, md, docx and equality, without --quotes or "
        "--protocol"),
    "cli.error.round_list": (
        "granska round list tar inget --name, --from-sample eller --force",
        "granska round list takes no --name, --from-sample or --force"),
    "cli.error.round_name": (
        "granska round create behöver --name NAMN, t.ex. --name Uppföljning",
        "granska round create needs --name NAME, e.g. --name Uppföljning"),
    # review rounds (store.rounds refusals are keyed cli.error.round_*, said via Refusal)
    "round.listed": ("{id}\t{name}\turval {sample}\t{done}/{reviews} klara\t{created_at} "
                     "{created_by}",
                     "{id}\t{name}\tsample {sample}\t{done}/{reviews} done\t{created_at} "
                     "{created_by}"),
    "round.first": ("de tidigare granskningarna av urval {sample} är omgången '{name}'",
                    "the earlier reviews of sample {sample} are round '{name}'"),
    "round.named": ("omgång '{name}': urval {sample}s {reviews} granskningar",
                    "round '{name}': sample {sample}'s {reviews} reviews"),
    "round.created": ("omgång '{name}' över urval {sample}: {reviews} granskningar att göra, "
                      "ej påbörjade",
                      "round '{name}' over sample {sample}: {reviews} reviews to do, not "
                      "started"),
    "cli.error.round_blank": (
        "granska round create: --name är tomt; ge omgången ett namn, t.ex. --name "
        "Uppföljning; inget skapades",
        "granska round create: --name is blank; give the round a name, e.g. --name "
        "Uppföljning; nothing was created"),
    "cli.error.round_comma": (
        "en omgångs namn får inte innehålla kommatecken (--rounds A,B anger två); inget "
        "skapades",
        "a round's name must have no commas (--rounds A,B lists two); nothing was created"),
    "cli.error.round_exists": (
        "en omgång som heter '{name}' finns redan; välj ett annat namn; inget skapades",
        "a round named '{name}' exists already; choose another name; nothing was created"),
    "cli.error.round_no_sample": (
        "inget urval att granska igen; dra ett först (granska draw); inget skapades",
        "no sample to review again; draw one first (granska draw); nothing was created"),
    "cli.error.round_sample_unknown": (
        "inget urval {sample} (se granska sample); inget skapades",
        "no sample {sample} (see granska sample); nothing was created"),
    "cli.error.round_unfinished": (
        "{count} granskningar av urval {sample} är varken klara eller godkända och försvinner "
        "ur vyn i en ny omgång; gör klart dem, eller skapa omgången ändå med --force; inget "
        "skapades",
        "{count} reviews of sample {sample} are neither complete nor approved and leave the "
        "view in a new round; finish them, or create the round anyway with --force; nothing "
        "was created"),
    "cli.error.round_none": (
        "ingen omgång '{ref}': det finns inga omgångar än (granska round create)",
        "no round '{ref}': there are no rounds yet (granska round create)"),
    "cli.error.round_unknown": (
        "ingen omgång '{ref}' (omgångar: {known}); se granska round list",
        "no round '{ref}' (rounds: {known}); see granska round list"),
    "cli.error.round_earlier": (
        "granskning {review} hör till en tidigare omgång ('{round}') och ändras inte; "
        "inget sparades",
        "review {review} belongs to an earlier round ('{round}') and is not changed; "
        "nothing was saved"),
    "cli.error.round_pair": (
        "--rounds '{text}': ange två olika omgångar, t.ex. --rounds 'Omgång 1,Uppföljning' "
        "(se granska round list)",
        "--rounds '{text}': name two different rounds, e.g. --rounds 'Omgång 1,Uppföljning' "
        "(see granska round list)"),
    "cli.error.round_twice": (
        "--rounds '{text}' anger omgången '{round}' två gånger; ange två olika omgångar",
        "--rounds '{text}' names round '{round}' twice; name two different rounds"),
    "cli.error.round_format": (
        "--rounds gäller export {formats}; inte {format}",
        "--rounds applies to export {formats}; not to {format}"),
    # --- end CLI errors ---
    # --- review rounds (issue 15) ---
    "rounds.w.title": ("Omgångar jämförda: {a} och {b}", "Rounds compared: {a} and {b}"),
    "rounds.w.method": (
        "Varje svars andel i varje omgång, av de ärenden där frågan gällde och besvarades. "
        "Förändringen är omgång B:s andel minus omgång A:s, i procentenheter. Fishers exakta "
        "test (tvåsidigt) med omgångarna som de två grupperna; p-värdena är Holm-justerade "
        "inom varje fråga, och ◆ markerar en förändring med justerat p under 0,05. Färre än "
        "fem besvarade i någon omgång: för få för att säga något.",
        "Each answer's share in each round, of the cases where the question applied and was "
        "answered. The change is round B's share less round A's, in percentage points. "
        "Fisher's exact test (two-sided) with the rounds as the two groups; the p-values are "
        "Holm-adjusted within each question, and ◆ marks a change with an adjusted p below "
        "0.05. Fewer than five answered in either round: too few to say anything.",
    ),
    "rounds.w.findings_title": ("Förändringar större än slumpen", "Changes beyond chance"),
    "rounds.w.none": ("Ingen förändring är större än slumpen förklarar.",
                      "No change is larger than chance explains."),
    "rounds.w.finding": ("{question}, {answer}, {group}: {a} blev {b} ({change}; p {p}, "
                         "justerat)",
                         "{question}, {answer}, {group}: {a} became {b} ({change}; p {p}, "
                         "adjusted)"),
    "rounds.w.whole": ("Hela urvalet", "Whole sample"),
    "rounds.w.question": ("Fråga", "Question"),
    "rounds.w.answer": ("Svar", "Answer"),
    "rounds.w.district": ("Stadsdel", "District"),
    "rounds.w.count": ("antal", "count"),
    "rounds.w.n": ("besvarade", "answered"),
    "rounds.w.share": ("andel", "share"),
    "rounds.w.change": ("Förändring", "Change"),
    "rounds.w.points": ("{change} procentenheter", "{change} points"),
    "rounds.w.p": ("p", "p"),
    "rounds.w.p_adjusted": ("p (justerat)", "p (adjusted)"),
    "rounds.w.flagged": ("Större än slumpen", "Beyond chance"),
    "rounds.w.yes": ("ja", "yes"),
    "rounds.w.too_small": ("för få", "too few"),
    "rounds.w.suppressed": (
        "Små tal är dolda i de känsliga frågorna ({questions}): antal under gränsen visas "
        "som {small}, de celler de kunde räknas fram ur som x, och deras andelar, förändringar "
        "och p-värden visas inte.",
        "Small counts are hidden on the sensitive questions ({questions}): counts below the "
        "limit show as {small}, the cells they could be worked out from as x, and their "
        "shares, changes and p-values are left out.",
    ),
    "rounds.w.decimal": (",", "."),
    "rounds.previous": ("Förra omgången ({round}): {answer}", "Previous round ({round}): {answer}"),
    "rounds.previous_none": ("inget svar", "no answer"),
    "rounds.changed": ("ändrat", "changed"),
    "rounds.mode": ("Jämför omgångar", "Compare rounds"),
    "rounds.key": ("Omgångar", "Rounds"),
    "rounds.none": ("Det finns inte två omgångar att jämföra; skapa en med granska round "
                    "create.",
                    "There are not two rounds to compare; make one with granska round "
                    "create."),
    "rounds.progress": ("Aktuell omgång: {round}, {done} av {n} granskningar klara · o jämför "
                        "med {previous}",
                        "Current round: {round}, {done} of {n} reviews complete · o compares "
                        "with {previous}"),
    "rounds.none_done": ("{round} har inga klara granskningar än; kolumnen fylls när de blir "
                         "klara.",
                         "{round} has no complete reviews yet; its column fills as they are "
                         "completed."),
    "rounds.pick": ("Omgång A: {a} · omgång B: {b} (a/b byter)",
                    "Round A: {a} · round B: {b} (a/b switches)"),
    # --- end review rounds ---
    # Refusals of reviews and assignments, from store/ (as Refusal keys) and jobs/.
    "cli.error.review_reason": (
        "--reason: {problem}; inget ändrades", "--reason: {problem}; nothing was changed"),
    "cli.error.review_ref_unknown": (
        "{ref}: inget granskat ärende eller uppföljning av en utförare har den referensen; "
        "se granska review list; inget ändrades",
        "{ref}: no reviewed case or provider follow-up with this reference; see granska "
        "review list; nothing was changed"),
    "cli.error.review_ref_both": (
        "{ref}: både ett ärende och en utförare har den referensen; godkänn eller skicka "
        "tillbaka den i appen (F7); inget ändrades",
        "{ref}: both a case and a provider have this reference; approve or return that one "
        "in the app (F7); nothing was changed"),
    "cli.error.review_not_approved": (
        "{ref}: granskningen är {status}, och bara en klar granskning kan godkännas; inget "
        "ändrades",
        "{ref}: its review is {status}, and only a complete review can be approved; nothing "
        "was changed"),
    "cli.error.review_not_returned": (
        "{ref}: granskningen är {status}, och bara en klar granskning kan skickas tillbaka; "
        "inget ändrades",
        "{ref}: its review is {status}, and only a complete review can be returned; nothing "
        "was changed"),
    "cli.error.approve_not_complete": (
        "granskning {review} är {status}, inte klar: bara en klar granskning kan godkännas; "
        "inget godkändes",
        "review {review} is {status}, not complete: only a complete review can be approved; "
        "nothing was approved"),
    "cli.error.return_not_done": (
        "granskning {review} är {status}: bara en klar eller godkänd granskning kan skickas "
        "tillbaka; inget ändrades",
        "review {review} is {status}: only a complete or approved review can be returned; "
        "nothing was changed"),
    "cli.error.not_supervisor": (
        "{who} är inte handledare: bara en handledare godkänner eller skickar tillbaka "
        "granskningar; inget ändrades",
        "{who} is not a supervisor: only a supervisor approves or returns reviews; nothing "
        "was changed"),
    "cli.error.review_gone": (
        "granskning {review} finns inte längre; inget ändrades",
        "review {review} no longer exists; nothing was changed"),
    "cli.error.assign_not_selected": (
        "ärendet '{case}' är inte ett valt ärende i urval {sample}; se listan med "
        "`granska assign`",
        "case '{case}' is not a selected case of sample {sample}; see `granska assign` for "
        "the list"),
    "cli.error.assign_no_sample": (
        "inget urval {sample}; dra ett först (granska draw)",
        "no sample {sample}; draw one first (granska draw)"),
    "cli.error.assign_held_primary": (
        "ärendet {case} har redan en granskare ({reviewer}); tilldela om det i stället; "
        "inget tilldelades",
        "case {case} already has a primary reviewer ({reviewer}); reassign it instead; "
        "nothing was assigned"),
    "cli.error.assign_held_second": (
        "ärendet {case} har redan en andragranskare ({reviewer}); tilldela om det i stället; "
        "inget tilldelades",
        "case {case} already has a second reviewer ({reviewer}); reassign it instead; "
        "nothing was assigned"),
    "cli.error.assign_same_reviewer": (
        "ärendet {case}: {reviewer} granskar det redan; en dubbelgranskning behöver två "
        "olika granskare; inget tilldelades",
        "case {case}: {reviewer} already reviews it; a double review needs two different "
        "inspectors; nothing was assigned"),
    "cli.error.reassign_gone": (
        "ingen granskning {review}", "no review {review}"),
    "cli.error.reassign_started": (
        "ärendet {case}: {reviewer} har påbörjat det; bara en granskning som ingen påbörjat "
        "kan tilldelas om",
        "case {case}: {reviewer} has started it; only a review nobody has started can be "
        "reassigned"),
    "cli.error.reassign_has_primary": (
        "ärendet {case}: {reviewer} har redan förstagranskningen; välj någon annan",
        "case {case}: {reviewer} already has the primary review; choose someone else"),
    "cli.error.reassign_has_second": (
        "ärendet {case}: {reviewer} har redan andragranskningen; välj någon annan",
        "case {case}: {reviewer} already has the second review; choose someone else"),
    # What granska users reports.
    "users.cli.granted": ("{user} är nu {role}", "{user} is now {role}"),
    "users.cli.had_none": ("{user} hade ingen roll i databasen",
                           "{user} had no role in the database"),
    "users.cli.revoked": ("{user} har inte längre någon roll", "{user} has no role any more"),
    "users.cli.row": ("{user}\t{role}\tfick rollen {at} av {by}",
                      "{user}\t{role}\tgranted {at} by {by}"),
    # What granska assign, frame import and answers import report.
    "assign.cli.balanced": ("{cases} ärenden tilldelade till {inspectors} granskare",
                            "{cases} cases assigned to {inspectors} inspectors"),
    "assign.cli.given_primary": ("{case}: granskningen given till {user}",
                                 "{case}: primary review given to {user}"),
    "assign.cli.given_second": ("{case}: andragranskningen given till {user}",
                                "{case}: second review given to {user}"),
    "frame.cli.unchanged": (
        "{file}: redan importerad som ramen '{name}' ({rows} rader, samma sha256); inget att "
        "göra",
        "{file}: already imported as frame '{name}' ({rows} rows, same sha256); nothing to do"),
    "frame.cli.imported": ("{file}: {rows} rader importerade som ramen '{name}'",
                           "{file}: imported {rows} rows as frame '{name}'"),
    "frame.cli.rejected": (
        "{rows} rader avvisades och lämnades utanför; de finns i {file} med skälet för var "
        "och en",
        "{rows} rows were rejected and left out; they are in {file} with the reason for each"),
    "answers.cli.cleared": (", {count} tömda", ", {count} cleared"),
    "answers.cli.imported": (
        "{file}: {rows} rader kontrollerade; {answers} svar sparade{cleared} i {reviews} "
        "granskningar (markerade klara)",
        "{file}: {rows} rows checked; {answers} answers stored{cleared} in {reviews} reviews "
        "(marked complete)"),
    # Refusals of users, samples and frames (store/ Refusal keys).
    "cli.error.last_supervisor": (
        "{user} är den sista handledaren; ge någon annan rollen handledare först",
        "{user} is the last supervisor; grant another supervisor first"),
    "cli.error.review_of_another": (
        "granskning {review} tillhör {reviewer}; bara {reviewer} eller en handledare får "
        "ändra den; inget sparades",
        "review {review} belongs to {reviewer}; only {reviewer} or a supervisor may change "
        "it; nothing was saved"),
    "cli.error.member_unknown": ("ingen urvalsmedlem {member}", "no sample member {member}"),
    "cli.error.member_not_selected": (
        "ärendet är {role}, inte med i urvalet; bara valda ärenden kan ersättas",
        "the case is a {role}, not in the sample; only selected cases can be replaced"),
    "cli.error.replacement_not_reserve": (
        "den valda ersättaren är inte en reserv i det här urvalet",
        "the chosen replacement is not a reserve of this sample"),
    "cli.error.frame_name_hash": (
        "ramnamnet '{name}': '#' märker versioner; välj ett namn utan det",
        "frame name '{name}': '#' marks versions; choose a name without it"),
    "cli.error.frame_name_taken": (
        "det finns redan en ram som heter '{name}'; välj ett annat --name",
        "a frame named '{name}' exists already; choose another --name"),
    "cli.error.frame_none": (
        "ingen ram heter '{name}'; det finns inga ramar än (granska frame import FILE)",
        "no frame named '{name}'; there are no frames yet (granska frame import FILE)"),
    "cli.error.frame_unknown": (
        "ingen ram heter '{name}'; ramar: {known}",
        "no frame named '{name}'; frames: {known}"),
}


def set_language(language: str) -> None:
    global _language
    _language = language


def language() -> str:
    return _language


def grouped(number: float) -> str:
    """A count as Swedish (and SI) print it: 12 000, a space between thousands."""
    return f"{number:,.0f}".replace(",", " ")


def t(key: str, **values: object) -> str:
    sv, en = STRINGS[key]
    text = en if _language == "en" else sv
    return text.format(**values) if values else text


def _say_store_refusals() -> None:
    """The store's refusals (``store.errors.Refusal``) in the catalogue's words."""
    from store.errors import use_words

    use_words(lambda key, values: t(f"cli.error.{key}", **_said(values)))


def _said(values: Mapping[str, object]) -> dict[str, object]:
    """A refusal's review status (a database word such as ``in_progress``) in the user's
    words."""
    return {name: t(f"status.{value}") if name == "status" and f"status.{value}" in STRINGS
            else value for name, value in values.items()}


_say_store_refusals()


def titled(text: str) -> str:
    """A screen's header: the app's name first, so every screen says where you are."""
    return f"{t('app.title')} · {text}"
