"""Crisis playbooks (O3): each playbook end to end over a real SMTP server, free times, alternatives, shifting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from regisseur.accounts.models import User
from regisseur.actions.changes import set_interview_reminder
from regisseur.actions.communicating import communicate
from regisseur.actions.monitoring import close_incident, open_incident, set_incident_step
from regisseur.actions.planning import ReminderChoice
from regisseur.actions.playbooks import pick_new_time, send_backup, send_step_messages, shift_later_interviews
from regisseur.core.errors import ConflictError, ServiceError
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.messaging.models import Audience, Message, Purpose
from regisseur.monitoring.free_times import free_starts, free_times_for, working_day_starts
from regisseur.monitoring.models import IncidentStep, InterviewRun
from regisseur.monitoring.playbooks import alternatives, later_interviews, step_drafts
from regisseur.recruitment.models import Application, ApplicationStage, ApplicationStatus, Contact, Vacancy
from regisseur.reminders.models import Reminder
from tests.conftest import make_application, make_interview, run_worker, soon

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def carla(vacancy: Vacancy) -> Contact:
    """The client's main contact for changes (the client's first contact; the vacancy has no hiring manager)."""
    return Contact.objects.create(client=vacancy.client, name="Carla Klant", email="carla@client.test")


def step(incident: Any, code: str) -> IncidentStep:
    return IncidentStep.objects.get(incident=incident, code=code)


def edited(draft: Any, extra: str) -> tuple[str, str]:
    return draft.subject, draft.body.replace("\n\n", f"\n\n{extra}\n\n", 1)


def body_of(mail: Any) -> str:
    return str(mail.get_body(preferencelist=("plain",)).get_content())


# --- Candidate ill or emergency ---------------------------------------------------------------------------


def test_candidate_ill_end_to_end(
    alice: User, bob: User, application: Application, carla: Contact, smtp_server: Any
) -> None:
    interview = make_interview(alice, application, starts_at=soon(5, 10), participants=[bob])
    incident = open_incident(actor=alice, interview=interview, kind="candidate_ill", note="Fever")

    # The client's message is drafted from the Dutch template (the vacancy's language), filled in.
    (draft,) = step_drafts(incident, "inform_client", actor=alice)
    assert (draft.audience, draft.language, draft.recipients) == (Audience.CLIENT, "nl", "Carla Klant")
    assert "Sanne Bakker" in draft.subject
    assert "{situation}" in draft.body and "{candidate_name}" not in draft.body
    assert "Alice de Vries" in draft.body  # the signature is part of the text to edit

    sent = send_step_messages(
        actor=alice,
        incident=incident,
        code="inform_client",
        texts={draft.key: edited(draft, "Ik bel je om 10:30.")},
        situation="Sanne heeft griep.",
        note="Called Carla too",
    )
    run_worker()

    (mail,) = smtp_server.messages
    assert mail["To"].addresses[0].addr_spec == "carla@client.test"
    assert "Ik bel je om 10:30." in body_of(mail)
    assert "Sanne heeft griep." in body_of(mail)
    informed = step(incident, "inform_client")
    assert informed.done and informed.done_by == alice and informed.done_at is not None
    assert informed.note == "Called Carla too"
    assert list(informed.messages.all()) == sent.messages
    assert sent.messages[0].purpose == Purpose.ILL_TO_CLIENT

    # New times: free starts 24-48 hours ahead (or the next working days), the interview's own slot not in the way.
    offered = free_times_for(interview, now=timezone.now())
    assert 0 < len(offered.starts) <= 8
    moved = pick_new_time(actor=alice, incident=incident, starts_at=offered.starts[0])
    run_worker()

    interview.refresh_from_db()
    assert interview.starts_at == offered.starts[0]
    change = Message.objects.get(interview=interview, audience=Audience.CANDIDATE)
    assert change.purpose in (Purpose.CHANGE, Purpose.INVITATION) and change.calendar_ics
    assert {m.to_address for m in moved.messages} >= {"sanne.bakker@example.test"}
    offer = step(incident, "offer_new_times")
    assert offer.done and offer.note.startswith("New time: ")
    assert set(offer.messages.all()) == set(moved.messages)
    assert any(m["To"].addresses[0].addr_spec == "sanne.bakker@example.test" for m in smtp_server.messages)

    set_incident_step(actor=alice, incident=incident, code="follow_up_candidate", done=True, note="Feeling better")
    closed = close_incident(actor=alice, incident=incident, lessons="Ask for a backup candidate earlier.")
    assert closed.closed_at is not None and closed.closed_by == alice
    actions = list(InterviewEvent.objects.filter(interview=interview).values_list("action", flat=True))
    assert actions.count(InterviewEvent.Action.INCIDENT) >= 4  # opened, steps, closed


def test_alternatives_are_other_ready_candidates_on_the_vacancy(
    alice: User, application: Application, vacancy: Vacancy
) -> None:
    interview = make_interview(alice, application)
    ready = make_application(vacancy, "Ready", "Stepin")
    Application.objects.filter(pk=ready.pk).update(stage=ApplicationStage.INTERVIEW)
    planned = make_application(vacancy, "Almost", "There")
    Application.objects.filter(pk=planned.pk).update(stage=ApplicationStage.PLAN_INTERVIEW)
    new = make_application(vacancy, "Brand", "New")
    gone = make_application(vacancy, "Gone", "Away")
    Application.objects.filter(pk=gone.pk).update(stage=ApplicationStage.INTERVIEW, status=ApplicationStatus.WITHDRAWN)
    Application.objects.filter(pk=application.pk).update(stage=ApplicationStage.INTERVIEW)
    incident = open_incident(actor=alice, interview=interview, kind="candidate_ill")

    assert [item.pk for item in alternatives(incident)] == [ready.pk, planned.pk]
    assert new.pk not in [item.pk for item in alternatives(incident)]


# --- Client cancels last-minute ---------------------------------------------------------------------------


def test_client_cancels_end_to_end(alice: User, application: Application, smtp_server: Any) -> None:
    interview = make_interview(alice, application, starts_at=soon(5, 10))
    incident = open_incident(actor=alice, interview=interview, kind="client_cancelled")

    (draft,) = step_drafts(incident, "inform_candidate", actor=alice)
    assert (draft.audience, draft.language) == (Audience.CANDIDATE, "nl")
    assert "Beste Sanne" in draft.body and "niet dat je bent afgewezen" in draft.body
    send_step_messages(
        actor=alice,
        incident=incident,
        code="inform_candidate",
        texts={draft.key: ("Je gesprek van morgen", draft.body + "\nBel me gerust.")},
        situation="De manager is ziek.",
    )
    run_worker()

    (mail,) = smtp_server.messages
    assert mail["Subject"] == "Je gesprek van morgen"
    assert "Bel me gerust." in body_of(mail) and "De manager is ziek." in body_of(mail)
    assert "/r/" not in body_of(mail)  # no confirm link: nothing to confirm yet
    assert step(incident, "inform_candidate").done

    set_incident_step(actor=alice, incident=incident, code="verify_not_rejection", done=True, note="Still keen")
    set_incident_step(actor=alice, incident=incident, code="keep_momentum", done=True, note="Call on Friday")
    offered = free_times_for(interview, now=timezone.now())
    pick_new_time(actor=alice, incident=incident, starts_at=offered.starts[-1])
    interview.refresh_from_db()

    assert interview.starts_at == offered.starts[-1]
    assert [s.done for s in IncidentStep.objects.filter(incident=incident)] == [True, True, True, True]


# --- Technology problems ----------------------------------------------------------------------------------


def test_technology_backup_recorded_and_sent_to_both_parties(
    alice: User, application: Application, carla: Contact, smtp_server: Any
) -> None:
    interview = make_interview(
        alice, application, starts_at=soon(2, 10), type="video", video_link="https://meet.example/a"
    )
    incident = open_incident(actor=alice, interview=interview, kind="technical_problem")
    drafts = step_drafts(incident, "backup_platform", actor=alice)
    assert [d.audience for d in drafts] == [Audience.CLIENT, Audience.CANDIDATE]
    assert all("{backup_platform}" in d.body and "{phone_fallback}" in d.body for d in drafts)

    sent = send_backup(
        actor=alice,
        incident=incident,
        backup_platform="Teams: https://teams.example/b",
        phone_fallback="020 123 4567",
        texts={d.key: edited(d, f"Edited for {d.audience}.") for d in drafts},
    )
    run_worker()

    run = InterviewRun.objects.get(interview=interview)
    assert run.backup_platform == "Teams: https://teams.example/b"
    assert run.phone_fallback == "+31 20 123 4567"
    received = {m["To"].addresses[0].addr_spec: body_of(m) for m in smtp_server.messages}
    assert set(received) == {"carla@client.test", "sanne.bakker@example.test"}
    assert "Edited for client." in received["carla@client.test"]
    assert "Edited for candidate." in received["sanne.bakker@example.test"]
    assert all("https://teams.example/b" in body and "+31 20 123 4567" in body for body in received.values())
    assert sent.skipped == []
    assert step(incident, "backup_platform").messages.count() == 2
    assert step(incident, "phone_fallback").done and step(incident, "phone_fallback").note == "+31 20 123 4567"
    assert not step(incident, "test_call").done
    assert step(incident, "test_call").due_at == interview.starts_at - timedelta(minutes=30)


def test_technology_backup_without_a_client_email_says_so(alice: User, application: Application) -> None:
    interview = make_interview(alice, application, starts_at=soon(2, 10))
    incident = open_incident(actor=alice, interview=interview, kind="technical_problem")

    with pytest.raises(ServiceError) as no_phone:
        send_backup(actor=alice, incident=incident, backup_platform="WhatsApp video")
    assert no_phone.value.field == "phone_fallback"  # the text names it: it must be given (or taken out)

    sent = send_backup(actor=alice, incident=incident, backup_platform="WhatsApp video", phone_fallback="0612345678")

    assert [m.audience for m in sent.messages] == [Audience.CANDIDATE]
    assert "no contact person with an email address" in sent.skipped[0]


def test_a_bad_phone_number_is_refused_and_nothing_sent(alice: User, application: Application) -> None:
    interview = make_interview(alice, application, starts_at=soon(2, 10))
    incident = open_incident(actor=alice, interview=interview, kind="technical_problem")

    with pytest.raises(ServiceError) as refused:
        send_backup(actor=alice, incident=incident, backup_platform="Zoom", phone_fallback="12")

    assert refused.value.field == "phone_fallback"
    assert not Message.objects.exists()
    assert not InterviewRun.objects.filter(interview=interview).exclude(backup_platform="").exists()


# --- Overrun or delay -------------------------------------------------------------------------------------


def overrun_day(alice: User, bob: User, colin: User, vacancy: Vacancy) -> tuple[Interview, Interview, Interview]:
    """Bob's 10:00 runs late; Bob's 11:00 waits; Colin's 14:00 is not affected."""
    running = make_interview(
        alice, make_application(vacancy, "Ruth", "Running"), starts_at=soon(3, 10), participants=[bob]
    )
    waiting = make_interview(
        alice,
        make_application(vacancy, "Wim", "Waiting", language="en"),
        starts_at=soon(3, 11),
        participants=[bob],
        location="Room 1",
    )
    other = make_interview(
        alice, make_application(vacancy, "Otto", "Other"), starts_at=soon(3, 14), participants=[colin]
    )
    return running, waiting, other


