"""`load_demo` creates what the README promises, quickly, and only once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regisseur.accounts.models import Organisation, Role, User
from regisseur.accounts.roles import has_sms_access, is_administrator, is_recruiter
from regisseur.interviews.models import (
    ConfirmationStatus,
    Guideline,
    Interview,
    InterviewEvent,
    InterviewStatus,
    LocationPreset,
)
from regisseur.messaging.models import Audience, Message, MessageState, Purpose
from regisseur.recruitment.models import (
    Application,
    ApplicationStage,
    ApplicationStatus,
    Candidate,
    Client,
    Contact,
    Vacancy,
    VacancyStatus,
)
from regisseur.responses.models import Choice
from regisseur.responses.services import resolve_link, token_for, withdrawal_through


def load_demo(**options: Any) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo(db: Any) -> str:
    return load_demo()


def test_it_loads_with_a_bounded_number_of_queries(db):
    """Quick to load, measured as the tests measure speed: in queries (about 2,100 today), not in seconds."""
    with CaptureQueriesContext(connection) as queries:
        load_demo()
    assert len(queries) < 3000


def test_it_prints_the_demo_login(demo):
    assert "Log in at http://" in demo
    assert "demo / demo-regisseur" in demo
    assert "manager" in demo and "commissie" in demo


def test_it_creates_one_organisation_with_its_records(demo):
    organisation = Organisation.objects.get()
    assert organisation.name == "Regisseur Demo"
    assert Client.objects.filter(organisation=organisation).count() == 2
    assert Vacancy.objects.count() == 6
    assert Candidate.objects.filter(organisation=organisation).count() == 60
    assert {v.language for v in Vacancy.objects.all()} == {"nl", "en"}
    assert set(Vacancy.objects.values_list("status", flat=True)) == set(VacancyStatus.values)


def test_the_demo_users_can_log_in_with_their_roles(demo, client):
    demo_user = User.objects.get(username="demo")
    assert is_recruiter(demo_user) and is_administrator(demo_user)
    assert demo_user.is_staff and not demo_user.is_superuser
    assert has_sms_access(demo_user)
    assert demo_user.check_password("demo-regisseur")
    manager = User.objects.get(username="manager")
    assert manager.groups.filter(name=Role.HIRING_MANAGER).exists()
    assert Contact.objects.get(user=manager).is_hiring_manager
    committee = User.objects.get(username="commissie")
    assert committee.groups.filter(name=Role.COMMITTEE_MEMBER).exists()
    assert Contact.objects.filter(user=committee).exists()
    assert client.login(username="demo", password="demo-regisseur")


def test_contacts_differ_in_wanting_calendar_invitations(demo):
    managers = Contact.objects.filter(is_hiring_manager=True)
    assert {c.wants_calendar_invites for c in managers} == {True, False}


def test_candidates_have_realistic_contact_details(demo):
    candidates = list(Candidate.objects.all())
    assert all(c.email.endswith(("@example.org", "@example.com")) for c in candidates)
    with_mobile = [c for c in candidates if c.mobile]
    assert len(with_mobile) > len(candidates) / 2
    assert len(with_mobile) < len(candidates)
    assert all(c.mobile.startswith("+316") and len(c.mobile) == 12 for c in with_mobile)
    assert {c.language for c in candidates} == {"nl", "en"}
    assert len({c.email for c in candidates}) == 60


def test_applications_cover_every_stage_and_status(demo):
    assert set(Application.objects.values_list("stage", flat=True)) == set(ApplicationStage.values)
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)


def test_interviews_cover_every_status_and_confirmation_status(demo):
    assert set(Interview.objects.values_list("status", flat=True)) == set(InterviewStatus.values)
    assert set(Interview.objects.values_list("confirmation_status", flat=True)) == set(ConfirmationStatus.values)


def test_past_interviews_are_held_or_no_show_and_planned_ones_lie_ahead(demo):
    now = timezone.now()
    for interview in Interview.objects.all():
        if interview.status in {InterviewStatus.HELD, InterviewStatus.NO_SHOW}:
            assert interview.ends_at < now
        if interview.status == InterviewStatus.PLANNED:
            assert now < interview.starts_at < now + timedelta(days=16)


def test_it_includes_a_group_interview_a_round_without_application_and_one_in_new_york(demo):
    grouped = Interview.objects.exclude(group=None)
    assert grouped.count() >= 2 and grouped.values("group").distinct().count() == 1
    rounds = Interview.objects.filter(application=None)
    assert rounds.exists() and all(r.round_name and r.vacancy.status == VacancyStatus.DRAFT for r in rounds)
    assert Interview.objects.filter(time_zone="America/New_York").exists()


def test_every_interview_has_a_history(demo):
    assert not Interview.objects.filter(events=None).exists()
    assert InterviewEvent.objects.filter(action=InterviewEvent.Action.RESCHEDULED).exists()


def test_it_has_location_presets_and_guidelines(demo):
    assert LocationPreset.objects.filter(name="Kantoor Utrecht").exclude(location="").exists()
    assert LocationPreset.objects.filter(name="Microsoft Teams").exists()
    titles = set(Guideline.objects.values_list("title", flat=True))
    assert {"STAR-methode", "Competentiegericht interview"} <= titles
    assert all(len(g.body) > 200 for g in Guideline.objects.all())


def test_if_empty_does_nothing_the_second_time(demo):
    counts = (Interview.objects.count(), Candidate.objects.count(), User.objects.count())
    output = load_demo(if_empty=True)
    assert "not loaded" in output
    assert "demo / demo-regisseur" in output
    assert (Interview.objects.count(), Candidate.objects.count(), User.objects.count()) == counts


def test_if_empty_skips_a_database_with_someone_elses_data(vacancy):
    output = load_demo(if_empty=True)
    assert "not loaded" in output
    assert not User.objects.filter(username="demo").exists()


def test_without_if_empty_it_refuses_to_load_twice(demo):
    with pytest.raises(CommandError, match="already loaded"):
        load_demo()


def test_the_same_seed_gives_the_same_candidates(db):
    load_demo()
    first = sorted(Candidate.objects.values_list("first_name", "last_name", "mobile"))
    Interview.objects.all().delete()
    Application.objects.all().delete()
    Vacancy.objects.all().delete()
    Contact.objects.all().delete()
    Client.objects.all().delete()
    Candidate.objects.all().delete()
    LocationPreset.objects.all().delete()
    Guideline.objects.all().delete()
    User.objects.all().delete()
    Organisation.objects.all().delete()
    load_demo()
    assert sorted(Candidate.objects.values_list("first_name", "last_name", "mobile")) == first


# --- Messages (issue 3): the message log and the candidate's answer page can be tried at once ------


def test_every_upcoming_interview_with_a_candidate_has_a_queued_invitation(demo):
    upcoming = Interview.objects.upcoming().exclude(application=None)
    assert upcoming.exists()
    for interview in upcoming:
        [message] = Message.objects.filter(interview=interview, audience=Audience.CANDIDATE)
        assert message.purpose == Purpose.INVITATION
        assert message.state == MessageState.QUEUED
        assert message.created_by == User.objects.get(username="demo")
    # Only the candidate who withdrew after being invited has messages about a cancelled interview.
    cancelled_with_messages = Interview.objects.filter(
        status=InterviewStatus.CANCELLED, messages__isnull=False
    ).distinct()
    assert [interview.cancel_reason for interview in cancelled_with_messages] == ["candidate_withdrew"]


def test_invitations_for_past_interviews_are_sent_and_nothing_past_is_due(demo):
    past = Interview.objects.filter(ends_at__lt=timezone.now()).exclude(application=None)
    assert past.exists()
    for interview in past:
        messages = Message.objects.filter(interview=interview)
        # The candidate's invitation, and the participating colleagues' invitation sent with it.
        assert messages.filter(audience=Audience.CANDIDATE).count() == 1
        for message in messages:
            assert message.state == MessageState.SENT
            assert message.sent_at is not None and interview.created_at < message.sent_at < interview.starts_at
    due = Message.objects.deliverable(timezone.now())
    assert due.exists() and not due.filter(interview__ends_at__lt=timezone.now()).exists()


def test_every_invitation_to_a_candidate_still_invited_has_a_usable_link(demo):
    queued = Message.objects.filter(audience=Audience.CANDIDATE, state=MessageState.QUEUED).exclude(
        interview__application__status=ApplicationStatus.WITHDRAWN
    )
    assert queued.count() >= 10
    for message in queued:
        assert message.includes_confirm_link
        assert resolve_link(token_for(message.message_id)).is_usable, message


def test_the_withdrawn_candidate_withdrew_through_the_link_of_the_invitation(demo):
    [message] = Message.objects.filter(
        audience=Audience.CANDIDATE, interview__application__status=ApplicationStatus.WITHDRAWN
    )
    state = resolve_link(token_for(message.message_id))
    assert state.reason == "withdrawn" and state.link is not None
    answer = withdrawal_through(state.link)
    assert answer is not None and answer.choice == Choice.WITHDRAW
    assert message.interview is not None
    assert message.interview.confirmation_status == ConfirmationStatus.NOT_APPLICABLE
    # Withdrawing ended the interview and its reminder: the slot is free again.
    assert message.interview.status == InterviewStatus.CANCELLED
    assert message.interview.cancel_reason == "candidate_withdrew"
    # The recruiter is told, as after any answer.
    notices = Message.objects.filter(audience=Audience.RECRUITER, purpose=Purpose.ANSWER_NOTICE)
    assert notices.filter(interview=message.interview).count() == 1


def test_it_prints_a_working_answer_page_of_a_dutch_candidate(demo, client):
    [line] = [line for line in demo.splitlines() if line.startswith("Try the candidate's answer page: http://")]
    path = "/r/" + line.split("/r/", 1)[1]
    state = resolve_link(path.removeprefix("/r/").rstrip("/"))
    assert state.is_usable and state.link is not None
    assert state.link.interview.application is not None
    assert state.link.interview.application.candidate.language == "nl"
    assert state.link.interview.starts_at > timezone.now()
    response = client.get(path)
    assert response.status_code == 200
    assert state.link.interview.application.candidate.first_name in response.content.decode()


def test_upcoming_interviews_have_reminders_in_every_channel_due_before_they_start(demo):
    from django.utils import timezone

    from regisseur.reminders.models import Reminder, ReminderState

    reminders = list(Reminder.objects.select_related("interview"))
    assert {reminder.channel for reminder in reminders} == {"email", "sms", "email_sms"}
    for reminder in reminders:
        assert reminder.state == ReminderState.SCHEDULED
        assert timezone.now() < reminder.due_at < reminder.interview.starts_at


# --- The organisation's language (issue 7, item 9) ------------------------------------------------


def test_the_dutch_organisations_library_and_notes_are_in_dutch(demo):
    english_words = {"the", "and", "with", "your", "follows", "interview with", "first interview", "report to"}

    def english_in(text: str) -> set[str]:
        words = f" {text.lower()} "
        return {word for word in english_words if f" {word} " in words}

    for preset in LocationPreset.objects.all():
        assert not english_in(preset.location), preset.name
    assert LocationPreset.objects.get(name="Microsoft Teams").location.startswith("Online via Microsoft Teams. De link")
    for guideline in Guideline.objects.all():
        assert not english_in(guideline.body), guideline.title
    dutch_vacancies = Interview.objects.filter(vacancy__language="nl")
    for reason, memo, report in dutch_vacancies.values_list("reason", "memo", "report"):
        assert not english_in(f"{reason} {memo} {report}"), (reason, memo, report)
    english_vacancies = Interview.objects.filter(vacancy__language="en").exclude(reason="")
    assert all(
        english_in(reason) or reason.endswith("interview")
        for reason in english_vacancies.values_list("reason", flat=True)
    )


def test_one_candidate_answered_with_wishes_that_wait_as_to_dos(demo):
    from regisseur.responses.models import FollowUp, FollowUpKind

    kinds = set(FollowUp.objects.filter(done_at=None).values_list("kind", flat=True))
    assert {FollowUpKind.SEND_QUESTIONS, FollowUpKind.CHANGE_MODE} <= kinds
    event = InterviewEvent.objects.filter(
        action=InterviewEvent.Action.ANSWERED, changes__has_key="preferred_mode"
    ).get()
    assert event.source == InterviewEvent.Source.CANDIDATE
