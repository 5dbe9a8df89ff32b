"""After the interview (O4): check-ins within the hour, satisfaction links, the debrief and the completion."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client as HttpClient
from django.urls import reverse
from icalendar import Calendar

from regisseur.accounts.models import Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.aftercare import (
    cancel_check_in,
    cancel_debrief,
    complete_interview,
    plan_debrief,
    reschedule_debrief,
)
from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.monitoring import record_day_outcome
from regisseur.core.errors import ServiceError
from regisseur.core.timezones import local_to_utc
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.messaging.delivery import build_email
from regisseur.messaging.models import Channel, Message, MessageState, Purpose
from regisseur.monitoring.aftercare import check_ins_need_sweep
from regisseur.monitoring.board import board_item
from regisseur.monitoring.models import CheckIn, CheckInState, Debrief, InterviewRun, Rating
from regisseur.monitoring.tasks import sweep_check_ins
from regisseur.recruitment.models import Application, Contact, Vacancy
from regisseur.reminders.services import set_reminder
from tests.conftest import make_interview, run_worker
from tests.messaging.test_sms_gateway import FakeMessageBird

pytestmark = pytest.mark.django_db

# Monday 18 January 2027, 14:00-15:00 in Amsterdam.
STARTS = local_to_utc(date(2027, 1, 18), time(14, 0), "Europe/Amsterdam")
ENDS = STARTS + timedelta(hours=1)
PLANNED_AT = STARTS - timedelta(days=10)


@pytest.fixture
def carla(vacancy: Vacancy) -> Contact:
    """The client's main contact (the vacancy has no hiring manager)."""
    return Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test")


@pytest.fixture
def interview(alice: User, application: Application, carla: Contact) -> Interview:
    with time_machine.travel(PLANNED_AT, tick=False):
        return make_interview(alice, application, starts_at=STARTS, location="Dorpsstraat 1, Utrecht")


def sweep(at: Any) -> None:
    """What the worker does every few seconds: enqueue the check-in sweep when there is work, run it."""
    with time_machine.travel(at, tick=False):
        if check_ins_need_sweep():
            sweep_check_ins.enqueue()
        run_worker()


def signed_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def check_ins() -> dict[str, str]:
    return dict(CheckIn.objects.values_list("audience", "state"))


def rating_token(message: Message, score: int = 4) -> str:
    """The token of a rating link as the email carries it (the stored message holds a placeholder)."""
    sent = build_email(message).body
    found = re.search(rf"/r/([A-Za-z0-9_-]+)/rating/{score}/", sent)
    assert found, sent
    return found.group(1)


def test_the_stored_check_in_holds_no_working_rating_link(interview, smtp_server):
    sweep(ENDS + timedelta(minutes=15))
    message = Message.objects.get(purpose="check_in")

    token = rating_token(message)

    assert "/r/personal-link/rating/4/" in message.body_text and token not in message.body_text
    assert token not in message.body_html
    run_worker()
    [delivered] = [sent for sent in smtp_server.messages if sent["To"].endswith("example.test>")]
    assert f"/r/{token}/rating/4/" in delivered.get_body(("plain",)).get_content()


# --- Check-ins ------------------------------------------------------------------------------------


def test_check_ins_reach_both_parties_once_within_the_hour(interview, smtp_server):
    sweep(ENDS + timedelta(minutes=5))  # too early: the parties leave the building first
    assert smtp_server.messages == []
    assert CheckIn.objects.count() == 0

    sweep(ENDS + timedelta(minutes=12))
    sweep(ENDS + timedelta(minutes=13))  # a second sweep sends nothing again

    assert check_ins() == {"candidate": CheckInState.SENT, "client": CheckInState.SENT}
    received = {message["To"].addresses[0].addr_spec: message for message in smtp_server.messages}
    assert sorted(received) == ["carla@client.test", "sanne.bakker@example.test"]
    to_candidate = received["sanne.bakker@example.test"]
    assert to_candidate["Subject"] == "Hoe ging je gesprek voor Bakker?"
    text = to_candidate.get_body(("plain",)).get_content()
    assert text.startswith("Hoi Sanne, hoe ging je gesprek voor Bakker?")
    # Five one-click scores, each its own link, in the text and in the HTML.
    assert len(re.findall(r"http://127\.0\.0\.1:8000/r/[\w-]+/rating/[1-5]/", text)) == 5
    html = to_candidate.get_body(("html",)).get_content()
    assert len(re.findall(r'href="http://127\.0\.0\.1:8000/r/[\w-]+/rating/[1-5]/"', html)) == 5
    to_client = received["carla@client.test"].get_body(("plain",)).get_content()
    assert "Hoe ging het gesprek met Sanne Bakker voor Bakker?" in to_client
    assert Rating.objects.filter(interview=interview).count() == 2
    assert not check_ins_need_sweep()


