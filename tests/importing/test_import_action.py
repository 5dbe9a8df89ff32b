"""The import action: one transaction, only valid rows, nothing at all when something unexpected fails."""

from __future__ import annotations

from unittest import mock

import pytest

from regisseur.accounts.models import Organisation, User
from regisseur.actions.importing import import_candidates
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.recruitment.models import Application, Candidate, Vacancy
from tests.conftest import make_candidate

ROWS = [
    {"line": 2, "first_name": "Anna", "last_name": "Eerst", "email": "anna@example.test", "mobile": "", "language": ""},
    {"line": 3, "first_name": "", "last_name": "Leeg", "email": "leeg@example.test"},
    {"line": 4, "first_name": "Bram", "last_name": "Twee", "email": "bram@example.test", "mobile": "0612345678"},
]


def test_only_the_valid_rows_are_written(alice: User) -> None:
    summary = import_candidates(actor=alice, rows=ROWS, update_lines=set())

    assert (summary.created, summary.refused) == (2, 1)
    assert sorted(Candidate.objects.values_list("first_name", "mobile", "language")) == [
        ("Anna", "", "nl"),
        ("Bram", "+31612345678", "nl"),
    ]


def test_an_unexpected_failure_writes_nothing(alice: User, vacancy: Vacancy, acme: Organisation) -> None:
    existing = make_candidate(acme, "Oud", "Bekend", email="anna@example.test")
    rows = [*ROWS, {"line": 5, "first_name": "Cees", "last_name": "Drie", "email": "cees@example.test"}]

    failing = mock.patch.object(Application.objects, "bulk_create", side_effect=RuntimeError("disk full"))
    with failing, pytest.raises(RuntimeError):
        import_candidates(actor=alice, rows=rows, update_lines={2}, vacancy=vacancy)

    assert list(Candidate.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.first_name == "Oud"


def test_the_rows_are_checked_again_against_the_candidates_as_they_are_now(alice: User, acme: Organisation) -> None:
    # Between preview and confirmation a colleague added Anna: she is a duplicate now, skipped.
    make_candidate(acme, "Anna", "Eerst", email="anna@example.test")

    summary = import_candidates(actor=alice, rows=ROWS, update_lines=set())

    assert (summary.created, summary.skipped) == (1, 1)
    assert Candidate.objects.count() == 2


def test_a_hiring_manager_is_refused(hank: User) -> None:
    with pytest.raises(Forbidden):
        import_candidates(actor=hank, rows=ROWS, update_lines=set())
    assert Candidate.objects.count() == 0


def test_a_closed_vacancy_is_refused(alice: User, vacancy: Vacancy) -> None:
    vacancy.status = "closed"
    vacancy.save()

    with pytest.raises(ServiceError, match="closed"):
        import_candidates(actor=alice, rows=ROWS, update_lines=set(), vacancy=vacancy)


def test_duplicates_of_another_organisation_do_not_count(alice: User, rival: Organisation) -> None:
    make_candidate(rival, "Anna", "Elders", email="anna@example.test")

    summary = import_candidates(actor=alice, rows=ROWS, update_lines=set())

    assert summary.created == 2
