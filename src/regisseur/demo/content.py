"""Constants, names and texts for the demo organisation, written for Regisseur."""

ORGANISATION_NAME = "Regisseur Demo"
# Published in the README and printed on start: demo data is for trying Regisseur out, never for production.
DEMO_PASSWORD = "demo-regisseur"  # noqa: S105
AMSTERDAM = "Europe/Amsterdam"
SEED = 2026

DUTCH_FIRST_NAMES = [
    "Sanne", "Daan", "Lotte", "Bram", "Emma", "Thijs", "Fleur", "Jeroen", "Anouk", "Ruben",
    "Iris", "Sem", "Noor", "Lars", "Femke", "Milan", "Eva", "Joost", "Lieke", "Tim",
    "Maud", "Wouter", "Sophie", "Niels", "Yara", "Mohamed", "Fatima", "Youssef", "Esra", "Mehmet",
]  # fmt: skip
DUTCH_LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
    "Dekker", "Brouwer", "de Wit", "Dijkstra", "de Graaf", "van der Meer", "El Idrissi", "Yılmaz",
    "Kok", "Verhoeven", "Şahin", "Postma", "Willemsen",
]  # fmt: skip
ENGLISH_FIRST_NAMES = [
    "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Emily", "Noah", "Grace",
    "Liam", "Chloe", "Ethan", "Sophia", "James", "Mia", "Arjun", "Zoe", "Daniel", "Hannah",
]  # fmt: skip
ENGLISH_LAST_NAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas",
    "Roberts", "Walker", "Wright", "Thompson", "Hughes", "Patel", "O'Brien", "Clarke", "Murphy",
]  # fmt: skip

# The organisation works in Dutch: its library (locations, guidelines) and what its recruiters
# write (reasons, memos, reports) are Dutch; on the English-language vacancies of the
# software client the recruiters write in English. Candidates' own words follow their language.
ORGANISATION_LANGUAGE = "nl"

LOCATION_PRESETS = {
    "utrecht": (
        "Kantoor Utrecht",
        "Catharijnesingel 80, 3511 GP Utrecht. Meld je bij de receptie op de begane grond; "
        "bezoekers parkeren in de parkeergarage Hoog Catharijne.",
    ),
    "amsterdam": (
        "Kantoor Amsterdam",
        "Stationsplein 45, 1012 AB Amsterdam, 4e verdieping. Vijf minuten lopen vanaf Centraal Station.",
    ),
    "teams": (
        "Microsoft Teams",
        "Online via Microsoft Teams. De link staat in de uitnodiging; test vooraf je camera en microfoon.",
    ),
    "phone": ("Telefonisch", "We bellen je op het mobiele nummer dat we van je hebben."),
    "old": ("Kantoor Zeist (gesloten)", "Utrechtseweg 10, 3704 HA Zeist"),
}

STAR_TITLE = "STAR-methode"
STAR_TEXT = """\
Vraag naar concrete voorbeelden uit het verleden: wat iemand deed, voorspelt het best wat hij of zij gaat doen.
Laat de kandidaat één verhaal tegelijk vertellen en loop dat in vier stappen door.

Situatie – Waar en wanneer was dit? Wie waren erbij betrokken? ("Vertel eens over een moment waarop…")
Taak – Wat werd er van jou persoonlijk verwacht? Wat maakte het lastig?
Actie – Wat deed je, stap voor stap? Luister naar "ik" in plaats van "wij".
Resultaat – Wat leverde het op? Hoe reageerden anderen? Wat zou je een volgende keer anders doen?

Tips
- Vraag naar één recente situatie (van de afgelopen twee jaar), niet naar wat iemand meestal doet.
- Vraag door tot je alle vier de stappen hebt; een verhaal zonder resultaat is een half verhaal.
- Noteer feiten en citaten tijdens het gesprek; oordeel achteraf, niet tijdens het luisteren.
"""