@pytest.fixture
def sam(acme):
    """A recruiter with SMS access."""
    return create_user(
        username="sam",
        password="x" * 12,
        organisation=acme,
        role=Role.RECRUITER,
        sms_access=True,
        email="sam@acme.test",
        language="en",
    )


@pytest.fixture
def gateway(settings: Any) -> Any:
    """A MessageBird look-alike (the project's SMS test gateway)."""
    server = FakeMessageBird()
    settings.SMS_URL = server.url("Acme")
    yield server
    server.stop()


def test_the_candidate_gets_a_text_message_when_reminded_by_sms(sam, application, carla, smtp_server, gateway):
    with time_machine.travel(PLANNED_AT, tick=False):
        planned = make_interview(sam, application, starts_at=STARTS)
        set_reminder(actor=sam, interview=planned, channel="sms", days_before=1)

    sweep(ENDS + timedelta(minutes=15))
    sweep(ENDS + timedelta(minutes=16))

    [text] = Message.objects.filter(purpose=Purpose.CHECK_IN)
    assert text.channel == Channel.SMS
    [accepted] = [sent for sent in gateway.accepted if "/rating/" in sent["body"]]
    assert accepted["recipients"] == ["31612345678"]
    assert accepted["body"].startswith("Hoi Sanne, hoe ging je gesprek voor Bakker? Geef je ervaring een cijfer")
    # One link to the rating page (a short token), not five.
    assert re.search(r"http://127\.0\.0\.1:8000/r/[\w-]{22}/rating/$", accepted["body"])
    assert check_ins() == {"candidate": CheckInState.SENT, "client": CheckInState.SENT}


def test_a_recruiter_cancels_a_scheduled_check_in(interview, alice, smtp_server):
    response = signed_in(alice).post(reverse("monitoring:check_in_cancel", args=[interview.pk, "client"]))
    assert response.status_code == 302

    sweep(ENDS + timedelta(minutes=15))

    row = CheckIn.objects.get(audience="client")
    assert (row.state, row.decided_by) == (CheckInState.CANCELLED, alice)
    assert [message["To"].addresses[0].addr_spec for message in smtp_server.messages] == ["sanne.bakker@example.test"]
    with pytest.raises(ServiceError) as refused:
        cancel_check_in(actor=alice, interview=interview, audience="candidate")
    assert refused.value.code == "already_sent"


def test_cancelling_the_interview_cancels_its_check_ins(interview, alice, smtp_server):
    with time_machine.travel(STARTS - timedelta(hours=2), tick=False):
        cancel_interview(actor=alice, interview=interview)

    sweep(ENDS + timedelta(minutes=15))
    sweep(ENDS + timedelta(hours=2))

    assert Message.objects.filter(purpose__in=[Purpose.CHECK_IN, Purpose.CHECK_IN_CLIENT]).count() == 0
    assert CheckIn.objects.count() == 0
    assert smtp_server.messages == []


def test_a_no_show_gets_no_check_ins(interview, alice, smtp_server):
    with time_machine.travel(STARTS + timedelta(minutes=20), tick=False):
        record_day_outcome(actor=alice, interview=interview, status="no_show", no_show_by="candidate")

    sweep(ENDS + timedelta(minutes=15))

    assert CheckIn.objects.count() == 0
    assert smtp_server.messages == []


def test_check_ins_not_sent_within_the_hour_are_missed_and_late_on_the_board(interview, smtp_server):
    sweep(ENDS + timedelta(hours=1, minutes=5))  # the worker was down for the whole hour

    assert check_ins() == {"candidate": CheckInState.MISSED, "client": CheckInState.MISSED}
    assert smtp_server.messages == []
    with time_machine.travel(ENDS + timedelta(hours=1, minutes=5), tick=False):
        assert "after_steps_late" in board_item(interview).risks


def test_a_rescheduled_interview_moves_its_check_ins(interview, alice, smtp_server):
    from tests.conftest import change_fields

    with time_machine.travel(PLANNED_AT, tick=False):
        change_fields(actor=alice, interview=interview, changes={"starts_at": STARTS + timedelta(days=1)}, force=True)

    sweep(ENDS + timedelta(minutes=15))
    assert CheckIn.objects.count() == 0
    sweep(ENDS + timedelta(days=1, minutes=15))
    assert check_ins() == {"candidate": CheckInState.SENT, "client": CheckInState.SENT}


