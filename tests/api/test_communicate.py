"""POST /interviews/{id}/communicate and GET /interviews/{id}/messages, as API.md describes them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.messaging.defaults import install_defaults
from regisseur.messaging.models import HtmlProfile, Message, MessageState, MessageTemplate, Purpose
from regisseur.recruitment.models import Contact
from tests.api.conftest import ApiClient
from tests.conftest import make_application, make_interview, run_worker

MESSAGE_FIELDS = {
    "id",
    "channel",
    "audience",
    "to",
    "subject",
    "body_text",
    "has_html",
    "attachments",
    "includes_confirm_link",
    "state",
    "attempts",
    "sent_at",
    "last_error",
}


@pytest.fixture
def interview(alice: Any, application: Any) -> Any:
    return make_interview(alice, application, memo="Secret: salary expectations too high")


def communicate_path(interview: Any) -> str:
    return f"/interviews/{interview.pk}/communicate"


def test_it_queues_an_invitation_for_the_candidate(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": "candidate"})
    assert answer.status == 201, answer.body
    [message] = answer.body["messages"]
    assert set(message) == MESSAGE_FIELDS
    assert message["channel"] == "email"
    assert message["audience"] == "candidate"
    assert message["to"] == interview.application.candidate.email
    assert message["state"] == "queued"
    assert message["attempts"] == 0
    assert message["sent_at"] is None
    assert message["last_error"] == ""
    assert message["has_html"] is True
    assert message["includes_confirm_link"] is True
    assert message["attachments"] == [{"filename": "invite.ics", "content_type": "application/ics"}]
    assert "/r/" in message["body_text"]
    assert "salary" not in message["body_text"]


def test_the_message_log_shows_the_state_after_delivery(as_alice: ApiClient, interview: Any, smtp_server: Any) -> None:
    as_alice.post(communicate_path(interview), {"audience": "candidate"})
    run_worker()
    answer = as_alice.get(f"/interviews/{interview.pk}/messages")
    assert answer.status == 200
    assert answer.body["count"] == 1
    [message] = answer.body["items"]
    assert message["state"] == "sent"
    assert message["attempts"] == 1
    assert message["sent_at"].endswith("Z")
    assert len(smtp_server.received) == 1


def test_a_message_being_sent_is_shown_as_queued(as_alice: ApiClient, interview: Any) -> None:
    as_alice.post(communicate_path(interview), {"audience": "candidate"})
    Message.objects.update(state=MessageState.SENDING)
    [message] = as_alice.get(f"/interviews/{interview.pk}/messages").body["items"]
    assert message["state"] == "queued"


def test_subject_and_body_override_the_template(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(
        communicate_path(interview),
        {"audience": "candidate", "subject": "Meet {candidate_first_name}", "body": "See you at {location}."},
    )
    assert answer.status == 201, answer.body
    [message] = answer.body["messages"]
    assert message["subject"] == "Meet Sanne"
    assert message["body_text"].startswith("See you at")


def test_it_uses_the_chosen_template_and_profile(as_alice: ApiClient, interview: Any, acme: Any) -> None:
    template = MessageTemplate.objects.create(
        organisation=acme,
        purpose=Purpose.INVITATION,
        language="nl",
        name="Kort",
        subject="Kort: {vacancy_title}",
        body="Tot {interview_date}. {confirmlink}",
    )
    profile = HtmlProfile.objects.create(organisation=acme, name="Blauw", footer="Acme footer text")
    answer = as_alice.post(
        communicate_path(interview),
        {"audience": "candidate", "template_id": template.pk, "html_profile_id": profile.pk},
    )
    assert answer.status == 201, answer.body
    [message] = answer.body["messages"]
    assert message["subject"] == "Kort: Bakker"
    assert message["includes_confirm_link"] is True
    assert "Acme footer text" in Message.objects.get().body_html


def test_send_false_sends_nothing(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": "candidate", "send": False})
    assert answer.status == 201
    assert answer.body == {"messages": []}
    assert not Message.objects.exists()


def test_include_confirm_link_false_leaves_the_link_out(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(
        communicate_path(interview), {"audience": "candidate", "include_confirm_link": False, "body": "Hello."}
    )
    [message] = answer.body["messages"]
    assert message["includes_confirm_link"] is False
    assert "/r/" not in message["body_text"]


def test_the_hiring_manager_is_informed_when_the_kind_includes_them(
    as_alice: ApiClient, alice: Any, application: Any, manager: Contact
) -> None:
    interview = make_interview(alice, application, kind="hiring_manager")
    answer = as_alice.post(communicate_path(interview), {"audience": "hiring_manager"})
    assert answer.status == 201, answer.body
    [message] = answer.body["messages"]
    assert message["to"] == manager.email
    assert message["audience"] == "hiring_manager"
    assert message["includes_confirm_link"] is False


def test_it_refuses_the_hiring_manager_of_a_recruiter_only_interview(
    as_alice: ApiClient, interview: Any, manager: Contact
) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": "hiring_manager"})
    assert answer.status == 422
    assert answer.error["code"] == "audience_not_invited"
    assert not Message.objects.exists()


def test_it_refuses_an_empty_committee(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": "committee", "subject": "Hello"})
    assert answer.status == 422
    assert answer.error["code"] == "audience_not_invited"


def test_it_sends_one_message_per_committee_member(
    as_alice: ApiClient, alice: Any, application: Any, cora: Any, client_company: Any
) -> None:
    other = Contact.objects.create(client=client_company, name="Olga Other", email="olga@jansen.test")
    interview = make_interview(
        alice, application, committee_members=[Contact.objects.get(user=cora), other], kind="both"
    )
    answer = as_alice.post(communicate_path(interview), {"audience": "committee"})
    assert answer.status == 201, answer.body
    assert sorted(m["to"] for m in answer.body["messages"]) == ["cora@jansen.test", "olga@jansen.test"]


def test_it_refuses_a_cancelled_interview(as_alice: ApiClient, interview: Any) -> None:
    assert as_alice.post(f"/interviews/{interview.pk}/cancel", {}).status == 200
    for body in ({"audience": "candidate"}, {"audience": "candidate", "subject": "Hi"}):
        answer = as_alice.post(communicate_path(interview), body)
        assert answer.status == 422
        assert answer.error["code"] == "interview_cancelled"
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "snippet"),
    [
        ({"body": "Dear {candidate_name"}, "body", "brace"),
        ({"body": "Dear {unknown}"}, "body", "{unknown}"),
        ({"subject": "About {salary}"}, "subject", "{salary}"),
    ],
)
def test_it_refuses_invalid_placeholders_naming_them(
    as_alice: ApiClient, interview: Any, body: dict[str, str], field: str, snippet: str
) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": "candidate", **body})
    assert answer.status == 422
    assert answer.error["code"] == "invalid_placeholder"
    assert answer.error["field"] == field
    assert snippet in answer.error["message"]
    assert not Message.objects.exists()


@pytest.mark.parametrize("subject", ["", "   "])
def test_it_refuses_an_empty_subject(as_alice: ApiClient, interview: Any, subject: str) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": "candidate", "subject": subject})
    assert answer.status == 422
    assert answer.error["field"] == "subject"


@pytest.mark.parametrize("audience", ["recruiter", "everyone", "", None, 3])
def test_it_refuses_an_unknown_audience(as_alice: ApiClient, interview: Any, audience: Any) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": audience})
    assert answer.status == 422
    assert answer.error["field"] == "audience"


def test_the_audience_is_required(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(communicate_path(interview), {})
    assert answer.status == 422
    assert answer.error["field"] == "audience"


def test_a_line_break_in_the_subject_becomes_a_space(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(communicate_path(interview), {"audience": "candidate", "subject": "One\r\nTwo"})
    assert answer.body["messages"][0]["subject"] == "One Two"


@pytest.mark.parametrize("field", ["template_id", "html_profile_id"])
def test_another_organisations_template_or_profile_is_not_found(
    as_alice: ApiClient, interview: Any, rival: Any, field: str
) -> None:
    install_defaults(rival)
    foreign = (
        MessageTemplate.objects.filter(organisation=rival).first()
        if field == "template_id"
        else HtmlProfile.objects.get(organisation=rival)
    )
    assert foreign is not None
    for value in (foreign.pk, 999_999, 2**70):
        answer = as_alice.post(communicate_path(interview), {"audience": "candidate", field: value})
        assert answer.status in (404, 422)
        if answer.status == 404:
            assert answer.error["field"] == field
    assert as_alice.post(communicate_path(interview), {"audience": "candidate", field: foreign.pk}).status == 404
    assert not Message.objects.exists()


def test_someone_elses_interview_is_not_found(as_mallory: ApiClient, interview: Any) -> None:
    assert as_mallory.post(communicate_path(interview), {"audience": "candidate"}).status == 404
    assert as_mallory.get(f"/interviews/{interview.pk}/messages").status == 404
    assert as_mallory.post("/interviews/999999/communicate", {"audience": "candidate"}).status == 404
    assert not Message.objects.exists()


def test_a_non_recruiter_is_forbidden(as_hank: ApiClient, alice: Any, application: Any, manager: Contact) -> None:
    interview = make_interview(alice, application, kind="hiring_manager")
    answer = as_hank.post(communicate_path(interview), {"audience": "candidate"})
    assert answer.status == 403
    assert answer.error["code"] == "forbidden"
    assert as_hank.get(f"/interviews/{interview.pk}/messages").status == 403
    assert not Message.objects.exists()


def test_an_anonymous_caller_is_unauthorised(anonymous: ApiClient, interview: Any) -> None:
    assert anonymous.post(communicate_path(interview), {"audience": "candidate"}).status == 401


def test_the_message_log_lists_only_this_interviews_messages(
    as_alice: ApiClient, alice: Any, interview: Any, vacancy: Any
) -> None:
    other = make_interview(alice, make_application(vacancy, "Piet", "Jansen"))
    as_alice.post(communicate_path(interview), {"audience": "candidate"})
    as_alice.post(communicate_path(other), {"audience": "candidate"})
    as_alice.post(communicate_path(interview), {"audience": "candidate", "subject": "Second"})
    answer = as_alice.get(f"/interviews/{interview.pk}/messages")
    assert answer.body["count"] == 2
    assert answer.body["items"][0]["subject"] == "Second"


def test_the_message_log_queries_do_not_grow_with_its_rows(as_alice: ApiClient, interview: Any) -> None:
    path = f"/interviews/{interview.pk}/messages"
    as_alice.post(communicate_path(interview), {"audience": "candidate"})
    as_alice.get(path)
    with CaptureQueriesContext(connection) as one:
        as_alice.get(path)
    for _ in range(4):
        as_alice.post(communicate_path(interview), {"audience": "candidate"})
    with CaptureQueriesContext(connection) as five:
        assert as_alice.get(path).body["count"] == 5
    assert len(five) == len(one)


def test_cancel_with_notify_sends_the_cancellation(as_alice: ApiClient, interview: Any, smtp_server: Any) -> None:
    as_alice.post(communicate_path(interview), {"audience": "candidate"})
    answer = as_alice.post(f"/interviews/{interview.pk}/cancel", {"reason": "Position filled", "notify": True})
    assert answer.status == 200, answer.body
    assert answer.body["status"] == "cancelled"
    messages = as_alice.get(f"/interviews/{interview.pk}/messages").body["items"]
    assert len(messages) == 2
    assert Message.objects.filter(purpose=Purpose.CANCELLATION, calendar_method="CANCEL").count() == 1


def test_cancel_without_notify_sends_nothing(as_alice: ApiClient, interview: Any) -> None:
    assert as_alice.post(f"/interviews/{interview.pk}/cancel", {"notify": False}).status == 200
    assert as_alice.post(f"/interviews/{interview.pk}/cancel", {}).status == 422
    assert not Message.objects.exists()


def test_colleagues_are_an_audience(as_alice: ApiClient, alice: Any, application: Any) -> None:
    interview = make_interview(alice, application, participants=[alice])
    answer = as_alice.post(f"/interviews/{interview.pk}/communicate", {"audience": "colleagues"})
    assert answer.status == 201, answer.body
    [message] = answer.body["messages"]
    assert (message["audience"], message["to"]) == ("colleagues", "alice@acme.test")
    assert [attachment["filename"] for attachment in message["attachments"]] == ["invite.ics"]
    listed = as_alice.get(f"/interviews/{interview.pk}/messages").body["items"]
    assert [item["audience"] for item in listed] == ["colleagues"]


def test_an_interview_without_colleagues_answers_audience_not_invited(as_alice: ApiClient, interview: Any) -> None:
    answer = as_alice.post(f"/interviews/{interview.pk}/communicate", {"audience": "colleagues"})
    assert (answer.status, answer.error["code"]) == (422, "audience_not_invited")
