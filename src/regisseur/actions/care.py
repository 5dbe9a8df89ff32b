"""Aftercare of the interview (seed 002, issue 11 item 6): one function per thing a recruiter
(or the candidate, through their result link) does."""

from __future__ import annotations

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.evaluation import care
from regisseur.evaluation.models import InterviewCare, VacancyCare
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message
from regisseur.recruitment.models import Vacancy


@transaction.atomic
def mark_sensitive(*, actor: User, interview: Interview, sensitive: bool) -> InterviewCare:
    """Mark an interview sensitive (its aftercare follow-up is then due), or not."""
    return care.set_sensitive(actor=actor, interview=interview, sensitive=sensitive)


@transaction.atomic
def complete_follow_up(*, actor: User, interview: Interview, note: str = "") -> InterviewCare:
    """The candidate was asked how they experienced the sensitive interview."""
    return care.complete_follow_up(actor=actor, interview=interview, note=note)


@transaction.atomic
def set_result_review(*, actor: User, vacancy: Vacancy, enabled: bool) -> VacancyCare:
    """Switch the written-result review on or off for a vacancy."""
    return care.set_result_review(actor=actor, vacancy=vacancy, enabled=enabled)


@transaction.atomic
def send_result_for_review(*, actor: User, interview: Interview, text: str) -> Message:
    """Send the written result to the candidate for review."""
    return care.send_result(actor=actor, interview=interview, text=text)


@transaction.atomic
def correct_result(*, token: str, corrections: str) -> InterviewCare:
    """The candidate's corrections (or approval) of the written result, through their link."""
    return care.record_corrections(token=token, corrections=corrections)
