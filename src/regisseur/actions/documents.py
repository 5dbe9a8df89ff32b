"""A candidate's documents (the CV a panel reads): added and removed by recruiters."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from regisseur.accounts.models import User
from regisseur.recruitment import documents
from regisseur.recruitment.models import Candidate, CandidateDocument


@transaction.atomic
def add_document(*, actor: User, candidate: Candidate, upload: Any, kind: str) -> CandidateDocument:
    """Keep a CV or other document with the candidate."""
    return documents.add_document(actor=actor, candidate=candidate, upload=upload, kind=kind)


@transaction.atomic
def remove_document(*, actor: User, document: CandidateDocument) -> None:
    """Remove a candidate's document (the file goes once the removal is committed)."""
    documents.remove_document(actor=actor, document=document)
