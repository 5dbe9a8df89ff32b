"""Aftercare of the interview (seed 002, issue 11 item 6): the sensitive follow-up and the result review.

"Zeker wanneer het een gevoelig interview betreft, is nazorg belangrijk": an interview a
recruiter marks sensitive gets a follow-up to do, due on the second working day after it:
ask the candidate how they experienced the interview. Where a vacancy uses it
(VacancyCare.result_review), the recruiter writes the result and sends it to the candidate,
who reads it through an unguessable, expiring link and may send corrections ("de kandidaat
mag meelezen met het resultaat en er is ruimte voor correcties en aanvullingen"). The link's
token is derived from the Message-ID of the email that carries it, as the confirm link's:
the stored message holds a placeholder, the database only the token's hash. A GET never
records (mail scanners follow links); posting the page does, each time in the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.evaluation.feedback_times import working_day_after
from regisseur.evaluation.models import InterviewCare, ResultReviewState, VacancyCare
from regisseur.interviews.models import Interview, InterviewEvent, InterviewStatus
from regisseur.interviews.services import record_event
from regisseur.messaging.composition import Recipient, Variant, compose
from regisseur.messaging.defaults import SIGNATURE
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.messaging.services import queue_email, record_sent, schedule_delivery
from regisseur.messaging.texts import default_profile, new_message_id
from regisseur.recruitment.models import Vacancy
from regisseur.responses.services import TOKEN_PLACEHOLDER, hash_token, token_for

FOLLOW_UP_WORKING_DAYS = 2
# Due by the end of that working day, on the Amsterdam wall clock.
FOLLOW_UP_AT = time(17, 0)
RESULT_VALID = timedelta(days=14)
MAX_RESULT = 20000
MAX_CORRECTIONS = 10000
MAX_NOTE = 5000
# The result email goes to the candidate as aftercare after the interview.
RESULT_PURPOSE = Purpose.THANK_YOU

# How the interview's history shows what aftercare records (web.views.history reads these).
HISTORY_NOTES = {
    "care_sensitive": gettext_lazy("Marked as a sensitive interview."),
    "care_not_sensitive": gettext_lazy("No longer marked as a sensitive interview."),
    "care_follow_up_done": gettext_lazy("Aftercare follow-up done."),
    "care_result_sent": gettext_lazy("Written result sent to the candidate for review."),
    "care_result_corrected": gettext_lazy("The candidate sent corrections to the written result."),
    "care_result_approved": gettext_lazy("The candidate approved the written result."),
}
HISTORY_FIELDS = {
    "follow_up_note": gettext_lazy("how the candidate experienced it"),
    "result_text": gettext_lazy("written result"),
    "corrections": gettext_lazy("corrections"),
}


def check_recruiter(actor: User, organisation_id: int) -> None:
    """Aftercare is the recruiters' work: others are refused, other organisations' records unknown."""
    if actor.organisation_id != organisation_id:
        raise ServiceError("not_found", _("Unknown interview."))
    if not is_recruiter(actor):
        raise Forbidden(_("Only recruiters look after the aftercare."))


def care_of(interview: Interview, *, lock: bool = False) -> InterviewCare:
    """The interview's aftercare row, made when first needed."""
    care, _created = InterviewCare.objects.get_or_create(interview=interview)
    if lock:
        care = InterviewCare.objects.select_for_update().get(pk=care.pk)
    return care


def read_care(interview: Interview) -> InterviewCare | None:
    return InterviewCare.objects.filter(interview=interview).first()


def uses_result_review(vacancy: Vacancy) -> bool:
    return VacancyCare.objects.filter(vacancy=vacancy, result_review=True).exists()


@transaction.atomic
def set_sensitive(*, actor: User, interview: Interview, sensitive: bool) -> InterviewCare:
    """Mark (or unmark) a sensitive interview; a sensitive one gets its follow-up, due two working days after."""
    check_recruiter(actor, interview.organisation_id)
    care = care_of(interview, lock=True)
    if care.sensitive == sensitive:
        return care
    care.sensitive = sensitive
    if sensitive and care.follow_up_done_at is None:
        care.follow_up_due_at = working_day_after(interview.ends_at, FOLLOW_UP_WORKING_DAYS, at=FOLLOW_UP_AT)
    care.save(update_fields=["sensitive", "follow_up_due_at", "updated_at"])
    record_event(
        interview,
        actor,
        InterviewEvent.Action.AFTERCARE,
        {},
        note="care_sensitive" if sensitive else "care_not_sensitive",
    )
    return care


@transaction.atomic
def complete_follow_up(*, actor: User, interview: Interview, note: str) -> InterviewCare:
    """The recruiter asked the candidate how they experienced the interview: done, with what they heard."""
    check_recruiter(actor, interview.organisation_id)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ServiceError("too_long", _("At most %(limit)d characters.") % {"limit": MAX_NOTE}, field="note")
    care = care_of(interview, lock=True)
    if not care.sensitive:
        raise ServiceError("not_sensitive", _("Only a sensitive interview has an aftercare follow-up."))
    if care.follow_up_done_at is not None:
        raise ServiceError("already_done", _("This follow-up is already done."))
    care.follow_up_done_at, care.follow_up_done_by, care.follow_up_note = timezone.now(), actor, note
    care.save(update_fields=["follow_up_done_at", "follow_up_done_by", "follow_up_note", "updated_at"])
    changes = {"follow_up_note": ["", note]} if note else {}
    record_event(interview, actor, InterviewEvent.Action.AFTERCARE, changes, note="care_follow_up_done")
    return care


