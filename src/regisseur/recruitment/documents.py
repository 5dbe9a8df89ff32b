"""A candidate's documents (CV, letter): checked when they arrive, stored under a random name.

A file is accepted by what it is, not by what it is called: its first bytes must match its
kind (PDF, Word, OpenDocument, plain text). Serving happens in the web layer, after an
access check, always as a download.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.recruitment.models import Candidate, CandidateDocument, DocumentKind

MAX_BYTES = 10 * 1024 * 1024
# Extension → (content type, what its first bytes start with; None: text checked otherwise).
ACCEPTED: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ".doc": ("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ".txt": ("text/plain; charset=utf-8", None),
}


def _checked_kind(upload: Any) -> tuple[str, str]:
    """The file's clean name and content type; refused when it is not what its name says."""
    name = PurePath(str(getattr(upload, "name", "") or "")).name.strip()[:255]
    extension = PurePath(name).suffix.lower()
    if extension not in ACCEPTED:
        raise ServiceError(
            "invalid_file", _("Upload a PDF, Word (.docx, .doc), OpenDocument (.odt) or text file."), field="file"
        )
    content_type, magic = ACCEPTED[extension]
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if magic is not None and not head.startswith(magic):
        raise ServiceError(
            "invalid_file", _("The file is not a %(kind)s file.") % {"kind": extension[1:].upper()}, field="file"
        )
    if magic is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            raise ServiceError("invalid_file", _("A text file must be UTF-8 text."), field="file") from None
    return name, content_type


@transaction.atomic
def add_document(*, actor: User, candidate: Candidate, upload: Any, kind: str = DocumentKind.CV) -> CandidateDocument:
    """Keep a document with the candidate (recruiters of the candidate's organisation only)."""
    if not is_recruiter(actor) or actor.organisation_id != candidate.organisation_id:
        raise Forbidden(_("Only recruiters add documents."))
    if kind not in DocumentKind.values:
        raise ServiceError("invalid_choice", _("Choose CV, motivation letter or other document."), field="kind")
    if upload is None:
        raise ServiceError("required", _("Choose a file."), field="file")
    size = int(getattr(upload, "size", 0) or 0)
    if size == 0:
        raise ServiceError("required", _("The file is empty."), field="file")
    if size > MAX_BYTES:
        raise ServiceError("too_large", _("A document may be at most 10 MB."), field="file")
    name, content_type = _checked_kind(upload)
    document = CandidateDocument(
        candidate=candidate,
        kind=kind,
        original_name=name,
        content_type=content_type,
        size=size,
        uploaded_by=actor,
    )
    document.file.save(name, upload, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)  # no row, no file
        raise
    return document


@transaction.atomic
def remove_document(*, actor: User, document: CandidateDocument) -> None:
    if not is_recruiter(actor) or actor.organisation_id != document.candidate.organisation_id:
        raise Forbidden(_("Only recruiters remove documents."))
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
