"""Reminders in the planning form, the edit form, the bulk invitation, the overview and the record (seed 004)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.core.timezones import local_to_utc
from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message, MessageTemplate, Purpose
from regisseur.recruitment.models import Application
from regisseur.reminders.models import Reminder, ReminderState
from regisseur.reminders.services import set_reminder
from tests.conftest import make_application, make_interview
from tests.interviews.test_views_overview import bulk_interviews

# Frozen "now": Tuesday 1 December 2026, 10:00 in Amsterdam (winter, UTC+1).
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MONDAY = date(2026, 12, 7)
MONDAY_14 = local_to_utc(MONDAY, time(14, 0), "Europe/Amsterdam")
SATURDAY_9 = local_to_utc(date(2026, 12, 5), time(9, 0), "Europe/Amsterdam")
PLAN = reverse("interviews:plan")
OVERVIEW = reverse("interviews:overview")


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def sam(acme):
    """A recruiter with SMS access."""
    return create_user(
        username="sam",
        password="correct horse 1",
        organisation=acme,
        role=Role.RECRUITER,
        sms_access=True,
        first_name="Sam",
        last_name="Sms",
        email="sam@acme.test",
        language="en",
    )


@pytest.fixture
def no_mobile(vacancy) -> Application:
    return make_application(vacancy, "Piet", "Jansen")


def plan_url(application: Application) -> str:
    return f"{PLAN}?application={application.pk}"


def planning(day: date = MONDAY, **extra: Any) -> dict[str, Any]:
    data = {
        "date": day.strftime("%d-%m-%Y"),
        "time": "14:00",
        "time_zone": "Europe/Amsterdam",
        "duration_minutes": "60",
        "type": "in_person",
        "kind": "recruiter",
        "location": "Damrak 1",
        "interviewer": "Jan Smit",
    }
    data.update(extra)
    return data


def reminder(channel: str = "email", days: int = 2, **texts: str) -> dict[str, Any]:
    return {
        "reminder": channel,
        "reminder_days": str(days),
        "reminder_subject": texts.get("subject", ""),
        "reminder_body": texts.get("body", ""),
        "reminder_signature": texts.get("signature", ""),
    }


def flashes(response: Any) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def channel_values(response: Any) -> list[str]:
    return [value for value, _label in response.context["reminder_form"].fields["reminder"].choices]


# ---------------------------------------------------------------- the options (M1)


def test_without_sms_access_the_sms_options_are_not_shown(client, alice, application):
    client.force_login(alice)
    response = client.get(plan_url(application))
    html = response.content.decode()
    assert channel_values(response) == ["none", "email"]
    assert 'value="sms"' not in html and 'value="email_sms"' not in html
    assert "Send a reminder by email" in html and "by SMS" not in html
    for label in ("Days before the interview", "Subject", "Content", "Signature"):
        assert label in html
    assert "reminder template in the candidate&#x27;s language when the reminder is sent" in html


def test_with_sms_access_all_four_options_are_shown(client, sam, application):
    client.force_login(sam)
    response = client.get(plan_url(application))
    assert channel_values(response) == ["none", "email", "sms", "email_sms"]
    html = response.content.decode()
    assert "Send a reminder by SMS" in html and "Send a reminder by email and SMS" in html
    # The default: no reminder.
    assert response.context["reminder_form"]["reminder"].value() == "none"


def test_an_sms_reminder_posted_without_sms_access_is_refused_and_nothing_is_planned(client, alice, application):
    client.force_login(alice)
    response = client.post(plan_url(application), {**planning(), **reminder("email_sms")})
    assert response.status_code == 200
    assert "reminder" in response.context["reminder_form"].errors
    assert not Interview.objects.exists() and not Reminder.objects.exists()


def test_the_organisations_reminder_template_in_the_candidates_language_is_shown_as_a_hint(
    client, alice, acme, vacancy
):
    english = make_application(vacancy, "Emma", "Smith", language="en", mobile="+31611111111")
    MessageTemplate.objects.create(
        organisation=acme,
        purpose=Purpose.REMINDER,
        language="en",
        name="Ours",
        subject="See you on {interview_date}",
        body="Dear {candidate_name}, a reminder.",
        is_default=True,
    )
    client.force_login(alice)
    html = client.get(plan_url(english)).content.decode()
    assert 'placeholder="See you on {interview_date}"' in html


# ---------------------------------------------------------------- planning with a reminder (M2, M3, M4)


def test_a_monday_interview_with_two_days_is_reminded_on_saturday_at_nine(client, alice, application):
    client.force_login(alice)
    data = {**planning(), **reminder("email", 2, subject="Tot maandag", body="Tot dan.", signature="Alice")}
    response = client.post(plan_url(application), data)
    interview = Interview.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("interviews:detail", args=[interview.pk])
    row = Reminder.objects.get(interview=interview)
    assert (row.channel, row.days_before, row.due_at, row.state) == ("email", 2, SATURDAY_9, "scheduled")
    assert (row.subject, row.body, row.signature) == ("Tot maandag", "Tot dan.", "Alice")
    page = client.get(response["Location"]).content.decode()
    assert "05-12-2026 09:00" in page
    assert "Email" in page and 'data-reminder-state="scheduled"' in page and "Scheduled" in page


def test_empty_texts_are_stored_empty_so_the_template_applies_at_sending_time(client, alice, application):
    client.force_login(alice)
    client.post(plan_url(application), {**planning(), **reminder("email", 1)})
    row = Reminder.objects.get()
    assert (row.subject, row.body, row.signature) == ("", "", "")


def test_too_close_is_refused_next_to_the_days_with_the_date_and_nothing_is_planned(client, alice, application):
    client.force_login(alice)
    response = client.post(plan_url(application), {**planning(), **reminder("email", 7)})
    assert response.status_code == 200
    errors = response.context["reminder_form"].errors["reminder_days"]
    assert "30-11-2026 09:00" in errors[0]
    html = response.content.decode()
    assert 'id="id_reminder_days_errors"' in html and "30-11-2026 09:00" in html
    assert not Interview.objects.exists() and not Reminder.objects.exists()


def test_an_email_reminder_needs_its_days(client, alice, application):
    client.force_login(alice)
    response = client.post(plan_url(application), {**planning(), **reminder("email"), "reminder_days": ""})
    assert "reminder_days" in response.context["reminder_form"].errors
    assert not Interview.objects.exists()


def test_days_other_than_one_two_three_five_or_seven_are_refused(client, alice, application):
    client.force_login(alice)
    response = client.post(plan_url(application), {**planning(), **reminder("email", 4)})
    assert "reminder_days" in response.context["reminder_form"].errors
    assert not Interview.objects.exists()


def test_no_reminder_plans_without_one(client, alice, application):
    client.force_login(alice)
    response = client.post(plan_url(application), {**planning(), **reminder("none", 7)})
    assert response.status_code == 302
    assert not Reminder.objects.exists()
    assert "No reminder" in client.get(response["Location"]).content.decode()


def test_an_unknown_placeholder_in_the_reminder_is_shown_next_to_the_content(client, alice, application):
    client.force_login(alice)
    response = client.post(plan_url(application), {**planning(), **reminder("email", 2, body="Hoi {nonsense}")})
    assert response.status_code == 200
    assert "reminder_body" in response.context["reminder_form"].errors
    assert not Interview.objects.exists()


# ---------------------------------------------------------------- the warning without a mobile number (M5)


def test_the_form_warns_before_saving_when_the_candidate_has_no_mobile(client, sam, alice, no_mobile):
    client.force_login(sam)
    html = client.get(plan_url(no_mobile)).content.decode()
    assert 'id="reminder-no-mobile"' in html and "Piet Jansen" in html
    # Without SMS access there is no SMS option to warn about.
    client.force_login(alice)
    assert 'id="reminder-no-mobile"' not in client.get(plan_url(no_mobile)).content.decode()


def test_an_sms_reminder_without_mobile_warns_and_the_record_shows_the_skip(client, sam, no_mobile):
    client.force_login(sam)
    response = client.post(plan_url(no_mobile), {**planning(), **reminder("email_sms", 1)})
    assert response.status_code == 302
    assert ("warning", "The candidate has no mobile number: the SMS reminder will be skipped.") in flashes(response)
    row = Reminder.objects.get()
    assert (row.channel, row.state) == ("email_sms", "scheduled")
    page = client.get(response["Location"]).content.decode()
    assert "SMS skipped: no mobile number" in page
    assert "SMS skipped: no mobile number" in client.get(OVERVIEW).content.decode()


def test_an_sms_reminder_for_a_candidate_with_a_mobile_has_no_warning(client, sam, application):
    client.force_login(sam)
    response = client.post(plan_url(application), {**planning(), **reminder("sms", 1)})
    assert [level for level, _text in flashes(response)] == ["success"]
    assert "SMS skipped" not in client.get(response["Location"]).content.decode()


# ---------------------------------------------------------------- the edit form (M7)


@pytest.fixture
def reminded(alice, application) -> Interview:
    interview = make_interview(alice, application, starts_at=MONDAY_14)
    set_reminder(actor=alice, interview=interview, channel="email", days_before=2, subject="Tot maandag")
    return interview


def edit_url(interview: Interview) -> str:
    return reverse("interviews:edit", args=[interview.pk])


def test_the_edit_form_shows_the_reminder_as_set(client, alice, reminded):
    client.force_login(alice)
    form = client.get(edit_url(reminded)).context["reminder_form"]
    assert (form["reminder"].value(), form["reminder_days"].value(), form["reminder_subject"].value()) == (
        "email",
        2,
        "Tot maandag",
    )


def test_rescheduling_in_the_edit_form_moves_the_unchanged_reminder(client, alice, reminded):
    client.force_login(alice)
    data = {**planning(date(2026, 12, 9)), **reminder("email", 2, subject="Tot maandag")}
    response = client.post(edit_url(reminded), data)
    assert response.status_code == 302
    row = Reminder.objects.get()
    assert (row.due_at, row.state) == (SATURDAY_9 + timedelta(days=2), "scheduled")
    assert ("success", "The interview has been rescheduled.") in flashes(response)


def test_changing_only_the_reminder_is_saved(client, alice, reminded):
    client.force_login(alice)
    response = client.post(edit_url(reminded), {**planning(), **reminder("email", 1, subject="Morgen")})
    assert ("success", "The interview has been saved.") in flashes(response)
    row = Reminder.objects.get()
    assert (row.days_before, row.subject, row.due_at) == (1, "Morgen", SATURDAY_9 + timedelta(days=1))


def test_choosing_no_reminder_cancels_it(client, alice, reminded):
    client.force_login(alice)
    response = client.post(edit_url(reminded), {**planning(), **reminder("none")})
    assert response.status_code == 302
    assert Reminder.objects.get().state == ReminderState.CANCELLED
    page = client.get(response["Location"]).content.decode()
    assert 'data-reminder-state="cancelled"' in page and "No reminder chosen." in page


def test_a_refused_reminder_in_the_edit_form_changes_nothing(client, alice, reminded):
    client.force_login(alice)
    response = client.post(edit_url(reminded), {**planning(location="Elders"), **reminder("email", 7)})
    assert response.status_code == 200
    assert "30-11-2026 09:00" in response.context["reminder_form"].errors["reminder_days"][0]
    reminded.refresh_from_db()
    assert (reminded.location, reminded.version) == ("", 1)
    assert Reminder.objects.get().days_before == 2


def test_a_move_too_close_for_the_reminder_cancels_it_and_says_so(client, alice, reminded):
    client.force_login(alice)
    data = {**planning(date(2026, 12, 2)), **reminder("email", 2, subject="Tot maandag")}
    response = client.post(edit_url(reminded), data)
    assert response.status_code == 302
    assert Reminder.objects.get().state == ReminderState.CANCELLED
    assert any(level == "warning" and "reminder has been cancelled" in text for level, text in flashes(response))


def test_a_sent_reminder_is_shown_and_not_changed_by_saving(client, alice, reminded):
    Reminder.objects.update(state=ReminderState.SENT, sent_at=NOW)
    client.force_login(alice)
    response = client.get(edit_url(reminded))
    assert response.context["reminder_form"].is_sent
    assert "This reminder has been sent" in response.content.decode()
    response = client.post(edit_url(reminded), {**planning(location="Elders"), **reminder("none")})
    assert response.status_code == 302
    assert Reminder.objects.get().state == ReminderState.SENT


def test_someone_elses_sms_reminder_survives_an_edit_by_a_recruiter_without_sms_access(client, alice, sam, application):
    interview = make_interview(alice, application, starts_at=MONDAY_14)
    set_reminder(actor=sam, interview=interview, channel="sms", days_before=1)
    client.force_login(alice)
    response = client.post(edit_url(interview), {**planning(location="Elders"), **reminder("sms", 1)})
    assert response.status_code == 302
    assert (Reminder.objects.get().channel, Reminder.objects.get().state) == ("sms", "scheduled")
    # ... but she cannot choose SMS anew.
    response = client.post(edit_url(interview), {**planning(), **reminder("email_sms", 1)})
    assert "reminder" in response.context["reminder_form"].errors


# ---------------------------------------------------------------- "do not send email" (M6)


def test_a_reminder_can_be_set_while_choosing_do_not_send_email(client, alice, application, smtp_server):
    client.force_login(alice)
    data = {**planning(), **reminder("email", 2), "communicate": "1"}
    response = client.post(plan_url(application), data)
    interview = Interview.objects.get()
    communicate = reverse("messaging:communicate", args=[interview.pk, "candidate"])
    assert response["Location"] == communicate
    page = client.get(communicate)
    form = page.context["form"]
    posted = {name: form[name].value() or "" for name in form.fields if name != "include_confirm_link"}
    posted["profile"] = getattr(posted["profile"], "pk", posted["profile"])
    response = client.post(communicate, {**posted, "action": "do_not_send"})
    assert response.status_code == 302
    assert not Message.objects.exists()
    row = Reminder.objects.get()
    assert (row.state, row.due_at) == ("scheduled", SATURDAY_9)


# ---------------------------------------------------------------- bulk invitation (P5)


def test_a_bulk_invitation_sets_the_reminder_on_each_interview_and_names_who_has_no_mobile(
    client, sam, application, no_mobile
):
    client.force_login(sam)
    url = f"{reverse('interviews:invite')}?application={application.pk}&application={no_mobile.pk}"
    page = client.get(url)
    assert 'id="reminder-no-mobile"' in page.content.decode()
    # One after the other: the same interviewer and room cannot be in both at once.
    response = client.post(url, {**planning(mode="each", spacing_minutes="60"), **reminder("email_sms", 2)})
    assert response.status_code == 302
    rows = list(Reminder.objects.order_by("interview__application_id"))
    assert [(row.channel, row.due_at) for row in rows] == [("email_sms", SATURDAY_9)] * 2
    warnings = [text for level, text in flashes(response) if level == "warning"]
    assert warnings == ["Piet Jansen: The candidate has no mobile number: the SMS reminder will be skipped."]


def test_a_bulk_invitation_with_a_reminder_too_late_plans_nobody(client, alice, application, no_mobile):
    client.force_login(alice)
    url = f"{reverse('interviews:invite')}?application={application.pk}&application={no_mobile.pk}"
    response = client.post(url, {**planning(mode="each", spacing_minutes="60"), **reminder("email", 7)})
    assert response.status_code == 200
    assert "reminder_days" in response.context["reminder_form"].errors
    assert not Interview.objects.exists()


def test_an_interview_round_without_candidate_has_no_reminder_part(client, alice, vacancy):
    client.force_login(alice)
    response = client.get(f"{PLAN}?vacancy={vacancy.pk}")
    assert response.context["reminder_form"] is None
    assert "Reminder to the candidate" not in response.content.decode()


# ---------------------------------------------------------------- overview (item 7)


def test_the_overview_shows_channel_due_time_and_state(client, alice, reminded, vacancy):
    other = make_interview(alice, make_application(vacancy, "Kees", "Klaver"), starts_at=MONDAY_14 + timedelta(hours=2))
    client.force_login(alice)
    html = client.get(OVERVIEW).content.decode()
    row = html.split(f'data-interview="{reminded.pk}"')[1].split("</tr>")[0]
    assert "Email" in row and "05-12-2026 09:00" in row and "badge-queued" in row and "Scheduled" in row
    empty = html.split(f'data-interview="{other.pk}"')[1].split("</tr>")[0]
    assert 'class="reminder"' not in empty
    assert "(Europe/Amsterdam)" in html


def test_a_cancelled_interviews_reminder_shows_cancelled(client, alice, reminded):
    from regisseur.actions.cancelling import cancel_interview

    cancel_interview(actor=alice, interview=reminded)
    client.force_login(alice)
    html = client.get(OVERVIEW).content.decode()
    assert 'data-reminder-state="cancelled"' in html and "badge-cancelled" in html


def _with_reminders(alice: Any) -> None:
    for interview in Interview.objects.filter(reminder__isnull=True):
        Reminder.objects.create(
            interview=interview,
            channel="email_sms",
            days_before=1,
            due_at=interview.starts_at - timedelta(days=1),
            interview_version=interview.version,
        )


def count_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(OVERVIEW)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_overviews_queries_do_not_grow_with_reminders(client, alice, vacancy):
    client.force_login(alice)
    bulk_interviews(alice, vacancy, 3)
    _with_reminders(alice)
    few = count_queries(client)
    bulk_interviews(alice, vacancy, 27)
    _with_reminders(alice)
    assert count_queries(client) == few


def test_two_hundred_rows_with_reminders_take_at_most_twelve_queries(client, alice, vacancy):
    bulk_interviews(alice, vacancy, 200)
    _with_reminders(alice)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(OVERVIEW).content.decode()
    assert len(captured.captured_queries) <= 12, [q["sql"] for q in captured.captured_queries]
    assert html.count('class="reminder"') == 200
    # These candidates have no mobile number: each row says the SMS part is skipped.
    assert html.count("SMS skipped: no mobile number") == 200


# ---------------------------------------------------------------- Dutch


@pytest.fixture
def dutch_default(settings):
    settings.LANGUAGE_CODE = "nl"


def test_a_dutch_recruiter_sees_the_reminder_part_in_dutch(client, alice, reminded, application, dutch_default):
    alice.language = "nl"
    alice.save()
    client.force_login(alice)
    html = client.get(plan_url(application)).content.decode()
    for word in ("Herinnering", "Onderwerp", "Inhoud", "Handtekening"):
        assert word in html
    assert "05-12-2026 09:00" in client.get(OVERVIEW).content.decode()
