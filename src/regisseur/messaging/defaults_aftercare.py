"""Built-in texts for the monitoring aftercare (seed 000), in Dutch and English; see messaging.defaults.

The check-ins go out within an hour of the end. {rating_link} becomes five one-click
scores (1 to 5) in an email and one link in a text message; a text message carries the
check-in up to its rating link, so the candidate's first paragraph stays short.
"""

from __future__ import annotations

from regisseur.messaging.models import Purpose

AFTERCARE_DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {
    Purpose.CHECK_IN: {
        "nl": (
            "Check-in na het gesprek",
            "Hoe ging je gesprek voor {vacancy_title}?",
            "Hoi {candidate_first_name}, hoe ging je gesprek voor {vacancy_title}? "
            "Geef je ervaring een cijfer van 1 tot 5:\n\n"
            "{rating_link}\n\n"
            "Wil je iets kwijt of heb je een vraag? Beantwoord dan gewoon dit bericht. "
            "We laten je weten hoe het verder gaat.",
        ),
        "en": (
            "Check-in after the interview",
            "How did your interview for {vacancy_title} go?",
            "Hi {candidate_first_name}, how did your interview for {vacancy_title} go? "
            "Rate your experience from 1 to 5:\n\n"
            "{rating_link}\n\n"
            "Anything you would like to tell us, or a question? Just reply to this message. "
            "We will let you know the next steps.",
        ),
    },
    Purpose.CHECK_IN_CLIENT: {
        "nl": (
            "Check-in na het gesprek (klant)",
            "Hoe ging het gesprek met {candidate_name}?",
            "Hoi,\n\n"
            "Hoe ging het gesprek met {candidate_name} voor {vacancy_title}? "
            "Geef je ervaring met het gesprek en de organisatie ervan een cijfer van 1 tot 5:\n\n"
            "{rating_link}\n\n"
            "Laat je ons ook weten wat de volgende stap is en wanneer we je terugkoppeling mogen verwachten? "
            "Beantwoord gewoon dit bericht.",
        ),
        "en": (
            "Check-in after the interview (client)",
            "How did the interview with {candidate_name} go?",
            "Hello,\n\n"
            "How did the interview with {candidate_name} for {vacancy_title} go? "
            "Rate your experience with the interview and how it was organised from 1 to 5:\n\n"
            "{rating_link}\n\n"
            "Could you also let us know the next step and when we can expect your feedback? "
            "Just reply to this message.",
        ),
    },
    Purpose.DEBRIEF: {
        "nl": (
            "Uitnodiging debrief",
            "Debrief: gesprek met {candidate_name} voor {vacancy_title}",
            "Hoi,\n\n"
            "Graag bespreken we het gesprek met {candidate_name} van {interview_date} voor {vacancy_title} "
            "bij {client_name} na: hoe ging het, wat vinden we ervan en wat is de volgende stap?",
        ),
        "en": (
            "Debrief invitation",
            "Debrief: interview with {candidate_name} for {vacancy_title}",
            "Hello,\n\n"
            "Let us talk over the interview with {candidate_name} on {interview_date} for {vacancy_title} "
            "at {client_name}: how did it go, what do we think, and what is the next step?",
        ),
    },
}
