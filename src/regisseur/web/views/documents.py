"""A candidate's documents: uploaded by recruiters on the candidate record, read by whoever may see the
candidate (recruiters, and the panel of the candidate's interviews), always as a download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from regisseur.actions.documents import add_document, remove_document
from regisseur.core.errors import ServiceError
from regisseur.interviews.access import get_candidate_for_user, get_document_for_user
from regisseur.web.views.common import _actor, _require_recruiter


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for_user(request.user, pk)
    _require_recruiter(request)
    try:
        document = add_document(
            actor=_actor(request),
            candidate=candidate,
            upload=request.FILES.get("file"),
            kind=request.POST.get("kind", "cv"),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Added: %(name)s.") % {"name": document.original_name})
    return redirect(f"{candidate_url(candidate.pk)}#documents")


def candidate_url(pk: int) -> str:
    return reverse("recruitment:candidate_detail", args=[pk])


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_document_for_user(request.user, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    # Never shown inline, never cached by a shared cache, never run as a page.
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    _require_recruiter(request)
    candidate_pk, name = document.candidate_id, document.original_name
    try:
        remove_document(actor=_actor(request), document=document)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed: %(name)s.") % {"name": name})
    return redirect(f"{candidate_url(candidate_pk)}#documents")


patterns: list[URLPattern] = [
    path("candidates/<int:pk>/documents/", upload, name="document_upload"),
    path("documents/<int:pk>/", download, name="document"),
    path("documents/<int:pk>/remove/", remove, name="document_remove"),
]
