"""What the communication and message pages share: recruiters only, one way to render, the placeholder help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.placeholders import PLACEHOLDERS
from regisseur.web.views.common import _actor

# An HTML email carries its styles in style attributes (mail programs drop <style> blocks), and
# the sandboxed srcdoc frame that previews it inherits the page's Content-Security-Policy. Pages
# with such a preview allow style attributes; scripts stay as strict as everywhere.
View = TypeVar("View", bound=Callable[..., HttpResponse])
_allow_style_attributes = csp_update({"style-src-attr": [UNSAFE_INLINE]})


def shows_email(view: View) -> View:
    # django-csp types its decorators for views that take the request only.
    return cast(View, _allow_style_attributes(view))


def _require_recruiter(request: HttpRequest) -> User:
    """Communication and its log belong to the organisation's recruiters; to anybody else they do not exist."""
    if not is_recruiter(request.user) or _actor(request).organisation_id is None:
        raise Http404
    return _actor(request)


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, f"messaging/{template}", {"section": "interviews", **context}, status=status)


def _placeholder_rows() -> list[dict[str, str]]:
    """Every placeholder with what it becomes, as help beside the text fields."""
    descriptions = {
        "candidate_name": _("the candidate's full name"),
        "candidate_first_name": _("the candidate's first name"),
        "interview_date": _("the date, day-first (07-12-2026)"),
        "interview_time": _("the time (14:00), with the time zone when it is not Amsterdam"),
        "duration": _("how long the interview takes"),
        "location": _("the location; for a video interview with the link on its own line"),
        "video_link": _("the video interview's web address (empty when there is none)"),
        "interview_type": _("phone, in person, video or group interview (with how many candidates take part)"),
        "interviewer": _("the interviewer, or who holds the interview"),
        "attendees": _("everyone the candidate meets, each once, with their role"),
        "vacancy_title": _("the vacancy"),
        "client_name": _("the client"),
        "recruiter_name": _("the recruiter who sends the message"),
        "recruiter_email": _("the recruiter's email address"),
        "recruiter_phone": _("the recruiter's phone number"),
        "cancel_reason": _('why the interview is cancelled, as a line "Reason: ..." (empty when no reason is given)'),
        "situation": _("what happened, as the recruiter wrote it when starting a crisis playbook"),
        "delay": _("how many minutes the interview runs late (overrun playbook)"),
        "backup_platform": _("the backup platform recorded for the interview (technology playbook)"),
        "phone_fallback": _("the phone number to fall back on (technology playbook)"),
        "rating_link": _("the link with which the candidate or client rates the interview (check-in)"),
        "confirmlink": _("the link with which the candidate answers (candidates only)"),
    }
    return [{"name": "{" + name + "}", "description": descriptions.get(name, "")} for name in PLACEHOLDERS]