def test_overrun_warns_the_waiting_and_shifts_through_the_reschedule(
    alice: User, bob: User, colin: User, vacancy: Vacancy, smtp_server: Any
) -> None:
    running, waiting, _other = overrun_day(alice, bob, colin, vacancy)
    set_interview_reminder(actor=alice, interview=waiting, reminder=ReminderChoice(channel="email", days_before=1))
    communicate(actor=alice, interviews=[waiting], audience=Audience.CANDIDATE)  # Wim was invited
    run_worker()
    smtp_server.received.clear()
    incident = open_incident(actor=alice, interview=running, kind="overrun", delay_minutes=15)

    assert later_interviews(running) == [waiting]
    (draft,) = step_drafts(incident, "warn_waiting", actor=alice)
    assert draft.language == "en" and "about 15 minutes later" in draft.body
    assert "{" not in draft.body.replace("{confirmlink}", "")  # every fact filled in
    send_step_messages(
        actor=alice, incident=incident, code="warn_waiting", texts={draft.key: edited(draft, "Coffee is ready.")}
    )
    run_worker()
    (warning,) = smtp_server.messages
    assert warning["To"].addresses[0].addr_spec == "wim.waiting@example.test"
    assert "Coffee is ready." in body_of(warning) and "15 minutes" in body_of(warning)
    assert step(incident, "warn_waiting").done

    before = waiting.starts_at
    shifted = shift_later_interviews(actor=alice, incident=incident)
    run_worker()

    waiting.refresh_from_db()
    assert waiting.starts_at == before + timedelta(minutes=15)
    reminder = Reminder.objects.get(interview=waiting)
    assert reminder.state == "scheduled" and reminder.interview_version == waiting.version
    assert [m.purpose for m in shifted.messages if m.audience == Audience.CANDIDATE] == [Purpose.CHANGE]
    told = [m for m in smtp_server.messages[1:] if m["To"].addresses[0].addr_spec == "wim.waiting@example.test"]
    assert len(told) == 1 and "11:15" in body_of(told[0])
    assert step(incident, "shift_later").done and "Wim Waiting" in step(incident, "shift_later").note
    assert step(incident, "inform_next").done
    running.refresh_from_db()
    assert running.starts_at == soon(3, 10)  # the overrunning interview itself stays


