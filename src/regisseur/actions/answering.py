"""The candidate answers through their link (A1-A3): recorded, followed up, and a withdrawal carried out.

And the recruiter ticks off what an answer asked for (send the questions, call back)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.actions.cancelling import cancel_for_withdrawal
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging.models import Message
from regisseur.messaging.notices import notify_recruiter_of_answer
from regisseur.recruitment.models import Application, ApplicationStatus
from regisseur.recruitment.services import set_application_status
from regisseur.responses import services as responses
from regisseur.responses.models import CandidateAnswer, Choice, FollowUp
from regisseur.responses.services import record_answer


@transaction.atomic
def answer_invitation(
    *,
    token: str,
    choice: str,
    message: str = "",
    preferred_times: str = "",
    preferred_mode: str = "",
    wants_questions_in_advance: bool = False,
) -> CandidateAnswer:
    """Record the candidate's answer; a withdrawal also ends the application and its coming interviews.

    The recruiter who planned the interview is told, with who else was informed.
    """
    answer, is_new = record_answer(
        token=token,
        choice=choice,
        message=message,
        preferred_times=preferred_times,
        preferred_mode=preferred_mode,
        wants_questions_in_advance=wants_questions_in_advance,
    )
    if not is_new:
        return answer
    interview = answer.interview
    informed: list[Message] = []
    if answer.choice == Choice.WITHDRAW and interview.application is not None:
        informed = withdraw_application(application=interview.application)
        interview.refresh_from_db()
    notify_recruiter_of_answer(interview=interview, answer=answer, informed=informed)
    return answer


def withdraw_application(*, application: Application) -> list[Message]:
    """The candidate leaves: the application is withdrawn and every coming interview of it cancelled."""
    set_application_status(actor=None, application=application, status=ApplicationStatus.WITHDRAWN)
    coming = (
        Interview.objects.filter(application=application, status=InterviewStatus.PLANNED, ends_at__gt=timezone.now())
        .select_related("application__candidate", "vacancy__client", "vacancy__hiring_manager")
        .order_by("starts_at", "pk")
    )
    informed: list[Message] = []
    for interview in coming:
        informed += cancel_for_withdrawal(interview=interview).messages
    return informed


@transaction.atomic
def complete_follow_up(*, actor: User, follow_up: FollowUp) -> FollowUp:
    """The recruiter did what the candidate asked: the to-do is done, by whom and when, in the history."""
    return responses.complete_follow_up(actor=actor, follow_up=follow_up)
