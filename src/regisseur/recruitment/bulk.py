"""Candidate import, the writing half: a checked preview written in bulk (see recruitment.importing).

The caller holds the transaction (actions.importing.import_candidates): either every valid
row is written, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from regisseur.accounts.models import Language
from regisseur.recruitment.importing import DUPLICATE, ERROR, NEW, Preview
from regisseur.recruitment.models import Application, Candidate, Vacancy

BATCH = 1000
UPDATED_FIELDS = ("first_name", "last_name", "email", "mobile", "language")


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    refused: int = 0
    applications: int = 0


def _merge(candidate: Candidate, values: dict[str, str]) -> None:
    """A duplicate row's values over the candidate's: blank mobile and language keep what is there."""
    for name in UPDATED_FIELDS:
        if values.get(name):
            setattr(candidate, name, values[name])


def write_import(
    *, organisation_id: int, checked: Preview, update_lines: set[int], vacancy: Vacancy | None
) -> ImportSummary:
    """New rows created, duplicates chosen for update merged into their candidate, the rest counted."""
    summary = ImportSummary()
    new: dict[int, Candidate] = {}  # by the line of the row that introduced the candidate
    changed: dict[int, Candidate] = {}  # existing candidates to update, by id
    for row in checked.rows:
        if row.status == ERROR:
            summary.refused += 1
        elif row.status == NEW:
            candidate = Candidate(organisation_id=organisation_id, language=Language.DUTCH, mobile="")
            _merge(candidate, row.values)
            new[row.line] = candidate
        elif row.status == DUPLICATE and row.line in update_lines:
            summary.updated += 1
            if row.existing is not None:
                _merge(changed.setdefault(row.existing.pk, row.existing), row.values)
            elif row.earlier_line in new:
                _merge(new[row.earlier_line], row.values)
        else:
            summary.skipped += 1
    created = Candidate.objects.bulk_create(new.values(), batch_size=BATCH)
    Candidate.objects.bulk_update(changed.values(), UPDATED_FIELDS, batch_size=BATCH)
    summary.created = len(created)
    if vacancy is not None:
        summary.applications = _apply(vacancy, [candidate.pk for candidate in (*created, *changed.values())])
    return summary


def _apply(vacancy: Vacancy, candidate_ids: list[int]) -> int:
    """An application on the vacancy for each candidate that has none there yet."""
    already: set[int] = set()
    for start in range(0, len(candidate_ids), BATCH):
        chunk = candidate_ids[start : start + BATCH]
        already.update(
            Application.objects.filter(vacancy=vacancy, candidate_id__in=chunk).values_list("candidate_id", flat=True)
        )
    wanted = [Application(candidate_id=pk, vacancy=vacancy) for pk in candidate_ids if pk not in already]
    return len(Application.objects.bulk_create(wanted, batch_size=BATCH))