def test_a_shift_into_a_busy_room_is_refused_with_its_conflicts(
    alice: User, bob: User, colin: User, vacancy: Vacancy
) -> None:
    running, waiting, _other = overrun_day(alice, bob, colin, vacancy)
    make_interview(
        alice,
        make_application(vacancy, "Rita", "Room"),
        starts_at=soon(3, 12),
        participants=[colin],
        location="Room 1",
    )
    incident = open_incident(actor=alice, interview=running, kind="overrun", delay_minutes=15)

    with pytest.raises(ConflictError):
        shift_later_interviews(actor=alice, incident=incident)

    waiting.refresh_from_db()
    assert waiting.starts_at == soon(3, 11)
    assert not step(incident, "shift_later").done


# --- Closing ----------------------------------------------------------------------------------------------


def test_closing_asks_for_lessons_and_a_closed_incident_refuses_changes(alice: User, application: Application) -> None:
    interview = make_interview(alice, application, starts_at=soon(5, 10))
    incident = open_incident(actor=alice, interview=interview, kind="client_cancelled")

    with pytest.raises(ServiceError) as missing:
        close_incident(actor=alice, incident=incident, lessons="  ")
    assert missing.value.field == "lessons"
    close_incident(actor=alice, incident=incident, lessons="Confirm with the client the day before.")

    with pytest.raises(ServiceError, match="closed"):
        send_step_messages(actor=alice, incident=incident, code="inform_candidate")
    with pytest.raises(ServiceError, match="closed"):
        pick_new_time(actor=alice, incident=incident, starts_at=soon(6, 10))
    with pytest.raises(ServiceError, match="closed"):
        set_incident_step(actor=alice, incident=incident, code="keep_momentum", done=True)
    interview.refresh_from_db()
    assert interview.starts_at == soon(5, 10)
    assert not Message.objects.exists()


