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

STAR_TEXT = """\
Ask for concrete examples from the past: what someone did is the best predictor of what they will do.
Let the candidate tell one story at a time and follow it through four steps.

Situation – Where and when was this? Who was involved? ("Tell me about a moment when…")
Task – What was expected of you personally? What made it difficult?
Action – What did you do, step by step? Listen for "I" rather than "we".
Result – What came of it? How did others react? What would you do differently next time?

Tips
- Ask for one recent situation (within the last two years), not for what someone usually does.
- Keep asking until you have all four steps; a story without a result is half a story.
- Note facts and quotes during the interview; judge afterwards, not while listening.
"""

COMPETENCY_TEXT = """\
A competency interview tests the three to five competencies that matter most for this vacancy,
chosen beforehand with the hiring manager. Every interviewer asks about the same competencies,
so that the evaluations can be compared in the panel review.

Per competency
1. Open with a broad question: "Tell me about a time you had to win people over for a change."
2. Go deeper with the STAR method until you can see the behaviour.
3. Score right after the interview on the scorecard (1–5) with one line of evidence.

Good competencies to choose from: collaboration, planning and organising, customer focus,
analytical ability, resilience, persuasiveness, learning ability.
Avoid hypothetical questions ("What would you do if…") for these: they measure ideas, not behaviour.
"""

OPENING_TEXT = """\
Opening (5 minutes)
- Welcome the candidate, introduce everyone present and their role.
- Explain the agenda and how long the interview takes.
- Tell what happens with the result and when the candidate will hear from us.

Closing (10 minutes)
- Invite the candidate's own questions and note them on the scorecard.
- Check availability, notice period and salary expectations if not done yet.
- Agree on the next step and the date of the answer, and keep to that date.
"""

HELD_REPORTS = [
    "Strong, concrete examples of planning under pressure. Motivated by the team, less by the salary. "
    "Next step: second interview with the hiring manager.",
    "Goed gesprek. Kandidaat gaf duidelijke STAR-voorbeelden over samenwerking; twijfel over "
    "beschikbaarheid in het weekend. Volgende stap: referenties nabellen.",
    "Technically solid; explained a difficult migration clearly. Asked good questions about on-call duty. "
    "Advice: invite for the case assignment.",
    "Enthousiast en communicatief sterk, maar weinig ervaring met roosterplanning. Advies: afwijzen "
    "voor deze rol, wel interessant voor de vacature Medewerker Planning.",
    "Calm and precise. Good fit with the team; the hiring manager wants to make an offer.",
    "Open gesprek, kandidaat kwam goed voorbereid. Sterk in klantgerichtheid. Volgende stap: "
    "kennismaking met het team.",
]