@transaction.atomic
def set_result_review(*, actor: User, vacancy: Vacancy, enabled: bool) -> VacancyCare:
    """Whether the vacancy's candidates review the written result of their interview."""
    check_recruiter(actor, vacancy.client.organisation_id)
    choice, _created = VacancyCare.objects.select_for_update().get_or_create(vacancy=vacancy)
    if choice.result_review != enabled:
        choice.result_review = enabled
        choice.save(update_fields=["result_review"])
    return choice


def result_url(token: str) -> str:
    return settings.BASE_URL + reverse("evaluation:result_review", args=[token])


@transaction.atomic
def send_result(*, actor: User, interview: Interview, text: str) -> Message:
    """Send the written result to the candidate by email, with the link to read it and send corrections."""
    check_recruiter(actor, interview.organisation_id)
    interview = Interview.objects.select_related("application__candidate", "vacancy__client").get(pk=interview.pk)
    text = (text or "").strip()
    if not text:
        raise ServiceError("required", _("Write the result first."), field="result_text")
    if len(text) > MAX_RESULT:
        raise ServiceError("too_long", _("At most %(limit)d characters.") % {"limit": MAX_RESULT}, field="result_text")
    if not uses_result_review(interview.vacancy):
        raise ServiceError("not_used", _("The candidates of this vacancy do not review the written result."))
    if interview.status in (InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW) or interview.ends_at > timezone.now():
        raise ServiceError("not_held", _("The result is sent after the interview has taken place."))
    candidate = interview.application.candidate if interview.application else None
    if candidate is None or not candidate.email:
        raise ServiceError("no_address", _("The candidate has no email address."))
    care = care_of(interview, lock=True)
    message_id = new_message_id()
    recipient = Recipient(
        name=candidate.full_name,
        address=candidate.email,
        language=candidate.language,
        audience=Audience.CANDIDATE,
        candidate=candidate,
    )
    with translation.override(candidate.language):
        variant = Variant(
            subject=_("The result of your interview about {vacancy_title}"),
            body=_(
                "Dear {candidate_first_name},\n\n"
                "As agreed, you can read what we wrote down after our interview of {interview_date} about the "
                "position of {vacancy_title}. If anything is not right or is missing, you can send us your "
                "corrections on the same page."
            )
            + "\n\n"
            + result_url(TOKEN_PLACEHOLDER),
            signature=SIGNATURE.get(candidate.language, ""),
        )
    composed = compose(
        interview=interview,
        recipient=recipient,
        variant=variant,
        include_confirm_link=False,
        confirm_url=None,
        profile=default_profile(interview.organisation_id),
        recruiter=actor,
    )
    message = queue_email(
        interview=interview,
        composed=composed,
        purpose=RESULT_PURPOSE,
        actor=actor,
        calendar_method="",
        message_id=message_id,
    )
    changes = {"result_text": [care.result_text, text]} if care.result_text != text else {}
    care.result_text = text
    care.result_review_state = ResultReviewState.SENT
    care.result_sent_at = timezone.now()
    care.result_token_hash = hash_token(token_for(message_id))
    care.result_expires_at = care.result_sent_at + RESULT_VALID
    care.save()
    record_event(interview, actor, InterviewEvent.Action.AFTERCARE, changes, note="care_result_sent")
    record_sent(interview, actor, [message])
    schedule_delivery()
    return message


@dataclass
class ResultState:
    care: InterviewCare | None
    is_usable: bool
    reason: str  # "", "unknown", "expired"


def resolve_result(token: str) -> ResultState:
    """What a result link leads to: its aftercare row, or why it no longer works."""
    if not token or len(token) > 100:
        return ResultState(None, False, "unknown")
    care = (
        InterviewCare.objects.select_related(
            "interview__application__candidate", "interview__vacancy__client", "interview__created_by"
        )
        .filter(result_token_hash=hash_token(token))
        .exclude(result_token_hash="")
        .first()
    )
    if care is None:
        return ResultState(None, False, "unknown")
    if care.result_expires_at is None or care.result_expires_at <= timezone.now():
        return ResultState(care, False, "expired")
    return ResultState(care, True, "")


@transaction.atomic
def record_corrections(*, token: str, corrections: str) -> InterviewCare:
    """The candidate's corrections to the written result (empty: approved as it is), in the history."""
    state = resolve_result(token)
    if state.care is None or not state.is_usable:
        raise ServiceError("link_dead", _("This link no longer works."))
    corrections = (corrections or "").strip()
    if len(corrections) > MAX_CORRECTIONS:
        raise ServiceError(
            "too_long", _("At most %(limit)d characters.") % {"limit": MAX_CORRECTIONS}, field="corrections"
        )
    care = InterviewCare.objects.select_for_update().get(pk=state.care.pk)
    changes = {"corrections": [care.corrections, corrections]} if care.corrections != corrections else {}
    care.corrections = corrections
    care.corrections_at = timezone.now()
    care.result_review_state = ResultReviewState.CORRECTED if corrections else ResultReviewState.APPROVED
    care.save(update_fields=["corrections", "corrections_at", "result_review_state", "updated_at"])
    record_event(
        care.interview,
        None,
        InterviewEvent.Action.AFTERCARE,
        changes,
        note="care_result_corrected" if corrections else "care_result_approved",
        source=InterviewEvent.Source.CANDIDATE,
    )
    return care
