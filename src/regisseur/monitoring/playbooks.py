"""What the crisis playbooks (O3) offer on an incident: drafted messages, alternatives, new times, later interviews.

Reads, and the one write of its own (the backup platform and phone on the interview's day);
the actions in `regisseur.actions.playbooks` send, move and mark the steps.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import phonenumbers
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.accounts.models import User
from regisseur.core.errors import ServiceError
from regisseur.core.placeholders import CONFIRMLINK, prefill_text
from regisseur.core.timezones import AMSTERDAM, local_to_utc
from regisseur.interviews.access import interviews_for_user
from regisseur.interviews.conflicts import find_conflicts
from regisseur.interviews.models import Interview, InterviewStatus
from regisseur.interviews.planning import planning_of
from regisseur.interviews.services import slot_for
from regisseur.messaging.composition import placeholder_values
from regisseur.messaging.models import Audience, MessageTemplate
from regisseur.messaging.services import recipients_for
from regisseur.messaging.texts import template_variant
from regisseur.monitoring.incidents import step_definition
from regisseur.monitoring.models import Incident, IncidentKind, InterviewRun
from regisseur.monitoring.windows import local_day
from regisseur.recruitment.models import Application, ApplicationStage, ApplicationStatus

# Filled in when the message is sent, from fields on the same form (as the cancel page keeps {cancel_reason}).
KEPT_PLACEHOLDERS = ("situation", "backup_platform", "phone_fallback", CONFIRMLINK)
# Candidates ready to step in: their application is at the interview stage, or about to be planned.
READY_STAGES = (ApplicationStage.INTERVIEW, ApplicationStage.PLAN_INTERVIEW)
AUDIENCE_ORDER = (Audience.CLIENT, Audience.CANDIDATE)


def incidents_for_user(user: Any) -> Any:
    return Incident.objects.filter(interview__in=interviews_for_user(user))


def get_incident_for_user(user: Any, pk: Any) -> Incident:
    """The incident, when its interview is one the user may see; others' are 404."""
    try:
        return incidents_for_user(user).select_related("interview", "opened_by", "closed_by").get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, Incident.DoesNotExist):
        raise Http404 from None


def require_open(incident: Incident) -> None:
    if incident.closed_at is not None:
        raise ServiceError("incident_closed", _("This incident is closed."))


# --- Drafted messages -----------------------------------------------------------------------------


@dataclass
class Draft:
    """One message a step sends, in one language, filled in for the recruiter to edit."""

    key: str  # the form's field suffix
    audience: str
    language: str
    interview: Interview
    subject: str
    body: str
    recipients: str
    template: MessageTemplate | None = None
    unavailable: str = ""  # why nobody receives it (the client has no email address)

    @property
    def audience_label(self) -> str:
        return str(Audience(self.audience).label)


def delay_text(minutes: int | None, language: str) -> str:
    """ "15 minutes", "1 hour and 5 minutes" in the reader's language."""
    if not minutes:
        return ""
    with translation.override(language):
        hours, rest = divmod(minutes, 60)
        if not hours:
            return ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest}
        hour_text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
        if not rest:
            return hour_text
        minute_text = ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest}
        return _("%(hours)s and %(minutes)s") % {"hours": hour_text, "minutes": minute_text}


def extra_values(
    incident: Incident, language: str, *, situation: str = "", backup_platform: str = "", phone_fallback: str = ""
) -> dict[str, str]:
    """The playbook's own placeholders for one reader."""
    return {
        "situation": situation.strip(),
        "delay": delay_text(incident.delay_minutes, language),
        "backup_platform": backup_platform.strip(),
        "phone_fallback": phone_fallback.strip(),
    }


def _draft(
    *, incident: Incident, interview: Interview, audience: str, purpose: str, actor: User, key: str
) -> list[Draft]:
    try:
        recipients = recipients_for(interview, audience)
    except ServiceError as error:
        return [
            Draft(
                key=key,
                audience=audience,
                language="",
                interview=interview,
                subject="",
                body="",
                recipients="",
                unavailable=error.message,
            )
        ]
    drafts = []
    for language in dict.fromkeys(recipient.language for recipient in recipients):
        variant = template_variant(organisation_id=interview.organisation_id, purpose=purpose, language=language)
        values = placeholder_values(interview, language=language, recruiter=actor, audience=audience)
        values.update(extra_values(incident, language))
        filled = {name: value for name, value in values.items() if name not in KEPT_PLACEHOLDERS}
        body = variant.body if not variant.signature else f"{variant.body.rstrip()}\n\n{variant.signature}"
        names = [r.name or r.address for r in recipients if r.language == language]
        drafts.append(
            Draft(
                key=f"{key}_{language}",
                audience=audience,
                language=language,
                interview=interview,
                subject=prefill_text(variant.subject, filled),
                body=prefill_text(body, filled),
                recipients=", ".join(names),
                template=variant.template,
            )
        )
    return drafts