# --- Free times: the pure rule ----------------------------------------------------------------------------


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def test_free_times_lie_in_the_window_on_the_half_hour_within_working_hours() -> None:
    now = local(2026, 6, 9, 13, 10)  # a Tuesday
    busy = [(local(2026, 6, 10, 14, 0), local(2026, 6, 10, 15, 0))]

    offered = free_starts(now=now, duration=timedelta(minutes=60), busy=busy)

    assert not offered.extended
    assert 3 <= len(offered.starts) <= 8
    for start in offered.starts:
        wall = start.astimezone(AMSTERDAM)
        assert offered.window_from <= start <= offered.window_until
        assert wall.minute in (0, 30) and wall.weekday() < 5
        assert wall.hour >= 9 and (wall + timedelta(minutes=60)).time() <= datetime(2026, 1, 1, 17).time()
        assert not (start < busy[0][1] and busy[0][0] < start + timedelta(minutes=60))
    # The window opens Wednesday 13:10; 13:30-14:30 would run into the busy hour: 15:00 comes first.
    assert offered.starts[0] == local(2026, 6, 10, 15, 0).astimezone(UTC)


def test_a_weekend_window_extends_to_the_next_working_days_across_the_clock_change() -> None:
    # Friday 27 March 2026, noon: the window is Saturday-Sunday, and the clocks go forward on Sunday.
    offered = free_starts(now=local(2026, 3, 27, 12), duration=timedelta(minutes=45), busy=[])

    assert offered.extended
    first = offered.starts[0].astimezone(AMSTERDAM)
    assert (first.date().isoformat(), first.hour, first.minute) == ("2026-03-30", 9, 0)
    assert offered.starts[0] == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # 09:00 summer time
    assert all(s.astimezone(AMSTERDAM).hour < 17 for s in offered.starts)


