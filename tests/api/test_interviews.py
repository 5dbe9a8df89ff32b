"""Planning, reading, changing and cancelling interviews through the API."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission

from regisseur.interviews.models import Guideline, Interview, InterviewEvent, LocationPreset
from regisseur.recruitment.models import Contact
from tests.conftest import make_application, make_interview

# Frozen "now" for every test here: Tuesday 1 December 2026, 10:00 in Amsterdam.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
INTERVIEW_FIELDS = {
    "id",
    "application_id",
    "starts_at",
    "ends_at",
    "duration_minutes",
    "time_zone",
    "type",
    "kind",
    "location",
    "interviewer",
    "status",
    "confirmation_status",
    "reminder",
    "version",
}


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def plan(client, application, **fields):
    body = {"application_id": application.pk, "starts_at": "2026-12-07T14:00:00+01:00", "duration_minutes": 60}
    body.update(fields)
    return client.post("/interviews", body)


def test_a_recruiter_plans_an_interview(as_alice, application):
    answer = plan(as_alice, application, interviewer="Alice", location="Kerkstraat 1", type="video", kind="both")
    assert answer.status == 201
    body = answer.body
    assert set(body) >= INTERVIEW_FIELDS
    assert body["application_id"] == application.pk
    assert body["starts_at"] == "2026-12-07T13:00:00Z"
    assert body["ends_at"] == "2026-12-07T14:00:00Z"
    assert (body["duration_minutes"], body["time_zone"]) == (60, "Europe/Amsterdam")
    assert (body["type"], body["kind"], body["location"], body["interviewer"]) == (
        "video",
        "both",
        "Kerkstraat 1",
        "Alice",
    )
    assert (body["status"], body["confirmation_status"], body["reminder"], body["version"]) == (
        "planned",
        "pending",
        None,
        1,
    )
    assert body["memo"] == ""
    assert as_alice.get(f"/interviews/{body['id']}").body == body


def test_every_planning_field_is_stored(as_alice, application, alice, acme, hank):
    preset = LocationPreset.objects.create(organisation=acme, name="Kantoor", location="Stationsplein 1, Utrecht")
    guideline = Guideline.objects.create(organisation=acme, title="STAR", body="Situation, Task, Action, Result")
    contact = Contact.objects.get(user=hank)
    answer = plan(
        as_alice,
        application,
        location_preset_id=preset.pk,
        reason="Eerste gesprek",
        participant_user_ids=[alice.pk],
        committee_contact_ids=[contact.pk],
        guideline_ids=[guideline.pk],
        memo="Vraagt hoog salaris",
        report="",
    )
    assert answer.status == 201
    body = answer.body
    assert body["location_preset_id"] == preset.pk
    assert body["location"] == "Stationsplein 1, Utrecht"
    assert body["reason"] == "Eerste gesprek"
    assert body["participant_user_ids"] == [alice.pk]
    assert body["committee_contact_ids"] == [contact.pk]
    assert body["guideline_ids"] == [guideline.pk]
    assert body["memo"] == "Vraagt hoog salaris"
    assert body["vacancy_id"] == application.vacancy_id


def test_an_interview_in_new_york_round_trips_in_utc(as_alice, application):
    answer = plan(as_alice, application, starts_at="2027-01-15T10:00:00-05:00", time_zone="America/New_York")
    assert answer.status == 201
    assert answer.body["starts_at"] == "2027-01-15T15:00:00Z"
    assert answer.body["time_zone"] == "America/New_York"
    again = as_alice.get(f"/interviews/{answer.body['id']}").body
    assert (again["starts_at"], again["time_zone"]) == ("2027-01-15T15:00:00Z", "America/New_York")
    assert Interview.objects.get().local_starts_at.hour == 10


def test_a_naive_datetime_is_read_in_the_interviews_time_zone(as_alice, application, vacancy):
    answer = plan(as_alice, application, starts_at="2027-01-15T10:00:00", time_zone="America/New_York")
    assert answer.body["starts_at"] == "2027-01-15T15:00:00Z"
    other = make_application(vacancy, "Piet", "Jansen")
    answer = plan(as_alice, other, starts_at="2027-07-15T10:00:00")
    assert answer.body["starts_at"] == "2027-07-15T08:00:00Z"


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"starts_at": "2026-11-30T10:00:00+01:00"}, "in_the_past", "starts_at"),
        ({"starts_at": "2026-12-01T09:59:00+01:00"}, "in_the_past", "starts_at"),
        ({"time_zone": "Mars/Olympus_Mons"}, "invalid_time_zone", "time_zone"),
        ({"time_zone": ""}, "invalid_time_zone", "time_zone"),
        ({"time_zone": "x" * 500}, "invalid_time_zone", "time_zone"),
        ({"duration_minutes": 0}, "invalid_duration", "duration_minutes"),
        ({"duration_minutes": -5}, "invalid_duration", "duration_minutes"),
        ({"duration_minutes": 100000}, "invalid_duration", "duration_minutes"),
        ({"duration_minutes": 10**30}, "invalid_duration", "duration_minutes"),
        ({"duration_minutes": "sixty"}, "validation_error", "duration_minutes"),
        ({"duration_minutes": 60.5}, "validation_error", "duration_minutes"),
        ({"starts_at": "tomorrow"}, "validation_error", "starts_at"),
        ({"starts_at": "2026-02-30T10:00:00+01:00"}, "validation_error", "starts_at"),
        ({"starts_at": "9999-12-31T23:59:59-12:00"}, "invalid_datetime", "starts_at"),
        ({"starts_at": "0001-01-01T00:00:00"}, "invalid_datetime", "starts_at"),
        ({"type": "carrier_pigeon"}, "validation_error", "type"),
        ({"kind": "everyone"}, "validation_error", "kind"),
        ({"location": "x" * 501}, "too_long", "location"),
        ({"reason": "x" * 201}, "too_long", "reason"),
        ({"interviewer": "x" * 201}, "too_long", "interviewer"),
        ({"memo": "x" * 5001}, "too_long", "memo"),
        ({"location": "Kerk\x00straat"}, "validation_error", "location"),
        ({"participant_user_ids": [2**64]}, "not_found", "participant_user_ids"),
        ({"participant_user_ids": ["x"]}, "validation_error", "participant_user_ids.0"),
        ({"guideline_ids": [123456]}, "not_found", "guideline_ids"),
        ({"committee_contact_ids": [-1]}, "not_found", "committee_contact_ids"),
        ({"location_preset_id": 2**63}, "not_found", "location_preset_id"),
        ({"application_id": 2**80}, "not_found", "application_id"),
        ({"application_id": None}, "validation_error", "application_id"),
    ],
)
def test_an_invalid_interview_is_refused_and_nothing_changes(as_alice, application, fields, code, field):
    answer = plan(as_alice, application, **fields)
    assert answer.status in {404, 422}
    assert answer.status == (404 if code == "not_found" else 422)
    assert (answer.error["code"], answer.error["field"]) == (code, field)
    assert answer.error["message"]
    assert Interview.objects.count() == 0
    assert InterviewEvent.objects.count() == 0


@pytest.mark.parametrize("missing", ["application_id", "starts_at", "duration_minutes"])
def test_the_required_fields_are_required(as_alice, application, missing):
    body = {"application_id": application.pk, "starts_at": "2026-12-07T14:00:00+01:00", "duration_minutes": 60}
    del body[missing]
    answer = as_alice.post("/interviews", body)
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "validation_error", missing)
    assert Interview.objects.count() == 0


def test_a_conflict_is_refused_with_the_conflicting_interviews(as_alice, application, alice):
    first = plan(as_alice, application, participant_user_ids=[alice.pk]).body
    answer = plan(as_alice, application, starts_at="2026-12-07T14:30:00+01:00", participant_user_ids=[alice.pk])
    assert answer.status == 409
    assert answer.error["code"] == "conflict"
    # Each busy resource named: the colleague and the candidate, both held by the first interview.
    held = {"interview_id": first["id"], "id": first["id"], "starts_at": "2026-12-07T13:00:00Z"}
    assert [
        {key: row[key] for key in ("resource", "name", "interview_id", "id", "starts_at")}
        for row in answer.error["conflicts"]
    ] == [
        {"resource": "participant", "name": "Alice de Vries", **held},
        {"resource": "candidate", "name": "Sanne Bakker", **held},
    ]
    assert answer.error["conflicts"][0]["ends_at"] == "2026-12-07T14:00:00Z"
    assert Interview.objects.count() == 1


def test_force_plans_despite_a_conflict(as_alice, application):
    plan(as_alice, application)
    answer = plan(as_alice, application, starts_at="2026-12-07T14:30:00+01:00", force=True)
    assert answer.status == 201
    assert Interview.objects.count() == 2


def test_the_memo_is_shown_only_to_recruiters(as_alice, as_hank, application, alice, vacancy, hank):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save(update_fields=["hiring_manager"])
    interview_id = plan(as_alice, application, kind="hiring_manager", memo="Privé").body["id"]
    answer = as_hank.get(f"/interviews/{interview_id}")
    assert answer.status == 200
    assert "memo" not in answer.body
    assert "memo" not in as_hank.get("/interviews").body["items"][0]
    assert as_alice.get(f"/interviews/{interview_id}").body["memo"] == "Privé"


def test_a_hiring_manager_sees_only_their_interviews(as_hank, alice, hank, vacancy, application):
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save(update_fields=["hiring_manager"])
    theirs = make_interview(alice, application, kind="hiring_manager")
    other = make_interview(alice, make_application(vacancy, "Piet", "Jansen"), kind="recruiter")
    assert as_hank.get(f"/interviews/{theirs.pk}").status == 200
    assert as_hank.get(f"/interviews/{other.pk}").status == 404
    assert [item["id"] for item in as_hank.get("/interviews").body["items"]] == [theirs.pk]


def test_a_committee_member_sees_their_interviews_but_cannot_change_them(as_cora, alice, cora, application):
    interview = make_interview(alice, application, committee_members=[Contact.objects.get(user=cora)])
    assert as_cora.get(f"/interviews/{interview.pk}").status == 200
    answer = as_cora.patch(f"/interviews/{interview.pk}", {"location": "Elders"})
    assert (answer.status, answer.error["code"]) == (403, "forbidden")
    answer = as_cora.post(f"/interviews/{interview.pk}/cancel", {"reason": "Nee"})
    assert (answer.status, answer.error["code"]) == (403, "forbidden")
    interview.refresh_from_db()
    assert (interview.location, interview.status) == ("", "planned")


def test_hiring_managers_and_committee_members_cannot_plan(as_hank, as_cora, application):
    for client in (as_hank, as_cora):
        answer = plan(client, application)
        assert (answer.status, answer.error["code"]) == (403, "forbidden")
    assert Interview.objects.count() == 0


def test_another_organisations_interviews_are_not_found(as_mallory, alice, application):
    interview = make_interview(alice, application)
    assert as_mallory.get(f"/interviews/{interview.pk}").status == 404
    assert as_mallory.patch(f"/interviews/{interview.pk}", {"location": "X"}).status == 404
    assert as_mallory.post(f"/interviews/{interview.pk}/cancel", {}).status == 404
    assert plan(as_mallory, application).status == 404
    assert as_mallory.get("/interviews").body == {"items": [], "count": 0}
    interview.refresh_from_db()
    assert (interview.location, interview.status) == ("", "planned")


def test_another_organisations_relations_are_not_found(as_alice, application, mallory, rival):
    guideline = Guideline.objects.create(organisation=rival, title="Theirs", body="…")
    for fields in ({"participant_user_ids": [mallory.pk]}, {"guideline_ids": [guideline.pk]}):
        answer = plan(as_alice, application, **fields)
        assert (answer.status, answer.error["code"]) == (404, "not_found")
    assert Interview.objects.count() == 0


# ---------------------------------------------------------------- changes


def test_patch_changes_only_the_fields_sent(as_alice, application):
    created = plan(as_alice, application, location="Kerkstraat 1", interviewer="Alice").body
    answer = as_alice.patch(f"/interviews/{created['id']}", {"location": "Dorpsstraat 2"})
    assert answer.status == 200
    assert answer.body["location"] == "Dorpsstraat 2"
    assert (answer.body["interviewer"], answer.body["starts_at"]) == ("Alice", created["starts_at"])
    assert answer.body["version"] == created["version"] + 1


def test_a_new_start_is_a_reschedule(as_alice, application):
    created = plan(as_alice, application).body
    Interview.objects.filter(pk=created["id"]).update(confirmation_status="accepted")
    answer = as_alice.patch(f"/interviews/{created['id']}", {"starts_at": "2026-12-08T09:30:00+01:00"})
    assert answer.status == 200
    assert (answer.body["starts_at"], answer.body["ends_at"]) == ("2026-12-08T08:30:00Z", "2026-12-08T09:30:00Z")
    assert answer.body["confirmation_status"] == "pending"
    assert InterviewEvent.objects.filter(interview_id=created["id"], action="rescheduled").exists()


def test_a_naive_new_start_is_read_in_the_new_time_zone(as_alice, application):
    created = plan(as_alice, application).body
    answer = as_alice.patch(
        f"/interviews/{created['id']}", {"starts_at": "2027-01-15T10:00:00", "time_zone": "America/New_York"}
    )
    assert (answer.body["starts_at"], answer.body["time_zone"]) == ("2027-01-15T15:00:00Z", "America/New_York")


def test_patch_changes_relations_and_duration(as_alice, application, alice, acme):
    guideline = Guideline.objects.create(organisation=acme, title="STAR", body="…")
    created = plan(as_alice, application).body
    answer = as_alice.patch(
        f"/interviews/{created['id']}",
        {"duration_minutes": 90, "participant_user_ids": [alice.pk], "guideline_ids": [guideline.pk], "memo": "m"},
    )
    assert answer.status == 200
    assert (answer.body["duration_minutes"], answer.body["ends_at"]) == (90, "2026-12-07T14:30:00Z")
    assert (answer.body["participant_user_ids"], answer.body["guideline_ids"]) == ([alice.pk], [guideline.pk])
    assert answer.body["memo"] == "m"


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"starts_at": "2026-11-01T10:00:00+01:00"}, "in_the_past", "starts_at"),
        ({"starts_at": None}, "required", "starts_at"),
        ({"time_zone": "Nowhere/Land"}, "invalid_time_zone", "time_zone"),
        ({"duration_minutes": 0}, "invalid_duration", "duration_minutes"),
        ({"location": "x" * 501}, "too_long", "location"),
        ({"participant_user_ids": [999999]}, "not_found", "participant_user_ids"),
        ({"reminder": {"channel": "email", "days_before": 4}}, "reminder_days_invalid", "reminder.days_before"),
    ],
)
def test_an_invalid_change_is_refused_and_nothing_changes(as_alice, application, fields, code, field):
    created = plan(as_alice, application).body
    answer = as_alice.patch(f"/interviews/{created['id']}", fields)
    assert (answer.error["code"], answer.error["field"]) == (code, field)
    assert answer.status == (404 if code == "not_found" else 422)
    assert as_alice.get(f"/interviews/{created['id']}").body == created
    assert InterviewEvent.objects.count() == 1


def test_a_change_into_a_conflict_is_refused_unless_forced(as_alice, application):
    plan(as_alice, application)
    later = plan(as_alice, application, starts_at="2026-12-07T16:00:00+01:00").body
    answer = as_alice.patch(f"/interviews/{later['id']}", {"starts_at": "2026-12-07T14:30:00+01:00"})
    assert answer.status == 409
    assert [conflict["reasons"] for conflict in answer.error["conflicts"]] == [["candidate"]]
    assert as_alice.get(f"/interviews/{later['id']}").body["starts_at"] == later["starts_at"]
    forced = as_alice.patch(f"/interviews/{later['id']}", {"starts_at": "2026-12-07T14:30:00+01:00", "force": True})
    assert (forced.status, forced.body["starts_at"]) == (200, "2026-12-07T13:30:00Z")


def test_a_recruiter_cancels_an_interview(as_alice, application):
    created = plan(as_alice, application).body
    answer = as_alice.post(f"/interviews/{created['id']}/cancel", {"reason": "Kandidaat ziek"})
    assert answer.status == 200
    assert answer.body["status"] == "cancelled"
    assert answer.body["cancel_reason"] == "Kandidaat ziek"
    assert answer.body["version"] == created["version"] + 1


def test_cancel_needs_no_body(as_alice, application):
    created = plan(as_alice, application).body
    answer = as_alice.post(f"/interviews/{created['id']}/cancel")
    assert (answer.status, answer.body["status"]) == (200, "cancelled")


def test_a_cancelled_interview_cannot_be_changed_or_cancelled_again(as_alice, application):
    created = plan(as_alice, application).body
    as_alice.post(f"/interviews/{created['id']}/cancel", {"reason": "Weg"})
    for answer in (
        as_alice.patch(f"/interviews/{created['id']}", {"location": "Elders"}),
        as_alice.post(f"/interviews/{created['id']}/cancel", {"reason": "Nogmaals"}),
    ):
        assert (answer.status, answer.error["code"]) == (422, "interview_cancelled")
    assert Interview.objects.get().cancel_reason == "Weg"


def test_an_overlong_cancel_reason_is_refused(as_alice, application):
    created = plan(as_alice, application).body
    answer = as_alice.post(f"/interviews/{created['id']}/cancel", {"reason": "x" * 501})
    assert (answer.status, answer.error["code"]) == (422, "too_long")
    assert Interview.objects.get().status == "planned"


# ---------------------------------------------------------------- reminders (more in tests/reminders/test_api.py)


@pytest.mark.parametrize("days", [0, 4, 6, 8, -1, 2**70])
def test_a_reminder_is_sent_only_on_the_allowed_days(as_alice, application, days):
    answer = plan(as_alice, application, reminder={"channel": "email", "days_before": days})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (
        422,
        "reminder_days_invalid",
        "reminder.days_before",
    )
    assert Interview.objects.count() == 0


@pytest.mark.parametrize("days", [1, 2, 3, 5])
def test_an_email_reminder_is_accepted(as_alice, application, days):
    answer = plan(
        as_alice,
        application,
        starts_at="2026-12-20T10:00:00+01:00",
        reminder={"channel": "email", "days_before": days, "subject": "Morgen", "body": "Tot dan", "signature": "A"},
    )
    assert answer.status == 201
    assert answer.body["reminder"]["channel"] == "email"
    assert answer.body["reminder"]["days_before"] == days
    assert answer.body["reminder"]["state"] == "scheduled"


def test_an_email_reminder_needs_its_days(as_alice, application):
    answer = plan(as_alice, application, reminder={"channel": "email"})
    assert (answer.status, answer.error["code"]) == (422, "reminder_days_invalid")


@pytest.mark.parametrize("channel", ["sms", "email_sms"])
def test_sms_reminders_need_sms_access(as_alice, application, alice, channel):
    answer = plan(as_alice, application, reminder={"channel": channel, "days_before": 1})
    assert (answer.status, answer.error["code"], answer.error["field"]) == (422, "sms_not_allowed", "reminder.channel")
    assert Interview.objects.count() == 0
    alice.user_permissions.add(Permission.objects.get(codename="sms_access"))
    assert plan(as_alice, application, reminder={"channel": channel, "days_before": 1}).status == 201


def test_an_sms_reminder_for_a_candidate_without_mobile_warns(as_alice, alice, vacancy):
    alice.user_permissions.add(Permission.objects.get(codename="sms_access"))
    no_mobile = make_application(vacancy, "Piet", "Jansen")
    answer = plan(as_alice, no_mobile, reminder={"channel": "sms", "days_before": 1})
    assert answer.status == 201
    assert [warning["code"] for warning in answer.body["warnings"]] == ["candidate_has_no_mobile"]


def test_an_unknown_reminder_channel_is_refused(as_alice, application):
    answer = plan(as_alice, application, reminder={"channel": "pigeon", "days_before": 1})
    assert (answer.status, answer.error["field"]) == (422, "reminder.channel")


def test_no_reminder_answers_null_and_keeps_the_time(as_alice, application):
    answer = plan(as_alice, application, reminder={"channel": "none"})
    assert answer.body["reminder"] is None
    assert datetime.fromisoformat(answer.body["starts_at"]) - NOW > timedelta(days=5)
