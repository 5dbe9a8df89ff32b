"""Every text the API stores has its limit: one character more is a 422 naming the field (issue 8, item 5).

On PostgreSQL a text longer than its column would otherwise be a 500; these run on
either database, and `make test` on PostgreSQL proves the column was never reached.
"""

from __future__ import annotations

from typing import Any

import pytest

from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Candidate, Client, Contact, Vacancy
from tests.api.conftest import ApiClient
from tests.conftest import make_interview, soon

RECORDS = [
    ("/clients", {}, "name", 200),
    ("/contacts", {"email": "hr@jansen.test"}, "name", 200),
    ("/contacts", {"name": "HR"}, "email", 254),
    ("/contacts", {"name": "HR", "email": "hr@jansen.test"}, "phone", 32),
    ("/vacancies", {}, "title", 200),
    ("/candidates", {"last_name": "Bakker", "email": "s@example.test"}, "first_name", 100),
    ("/candidates", {"first_name": "Sanne", "email": "s@example.test"}, "last_name", 100),
    ("/candidates", {"first_name": "Sanne", "last_name": "Bakker"}, "email", 254),
]
PLANNING = [
    ("location", 500),
    ("interviewer", 200),
    ("reason", 200),
    ("memo", 5000),
    ("report", 20000),
    ("video_link", 500),
]


def too_long(field: str, limit: int) -> str:
    if field == "email":
        return "a" * 64 + "@" + "b" * (limit - 64) + ".test"  # one valid-looking address, over the limit
    if field == "phone":
        return "+31" + "6" * limit
    return "x" * (limit + 1)


@pytest.mark.parametrize(("path", "body", "field", "limit"), RECORDS)
def test_a_record_text_over_its_limit_is_refused_naming_the_field(
    as_alice: ApiClient, client_company: Client, path: str, body: dict[str, Any], field: str, limit: int
) -> None:
    body = {**body, "client_id": client_company.pk, field: too_long(field, limit)}
    answer = as_alice.post(path, body)
    assert answer.status == 422, answer.body
    assert answer.error["field"] == field
    assert Contact.objects.count() + Vacancy.objects.count() + Candidate.objects.count() <= 2  # the personas'


@pytest.mark.parametrize(("field", "limit"), PLANNING)
def test_a_planning_text_over_its_limit_is_refused_when_planning_and_changing(
    as_alice: ApiClient, alice: Any, application: Any, field: str, limit: int
) -> None:
    planned = as_alice.post(
        "/interviews",
        {
            "application_id": application.pk,
            "starts_at": soon(days=5).isoformat(),
            "duration_minutes": 60,
            "type": "video",
            field: too_long(field, limit),
        },
    )
    assert (planned.status, planned.error["field"]) == (422, field), planned.body
    assert not Interview.objects.exists()
    interview = make_interview(alice, application)
    changed = as_alice.patch(f"/interviews/{interview.pk}", {field: too_long(field, limit)})
    assert (changed.status, changed.error["field"]) == (422, field), changed.body


def test_a_cancel_reason_over_its_limit_is_refused(as_alice: ApiClient, alice: Any, application: Any) -> None:
    interview = make_interview(alice, application)
    answer = as_alice.post(f"/interviews/{interview.pk}/cancel", {"reason": "x" * 501})
    assert (answer.status, answer.error["field"]) == (422, "reason"), answer.body
    interview.refresh_from_db()
    assert interview.status == "planned"


@pytest.mark.parametrize(("field", "limit"), [("subject", 300), ("body", 20000)])
def test_a_message_text_over_its_limit_is_refused(
    as_alice: ApiClient, alice: Any, application: Any, field: str, limit: int
) -> None:
    interview = make_interview(alice, application)
    answer = as_alice.post(
        f"/interviews/{interview.pk}/communicate", {"audience": "candidate", field: "x" * (limit + 1)}
    )
    assert (answer.status, answer.error["field"]) == (422, field), answer.body


@pytest.mark.parametrize(("field", "limit"), [("subject", 300), ("body", 20000), ("signature", 2000)])
def test_a_reminder_text_over_its_limit_is_refused(
    as_alice: ApiClient, alice: Any, application: Any, field: str, limit: int
) -> None:
    interview = make_interview(alice, application, starts_at=soon(days=10))
    answer = as_alice.patch(
        f"/interviews/{interview.pk}",
        {"reminder": {"channel": "email", "days_before": 1, field: "x" * (limit + 1)}},
    )
    assert answer.status == 422, answer.body
    assert answer.error["field"] == f"reminder.{field}"
