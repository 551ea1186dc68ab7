"""The phrase banks a boendestöd case file is written with: section titles, goals, activities."""

S_DUR, S_BESLUT, S_BEST = "Utredning (DUR)", "Beslut", "Beställning till utförare"
S_PLAN, S_JOURNAL, S_OTHER = "Genomförandeplan", "Journalanteckningar", "Övriga handlingar"

ACTIVITIES = (
    ("Städa", "Upprätta fungerande rutiner och struktur för städning.",
     "{fn} vill att boendestödjaren är med under hela städningen eftersom {pr} har svårt "
     "att påbörja och slutföra den."),
    ("Tvätta", "Skapa rutiner kring tvätt och fullfölja tvätten.",
     "Stöd med att boka tid i tvättstugan och starta upp; därefter klarar {fn} resten själv."),
    ("Handla/ärenden", "Planera och genomföra matinköp.",
     "{fn} behöver stöd under hela inköpet, främst motiverande stöd."),
    ("Post och ekonomi", "Öppna och sortera post och betala räkningar i tid.",
     "Avstämning varje vecka om räkningarna är betalda; {fn} gör det på egen hand."),
    ("Veckoschema", "Upprätta ett veckoschema med dagar för städning, tvätt och träning.",
     "Stöd i att starta upp; {fn} följer sedan schemat själv med påminnelser."),
    ("Matlagning", "Laga enkla måltider till sig själv.",
     "Stöd under hela matlagningen tills {fn} känner sig säker."),
)
GOALS = (
    "Att {fn} ska ha en fungerande vardag med rutiner och struktur.",
    "Fungerande och hållbar situation avseende vardagsaktiviteter.",
    "Att {fn} ska kunna bo kvar i sin lägenhet.",
)
OTHER_GOALS = ("Att {fn} ska komma ut mer och träffa andra.", "Att {fn} ska börja träna.")
PERSONAL_GOALS = (
    "{fn}s eget mål är att kunna tvätta utan påminnelser.",
    "{fn} vill själv lära sig att betala räkningarna i tid.",
    "{fn}s eget delmål är att kunna bjuda hem sin syster på middag.",
)
PROVIDERS = ("Boendestöd Söder AB", "Stadsdelens egen regi, boendestödsenheten",
             "Vardagsstöd i Stockholm AB", "Trygga Steg Omsorg AB")
