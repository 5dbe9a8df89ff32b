"""Save and communicate (C3, C4, C5) through the HTTP client, with a real SMTP server where mail is sent."""

from __future__ import annotations

import html
from typing import Any

from django.urls import reverse
from django.utils import timezone

from regisseur.actions.changes import reschedule_interview
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.messaging.models import HtmlProfile, Message, MessageTemplate, Purpose
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview, run_worker, soon


def communicate_url(interview: Interview, audience: str = "candidate") -> str:
    return reverse("messaging:communicate", args=[interview.pk, audience])


def planning_data(**extra: Any) -> dict[str, Any]:
    local = timezone.localtime(soon(days=5, hour=11))
    data = {
        "date": local.strftime("%d-%m-%Y"),
        "time": local.strftime("%H:%M"),
        "time_zone": "Europe/Amsterdam",
        "duration_minutes": "45",
        "type": "in_person",
        "kind": "recruiter",
        "location": "Damrak 1, Amsterdam",
        "reason": "",
        "interviewer": "Jan Smit",
    }
    data.update(extra)
    return data


def form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """What the browser would post back: the form as shown, with `changes`."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if name == "include_confirm_link":
            if value:
                data[name] = "on"
            continue
        if name == "profile":
            value = value.pk if hasattr(value, "pk") else value
        data[name] = "" if value is None else value
    template = response.context.get("template")
    data["template"] = template.pk if template else ""
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def template(organisation: Any, body: str, *, purpose: str = Purpose.INVITATION, language: str = "en", **extra: Any):
    extra.setdefault("name", f"T {MessageTemplate.objects.count()}")
    extra.setdefault("subject", "Interview for {vacancy_title} on {interview_date}")
    return MessageTemplate.objects.create(
        organisation=organisation, purpose=purpose, language=language, body=body, **extra
    )


def test_save_and_communicate_leads_from_planning_to_an_email_the_candidate_receives(
    client, alice, application, smtp_server
):
    application.candidate.language = "en"
    application.candidate.save()
    client.force_login(alice)

    response = client.post(
        reverse("interviews:plan") + f"?application={application.pk}", {**planning_data(), "communicate": "1"}
    )
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == communicate_url(interview)

    page = client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    subject = page.context["form"]["subject"].value()
    # The details are filled in for the recruiter to check (seed 003, step 5); the confirm link is not.
    assert interview.local_starts_at.strftime("%d-%m-%Y") in subject and "Bakker" in subject
    body = page.context["form"]["body"].value()
    assert "Sanne" in body and "Damrak 1, Amsterdam" in body and "{candidate_first_name}" not in body
    assert "recruitment@localhost" in text and "sanne.bakker@example.test" in text
    assert 'name="include_confirm_link"' in text and "srcdoc=" in text

    sent = client.post(communicate_url(interview), form_data(page))
    assert sent.status_code == 302
    assert sent["Location"] == reverse("interviews:detail", args=[interview.pk])
    record = client.get(sent["Location"])
    assert "Invitation queued for sending to Sanne Bakker." in record.content.decode()

    run_worker()
    [received] = smtp_server.messages
    assert received["To"].addresses[0].addr_spec == "sanne.bakker@example.test"
    assert received["Subject"] == subject
    plain = received.get_body(("plain",)).get_content()
    assert "/r/" in plain
    assert Message.objects.get().includes_confirm_link


def test_the_edited_text_is_what_is_sent(client, alice, application, smtp_server):
    interview = make_interview(alice, application)
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    client.post(
        communicate_url(interview),
        form_data(page, subject="Tot dinsdag, {candidate_first_name}", body="Hallo {candidate_name}, tot dan."),
    )
    run_worker()
    [received] = smtp_server.messages
    assert received["Subject"] == "Tot dinsdag, Sanne"
    assert "Hallo Sanne Bakker, tot dan." in received.get_body(("plain",)).get_content()


def test_do_not_send_email_sends_nothing_and_says_so(client, alice, application, smtp_server):
    interview = make_interview(alice, application)
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    response = client.post(communicate_url(interview), form_data(page, action="do_not_send", subject=""))
    assert response.status_code == 302
    run_worker()
    assert smtp_server.received == []
    assert not Message.objects.exists()
    assert InterviewEvent.objects.filter(interview=interview, action=InterviewEvent.Action.MESSAGE).exists()
    assert "No email was sent." in client.get(response["Location"]).content.decode()


def test_the_hiring_manager_cannot_be_informed_when_the_interview_is_with_the_recruiter_only(
    client, alice, hank, vacancy, application
):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    interview = make_interview(alice, application, kind="recruiter")
    client.force_login(alice)
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert communicate_url(interview, "hiring_manager") not in record
    response = client.get(communicate_url(interview, "hiring_manager"))
    assert response.status_code == 409
    assert "only when the interview is with the hiring manager or with both" in response.content.decode()
    assert "form" not in response.context
    assert client.post(communicate_url(interview, "hiring_manager"), {"action": "send"}).status_code == 409
    assert not Message.objects.exists()


def test_the_hiring_manager_is_informed_when_the_interview_is_with_both(
    client, alice, hank, vacancy, application, smtp_server
):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    interview = make_interview(alice, application, kind="both")
    client.force_login(alice)
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert communicate_url(interview, "hiring_manager") in record
    page = client.get(communicate_url(interview, "hiring_manager"))
    assert page.status_code == 200
    assert "include_confirm_link" not in page.context["form"].fields
    client.post(communicate_url(interview, "hiring_manager"), form_data(page))
    run_worker()
    [received] = smtp_server.messages
    assert received["To"].addresses[0].addr_spec == "hank@jansen.test"
    assert "/r/" not in received.get_body(("plain",)).get_content()


def test_an_empty_committee_gets_a_clear_message(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert communicate_url(interview, "committee") not in record
    response = client.get(communicate_url(interview, "committee"))
    assert response.status_code == 409
    assert "This interview has no selection committee members." in response.content.decode()


def test_the_committee_is_listed_as_recipients(client, alice, cora, application):
    interview = make_interview(alice, application, committee_members=[Contact.objects.get(user=cora)])
    client.force_login(alice)
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert communicate_url(interview, "committee") in record
    page = client.get(communicate_url(interview, "committee"))
    assert page.status_code == 200
    assert "cora@jansen.test" in page.content.decode()


def test_an_unknown_placeholder_is_refused_next_to_the_field_naming_it(client, alice, application, smtp_server):
    interview = make_interview(alice, application)
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    response = client.post(communicate_url(interview), form_data(page, body="Hallo {kandidaat}, tot {interview_date"))
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert "Unknown placeholder {kandidaat}." in errors
    assert any("brace" in error for error in errors)
    # The typed text is kept for correcting.
    assert response.context["form"]["body"].value() == "Hallo {kandidaat}, tot {interview_date"
    assert not Message.objects.exists()


def test_an_empty_subject_is_refused(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    response = client.post(communicate_url(interview), form_data(page, subject="  "))
    assert response.status_code == 200
    assert response.context["form"].errors["subject"]
    assert not Message.objects.exists()


def test_the_confirm_link_option_is_ticked_unless_the_content_has_the_placeholder(client, alice, acme, application):
    application.candidate.language = "en"
    application.candidate.save()
    without = template(acme, "Dear {candidate_name}, see you.", name="Without", is_default=True)
    with_link = template(acme, "Dear {candidate_name}, answer here: {confirmlink}", name="With")
    interview = make_interview(alice, application)
    client.force_login(alice)

    page = client.get(communicate_url(interview))
    assert page.context["template"] == without
    assert page.context["form"]["include_confirm_link"].value() is True

    page = client.get(communicate_url(interview) + f"?template={with_link.pk}")
    assert page.context["template"] == with_link
    assert page.context["form"]["include_confirm_link"].value() is False
    # {confirmlink} stays a placeholder: the link is made when the message is sent.
    assert "{confirmlink}" in page.context["form"]["body"].value()


def test_choosing_a_template_replaces_the_text_and_an_unknown_one_falls_back_to_the_default(
    client, alice, acme, mallory, application
):
    application.candidate.language = "en"
    application.candidate.save()
    template(acme, "First text {candidate_name}", name="First", is_default=True)
    second = template(acme, "Second text {candidate_name}", name="Second")
    foreign = template(mallory.organisation, "Foreign", name="Foreign")
    interview = make_interview(alice, application)
    client.force_login(alice)
    assert (
        "Second text Sanne Bakker"
        in client.get(communicate_url(interview) + f"?template={second.pk}").context["form"]["body"].value()
    )
    page = client.get(communicate_url(interview) + f"?template={foreign.pk}")
    assert page.context["form"]["body"].value() == "First text Sanne Bakker"


def test_preview_shows_the_edited_text_and_sends_nothing(client, alice, application):
    interview = make_interview(alice, application)
    HtmlProfile.objects.create(organisation=alice.organisation, name="Blue", primary_colour="#123456", is_default=True)
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    response = client.post(communicate_url(interview), form_data(page, body="Kijk {candidate_first_name}", preview="1"))
    assert response.status_code == 200
    assert "Kijk Sanne" in response.context["preview"].body_text
    assert "#123456" in response.context["preview"].body_html
    assert not Message.objects.exists()


def test_a_cancelled_interview_shows_a_clear_message_and_no_form(client, alice, application):
    from regisseur.actions.cancelling import cancel_interview

    interview = cancel_interview(actor=alice, interview=make_interview(alice, application)).interviews[0]
    client.force_login(alice)
    response = client.get(communicate_url(interview))
    assert response.status_code == 409
    assert "This interview has been cancelled" in response.content.decode()
    assert "<textarea" not in response.content.decode()
    assert client.post(communicate_url(interview), {"action": "send", "subject": "x", "body": "y"}).status_code == 409
    assert not Message.objects.exists()


def test_only_recruiters_of_the_organisation_reach_the_page(client, alice, mallory, hank, vacancy, application):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    interview = make_interview(alice, application, kind="both")
    for outsider in (mallory, hank):
        client.force_login(outsider)
        assert client.get(communicate_url(interview)).status_code == 404
        assert client.post(communicate_url(interview), {"action": "send"}).status_code == 404
    client.force_login(alice)
    assert client.get(communicate_url(interview, "everybody")).status_code == 404
    assert not Message.objects.exists()


def test_after_a_reschedule_the_record_offers_to_communicate_the_change(client, alice, application, smtp_server):
    interview = make_interview(alice, application)
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    client.post(communicate_url(interview), form_data(page))
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Communicate the change" not in record

    reschedule_interview(actor=alice, interview=interview, starts_at=soon(days=6, hour=15))
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Communicate the change" in record
    page = client.get(communicate_url(interview))
    assert page.context["purpose_label"] == Purpose.CHANGE.label
    client.post(communicate_url(interview), form_data(page))
    assert Message.objects.filter(purpose=Purpose.CHANGE).count() == 1
    record = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Communicate the change" not in record


def test_save_and_communicate_after_an_edit_leads_to_the_change(client, alice, application):
    interview = make_interview(alice, application, location="Damrak 1")
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    client.post(communicate_url(interview), form_data(page))
    response = client.post(
        reverse("interviews:edit", args=[interview.pk]), planning_data(location="Rokin 2", communicate="1")
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == communicate_url(interview)
    assert client.get(response["Location"]).context["purpose_label"] == Purpose.CHANGE.label


def test_a_candidate_name_with_markup_is_escaped_on_the_page_and_in_the_preview(client, alice, vacancy):
    hostile = make_application(vacancy, "<script>alert(1)</script>", "Hacker", email="hacker@example.test")
    interview = make_interview(alice, hostile)
    client.force_login(alice)
    text = client.get(communicate_url(interview)).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # Inside srcdoc the email's own escaping is escaped once more: the frame shows text, never runs it.
    srcdoc = text.split('srcdoc="', 1)[1].split('"', 1)[0]
    assert "<" not in srcdoc and "&amp;lt;script&amp;gt;" in srcdoc
    assert "<script>alert(1)</script>" not in html.unescape(srcdoc)


def test_the_memo_never_appears_in_a_message(client, alice, application, smtp_server):
    interview = make_interview(alice, application, memo="GEHEIM: kandidaat is duur")
    client.force_login(alice)
    page = client.get(communicate_url(interview))
    assert "GEHEIM" not in page.context["form"]["body"].value()
    assert "GEHEIM" not in page.context["preview"].body_html
    client.post(communicate_url(interview), form_data(page))
    run_worker()
    [raw] = smtp_server.received
    assert b"GEHEIM" not in raw
    message = Message.objects.get()
    assert "GEHEIM" not in message.body_text + message.body_html + message.calendar_ics + message.subject
