"""The drafted rejection message after a panel decision (E3), in the candidate's language.

The recruiter reads and edits it on the communicate page before anything is sent. It is built
from the candidate's and vacancy's names only: nothing of the scorecards, let alone the
off-the-record notes (E4), ever goes into it.
"""

from __future__ import annotations

from regisseur.interviews.models import Interview

TEXTS: dict[str, tuple[str, str]] = {
    "nl": (
        "Je sollicitatie voor {vacancy}",
        "Beste {first_name},\n\n"
        "Dank je wel voor het gesprek en de tijd die je erin hebt gestoken. We hebben je sollicitatie "
        "voor {vacancy} zorgvuldig besproken en hebben besloten je niet verder mee te nemen in de procedure.\n\n"
        "We begrijpen dat dit een teleurstelling is. Wil je een toelichting, neem dan gerust contact met me op.\n\n"
        "Veel succes gewenst.",
    ),
    "en": (
        "Your application for {vacancy}",
        "Dear {first_name},\n\n"
        "Thank you for the interview and the time you put into it. We have carefully discussed your "
        "application for {vacancy} and have decided not to take it further.\n\n"
        "We understand this is a disappointment. If you would like an explanation, please feel free to "
        "contact me.\n\n"
        "We wish you every success.",
    ),
}


def rejection_text(interview: Interview) -> tuple[str, str]:
    """Subject and body of the rejection, filled in for the interview's candidate."""
    candidate = interview.application.candidate if interview.application is not None else None
    language = candidate.language if candidate is not None and candidate.language in TEXTS else "nl"
    subject, body = TEXTS[language]
    values = {
        "first_name": candidate.first_name if candidate is not None else "",
        "vacancy": interview.vacancy.title,
    }
    return subject.format(**values), body.format(**values)
