"""Importing candidates from a spreadsheet (issue 9, item 5): the confirmed preview, written at once.

The rows are checked again inside the transaction, against the candidates as they are
now, so the import writes what a fresh preview would show; rows with errors are not
written, and if anything unexpected fails nothing is written at all.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from regisseur.accounts.models import User
from regisseur.accounts.roles import is_recruiter
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.recruitment.bulk import ImportSummary, write_import
from regisseur.recruitment.importing import preview
from regisseur.recruitment.models import Vacancy, VacancyStatus


def check_import_vacancy(actor: User, vacancy: Vacancy | None) -> None:
    """The vacancy the candidates go onto must be the organisation's and still open."""
    if vacancy is None:
        return
    if vacancy.client.organisation_id != actor.organisation_id:
        raise ServiceError("not_found", _("Unknown vacancy."), field="vacancy")
    if vacancy.status == VacancyStatus.CLOSED:
        raise ServiceError("vacancy_closed", _("This vacancy is closed."), field="vacancy")


@transaction.atomic
def import_candidates(
    *, actor: User, rows: list[dict[str, Any]], update_lines: set[int], vacancy: Vacancy | None = None
) -> ImportSummary:
    """Create the new candidates, update the duplicates chosen for it, optionally apply them all to a vacancy."""
    if not is_recruiter(actor) or actor.organisation_id is None:
        raise Forbidden(_("Only recruiters can import candidates."))
    check_import_vacancy(actor, vacancy)
    checked = preview(actor.organisation_id, rows)
    return write_import(
        organisation_id=actor.organisation_id, checked=checked, update_lines=update_lines, vacancy=vacancy
    )
