"""Aftercare (seed 002, issue 11 item 6): thank-you, sensitive follow-up, the result reviewed by the candidate."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.actions.care import mark_sensitive, send_result_for_review, set_result_review
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.core.timezones import AMSTERDAM, local_to_utc
from regisseur.evaluation.models import InterviewCare, ResultReviewState
from regisseur.interviews.models import Interview
from regisseur.messaging.delivery import build_email
from regisseur.messaging.models import Message, Purpose
from regisseur.recruitment.models import Application
from tests.conftest import make_interview, run_worker

pytestmark = pytest.mark.django_db

# Thursday 25 March 2027, 14:00-15:00 in Amsterdam.
STARTS = local_to_utc(date(2027, 3, 25), time(14, 0), AMSTERDAM)
ENDS = STARTS + timedelta(hours=1)
AFTER = ENDS + timedelta(hours=2)


@pytest.fixture
def interview(alice: User, application: Application) -> Interview:
    with time_machine.travel(STARTS - timedelta(days=10), tick=False):
        return make_interview(alice, application, starts_at=STARTS, location="Dorpsstraat 1, Utrecht")


def signed_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def record_page(user: User, interview: Interview) -> str:
    return signed_in(user).get(reverse("interviews:detail", args=[interview.pk])).content.decode()


# --- Thank-you ----------------------------------------------------------------------------------------


def test_after_the_interview_the_record_offers_a_thank_you_through_the_communicate_page(interview, alice):
    with time_machine.travel(STARTS - timedelta(hours=1), tick=False):
        assert "Send thank-you" not in record_page(alice, interview)
    with time_machine.travel(AFTER, tick=False):
        page = record_page(alice, interview)
        link = reverse("messaging:communicate", args=[interview.pk, "candidate"]) + "?purpose=thank_you"
        assert link in page

        form = signed_in(alice).get(link).content.decode()
        assert "Bedankt voor het gesprek over Bakker" in form  # the thank-you template, not the invitation


def test_the_thank_you_is_sent_once_with_one_click(interview, alice, smtp_server):
    link = reverse("messaging:communicate", args=[interview.pk, "candidate"]) + "?purpose=thank_you"
    with time_machine.travel(AFTER, tick=False):
        client = signed_in(alice)
        page = client.get(link).content.decode()
        subject = re.search(r'name="subject"[^>]*value="([^"]*)"', page).group(1)
        body = re.search(r'<textarea name="body"[^>]*>\s*([^<]*)</textarea>', page).group(1)
        response = client.post(link, {"action": "send", "subject": subject, "body": body, "signature": ""})
        assert response.status_code == 302
        run_worker()

    [sent] = Message.objects.filter(interview=interview)
    assert sent.purpose == Purpose.THANK_YOU
    [received] = smtp_server.messages
    assert received["Subject"] == "Bedankt voor het gesprek over Bakker"
    assert "/r/" not in received.get_body(("plain",)).get_content()  # no confirm link in a thank-you
    with time_machine.travel(AFTER, tick=False):
        assert "Thank-you sent" in record_page(alice, interview)


# --- The sensitive follow-up --------------------------------------------------------------------------


def test_a_sensitive_interview_gets_a_follow_up_two_working_days_later_until_done(interview, alice):
    with time_machine.travel(AFTER, tick=False):
        client = signed_in(alice)
        client.post(reverse("evaluation:care_sensitive", args=[interview.pk]), {"sensitive": "1"})

    care = InterviewCare.objects.get(interview=interview)
    assert care.sensitive
    # Thursday's interview: Friday, then Monday (summer time since Sunday): 17:00 in Amsterdam.
    assert care.follow_up_due_at == datetime(2027, 3, 29, 15, 0, tzinfo=UTC)
    with time_machine.travel(AFTER, tick=False):
        assert "ask how the candidate experienced the interview" in record_page(alice, interview)
    with time_machine.travel(datetime(2027, 3, 30, 8, 0, tzinfo=UTC), tick=False):
        assert 'data-state="late"' in record_page(alice, interview)
        client.post(reverse("evaluation:care_follow_up", args=[interview.pk]), {"note": "Ging goed, wel spannend."})
        page = record_page(alice, interview)

    assert "ask how the candidate experienced the interview" not in page
    assert "Follow-up done" in page and "Ging goed, wel spannend." in page
    notes = list(interview.events.values_list("note", flat=True))
    assert "care_sensitive" in notes and "care_follow_up_done" in notes


def test_only_recruiters_mark_an_interview_sensitive(interview, hank, mallory):
    with pytest.raises(Forbidden):
        mark_sensitive(actor=hank, interview=interview, sensitive=True)
    with pytest.raises(ServiceError):
        mark_sensitive(actor=mallory, interview=interview, sensitive=True)
    assert (
        signed_in(mallory)
        .post(reverse("evaluation:care_sensitive", args=[interview.pk]), {"sensitive": "1"})
        .status_code
        == 404
    )
    assert not InterviewCare.objects.filter(sensitive=True).exists()


# --- The written result, reviewed by the candidate ----------------------------------------------------


def _sent_token(smtp_server) -> str:
    [received] = [m for m in smtp_server.messages if "/result/" in m.get_body(("plain",)).get_content()]
    found = re.search(r"/r/([A-Za-z0-9_-]+)/result/", received.get_body(("plain",)).get_content())
    assert found
    return found.group(1)


@pytest.fixture
def sent(interview, alice, smtp_server) -> str:
    """The result sent for review; the token of the link the candidate received."""
    with time_machine.travel(AFTER, tick=False):
        set_result_review(actor=alice, vacancy=interview.vacancy, enabled=True)
        send_result_for_review(actor=alice, interview=interview, text="Sanne vertelde over haar jaren bij De Bakkerij.")
        run_worker()
    return _sent_token(smtp_server)


def test_the_result_is_not_sent_where_the_vacancy_does_not_use_it(interview, alice):
    with time_machine.travel(AFTER, tick=False), pytest.raises(ServiceError) as raised:
        send_result_for_review(actor=alice, interview=interview, text="Resultaat")
    assert raised.value.code == "not_used"


def test_the_stored_message_holds_no_working_link(interview, sent):
    message = Message.objects.get(interview=interview)
    assert sent not in message.body_text and sent not in message.body_html
    assert "/r/personal-link/result/" in message.body_text
    assert f"/r/{sent}/result/" in build_email(message).body


def test_reading_the_result_records_nothing(interview, sent):
    with time_machine.travel(AFTER + timedelta(days=1), tick=False):
        response = HttpClient().get(reverse("evaluation:result_review", args=[sent]))

    assert response.status_code == 200
    assert "Sanne vertelde over haar jaren bij De Bakkerij." in response.content.decode()
    assert response.headers["Referrer-Policy"] == "no-referrer"
    care = InterviewCare.objects.get(interview=interview)
    assert care.result_review_state == ResultReviewState.SENT and care.corrections_at is None


def test_the_candidate_sends_corrections_which_the_recruiter_sees(interview, sent, alice):
    url = reverse("evaluation:result_review", args=[sent])
    with time_machine.travel(AFTER + timedelta(days=1), tick=False):
        client = HttpClient(enforce_csrf_checks=True)
        page = client.get(url).content.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = client.post(url, {"corrections": "Het waren vijf jaren, geen vier.", "csrfmiddlewaretoken": csrf})
        assert response.status_code == 303
        thanks = client.get(response["Location"]).content.decode()
        assert "We have received your corrections" in thanks or "correcties" in thanks
        recruiter_page = record_page(alice, interview)

    care = InterviewCare.objects.get(interview=interview)
    assert care.result_review_state == ResultReviewState.CORRECTED
    assert care.corrections == "Het waren vijf jaren, geen vier."
    assert "Het waren vijf jaren, geen vier." in recruiter_page
    event = interview.events.get(note="care_result_corrected")
    assert event.source == "candidate"
    assert event.changes["corrections"][1] == "Het waren vijf jaren, geen vier."


def test_an_expired_link_says_so_plainly(interview, sent):
    with time_machine.travel(AFTER + timedelta(days=15), tick=False):
        response = HttpClient().get(reverse("evaluation:result_review", args=[sent]))
        posted = HttpClient().post(reverse("evaluation:result_review", args=[sent]), {"corrections": "laat"})

    assert response.status_code == 410
    assert 'data-reason="expired"' in response.content.decode()
    assert posted.status_code in (403, 410)
    assert InterviewCare.objects.get(interview=interview).corrections == ""


def test_an_unknown_link_is_not_found(interview, sent):
    response = HttpClient().get(reverse("evaluation:result_review", args=["x" * 43]))
    assert response.status_code == 404
    assert "Sanne" not in response.content.decode()


def test_another_organisation_cannot_touch_the_aftercare(interview, sent, mallory):
    client = signed_in(mallory)
    for name in ("care_sensitive", "care_follow_up", "care_result_switch", "care_send_result"):
        assert client.post(reverse(f"evaluation:{name}", args=[interview.pk]), {"sensitive": "1"}).status_code == 404
    assert client.get(reverse("interviews:detail", args=[interview.pk])).status_code == 404
    care = InterviewCare.objects.get(interview=interview)
    assert not care.sensitive


def test_participants_who_are_not_recruiters_do_not_see_the_aftercare(interview, alice, hank, manager):
    interview.kind = "both"
    interview.save(update_fields=["kind"])
    with time_machine.travel(AFTER, tick=False):
        assert record_page(hank, interview).count('id="aftercare"') == 0
        assert (
            signed_in(hank)
            .post(reverse("evaluation:care_sensitive", args=[interview.pk]), {"sensitive": "1"})
            .status_code
            == 403
        )