COMPETENCY_TITLE = "Competentiegericht interview"
COMPETENCY_TEXT = """\
Een competentiegericht interview toetst de drie tot vijf competenties die voor deze vacature het
zwaarst wegen, vooraf gekozen met de hiringmanager. Elke interviewer vraagt naar dezelfde
competenties, zodat de beoordelingen in de panelbespreking te vergelijken zijn.

Per competentie
1. Open met een brede vraag: "Vertel eens over een keer dat je mensen moest meekrijgen in een verandering."
2. Vraag door met de STAR-methode tot je het gedrag voor je ziet.
3. Scoor direct na het gesprek op het beoordelingsformulier (1–5) met één regel onderbouwing.

Goede competenties om uit te kiezen: samenwerken, plannen en organiseren, klantgerichtheid,
analytisch vermogen, veerkracht, overtuigingskracht, leervermogen.
Vermijd hier hypothetische vragen ("Wat zou je doen als…"): die meten ideeën, geen gedrag.
"""

OPENING_TITLE = "Een gesprek openen en afsluiten"
OPENING_TEXT = """\
Opening (5 minuten)
- Heet de kandidaat welkom, stel iedereen voor en noem ieders rol.
- Licht de agenda toe en hoe lang het gesprek duurt.
- Vertel wat er met de uitkomst gebeurt en wanneer de kandidaat van ons hoort.

Afsluiting (10 minuten)
- Nodig de kandidaat uit eigen vragen te stellen en noteer die op het beoordelingsformulier.
- Vraag naar beschikbaarheid, opzegtermijn en salarisverwachting als dat nog niet gebeurd is.
- Spreek de volgende stap en de datum van het antwoord af, en houd je aan die datum.
"""

# What the recruiters write, in the vacancy's language.
REASONS = {
    "nl": ["Eerste gesprek", "Tweede gesprek", "Kennismakingsgesprek"],
    "en": ["First interview", "Second interview", "Introductory interview"],
}
HIRING_MANAGER_REASON = {"nl": "Gesprek met de hiringmanager", "en": "Interview with the hiring manager"}
GROUP_REASON = "Groepsassessment"
ROUND_REASON = "Eerste ronde"
ROUND_NAMES = ["Eerste ronde – ochtend", "Eerste ronde – middag"]
PARKING_MEMO = "Kandidaat vroeg om een parkeervergunning: geregeld met de receptie."
SALARY_MEMO = {
    "nl": "Salarisverwachting boven de schaal: eerst met de klant bespreken.",
    "en": "Salary expectation above the scale: discuss with the client first.",
}
CANCEL_REASONS = {
    "candidate": {
        "nl": "Kandidaat kan niet komen; een nieuwe datum volgt.",
        "en": "The candidate cannot come; a new date follows.",
    },
    "client": {
        "nl": "Hiringmanager ziek; de klant vraagt om een nieuwe datum.",
        "en": "Hiring manager ill; the client asks for a new date.",
    },
}
WITHDRAWAL_MESSAGE = {"nl": "Ik heb een ander aanbod aangenomen.", "en": "I accepted another offer."}

HELD_REPORTS = {
    "nl": [
        "Goed gesprek. Kandidaat gaf duidelijke STAR-voorbeelden over samenwerking; twijfel over "
        "beschikbaarheid in het weekend. Volgende stap: referenties nabellen.",
        "Enthousiast en communicatief sterk, maar weinig ervaring met roosterplanning. Advies: afwijzen "
        "voor deze rol, wel interessant voor de vacature Medewerker Planning.",
        "Open gesprek, kandidaat kwam goed voorbereid. Sterk in klantgerichtheid. Volgende stap: "
        "kennismaking met het team.",
        "Sterke, concrete voorbeelden van plannen onder druk. Gemotiveerd door het team, minder door het "
        "salaris. Volgende stap: tweede gesprek met de hiringmanager.",
        "Rustig en precies. Past goed in het team; de hiringmanager wil een aanbod doen.",
    ],
    "en": [
        "Technically solid; explained a difficult migration clearly. Asked good questions about on-call duty. "
        "Advice: invite for the case assignment.",
        "Strong, concrete examples of planning under pressure. Motivated by the team, less by the salary. "
        "Next step: second interview with the hiring manager.",
        "Calm and precise. Good fit with the team; the hiring manager wants to make an offer.",
    ],
}
