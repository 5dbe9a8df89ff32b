"""No request, however malformed, gives a 500; every refusal uses the error envelope and changes nothing."""

import pytest

from regisseur.interviews.models import Interview
from regisseur.recruitment.models import Candidate, Client


@pytest.mark.parametrize(
    "raw",
    ["{", "not json", '{"name": "x"', "\x00", "[1, 2", '{"name": "\\ud800"', "ÿ", "{" * 100_000],
)
def test_malformed_json_is_a_400(as_alice, raw):
    answer = as_alice.post("/clients", raw=raw)
    assert answer.status == 400
    assert answer.error == {"code": "invalid_json", "message": answer.error["message"], "field": None}
    assert not Client.objects.exists()


def test_invalid_utf8_is_a_400(as_alice):
    answer = as_alice.post("/clients", raw=b'{"name": "\xff\xfe"}')
    assert answer.status == 400
    assert answer.error["code"] == "invalid_json"


@pytest.mark.parametrize("raw", ["[]", '"name"', "12", "null", "true"])
def test_json_that_is_not_an_object_is_refused(as_alice, raw):
    answer = as_alice.post("/clients", raw=raw)
    assert answer.status in {400, 422}
    assert answer.error["code"] in {"invalid_json", "validation_error"}
    assert not Client.objects.exists()


def test_an_empty_body_is_refused(as_alice):
    answer = as_alice.post("/clients", raw="")
    assert (answer.status, answer.error["code"]) == (422, "validation_error")


@pytest.mark.parametrize("text", ["Bak\x00kerij", "\ud800", "a\udfff"])
def test_text_no_database_stores_is_refused(as_alice, text):
    answer = as_alice.post(
        "/clients", raw='{"name": "' + text.encode("unicode_escape").decode().replace("\\x00", "\\u0000") + '"}'
    )
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "validation_error", "name")
    assert not Client.objects.exists()


def test_unicode_is_stored_as_sent(as_alice):
    name = "Ölçü Bakkerij 😀 – 李 ‏עברית"
    answer = as_alice.post("/clients", {"name": name})
    assert (answer.status, answer.body["name"]) == (201, name)


@pytest.mark.parametrize("value", [2**63, 2**64, -(2**63) - 1, 10**100, 0, -1])
def test_ids_beyond_the_database_are_not_found(as_alice, application, value):
    for path, body in [
        ("/applications", {"candidate_id": value, "vacancy_id": application.vacancy_id}),
        ("/applications", {"candidate_id": application.candidate_id, "vacancy_id": value}),
        ("/contacts", {"client_id": value, "name": "X", "email": "x@example.test"}),
        ("/vacancies", {"client_id": value, "title": "X"}),
        ("/interviews", {"application_id": value, "starts_at": "2030-01-01T10:00:00+01:00", "duration_minutes": 60}),
    ]:
        answer = as_alice.post(path, body)
        assert (answer.status, answer.error["code"]) == (404, "not_found"), path
    for path in ("/interviews", "/applications", "/vacancies", "/candidates", "/clients", "/contacts"):
        assert as_alice.get(f"{path}/{value}").status == 404
    assert as_alice.patch(f"/interviews/{value}", {"location": "x"}).status == 404
    assert as_alice.post(f"/interviews/{value}/cancel", {}).status == 404


@pytest.mark.parametrize("value", ["abc", "1.5", "1e3", "%00", "１"])
def test_non_numeric_ids_are_refused(as_alice, value):
    answer = as_alice.get(f"/interviews/{value}")
    assert answer.status in {404, 422}
    assert "error" in answer.body


@pytest.mark.parametrize(
    "body",
    [
        {"first_name": 1, "last_name": "B", "email": "b@example.test"},
        {"first_name": ["A"], "last_name": "B", "email": "b@example.test"},
        {"first_name": {"a": 1}, "last_name": "B", "email": "b@example.test"},
        {"first_name": "A", "last_name": "B", "email": "b@example.test", "language": 7},
        {"first_name": "A", "last_name": "B", "email": "not an email"},
        {"first_name": "A", "last_name": "B", "email": "b@example.test", "mobile": 612345678},
        {"first_name": "A" * 101, "last_name": "B", "email": "b@example.test"},
        {"first_name": "A", "last_name": "B", "email": ("x" * 250) + "@example.test"},
    ],
)
def test_wrong_types_are_refused(as_alice, body):
    answer = as_alice.post("/candidates", body)
    assert answer.status == 422
    assert answer.error["field"]
    assert not Candidate.objects.exists()


def test_wrong_types_for_an_interview_are_refused(as_alice, application):
    for body in [
        {"application_id": "one", "starts_at": "2030-01-01T10:00:00Z", "duration_minutes": 60},
        {"application_id": application.pk, "starts_at": 12, "duration_minutes": 60},
        {"application_id": application.pk, "starts_at": "2030-01-01T10:00:00Z", "duration_minutes": True},
        {"application_id": application.pk, "starts_at": "2030-01-01T10:00:00Z", "duration_minutes": 60, "force": "x"},
        {"application_id": application.pk, "starts_at": "2030-01-01T10:00:00Z", "duration_minutes": 60, "reminder": 1},
        {
            "application_id": application.pk,
            "starts_at": "2030-01-01T10:00:00Z",
            "duration_minutes": 60,
            "participant_user_ids": "1,2",
        },
    ]:
        answer = as_alice.post("/interviews", body)
        assert answer.status in {404, 422}, body
    assert not Interview.objects.exists()


def test_unknown_fields_are_ignored(as_alice):
    assert as_alice.post("/clients", {"name": "X", "id": 999, "organisation_id": 5}).status == 201
    assert Client.objects.get().pk != 999
