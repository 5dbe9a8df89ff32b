"""The demo's messages: invitations communicated through the service, as a recruiter would.

So the message log, the outbox and the candidate's answer page can be tried at once.
Two things are written differently, and why:

- Invitations for interviews that already took place are marked as sent, a few minutes
  after the interview was planned, with an ORM update like the one delivery makes
  (messaging.delivery). Left queued, the worker would email invitations for the past.
- The candidate who withdrew answers through the link of their invitation
  (actions.answering.answer_invitation), so their answer page shows the withdrawal.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import Organisation, User
from regisseur.actions.answering import answer_invitation
from regisseur.actions.changes import set_interview_reminder
from regisseur.actions.communicating import communicate
from regisseur.actions.planning import ReminderChoice
from regisseur.demo.content import ORGANISATION_NAME, WITHDRAWAL_MESSAGE
from regisseur.interviews.models import ConfirmationStatus, Interview, InterviewEvent, InterviewStatus, InterviewType
from regisseur.messaging.models import Audience, Message, MessageState
from regisseur.recruitment.models import InterviewMode
from regisseur.reminders.models import ReminderChannel
from regisseur.reminders.services import due_at_for
from regisseur.responses.models import Choice
from regisseur.responses.services import resolve_link, token_for

# How long after planning the past interviews' invitations went out.
SENT_AFTER_PLANNING = timedelta(minutes=10)


class MessageWriter:
    """The invitations of the demo (a part of DemoBuilder)."""

    now: datetime
    organisation: Organisation
    recruiter: User
    withdrawing: Interview

    def _communicate(self) -> None:
        with_candidate = (
            Interview.objects.active()
            .filter(organisation=self.organisation, application__isnull=False)
            .select_related("application__candidate", "vacancy__client", "vacancy__hiring_manager")
            .order_by("starts_at", "id")
        )
        past = [interview for interview in with_candidate if interview.ends_at <= self.now]
        upcoming = [interview for interview in with_candidate if interview.ends_at > self.now]
        if past:
            self._mark_sent(communicate(actor=self.recruiter, interviews=past, audience=Audience.CANDIDATE))
        sent = communicate(actor=self.recruiter, interviews=upcoming, audience=Audience.CANDIDATE)
        # A candidate who accepted another offer withdraws through the link of their invitation.
        [invitation] = [
            message
            for message in sent
            if message.interview_id == self.withdrawing.pk and message.audience == Audience.CANDIDATE
        ]
        answer_invitation(
            token=token_for(invitation.message_id),
            choice=Choice.WITHDRAW,
            message=WITHDRAWAL_MESSAGE[self.withdrawing.application.candidate.language],  # type: ignore[union-attr]
        )
        self._answer_with_wishes(sent)
        self._set_reminders(upcoming)

    def _answer_with_wishes(self, sent: list[Message]) -> None:
        """A Dutch candidate accepts through the link, prefers video and asks for the questions in advance.

        So the interview record shows the answer and its to-dos, and the overview its marker.
        """
        for message in sent:
            interview = message.interview
            candidate = interview.application.candidate if interview and interview.application else None
            if (
                interview is not None
                and candidate is not None
                and candidate.language == "nl"
                and interview.pk != self.withdrawing.pk
                and interview.confirmation_status == ConfirmationStatus.PENDING
                and interview.type != InterviewType.VIDEO
            ):
                answer_invitation(
                    token=token_for(message.message_id),
                    choice=Choice.ACCEPT,
                    preferred_mode=InterviewMode.VIDEO,
                    wants_questions_in_advance=True,
                    message="Graag ontvang ik de vragen vooraf; ik werk met een schermlezer.",
                )
                return

    def _set_reminders(self, upcoming: list[Interview]) -> None:
        """Reminders on the upcoming interviews far enough away, by email and by SMS (seed 004)."""
        channels = [ReminderChannel.EMAIL, ReminderChannel.EMAIL_SMS, ReminderChannel.SMS]
        for index, interview in enumerate(upcoming):
            interview.refresh_from_db()
            if interview.status == InterviewStatus.CANCELLED or interview.application is None:
                continue
            for days in (2, 1):
                if due_at_for(interview, days) > self.now:
                    set_interview_reminder(
                        actor=self.recruiter,
                        interview=interview,
                        reminder=ReminderChoice(channel=channels[index % 3], days_before=days),
                    )
                    break

    def _mark_sent(self, messages: list[Message]) -> None:
        planned_at = dict(
            Interview.objects.filter(pk__in=[m.interview_id for m in messages]).values_list("pk", "created_at")
        )
        for message in messages:
            assert message.interview_id is not None
            message.created_at = planned_at[message.interview_id] + SENT_AFTER_PLANNING
            message.sent_at = message.created_at
            message.state = MessageState.SENT
            message.attempts = 1
            message.next_attempt_at = None
        Message.objects.bulk_update(messages, ["created_at", "sent_at", "state", "attempts", "next_attempt_at"])
        events = list(InterviewEvent.objects.filter(interview_id__in=planned_at, action=InterviewEvent.Action.MESSAGE))
        for event in events:
            event.created_at = planned_at[event.interview_id] + SENT_AFTER_PLANNING
        InterviewEvent.objects.bulk_update(events, ["created_at"])


def sample_answer_path() -> str:
    """The path of a working confirm link of a Dutch candidate's upcoming interview, or ""."""
    messages = (
        Message.objects.filter(
            organisation__name=ORGANISATION_NAME,
            audience=Audience.CANDIDATE,
            language="nl",
            includes_confirm_link=True,
            interview__status=InterviewStatus.PLANNED,
            interview__ends_at__gt=timezone.now(),
        )
        .select_related("interview")
        .order_by("interview__starts_at", "id")
    )
    # A candidate who has not answered yet shows the page as it first looks.
    ordered = sorted(
        messages, key=lambda m: m.interview is None or m.interview.confirmation_status != ConfirmationStatus.PENDING
    )
    for message in ordered:
        token = token_for(message.message_id)
        if resolve_link(token).is_usable:
            return reverse("responses:answer", args=[token])
    return ""
