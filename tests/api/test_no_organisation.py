"""The operator's superuser belongs to no organisation: its writes are refused with a reason, its reads find nothing."""

from __future__ import annotations

import pytest

from regisseur.accounts.models import User
from regisseur.recruitment.models import Client
from tests.api.conftest import client_for
from tests.conftest import make_interview, soon


@pytest.fixture
def as_operator(db):
    operator = User.objects.create_superuser("root", "root@example.org", "correct horse 1")
    return client_for(operator)


def assert_no_organisation(answer):
    assert answer.status == 403
    assert answer.error["code"] == "no_organisation"
    assert answer.error["field"] is None
    assert "user of an organisation" in answer.error["message"]
    assert "regisseur manage create_organisation" in answer.error["message"]


def test_a_write_by_the_superuser_is_refused_naming_whom_to_use_instead(as_operator):
    assert_no_organisation(as_operator.post("/clients", {"name": "Bakkerij Jansen"}))
    assert not Client.objects.exists()


def test_every_kind_of_write_is_refused_before_its_body_or_ids_are_looked_at(as_operator, alice, application):
    interview = make_interview(alice, application)
    assert_no_organisation(
        as_operator.post(
            "/interviews",
            {"application_id": application.pk, "starts_at": soon().isoformat(), "duration_minutes": 30},
        )
    )
    assert_no_organisation(as_operator.patch(f"/interviews/{interview.pk}", {"duration_minutes": 90}))
    assert_no_organisation(as_operator.post(f"/interviews/{interview.pk}/cancel", {}))
    assert_no_organisation(as_operator.post("/candidates", raw="{not json"))
    interview.refresh_from_db()
    assert (interview.duration_minutes, interview.status) == (60, "planned")


def test_reads_by_the_superuser_find_nothing(as_operator, alice, application):
    interview = make_interview(alice, application)
    assert as_operator.get("/clients").body == {"items": [], "count": 0}
    assert as_operator.get("/interviews").body == {"items": [], "count": 0}
    assert as_operator.get(f"/interviews/{interview.pk}").status == 404
    assert as_operator.get(f"/applications/{application.pk}").status == 404


def test_a_user_of_an_organisation_still_writes(as_alice):
    assert as_alice.post("/clients", {"name": "Bakkerij Jansen"}).status == 201