def test_a_client_without_contact_gets_no_check_in(alice, application, smtp_server):
    with time_machine.travel(PLANNED_AT, tick=False):
        make_interview(alice, application, starts_at=STARTS)

    sweep(ENDS + timedelta(minutes=15))

    row = CheckIn.objects.get(audience="client")
    assert (row.state, row.note) == (CheckInState.CANCELLED, "no_client_contact")
    assert check_ins()["candidate"] == CheckInState.SENT


# --- Satisfaction -----------------------------------------------------------------------------------


@pytest.fixture
def token(interview, smtp_server) -> str:
    sweep(ENDS + timedelta(minutes=15))
    return rating_token(Message.objects.get(purpose=Purpose.CHECK_IN))


def test_opening_a_score_link_records_nothing(token):
    anonymous = HttpClient()
    with time_machine.travel(ENDS + timedelta(hours=2), tick=False):
        response = anonymous.get(f"/r/{token}/rating/4/")
        head = anonymous.head(f"/r/{token}/rating/5/")

    assert response.status_code == 200
    assert head.status_code in (200, 405)
    assert Rating.objects.get(audience="candidate").score is None
    page = response.content.decode()
    assert re.search(r'value="4"[^>]*checked', page)
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Content-Language"] == "nl"


def test_posting_the_rating_records_it_and_every_change(token, interview):
    anonymous = HttpClient()
    with time_machine.travel(ENDS + timedelta(hours=2), tick=False):
        first = anonymous.post(f"/r/{token}/rating/", {"score": "4", "comment": "Prettig gesprek"})
        thanks = anonymous.get(first["Location"])
        second = anonymous.post(f"/r/{token}/rating/", {"score": "5", "comment": "Prettig gesprek"})

    assert first.status_code == second.status_code == 303
    assert thanks.status_code == 200
    assert "4/5" in thanks.content.decode()
    rating = Rating.objects.get(audience="candidate")
    assert (rating.score, rating.comment) == (5, "Prettig gesprek")
    history = InterviewEvent.objects.filter(interview=interview, action=InterviewEvent.Action.AFTERCARE)
    assert [event.changes["rating"] for event in history.order_by("id")] == [[None, 4], [4, 5]]


def test_a_score_out_of_range_is_refused_with_the_page(token):
    response = HttpClient().post(f"/r/{token}/rating/", {"score": "9"})
    assert response.status_code == 400
    assert Rating.objects.get(audience="candidate").score is None


def test_an_expired_rating_link_says_so(token):
    anonymous = HttpClient()
    with time_machine.travel(ENDS + timedelta(days=15), tick=False):
        page = anonymous.get(f"/r/{token}/rating/3/")
        posted = anonymous.post(f"/r/{token}/rating/", {"score": "3"})

    assert page.status_code == posted.status_code == 410
    assert 'data-reason="expired"' in page.content.decode()
    assert page["Content-Language"] == "nl"  # in the candidate's language
    assert Rating.objects.get(audience="candidate").score is None


def test_an_unknown_rating_link_is_not_found(db):
    response = HttpClient().get("/r/not-a-token/rating/2/")
    assert response.status_code == 404
    assert HttpClient().post("/r/not-a-token/rating/", {"score": "2"}).status_code == 404


def test_the_client_rates_in_the_vacancy_language(token, interview):
    client_message = Message.objects.get(purpose=Purpose.CHECK_IN_CLIENT)
    client_token = rating_token(client_message, 2)
    HttpClient().post(f"/r/{client_token}/rating/", {"score": "2", "comment": ""})

    assert Rating.objects.get(audience="client").score == 2
    assert Rating.objects.get(audience="candidate").score is None  # each link rates only its own party


# --- The recruiter's page ---------------------------------------------------------------------------