def step_drafts(incident: Incident, code: str, *, actor: User) -> list[Draft]:
    """The messages a step sends, each drafted from its template in the recipient's language.

    Overrun's warning goes to the candidates waiting for the later interviews of the same people;
    every other step writes to the interview's own candidate or the client's main contact.
    """
    definition = step_definition(incident.kind, code)
    if definition is None or not definition.purpose:
        return []
    if incident.kind == IncidentKind.OVERRUN and code == "warn_waiting":
        drafts = []
        for later in later_interviews(incident.interview):
            if later.application_id is not None:
                drafts += _draft(
                    incident=incident,
                    interview=later,
                    audience=Audience.CANDIDATE,
                    purpose=definition.purpose,
                    actor=actor,
                    key=f"i{later.pk}",
                )
        return drafts
    drafts = []
    for audience in sorted(definition.audiences, key=AUDIENCE_ORDER.index):
        drafts += _draft(
            incident=incident,
            interview=incident.interview,
            audience=audience,
            purpose=definition.purpose,
            actor=actor,
            key=audience,
        )
    return drafts


# --- Alternatives and later interviews ------------------------------------------------------------


def alternatives(incident: Incident) -> list[Application]:
    """Other candidates on the same vacancy who are ready to step in (active, at the interview stages)."""
    interview = incident.interview
    applications = Application.objects.filter(
        vacancy_id=interview.vacancy_id, status=ApplicationStatus.ACTIVE, stage__in=READY_STAGES
    ).select_related("candidate")
    if interview.application is not None:
        applications = applications.exclude(candidate_id=interview.application.candidate_id)
    order: dict[str, int] = {stage: index for index, stage in enumerate(READY_STAGES)}
    return sorted(
        applications,
        key=lambda item: (order[item.stage], item.candidate.last_name.casefold(), item.candidate.first_name, item.pk),
    )


def later_interviews(interview: Interview) -> list[Interview]:
    """The same people's (or room's) interviews later that day: the ones an overrun keeps waiting.

    Read with the conflict check of planning for a slot from this interview's start to the end
    of its day: whatever shares a participating user, the candidate, the location or the
    interviewer, still planned, and starting after this one.
    """
    day = local_day(interview.starts_at, AMSTERDAM)
    day_end = local_to_utc(day + timedelta(days=1), time(0, 0), AMSTERDAM)
    if interview.starts_at >= day_end:
        return []
    slot = dataclasses.replace(
        slot_for(planning_of(interview), [interview.application]), starts_at=interview.starts_at, ends_at=day_end
    )
    conflicts = find_conflicts(
        organisation_id=interview.organisation_id,
        slots=[slot],
        exclude_ids=[interview.pk],
        exclude_group_id=interview.group_id,
    )
    found: dict[int, Interview] = {}
    for conflict in conflicts:
        other = conflict.interview
        if other is None or other.status != InterviewStatus.PLANNED or other.starts_at <= interview.starts_at:
            continue
        found.setdefault(other.pk, other)
    return sorted(found.values(), key=lambda other: (other.starts_at, other.pk))


# --- Technology problems: the backup on the interview's day ----------------------------------------


def check_phone(raw: str) -> str:
    """A phone number to fall back on, any kind (a landline will do), in international form."""
    value = " ".join((raw or "").split())
    if not value:
        return ""
    if len(value) > 32:
        raise ServiceError("too_long", _("This phone number is too long."), field="phone_fallback")
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ServiceError(
            "invalid_phone",
            _("“%(value)s” is not a valid phone number. Use a format like 020 1234567 or +31 20 1234567.")
            % {"value": value},
            field="phone_fallback",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def record_backup(*, interview: Interview, backup_platform: str, phone_fallback: str) -> InterviewRun:
    """Write the backup platform and the phone to fall back on onto the interview's day (the caller is atomic)."""
    backup_platform = " ".join((backup_platform or "").split())
    if not backup_platform:
        raise ServiceError(
            "required", _("Name the backup platform (Zoom, Teams, WhatsApp video…)."), field="backup_platform"
        )
    if len(backup_platform) > 500:
        raise ServiceError("too_long", _("At most 500 characters."), field="backup_platform")
    phone = check_phone(phone_fallback)
    run, _created = InterviewRun.objects.select_for_update().get_or_create(interview=interview)
    run.backup_platform = backup_platform
    run.phone_fallback = phone
    run.save(update_fields=["backup_platform", "phone_fallback"])
    return run


def parse_moment(raw: str) -> datetime:
    """A new time as the page posts it (ISO 8601 with its offset)."""
    try:
        moment = datetime.fromisoformat((raw or "").strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ServiceError("invalid_datetime", _("Choose one of the offered times."), field="starts_at")
    return moment
