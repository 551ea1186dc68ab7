"""Rendering one case file from its truth, part by part (``casefiles`` has the public functions)."""

from __future__ import annotations

import datetime as dt
import random

from review_protocols.boendestod_sol.builder import Doc, Person
from review_protocols.boendestod_sol.case_truth import Truth, choices, whole
from review_protocols.boendestod_sol.phrases import (
    ACTIVITIES,
    GOALS,
    OTHER_GOALS,
    PERSONAL_GOALS,
    PROVIDERS,
    S_BESLUT,
    S_BEST,
    S_DUR,
    S_JOURNAL,
    S_OTHER,
    S_PLAN,
)


class Renderer:
    """One case file: each method writes one part of the file from the truth."""

    def __init__(self, truth: Truth, doc: Doc, person: Person, rng: random.Random,
                 difficulty: str) -> None:
        self.t, self.doc, self.p, self.rng, self.difficulty = truth, doc, person, rng, difficulty
        self.fn = person.first
        self.pr = "hon" if person.gender == "K" else "han"
        self.d = person.decided
        self.worker = self._name(self.rng.random() < 0.5)
        relation = self.rng.choice(["mamma", "pappa", "syster", "bror"])
        self.relative = (relation, self._name(relation in ("mamma", "syster")))
        self.goals, self.acts = self._order_shape()
        self.activities = self.rng.sample(ACTIVITIES, len(ACTIVITIES))[: max(self.acts, 1)]

    def _name(self, female: bool) -> str:
        first = self.rng.choice(["Eva", "Maria", "Karin", "Sara", "Lena", "Fatima", "Emma"]
                                if female else ["Lars", "Anders", "Johan", "Per", "Ali", "Omar"])
        last = self.rng.choice(["Lindqvist", "Berg", "Holm", "Nyström", "Ek", "Sandberg",
                                "Öberg", "Dahl", "Yilmaz", "Hassan"])
        return f"{first} {last}"

    def f(self, text: str) -> str:
        return text.format(fn=self.fn, pr=self.pr)

    def day(self, offset: int) -> dt.date:
        return self.d + dt.timedelta(days=offset)

    # -- shape of the order, fixed by the key where it is asked, else chosen to fit it
    def _order_shape(self) -> tuple[int, int]:
        if "antal_aktiviteter" in self.t:
            return whole(self.t, "antal_overgripande_mal"), whole(self.t, "antal_aktiviteter")
        shapes = [(g, a) for g in (0, 1, 2) for a in (0, 1, 2, 3, 4)]
        self.rng.shuffle(shapes)
        return next(s for s in shapes if self._fits(*s))

    def _fits(self, goals: int, acts: int) -> bool:
        t = self.t
        if "bestallning_strukturerad" in t and (t["bestallning_strukturerad"] == "ja") != (
                goals > 0 and acts > 0):
            return False
        for qid in ("stodbehov_per_aktivitet", "uppfoljning_varje_aktivitet"):
            need = {"ja": 1, "delvis": 2, "nej": 0}.get(str(t.get(qid)), 0)
            if acts < need:
                return False
        if t.get("genomforandeplan_overensstammer") == "ja" and acts == 0:
            return False
        return not (t.get("delmal_andrade_av_utforare") == "ja" and goals == 0)

    def render(self) -> None:
        self.header()
        self.investigation()
        self.decision()
        if self.t["beslut"] != "avslag":
            self.order()
            self.plan()
            self.follow_up()
        self.cooperation()
        self.representation()
        self.children()
        self.violence()
        self.accessibility()
        self.housing()

    def header(self) -> None:
        self.doc.section("Personakt – boendestöd enligt SoL (påhittat utbildningsärende)")
        self.doc.line(f"Namn: {self.p.first} {self.p.last}, född {self.p.birth_year}")
        self.doc.line(f"Stadsdelsförvaltning: {self.p.district}")

    def investigation(self) -> None:
        doc, t = self.doc, self.t
        doc.section(S_DUR)
        self._of_age()
        if t["dur_aktuell"] == "ja":
            doc.line(f"Utredning enligt DUR, daterad {self.day(-self.rng.randrange(20, 90))}.",
                     "dur_aktuell")
            doc.explicit("Utredningen är aktuell och ligger till grund för beslutet.",
                         "dur_aktuell")
            self._interests()
            self._home_visit()
            self._observations()
            self._network()
            self._findings()
        else:
            if self.rng.random() < 0.5:
                old = self.d.replace(year=self.d.year - self.rng.randrange(3, 7))
                doc.line(f"Utredning enligt DUR, daterad {old}. Ingen senare utredning finns.",
                         "dur_aktuell")
                doc.explicit("Utredningen är inaktuell; aktuell utredning saknas.", "dur_aktuell")
            else:
                doc.line("Någon utredning enligt DUR finns inte i akten; beslutet bygger på "
                         "ansökan och journalanteckningar.", "dur_aktuell")
            self._home_visit()

    def _interests(self) -> None:
        doc, rng = self.doc, self.rng
        level = self.t["intressen_resurser_onskemal"]
        parts = [
            ("Intressen", self.f(rng.choice([
                "{fn} tycker om att laga mat och lyssna på musik.",
                "{fn} är intresserad av fotboll och går gärna på matcher.",
                "{fn} målar och vill gärna gå en kurs i keramik."]))),
            ("Resurser", self.f(rng.choice([
                "{fn} klarar sin personliga hygien och att handla på egen hand.",
                "{fn} har god förmåga att uttrycka sina behov och håller tider."]))),
            ("Önskemål", self.f(rng.choice([
                "{fn} önskar stöd på förmiddagar och vill ha samma boendestödjare.",
                "{fn} önskar att stödet främst gäller tvätt och post."]))),
        ]
        shown = {"framgar": 3, "delvis": rng.choice([1, 2]), "saknas": 0}[str(level)]
        for label, text in rng.sample(parts, 3)[:shown]:
            doc.line(f"{label}: {text}" if doc.easy else text, "intressen_resurser_onskemal")
        doc.line(self.f(rng.choice([
            "{fn} har en diagnos inom autismspektrum och bor ensam i en hyresrätt.",
            "{fn} har en psykisk funktionsnedsättning och har svårt med struktur i vardagen."])),
            "intressen_resurser_onskemal")
        if level == "saknas":
            doc.explicit(self.f("Utredningen beskriver inte {fn}s intressen, resurser eller "
                                "önskemål."), "intressen_resurser_onskemal")
        elif level == "delvis":
            doc.explicit("Intressen, resurser och önskemål framgår endast delvis.",
                         "intressen_resurser_onskemal")

    def _home_visit(self) -> None:
        doc, t = self.doc, self.t
        if t["hembesok_gjort"] == "ja":
            when = self.day(-self.rng.randrange(20, 60))
            if t["hembesok_samtycke"] == "ja":
                doc.line(self.f(f"Hembesök gjordes {when}. {{fn}} samtyckte till besöket efter "
                                "att ha fått veta att {pr} kunde tacka nej utan att det påverkade "
                                "ansökan."), "hembesok_gjort", "hembesok_samtycke")
            else:
                doc.line(f"Hembesök gjordes {when} tillsammans med en kollega.",
                         "hembesok_gjort", "hembesok_samtycke")
                doc.explicit("Samtycke till hembesöket finns inte dokumenterat.",
                             "hembesok_samtycke")
        else:
            doc.line(self.f("Utredningssamtalet hölls på förvaltningens kontor; något "
                            "hembesök har inte gjorts."), "hembesok_gjort")

    def _observations(self) -> None:
        doc, rng = self.doc, self.rng
        title = ("Observationer under hembesök" if self.t["hembesok_gjort"] == "ja"
                 else "Beskrivning av situationen")
        if self.t["varderande_sprak"] == "ja":
            text = rng.choice([
                "Badrummet ser välstädat ut. I övrigt är det välstädat och inget att anmärka på.",
                "{fn} är en trevlig och skötsam person med ett välvårdat yttre.",
                "Diskbänk och spis är välstädade och hemmet är mysigt inrett."])
        else:
            text = rng.choice([
                "Man kommer in i en liten hall med hatthylla till vänster och krokar till höger.",
                "I köket finns diskbänk, spis och kylskåp; i diskhon står disk från två dagar.",
                "Bredvid byrån finns plats att hänga kläder; där hänger cirka fem tomma galgar."])
        doc.line(f"{title}: {self.f(text)}", "varderande_sprak")

    def _of_age(self) -> None:
        """A person who turned 18 lately: their file, and an investigation not updated."""
        doc, t = self.doc, self.t
        if t.get("nyligen_18") != "ja":
            doc.absent("nyligen_18", S_DUR)  # born long enough ago: see the header
            return
        doc.line(self.f(f"{{fn}} fyllde 18 år {self.p.birth_year + 18}."), "nyligen_18")
        if t.get("ny_akt_vid_18") == "ja":
            doc.line("Akten är upprättad för den vuxne, utan samhörighet med vårdnadshavare.",
                     "ny_akt_vid_18")
        else:
            doc.line("Akten är samhörig med vårdnadshavarens akt från tiden före 18 års ålder.",
                     "ny_akt_vid_18")
        if t.get("utredning_uppdaterad_18") == "nej":
            doc.line(self.f("Utredningen anger att föräldern har enskild vårdnad om {fn}."),
                     "utredning_uppdaterad_18")
        else:
            doc.absent("utredning_uppdaterad_18", S_DUR)

    def _findings(self) -> None:
        """Lines for the report's findings on the investigation (no draws: see case_truth)."""
        doc, t = self.doc, self.t
        if t.get("bakgrund_historia") == "ja":
            doc.line(self.f("Bakgrund: {fn} växte upp i Stockholm och har tidigare haft stöd "
                            "i skolan."), "bakgrund_historia")
        else:
            doc.absent("bakgrund_historia", S_DUR)
        if t.get("egen_uppfattning") == "ja":
            doc.line(self.f("{fn} berättar själv i utredningssamtalet att målet är att klara "
                            "vardagen mer på egen hand."),
                     "egen_uppfattning")
        else:
            doc.absent("egen_uppfattning", S_DUR)
        if t.get("livsomraden_utredda") == "ja":
            doc.line("Samtliga livsområden är utredda.", "livsomraden_utredda")
        else:
            doc.absent("livsomraden_utredda", S_DUR)

    def _network(self) -> None:
        rel, name = self.relative
        if self.t["anhoriga_information"] == "ja":
            self.doc.line(self.f(f"Nätverk: {{fn}} har kontakt med sin {rel} {name} varje vecka "
                                 "och träffar två vänner från föreningen."), "anhoriga_information")
        else:
            self.doc.absent("anhoriga_information", S_DUR)
            self.doc.explicit("Utredningen innehåller inga uppgifter om anhöriga eller nätverk.",
                              "anhoriga_information")

    def decision(self) -> None:
        doc, t, rng = self.doc, self.t, self.rng
        doc.section(S_BESLUT)
        kind = t["beslut"]
        end = self.day(365)
        doc.line(f"Beslut {self.d}, gäller till och med {end}.", "genomforandeplan_finns")
        first = t["forstagangsbeslut"] == "ja"
        if first:
            doc.line(self.f("{fn} har inte haft boendestöd tidigare."), "forstagangsbeslut")
        else:
            since = self.d.year - rng.randrange(2, 8)
            doc.line(self.f(f"{{fn}} har haft boendestöd sedan {since}."), "forstagangsbeslut")
        if kind == "avslag":
            doc.line(self.f("Ansökan om boendestöd avslås."), "beslut")
            doc.explicit("Beslutstyp: avslag.", "beslut")
        else:
            granted = t["beviljad_tid_timmar_manad"]
            granted_hours = whole(t, "beviljad_tid_timmar_manad")
            weekly = {13: 3, 26: 6}.get(granted_hours)
            hours = (f"{weekly} timmar per vecka" if weekly and self.difficulty == "hard"
                     else f"{granted} timmar per månad")
            if kind == "delavslag":
                doc.line(f"Ansökan avser {t['ansokt_tid_timmar_manad']} timmar per månad.",
                         "beslut", "ansokt_tid_timmar_manad")
                doc.line(f"Boendestöd beviljas med {hours}. I övrigt avslås ansökan.",
                         "beslut", "beviljad_tid_timmar_manad")
                doc.explicit("Beslutstyp: delavslag.", "beslut")
            else:
                doc.line(f"Boendestöd beviljas med {hours}.", "beslut",
                         "beviljad_tid_timmar_manad")
                doc.explicit("Beslutstyp: bifall enligt ansökan.", "beslut")
            if not first:
                same = t.get("samma_tid_som_foregaende") == "ja"
                before = granted_hours if same else granted_hours + rng.choice([-4, -2, 2, 4])
                doc.line(f"Föregående beslut ({self.day(-365)}): {max(before, 2)} timmar per "
                         "månad.", "samma_tid_som_foregaende")
                if same:
                    doc.explicit("Beviljad tid är densamma som vid föregående beslut.",
                                 "samma_tid_som_foregaende")
        if kind in ("avslag", "delavslag"):
            if t["avslag_motivering_lasbar"] == "ja":
                doc.line(self.f("Motivering: Behovet av stöd med tvätt och städning bedöms kunna "
                                "tillgodoses inom den beviljade tiden, eftersom {fn} klarar "
                                "inköp och matlagning på egen hand."), "avslag_motivering_lasbar")
            else:
                doc.line("Motivering: Se utredning.", "avslag_motivering_lasbar")
                doc.explicit("Skälen för beslutet går inte att utläsa.",
                             "avslag_motivering_lasbar")
            if t["info_andra_insatser"] == "ja":
                doc.line(self.f("{fn} har informerats om möjligheten att ansöka om daglig "
                                "verksamhet enligt LSS och om träffpunkter."),
                         "info_andra_insatser")
            else:
                doc.absent("info_andra_insatser", S_BESLUT)
                doc.explicit("Information om andra insatser finns inte dokumenterad.",
                             "info_andra_insatser")

    def order(self) -> None:
        doc, t = self.doc, self.t
        doc.section(S_BEST)
        self.order_day = self.day(self.rng.randrange(3, 15))
        doc.line(f"Beställning skickad till {self.rng.choice(PROVIDERS)} {self.order_day}.",
                 "genomforandeplan_dagar", "genomforandeplan_inom_15_dagar")
        struct = ("bestallning_strukturerad",)
        for goal in GOALS[: self.goals]:
            doc.line(f"Övergripande mål: {self.f(goal)}", *struct, "antal_overgripande_mal")
        if self.goals == 0:
            doc.absent("antal_overgripande_mal", S_BEST)
            doc.explicit("Målsättning för insatsen saknas i beställningen.", *struct,
                         "antal_overgripande_mal")
        if t["personlig_malsattning"] == "ja":
            doc.line(f"Personligt delmål: {self.f(self.rng.choice(PERSONAL_GOALS))}",
                     "personlig_malsattning")
        else:
            doc.absent("personlig_malsattning", S_BEST)
            doc.explicit(self.f("{fn}s personliga målsättning framgår inte."),
                         "personlig_malsattning")
        if t.get("bestallning_kopierad") == "ja":
            doc.line("Beställningen återger skrivningar från ett tidigare beslut om bostad med "
                     "särskild service.", "bestallning_kopierad")
        else:
            doc.absent("bestallning_kopierad", S_BEST)
        level = str(t["stodbehov_per_aktivitet"])
        with_need = {"ja": self.acts, "nej": 0,
                     "delvis": self.rng.randrange(1, max(self.acts, 2))}[level]
        if self.acts == 0:
            doc.line("Vad ska göras? Boendestöd.", *struct, "antal_aktiviteter",
                     "stodbehov_per_aktivitet")
            doc.explicit("Aktiviteter saknas i beställningen.", *struct, "antal_aktiviteter")
        for index, (name, what, need) in enumerate(self.activities[: self.acts]):
            text = f"Aktivitet: {name}. {what}"
            if index < with_need:
                text += f" Stödbehov: {self.f(need)}"
            doc.line(text, *struct, "antal_aktiviteter", "stodbehov_per_aktivitet")
        if level == "delvis":
            doc.explicit("Stödbehovet beskrivs bara för en del av aktiviteterna.",
                         "stodbehov_per_aktivitet")
        if t["utfors_utanfor_kontorstid"] == "ja":
            doc.line(self.f("Stödet ges tisdagar kl. 17–19 och varannan lördag, då {fn} "
                            "arbetar dagtid."), "utfors_utanfor_kontorstid")
        else:
            doc.line("Stödet ges vardagar mellan kl. 9 och 15.", "utfors_utanfor_kontorstid")

    def plan(self) -> None:
        self.doc.section(S_PLAN)
        if self.t["genomforandeplan_finns"] == "nej":
            self._plan_missing()
            return
        arrived = self._plan_arrival()
        self._plan_contents()
        self._plan_dialogue(arrived)

    def _plan_missing(self) -> None:
        doc, rng = self.doc, self.rng
        if rng.random() < 0.5:
            late = self.day(365 - rng.randrange(25, 70))
            doc.line(f"Genomförandeplan inkom {late}.", "genomforandeplan_finns")
            doc.explicit("Planen inkom under beslutets sista månader och räknas som "
                         "saknad.", "genomforandeplan_finns")
        else:
            doc.explicit("Genomförandeplan har inte inkommit.", "genomforandeplan_finns")
            doc.note(self.order_day + dt.timedelta(days=30),
                     "Påminnelse till utföraren: genomförandeplan har inte inkommit.",
                     "genomforandeplan_finns")

    def _plan_arrival(self) -> dt.date:
        """When the plan came, and whether the person took part in it."""
        doc, t = self.doc, self.t
        days = whole(t, "genomforandeplan_dagar")
        arrived = self.order_day + dt.timedelta(days=days)
        doc.line(f"Genomförandeplan inkom {arrived}.", "genomforandeplan_finns",
                 "genomforandeplan_dagar", "genomforandeplan_inom_15_dagar")
        doc.explicit(f"Planen inkom {days} dagar efter beställningen.",
                     "genomforandeplan_dagar", "genomforandeplan_inom_15_dagar")
        if t["delaktighet_genomforandeplan"] == "ja":
            doc.line(self.f("Planen är upprättad tillsammans med {fn} vid ett hembesök; {fn} "
                            "ville börja med tvätten."), "delaktighet_genomforandeplan")
        else:
            doc.absent("delaktighet_genomforandeplan", S_PLAN)
            doc.explicit(self.f("Det framgår inte hur {fn} har varit delaktig i planen."),
                         "delaktighet_genomforandeplan")
        return arrived

    def _plan_contents(self) -> None:
        """The plan's goals and activities against the order's."""
        doc, t, rng = self.doc, self.t, self.rng
        match = t["genomforandeplan_overensstammer"]
        copied = t.get("plan_kopierad", "nej") == "ja"
        how = t.get("plan_vad_hur", "ja") == "ja"
        changed = t.get("delmal_andrade_av_utforare", "nej") == "ja"
        m, g = "genomforandeplan_overensstammer", "delmal_andrade_av_utforare"
        if self.goals:
            goal = self.f(rng.choice(OTHER_GOALS) if changed else GOALS[0])
            doc.line(f"Delmål i planen: {goal}", g)
            if changed:
                doc.explicit("Utföraren har ändrat delmålet i beställningen.", g)
        elif changed is False:
            doc.absent(g, S_PLAN)
        if match == "nej":
            if copied:
                doc.line("Planen är upprättad för insatsen ledsagning som " + self.fn
                         + " också har: ledsagning till bio, café, inköp av kläder och gym.",
                         m, "plan_kopierad", "plan_vad_hur")
            else:
                doc.line("Vad: Social samvaro och promenader. Hur: Boendestödjaren följer med "
                         + self.fn + " på promenader två gånger i veckan.", m, "plan_vad_hur",
                         "plan_kopierad")
            doc.explicit("Planen stämmer inte med beställningen.", m)
        else:
            chosen = list(self.activities[: self.acts])
            if match == "delvis":
                if len(chosen) >= 2 and rng.random() < 0.5:
                    chosen = chosen[:-1]
                    doc.explicit("En aktivitet i beställningen saknas i planen.", m)
                else:
                    extra = next(a for a in ACTIVITIES if a not in chosen)
                    chosen = [*chosen, extra]
                    doc.explicit(f"Utföraren har lagt till aktiviteten {extra[0]}.", m)
            for name, what, _need in chosen:
                if copied:
                    text = f"Vad: {name}. Hur: {what}"
                elif how:
                    text = (f"Vad: {name}. Hur: Boendestödjaren går igenom uppgiften steg för "
                            f"steg tillsammans med {self.fn} och bockar av på en checklista.")
                else:
                    text = f"Vad: {name}."
                doc.line(text, m, "plan_vad_hur", "plan_kopierad")
            if copied:
                doc.explicit("Planens Hur-text är kopierad från beställningen.", "plan_kopierad")

    def _plan_dialogue(self, arrived: dt.date) -> None:
        doc, t = self.doc, self.t
        if "dialog_bestallare_utforare" in t:
            if t["dialog_bestallare_utforare"] == "ja":
                doc.note(arrived + dt.timedelta(days=7),
                         "Avstämning med utföraren om att planen avviker från beställningen; "
                         "överens om att planen revideras.", "dialog_bestallare_utforare")
            else:
                doc.absent("dialog_bestallare_utforare", S_JOURNAL)
                doc.explicit("Ingen dialog med utföraren om avvikelserna finns dokumenterad.",
                             "dialog_bestallare_utforare")

    def follow_up(self) -> None:
        doc, t = self.doc, self.t
        if "uppfoljning_dokumenterad" not in t:
            return
        when = self.day(-self.rng.randrange(20, 50))
        doc.section("Uppföljning")
        if t["uppfoljning_dokumenterad"] == "nej":
            doc.absent("uppfoljning_dokumenterad", S_JOURNAL)
            doc.explicit("Ingen uppföljning av insatsen finns dokumenterad.",
                         "uppfoljning_dokumenterad")
            return
        ways = choices(t, "uppfoljning_hur")
        took_part = t.get("uppfoljning_deltagare")
        q = ("uppfoljning_dokumenterad", "uppfoljning_hur", "uppfoljning_deltagare")
        worker = f"boendestödjaren {self.worker}"
        if took_part in ("enskilde", "bada", "bada_var_for_sig"):
            who = f"med {self.fn} och {worker}" if took_part == "bada" else f"med {self.fn}"
            if "personligt_mote" in ways:
                doc.note(when, f"Uppföljning vid möte {who} på förvaltningens kontor.", *q)
            if "telefon" in ways:
                doc.note(when, f"Uppföljning per telefon {who}.", *q)
        if took_part in ("utforaren", "bada_var_for_sig"):
            text = f"Uppföljning per telefon med {worker}, utan {self.fn}."
            if t["uppfoljning_separat_skal"] == "ja":
                text += f" Separat eftersom {self.fn} inte ville delta i ett gemensamt möte."
            else:
                doc.explicit("Skälet till att uppföljningen gjordes separat framgår inte.",
                             "uppfoljning_separat_skal")
            doc.note(when, text, *q, "uppfoljning_separat_skal")
        level = t["uppfoljning_varje_aktivitet"]
        names = [a[0] for a in self.activities[: self.acts]]
        if level == "ja":
            text = "Genomgång av aktiviteterna: " + "; ".join(
                f"{n} – fungerar med stöd en gång i veckan" for n in names) + "."
        elif level == "delvis":
            text = f"Genomgång: {names[0]} fungerar bättre. I övrigt fungerar insatsen bra."
        else:
            text = f"Insatsen fungerar bra och {self.fn} vill fortsätta."
        doc.note(when + dt.timedelta(days=1), "Uppföljning, forts.: " + text,
                 "uppfoljning_varje_aktivitet")
        if t.get("uppfoljning_genomforandeplan") == "ja":
            doc.note(when + dt.timedelta(days=1), "Genomförandeplanen gicks igenom mål för mål "
                     "vid uppföljningen.", "uppfoljning_genomforandeplan")
        elif "uppfoljning_genomforandeplan" in t:
            doc.absent("uppfoljning_genomforandeplan", S_JOURNAL)

    def cooperation(self) -> None:
        doc, t = self.doc, self.t
        if t["samverkan_psykiatri"] == "ja":
            doc.note(self.day(-70), self.f("Samverkansmöte med psykiatriska mottagningen om "
                                           "{fn}s medicinering och stöd."), "samverkan_psykiatri")
        else:
            doc.absent("samverkan_psykiatri", S_JOURNAL)
        if t["sip_aktuell"] == "ja":
            doc.note(self.day(-40), "SIP upprättad tillsammans med psykiatrin och "
                     + self.fn + "; planen gäller ett år.", "sip_aktuell")
        else:
            doc.absent("sip_aktuell", S_JOURNAL)
            if t["sip_mote_inplanerat"] == "ja":
                doc.note(self.day(-5), "SIP-möte inplanerat till "
                         f"{self.day(25)}.", "sip_mote_inplanerat", "sip_aktuell")
            else:
                doc.absent("sip_mote_inplanerat", S_JOURNAL)

    def representation(self) -> None:
        doc, t = self.doc, self.t
        rel, rel_name = self.relative
        doc.section(S_OTHER)
        q = ("fullmakt_sekretessmedgivande", "fullmakt_typ", "fullmakt_innehavare")
        if t["fullmakt_sekretessmedgivande"] == "ja":
            holders = list(choices(t, "fullmakt_innehavare"))
            kinds = list(choices(t, "fullmakt_typ"))
            # Each kind has one holder; a relative holds a representing kind if there is one.
            order = sorted(kinds, key=lambda k: k == "sekretessmedgivande")
            given = dict(zip(order, holders, strict=False))
            for kind in order[len(holders):]:
                given[kind] = holders[-1]
            for index, kind in enumerate(kinds):
                if given[kind] == "anhorig":
                    who = f"{rel} {rel_name} (anhörig)"
                else:
                    who = {"fullmakt": "kurator Anna Ek (professionell kontakt)",
                           "god_man": "Anna Ek, yrkesverksam god man",
                           "forvaltare": "Anna Ek, yrkesverksam förvaltare",
                           "sekretessmedgivande": "psykiatriska mottagningen (professionell "
                           "kontakt)"}[kind]
                label = {"fullmakt": "Fullmakt", "god_man": "God man",
                         "forvaltare": "Förvaltare",
                         "sekretessmedgivande": "Sekretessmedgivande gentemot"}[kind]
                doc.line(f"{label}: {who}, daterad {self.day(-200 - index)}.", *q)
        else:
            for qid in q:
                doc.absent(qid, S_OTHER)
            doc.explicit("Det finns ingen fullmakt eller sekretessmedgivande i akten.", *q)
        rep = t["anhoriga_foretrader_tydligt"]
        if rep == "ja":
            doc.note(self.day(-100), f"{rel.capitalize()} {rel_name} ringer för {self.fn}s "
                     "räkning enligt gällande fullmakt.", "anhoriga_foretrader_tydligt")
        elif rep == "nej":
            doc.note(self.day(-100), f"{rel.capitalize()} {rel_name} ringer och ansöker om "
                     f"utökat boendestöd för {self.fn}s räkning.", "anhoriga_foretrader_tydligt")
            doc.explicit(f"Fullmakt för {rel} finns inte dokumenterad.",
                         "anhoriga_foretrader_tydligt")
        else:
            doc.absent("anhoriga_foretrader_tydligt", S_JOURNAL)
        support = t["anhorigstod_hanvisning"]
        if support != "ej_relevant":
            text = f"{rel.capitalize()} {rel_name} hjälper {self.fn} med städning och post."
            if support == "ja":
                text += f" {rel.capitalize()} har fått information om anhörigkonsulenten."
            doc.note(self.day(-90), text, "anhorigstod_hanvisning")
        else:
            doc.absent("anhorigstod_hanvisning", S_JOURNAL)

    def children(self) -> None:
        doc, t = self.doc, self.t
        q = "forelder_minderariga_barn"
        if t[q] == "nej":
            if self.rng.random() < 0.5 and self.p.birth_year < 1980:
                doc.note(self.day(-30), self.f(f"{{fn}}s vuxna son, född {self.p.birth_year + 25},"
                                               " hälsar på ibland."), q)
            else:
                doc.absent(q, S_DUR)
                doc.explicit(self.f("{fn} har inga barn."), q)
            return
        years = "barn_fodelsear"
        living = {"heltid": "bor hos {fn} hela tiden", "deltid": "bor hos {fn} varannan vecka",
                  "umgange": "bor hos den andra föräldern och träffar {fn} varannan helg",
                  "placerat": "är placerat i familjehem", "oklart": ""}
        for index, code in enumerate(choices(t, "barn_boende")):
            born = self.d.year - 6 - 3 * index
            which = ["En dotter", "En son"][index % 2]
            told = f"född {born}" if t[years] == "ja" else f"{self.d.year - born} år"
            where = self.f(living[code])
            text = f"{which}, {told}" + (f", {where}." if where else ".")
            doc.line_in(S_DUR, "Barn: " + text if doc.easy else text, q, years, "barn_boende")
        if t["barnkonsekvensanalys"] == "ja":
            doc.line_in(S_DUR, self.f("Barnkonsekvensanalys: Beslutet bedöms ge barnen en "
                                      "stabilare vardag hos {fn}; barnens situation har "
                                      "beskrivits."), "barnkonsekvensanalys")
        else:
            doc.absent("barnkonsekvensanalys", S_DUR)
        ung = t["samverkan_barn_ungdom"]
        if ung == "ja":
            doc.note(self.day(-60), "Samverkansmöte med enheten för barn och ungdom om barnens "
                     "situation.", "samverkan_barn_ungdom")
        elif ung == "nej":
            doc.note(self.day(-60), "Det pågår en utredning inom barn och ungdom om barnen.",
                     "samverkan_barn_ungdom")
        else:
            doc.absent("samverkan_barn_ungdom", S_JOURNAL)

    def violence(self) -> None:
        doc, t = self.doc, self.t
        q = ("vald_fragat", "vald_dokumentation_plats")
        if t["vald_fragat"] == "nej":
            doc.absent("vald_fragat", S_JOURNAL)
            doc.explicit("Frågor om våld finns inte dokumenterade.", "vald_fragat")
            return
        places = choices(t, "vald_dokumentation_plats")
        answer = self.f("{fn} uppger att {pr} inte har utsatts för våld.")
        if "utredning" in places:
            doc.line_in(S_DUR, f"Frågor om våld ställdes i utredningen. {answer}", *q)
        if "beskrivningsrutan" in places:
            doc.line(f"Beskrivningsruta: Frågat om våld {self.day(-25)}, inget framkom.", *q)
        if "separat_dokument" in places:
            doc.line(f"Separat dokument i dokumenthanteraren: \"Frågor om våld\", {self.day(-24)}."
                     , *q)
        if "journal" in places:
            doc.note(self.day(-23), f"Frågat om våld och våldsutsatthet. {answer}", *q)

    def accessibility(self) -> None:
        doc, t = self.doc, self.t
        if t["info_annan_tid"] == "ja":
            doc.note(self.day(-15), self.f("{fn} har informerats om att stödet kan ges på annan "
                                           "tid än vardagar dagtid."), "info_annan_tid")
        else:
            doc.absent("info_annan_tid", S_JOURNAL)
        change = t.get("info_byta_utforare")
        if change in ("ja", "nej"):
            text = self.f("{fn} är missnöjd med boendestödjaren och tycker att tiderna inte hålls.")
            if change == "ja":
                text += self.f(" {fn} informerades om möjligheten att byta utförare.")
            doc.note(self.day(-10), text, "info_byta_utforare")
        elif change == "ej_relevant":
            doc.absent("info_byta_utforare", S_JOURNAL)

    def housing(self) -> None:
        doc, t = self.doc, self.t
        if t["tranings_forsokslagenhet"] == "ja":
            doc.line_in(S_DUR, self.f("Boende: {fn} bor i en träningslägenhet sedan "
                                      f"{self.d.year - 2}."), "tranings_forsokslagenhet")
            if t["overtagande_atgarder"] == "ja":
                doc.note(self.day(-80), self.f("Plan för övertagande av kontraktet: hyran betalas "
                                               "i tid sedan sex månader; bostadsbolaget kontaktat "
                                               "inför övertagande."), "overtagande_atgarder")
            else:
                doc.note(self.day(-80), "Övertagande av kontraktet diskuterades.",
                         "overtagande_atgarder")
        else:
            doc.line_in(S_DUR, self.f("Boende: {fn} har eget förstahandskontrakt på en "
                                      "hyresrätt."), "tranings_forsokslagenhet")
