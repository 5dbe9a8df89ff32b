"""Built-in texts for evaluation and aftercare (seeds 001, 002), in Dutch and English; see messaging.defaults."""

from __future__ import annotations

from regisseur.messaging.models import Purpose

EVALUATION_DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {
    # Issue 11, item 4: the link to the scorecard is added below the text when it is sent.
    Purpose.FEEDBACK_REMINDER: {
        "nl": (
            "Herinnering: feedback op het gesprek",
            "Je feedback op het gesprek met {candidate_name}",
            "Beste collega,\n\n"
            "Je hebt nog geen feedback gegeven op het gesprek met {candidate_name} voor de vacature "
            "{vacancy_title} op {interview_date} om {interview_time}. Vul je scorecard in zolang het gesprek "
            "nog vers in je geheugen zit; het panel beslist pas als iedereen zijn oordeel heeft gegeven.\n\n"
            "Je scorecard:",
        ),
        "en": (
            "Reminder: feedback on the interview",
            "Your feedback on the interview with {candidate_name}",
            "Dear colleague,\n\n"
            "You have not yet given your feedback on the interview with {candidate_name} for the vacancy "
            "{vacancy_title} on {interview_date} at {interview_time}. Please fill in your scorecard while the "
            "interview is fresh in your mind; the panel decides once everyone has given their view.\n\n"
            "Your scorecard:",
        ),
    },
}
