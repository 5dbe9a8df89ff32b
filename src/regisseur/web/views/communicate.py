"""Communicate about one interview (C3-C5) and, after inviting, about several at once (P5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regisseur.accounts.models import Language
from regisseur.actions import communicating
from regisseur.core.errors import ServiceError
from regisseur.core.placeholders import CONFIRMLINK, default_include_confirm_link, prefill_text
from regisseur.interviews.access import get_interview_for_user, interviews_for_user
from regisseur.interviews.models import Interview
from regisseur.messaging import services
from regisseur.messaging.composition import (
    Composed,
    Recipient,
    Variant,
    default_purpose,
    fit_subject,
    placeholder_values,
    sender,
)
from regisseur.messaging.models import Audience, HtmlProfile, Message, MessageTemplate, Purpose
from regisseur.messaging.queries import already_invited, already_sent
from regisseur.messaging.texts import default_profile
from regisseur.web.forms.messaging import SEND, BulkCommunicateForm, CommunicateForm, follow_confirm_link_rule
from regisseur.web.views.message_log import remember_send
from regisseur.web.views.messaging_common import _page, _placeholder_rows, _require_recruiter, shows_email

AUDIENCES = {Audience.CANDIDATE, Audience.HIRING_MANAGER, Audience.COMMITTEE, Audience.COLLEAGUES}
MAX_BULK = 1000
# A drafted message to the candidate another page prepared (the rejection after a panel decision).
PREFILL_SESSION_KEY = "communicate_prefill"


def prefill_candidate_message(request: HttpRequest, interview: Interview, *, subject: str, body: str) -> str:
    """Keep a drafted message for the candidate's communicate page, and return that page's address."""
    request.session[PREFILL_SESSION_KEY] = {"interview": interview.pk, "subject": subject, "body": body}
    return reverse("messaging:communicate", args=[interview.pk, Audience.CANDIDATE])


def _prefill(request: HttpRequest, interview: Interview, audience: str) -> dict[str, str] | None:
    draft = request.session.get(PREFILL_SESSION_KEY)
    if audience != Audience.CANDIDATE or not isinstance(draft, dict) or draft.get("interview") != interview.pk:
        return None
    return {"subject": str(draft.get("subject", "")), "body": str(draft.get("body", ""))}


def _templates(organisation_id: int, purpose: str, language: str) -> list[MessageTemplate]:
    return list(
        MessageTemplate.objects.filter(organisation_id=organisation_id, purpose=purpose, language=language).order_by(
            "-is_default", "name"
        )
    )


def _pick(templates: list[MessageTemplate], raw: str | None) -> MessageTemplate | None:
    """The template asked for when it is one of those offered, else the default one (first)."""
    for template in templates:
        if raw and str(template.pk) == raw:
            return template
    return templates[0] if templates else None


def _posted_variant(data: Any, template: MessageTemplate | None, suffix: str = "") -> Variant:
    """What the planner typed, as typed, for the preview (also when it is not valid yet)."""
    return Variant(
        subject=str(data.get(f"subject{suffix}", "")),
        body=str(data.get(f"body{suffix}", "")),
        signature=str(data.get(f"signature{suffix}", "")),
        template=template,
    )


def _chosen_profile(form: Any, organisation_id: int) -> HtmlProfile | None:
    if form.is_bound:
        raw = form.data.get("profile")
        for profile in form.fields["profile"].queryset:
            if str(profile.pk) == raw:
                return cast(HtmlProfile, profile)
    return default_profile(organisation_id)


def _recipients_text(recipients: list[Recipient]) -> str:
    return ", ".join(f"{r.name} <{r.address}>" if r.name else r.address for r in recipients)


# --- Communicate about one interview (C3, C5) -------------------------------------------------------


@shows_email
@login_required
def communicate(request: HttpRequest, pk: int, audience: str) -> HttpResponse:
    """Choose template and HTML profile, check From, Subject and Content filled in, edit, send (seed 003)."""
    actor = _require_recruiter(request)
    interview = get_interview_for_user(request.user, pk)
    if audience not in AUDIENCES:
        raise Http404
    context: dict[str, Any] = {"interview": interview, "audience": audience, "title": _titles()[audience]}
    if interview.is_cancelled:
        context["reason"] = _("This interview has been cancelled: there is nothing to communicate.")
        return _page(request, "unavailable.html", context, status=409)
    try:
        recipients = services.recipients_for(interview, audience)
    except ServiceError as error:
        context["reason"] = error.message
        return _page(request, "unavailable.html", context, status=409)
    language = recipients[0].language
    purpose = default_purpose(interview, audience)
    prefill = _prefill(request, interview, audience)
    if prefill is not None:
        purpose = Purpose.THANK_YOU  # a message after the interview: no calendar invitation with it
    # The interview record's "Send thank-you" (seed 002) opens this page for the thank-you's templates.
    thank_you = audience == Audience.CANDIDATE and request.GET.get("purpose") == Purpose.THANK_YOU
    if thank_you:
        purpose = Purpose.THANK_YOU
    templates = _templates(interview.organisation_id, purpose, language)
    source = request.POST if request.method == "POST" else request.GET
    template = _pick(templates, source.get("template"))
    base = services.variant_for(interview=interview, purpose=purpose, language=language, template=template)
    # Every placeholder but the confirm link is filled in, so the planner checks the real details (seed 003, step 5).
    # The values stay text when the planner sends them back, braces and all (see core.placeholders.LITERAL_MARK);
    # the subject is shortened as it will be sent.
    values = placeholder_values(interview, language=language, recruiter=actor, audience=audience)
    values.pop(CONFIRMLINK, None)
    filled = Variant(
        subject=fit_subject(prefill_text(base.subject, values)),
        body=prefill_text(base.body, values),
        signature=prefill_text(base.signature, values),
        template=base.template,
    )
    if prefill is not None and not source.get("template"):
        filled = Variant(
            subject=fit_subject(prefill["subject"]),
            body=prefill["body"],
            signature=filled.signature,
            template=filled.template,
        )
    with_link = audience == Audience.CANDIDATE and not thank_you
    data = follow_confirm_link_rule(request.POST, [str(request.POST.get("body", ""))]) if request.POST else None
    form = CommunicateForm(
        data if with_link else request.POST or None,
        organisation_id=interview.organisation_id,
        with_confirm_link=with_link,
        initial={
            "action": SEND,
            "profile": default_profile(interview.organisation_id),
            "subject": filled.subject,
            "body": filled.body,
            "signature": filled.signature,
            "include_confirm_link": default_include_confirm_link([base.body]),
        },
    )
    wants_preview = "preview" in request.POST
    if request.method == "POST" and not wants_preview and form.is_valid_for_action():
        sends = form.data.get("action") == SEND
        try:
            sent = communicating.communicate(
                actor=actor,
                interviews=[interview],
                audience=audience,
                variants={language: Variant(*_form_texts(form), template=template)} if sends else None,
                purpose=purpose,
                profile=form.cleaned_data.get("profile"),
                include_confirm_link=bool(form.cleaned_data.get("include_confirm_link")) if with_link else False,
                send=sends,
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            request.session.pop(PREFILL_SESSION_KEY, None)
            _report(request, sent, purpose)
            return redirect("interviews:detail", pk=interview.pk)
    variant = _posted_variant(form.data, template) if form.is_bound else filled
    include = (
        bool(form.data.get("include_confirm_link")) if form.is_bound else default_include_confirm_link([base.body])
    )
    composed = services.preview(
        actor=actor,
        interview=interview,
        recipient=recipients[0],
        variant=variant,
        include_confirm_link=include and with_link,
        profile=_chosen_profile(form, interview.organisation_id),
    )
    context.update(
        {
            "form": form,
            "templates": templates,
            "template": template,
            "purpose_label": Purpose(purpose).label,
            "language_label": dict(Language.choices).get(language, language),
            "from_address": sender(actor)[0],
            "reply_to": sender(actor)[1],
            "recipients": recipients,
            "preview": composed,
            "placeholders": _placeholder_rows(),
            "already_sent": already_sent(interview, audience),
            "thank_you": thank_you,
        }
    )
    return _page(request, "communicate.html", context)


def _titles() -> dict[str, str]:
    return {
        Audience.CANDIDATE: _("Communicate to the candidate"),
        Audience.HIRING_MANAGER: _("Communicate to the hiring manager"),
        Audience.COMMITTEE: _("Communicate to the committee"),
        Audience.COLLEAGUES: _("Communicate to the colleagues"),
    }


def _form_texts(form: CommunicateForm) -> tuple[str, str, str]:
    data = form.cleaned_data
    return data["subject"], data["body"], data.get("signature", "")


def _report(request: HttpRequest, sent: list[Message], purpose: str) -> None:
    if not sent:
        messages.info(request, _("No email was sent."))
        return
    names = ", ".join(dict.fromkeys(m.to_name or m.to_address for m in sent))
    messages.success(
        request,
        _("%(purpose)s queued for sending to %(recipients)s.")
        % {"purpose": Purpose(purpose).label, "recipients": names},
    )


# --- Bulk: several interviews, one text per language (P5, seed 004) --------------------------------


@dataclass
class LanguageBlock:
    language: str
    label: str
    templates: list[MessageTemplate]
    template: MessageTemplate | None
    fields: list[Any]
    candidates: list[str]
    preview: Composed
    preview_for: str


def _bulk_interviews(user: Any, raw_ids: list[str]) -> list[Interview]:
    try:
        wanted = list(dict.fromkeys(int(raw) for raw in raw_ids))
    except (TypeError, ValueError, OverflowError):
        raise Http404 from None
    if not wanted or len(wanted) > MAX_BULK or not all(0 < pk < 2**63 for pk in wanted):
        raise Http404
    found = {
        interview.pk: interview
        for interview in interviews_for_user(user)
        .filter(pk__in=wanted)
        .select_related("application__candidate", "vacancy__client", "vacancy__hiring_manager")
    }
    if len(found) != len(wanted):
        raise Http404
    return [found[pk] for pk in wanted]


@shows_email
@login_required
def communicate_bulk(request: HttpRequest) -> HttpResponse:
    """After "invite for interview": one message per candidate, each in their own language (P5)."""
    actor = _require_recruiter(request)
    ids = request.GET.getlist("interview")
    selected = _bulk_interviews(request.user, ids)
    interviews = [i for i in selected if not i.is_cancelled and i.application_id is not None]
    skipped = [i for i in selected if i not in interviews]
    context: dict[str, Any] = {
        "section": "vacancies",
        "skipped": skipped,
        "vacancy": selected[0].vacancy,
        "title": _("Communicate to the candidates"),
    }
    if not interviews:
        context["reason"] = _(
            "None of the chosen interviews can be communicated: they are cancelled or have no candidate."
        )
        return _page(request, "unavailable.html", context, status=409)
    organisation_id = interviews[0].organisation_id
    invited = set(
        Message.objects.filter(
            interview__in=interviews, audience=Audience.CANDIDATE, purpose__in=[Purpose.INVITATION, Purpose.CHANGE]
        ).values_list("interview_id", flat=True)
    )
    purpose = Purpose.CHANGE if all(i.pk in invited for i in interviews) else Purpose.INVITATION
    by_language: dict[str, list[Interview]] = {}
    for interview in interviews:
        assert interview.application is not None
        by_language.setdefault(interview.application.candidate.language, []).append(interview)
    languages = [code for code, _label in Language.choices if code in by_language]
    source = request.POST if request.method == "POST" else request.GET
    bases: dict[str, Variant] = {}
    chosen: dict[str, MessageTemplate | None] = {}
    offered: dict[str, list[MessageTemplate]] = {}
    for language in languages:
        offered[language] = _templates(organisation_id, purpose, language)
        chosen[language] = _pick(offered[language], source.get(f"template_{language}"))
        bases[language] = services.variant_for(
            interview=by_language[language][0], purpose=purpose, language=language, template=chosen[language]
        )
    default_link = default_include_confirm_link(bases[language].body for language in languages)
    initial: dict[str, Any] = {
        "action": SEND,
        "profile": default_profile(organisation_id),
        "include_confirm_link": default_link,
    }
    for language in languages:
        initial[f"subject_{language}"] = bases[language].subject
        initial[f"body_{language}"] = bases[language].body
        initial[f"signature_{language}"] = bases[language].signature
    data = None
    if request.POST:
        data = follow_confirm_link_rule(request.POST, [str(request.POST.get(f"body_{code}", "")) for code in languages])
    form = BulkCommunicateForm(
        data,
        organisation_id=organisation_id,
        with_confirm_link=True,
        languages=languages,
        initial=initial,
    )
    wants_preview = "preview" in request.POST
    if request.method == "POST" and not wants_preview and form.is_valid_for_action():
        sends = form.data.get("action") == SEND
        variants = {language: Variant(*form.texts(language), template=chosen[language]) for language in languages}
        try:
            sent = communicating.communicate(
                actor=actor,
                interviews=interviews,
                audience=Audience.CANDIDATE,
                variants=variants if sends else None,
                profile=form.cleaned_data.get("profile"),
                include_confirm_link=bool(form.cleaned_data.get("include_confirm_link")),
                send=sends,
            )
        except ServiceError as error:
            form.add_service_error(error, suffix=f"_{languages[0]}")
        else:
            back = reverse("recruitment:vacancy_candidates", args=[interviews[0].vacancy_id])
            if not sent:
                messages.info(request, _("No email was sent."))
                return redirect(back)
            count = len(sent)
            messages.success(
                request,
                ngettext(
                    "%(purpose)s queued for sending to %(count)d candidate.",
                    "%(purpose)s queued for sending to %(count)d candidates.",
                    count,
                )
                % {"purpose": Purpose(purpose).label, "count": count},
            )
            return redirect(remember_send(request, sent, back))
    include = bool(form.data.get("include_confirm_link")) if form.is_bound else default_link
    profile = _chosen_profile(form, organisation_id)
    names = dict(Language.choices)
    blocks = []
    for language, fields in form.language_fields():
        first = by_language[language][0]
        [recipient] = services.recipients_for(first, Audience.CANDIDATE)
        variant = _posted_variant(form.data, chosen[language], f"_{language}") if form.is_bound else bases[language]
        blocks.append(
            LanguageBlock(
                language=language,
                label=str(names.get(language, language)),
                templates=offered[language],
                template=chosen[language],
                fields=fields,
                candidates=[
                    i.application.candidate.full_name for i in by_language[language] if i.application is not None
                ],
                preview=services.preview(
                    actor=actor,
                    interview=first,
                    recipient=recipient,
                    variant=variant,
                    include_confirm_link=include,
                    profile=profile,
                ),
                preview_for=recipient.name,
            )
        )
    context.update(
        {
            "form": form,
            "blocks": blocks,
            "interviews": interviews,
            "ids": [i.pk for i in selected],
            "purpose_label": Purpose(purpose).label,
            "from_address": sender(actor)[0],
            "placeholders": _placeholder_rows(),
            "query": urlencode([("interview", i.pk) for i in selected]),
            "already_sent": already_invited(interviews),
            # Straight after bulk planning, "Back" warns that these interviews exist already (P5).
            "just_planned": request.GET.get("planned") == "1",
        }
    )
    return _page(request, "communicate_bulk.html", context)
