"""The recruiter's email when a candidate answers (A1, A2)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.messaging.composition import fit_name, fit_subject
from regisseur.messaging.models import Audience, Channel, Message, Purpose
from regisseur.messaging.services import schedule_delivery
from regisseur.messaging.texts import new_message_id
from regisseur.responses.models import CandidateAnswer


def notify_recruiter_of_answer(
    *, interview: Interview, answer: CandidateAnswer, informed: Sequence[Message] = ()
) -> Message | None:
    """An email to the planner when the candidate answers (in the same transaction as the answer).

    `informed`: the cancellations a withdrawal sent, so the recruiter knows who has been told.
    """
    recruiter = interview.created_by
    if recruiter is None or not recruiter.email:
        return None
    candidate = interview.application.candidate if interview.application else None
    with translation.override(recruiter.language):
        subject = _("%(candidate)s answered: %(answer)s") % {
            "candidate": candidate.full_name if candidate else "",
            "answer": answer.get_choice_display(),
        }
        lines = [
            subject,
            "",
            _("Interview: %(vacancy)s, %(when)s")
            % {"vacancy": interview.vacancy.title, "when": interview.local_starts_at.strftime("%d-%m-%Y %H:%M")},
        ]
        if answer.preferred_mode:
            lines.append(_("Preferred mode: %(mode)s") % {"mode": answer.get_preferred_mode_display()})
        if answer.wants_questions_in_advance:
            lines.append(_("The candidate asks for the questions in advance."))
        if answer.preferred_times:
            lines.append(_("Preferred times: %(times)s") % {"times": answer.preferred_times})
        if answer.message:
            lines += ["", _("Message:"), answer.message]
        if interview.status == InterviewStatus.CANCELLED:
            lines += ["", _("The interview has been cancelled and its reminder with it; the time is free again.")]
            if informed:
                lines.append(
                    _("Told of the cancellation: %(people)s")
                    % {
                        "people": ", ".join(
                            dict.fromkeys(message.to_name or message.to_address for message in informed)
                        )
                    }
                )
        lines += ["", settings.BASE_URL + f"/interviews/{interview.pk}/"]
    body = "\n".join(lines)
    message = Message.objects.create(
        organisation_id=interview.organisation_id,
        interview=interview,
        candidate=candidate,
        channel=Channel.EMAIL,
        audience=Audience.RECRUITER,
        purpose=Purpose.ANSWER_NOTICE,
        language=recruiter.language,
        to_name=fit_name(str(recruiter)),
        to_address=recruiter.email,
        from_address=settings.DEFAULT_FROM_EMAIL,
        subject=fit_subject(subject),
        body_text=body,
        body_html=linebreaks(escape(body)),
        message_id=new_message_id(),
        next_attempt_at=timezone.now(),
    )
    schedule_delivery()
    return message