def test_the_page_shows_the_check_ins_ratings_and_forms(interview, alice, token):
    HttpClient().post(f"/r/{token}/rating/", {"score": "4", "comment": "Fijn"})
    with time_machine.travel(ENDS + timedelta(hours=2), tick=False):
        response = signed_in(alice).get(reverse("monitoring:after", args=[interview.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-state="sent"' in page
    assert "4/5" in page and "Fijn" in page
    assert "Plan the debrief" in page


def test_other_organisations_and_non_recruiters_are_kept_out(interview, mallory, hank):
    url = reverse("monitoring:after", args=[interview.pk])
    assert signed_in(mallory).get(url).status_code == 404
    assert signed_in(mallory).post(reverse("monitoring:after_complete", args=[interview.pk])).status_code == 404
    assert signed_in(hank).get(url).status_code in (403, 404)
    assert HttpClient().get(url).status_code == 302  # to the sign-in page


def test_ticking_the_success_checklist(interview, alice):
    url = reverse("monitoring:after_tick", args=[interview.pk])
    with time_machine.travel(ENDS + timedelta(minutes=30), tick=False):
        signed_in(alice).post(url, {"code": "on_schedule", "done": "1"})
        item = board_item(interview)

    on_schedule = next(line for line in item.after.items if line.code == "on_schedule")
    assert on_schedule.done and on_schedule.done_by == alice


def test_completion_is_logged_with_notes_and_lessons(interview, alice):
    with time_machine.travel(ENDS + timedelta(hours=3), tick=False):
        response = signed_in(alice).post(
            reverse("monitoring:after_complete", args=[interview.pk]),
            {"notes": "Goed gesprek, tweede ronde volgt", "lessons": "Parkeren was lastig"},
        )

    assert response.status_code == 302
    run = InterviewRun.objects.get(interview=interview)
    assert run.completed_by == alice
    assert run.completed_at == ENDS + timedelta(hours=3)
    assert (run.completion_notes, run.lessons) == ("Goed gesprek, tweede ronde volgt", "Parkeren was lastig")
    assert InterviewEvent.objects.filter(interview=interview, action="aftercare", note="completed").exists()


def test_an_interview_is_not_completed_before_it_took_place(interview, alice):
    with time_machine.travel(PLANNED_AT, tick=False), pytest.raises(ServiceError) as refused:
        complete_interview(actor=alice, interview=interview, notes="", lessons="")
    assert refused.value.code == "not_started"


# --- The debrief ------------------------------------------------------------------------------------


def calendar_of(message: Any) -> Any:
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_content())
    raise AssertionError("no calendar part")


def event_of(message: Any) -> Any:
    return next(component for component in calendar_of(message).walk() if component.name == "VEVENT")


def test_a_debrief_invitation_has_its_own_event(interview, alice, bob, carla, smtp_server):
    with time_machine.travel(ENDS + timedelta(minutes=20), tick=False):
        planned = plan_debrief(
            actor=alice,
            interview=interview,
            starts_at=ENDS + timedelta(hours=2),
            duration_minutes=30,
            participants=[alice, bob],
            contacts=[carla],
            location="Teams",
        )
        run_worker()

    debrief = planned.debrief
    received = {message["To"].addresses[0].addr_spec: message for message in smtp_server.messages}
    assert sorted(received) == ["alice@acme.test", "bob@acme.test", "carla@client.test"]
    to_carla = received["carla@client.test"]
    calendar = calendar_of(to_carla)
    assert str(calendar["METHOD"]) == "REQUEST"
    event = event_of(to_carla)
    assert str(event["UID"]) == f"debrief-{debrief.pk}@127.0.0.1"
    assert str(event["UID"]) != f"interview-{interview.pk}@127.0.0.1"
    assert event.decoded("DTSTART") == ENDS + timedelta(hours=2)
    assert str(event["ORGANIZER"]) == "mailto:alice@acme.test"
    assert int(event["SEQUENCE"]) == 0
    body = to_carla.get_body(("plain",)).get_content()
    assert "Debrief" in to_carla["Subject"]
    assert "18-01-2027" in body and "17:00" in body  # the debrief's own time, not the interview's
    assert planned.warnings == []
    assert InterviewEvent.objects.filter(interview=interview, note="debrief_planned").exists()


def test_a_debrief_is_planned_within_24_hours(interview, alice, bob):
    with pytest.raises(ServiceError) as refused:
        plan_debrief(actor=alice, interview=interview, starts_at=ENDS + timedelta(hours=25), participants=[bob])
    assert refused.value.code == "too_late"
    early = plan_debrief(actor=alice, interview=interview, starts_at=STARTS, participants=[bob])
    assert early.warnings  # before the end: allowed, with a warning


def test_changing_and_cancelling_a_debrief_update_the_calendars(interview, alice, bob, carla, smtp_server):
    with time_machine.travel(ENDS, tick=False):
        planned = plan_debrief(
            actor=alice,
            interview=interview,
            starts_at=ENDS + timedelta(hours=2),
            participants=[bob],
            contacts=[carla],
        )
        reschedule_debrief(
            actor=alice,
            debrief=planned.debrief,
            starts_at=ENDS + timedelta(hours=3),
            duration_minutes=45,
            participants=[bob],
            contacts=[],
        )
        cancel_debrief(actor=alice, debrief=Debrief.objects.get())
        run_worker()

    events = [(message["To"].addresses[0].addr_spec, message) for message in smtp_server.messages]
    seen = [
        (to, str(calendar_of(message)["METHOD"]), int(event_of(message)["SEQUENCE"]))
        for to, message in sorted(events, key=lambda pair: int(event_of(pair[1])["SEQUENCE"]))
    ]
    assert sorted(seen) == sorted(
        [
            ("bob@acme.test", "REQUEST", 0),
            ("carla@client.test", "REQUEST", 0),
            ("bob@acme.test", "REQUEST", 1),
            ("carla@client.test", "CANCEL", 1),  # taken off the debrief
            ("bob@acme.test", "CANCEL", 2),
        ]
    )
    assert {str(event_of(message)["UID"]) for _to, message in events} == {f"debrief-{planned.debrief.pk}@127.0.0.1"}


def test_the_debrief_form_takes_day_first_dates(interview, alice, bob):
    with time_machine.travel(ENDS, tick=False):
        response = signed_in(alice).post(
            reverse("monitoring:debrief_plan", args=[interview.pk]),
            {"date": "18-01-2027", "time": "16.30", "duration_minutes": "30", "participants": [bob.pk]},
        )

    assert response.status_code == 302
    debrief = Debrief.objects.get()
    assert debrief.starts_at == local_to_utc(date(2027, 1, 18), time(16, 30), "Europe/Amsterdam")
    assert list(debrief.participants.all()) == [bob]
    assert Message.objects.filter(purpose=Purpose.DEBRIEF, state=MessageState.QUEUED).count() == 1


def test_the_client_is_asked_once_for_a_group_interview(alice, vacancy, carla, smtp_server):
    from regisseur.actions.planning import plan_interviews
    from regisseur.interviews.planning import Planning
    from tests.conftest import make_application

    applications = [make_application(vacancy, "Sanne", "Bakker"), make_application(vacancy, "Piet", "Visser")]
    with time_machine.travel(PLANNED_AT, tick=False):
        plan_interviews(
            actor=alice,
            applications=applications,
            planning=Planning(starts_at=STARTS, duration_minutes=60),
            as_group=True,
            force=True,
        )

    sweep(ENDS + timedelta(minutes=15))

    states = list(CheckIn.objects.order_by("interview_id", "audience").values_list("audience", "state", "note"))
    assert states == [
        ("candidate", "sent", ""),
        ("client", "sent", ""),
        ("candidate", "sent", ""),
        ("client", "cancelled", "group_once"),
    ]
    assert sorted(message["To"].addresses[0].addr_spec for message in smtp_server.messages) == [
        "carla@client.test",
        "piet.visser@example.test",
        "sanne.bakker@example.test",
    ]


def test_the_summary_on_the_monitoring_page(interview, alice, smtp_server):
    from django.template.loader import render_to_string

    sweep(ENDS + timedelta(minutes=15))
    with time_machine.travel(ENDS + timedelta(minutes=20), tick=False):
        item = board_item(interview)
        html = render_to_string("monitoring/_aftercare_summary.html", {"interview": interview, "item": item})

    assert "0/5" in html
    assert html.count("badge-sent") == 2
    assert reverse("monitoring:after", args=[interview.pk]) in html


def test_the_history_tells_what_aftercare_did(interview, alice, token):
    HttpClient().post(f"/r/{token}/rating/", {"score": "3", "comment": ""})
    with time_machine.travel(ENDS + timedelta(hours=3), tick=False):
        complete_interview(actor=alice, interview=interview, notes="Goed", lessons="")
        page = signed_in(alice).get(reverse("interviews:detail", args=[interview.pk])).content.decode()

    assert "Rated by the candidate." in page
    assert "Interview completed." in page


def test_the_page_reads_the_same_number_of_queries_for_more_debriefs(interview, alice, bob, carla):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with time_machine.travel(ENDS + timedelta(minutes=20), tick=False):
            client = signed_in(alice)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("monitoring:after", args=[interview.pk])).status_code == 200
        return len(captured)

    with time_machine.travel(ENDS, tick=False):
        plan_debrief(actor=alice, interview=interview, starts_at=ENDS + timedelta(hours=1), participants=[bob])
    one = queries()
    with time_machine.travel(ENDS, tick=False):
        for hours in (2, 3, 4):
            plan_debrief(
                actor=alice,
                interview=interview,
                starts_at=ENDS + timedelta(hours=hours),
                participants=[alice, bob],
                contacts=[carla],
            )
    assert queries() == one
