"""The message log (C7) on the interview and candidate records, and the message page with "Retry now"."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.messaging.models import Message, MessageState
from regisseur.messaging.services import communicate
from tests.conftest import make_application, make_interview, run_worker


def record(interview) -> str:
    return reverse("interviews:detail", args=[interview.pk])


def test_the_interview_record_shows_each_message_with_its_state(client, alice, application, smtp_server):
    interview = make_interview(alice, application)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    client.force_login(alice)
    page = client.get(record(interview)).content.decode()
    assert 'data-state="queued"' in page and "badge-queued" in page
    assert message.subject in page and application.candidate.email in page
    assert reverse("messaging:message_detail", args=[message.pk]) in page
    assert "REQUEST" in page

    run_worker()
    page = client.get(record(interview)).content.decode()
    assert 'data-state="sent"' in page and "badge-sent" in page


def test_a_failed_message_shows_its_error_and_can_be_retried(client, alice, application, smtp_server):
    interview = make_interview(alice, application)
    smtp_server.stop()
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.FAILED
    client.force_login(alice)
    page = client.get(record(interview)).content.decode()
    assert 'data-state="failed"' in page and "1 attempt" in page
    detail = client.get(reverse("messaging:message_detail", args=[message.pk])).content.decode()
    assert "Retry now" in detail and message.last_error[:20] in detail

    smtp_server.start()
    response = client.post(reverse("messaging:message_retry", args=[message.pk]))
    assert response.status_code == 302
    run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert len(smtp_server.received) == 1
    assert "Retry now" not in client.get(reverse("messaging:message_detail", args=[message.pk])).content.decode()


def test_the_message_page_shows_text_html_in_a_sandbox_headers_and_the_calendar(client, alice, application):
    interview = make_interview(alice, application)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    client.force_login(alice)
    page = client.get(reverse("messaging:message_detail", args=[message.pk])).content.decode()
    assert "BEGIN:VCALENDAR" in page and "METHOD:REQUEST" in page
    assert 'sandbox=""' in page and "srcdoc=" in page
    assert message.message_id.replace("<", "&lt;").replace(">", "&gt;") in page
    assert "Sanne" in page


def test_the_candidate_record_shows_all_the_candidates_messages(client, alice, application):
    first = make_interview(alice, application)
    communicate(actor=alice, interviews=[first], audience="candidate")
    communicate(actor=alice, interviews=[first], audience="candidate")
    other = make_interview(alice, make_application(application.vacancy, "Piet", "Jansen"))
    communicate(actor=alice, interviews=[other], audience="candidate")
    client.force_login(alice)
    response = client.get(reverse("recruitment:candidate_detail", args=[application.candidate_id]))
    assert len(response.context["message_log"]) == 2
    assert "piet.jansen@example.test" not in response.content.decode()


def test_only_recruiters_of_the_organisation_see_messages(client, alice, mallory, hank, application):
    interview = make_interview(alice, application, kind="both")
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    for outsider in (mallory, hank):
        client.force_login(outsider)
        assert client.get(reverse("messaging:message_detail", args=[message.pk])).status_code == 404
        assert client.post(reverse("messaging:message_retry", args=[message.pk])).status_code == 404
    client.force_login(hank)
    response = client.get(record(interview))
    if response.status_code == 200:
        assert message.subject not in response.content.decode()


def test_a_candidate_name_with_markup_is_escaped_in_the_log_and_on_the_message_page(client, alice, vacancy):
    hostile = make_application(vacancy, "<script>alert(1)</script>", "Hacker", email="hacker@example.test")
    interview = make_interview(alice, hostile)
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    client.force_login(alice)
    for url in (
        record(interview),
        reverse("recruitment:candidate_detail", args=[hostile.candidate_id]),
        reverse("messaging:message_detail", args=[message.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_the_logs_make_as_many_queries_for_3_as_for_30_messages(client, alice, application):
    interview = make_interview(alice, application)
    client.force_login(alice)

    def count(n: int, url: str) -> int:
        Message.objects.all().delete()
        for _ in range(n):
            communicate(actor=alice, interviews=[interview], audience="candidate")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for url in (record(interview), reverse("recruitment:candidate_detail", args=[application.candidate_id])):
        assert count(3, url) == count(30, url), url