def test_working_hours_stay_on_the_wall_clock_in_both_seasons() -> None:
    winter = working_day_starts(datetime(2026, 10, 26).date(), timedelta(minutes=30))
    summer = working_day_starts(datetime(2026, 10, 23).date(), timedelta(minutes=30))

    assert winter[0] == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert summer[0] == datetime(2026, 10, 23, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert len(winter) == len(summer) == 16
    assert working_day_starts(datetime(2026, 10, 25).date(), timedelta(minutes=30)) == []  # a Sunday


def test_an_autumn_window_over_the_clock_change_counts_elapsed_hours() -> None:
    # Saturday 24 October 2026, 10:00 summer time: 24 elapsed hours later is Sunday 09:00 winter time.
    offered = free_starts(now=local(2026, 10, 24, 10), duration=timedelta(minutes=30), busy=[])

    assert offered.window_from == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    assert offered.extended
    assert offered.starts[0] == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)  # Monday 09:00 CET


def test_a_full_window_is_filled_up_from_the_next_working_day() -> None:
    now = local(2026, 6, 9, 9, 0)  # Tuesday
    busy = [(local(2026, 6, 10, 9, 0), local(2026, 6, 10, 17, 0))]

    offered = free_starts(now=now, duration=timedelta(minutes=60), busy=busy)

    assert offered.extended
    assert offered.starts[0] == local(2026, 6, 11, 9, 0).astimezone(UTC)
    assert len(offered.starts) == 8


def test_free_times_for_an_interview_skip_its_peoples_other_interviews(
    alice: User, bob: User, application: Application, vacancy: Vacancy
) -> None:
    interview = make_interview(alice, application, starts_at=soon(5, 10), participants=[bob])
    now = timezone.now()
    first = free_times_for(interview, now=now).starts[0]
    # Bob gets another interview at that moment: it is no longer offered.
    make_interview(alice, make_application(vacancy, "Busy", "Bob"), starts_at=first, participants=[bob])

    assert first not in free_times_for(interview, now=now).starts


# Moments in the days around the spring-forward (29-03-2026) and fall-back (25-10-2026) nights.
AROUND_CHANGES = st.sampled_from(
    [datetime(2026, 3, 26, 0, 0, tzinfo=UTC), datetime(2026, 10, 22, 0, 0, tzinfo=UTC)]
).flatmap(lambda base: st.integers(min_value=0, max_value=5 * 24 * 60).map(lambda m: base + timedelta(minutes=m)))
BUSY = st.lists(
    st.tuples(st.integers(min_value=0, max_value=7 * 24 * 2), st.integers(min_value=1, max_value=8)), max_size=12
)


@given(AROUND_CHANGES, st.integers(min_value=15, max_value=240), BUSY)
def test_every_offered_time_keeps_the_rule(now: datetime, minutes: int, busy_slots: list[tuple[int, int]]) -> None:
    duration = timedelta(minutes=minutes)
    busy = [
        (now + timedelta(minutes=30 * start), now + timedelta(minutes=30 * (start + length)))
        for start, length in busy_slots
    ]

    offered = free_starts(now=now, duration=duration, busy=busy)

    assert offered.starts, "there is always something to offer"
    assert len(offered.starts) <= 8 and offered.starts == sorted(set(offered.starts))
    assert offered.window_from - now == timedelta(hours=24)  # elapsed hours, whatever the clocks do
    for start in offered.starts:
        wall_start, wall_end = start.astimezone(AMSTERDAM), (start + duration).astimezone(AMSTERDAM)
        assert start.tzinfo is UTC and start >= offered.window_from
        assert wall_start.weekday() < 5 and wall_start.minute in (0, 30) and wall_start.hour >= 9
        assert wall_end.date() == wall_start.date() and (wall_end.hour, wall_end.minute) <= (17, 0)
        assert all(not (start < end and begin < start + duration) for begin, end in busy)
        assert offered.extended or start <= offered.window_until
